//! Helpers shared by the integration tests that run the real binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_news-extract"));
    c.stdin(Stdio::null());
    c
}

/// Run `args` and wait at most `limit`: a hang fails the test instead of
/// blocking the suite.
pub fn run_limited(args: &[&std::ffi::OsStr], limit: Duration) -> Output {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start news-extract");
    // Drain the pipes on threads so a chatty child never blocks.
    let mut so = child.stdout.take().expect("stdout");
    let mut se = child.stderr.take().expect("stderr");
    let t1 = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut so, &mut v);
        v
    });
    let t2 = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut se, &mut v);
        v
    });
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if t0.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("news-extract {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t1.join().expect("stdout thread"),
        stderr: t2.join().expect("stderr thread"),
    }
}

/// Run with string arguments, two minutes at most.
pub fn run(args: &[&str]) -> Output {
    let a: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    run_limited(&a, Duration::from_secs(120))
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A CSV file as rows of cells (header included).
pub fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    r.records()
        .map(|rec| {
            rec.expect("CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The seven table names.
pub const TABLES: [&str; 7] = [
    "documents",
    "mentions",
    "people",
    "organizations",
    "charges",
    "sentences",
    "clemency",
];

/// Assert two output folders hold byte-identical tables.
pub fn assert_same_tables(a: &Path, b: &Path) {
    for t in TABLES {
        let x = std::fs::read(a.join(format!("{t}.csv"))).expect("table a");
        let y = std::fs::read(b.join(format!("{t}.csv"))).expect("table b");
        assert!(
            x == y,
            "{t}.csv differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

/// A short article in our own words, varied by `i`.
pub fn article(i: usize) -> String {
    format!(
        "Bakersfield Man Sentenced in Fraud Case {i}\n\n\
         A federal judge on Tuesday sentenced Marcus Delgado-Whitby{i}, 41, to 37 months in \
         federal prison after he pleaded guilty to wire fraud and aggravated identity theft. \
         Prosecutors with the U.S. Attorney's Office said he stole from {i} retirees.\n\n\
         Governor Alan Brightwater later pardoned a woman convicted of theft in 1998.\n"
    )
}

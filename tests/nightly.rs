//! Nightly runs with `--state`: unchanged files are not read, changed files
//! are, tables always equal a full run, and a killed run harms nothing.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(p, text).expect("write");
}

/// Set a file's mtime (to undo a rewrite, or to age it past the racy window).
fn set_mtime(path: &Path, t: SystemTime) {
    let f = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open for mtime");
    f.set_modified(t).expect("set mtime");
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

/// An input folder whose files are older than the racy-clean window.
fn corpus(dir: &Path, n: usize) {
    for i in 0..n {
        write(dir, &format!("news/story{i:03}.txt"), &article(i));
    }
    write(
        dir,
        "wire.jsonl",
        "{\"id\": \"w1\", \"title\": \"Wire one\", \"text\": \"Judge Ada Quist sentenced Tom Berrow to life in prison.\"}\n\
         {\"text\": \"The governor commuted the sentence of Lena Ostrova.\"}\n",
    );
    age_all(dir);
}

fn age_all(dir: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    for e in walk(dir) {
        set_mtime(&e, old);
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

struct Run {
    stderr: String,
    code: i32,
}

fn nightly(input: &Path, out: &Path, state: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        input.to_str().expect("utf-8 temp path"),
        "-o",
        out.to_str().expect("utf-8"),
        "--state",
        state.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    Run {
        stderr: stderr(&o),
        code: o.status.code().unwrap_or(-1),
    }
}

fn full(input: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "-q",
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
}

/// "N processed, M unchanged" from the summary line.
fn counts(stderr: &str) -> (u64, u64) {
    let grab = |word: &str| -> u64 {
        let i = stderr
            .find(&format!(" {word}"))
            .unwrap_or_else(|| panic!("no '{word}' in summary: {stderr}"));
        let head = &stderr[..i];
        let num: String = head
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        num.parse().expect("count")
    };
    (grab("processed"), grab("unchanged"))
}

#[test]
fn second_run_replays_without_reading_and_matches_full_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let state = tmp.path().join("state.bin");
    corpus(&input, 12);

    let r1 = nightly(&input, &out, &state, &[]);
    assert_eq!(r1.code, 0, "{}", r1.stderr);
    assert_eq!(counts(&r1.stderr), (14, 0), "{}", r1.stderr);
    let f = tmp.path().join("full");
    full(&input, &f, &[]);
    assert_same_tables(&out, &f);

    // Unchanged folder: everything replayed.
    let r2 = nightly(&input, &out, &state, &[]);
    assert_eq!(r2.code, 0, "{}", r2.stderr);
    assert_eq!(counts(&r2.stderr), (0, 14), "{}", r2.stderr);
    assert_same_tables(&out, &f);

    // Proof that an unchanged file is not read: rewrite one with the same
    // size and put its mtime back. The run must still give the old rows.
    let p = input.join("news/story003.txt");
    let t = mtime(&p);
    let old = fs::read_to_string(&p).expect("read");
    let forged = old.replace("Delgado-Whitby", "Delgado-Whitbz");
    assert_eq!(forged.len(), old.len());
    fs::write(&p, &forged).expect("rewrite");
    set_mtime(&p, t);
    let r3 = nightly(&input, &out, &state, &[]);
    assert_eq!(counts(&r3.stderr), (0, 14), "{}", r3.stderr);
    assert_same_tables(&out, &f);
    fs::write(&p, &old).expect("restore");
    set_mtime(&p, t);
}

#[test]
fn touched_changed_new_and_deleted_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let state = tmp.path().join("st/state.bin");
    corpus(&input, 8);
    assert_eq!(nightly(&input, &out, &state, &[]).code, 0);

    // Touched (new mtime, same content): hashed, not processed.
    let old = SystemTime::now() - Duration::from_secs(60);
    set_mtime(&input.join("news/story001.txt"), old);
    let r = nightly(&input, &out, &state, &[]);
    assert_eq!(counts(&r.stderr), (0, 10), "{}", r.stderr);

    // Changed content, new file, deleted file, changed JSON Lines file.
    write(&input, "news/story002.txt", &article(99));
    write(&input, "news/story100.txt", &article(100));
    fs::remove_file(input.join("news/story004.txt")).expect("rm");
    write(
        &input,
        "wire.jsonl",
        "{\"text\": \"Prosecutors charged Ivo Grell with bank fraud.\"}\n",
    );
    age_all(&input);
    let r = nightly(&input, &out, &state, &[]);
    // story002 + story100 + one JSON Lines record processed; 6 stories unchanged.
    assert_eq!(counts(&r.stderr), (3, 6), "{}", r.stderr);
    let f = tmp.path().join("full");
    full(&input, &f, &[]);
    assert_same_tables(&out, &f);
    let docs = read_csv(&out.join("documents.csv"));
    assert!(!docs.iter().any(|r| r[0] == "news/story004.txt"));
    assert!(docs.iter().any(|r| r[0] == "news/story100.txt"));

    // And once more, unchanged.
    let r = nightly(&input, &out, &state, &[]);
    assert_eq!(counts(&r.stderr), (0, 9), "{}", r.stderr);
    assert_same_tables(&out, &f);
}

#[test]
fn gazetteer_or_option_change_reprocesses_everything() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let state = tmp.path().join("state.bin");
    corpus(&input, 5);
    assert_eq!(nightly(&input, &out, &state, &[]).code, 0);

    // An extra list changes the gazetteers' fingerprint.
    let lists = tmp.path().join("lists");
    write(
        &lists,
        "not_names-local.tsv",
        "word\twhy\nQuillfeather\ttest word\n",
    );
    let lists_s = lists.to_str().expect("utf-8").to_string();
    let r = nightly(&input, &out, &state, &["--gazetteers", &lists_s]);
    assert_eq!(counts(&r.stderr), (7, 0), "{}", r.stderr);
    assert!(
        r.stderr.contains("changed since the last run"),
        "{}",
        r.stderr
    );
    let f = tmp.path().join("full");
    full(&input, &f, &["--gazetteers", &lists_s]);
    assert_same_tables(&out, &f);

    // Back to the built-in lists: everything again.
    let r = nightly(&input, &out, &state, &[]);
    assert_eq!(counts(&r.stderr), (7, 0), "{}", r.stderr);
    // An option that changes rows (formula escaping) also invalidates.
    let r = nightly(&input, &out, &state, &["--no-escape-formulas"]);
    assert_eq!(counts(&r.stderr), (7, 0), "{}", r.stderr);
}

#[test]
fn damaged_state_is_ignored_and_repaired() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let state = tmp.path().join("state.bin");
    corpus(&input, 4);
    assert_eq!(nightly(&input, &out, &state, &[]).code, 0);
    // Truncate the state file: the next run processes everything and says so.
    let bytes = fs::read(&state).expect("state");
    fs::write(&state, &bytes[..bytes.len() / 2]).expect("truncate");
    let r = nightly(&input, &out, &state, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(counts(&r.stderr), (6, 0), "{}", r.stderr);
    assert!(r.stderr.contains("unreadable"), "{}", r.stderr);
    // Flip a byte inside the cached rows: detected, the file is processed.
    let mut bytes = fs::read(&state).expect("state");
    let at = bytes
        .windows(10)
        .position(|w| w == b"news/story")
        .expect("cached rows in state");
    bytes[at + 5] ^= 0x20;
    fs::write(&state, &bytes).expect("damage");
    let r = nightly(&input, &out, &state, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let f = tmp.path().join("full");
    full(&input, &f, &[]);
    assert_same_tables(&out, &f);
}

#[test]
fn kill_9_leaves_previous_tables_and_next_run_repairs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    let state = tmp.path().join("state.bin");
    corpus(&input, 3);
    assert_eq!(nightly(&input, &out, &state, &[]).code, 0);
    let before: Vec<Vec<u8>> = TABLES
        .iter()
        .map(|t| fs::read(out.join(format!("{t}.csv"))).expect("table"))
        .collect();
    // Many new files, so that the run lasts long enough to be killed.
    for i in 0..400 {
        write(&input, &format!("bulk/b{i:04}.txt"), &article(i).repeat(12));
    }
    age_all(&input);
    let f = tmp.path().join("full");
    full(&input, &f, &[]);
    let after: Vec<Vec<u8>> = TABLES
        .iter()
        .map(|t| fs::read(f.join(format!("{t}.csv"))).expect("table"))
        .collect();
    for delay_ms in [30u64, 120, 400] {
        let mut child = bin()
            .arg(&input)
            .args(["-o"])
            .arg(&out)
            .arg("--state")
            .arg(&state)
            .args(["-q", "-j", "1"])
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Whatever the moment, each table is the previous night's or a complete new one.
        for (i, t) in TABLES.iter().enumerate() {
            let now = fs::read(out.join(format!("{t}.csv"))).expect("table");
            assert!(
                now == before[i] || now == after[i],
                "{t}.csv is neither the old nor the new table after kill -9 at {delay_ms} ms"
            );
        }
    }
    // The next run completes and repairs everything.
    let r = nightly(&input, &out, &state, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_same_tables(&out, &f);
    // No temporary files are left behind.
    let leftovers: Vec<_> = fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let r = nightly(&input, &out, &state, &[]);
    assert_eq!(counts(&r.stderr).0, 0, "{}", r.stderr);
}

#[test]
fn state_requires_out() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let st = tmp.path().join("s.bin");
    let o = run(&[
        tmp.path().to_str().expect("utf-8"),
        "--state",
        st.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));
}

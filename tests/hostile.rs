//! Hostile input: every bad file gets a documents.csv row with a clear
//! reason, nothing panics or hangs, and good documents come out exactly as
//! in a run without the bad files.

mod common;

use common::*;
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

/// The good documents, under the same names in both folders.
fn good_docs(dir: &Path) {
    fs::create_dir_all(dir.join("good")).expect("mkdir");
    for i in 0..3 {
        fs::write(dir.join(format!("good/story{i}.txt")), article(i)).expect("write");
    }
}

/// Is this process root (chmod 000 does not stop root from reading)?
fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Every hostile case with the status and a word of the reason expected.
fn hostile_docs(dir: &Path) -> Vec<(String, &'static str, &'static str)> {
    let mut cases = Vec::new();
    let mut put = |name: &str, bytes: &[u8], status: &'static str, reason: &'static str| {
        let p = dir.join(name);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(&p, bytes).expect("write");
        cases.push((name.to_string(), status, reason));
    };
    // An empty file.
    put("bad/empty.txt", b"", "empty", "");
    // An empty JSON Lines file, and one with only blank lines.
    put("bad/empty.jsonl", b"", "empty", "no JSON Lines records");
    put(
        "bad/blank.jsonl",
        b"\n  \n\n",
        "empty",
        "no JSON Lines records",
    );
    // An image, by extension: not an article file.
    put(
        "bad/photo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "skipped",
        "not a supported",
    );
    // An image renamed .txt: binary content refused.
    put(
        "bad/photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        "error",
        "binary",
    );
    // An executable (ELF header and NUL bytes) named like a page.
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 4096));
    put("bad/program.html", &elf, "error", "binary");
    // Invalid UTF-8 (a stray 0xFF): read as Windows-1252, not refused.
    put(
        "bad/invalid-utf8.txt",
        b"Judge Rowan Fell \xff sentenced a man.\n",
        "ok",
        "",
    );
    // Windows-1252 text (curly quote 0x92, e-acute 0xE9).
    put(
        "bad/cp1252.txt",
        b"O\x92Hara caf\xe9 owner pardoned\n",
        "ok",
        "",
    );
    // UTF-16 little-endian with a BOM.
    let mut u16le = vec![0xFF, 0xFE];
    for u in "Senator Ilse Marr was indicted.\n".encode_utf16() {
        u16le.extend_from_slice(&u.to_le_bytes());
    }
    put("bad/utf16.txt", &u16le, "ok", "");
    // A truncated gzip file.
    let gz = gzip(article(7).repeat(50).as_bytes());
    put(
        "bad/truncated.txt.gz",
        &gz[..gz.len() / 2],
        "error",
        "decompress",
    );
    // A gzip bomb: 100 MB of zeros in ~100 KB, beyond the default --max-doc-bytes.
    // (100 concatenated gzip members of 1 MB each: cheap to build, one stream to gunzip.)
    let member = gzip(&vec![0u8; 1 << 20]);
    put(
        "bad/bomb.txt.gz",
        &member.repeat(100),
        "error",
        "max-doc-bytes",
    );
    // JSON Lines with one malformed line between good ones.
    put(
        "bad/feed.jsonl",
        b"{\"text\": \"Prosecutors charged Ivo Grell with bank fraud.\"}\n{\"text\": \"unterminated\n{\"text\": \"Judge Ada Quist sentenced Tom Berrow to life in prison.\"}\n",
        "ok",
        "",
    );
    cases.push(("bad/feed.jsonl#2".into(), "error", "invalid JSON"));
    cases.push(("bad/feed.jsonl#3".into(), "ok", ""));
    if let Some(c) = cases.iter_mut().find(|c| c.0 == "bad/feed.jsonl") {
        c.0 = "bad/feed.jsonl#1".into();
    }
    // HTML with 100,000 nested tags.
    let mut deep = "<div>".repeat(100_000);
    deep.push_str("Deep text about a pardon.");
    deep.push_str(&"</div>".repeat(100_000));
    cases.push(("bad/deep.html".into(), "ok", ""));
    fs::write(dir.join("bad/deep.html"), deep).expect("write");
    cases
}

#[cfg(unix)]
fn unix_cases(dir: &Path, cases: &mut Vec<(String, &'static str, &'static str)>) {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{symlink, PermissionsExt};
    // A symbolic link loop (a folder linking to its parent).
    fs::create_dir_all(dir.join("bad/loopdir")).expect("mkdir");
    symlink("..", dir.join("bad/loopdir/up")).expect("symlink");
    cases.push(("bad/loopdir/up".into(), "error", "loop"));
    // A dangling symbolic link.
    symlink("missing-target.txt", dir.join("bad/dangling.txt")).expect("symlink");
    cases.push(("bad/dangling.txt".into(), "error", "No such file"));
    // A named pipe: opening it would block for ever.
    let fifo = dir.join("bad/pipe.txt");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        cases.push(("bad/pipe.txt".into(), "error", "not a regular file"));
    } else {
        eprintln!("mkfifo unavailable: named-pipe case skipped");
    }
    // An unreadable file (only meaningful when not root).
    if is_root() {
        eprintln!("running as root: chmod 000 does not stop reads, unreadable-file case skipped");
    } else {
        let p = dir.join("bad/secret.txt");
        fs::write(&p, "hidden").expect("write");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).expect("chmod");
        cases.push(("bad/secret.txt".into(), "error", "denied"));
    }
    // A file name that is not valid UTF-8 (Latin-1 e-acute): read, id shown with U+FFFD.
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(
        dir.join("bad").join(name),
        "Judge Nell Park pardoned nobody.\n",
    )
    .expect("write");
    cases.push(("bad/caf\u{fffd}.txt".into(), "ok", ""));
}

fn rows_of(out: &Path, table: &str, keep: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    read_csv(&out.join(format!("{table}.csv")))
        .into_iter()
        .skip(1)
        .filter(|r| keep(&r[0]))
        .collect()
}

#[test]
fn hostile_files_get_reasons_and_do_not_disturb_good_ones() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mixed = tmp.path().join("mixed");
    let clean = tmp.path().join("clean");
    good_docs(&mixed);
    good_docs(&clean);
    #[allow(unused_mut)]
    let mut cases = hostile_docs(&mixed);
    #[cfg(unix)]
    unix_cases(&mixed, &mut cases);

    let out_mixed = tmp.path().join("out-mixed");
    let out_clean = tmp.path().join("out-clean");
    let o = run_limited(
        &[mixed.as_os_str(), OsStr::new("-o"), out_mixed.as_os_str()],
        Duration::from_secs(300),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "some documents failed: {err}");
    assert!(!err.contains("panicked"), "{err}");
    let o = run_limited(
        &[clean.as_os_str(), OsStr::new("-o"), out_clean.as_os_str()],
        Duration::from_secs(120),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let docs = rows_of(&out_mixed, "documents", |_| true);
    for (id, status, reason) in &cases {
        let row = docs
            .iter()
            .find(|r| r[0] == *id)
            .unwrap_or_else(|| panic!("no documents.csv row for {id}: {docs:?}"));
        assert_eq!(row[9], *status, "status of {id}: {row:?}");
        assert!(row[10].contains(reason), "reason of {id}: {row:?}");
        if *status == "error" || *status == "skipped" {
            assert!(!row[10].is_empty(), "{id} needs a reason");
        }
    }
    // The good documents' rows are the same as in the clean run, in every table.
    for t in TABLES {
        let good = |id: &str| id.starts_with("good/");
        assert_eq!(
            rows_of(&out_mixed, t, good),
            rows_of(&out_clean, t, good),
            "{t}.csv rows of good documents changed"
        );
    }
}

#[test]
fn file_vanishing_during_the_run_is_an_error_row() {
    use news_extract::gazetteer::Gazetteers;
    use news_extract::model::Status;
    use news_extract::pipeline::{self, Options};
    let tmp = tempfile::tempdir().expect("tempdir");
    good_docs(tmp.path());
    fs::write(tmp.path().join("gone.txt"), "Soon gone.").expect("write");
    let sources = news_extract::input::discover(&[tmp.path().to_path_buf()]);
    fs::remove_file(tmp.path().join("gone.txt")).expect("rm");
    let gaz = Gazetteers::builtin().expect("gazetteers");
    let mut seen = Vec::new();
    let opts = Options::default();
    pipeline::run(sources.clone(), &gaz, &opts, |d, _| {
        seen.push((d.doc_id.clone(), d.status, d.error.clone()));
        Ok(())
    })
    .expect("run");
    let gone = seen
        .iter()
        .find(|s| s.0 == "gone.txt")
        .expect("a row for the vanished file");
    assert_eq!(gone.1, Status::Error);
    assert!(gone.2.as_deref().is_some_and(|e| e.contains("cannot open")));
    // The incremental runner too.
    let mut rows = Vec::new();
    let report = news_extract::state::run(
        sources,
        &gaz,
        &opts,
        &Default::default(),
        None,
        None,
        |t, bytes, _| {
            if t == news_extract::output::Table::Documents {
                rows.push(String::from_utf8_lossy(bytes).into_owned());
            }
            Ok(())
        },
        |_| {},
    )
    .expect("state run");
    assert_eq!(report.counts.failed, 1);
    assert!(rows
        .iter()
        .any(|r| r.starts_with("gone.txt,") && r.contains("cannot open")));
}

#[test]
fn spreadsheet_formulas_are_escaped_and_bom_opens_as_utf8() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    // A headline that is a real formula, and a name line starting with '-'.
    fs::write(
        input.join("formula.txt"),
        "=HYPERLINK(\"http://example.invalid\",\"click\")\n\nJudge Zora Vell sentenced Kip Doran to 20 months.\n",
    )
    .expect("write");
    fs::write(
        input.join("plus.txt"),
        "+1 555 0100 and @handle news\n\nCafé owner José Ruiz was charged with fraud.\n",
    )
    .expect("write");
    let out = tmp.path().join("out");
    let o = run(&[
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--bom",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let raw = fs::read(out.join("documents.csv")).expect("documents");
    assert!(
        raw.starts_with("\u{feff}doc_id,".as_bytes()),
        "BOM then header"
    );
    let text = String::from_utf8(raw).expect("UTF-8");
    assert!(text.contains("\"'=HYPERLINK("), "formula escaped: {text}");
    assert!(text.contains(",'+1 555 0100"), "plus escaped: {text}");
    assert!(!text.contains(",=HYPERLINK"), "{text}");
    for t in TABLES {
        let raw = fs::read(out.join(format!("{t}.csv"))).expect("table");
        assert!(raw.starts_with("\u{feff}".as_bytes()), "{t}.csv has a BOM");
        assert!(std::str::from_utf8(&raw).is_ok(), "{t}.csv is UTF-8");
    }
    // Without escaping, the raw cell is kept (for pipelines that never reach a spreadsheet).
    let out2 = tmp.path().join("out2");
    let o = run(&[
        input.to_str().expect("utf-8"),
        "-o",
        out2.to_str().expect("utf-8"),
        "--no-escape-formulas",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = fs::read_to_string(out2.join("documents.csv")).expect("documents");
    assert!(text.contains("\"=HYPERLINK("), "{text}");
}

#[test]
fn long_line_in_json_lines_is_one_error_row() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    // A single 50 MB line between two good records, with a 1 MB limit.
    let mut data = b"{\"text\": \"Prosecutors charged Ivo Grell with bank fraud.\"}\n".to_vec();
    data.extend(std::iter::repeat_n(b'x', 50 << 20));
    data.extend_from_slice(
        b"\n{\"text\": \"Judge Ada Quist sentenced Tom Berrow to life in prison.\"}\n",
    );
    fs::write(input.join("dump.jsonl"), data).expect("write");
    let out = tmp.path().join("out");
    let o = run(&[
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--max-doc-bytes",
        "1000000",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let docs = rows_of(&out, "documents", |_| true);
    let st: Vec<(&str, &str)> = docs
        .iter()
        .map(|r| (r[0].as_str(), r[9].as_str()))
        .collect();
    assert_eq!(
        st,
        [
            ("dump.jsonl#1", "ok"),
            ("dump.jsonl#2", "error"),
            ("dump.jsonl#3", "ok")
        ]
    );
    assert!(docs[1][10].contains("max-doc-bytes"), "{:?}", docs[1]);
}

//! The command line: exit codes, the summary line, --quiet, --progress and
//! the output-folder lock.

mod common;

use common::*;
use std::fs;

fn folder_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    for (name, bytes) in files {
        fs::write(input.join(name), bytes).expect("write");
    }
    tmp
}

fn p(tmp: &tempfile::TempDir, rel: &str) -> String {
    tmp.path().join(rel).to_str().expect("utf-8").to_string()
}

#[test]
fn exit_0_when_all_documents_processed_with_summary() {
    let tmp = folder_with(&[
        ("a.txt", article(1).as_bytes()),
        ("b.txt", article(2).as_bytes()),
    ]);
    let o = run(&[&p(&tmp, "in"), "-o", &p(&tmp, "out"), "--progress", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one summary line: {err}");
    let l = lines[0];
    for part in [
        "2 documents",
        "2 processed",
        "0 unchanged",
        "0 skipped",
        "0 failed",
        "mentions ",
        "clemency ",
    ] {
        assert!(l.contains(part), "summary lacks {part:?}: {l}");
    }
    assert!(l.trim_end().ends_with("MB/s"), "{l}");
}

#[test]
fn exit_1_when_some_documents_failed() {
    let tmp = folder_with(&[
        ("a.txt", article(1).as_bytes()),
        ("bin.txt", b"\x00\x01\x02binary"),
        ("note.csv", b"a,b"),
    ]);
    let o = run(&[&p(&tmp, "in"), "-o", &p(&tmp, "out")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("1 skipped") && err.contains("1 failed"),
        "{err}"
    );
}

#[test]
fn quiet_prints_nothing() {
    let tmp = folder_with(&[("a.txt", article(1).as_bytes())]);
    let o = run(&[&p(&tmp, "in"), "-o", &p(&tmp, "out"), "-q"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn progress_always_draws_even_on_a_pipe_and_never_stays_silent() {
    let tmp = folder_with(&[("a.txt", article(1).as_bytes())]);
    let o = run(&[
        &p(&tmp, "in"),
        "-o",
        &p(&tmp, "out"),
        "--progress",
        "always",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("[00:00:"), "a progress bar: {err}");
    let o = run(&[&p(&tmp, "in"), "-o", &p(&tmp, "out2"), "--progress", "auto"]);
    let err = stderr(&o);
    assert!(!err.contains("[00:00:"), "no bar on a pipe: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let tmp = folder_with(&[("a.txt", b"x")]);
    for args in [
        vec!["--no-such-flag"],
        vec![],
        vec![p(&tmp, "in").leak() as &str, "--progress", "sometimes"],
        vec![p(&tmp, "in").leak() as &str, "--state", "s.bin"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?} says why");
    }
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        help.contains("--state") && help.contains("--progress"),
        "{help}"
    );
}

#[test]
fn second_run_on_a_locked_output_folder_exits_with_a_message() {
    let tmp = folder_with(&[("a.txt", article(1).as_bytes())]);
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).expect("mkdir");
    // Another run holds the lock.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(".news-extract.lock"))
        .expect("lock file");
    lock.try_lock().expect("take lock");
    let o = run(&[&p(&tmp, "in"), "-o", &p(&tmp, "out")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("another news-extract run"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("documents.csv").exists(), "nothing written");
    drop(lock);
    let o = run(&[&p(&tmp, "in"), "-o", &p(&tmp, "out")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn leftover_temporary_files_of_a_killed_run_are_removed() {
    let tmp = folder_with(&[("a.txt", article(1).as_bytes())]);
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).expect("mkdir");
    fs::write(out.join(".mentions.abc123.tmp"), "half a table").expect("write");
    fs::write(out.join(".state.bin.xyz.tmp"), "half a state").expect("write");
    fs::write(out.join("keep.tmp"), "not ours").expect("write");
    let o = run(&[
        &p(&tmp, "in"),
        "-o",
        &p(&tmp, "out"),
        "--state",
        &p(&tmp, "out/state.bin"),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!out.join(".mentions.abc123.tmp").exists());
    assert!(!out.join(".state.bin.xyz.tmp").exists());
    assert!(out.join("keep.tmp").exists());
    assert!(out.join("state.bin").exists());
    // Finished tables are readable by others (temporary files are private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(out.join("documents.csv"))
            .expect("documents")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

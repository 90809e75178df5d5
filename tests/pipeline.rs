//! End-to-end: the real binary over temporary folders and the bundled
//! corpus; the seven tables, their headers, ordering, offsets, determinism.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_news-extract");

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().expect("binary runs")
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("table exists");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("valid CSV row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

const SCHEMA: &[(&str, &str)] = &[
    (
        "documents",
        "doc_id,title,date,chars,people,organizations,charges,sentences,clemency,status,error",
    ),
    (
        "mentions",
        "doc_id,type,text,canonical,start,end,sentence,rule",
    ),
    (
        "people",
        "doc_id,name,mentions,first_start,aliases,titles,gazetteer_id",
    ),
    (
        "organizations",
        "doc_id,name,mentions,first_start,aliases,kind,gazetteer_id",
    ),
    (
        "charges",
        "doc_id,charge,category,statute,person,stage,start,end",
    ),
    (
        "sentences",
        "doc_id,text,kind,months,life,death,person,start,end",
    ),
    (
        "clemency",
        "doc_id,action,status,grantor,recipient,charge,original_sentence,date,evidence,start,end",
    ),
];

#[test]
fn corpus_gives_seven_tables_with_schema_headers() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        corpus().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for (table, header) in SCHEMA {
        let (h, _) = read_csv(&out.path().join(format!("{table}.csv")));
        assert_eq!(h.join(","), *header, "{table}.csv header");
    }
    let (_, docs) = read_csv(&out.path().join("documents.csv"));
    // Every article of every format is a document: 25 files, one of them 4 records.
    assert_eq!(docs.len(), 28);
    assert!(docs.iter().all(|d| d[9] == "ok"), "{docs:?}");
    let ids: Vec<&str> = docs.iter().map(|d| d[0].as_str()).collect();
    assert!(ids.contains(&"news.jsonl#3"));
    assert!(ids.contains(&"wire-brief.txt.gz"));
    // Rows ordered by doc_id (JSON Lines records by number).
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // No temporary files left behind.
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// Code-point offsets: `text` equals the extracted text between start and end.
#[test]
fn mention_offsets_are_code_points_into_extracted_text() {
    let dir = tempfile::tempdir().unwrap();
    let art = "Judge Núñez sentenced Seán O’Brien to 22 years.\n\nThe FBI said José Núñez ruled.";
    std::fs::write(dir.path().join("a.txt"), art).unwrap();
    let out = tempfile::tempdir().unwrap();
    run(&[
        dir.path().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "-q",
    ]);
    let (_, docs) = read_csv(&out.path().join("documents.csv"));
    assert_eq!(docs[0][3], art.chars().count().to_string());
    let (_, mentions) = read_csv(&out.path().join("mentions.csv"));
    let chars: Vec<char> = art.chars().collect();
    // Non-ASCII names before the mentions make byte and code-point offsets differ.
    assert!(
        mentions
            .iter()
            .any(|m| m[1] == "PERSON" && m[2] == "José Núñez"),
        "{mentions:?}"
    );
    assert!(mentions.iter().any(|m| m[1] == "SENTENCE"), "{mentions:?}");
    for m in &mentions {
        let (s, e): (usize, usize) = (m[4].parse().unwrap(), m[5].parse().unwrap());
        let text: String = chars[s..e].iter().collect();
        assert_eq!(text, m[2].trim_start_matches('\''), "mention {m:?}");
    }
}

#[test]
fn same_output_at_one_and_two_threads() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = corpus();
    run(&[
        c.to_str().unwrap(),
        "-o",
        a.path().to_str().unwrap(),
        "-q",
        "-j1",
    ]);
    run(&[
        c.to_str().unwrap(),
        "-o",
        b.path().to_str().unwrap(),
        "-q",
        "-j2",
    ]);
    for (table, _) in SCHEMA {
        let x = std::fs::read(a.path().join(format!("{table}.csv"))).unwrap();
        let y = std::fs::read(b.path().join(format!("{table}.csv"))).unwrap();
        assert!(x == y, "{table}.csv differs between -j1 and -j2");
    }
}

#[test]
fn formats_titles_dates_and_skips() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("page.html"),
        "<html><head><title>Page Title</title><meta name=\"date\" content=\"2023-12-08\"></head>\
         <body><nav>Menu</nav><p>Body text.</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        p.join("many.json"),
        r#"[{"title": "One", "text": "First."}, {"title": "Two", "date": "May 3, 2021", "body": "Second."}]"#,
    )
    .unwrap();
    std::fs::write(p.join("photo.png"), b"\x89PNG\r\n").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, b"Zipped headline\nBody.").unwrap();
    std::fs::write(p.join("z.txt.gz"), gz.finish().unwrap()).unwrap();
    let o = run(&[p.to_str().unwrap(), "--table", "documents"]);
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let by_id = |id: &str| {
        rows.iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("{id} in {rows:?}"))
    };
    assert_eq!(by_id("page.html")[1], "Page Title");
    assert_eq!(by_id("page.html")[2], "2023-12-08");
    assert_eq!(by_id("page.html")[3], "10"); // "Body text." without the nav
    assert_eq!(by_id("many.json#2")[1], "Two");
    assert_eq!(by_id("many.json#2")[2], "2021-05-03");
    assert_eq!(by_id("photo.png")[9], "skipped");
    assert_eq!(by_id("z.txt.gz")[1], "Zipped headline");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn streaming_jsonl_in_input_order_with_errors_as_rows() {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args([
            "--input-format",
            "jsonl",
            "--output-format",
            "jsonl",
            "--table",
            "all",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input = "{\"id\": \"b\", \"text\": \"Second story.\"}\n{broken\n{\"id\": \"a\", \"text\": \"Third story.\"}\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "errors are rows, not a failed task"
    );
    let docs: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["table"] == "documents")
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["b", "-#2", "a"]);
    assert_eq!(docs[1]["status"], "error");
}

#[test]
fn shards_partition_the_files() {
    let c = corpus();
    let full = run(&[c.to_str().unwrap(), "--table", "documents", "-q"]);
    let mut all: Vec<String> = String::from_utf8(full.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(String::from)
        .collect();
    let mut union = Vec::new();
    for i in 0..3 {
        let o = run(&[
            c.to_str().unwrap(),
            "--table",
            "documents",
            "-q",
            "--shard",
            &format!("{i}/3"),
        ]);
        let rows: Vec<String> = String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .skip(1)
            .map(String::from)
            .collect();
        assert!(!rows.is_empty(), "shard {i} empty");
        union.extend(rows);
    }
    all.sort();
    union.sort();
    assert_eq!(all, union);
    assert_eq!(
        run(&[c.to_str().unwrap(), "--shard", "3/3"]).status.code(),
        Some(2)
    );
}

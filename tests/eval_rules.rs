//! The scorer's matching rules, on small gold/prediction pairs of our own in
//! tests/testdata/eval/ (each case folder has an about.txt naming what it
//! guards, gold/, pred/ and expected.json with the figures it must give).

use news_extract::eval::{self, fold, org_key, person_key, py_float, py_repr_float, py_round};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/eval")
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data())
        .expect("tests/testdata/eval exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    v.sort();
    assert!(v.len() >= 7, "expected the eval cases, found {v:?}");
    v
}

fn score_case(dir: &Path) -> eval::Report {
    let gold = eval::Gold::load_dir(&dir.join("gold")).expect("gold loads");
    let pred = eval::Predictions::read_dir(&dir.join("pred"), true).expect("pred loads");
    eval::score(&gold, &pred)
}

#[test]
fn cases_give_expected_figures() {
    for dir in cases() {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let about = std::fs::read_to_string(dir.join("about.txt")).unwrap_or_default();
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let report = score_case(&dir);
        let got: Value = serde_json::from_str(&report.to_json()).expect("to_json is JSON");
        let verbose = report.verbose();
        for (key, w) in want.as_object().unwrap() {
            match key.as_str() {
                "verbose_has" => {
                    for s in w.as_array().unwrap() {
                        let s = s.as_str().unwrap();
                        assert!(
                            verbose.contains(s),
                            "{name}: report lacks {s:?}\n{about}\n{verbose}"
                        );
                    }
                }
                "verbose_lacks" => {
                    for s in w.as_array().unwrap() {
                        let s = s.as_str().unwrap();
                        assert!(
                            !verbose.contains(s),
                            "{name}: report has {s:?}\n{about}\n{verbose}"
                        );
                    }
                }
                "micro" => {
                    let m = report.micro();
                    for (k, v) in w.as_object().unwrap() {
                        let g = match k.as_str() {
                            "tp" => m.tp,
                            "fp" => m.fp,
                            "fn" => m.fn_,
                            _ => panic!("{name}: unknown micro key {k}"),
                        };
                        assert_eq!(Some(g), v.as_u64(), "{name}: micro {k}\n{about}");
                    }
                }
                table if eval::TABLES.contains(&table) => {
                    for (k, v) in w.as_object().unwrap() {
                        assert_eq!(got[table][k], *v, "{name}: {table} {k}\n{about}\n{verbose}");
                    }
                }
                other => assert_eq!(got[other], *w, "{name}: {other}\n{about}"),
            }
        }
    }
}

/// fold.tsv: phenomenon, input, fold, person_key, org_key (JSON strings).
#[test]
fn fold_and_keys() {
    let text = std::fs::read_to_string(data().join("fold.tsv")).unwrap();
    let mut n = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "bad line {line:?}");
        let s = |i: usize| -> String { serde_json::from_str(f[i]).unwrap() };
        let input = s(1);
        assert_eq!(fold(&input), s(2), "fold, {}", f[0]);
        assert_eq!(person_key(&input), s(3), "person_key, {}", f[0]);
        assert_eq!(org_key(&input), s(4), "org_key, {}", f[0]);
        n += 1;
    }
    assert!(n >= 20);
}

/// round.tsv: months as Python reads and rounds them.
#[test]
fn months_round_like_python() {
    let text = std::fs::read_to_string(data().join("round.tsv")).unwrap();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (input, want) = line.split_once('\t').unwrap();
        let input: String = serde_json::from_str(input).unwrap();
        let got = py_float(&input).map_or("none".to_string(), |x| py_repr_float(py_round(x, 1)));
        assert_eq!(got, want, "round(float({input:?}), 1)");
    }
}

/// The output formats are byte-identical to the reference scorer's
/// (`score.py` table and `--json`), captured once for the honorifics case.
#[test]
fn table_and_json_layout() {
    let dir = data().join("honorifics");
    let report = score_case(&dir);
    let want = std::fs::read_to_string(dir.join("score-table.txt")).unwrap();
    assert_eq!(report.to_table() + "\n", want);
    let want = std::fs::read_to_string(dir.join("score-json.txt")).unwrap();
    assert_eq!(report.to_json() + "\n", want);
}

#[test]
fn floors_report_like_the_reference() {
    let report = score_case(&data().join("alias_one_to_one"));
    let floors = eval::parse_floors("# comment\npeople=0.9\n\nmicro=0.5\nfoo=0.1\n").unwrap();
    assert_eq!(
        report.below(&floors),
        vec![
            "people F1 0.857 < 0.9".to_string(),
            "foo F1 None < 0.1".to_string()
        ]
    );
    assert!(eval::parse_floors("people").is_err());
    assert!(eval::parse_floors("people=high").is_err());
}

#[test]
fn suggested_floors_truncate_then_subtract() {
    assert_eq!(eval::floor_for(0.857), "0.83");
    assert_eq!(eval::floor_for(1.0), "0.98");
    assert_eq!(eval::floor_for(0.8), "0.78");
    assert_eq!(eval::floor_for(0.8000000000000002), "0.78");
    assert_eq!(eval::floor_for(0.01), "0.00");
    let report = score_case(&data().join("alias_one_to_one"));
    let floors = eval::parse_floors(&report.suggested_floors()).unwrap();
    assert_eq!(floors.len(), 6);
    assert_eq!(floors[0].raw, "0.83");
    assert!(report.below(&floors).is_empty());
}

/// A gold file the scorer cannot use is an error naming the file, not a panic.
#[test]
fn malformed_gold_is_an_error() {
    for (text, want) in [
        ("{\"people\": [{\"aliases\": []}]}", "no \"name\""),
        (
            "{\"clemency\": [{\"status\": \"granted\"}]}",
            "no \"action\"",
        ),
        ("{\"people\": null}", "must be a list"),
        ("[1, 2]", "JSON object"),
        ("{\"doc_id\": ", "not valid JSON"),
    ] {
        let e = eval::GoldDoc::parse("bad.json", text)
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.json") && e.contains(want), "{text}: {e}");
    }
    // A byte-order mark is tolerated; a missing doc_id falls back to the file name.
    let g = eval::GoldDoc::parse("story.json", "\u{feff}{}").unwrap();
    assert_eq!(g.doc, "story.txt");
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_news-extract"))
}

#[test]
fn cli_exit_codes_and_json() {
    let dir = data().join("alias_one_to_one");
    let gold = dir.join("gold");
    let pred = dir.join("pred");
    let out = bin()
        .args(["eval", "--json", "--min", "people=0.9", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("below threshold: people F1 0.857 < 0.9"),
        "{stdout}"
    );
    let json_end = stdout.find("\nbelow").unwrap();
    let v: Value = serde_json::from_str(&stdout[..json_end]).unwrap();
    assert_eq!(v["people"]["fp"], 1);

    let out = bin()
        .args(["eval", "--min", "micro=0.8", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // No gold files: unusable input.
    let out = bin()
        .args(["eval", "--gold"])
        .arg(&pred)
        .arg("--pred")
        .arg(&pred)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Extract-and-score in one go: PATH arguments go through the library
/// pipeline into a temporary folder.
#[test]
fn cli_extracts_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let gold = tmp.path().join("gold");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::write(docs.join("blank.txt"), "Nothing happened on Tuesday.\n").unwrap();
    std::fs::write(
        gold.join("blank.json"),
        r#"{"doc_id": "blank.txt", "people": [], "organizations": []}"#,
    )
    .unwrap();
    let saved = tmp.path().join("saved");
    let out = bin()
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .arg("--save-pred")
        .arg(&saved)
        .arg(&docs)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 1);
    assert!(saved.join("people.csv").is_file());
}

//! Clemency events on small texts of our own (tests/testdata/clemency.toml).
//!
//! Each case gives a text, the people in it (as the entity recognizer would
//! report them, so that these cases test the clemency reader alone), the
//! charges and sentences tied to them, and the exact set of events expected.
//! The office-holders of tests/testdata/clemency_people.tsv are added to the
//! built-in gazetteer, for "the President" / "the governor" resolution by
//! date.

mod support;

use news_extract::clemency;
use news_extract::entities::Entities;
use news_extract::gazetteer::Gazetteers;
use news_extract::model::{Charge, Sentence};
use news_extract::text::Text;
use serde::Deserialize;
use std::path::Path;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    /// `Name|role|alias;alias` (role and aliases may be empty).
    #[serde(default)]
    people: Vec<String>,
    /// `phrase|Person`.
    #[serde(default)]
    charges: Vec<String>,
    /// `phrase|Person|kind|term` with term `life`, `death` or months.
    #[serde(default)]
    sentences: Vec<String>,
    /// `action|status|grantor|recipient`, optionally `|charge|original_sentence`.
    #[serde(default)]
    expect: Vec<String>,
    /// Only the number of events is checked (large lists).
    #[serde(default)]
    expect_count: Option<usize>,
}

fn gazetteers() -> &'static Gazetteers {
    static G: OnceLock<Gazetteers> = OnceLock::new();
    G.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/clemency_people.tsv");
        std::fs::copy(&src, dir.path().join("people_clemency_test.tsv")).expect("copy tsv");
        Gazetteers::load(Some(dir.path())).expect("gazetteers load")
    })
}

/// The entities of a case, as listed.
fn entities(c: &Case) -> Entities {
    support::entities(&c.text, &c.people)
}

fn charges(c: &Case) -> Vec<Charge> {
    c.charges
        .iter()
        .filter_map(|row| {
            let f: Vec<&str> = row.split('|').collect();
            let (a, b) = *support::occurrences(&c.text, f[0]).first()?;
            Some(Charge {
                charge: f[0].to_string(),
                person: f.get(1).unwrap_or(&"").to_string(),
                stage: "convicted".into(),
                start: a,
                end: b,
                ..Charge::default()
            })
        })
        .collect()
}

fn sentences(c: &Case) -> Vec<Sentence> {
    c.sentences
        .iter()
        .filter_map(|row| {
            let f: Vec<&str> = row.split('|').collect();
            let (a, b) = *support::occurrences(&c.text, f[0]).first()?;
            let term = f.get(3).copied().unwrap_or("");
            Some(Sentence {
                text: f[0].to_string(),
                person: f.get(1).unwrap_or(&"").to_string(),
                kind: f.get(2).unwrap_or(&"imposed").to_string(),
                life: term == "life",
                death: term == "death",
                months: term.parse().ok(),
                start: a,
                end: b,
            })
        })
        .collect()
}

fn run(c: &Case) -> Vec<news_extract::model::Clemency> {
    let text = Text::new(&c.text);
    let ents = entities(c);
    clemency::find(
        &text,
        gazetteers(),
        &ents,
        &charges(c),
        &sentences(c),
        c.date.as_deref(),
    )
}

#[test]
fn clemency_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/clemency.toml");
    let src = std::fs::read_to_string(path).expect("clemency.toml");
    let file: File = toml::from_str(&src).expect("clemency.toml parses");
    assert!(file.case.len() >= 20, "expected the clemency cases");
    let mut failures = Vec::new();
    for c in &file.case {
        let got = run(c);
        for ev in &got {
            // Evidence is the sentence holding the trigger.
            assert!(
                ev.start < ev.end && ev.end <= c.text.len(),
                "{}: bad span",
                c.name
            );
            assert!(
                ev.evidence.contains(&c.text[ev.start..ev.end]),
                "{}: evidence does not hold the trigger",
                c.name
            );
        }
        if let Some(n) = c.expect_count {
            if got.len() != n {
                failures.push(format!("{}: {} events, want {n}", c.name, got.len()));
            }
            continue;
        }
        let mut got_rows: Vec<String> = got
            .iter()
            .map(|e| {
                format!(
                    "{}|{}|{}|{}|{}|{}",
                    e.action, e.status, e.grantor, e.recipient, e.charge, e.original_sentence
                )
            })
            .collect();
        got_rows.sort();
        let mut want: Vec<String> = c.expect.clone();
        want.sort();
        // Rows given with four fields are compared on those four.
        let matches = |w: &String, g: &String| {
            let n = w.split('|').count();
            let gp: Vec<&str> = g.split('|').take(n).collect();
            gp.join("|") == *w
        };
        let ok = want.len() == got_rows.len()
            && want.iter().all(|w| got_rows.iter().any(|g| matches(w, g)));
        if !ok {
            failures.push(format!(
                "{}:\n    want {:?}\n    got  {:?}",
                c.name, want, got_rows
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn large_list_is_complete() {
    // 3,000 table rows after one announcement: one event each.
    let mut text = String::from(
        "Today, President Orla Vance is commuting the sentences of the following 3,000 individuals:\n\nName\tReg. No.\n",
    );
    let mut people = Vec::new();
    for i in 0..3000 {
        let name = format!("PERSON{} TESTNAME", letters(i));
        text.push_str(&format!("{name}\t{:05}-{:03}\n", i, i % 1000));
        people.push(name);
    }
    let c = Case {
        name: "large".into(),
        text,
        date: Some("2031-06-01".into()),
        people: vec!["Orla Vance|president|".into()],
        charges: vec![],
        sentences: vec![],
        expect: vec![],
        expect_count: None,
    };
    // (its cost is measured by scripts/hostile-bench.sh, which CI runs:
    // a list's lines once made a paragraph scan each, O(n^2))
    let got = run(&c);
    assert_eq!(got.len(), 3000);
    assert!(got.iter().all(|e| e.grantor == "Orla Vance"));
}

/// A letters-only tag for number `i` (names hold no digits).
fn letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'A' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            break;
        }
    }
    s
}

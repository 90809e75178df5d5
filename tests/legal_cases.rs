//! Charges and prison sentences on small texts of our own
//! (tests/testdata/sentences.toml, tests/testdata/charges.toml).
//!
//! Each case gives a text, the people in it (as the entity recognizer would
//! report them, so that these cases test the legal readers alone) and the
//! exact set of rows expected.
//!
//! Sentence rows are `kind|term` or `kind|term|person` (term: months as
//! written by `fmt_months`, `life` or `death`); when any expected row names a
//! person, the person column is compared too.
//!
//! Charge rows are `phrase|stage|category|statute|person`, cut after any
//! field: only the fields given are compared (the same number for all rows
//! of a case).

mod support;

use news_extract::entities::Entities;
use news_extract::gazetteer::Gazetteers;
use news_extract::legal::{charges, sentences};
use news_extract::model::fmt_months;
use news_extract::text::Text;
use serde::Deserialize;
use std::collections::BTreeSet;
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
    /// `Name|role|alias;alias` (role and aliases may be empty).
    #[serde(default)]
    people: Vec<String>,
    /// The exact set of rows expected.
    #[serde(default)]
    expect: Vec<String>,
}

fn gazetteers() -> &'static Gazetteers {
    static G: OnceLock<Gazetteers> = OnceLock::new();
    G.get_or_init(|| Gazetteers::builtin().expect("built-in gazetteers"))
}

/// The entities of a case, as listed.
fn entities(c: &Case) -> Entities {
    support::entities(&c.text, &c.people)
}

fn load(file: &str) -> File {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/testdata")
        .join(file);
    let src = std::fs::read_to_string(&path).expect("test data file");
    toml::from_str(&src).expect("test data parses")
}

#[test]
fn sentence_cases() {
    let file = load("sentences.toml");
    assert!(file.case.len() >= 30, "expected the sentence cases");
    let mut failures = Vec::new();
    for c in &file.case {
        let text = Text::new(&c.text);
        let ents = entities(c);
        let got = sentences::find(&text, &ents);
        for s in &got {
            assert!(
                s.start < s.end && s.end <= c.text.len(),
                "{}: bad span",
                c.name
            );
            assert_eq!(
                &c.text[s.start..s.end],
                s.text,
                "{}: text is the span",
                c.name
            );
        }
        let with_person = c.expect.iter().any(|e| e.split('|').count() >= 3);
        let row = |kind: &str, term: String, person: &str| {
            if with_person {
                format!("{kind}|{term}|{person}")
            } else {
                format!("{kind}|{term}")
            }
        };
        let got_rows: BTreeSet<String> = got
            .iter()
            .map(|s| {
                let term = if s.death {
                    "death".to_string()
                } else if s.life {
                    "life".to_string()
                } else {
                    s.months.map(fmt_months).unwrap_or_default()
                };
                row(&s.kind, term, &s.person)
            })
            .collect();
        let want: BTreeSet<String> = c.expect.iter().cloned().collect();
        if got_rows != want {
            failures.push(format!(
                "{}:\n    got  {got_rows:?}\n    want {want:?}",
                c.name
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn charge_cases() {
    let file = load("charges.toml");
    assert!(file.case.len() >= 20, "expected the charge cases");
    let mut failures = Vec::new();
    for c in &file.case {
        let text = Text::new(&c.text);
        let ents = entities(c);
        let got = charges::find(&text, gazetteers(), &ents);
        for ch in &got {
            assert!(
                ch.start < ch.end && ch.end <= c.text.len(),
                "{}: bad span",
                c.name
            );
        }
        let n = c
            .expect
            .iter()
            .map(|e| e.split('|').count())
            .max()
            .unwrap_or(1);
        let got_rows: BTreeSet<String> = got
            .iter()
            .map(|ch| {
                [
                    ch.charge.as_str(),
                    ch.stage.as_str(),
                    ch.category.as_str(),
                    ch.statute.as_str(),
                    ch.person.as_str(),
                ][..n]
                    .join("|")
            })
            .collect();
        let want: BTreeSet<String> = c.expect.iter().cloned().collect();
        if got_rows != want {
            failures.push(format!(
                "{}:\n    got  {got_rows:?}\n    want {want:?}",
                c.name
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Pseudo-random word salad from tricky tokens: the readers must never panic
/// and must return spans on char boundaries inside the text.
#[test]
fn word_salad_never_panics() {
    const WORDS: &[&str] = &[
        "sentenced",
        "to",
        "life",
        "death",
        "row",
        "years",
        "year",
        "-",
        "month",
        "and",
        "a",
        "half",
        "day",
        "of",
        "prison",
        "in",
        "up",
        "faces",
        "commuted",
        "(",
        ")",
        ",",
        ";",
        ":",
        "“",
        "”",
        "’",
        "§",
        "18",
        "U.S.C.",
        "1343",
        "1/2",
        "0",
        "3.5",
        "1,200",
        "twenty",
        "-year-old",
        "convicted",
        "charged",
        "with",
        "wire",
        "fraud",
        "pleaded",
        "guilty",
        "counts",
        "two",
        "conspiracy",
        "possess",
        "Núñez",
        "é",
        "—",
        "–",
        "respectively",
        "each",
        "Title",
        "United",
        "States",
        "Code",
        "Section",
        "922(g)",
        "\n",
        ".",
        "Offense",
        "in",
        "violation",
        "as",
        "well",
        "for",
        "the",
        "murder",
        "served",
        "spent",
        "after",
        "to",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    for _ in 0..3000 {
        let n = 1 + next() % 40;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(WORDS[next() % WORDS.len()]);
            if next() % 3 != 0 {
                s.push(' ');
            }
        }
        let text = Text::new(&s);
        let ents = Entities::default();
        for x in sentences::find(&text, &ents) {
            assert!(x.start <= x.end && x.end <= s.len() && s.is_char_boundary(x.start));
        }
        for c in charges::find(&text, gazetteers(), &ents) {
            assert!(c.start <= c.end && c.end <= s.len() && s.is_char_boundary(c.start));
        }
    }
}

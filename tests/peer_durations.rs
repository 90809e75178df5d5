//! Peer-project duration cases, when the shared checkout is present.
//!
//! Ignored by default (users do not have `../shared`): run with
//! `cargo test --test peer_durations -- --ignored --nocapture`. It reads
//! `../shared/peer-tests/durations.tsv` if it exists, keeps the phrases
//! written with full unit words ("3 years", "two months", "ten days"; not
//! abbreviations such as `3Y`, `2h`, `18mo`), places each in "He was
//! sentenced to PHRASE in prison." and prints the share that comes out with
//! the expected months (days / 30.4375, 2 decimals).

use news_extract::entities::Entities;
use news_extract::legal::sentences;
use news_extract::text::Text;
use std::path::Path;

/// Words a phrase may hold besides numbers: full unit words and connectors.
const FULL_WORDS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "night",
    "nights",
    "decade",
    "decades",
    "fortnight",
    "quarter",
    "quarters",
];

fn is_number_word(w: &str) -> bool {
    const W: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "dozens",
        "half",
        "a",
        "an",
        "and",
        "couple",
        "of",
        "plus",
        "with",
        "another",
        "all",
        "full",
        "whole",
        "during",
        "for",
    ];
    W.contains(&w)
}

/// Full-unit-word phrase: every letter run is a unit word or a number /
/// connector word, and at least one unit word is there.
fn full_words(phrase: &str) -> bool {
    let lower = phrase.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| FULL_WORDS.contains(w))
        && words
            .iter()
            .all(|w| FULL_WORDS.contains(w) || is_number_word(w))
}

#[test]
#[ignore = "needs ../shared/peer-tests/durations.tsv"]
fn peer_durations_share() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer-tests/durations.tsv");
    let Ok(src) = std::fs::read_to_string(&path) else {
        eprintln!("{} not present; nothing to check", path.display());
        return;
    };
    let mut total = 0;
    let mut ok = 0;
    let mut misses = Vec::new();
    for line in src.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let Some(&phrase) = f.first() else { continue };
        if !full_words(phrase) {
            continue;
        }
        let months: f64 = f.get(1).and_then(|m| m.trim().parse().ok()).unwrap_or(0.0);
        let days: f64 = f.get(3).and_then(|d| d.trim().parse().ok()).unwrap_or(0.0);
        if months == 0.0 && days == 0.0 {
            continue;
        }
        let want = ((months + days / 30.4375) * 100.0).round() / 100.0;
        total += 1;
        let s = format!("He was sentenced to {phrase} in prison.");
        let text = Text::new(&s);
        let got = sentences::find(&text, &Entities::default());
        let good = got.len() == 1
            && got[0]
                .months
                .is_some_and(|m| ((m * 100.0).round() / 100.0 - want).abs() < 1e-6);
        if good {
            ok += 1;
        } else {
            misses.push(format!(
                "{phrase:?}: want {want}, got {:?}",
                got.iter().map(|x| x.months).collect::<Vec<_>>()
            ));
        }
    }
    let share = if total > 0 {
        ok as f64 / total as f64
    } else {
        1.0
    };
    println!(
        "peer durations with full unit words: {ok}/{total} = {:.1}%",
        share * 100.0
    );
    for m in &misses {
        println!("  miss {m}");
    }
}

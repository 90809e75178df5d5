//! Property tests: for any text, every mention's offsets are in range and
//! the mention text is exactly the text between its (code point) offsets.

use news_extract::extract::extract;
use news_extract::gazetteer::Gazetteers;
use news_extract::model::{Document, Status};
use news_extract::output::{rows, Table};
use news_extract::text::OffsetMap;
use proptest::prelude::*;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteers {
    static G: OnceLock<Gazetteers> = OnceLock::new();
    G.get_or_init(|| Gazetteers::builtin().expect("built-in gazetteers"))
}

fn doc(text: String) -> Document {
    Document {
        doc_id: "p.txt".into(),
        title: String::new(),
        date: Some("2024-05-01".into()),
        text,
        status: Status::Ok,
        error: None,
    }
}

/// Words that make the recognizers fire, mixed with noise and odd characters.
fn words() -> impl Strategy<Value = String> {
    let w = prop::sample::select(vec![
        "Judge",
        "Governor",
        "President",
        "Biden",
        "pardoned",
        "commuted",
        "sentenced",
        "to",
        "years",
        "months",
        "life",
        "in",
        "prison",
        "for",
        "wire",
        "fraud",
        "murder",
        "Mr.",
        "Ms.",
        "Smith",
        "O'Neil",
        "José",
        "Núñez",
        "U.S.",
        "Department",
        "of",
        "Justice",
        "Attorney",
        "twenty-four",
        "15",
        "½",
        "\u{200b}",
        "—",
        "“quoted”",
        ".",
        ",",
        "\n",
        "\n\n",
        "Inc.",
        "Court",
        "denied",
        "clemency",
        "the",
        "a",
        "😀",
        "ﬁ",
        "İ",
        "ß",
    ]);
    prop::collection::vec(prop_oneof![w.prop_map(str::to_string), "\\PC{0,6}"], 0..120)
        .prop_map(|v| v.join(" "))
}

fn check(text: String) -> Result<(), TestCaseError> {
    let d = doc(text);
    let ex = extract(&d, gaz());
    let map = OffsetMap::new(&d.text);
    let chars: Vec<char> = d.text.chars().collect();
    for r in rows(Table::Mentions, &d, &ex, &map) {
        let start: usize = r[4].parse().map_err(|_| TestCaseError::fail("start"))?;
        let end: usize = r[5].parse().map_err(|_| TestCaseError::fail("end"))?;
        prop_assert!(start <= end && end <= chars.len(), "{r:?}");
        let between: String = chars[start..end].iter().collect();
        prop_assert_eq!(&between, &r[2]);
    }
    for t in Table::ALL {
        for r in rows(t, &d, &ex, &map) {
            prop_assert_eq!(r.len(), t.header().len());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mention_offsets_hold_for_random_word_soup(text in words()) {
        check(text)?;
    }

    #[test]
    fn mention_offsets_hold_for_arbitrary_unicode(text in "\\PC{0,400}") {
        check(text)?;
    }
}

/// The longest-whole-word answer of a list, worked out the slow way: at
/// each word start not inside the last hit, the longest phrase the text
/// goes on with (ASCII case folded for a folded list), kept when it ends
/// at a word boundary.
fn naive_find(phrases: &[String], fold: bool, text: &str) -> Vec<(usize, usize, usize)> {
    let norm = |s: &[u8]| -> Vec<u8> {
        if fold {
            s.to_ascii_lowercase()
        } else {
            s.to_vec()
        }
    };
    let t = norm(text.as_bytes());
    let mut out = Vec::new();
    let mut next = 0;
    for w in news_extract::text::words::word_starts(text) {
        let i = w.start;
        if i < next {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for (e, p) in phrases.iter().enumerate() {
            let p = norm(p.as_bytes());
            if !p.is_empty() && t[i..].starts_with(&p) && best.is_none_or(|(len, _)| p.len() > len)
            {
                best = Some((p.len(), e));
            }
        }
        if let Some((len, e)) = best {
            if news_extract::gazetteer::is_word_boundary(text, i, i + len) {
                out.push((i, i + len, e));
                next = i + len;
            }
        }
    }
    out
}

/// Phrases over a small alphabet and text made of them: segments longer
/// than the eight bytes a matcher keeps inline (and runs of 64 bytes and
/// more), phrases ending inside a run of the text or right after the byte
/// before one ("Inc." in "Inc.com"), non-ASCII characters, case variants.
fn phrases_and_text() -> impl Strategy<Value = (Vec<String>, String, bool)> {
    let long = "x".repeat(66);
    let piece = prop::sample::select(vec![
        "ab",
        "aB",
        "abc",
        "Ab",
        "b",
        "ba",
        " ",
        " ",
        ".",
        "-",
        "_",
        "é",
        "\u{2019}",
        "the ",
        "The ",
        "abcabcabcab",
        "abcabcabcabc",
        "abcabcabcabcd",
        long.leak(),
    ]);
    // Long stems put many phrases under one node.
    let stem = prop::sample::select(vec![
        "",
        "",
        "The Abc Abcabc ",
        "the abc abcabc",
        "abcabcabcab",
    ]);
    let phrase = (stem.clone(), prop::collection::vec(piece.clone(), 1..5))
        .prop_map(|(s, v)| format!("{s}{}", v.concat()));
    let chunk = prop_oneof![3 => piece, 1 => stem];
    (
        prop::collection::vec(phrase, 1..60),
        prop::collection::vec(chunk, 0..60).prop_map(|v| v.concat()),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Guards the matcher's shortcuts (segment trie, bitmaps, inline bytes,
    /// phrases ending inside a segment) against the plain definition.
    #[test]
    fn matcher_finds_what_the_slow_way_finds((raw, text, fold) in phrases_and_text()) {
        use news_extract::gazetteer::{Case, Matcher};
        // One entry per distinct (normalized) phrase, in first-seen order.
        let mut phrases: Vec<String> = Vec::new();
        for p in raw {
            let key = |s: &str| if fold { s.to_ascii_lowercase() } else { s.to_string() };
            let t = p.trim();
            if !t.is_empty() && !phrases.iter().any(|q| key(q) == key(t)) {
                phrases.push(t.to_string());
            }
        }
        let forms = phrases.iter().enumerate().map(|(e, p)| (p.clone(), e)).collect();
        let m = Matcher::new(forms, if fold { Case::Fold } else { Case::Exact })
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let got: Vec<(usize, usize, usize)> =
            m.find(&text).iter().map(|h| (h.start, h.end, h.entry)).collect();
        prop_assert_eq!(got, naive_find(&phrases, fold, &text), "phrases {:?} text {:?}", phrases, text);
        // A whole string: the find hit spanning all of it, if any.
        for w in phrases.iter().map(String::as_str).chain([text.as_str()]) {
            let whole = naive_find(&phrases, fold, w)
                .first()
                .filter(|h| h.0 == 0 && h.1 == w.len())
                .map(|h| h.2);
            prop_assert_eq!(m.exact(w), whole, "phrases {:?} string {:?}", phrases, w);
        }
    }
}

/// Word starts, worked out the slow way: a letter or digit not preceded by
/// a letter, digit or `_`; its head is the run of ASCII letters, digits and
/// `_` from there (kept up to the longest hashed head).
fn naive_starts(s: &str) -> Vec<(usize, usize, u64)> {
    use news_extract::text::words::{head_hash, HEAD_MAX};
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let glued = prev.is_some_and(|p| p.is_alphanumeric() || p == '_');
        if c.is_alphanumeric() && !glued {
            let run = s[i..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            if run > 0 && run <= HEAD_MAX {
                out.push((i, run, head_hash(&s.as_bytes()[i..i + run])));
            } else {
                out.push((i, 0, 0));
            }
        }
        prev = Some(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Guards the word-start scan's shortcuts (eight bytes at a time, runs
    /// across chunks, non-ASCII neighbours) against the plain definition.
    #[test]
    fn word_starts_are_what_the_slow_way_finds(
        parts in prop::collection::vec(prop::sample::select(vec![
            "a", "Z", "9", "_", " ", ".", "-", "\n", "é", "\u{2019}", "\u{201c}", "ñ", "😀",
            "ß", "\u{216b}", "\u{663}", "abcdefghij", "A_b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ]), 0..80)
    ) {
        let s = parts.concat();
        let got: Vec<(usize, usize, u64)> = news_extract::text::words::word_starts(&s)
            .iter()
            .map(|w| (w.start, w.head, w.hash))
            .collect();
        prop_assert_eq!(got, naive_starts(&s), "text {:?}", s);
    }
}

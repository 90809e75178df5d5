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

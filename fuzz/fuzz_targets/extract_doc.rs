//! Fuzz target: the whole extraction of one document, from raw bytes to
//! the seven tables' rows. Checks the offset invariants on every row.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_extract::extract::extract;
use news_extract::gazetteer::Gazetteers;
use news_extract::input::decode;
use news_extract::model::{Document, Status};
use news_extract::output::{rows, Table};
use news_extract::text::OffsetMap;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteers {
    static G: OnceLock<Gazetteers> = OnceLock::new();
    G.get_or_init(|| Gazetteers::builtin().expect("built-in gazetteers load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode::decode(data) else {
        return;
    };
    let doc = Document {
        doc_id: "fuzz.txt".into(),
        title: String::new(),
        date: Some("2024-01-01".into()),
        text: text.into_owned(),
        status: Status::Ok,
        error: None,
    };
    let ex = extract(&doc, gaz());
    let len = doc.text.len();
    for m in &ex.mentions {
        assert!(m.start <= m.end && m.end <= len, "mention out of range");
        assert!(doc.text.is_char_boundary(m.start) && doc.text.is_char_boundary(m.end));
    }
    for c in &ex.charges {
        assert!(c.start <= c.end && c.end <= len, "charge out of range");
    }
    for s in &ex.sentences {
        assert!(s.start <= s.end && s.end <= len, "sentence out of range");
    }
    for c in &ex.clemency {
        assert!(c.start <= c.end && c.end <= len, "clemency out of range");
    }
    let map = OffsetMap::new(&doc.text);
    let chars = doc.text.chars().count();
    for t in Table::ALL {
        for row in rows(t, &doc, &ex, &map) {
            assert_eq!(row.len(), t.header().len(), "row width of {}", t.name());
        }
    }
    for row in rows(Table::Mentions, &doc, &ex, &map) {
        let start: usize = row[4].parse().expect("start is a number");
        let end: usize = row[5].parse().expect("end is a number");
        assert!(start <= end && end <= chars);
        let between: String = doc.text.chars().skip(start).take(end - start).collect();
        assert_eq!(
            between, row[2],
            "mention text equals the text between its offsets"
        );
    }
});

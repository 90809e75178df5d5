//! Fuzz target: the input decoders (bytes to text, gzip, HTML, JSON, JSON
//! Lines). None may panic; every text they return must be valid for the
//! offsets the pipeline computes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_extract::input::{decode, html, json};
use std::io::Read;

fuzz_target!(|data: &[u8]| {
    // gzip, bounded like --max-doc-bytes.
    let mut out = Vec::new();
    let _ = flate2::read::MultiGzDecoder::new(data)
        .take(1 << 20)
        .read_to_end(&mut out);
    let Ok(text) = decode::decode(data) else {
        return;
    };
    let page = html::parse(&text);
    assert!(!page.title.contains('\n'));
    let _ = json::records(&text);
    for line in text.lines() {
        let _ = json::line(line);
    }
});

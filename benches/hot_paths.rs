//! Hot-path benchmarks: `cargo bench`. Plain timing loops (no harness), so
//! the figures are ratios to compare within one run on a noisy machine.
//!
//! - gazetteer build (built-in lists), per run
//! - extraction per document over the bundled corpus, MB/s on one thread
//! - each stage alone: sentence split, word starts, each gazetteer matcher, entities
//! - HTML stripping

use news_extract::gazetteer::Gazetteers;
use news_extract::input::{self, Jobs};
use news_extract::model::Status;
use news_extract::text::Text;
use std::hint::black_box;
use std::time::Instant;

fn time<F: FnMut()>(name: &str, bytes: usize, iters: usize, mut f: F) {
    f(); // warm-up
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    let s = t.elapsed().as_secs_f64() / iters as f64;
    if bytes > 0 {
        println!(
            "{name:<28} {:>10.3} ms/iter {:>8.1} MB/s",
            s * 1e3,
            bytes as f64 / 1e6 / s
        );
    } else {
        println!("{name:<28} {:>10.3} ms/iter", s * 1e3);
    }
}

fn main() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let docs: Vec<_> = Jobs::new(
        input::discover(&[corpus]),
        input::DEFAULT_MAX_DOC_BYTES,
        Default::default(),
    )
    .flat_map(|j| j.load(input::DEFAULT_MAX_DOC_BYTES))
    .filter(|d| d.status == Status::Ok)
    .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!("corpus: {} documents, {} bytes of text", docs.len(), bytes);

    time("gazetteer build", 0, 5, || {
        black_box(Gazetteers::builtin().ok());
    });
    let Ok(gaz) = Gazetteers::builtin() else {
        eprintln!("gazetteers do not load");
        return;
    };
    time("sentence split", bytes, 50, || {
        for d in &docs {
            black_box(Text::new(&d.text));
        }
    });
    let words: Vec<_> = docs
        .iter()
        .map(|d| news_extract::text::words::word_starts(&d.text))
        .collect();
    time("word starts", bytes, 50, || {
        for d in &docs {
            black_box(news_extract::text::words::word_starts(&d.text));
        }
    });
    let lists = [
        ("matcher people", &gaz.people_matcher),
        ("matcher orgs", &gaz.org_matcher),
        ("matcher offenses", &gaz.offense_matcher),
        ("matcher titles", &gaz.title_matcher),
    ];
    for (name, m) in lists {
        time(name, bytes, 50, || {
            for (d, w) in docs.iter().zip(&words) {
                black_box(m.find_words(&d.text, w));
            }
        });
    }
    time("entities", bytes, 20, || {
        for d in &docs {
            let t = Text::new(&d.text);
            black_box(news_extract::entities::Entities::recognize(
                &t,
                &gaz,
                d.date.as_deref(),
            ));
        }
    });
    time("full extraction", bytes, 20, || {
        for d in &docs {
            black_box(news_extract::extract::extract(d, &gaz));
        }
    });
    let html = "<div class=\"x\"><p>Some <b>bold</b> text &amp; more.</p><script>var a=1;</script></div>\n"
        .repeat(20_000);
    time("html strip", html.len(), 10, || {
        black_box(input::html::parse(&html));
    });
}

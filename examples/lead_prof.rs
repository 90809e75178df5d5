use news_extract::gazetteer::Gazetteers;
use news_extract::model::{Document, Status};
fn main() {
    let gaz = Gazetteers::builtin().unwrap();
    let mut docs = Vec::new();
    for e in std::fs::read_dir("corpus").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            docs.push(Document {
                doc_id: "x".into(),
                title: String::new(),
                date: None,
                text: std::fs::read_to_string(p).unwrap(),
                status: Status::Ok,
                error: None,
            });
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum::<usize>();
    let stage = std::env::args().nth(1).unwrap_or_default();
    let t = std::time::Instant::now();
    for _ in 0..100 {
        for d in &docs {
            if stage == "ents" {
                let text = news_extract::text::Text::new(&d.text);
                std::hint::black_box(news_extract::entities::Entities::recognize(
                    &text, &gaz, None,
                ));
            } else {
                std::hint::black_box(news_extract::extract::extract(d, &gaz));
            }
        }
    }
    println!(
        "{stage}: {:.1} MB/s",
        (bytes * 100) as f64 / 1e6 / t.elapsed().as_secs_f64()
    );
}

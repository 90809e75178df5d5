//! One document through the recognizers: text -> entities -> legal facts ->
//! clemency events -> mentions. Pure and thread-safe: the pipeline runs it
//! on many documents at once.

use crate::clemency;
use crate::entities::Entities;
use crate::gazetteer::Gazetteers;
use crate::legal;
use crate::model::{Document, Extraction, Mention, MentionType, Status};
use crate::text::Text;

/// Extract every table's rows from one document.
pub fn extract(doc: &Document, gaz: &Gazetteers) -> Extraction {
    if doc.status != Status::Ok {
        return Extraction::default();
    }
    let text = Text::new(&doc.text);
    let date = doc.date.as_deref();
    let ents = Entities::recognize(&text, gaz, date);
    let (charges, sentences) = legal::find(&text, gaz, &ents);
    let clemency = clemency::find(&text, gaz, &ents, &charges, &sentences, date);

    let mut mentions = Vec::with_capacity(
        ents.person_mentions.len()
            + ents.org_mentions.len()
            + charges.len()
            + sentences.len()
            + clemency.len(),
    );
    let mut push = |ty, start, end, row, rule: &'static str| {
        mentions.push(Mention {
            ty,
            start,
            end,
            row,
            rule,
            sentence: text.sentence_of(start),
        })
    };
    for m in &ents.person_mentions {
        push(MentionType::Person, m.start, m.end, m.entity, m.rule);
    }
    for m in &ents.org_mentions {
        push(MentionType::Org, m.start, m.end, m.entity, m.rule);
    }
    for (i, c) in charges.iter().enumerate() {
        push(MentionType::Charge, c.start, c.end, i, "charge");
    }
    for (i, s) in sentences.iter().enumerate() {
        push(MentionType::Sentence, s.start, s.end, i, "sentence");
    }
    for (i, c) in clemency.iter().enumerate() {
        push(MentionType::Clemency, c.start, c.end, i, "clemency");
    }
    Extraction {
        mentions,
        people: ents.people,
        organizations: ents.orgs,
        charges,
        sentences,
        clemency,
    }
}

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
    let mut push = |ty, start, end, canonical: String, rule: &'static str| {
        mentions.push(Mention {
            ty,
            start,
            end,
            canonical,
            rule,
            sentence: text.sentence_of(start),
        })
    };
    for m in &ents.person_mentions {
        push(
            MentionType::Person,
            m.start,
            m.end,
            ents.person_name(m.entity).to_string(),
            m.rule,
        );
    }
    for m in &ents.org_mentions {
        let name = ents.orgs.get(m.entity).map_or("", |o| o.name.as_str());
        push(MentionType::Org, m.start, m.end, name.to_string(), m.rule);
    }
    for c in &charges {
        push(
            MentionType::Charge,
            c.start,
            c.end,
            c.charge.to_lowercase(),
            "charge",
        );
    }
    for s in &sentences {
        push(MentionType::Sentence, s.start, s.end, s.term(), "sentence");
    }
    for c in &clemency {
        push(
            MentionType::Clemency,
            c.start,
            c.end,
            c.action.clone(),
            "clemency",
        );
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

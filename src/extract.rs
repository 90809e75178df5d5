//! One document through the recognizers: text -> entities -> legal facts ->
//! clemency events -> mentions. Pure and thread-safe: the pipeline runs it
//! on many documents at once.

use crate::clemency;
use crate::entities::{Entities, EntityMention};
use crate::gazetteer::Gazetteers;
use crate::legal;
use crate::model::{
    Charge, Clemency, Document, Extraction, Mention, MentionType, Sentence, Status,
};
use crate::text::Text;

/// Extract every table's rows from one document.
pub fn extract(doc: &Document, gaz: &Gazetteers) -> Extraction {
    if doc.status != Status::Ok {
        return Extraction::default();
    }
    let text = Text::new(&doc.text);
    let date = doc.date.as_deref();
    // (every list's matches in one pass over the words)
    let mut hits = gaz.list_hits(text.s, &text.words);
    let ents = Entities::from_hits(&text, gaz, date, &mut hits);
    let (charges, sentences) = legal::find_with(&text, gaz, &ents, hits.offenses);
    let clemency = clemency::find(&text, gaz, &ents, &charges, &sentences, date);

    let mentions = mentions(&text, &ents, &charges, &sentences, &clemency);
    Extraction {
        mentions,
        people: ents.people,
        organizations: ents.orgs,
        charges,
        sentences,
        clemency,
    }
}

/// A mention's start, end, row of its type's table and rule.
type Item = (usize, usize, usize, &'static str);

/// The mention types in the order the mentions table breaks ties on
/// (start, end) in.
const TYPES: [MentionType; 5] = [
    MentionType::Person,
    MentionType::Org,
    MentionType::Charge,
    MentionType::Sentence,
    MentionType::Clemency,
];

/// Every type's mentions in the order of a stable sort by (start, end,
/// type) of them all (people, organizations, charges, sentences, clemency):
/// the order of `mentions.csv`. Each type's list is usually in (start, end)
/// order already, so they are merged; otherwise they are sorted.
fn mentions(
    text: &Text,
    ents: &Entities,
    charges: &[Charge],
    sentences: &[Sentence],
    clemency: &[Clemency],
) -> Vec<Mention> {
    let item = |ty: MentionType, k: usize| -> Option<Item> {
        match ty {
            MentionType::Person => ents.person_mentions.get(k).map(entity_item),
            MentionType::Org => ents.org_mentions.get(k).map(entity_item),
            MentionType::Charge => charges.get(k).map(|c| (c.start, c.end, k, "charge")),
            MentionType::Sentence => sentences.get(k).map(|s| (s.start, s.end, k, "sentence")),
            MentionType::Clemency => clemency.get(k).map(|c| (c.start, c.end, k, "clemency")),
        }
    };
    let mention = |ty, (start, end, row, rule): Item, sentence| Mention {
        ty,
        start,
        end,
        row,
        rule,
        sentence,
    };
    let n = ents.person_mentions.len()
        + ents.org_mentions.len()
        + charges.len()
        + sentences.len()
        + clemency.len();
    let mut out = Vec::with_capacity(n);
    let sorted = ents.person_mentions.is_sorted_by_key(|m| (m.start, m.end))
        && ents.org_mentions.is_sorted_by_key(|m| (m.start, m.end))
        && charges.is_sorted_by_key(|c| (c.start, c.end))
        && sentences.is_sorted_by_key(|s| (s.start, s.end))
        && clemency.is_sorted_by_key(|c| (c.start, c.end));
    if !sorted {
        for ty in TYPES {
            out.extend(
                (0..)
                    .map_while(|k| item(ty, k))
                    .map(|i| mention(ty, i, text.sentence_of(i.0))),
            );
        }
        out.sort_by_key(|m| (m.start, m.end, m.ty));
        return out;
    }
    // Per type: the next index and its (start, end) as one number; past
    // the end the largest (no mention starts at `u64::MAX`).
    let key = |ty, k| item(ty, k).map_or(u128::MAX, |(a, b, ..)| (a as u128) << 64 | b as u128);
    let mut next = [0; 5];
    let mut keys = TYPES.map(|ty| key(ty, 0));
    // The sentence of the last mention (starts ascend).
    let mut sentence = 0;
    loop {
        // The lowest type wins ties on (start, end).
        let (t, least) =
            keys.iter().enumerate().fold(
                (0, u128::MAX),
                |(t, m), (u, &k)| if k < m { (u, k) } else { (t, m) },
            );
        if least == u128::MAX {
            return out;
        }
        let ty = TYPES[t];
        if let Some(i) = item(ty, next[t]) {
            sentence = text.sentence_from(sentence, i.0);
            out.push(mention(ty, i, sentence));
        }
        next[t] += 1;
        keys[t] = key(ty, next[t]);
    }
}

/// The item of an entity mention.
fn entity_item(m: &EntityMention) -> Item {
    (m.start, m.end, m.entity, m.rule)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Spans in a 60-byte text, sorted by (start, end) when `sort`.
    fn spans(max: usize) -> impl Strategy<Value = Vec<(usize, usize)>> {
        (
            prop::collection::vec((0usize..50, 0usize..6), 0..max),
            any::<bool>(),
        )
            .prop_map(|(v, sort)| {
                let mut v: Vec<(usize, usize)> = v.into_iter().map(|(a, l)| (a, a + l)).collect();
                if sort {
                    v.sort();
                }
                v
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The merge gives the order of a stable sort of the lists, one
        /// after the other, by (start, end, type).
        #[test]
        fn merge_is_the_stable_sort(
            p in spans(12), o in spans(12), c in spans(4), s in spans(4), k in spans(4),
        ) {
            let doc = "One two. Three four five.\nSix seven. Eight nine ten eleven.";
            let text = Text::new(doc);
            let ent = |v: &[(usize, usize)], rule| -> Vec<EntityMention> {
                v.iter()
                    .enumerate()
                    .map(|(i, &(start, end))| EntityMention { start, end, entity: i, rule })
                    .collect()
            };
            let ents = Entities {
                person_mentions: ent(&p, "p"),
                org_mentions: ent(&o, "o"),
                ..Entities::default()
            };
            let charges: Vec<Charge> =
                c.iter().map(|&(start, end)| Charge { start, end, ..Charge::default() }).collect();
            let sentences: Vec<Sentence> = s
                .iter()
                .map(|&(start, end)| Sentence { start, end, ..Sentence::default() })
                .collect();
            let clemency: Vec<Clemency> = k
                .iter()
                .map(|&(start, end)| Clemency { start, end, ..Clemency::default() })
                .collect();
            let mut want = Vec::new();
            for (ty, v, rule) in [
                (MentionType::Person, &p, "p"),
                (MentionType::Org, &o, "o"),
                (MentionType::Charge, &c, "charge"),
                (MentionType::Sentence, &s, "sentence"),
                (MentionType::Clemency, &k, "clemency"),
            ] {
                for (row, &(start, end)) in v.iter().enumerate() {
                    let sentence = text.sentence_of(start);
                    want.push(Mention { ty, start, end, row, rule, sentence });
                }
            }
            want.sort_by_key(|m| (m.start, m.end, m.ty));
            let got = mentions(&text, &ents, &charges, &sentences, &clemency);
            prop_assert_eq!(got, want);
        }
    }
}

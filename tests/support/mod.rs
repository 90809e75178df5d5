//! Helpers shared by the table-driven recognizer tests
//! (tests/legal_cases.rs, tests/clemency_cases.rs): entities given by hand,
//! so each case tests one recognizer alone.
#![allow(dead_code)]

use news_extract::entities::{Entities, EntityMention};
use news_extract::model::Person;

/// Every whole-word occurrence of `needle` in `hay`.
pub fn occurrences(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = hay[from..].find(needle) {
        let a = from + p;
        let b = a + needle.len();
        let before_ok = hay[..a]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[b..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push((a, b));
        }
        from = b;
    }
    out
}

/// The entities of a case, as its `people` rows list them
/// (`Name|role|alias;alias`); longest forms win overlaps.
pub fn entities(text: &str, people: &[String]) -> Entities {
    let mut e = Entities::default();
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for row in people {
        let f: Vec<&str> = row.split('|').collect();
        let name = f[0];
        let role = f.get(1).copied().unwrap_or("");
        let aliases: Vec<&str> = f
            .get(2)
            .map(|a| a.split(';').filter(|x| !x.is_empty()).collect())
            .unwrap_or_default();
        let idx = e.people.len();
        e.people.push(Person {
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Person::default()
        });
        e.roles.push(role.to_string());
        for form in std::iter::once(name).chain(aliases.iter().copied()) {
            for (a, b) in occurrences(text, form) {
                spans.push((a, b, idx));
            }
        }
    }
    spans.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
    let mut last_end = 0;
    for (a, b, idx) in spans {
        if a < last_end {
            continue;
        }
        last_end = b;
        e.person_mentions.push(EntityMention {
            start: a,
            end: b,
            entity: idx,
            rule: "test",
        });
        e.people[idx].mentions += 1;
    }
    e
}

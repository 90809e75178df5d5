//! People and organizations: recognition (gazetteers plus patterns) and
//! resolution (alias merging into one entity per document).

use crate::gazetteer::Gazetteers;
use crate::model::{Organization, Person};
use crate::text::Text;

/// One mention of a person or organization.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMention {
    /// Byte start of the name (titles excluded).
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Index into [`Entities::people`] or [`Entities::orgs`].
    pub entity: usize,
    /// The list or pattern that found it.
    pub rule: String,
}

/// The people and organizations of one document.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    /// Distinct people.
    pub people: Vec<Person>,
    /// Distinct organizations.
    pub orgs: Vec<Organization>,
    /// Person mentions, sorted by start.
    pub person_mentions: Vec<EntityMention>,
    /// Organization mentions, sorted by start.
    pub org_mentions: Vec<EntityMention>,
    /// Per person: role from the gazetteer or a title (`president`, `governor`, `judge`...), or empty.
    pub roles: Vec<String>,
}

impl Entities {
    /// Find and resolve the people and organizations of `text`.
    pub fn recognize(text: &Text, gaz: &Gazetteers, _date: Option<&str>) -> Entities {
        let mut e = Entities::default();
        for h in gaz.people_matcher.find(text.s) {
            let entry = &gaz.people[h.entry];
            let idx = match e.people.iter().position(|p| p.name == entry.name) {
                Some(i) => i,
                None => {
                    e.people.push(Person {
                        name: entry.name.clone(),
                        first_start: h.start,
                        gazetteer_id: entry.id.clone(),
                        ..Person::default()
                    });
                    e.roles.push(entry.role.clone());
                    e.people.len() - 1
                }
            };
            let p = &mut e.people[idx];
            p.mentions += 1;
            let form = &text.s[h.start..h.end];
            if form != p.name && !p.aliases.iter().any(|a| a == form) {
                p.aliases.push(form.to_string());
            }
            e.person_mentions.push(EntityMention {
                start: h.start,
                end: h.end,
                entity: idx,
                rule: "gazetteer:people".into(),
            });
        }
        for h in gaz.org_matcher.find(text.s) {
            let entry = &gaz.orgs[h.entry];
            let idx = match e
                .orgs
                .iter()
                .position(|o| o.gazetteer_id == entry.id && o.name == entry.name)
            {
                Some(i) => i,
                None => {
                    e.orgs.push(Organization {
                        name: entry.name.clone(),
                        first_start: h.start,
                        kind: entry.kind.clone(),
                        gazetteer_id: entry.id.clone(),
                        ..Organization::default()
                    });
                    e.orgs.len() - 1
                }
            };
            let o = &mut e.orgs[idx];
            o.mentions += 1;
            let form = &text.s[h.start..h.end];
            if form != o.name && !o.aliases.iter().any(|a| a == form) {
                o.aliases.push(form.to_string());
            }
            e.org_mentions.push(EntityMention {
                start: h.start,
                end: h.end,
                entity: idx,
                rule: "gazetteer:organizations".into(),
            });
        }
        e
    }

    /// Canonical name of person `i`.
    pub fn person_name(&self, i: usize) -> &str {
        self.people.get(i).map_or("", |p| p.name.as_str())
    }

    /// Person mentions that start inside `[a, b)`.
    pub fn person_mentions_in(&self, a: usize, b: usize) -> impl Iterator<Item = &EntityMention> {
        let from = self.person_mentions.partition_point(|m| m.start < a);
        self.person_mentions[from..]
            .iter()
            .take_while(move |m| m.start < b)
    }
}

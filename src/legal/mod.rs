//! Legal facts: criminal charges and prison sentences.

pub mod charges;
pub mod numbers;
pub mod sentences;

use crate::entities::Entities;
use crate::text::Text;

/// Roles of people who act on a case rather than being its subject
/// (judges, prosecutors, officers, grantors of clemency).
const OFFICIAL_ROLES: &[&str] = &[
    "judge",
    "prosecutor",
    "law_enforcement",
    "attorney_general",
    "president",
    "vice_president",
    "governor",
];

/// True when person `i` holds an official role that is never the defendant.
fn is_official(ents: &Entities, i: usize) -> bool {
    ents.roles
        .get(i)
        .is_some_and(|r| OFFICIAL_ROLES.contains(&r.as_str()))
}

/// The people a fact at byte `pos` is about: the non-official person
/// mentions of its sentence before `pos` (in order, distinct), or else the
/// most recent non-official person mentioned in an earlier sentence.
pub(crate) fn subjects(text: &Text, ents: &Entities, pos: usize) -> Vec<usize> {
    let si = text.sentence_of(pos);
    let (a, _) = text.sentence(si);
    let mut out: Vec<usize> = Vec::new();
    for m in ents.person_mentions_in(a, pos) {
        if !is_official(ents, m.entity) && !out.contains(&m.entity) {
            out.push(m.entity);
        }
    }
    if out.is_empty() {
        let upto = ents.person_mentions.partition_point(|m| m.start < a);
        if let Some(m) = ents.person_mentions[..upto]
            .iter()
            .rev()
            .find(|m| !is_official(ents, m.entity))
        {
            out.push(m.entity);
        }
    }
    out
}

/// Canonical name of the subject of a fact at `pos` (the first of
/// [`subjects`]), or empty.
pub(crate) fn subject_name(text: &Text, ents: &Entities, pos: usize) -> String {
    subjects(text, ents, pos)
        .first()
        .map_or_else(String::new, |&i| ents.person_name(i).to_string())
}

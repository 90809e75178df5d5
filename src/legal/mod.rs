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

/// How many person mentions attribution looks back over at most.
const MAX_LOOKBACK: usize = 64;

/// True when person `i` holds an official role that is never the defendant.
fn is_official(ents: &Entities, i: usize) -> bool {
    const TITLE_WORDS: &[&str] = &[
        "attorney",
        "judge",
        "justice",
        "agent",
        "director",
        "sheriff",
        "commissioner",
        "prosecutor",
        "governor",
        "president",
        "chief",
        "inspector",
    ];
    ents.roles
        .get(i)
        .is_some_and(|r| OFFICIAL_ROLES.contains(&r.as_str()))
        || ents.people.get(i).is_some_and(|p| {
            p.titles.iter().any(|t| {
                t.split_whitespace()
                    .any(|w| TITLE_WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)))
            })
        })
}

/// The people a fact at byte `pos` is about: the non-official person
/// mentions of its sentence before `pos` (in order, distinct), or else the
/// most recent non-official person mentioned in an earlier sentence.
/// [`subject_name`] takes the nearest of them.
pub(crate) fn subjects(text: &Text, ents: &Entities, pos: usize) -> Vec<usize> {
    let si = text.sentence_of(pos);
    let (a, _) = text.sentence(si);
    let mut out: Vec<usize> = Vec::new();
    let hi = ents.person_mentions.partition_point(|m| m.start < pos);
    let lo = ents.person_mentions.partition_point(|m| m.start < a);
    // The last few mentions only: keeps run-on text linear.
    for m in &ents.person_mentions[lo.max(hi.saturating_sub(4 * MAX_LOOKBACK))..hi] {
        if !is_official(ents, m.entity) && !out.contains(&m.entity) {
            out.push(m.entity);
        }
    }
    if out.is_empty() {
        let upto = ents.person_mentions.partition_point(|m| m.start < a);
        if let Some(m) = ents.person_mentions[..upto]
            .iter()
            .rev()
            .take(MAX_LOOKBACK)
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
    let si = text.sentence_of(pos);
    let (a, _) = text.sentence(si);
    // The nearest non-official mention before `pos` in its sentence ("X and
    // Y announced that Z was sentenced" -> Z), else the earlier ones.
    // Walk back from `pos` (bounded, so a run-on "sentence" of thousands of
    // officials stays linear).
    let hi = ents.person_mentions.partition_point(|m| m.start < pos);
    let lo = ents.person_mentions.partition_point(|m| m.start < a);
    let near = ents.person_mentions[lo..hi]
        .iter()
        .rev()
        .take(MAX_LOOKBACK)
        .find(|m| !is_official(ents, m.entity))
        .map(|m| m.entity);
    near.or_else(|| subjects(text, ents, pos).first().copied())
        .map_or_else(String::new, |i| ents.person_name(i).to_string())
}

/// For a fact said of "each" / "both" defendants: every non-official person
/// of its sentence before `pos`, or of the latest earlier sentence (of the
/// last three) that names two or more.
pub(crate) fn each_subjects(text: &Text, ents: &Entities, pos: usize) -> Vec<usize> {
    let si = text.sentence_of(pos);
    let collect = |a: usize, b: usize| {
        let mut v: Vec<usize> = Vec::new();
        for m in ents.person_mentions_in(a, b).take(4 * MAX_LOOKBACK) {
            if !is_official(ents, m.entity) && !v.contains(&m.entity) {
                v.push(m.entity);
            }
        }
        v
    };
    let (a, _) = text.sentence(si);
    let here = collect(a, pos);
    if here.len() >= 2 {
        return here;
    }
    for back in 1..=12 {
        let Some(j) = si.checked_sub(back) else { break };
        let (c, d) = text.sentence(j);
        let v = collect(c, d);
        if v.len() >= 2 {
            return v;
        }
    }
    Vec::new()
}

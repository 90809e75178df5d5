//! Table-driven cases for people and organization recognition and alias
//! merging: `tests/testdata/entities.toml`, one case per phenomenon.
//!
//! The built-in gazetteers are used together with the small lists in
//! `tests/testdata/entities-gaz/` (a few first names and surnames), so the
//! cases do not depend on what the big generated lists happen to contain.

use news_extract::entities::Entities;
use news_extract::gazetteer::Gazetteers;
use news_extract::text::Text;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    /// What the case guards.
    name: String,
    text: String,
    /// Exact set of canonical person names (when given).
    people: Option<Vec<String>>,
    /// Names that must be among the people.
    #[serde(default)]
    has_people: Vec<String>,
    /// Names that must not be people (nor part of any person's name).
    #[serde(default)]
    not_people: Vec<String>,
    /// Exact set of organization names (when given).
    orgs: Option<Vec<String>>,
    /// Names that must be among the organizations.
    #[serde(default)]
    has_orgs: Vec<String>,
    /// Names that must not be organizations.
    #[serde(default)]
    not_orgs: Vec<String>,
    /// Person name -> forms that must be among its aliases.
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
    /// Organization name -> forms that must be among its aliases.
    #[serde(default)]
    org_aliases: BTreeMap<String, Vec<String>>,
    /// Person name -> titles that must be among its titles.
    #[serde(default)]
    titles: BTreeMap<String, Vec<String>>,
    /// Person name -> number of mentions.
    #[serde(default)]
    mentions: BTreeMap<String, usize>,
    /// Surface form -> the canonical person it must resolve to.
    #[serde(default)]
    resolves: BTreeMap<String, String>,
    /// Person name -> role (`president`, `governor`, ...).
    #[serde(default)]
    roles: BTreeMap<String, String>,
    /// Role -> the person `Entities::person_with_role` must give.
    #[serde(default)]
    role_holder: BTreeMap<String, String>,
}

fn gazetteers() -> Gazetteers {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/entities-gaz");
    Gazetteers::load(Some(&dir)).expect("test gazetteers load")
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn check(c: &Case, gaz: &Gazetteers) -> Vec<String> {
    let text = Text::new(&c.text);
    let e = Entities::recognize(&text, gaz, Some("2020-06-01"));
    let people: Vec<String> = e.people.iter().map(|p| p.name.clone()).collect();
    let orgs: Vec<String> = e.orgs.iter().map(|o| o.name.clone()).collect();
    let mut errs = Vec::new();
    if let Some(want) = &c.people {
        if sorted(want.clone()) != sorted(people.clone()) {
            errs.push(format!("people: want {want:?}, got {people:?}"));
        }
    }
    for p in &c.has_people {
        if !people.contains(p) {
            errs.push(format!("missing person {p:?} in {people:?}"));
        }
    }
    for p in &c.not_people {
        if people.iter().any(|x| x == p || x.contains(p.as_str())) {
            errs.push(format!("false person {p:?} in {people:?}"));
        }
    }
    if let Some(want) = &c.orgs {
        if sorted(want.clone()) != sorted(orgs.clone()) {
            errs.push(format!("orgs: want {want:?}, got {orgs:?}"));
        }
    }
    for o in &c.has_orgs {
        if !orgs.contains(o) {
            errs.push(format!("missing org {o:?} in {orgs:?}"));
        }
    }
    for o in &c.not_orgs {
        if orgs.contains(o) {
            errs.push(format!("false org {o:?} in {orgs:?}"));
        }
    }
    for (name, forms) in &c.aliases {
        match e.people.iter().find(|p| &p.name == name) {
            None => errs.push(format!("no person {name:?} for aliases")),
            Some(p) => {
                for f in forms {
                    if !p.aliases.contains(f) {
                        errs.push(format!("{name:?} lacks alias {f:?}: {:?}", p.aliases));
                    }
                }
            }
        }
    }
    for (name, forms) in &c.org_aliases {
        match e.orgs.iter().find(|o| &o.name == name) {
            None => errs.push(format!("no org {name:?} for aliases")),
            Some(o) => {
                for f in forms {
                    if !o.aliases.contains(f) {
                        errs.push(format!("{name:?} lacks alias {f:?}: {:?}", o.aliases));
                    }
                }
            }
        }
    }
    for (name, ts) in &c.titles {
        match e.people.iter().find(|p| &p.name == name) {
            None => errs.push(format!("no person {name:?} for titles")),
            Some(p) => {
                for t in ts {
                    if !p.titles.contains(t) {
                        errs.push(format!("{name:?} lacks title {t:?}: {:?}", p.titles));
                    }
                }
            }
        }
    }
    for (name, n) in &c.mentions {
        match e.people.iter().find(|p| &p.name == name) {
            None => errs.push(format!("no person {name:?} for mentions")),
            Some(p) => {
                if p.mentions != *n {
                    errs.push(format!("{name:?}: {} mentions, want {n}", p.mentions));
                }
                let listed = e
                    .person_mentions
                    .iter()
                    .filter(|m| e.person_name(m.entity) == name)
                    .count();
                if listed != *n {
                    errs.push(format!("{name:?}: {listed} mention rows, want {n}"));
                }
            }
        }
    }
    for (form, want) in &c.resolves {
        let hits: Vec<&str> = e
            .person_mentions
            .iter()
            .filter(|m| &c.text[m.start..m.end] == form)
            .map(|m| e.person_name(m.entity))
            .collect();
        if hits.is_empty() {
            errs.push(format!("no mention {form:?}"));
        }
        for h in hits {
            if h != want {
                errs.push(format!("{form:?} resolved to {h:?}, want {want:?}"));
            }
        }
    }
    for (name, role) in &c.roles {
        match e.people.iter().position(|p| &p.name == name) {
            None => errs.push(format!("no person {name:?} for roles")),
            Some(i) => {
                if &e.roles[i] != role {
                    errs.push(format!("{name:?}: role {:?}, want {role:?}", e.roles[i]));
                }
            }
        }
    }
    for (role, want) in &c.role_holder {
        let got = e.person_with_role(role).map(|i| e.person_name(i));
        if got != Some(want.as_str()) {
            errs.push(format!(
                "person_with_role({role:?}) = {got:?}, want {want:?}"
            ));
        }
    }
    // Mentions are sorted and point at existing entities.
    for w in e.person_mentions.windows(2) {
        if w[0].start > w[1].start {
            errs.push("person mentions not sorted".into());
        }
    }
    if e.person_mentions.iter().any(|m| m.entity >= e.people.len())
        || e.org_mentions.iter().any(|m| m.entity >= e.orgs.len())
        || e.roles.len() != e.people.len()
    {
        errs.push("mention points nowhere / roles length".into());
    }
    errs
}

#[test]
fn entity_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/entities.toml");
    let src = std::fs::read_to_string(&path).expect("read entities.toml");
    let file: File = toml::from_str(&src).expect("parse entities.toml");
    let gaz = gazetteers();
    let mut failed = Vec::new();
    for c in &file.case {
        let errs = check(c, &gaz);
        if !errs.is_empty() {
            failed.push(format!("{}:\n    {}", c.name, errs.join("\n    ")));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} cases failed:\n{}",
        failed.len(),
        file.case.len(),
        failed.join("\n")
    );
}

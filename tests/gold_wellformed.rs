//! The bundled gold files (tests/gold/*.json) are well formed: they parse,
//! name an article of corpus/, refer to people they list, and use only the
//! values SCHEMA.md allows. A broken gold file silently skews every score
//! and the CI floor, so all problems are collected and reported at once.

use news_extract::eval::{person_key, GoldDoc};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// SCHEMA.md's allowed values.
const ORG_KINDS: &[&str] = &[
    "government",
    "court",
    "law_enforcement",
    "nonprofit",
    "company",
    "media",
    "political",
    "education",
    "other",
];
const CATEGORIES: &[&str] = &[
    "drug",
    "fraud",
    "violent",
    "weapons",
    "sex",
    "immigration",
    "corruption",
    "tax",
    "cyber",
    "property",
    "obstruction",
    "other",
];
const SENTENCE_KINDS: &[&str] = &["imposed", "served", "commuted", "faced"];
const ACTIONS: &[&str] = &["pardon", "commutation", "reprieve", "remission", "clemency"];
const STATUSES: &[&str] = &["granted", "denied", "sought", "proposed"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gold_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/gold"))
        .expect("tests/gold exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

/// Read a corpus file, gunzipping `.gz`.
fn read_corpus(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    if path.extension().is_some_and(|x| x == "gz") {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .ok()?;
        Some(s)
    } else {
        String::from_utf8(bytes).ok()
    }
}

/// Problems with `doc_id`: it must name a file of corpus/, or for
/// `x.jsonl#N` an existing, non-empty line N of corpus/x.jsonl.
fn check_doc_id(doc_id: &str, problems: &mut Vec<String>) {
    let corpus = root().join("corpus");
    if doc_id.is_empty() {
        problems.push("no doc_id".into());
        return;
    }
    match doc_id.rsplit_once('#') {
        Some((file, n)) if file.ends_with(".jsonl") || file.ends_with(".jsonl.gz") => {
            let Ok(n) = n.parse::<usize>() else {
                problems.push(format!(
                    "doc_id {doc_id:?}: line number {n:?} is not a number"
                ));
                return;
            };
            let Some(text) = read_corpus(&corpus.join(file)) else {
                problems.push(format!("doc_id {doc_id:?}: corpus/{file} cannot be read"));
                return;
            };
            match text.lines().nth(n.wrapping_sub(1)) {
                Some(line) if !line.trim().is_empty() => {
                    match serde_json::from_str::<Value>(line) {
                        Ok(v) if v.get("id").is_some() => problems.push(format!(
                            "doc_id {doc_id:?}: the record has an \"id\" field, so its doc_id is that id"
                        )),
                        Ok(_) => {}
                        Err(e) => problems.push(format!(
                            "doc_id {doc_id:?}: line {n} of corpus/{file} is not JSON: {e}"
                        )),
                    }
                }
                _ => problems.push(format!(
                    "doc_id {doc_id:?}: corpus/{file} has no (non-empty) line {n}"
                )),
            }
        }
        _ => {
            if !corpus.join(doc_id).is_file() {
                problems.push(format!("doc_id {doc_id:?}: no such file in corpus/"));
            }
        }
    }
}

fn str_field<'a>(o: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    o.get(k).and_then(Value::as_str)
}

fn check_value(
    o: &Map<String, Value>,
    key: &str,
    allowed: &[&str],
    what: &str,
    problems: &mut Vec<String>,
) {
    match str_field(o, key) {
        Some(v) if allowed.contains(&v) => {}
        v => problems.push(format!(
            "{what}: {key} {} is not one of {allowed:?}",
            v.map_or("missing".to_string(), |v| format!("{v:?}"))
        )),
    }
}

fn list<'a>(g: &'a Value, key: &str, problems: &mut Vec<String>) -> Vec<&'a Map<String, Value>> {
    match g.get(key) {
        None => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| {
                let o = v.as_object();
                if o.is_none() {
                    problems.push(format!("{key}: entry {v} is not an object"));
                }
                o
            })
            .collect(),
        Some(v) => {
            problems.push(format!("{key} is not a list: {v}"));
            Vec::new()
        }
    }
}

/// All problems of one gold file.
fn check(path: &Path) -> Vec<String> {
    let mut p = Vec::new();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return vec![format!("cannot read: {e}")],
    };
    let g: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    if let Err(e) = GoldDoc::parse(&name, &text) {
        p.push(format!("the scorer cannot use it: {e}"));
    }
    check_doc_id(
        g.get("doc_id").and_then(Value::as_str).unwrap_or(""),
        &mut p,
    );

    // people: names and aliases are strings; their keys resolve references.
    let mut keys: HashSet<String> = HashSet::new();
    for (key, kinds) in [("people", None), ("organizations", Some(ORG_KINDS))] {
        for e in list(&g, key, &mut p) {
            let n = str_field(e, "name").unwrap_or("");
            if n.trim().is_empty() {
                p.push(format!("{key}: an entry without a name: {e:?}"));
            }
            let aliases: Vec<&str> = match e.get("aliases") {
                None => Vec::new(),
                Some(Value::Array(a)) if a.iter().all(Value::is_string) => {
                    a.iter().filter_map(Value::as_str).collect()
                }
                Some(v) => {
                    p.push(format!("{key} {n:?}: aliases {v} is not a list of strings"));
                    Vec::new()
                }
            };
            if key == "people" {
                keys.insert(person_key(n));
                keys.extend(aliases.into_iter().map(person_key));
            }
            if let Some(kinds) = kinds {
                check_value(e, "kind", kinds, &format!("organization {n:?}"), &mut p);
            }
        }
    }
    for c in list(&g, "charges", &mut p) {
        let t = str_field(c, "text").unwrap_or("");
        if t.trim().is_empty() {
            p.push(format!("charges: an entry without text: {c:?}"));
        }
        check_value(c, "category", CATEGORIES, &format!("charge {t:?}"), &mut p);
    }
    for s in list(&g, "sentences", &mut p) {
        let what = format!("sentence {:?}", str_field(s, "text").unwrap_or(""));
        check_value(s, "kind", SENTENCE_KINDS, &what, &mut p);
        let months = s.get("months").is_some_and(|m| !m.is_null());
        if months && !s.get("months").is_some_and(Value::is_number) {
            p.push(format!(
                "{what}: months {:?} is not a number",
                s.get("months")
            ));
        }
        let flag = |k: &str| s.get(k) == Some(&Value::Bool(true));
        for k in ["life", "death"] {
            if !matches!(s.get(k), None | Some(Value::Bool(_))) {
                p.push(format!("{what}: {k} is not true/false"));
            }
        }
        let terms = usize::from(months) + usize::from(flag("life")) + usize::from(flag("death"));
        if terms != 1 {
            p.push(format!(
                "{what}: needs exactly one of months, life, death (has {terms})"
            ));
        }
    }
    for c in list(&g, "clemency", &mut p) {
        let r = str_field(c, "recipient").unwrap_or("");
        let what = format!("clemency for {r:?}");
        check_value(c, "action", ACTIONS, &what, &mut p);
        check_value(c, "status", STATUSES, &what, &mut p);
        if r.trim().is_empty() || !keys.contains(&person_key(r)) {
            p.push(format!(
                "{what}: the recipient is not in people (name or alias)"
            ));
        }
        let gr = str_field(c, "grantor").unwrap_or("");
        if !gr.trim().is_empty() && !keys.contains(&person_key(gr)) {
            p.push(format!(
                "{what}: grantor {gr:?} is not in people (name or alias)"
            ));
        }
    }
    p
}

#[test]
fn gold_files_are_well_formed() {
    let files = gold_files();
    assert!(!files.is_empty(), "no gold files in tests/gold");
    let mut report = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let mut problems = check(f);
        // Two gold files for one document: the scorer keeps only the last.
        if let Ok(doc) = std::fs::read_to_string(f)
            .map_err(|e| e.to_string())
            .and_then(|t| GoldDoc::parse(&name, &t).map_err(|e| e.to_string()))
        {
            if let Some(other) = seen.insert(doc.doc.clone(), name.clone()) {
                problems.push(format!("same document {:?} as {other}", doc.doc));
            }
        }
        for pr in problems {
            report.push(format!("tests/gold/{name}: {pr}"));
        }
    }
    assert!(report.is_empty(), "gold problems:\n{}", report.join("\n"));
}

//! Gazetteers: the editable lists in `gazetteers/`, loaded once and compiled
//! into Aho-Corasick automata shared by all threads.
//!
//! Format (see `gazetteers/README.md`): UTF-8 TSV, one header row, `#`
//! comment lines, an optional `#! case = exact|fold` directive at the top,
//! `;` between the values of a multi-valued cell. The built-in lists are
//! embedded in the binary; `--gazetteers DIR` adds files whose name starts
//! with a list's name (`people-local.tsv` adds to `people`), and a row whose
//! id equals a built-in row's id replaces it.

use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::path::Path;

/// The built-in lists, embedded at build time.
const BUILTIN: &[(&str, &str)] = &[
    ("people.tsv", include_str!("../gazetteers/people.tsv")),
    (
        "organizations.tsv",
        include_str!("../gazetteers/organizations.tsv"),
    ),
    ("offenses.tsv", include_str!("../gazetteers/offenses.tsv")),
    (
        "first_names.tsv",
        include_str!("../gazetteers/first_names.tsv"),
    ),
    ("surnames.tsv", include_str!("../gazetteers/surnames.tsv")),
    ("titles.tsv", include_str!("../gazetteers/titles.tsv")),
    ("places.tsv", include_str!("../gazetteers/places.tsv")),
    ("not_names.tsv", include_str!("../gazetteers/not_names.tsv")),
];

/// The list kinds, by file-name prefix. Longer prefixes first.
const KINDS: &[&str] = &[
    "organizations",
    "first_names",
    "not_names",
    "surnames",
    "offenses",
    "people",
    "titles",
    "places",
];

/// How a list's phrases are compared with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Only as written.
    Exact,
    /// ASCII case-insensitive.
    Fold,
}

/// One parsed TSV list.
#[derive(Debug, Clone)]
pub struct Table {
    /// File name it came from.
    pub file: String,
    /// Case rule from the `#! case =` directive (default exact).
    pub case: Case,
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header (missing cells are empty).
    pub rows: Vec<Vec<&'static str>>,
}

impl Table {
    /// Parse a list from its text.
    /// The text lives as long as the process: built-in lists are embedded,
    /// added ones are read once and kept (see [`Gazetteers::load`]).
    pub fn parse(file: &str, text: &'static str) -> Result<Table> {
        let mut case = Case::Exact;
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if let Some(d) = line.strip_prefix("#!") {
                let d: String = d.chars().filter(|c| !c.is_whitespace()).collect();
                case = match d.as_str() {
                    "case=exact" => Case::Exact,
                    "case=fold" => Case::Fold,
                    _ => {
                        return Err(Error::Gazetteer {
                            file: file.into(),
                            line: i + 1,
                            msg: format!("unknown directive {line:?}"),
                        })
                    }
                };
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            match &header {
                None => header = Some(cells.iter().map(|c| c.to_string()).collect()),
                Some(h) => {
                    if cells.len() > h.len() {
                        return Err(Error::Gazetteer {
                            file: file.into(),
                            line: i + 1,
                            msg: format!("{} cells for {} columns", cells.len(), h.len()),
                        });
                    }
                    let mut cells = cells;
                    cells.resize(h.len(), "");
                    rows.push(cells);
                }
            }
        }
        Ok(Table {
            file: file.into(),
            case,
            header: header.unwrap_or_default(),
            rows,
        })
    }

    fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

fn split_multi(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A known person with one term of office (or none).
#[derive(Debug, Clone, Default)]
pub struct PersonEntry {
    /// Stable key.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other forms.
    pub aliases: Vec<String>,
    /// `president`, `governor`, `judge`, ...
    pub role: String,
    /// `US` or a state code.
    pub jurisdiction: String,
    /// Term start, ISO date.
    pub start: String,
    /// Term end, ISO date (empty when current).
    pub end: String,
}

/// A known organization.
#[derive(Debug, Clone, Default)]
pub struct OrgEntry {
    /// Stable key.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other forms (abbreviations, short forms).
    pub aliases: Vec<String>,
    /// SCHEMA kind.
    pub kind: String,
}

/// An offense phrase of the offense lexicon.
#[derive(Debug, Clone, Default)]
pub struct OffenseEntry {
    /// Stable key.
    pub id: String,
    /// The phrase.
    pub phrase: String,
    /// SCHEMA category.
    pub category: String,
    /// Usual statute, if any.
    pub statute: String,
    /// Other wordings.
    pub aliases: Vec<String>,
}

/// A title or honorific that precedes names.
#[derive(Debug, Clone, Default)]
pub struct TitleEntry {
    /// As written (`Gov.`, `U.S. District Judge`).
    pub title: String,
    /// `honorific` or `title`.
    pub kind: String,
    /// `president`, `governor`, `judge`, ... or `other`.
    pub role: String,
}

/// A compiled phrase matcher over one list: whole-word, leftmost-longest.
///
/// Every phrase starts with a letter or digit, so a whole-word match starts
/// at a word start: the search tries only word starts whose first byte can
/// begin a phrase, and takes the longest phrase there. Case-exact lists of
/// up to 40,000 phrases (the built-in ones) find it in a sorted table by
/// narrowing byte by byte (no automaton to build, which keeps start-up
/// short); case-folded and larger lists use an anchored Aho-Corasick
/// automaton.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Exact lists: (phrase, entry), sorted by bytes.
    sorted: Vec<(Box<str>, usize)>,
    /// `sorted[by_first[b]..by_first[b + 1]]` are the phrases starting with byte `b`.
    by_first: Vec<u32>,
    /// Folded lists: the automaton, and the entry of each of its patterns.
    ac: Option<AhoCorasick>,
    entry: Vec<usize>,
    /// Bytes a phrase can start with.
    first: Box<[bool; 256]>,
}

/// Largest case-exact list searched with a sorted table (see [`Matcher`]).
const SORTED_MAX: usize = 40_000;

/// One match of a [`Matcher`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Index of the entry in its list.
    pub entry: usize,
}

impl Matcher {
    /// Compile `(form, entry)` pairs. Empty forms, and forms that do not
    /// start with a letter or digit (they could never be whole words, e.g.
    /// an editor's "[First] Last"), are dropped.
    pub fn new(forms: Vec<(String, usize)>, case: Case) -> Result<Matcher> {
        let mut seen = FxHashSet::default();
        let mut pats = Vec::new();
        let mut entry = Vec::new();
        for (f, e) in forms {
            // Lists write the straight apostrophe; news often has the curly one.
            let curly = f.contains('\'').then(|| f.replace('\'', "\u{2019}"));
            for f in std::iter::once(f).chain(curly) {
                let key = if case == Case::Fold {
                    f.to_ascii_lowercase()
                } else {
                    f.clone()
                };
                let word_start = f.chars().next().is_some_and(char::is_alphanumeric);
                if !word_start || !seen.insert(key) {
                    continue;
                }
                pats.push(f);
                entry.push(e);
            }
        }
        let mut first = Box::new([false; 256]);
        for p in &pats {
            let b = p.as_bytes()[0];
            first[usize::from(b)] = true;
            if case == Case::Fold {
                first[usize::from(b.to_ascii_lowercase())] = true;
                first[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        // A sorted table builds in a few milliseconds; past tens of thousands
        // of phrases (a user's 100,000 names) the automaton searches faster
        // and its build time no longer matters next to the run.
        if pats.is_empty() || (case == Case::Exact && pats.len() <= SORTED_MAX) {
            let mut sorted: Vec<(Box<str>, usize)> = pats
                .into_iter()
                .map(String::into_boxed_str)
                .zip(entry)
                .collect();
            sorted.sort_unstable_by(|x, y| x.0.as_bytes().cmp(y.0.as_bytes()));
            let by_first = (0..=256u32)
                .map(|b| sorted.partition_point(|p| u32::from(p.0.as_bytes()[0]) < b) as u32)
                .collect();
            return Ok(Matcher {
                sorted,
                by_first,
                ac: None,
                entry: Vec::new(),
                first,
            });
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // A contiguous NFA: near-DFA speed, a fraction of a DFA's build time.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            // Only anchored searches are run.
            .start_kind(aho_corasick::StartKind::Anchored)
            .ascii_case_insensitive(case == Case::Fold)
            .build(&pats)
            .map_err(|e| Error::Other(format!("building matcher: {e}")))?;
        Ok(Matcher {
            sorted: Vec::new(),
            by_first: Vec::new(),
            ac: Some(ac),
            entry,
            first,
        })
    }

    /// The longest phrase starting at byte `i`: (end, entry).
    fn longest_at(&self, text: &str, i: usize) -> Option<(usize, usize)> {
        if let Some(ac) = &self.ac {
            let input = aho_corasick::Input::new(text)
                .range(i..)
                .anchored(aho_corasick::Anchored::Yes);
            return ac
                .find(input)
                .map(|m| (m.end(), self.entry[m.pattern().as_usize()]));
        }
        // Narrow the sorted range to the phrases sharing the text's next
        // byte; a phrase exactly as long as the shared prefix sorts first.
        let b = text.as_bytes();
        let c0 = usize::from(b[i]);
        let (mut lo, mut hi) = match (self.by_first.get(c0), self.by_first.get(c0 + 1)) {
            (Some(&a), Some(&z)) => (a as usize, z as usize),
            _ => return None,
        };
        let mut best = None;
        let mut k = 1;
        if lo < hi && self.sorted[lo].0.len() == 1 {
            best = Some((i + 1, self.sorted[lo].1));
        }
        while i + k < b.len() && lo < hi {
            let c = b[i + k];
            let r = &self.sorted[lo..hi];
            let a = r.partition_point(|p| {
                let pb = p.0.as_bytes();
                pb.len() <= k || pb[k] < c
            });
            let z = r.partition_point(|p| {
                let pb = p.0.as_bytes();
                pb.len() <= k || pb[k] <= c
            });
            (lo, hi) = (lo + a, lo + z);
            k += 1;
            if lo < hi && self.sorted[lo].0.len() == k {
                best = Some((i + k, self.sorted[lo].1));
            }
        }
        best
    }

    /// The entry of the phrase spelled exactly `w` (whole string), if any:
    /// the same answer as a [`Matcher::find`] hit spanning all of `w`,
    /// without scanning or allocating.
    pub fn exact(&self, w: &str) -> Option<usize> {
        let b0 = *w.as_bytes().first()?;
        if !self.first[usize::from(b0)] || (self.ac.is_none() && self.sorted.is_empty()) {
            return None;
        }
        self.longest_at(w, 0)
            .filter(|&(end, _)| end == w.len())
            .map(|(_, entry)| entry)
    }

    /// Whole-word matches in `text`, left to right, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        if self.ac.is_none() && self.sorted.is_empty() {
            return out;
        }
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !self.first[usize::from(b[i])] || !word_start(text, i) {
                i += 1;
                continue;
            }
            match self.longest_at(text, i) {
                Some((end, entry)) if is_word_boundary(text, i, end) => {
                    out.push(Hit {
                        start: i,
                        end,
                        entry,
                    });
                    i = end;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// All whole-word matches, overlapping ones included (for lists whose
    /// longest match may not be a whole word, e.g. `ICE` inside `ICEs`).
    pub fn find_overlapping_words(&self, text: &str) -> Vec<Hit> {
        self.find(text)
    }
}

/// True when byte `i` (a char boundary) is not preceded by a word character.
fn word_start(text: &str, i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = text.as_bytes()[i - 1];
    if p < 0x80 {
        return !(p.is_ascii_alphanumeric() || p == b'_');
    }
    !text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    // A phrase that itself starts/ends with a non-word char needs no boundary there.
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    (!glued(before) || !glued(first)) && (!glued(after) || !glued(last))
}

/// All lists, parsed and compiled.
#[derive(Debug, Clone)]
pub struct Gazetteers {
    /// Known people (one row per term).
    pub people: Vec<PersonEntry>,
    /// Known organizations.
    pub orgs: Vec<OrgEntry>,
    /// Offense lexicon.
    pub offenses: Vec<OffenseEntry>,
    /// Titles and honorifics.
    pub titles: Vec<TitleEntry>,
    /// First name -> (count, female share).
    pub first_names: FxHashMap<&'static str, (u32, f32)>,
    /// Surname -> count.
    pub surnames: FxHashMap<&'static str, u32>,
    /// Place name -> kind.
    pub places: FxHashMap<&'static str, &'static str>,
    /// Capitalized words that are never names.
    pub not_names: FxHashSet<&'static str>,
    /// Matcher over people names and aliases.
    pub people_matcher: Matcher,
    /// Matcher over organization names and aliases.
    pub org_matcher: Matcher,
    /// Matcher over offense phrases and aliases.
    pub offense_matcher: Matcher,
    /// Matcher over titles.
    pub title_matcher: Matcher,
    /// A fingerprint of all list contents (for incremental runs).
    pub fingerprint: u64,
}

impl Gazetteers {
    /// The built-in lists only.
    pub fn builtin() -> Result<Gazetteers> {
        Self::load(None)
    }

    /// Built-in lists plus every `*.tsv` in `extra` (if given).
    pub fn load(extra: Option<&Path>) -> Result<Gazetteers> {
        let mut tables: Vec<(String, Table)> = Vec::new();
        for (file, text) in BUILTIN {
            tables.push((
                kind_of(file).unwrap_or("").to_string(),
                Table::parse(file, text)?,
            ));
        }
        if let Some(dir) = extra {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| Error::io(dir, e))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect();
            files.sort();
            for p in files {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let Some(kind) = kind_of(&name) else {
                    return Err(Error::Gazetteer {
                        file: name,
                        line: 0,
                        msg: format!("file name must start with one of: {}", KINDS.join(", ")),
                    });
                };
                let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
                // Lists live for the whole process; keeping the text lets every
                // cell borrow it instead of being copied.
                let text: &'static str = Box::leak(text.into_boxed_str());
                tables.push((kind.to_string(), Table::parse(&name, text)?));
            }
        }
        Self::from_tables(tables)
    }

    fn from_tables(tables: Vec<(String, Table)>) -> Result<Gazetteers> {
        let mut hasher = Fnv::default();
        let mut people: Vec<PersonEntry> = Vec::new();
        let mut orgs: Vec<OrgEntry> = Vec::new();
        let mut offenses: Vec<OffenseEntry> = Vec::new();
        let mut titles = Vec::new();
        let mut first_names = FxHashMap::default();
        let mut surnames = FxHashMap::default();
        let mut places = FxHashMap::default();
        let mut not_names = FxHashSet::default();
        let mut cases: HashMap<&'static str, Case> = HashMap::new();
        // How many people / orgs / offenses rows came from the built-in lists.
        let mut builtin_len = (0usize, 0usize, 0usize);
        for (n, (kind, t)) in tables.iter().enumerate() {
            // Rows of the built-in lists never override each other.
            let builtin_done = n >= BUILTIN.len();
            hasher.write(t.file.as_bytes());
            for r in &t.rows {
                for c in r {
                    hasher.write(c.as_bytes());
                    hasher.write(b"\t");
                }
            }
            let _ = &cases;
            let get = |r: &Vec<&'static str>, name: &str| -> String {
                t.col(name).map(|i| r[i].to_string()).unwrap_or_default()
            };
            let cell = |r: &Vec<&'static str>, name: &str| -> &'static str {
                t.col(name).map_or("", |i| r[i])
            };
            let need = |cols: &[&str]| -> Result<()> {
                for c in cols {
                    if t.col(c).is_none() {
                        return Err(Error::Gazetteer {
                            file: t.file.clone(),
                            line: 1,
                            msg: format!("missing column {c:?}"),
                        });
                    }
                }
                Ok(())
            };
            match kind.as_str() {
                "people" => {
                    need(&["id", "name"])?;
                    cases.entry("people").or_insert(t.case);
                    for r in &t.rows {
                        let e = PersonEntry {
                            id: get(r, "id"),
                            name: get(r, "name"),
                            aliases: split_multi(&get(r, "aliases")),
                            role: get(r, "role"),
                            jurisdiction: get(r, "jurisdiction"),
                            start: get(r, "start"),
                            end: get(r, "end"),
                        };
                        if !builtin_done {
                            builtin_len.0 = people.len() + 1;
                        }
                        people.push(e);
                    }
                }
                "organizations" => {
                    need(&["id", "name"])?;
                    cases.entry("organizations").or_insert(t.case);
                    for r in &t.rows {
                        let e = OrgEntry {
                            id: get(r, "id"),
                            name: get(r, "name"),
                            aliases: split_multi(&get(r, "aliases")),
                            kind: get(r, "kind"),
                        };
                        if !builtin_done {
                            builtin_len.1 = orgs.len() + 1;
                        }
                        orgs.push(e);
                    }
                }
                "offenses" => {
                    need(&["phrase", "category"])?;
                    cases.entry("offenses").or_insert(t.case);
                    for r in &t.rows {
                        let e = OffenseEntry {
                            id: get(r, "id"),
                            phrase: get(r, "phrase"),
                            category: get(r, "category"),
                            statute: get(r, "statute"),
                            aliases: split_multi(&get(r, "aliases")),
                        };
                        if !builtin_done {
                            builtin_len.2 = offenses.len() + 1;
                        }
                        offenses.push(e);
                    }
                }
                "titles" => {
                    need(&["title"])?;
                    cases.entry("titles").or_insert(t.case);
                    for r in &t.rows {
                        titles.push(TitleEntry {
                            title: get(r, "title"),
                            kind: get(r, "kind"),
                            role: get(r, "role"),
                        });
                    }
                }
                "first_names" => {
                    need(&["name"])?;
                    let (n, c, f) = (t.col("name"), t.col("count"), t.col("female_share"));
                    first_names.reserve(t.rows.len());
                    for r in &t.rows {
                        let at = |i: Option<usize>| i.map_or("", |i| r[i]);
                        let count = at(c).parse().unwrap_or(1);
                        let fem = at(f).parse().unwrap_or(0.5);
                        first_names.insert(at(n), (count, fem));
                    }
                }
                "surnames" => {
                    need(&["name"])?;
                    let (n, c) = (t.col("name"), t.col("count"));
                    surnames.reserve(t.rows.len());
                    for r in &t.rows {
                        let at = |i: Option<usize>| i.map_or("", |i| r[i]);
                        surnames.insert(at(n), at(c).parse().unwrap_or(1));
                    }
                }
                "places" => {
                    need(&["name"])?;
                    for r in &t.rows {
                        places.insert(cell(r, "name"), cell(r, "kind"));
                    }
                }
                "not_names" => {
                    need(&["word"])?;
                    for r in &t.rows {
                        not_names.insert(cell(r, "word"));
                    }
                }
                _ => {}
            }
        }
        // A row of an added list replaces every built-in row of the same id
        // (people have one row per term, so all of a person's terms go).
        override_ids(&mut people, builtin_len.0, |p| &p.id);
        override_ids(&mut orgs, builtin_len.1, |o| &o.id);
        override_ids(&mut offenses, builtin_len.2, |o| &o.id);
        let case = |k: &str| cases.get(k).copied().unwrap_or(Case::Exact);
        let people_forms: Vec<(String, usize)> = people
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                std::iter::once((p.name.clone(), i))
                    .chain(p.aliases.iter().map(move |a| (a.clone(), i)))
            })
            .collect();
        let org_forms: Vec<(String, usize)> = orgs
            .iter()
            .enumerate()
            .flat_map(|(i, o)| {
                std::iter::once((o.name.clone(), i))
                    .chain(o.aliases.iter().map(move |a| (a.clone(), i)))
            })
            .collect();
        let offense_forms: Vec<(String, usize)> = offenses
            .iter()
            .enumerate()
            .flat_map(|(i, o)| {
                std::iter::once((o.phrase.clone(), i))
                    .chain(o.aliases.iter().map(move |a| (a.clone(), i)))
            })
            .collect();
        let title_forms: Vec<(String, usize)> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| (t.title.clone(), i))
            .collect();
        let (pc, oc, fc, tc) = (
            case("people"),
            case("organizations"),
            case("offenses"),
            case("titles"),
        );
        // The automata are independent: build them on both cores.
        let ((people_matcher, org_matcher), (offense_matcher, title_matcher)) = rayon::join(
            || {
                rayon::join(
                    || Matcher::new(people_forms, pc),
                    || Matcher::new(org_forms, oc),
                )
            },
            || {
                rayon::join(
                    || Matcher::new(offense_forms, fc),
                    || Matcher::new(title_forms, tc),
                )
            },
        );
        let (people_matcher, org_matcher) = (people_matcher?, org_matcher?);
        let (offense_matcher, title_matcher) = (offense_matcher?, title_matcher?);
        Ok(Gazetteers {
            people,
            orgs,
            offenses,
            titles,
            first_names,
            surnames,
            places,
            not_names,
            people_matcher,
            org_matcher,
            offense_matcher,
            title_matcher,
            fingerprint: hasher.0,
        })
    }

    /// The people holding `role` in `jurisdiction` on `date` (ISO), by term dates.
    pub fn office_holders(&self, role: &str, jurisdiction: &str, date: &str) -> Vec<&PersonEntry> {
        self.people
            .iter()
            .filter(|p| {
                p.role == role
                    && (jurisdiction.is_empty() || p.jurisdiction == jurisdiction)
                    && p.start.as_str() <= date
                    && (p.end.is_empty() || date < p.end.as_str())
            })
            .collect()
    }
}

/// Drop the first `builtin` rows whose id some later row also has.
fn override_ids<T>(rows: &mut Vec<T>, builtin: usize, id: impl Fn(&T) -> &String) {
    if builtin >= rows.len() {
        return;
    }
    let added: FxHashSet<String> = rows[builtin..]
        .iter()
        .map(|r| id(r).clone())
        .filter(|i| !i.is_empty())
        .collect();
    if added.is_empty() {
        return;
    }
    let mut i = 0;
    rows.retain(|r| {
        i += 1;
        i > builtin || !added.contains(id(r))
    });
}

fn kind_of(file: &str) -> Option<&'static str> {
    KINDS.iter().copied().find(|k| file.starts_with(k))
}

/// FNV-1a, for a stable fingerprint (std's hasher is not stable across releases).
#[derive(Debug)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Feed bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directive_header_and_multi_cells() {
        let t = Table::parse(
            "organizations.tsv",
            "#! case = fold\n# comment\nid\tname\taliases\tkind\nfed:fbi\tFederal Bureau of Investigation\tFBI; the Bureau\tlaw_enforcement\n",
        )
        .unwrap();
        assert_eq!(t.case, Case::Fold);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(split_multi(t.rows[0][2]), vec!["FBI", "the Bureau"]);
    }

    #[test]
    fn rejects_too_many_cells() {
        let e = Table::parse("x.tsv", "a\tb\n1\t2\t3\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn whole_words_only() {
        let m = Matcher::new(vec![("ICE".into(), 0)], Case::Exact).unwrap();
        assert_eq!(m.find("ICE agents").len(), 1);
        assert!(m.find("DICE and ICED").is_empty());
        let m = Matcher::new(vec![("wire fraud".into(), 0)], Case::Fold).unwrap();
        assert_eq!(m.find("Wire Fraud, and wire fraudster").len(), 1);
    }

    #[test]
    fn sorted_table_finds_longest_whole_words() {
        let forms = [
            "U.S. Attorney's Office",
            "U.S. Attorney",
            "Ann",
            "Ann Lee",
            "Núñez",
        ];
        let m = Matcher::new(
            forms
                .iter()
                .enumerate()
                .map(|(i, f)| (f.to_string(), i))
                .collect(),
            Case::Exact,
        )
        .unwrap();
        assert!(
            !m.sorted.is_empty(),
            "a small exact list uses the sorted table"
        );
        let text =
            "The U.S. Attorney\u{2019}s Office thanked Ann and Ann Lee, not Annette or Núñez.";
        let got: Vec<(&str, usize)> = m
            .find(text)
            .iter()
            .map(|h| (&text[h.start..h.end], h.entry))
            .collect();
        assert_eq!(
            got,
            vec![
                ("U.S. Attorney\u{2019}s Office", 0),
                ("Ann", 2),
                ("Ann Lee", 3),
                ("Núñez", 4)
            ]
        );
    }

    #[test]
    fn office_holder_by_date() {
        let t = Table::parse(
            "people.tsv",
            "id\tname\taliases\trole\tjurisdiction\tstart\tend\na\tAnn A\t\tgovernor\tTX\t2000-01-01\t2010-01-01\nb\tBob B\t\tgovernor\tTX\t2010-01-01\t\n",
        )
        .unwrap();
        let g = Gazetteers::from_tables(vec![("people".into(), t)]).unwrap();
        assert_eq!(
            g.office_holders("governor", "TX", "2005-06-01")[0].name,
            "Ann A"
        );
        assert_eq!(
            g.office_holders("governor", "TX", "2020-06-01")[0].name,
            "Bob B"
        );
    }
}

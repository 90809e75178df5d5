//! Who is who for clemency: office-holders who can grant (presidents,
//! governors), people who can receive, and resolution of "the President" /
//! "the governor" to a name.

use super::lexicon;
use super::patterns::{self, Starts};
use crate::entities::Entities;
use crate::gazetteer::Gazetteers;
use crate::text::Text;
use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, OnceCell};

/// An office-holder mention: a president or governor named in the text.
#[derive(Debug, Clone)]
pub struct Official {
    /// Byte start of the name.
    pub start: usize,
    /// Byte end of the name.
    pub end: usize,
    /// Canonical name.
    pub name: String,
    /// `president` or `governor`.
    pub role: &'static str,
}

/// Roles of people who are not recipients when named near a trigger.
const NON_RECIPIENT_ROLES: &[&str] = &[
    "president",
    "vice_president",
    "governor",
    "judge",
    "prosecutor",
    "attorney_general",
    "state_attorney_general",
    "legislator",
    "law_enforcement",
];

/// The people of a document, classified for clemency.
#[derive(Debug)]
pub struct Cast<'a> {
    text: &'a Text<'a>,
    ents: &'a Entities,
    gaz: &'a Gazetteers,
    date: Option<&'a str>,
    /// Office-holder mentions, sorted by start.
    pub officials: Vec<Official>,
    /// Per person mention: may be a recipient, as far as roles tell (a
    /// title before the mention is read when first asked).
    maybe_eligible: Vec<bool>,
    /// Per person mention: no title before it marks someone who is not a
    /// recipient (0 not read yet, 1 no, 2 yes).
    untitled: Vec<Cell<u8>>,
    /// Per entity: its office role, if any.
    entity_role: Vec<Option<&'static str>>,
    /// Where words open, for the state names.
    starts: &'a Starts<'a>,
    /// The state the article is about, if it names one (read when first
    /// needed).
    state: OnceCell<Option<&'static str>>,
    /// The office-holder named most often (the document's default grantor).
    pub main: Option<String>,
    /// Per text sentence: the span of its clause unit (sentences split by a
    /// hard line wrap joined again).
    units: Vec<(usize, usize)>,
    /// The starts of the nouns of counted people ("individuals",
    /// "others"), in order.
    count_words: Vec<usize>,
}

/// Per sentence, the span of the unit it belongs to: a sentence that ends
/// without punctuation at a single line break, followed by one that starts
/// in lower case or with a digit, continues on the next line.
fn units(text: &Text) -> Vec<(usize, usize)> {
    let s = text.s;
    let n = text.sentences.len();
    let joins = |i: usize| -> bool {
        let (a, b) = text.sentence(i);
        let (c, _) = text.sentence(i + 1);
        // Most sentences are apart without a line break: that is read
        // first.
        let gap = s.as_bytes().get(b..c).unwrap_or_default();
        if gap.iter().filter(|&&x| x == b'\n').count() != 1 {
            return false;
        }
        let between = s.get(b..c).unwrap_or("");
        let ended = s
            .get(a..b)
            .unwrap_or("")
            .ends_with(['.', '!', '?', ':', ';', '"', '\u{201d}']);
        let next = s.get(c..).and_then(|r| r.chars().next()).unwrap_or('A');
        !ended && between.trim().is_empty() && (next.is_lowercase() || next.is_ascii_digit())
    };
    let mut out = vec![(0, 0); n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && joins(j) {
            j += 1;
        }
        let span = (text.sentence(i).0, text.sentence(j).1);
        for slot in &mut out[i..=j] {
            *slot = span;
        }
        i = j + 1;
    }
    out
}

/// The state an article is about, from the state names in it (start,
/// end, postal code): one named with the governor's title, else the one
/// named most often (Washington aside: it is also a city and a president).
fn find_state(s: &str, states: &[(usize, usize, &'static str)]) -> Option<&'static str> {
    let mut counts: HashMap<&'static str, usize> = HashMap::default();
    for &(_, end, code) in states {
        // A state named with the governor's title decides.
        let next = after(s, end, 12);
        if next.starts_with(" Gov.") || next.starts_with(" Governor") {
            return Some(code);
        }
        if code != "WA" {
            *counts.entry(code).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
        .map(|(c, _)| c)
}

/// A slice of at most `n` bytes of `s` ending at `pos`, on a char boundary.
pub fn before(s: &str, pos: usize, n: usize) -> &str {
    let mut a = pos.saturating_sub(n);
    while a < pos && !s.is_char_boundary(a) {
        a += 1;
    }
    s.get(a..pos).unwrap_or("")
}

/// A slice of at most `n` bytes of `s` starting at `pos`, on a char boundary.
pub fn after(s: &str, pos: usize, n: usize) -> &str {
    let mut b = (pos + n).min(s.len());
    while b > pos && !s.is_char_boundary(b) {
        b -= 1;
    }
    s.get(pos..b).unwrap_or("")
}

fn office_role(role: &str) -> Option<&'static str> {
    match role {
        "president" => Some("president"),
        "governor" => Some("governor"),
        _ => None,
    }
}

impl<'a> Cast<'a> {
    /// Where words open in the text.
    pub fn starts(&self) -> &'a Starts<'a> {
        self.starts
    }

    /// Classify the people of a document; `count_words` are the starts of
    /// its nouns of counted people, in order (from
    /// [`lexicon::trigger_spans`]).
    pub fn new(
        text: &'a Text<'a>,
        starts: &'a Starts<'a>,
        gaz: &'a Gazetteers,
        ents: &'a Entities,
        date: Option<&'a str>,
        count_words: Vec<usize>,
    ) -> Cast<'a> {
        let s = text.s;
        let mut entity_role: Vec<Option<&'static str>> = (0..ents.people.len())
            .map(|i| ents.roles.get(i).and_then(|r| office_role(r)))
            .collect();
        // Titles seen with a mention ("President X", "X, Governor of").
        for m in &ents.person_mentions {
            if entity_role.get(m.entity).copied().flatten().is_some() {
                continue;
            }
            if let Some(r) = title_role(s, m.start, m.end) {
                if let Some(slot) = entity_role.get_mut(m.entity) {
                    *slot = Some(r);
                }
            }
        }
        let mut officials = Vec::new();
        let mut eligible = Vec::with_capacity(ents.person_mentions.len());
        for m in &ents.person_mentions {
            let role = entity_role.get(m.entity).copied().flatten();
            if let Some(r) = role {
                officials.push(Official {
                    start: m.start,
                    end: m.end,
                    name: ents.person_name(m.entity).to_string(),
                    role: r,
                });
            }
            let gaz_role = ents.roles.get(m.entity).map_or("", String::as_str);
            eligible.push(role.is_none() && !NON_RECIPIENT_ROLES.contains(&gaz_role));
        }
        // Office-holders the recognizer has not found: "Gov. Tony Evers".
        let mut extra = Vec::new();
        for c in patterns::titled_names(s) {
            let ((ns, ne), (ts, te)) = (c.name, c.title);
            let role = if s[ts..te].starts_with('P') {
                "president"
            } else {
                "governor"
            };
            if c.title_first && lexicon::not_office(before(s, ts, 40)) {
                continue;
            }
            let from = ents.person_mentions.partition_point(|m| m.end <= ns);
            let covered = ents.person_mentions.get(from).is_some_and(|m| m.start < ne);
            if covered {
                continue;
            }
            let name = trim_name(&s[ns..ne]);
            if name.is_empty() || is_not_name(name) {
                continue;
            }
            extra.push(Official {
                start: ns,
                end: ns + name.len(),
                name: name.to_string(),
                role,
            });
        }
        let mut cast = Cast {
            text,
            ents,
            gaz,
            date,
            officials,
            untitled: vec![Cell::new(0); eligible.len()],
            maybe_eligible: eligible,
            entity_role,
            starts,
            state: OnceCell::new(),
            units: units(text),
            count_words,
            main: None,
        };
        let mut officials = std::mem::take(&mut cast.officials);
        officials.extend(extra);
        cast.complete_names(&mut officials);
        cast.officials = officials;
        cast.main = cast.main_official();
        cast.officials.sort_by_key(|o| o.start);
        cast
    }

    /// Short names of office-holders ("Obama") made full: the longest name
    /// in the document with the same surname, else the gazetteer's.
    fn complete_names(&self, officials: &mut [Official]) {
        // Per official: the surname key and the number of words, read once
        // per distinct name (an office-holder is usually named many times).
        let mut seen: HashMap<&str, (usize, usize)> = HashMap::default();
        let mut keys: Vec<String> = Vec::new();
        let info: Vec<(usize, usize)> = officials
            .iter()
            .map(|o| {
                *seen.entry(o.name.as_str()).or_insert_with(|| {
                    keys.push(surname_key(&o.name));
                    (keys.len() - 1, o.name.split_whitespace().count())
                })
            })
            .collect();
        // Per key: the first name with the most words, and that number.
        let mut longest: HashMap<&str, (usize, usize)> = HashMap::default();
        for (k, &(key, words)) in info.iter().enumerate() {
            let e = longest.entry(&keys[key]).or_insert((usize::MAX, 0));
            if words > e.1 {
                *e = (k, words);
            }
        }
        // The new names, read before any is changed.
        let mut renamed: Vec<(usize, String)> = Vec::new();
        for (i, (o, &(key, words))) in officials.iter().zip(&info).enumerate() {
            if words > 1 {
                continue;
            }
            let key = keys[key].as_str();
            if let Some(&(k, n)) = longest.get(key) {
                if k != usize::MAX && n > 1 {
                    renamed.push((i, officials[k].name.clone()));
                    continue;
                }
            }
            if let Some(g) = self.gazetteer_by_surname(o.role, key) {
                renamed.push((i, g));
            }
        }
        for (i, name) in renamed {
            if let Some(o) = officials.get_mut(i) {
                o.name = name;
            }
        }
    }

    fn gazetteer_by_surname(&self, role: &str, key: &str) -> Option<String> {
        let mut best: Option<(bool, &str)> = None;
        for p in &self.gaz.people {
            if p.role != role || surname_key(&p.name) != key {
                continue;
            }
            let in_office = self
                .date
                .is_some_and(|d| p.start.as_str() <= d && (p.end.is_empty() || d < p.end.as_str()));
            if best.is_none_or(|(b, _)| in_office && !b) {
                best = Some((in_office, p.name.as_str()));
            }
        }
        best.map(|(_, n)| n.to_string())
    }

    /// The clause unit holding text sentence `si` (its own span when no
    /// hard line wrap split it).
    pub fn clause(&self, si: usize) -> (usize, usize) {
        self.units
            .get(si)
            .copied()
            .unwrap_or_else(|| self.text.sentence(si))
    }

    /// The person mentions (indices) starting inside `[a, b)`.
    pub fn mentions_in(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let pm = &self.ents.person_mentions;
        let from = pm.partition_point(|m| m.start < a);
        let to = pm.partition_point(|m| m.start < b);
        from..to.max(from)
    }

    /// Canonical name of person mention `i`.
    pub fn name_of(&self, i: usize) -> &str {
        self.ents
            .person_mentions
            .get(i)
            .map_or("", |m| self.ents.person_name(m.entity))
    }

    /// Entity index of person mention `i`.
    pub fn entity_of(&self, i: usize) -> usize {
        self.ents
            .person_mentions
            .get(i)
            .map_or(usize::MAX, |m| m.entity)
    }

    /// Byte span of person mention `i`.
    pub fn span_of(&self, i: usize) -> (usize, usize) {
        self.ents
            .person_mentions
            .get(i)
            .map_or((0, 0), |m| (m.start, m.end))
    }

    /// Whether person mention `i` is an office-holder.
    pub fn is_official(&self, i: usize) -> bool {
        self.entity_role
            .get(self.entity_of(i))
            .copied()
            .flatten()
            .is_some()
    }

    /// The canonical name of the entity whose mention covers the name
    /// `[a, b)` (a trailing suffix such as ", JR." may be left out), if it
    /// has at least as many words as the name.
    pub fn entity_name_covering(&self, a: usize, b: usize) -> Option<&str> {
        let s = self.text.s;
        let pm = &self.ents.person_mentions;
        let from = pm.partition_point(|m| m.end <= a);
        let m = pm[from..].iter().take_while(|m| m.start < b).find(|m| {
            let rest = s.get(m.end.max(a)..b).unwrap_or("");
            let rest = rest.trim_start_matches([',', ' ']).trim_end_matches('.');
            m.start <= a
                && (m.end >= b
                    || ["jr", "sr", "ii", "iii", "iv"]
                        .iter()
                        .any(|x| rest.eq_ignore_ascii_case(x)))
        })?;
        let name = self.ents.person_name(m.entity);
        let words = |x: &str| x.split_whitespace().count();
        (words(name) >= words(s.get(m.start..m.end).unwrap_or(""))).then_some(name)
    }

    /// Whether person mention `i` may be a recipient: not an office-holder,
    /// no role of one who is not, and no such title right before it.
    pub fn eligible(&self, i: usize) -> bool {
        if !self.maybe_eligible.get(i).copied().unwrap_or(false) {
            return false;
        }
        let Some(memo) = self.untitled.get(i) else {
            return false;
        };
        if memo.get() == 0 {
            let start = self.ents.person_mentions.get(i).map_or(0, |m| m.start);
            let titled = lexicon::other_title(before(self.text.s, start, 40));
            memo.set(if titled { 1 } else { 2 });
        }
        memo.get() == 2
    }

    /// Whether `[a, b)` may hold a count of people (false only when it
    /// holds none: [`patterns::count_noun_between`]).
    pub fn may_count(&self, a: usize, b: usize) -> bool {
        patterns::count_noun_between(self.text, &self.count_words, a, b)
    }

    /// Office-holders named inside `[a, b)`.
    pub fn officials_in(&self, a: usize, b: usize) -> &[Official] {
        let from = self.officials.partition_point(|o| o.start < a);
        let to = self.officials.partition_point(|o| o.start < b).max(from);
        &self.officials[from..to]
    }

    /// The office-holder with `role` most likely meant by "the President" /
    /// "the governor" at byte `pos`: the nearest one named before, else the
    /// first named after, else who held the office on the article's date.
    pub fn resolve_role(&self, role: &str, pos: usize) -> Option<String> {
        let before_pos = self.officials.partition_point(|o| o.start < pos);
        if let Some(o) = self.officials[..before_pos]
            .iter()
            .rev()
            .find(|o| o.role == role)
        {
            return Some(o.name.clone());
        }
        if let Some(o) = self.officials[before_pos..].iter().find(|o| o.role == role) {
            return Some(o.name.clone());
        }
        let date = self.date?;
        let juris = if role == "governor" {
            self.state()?
        } else {
            ""
        };
        let holders = self.gaz.office_holders(role, juris, date);
        // An open-ended term may overlap a later one: the latest start wins.
        holders
            .iter()
            .filter(|p| role != "president" || p.jurisdiction.is_empty() || p.jurisdiction == "US")
            .max_by(|a, b| a.start.cmp(&b.start))
            .map(|p| p.name.clone())
    }

    /// The state the article is about, if it names one.
    fn state(&self) -> Option<&'static str> {
        *self.state.get_or_init(|| {
            let s = self.text.s;
            find_state(s, &patterns::states(s, self.starts))
        })
    }

    /// The office-holder named most often in the document.
    fn main_official(&self) -> Option<String> {
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::default();
        for (i, o) in self.officials.iter().enumerate() {
            let e = counts.entry(o.name.as_str()).or_insert((0, i));
            e.0 += 1;
        }
        counts
            .into_iter()
            .max_by_key(|&(_, (n, first))| (n, std::cmp::Reverse(first)))
            .map(|(name, _)| name.to_string())
    }
}

/// Office role from a title right before the name or an office right after
/// it ("Donald J. Trump, President of the United States").
fn title_role(s: &str, start: usize, end: usize) -> Option<&'static str> {
    let prev = before(s, start, 48);
    // The title regex needs "President", "PRESIDENT", "Gov." or "Governor".
    if let Some((t, president)) = patterns::office_title(prev) {
        if !lexicon::not_office(&prev[..t]) {
            return Some(if president { "president" } else { "governor" });
        }
    }
    let next = after(s, end, 40);
    let next = next.trim_start_matches([',', ' ']);
    if next.starts_with("President of the United") || next.starts_with("PRESIDENT OF THE UNITED") {
        Some("president")
    } else if next.starts_with("Governor of") || next.starts_with("GOVERNOR OF") {
        Some("governor")
    } else {
        None
    }
}

/// A captured name without a trailing sentence word or suffix punctuation.
fn trim_name(n: &str) -> &str {
    let n = n.trim().trim_end_matches([',', '.']);
    let words: Vec<&str> = n.split_whitespace().collect();
    // Drop trailing words that are not name-like ("Biden Commutes").
    let mut keep = words.len();
    while keep > 1 && is_not_name(words[keep - 1]) {
        keep -= 1;
    }
    if keep == 0 {
        return "";
    }
    let last = words[keep - 1];
    let bare = ["’s", "'s", "’", "'"]
        .iter()
        .find_map(|suf| last.strip_suffix(suf))
        .unwrap_or(last);
    match n.rfind(last) {
        Some(p) => &n[..p + bare.len()],
        None => n,
    }
}

/// Words that follow a title but are not names.
fn is_not_name(w: &str) -> bool {
    matches!(
        w.trim_end_matches([',', '.']),
        "Grants"
            | "Commutes"
            | "Pardons"
            | "Issues"
            | "Denies"
            | "Signs"
            | "Says"
            | "Of"
            | "The"
            | "And"
            | "On"
            | "In"
            | "To"
            | "Has"
            | "Is"
            | "Will"
            | "Announces"
            | "Orders"
            | "Rejects"
            | "Directs"
            | "Statement"
            | "United"
            | "States"
            | "Elect"
    )
}

/// Lower-cased last word of a name, suffixes (Jr., III) dropped.
pub fn surname_key(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .rfind(|w| {
            let w = w.trim_end_matches('.');
            !["jr", "sr", "ii", "iii", "iv"]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x))
        })
        .unwrap_or("")
        .to_lowercase()
}

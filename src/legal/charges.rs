//! Criminal charges: offense phrases, their category, statute, stage and person.
//!
//! Two sources, per sentence:
//! - cue phrases ("charged with", "convicted of", "pleaded guilty to",
//!   "acquitted of", "Offense:" labels...): the object after the cue is cut
//!   at clause boundaries and split into its coordinated offenses ("two
//!   counts of wire fraud and one count of aggravated identity theft");
//! - the offense lexicon (gazetteer) where the text ties an offense to a
//!   case without a cue ("his wire fraud conviction", "money laundering
//!   counts"), never in "a wire fraud scheme".
//!
//! A phrase is kept only when it names an offense: it holds an offense word
//! or a lexicon phrase, or is a statute citation. Statute citations ("18
//! U.S.C. § 1343", "Title 18, United States Code, Section 922(g)") go to the
//! charge they follow.

use super::kw::{kw, kws, KwSet};
use super::numbers::{self, Tok, TokKind};
use super::statute;
use super::Shapes;
use crate::entities::Entities;
use crate::gazetteer::{Gazetteers, Hit};
use crate::model::Charge;
use crate::text::words::ascii_letters;
use crate::text::Text;

/// Words that name an offense (heads of offense phrases).
const HEADS: &[&str] = &[
    "murder",
    "murders",
    "homicide",
    "homicides",
    "manslaughter",
    "assault",
    "assaults",
    "assaulting",
    "battery",
    "robbery",
    "robberies",
    "kidnapping",
    "kidnappings",
    "carjacking",
    "rape",
    "rapes",
    "fraud",
    "frauds",
    "defraud",
    "theft",
    "thefts",
    "larceny",
    "burglary",
    "burglaries",
    "embezzlement",
    "embezzling",
    "bribery",
    "bribes",
    "bribe",
    "extortion",
    "conspiracy",
    "conspiracies",
    "conspiring",
    "conspire",
    "possession",
    "possessing",
    "distribution",
    "distributing",
    "distribute",
    "trafficking",
    "laundering",
    "launder",
    "evasion",
    "evading",
    "smuggling",
    "torture",
    "espionage",
    "perjury",
    "obstruction",
    "obstructing",
    "tampering",
    "arson",
    "racketeering",
    "counterfeiting",
    "forgery",
    "stalking",
    "solicitation",
    "soliciting",
    "misconduct",
    "violation",
    "violations",
    "violating",
    "using",
    "use",
    "discharge",
    "discharging",
    "brandishing",
    "carrying",
    "filing",
    "aiding",
    "making",
    "bringing",
    "transporting",
    "transportation",
    "harboring",
    "attempted",
    "attempting",
    "stealing",
    "steal",
    "receiving",
    "receipt",
    "deprivation",
    "depriving",
    "dealing",
    "manufacturing",
    "manufacture",
    "importing",
    "importation",
    "exporting",
    "selling",
    "sale",
    "threats",
    "threatening",
    "intimidation",
    "abuse",
    "exploitation",
    "enticement",
    "pornography",
    "prostitution",
    "sodomy",
    "incest",
    "treason",
    "sedition",
    "terrorism",
    "trespass",
    "trespassing",
    "vandalism",
    "gambling",
    "offense",
    "offenses",
    "crime",
    "crimes",
    "felony",
    "felonies",
    "misdemeanor",
    "misdemeanors",
    "acting",
    "statements",
    "statement",
    "endangerment",
    "mischief",
    "hijacking",
    "piracy",
    "slavery",
    "peonage",
    "hacking",
    "intrusion",
    "wiretapping",
    "structuring",
    "kickbacks",
    "kickback",
    "corruption",
    "gratuity",
    "gratuities",
    "coercion",
    "enticing",
    "molestation",
    "lewdness",
    "indecency",
    "loitering",
    "escape",
    "contempt",
    "retaliation",
    "shoplifting",
    "impersonating",
    "impersonation",
    "mayhem",
    "lynching",
    "sales",
    "providing",
    "falsification",
    "falsifying",
    "accessory",
    "shooting",
    "harassment",
    "maintaining",
    "concealing",
    "obtaining",
    "introducing",
    "eluding",
    "fleeing",
];

/// Offense words too general to be a charge on their own.
const GENERIC: KwSet = KwSet::new(&[
    "offense",
    "offenses",
    "crime",
    "crimes",
    "felony",
    "felonies",
    "misdemeanor",
    "misdemeanors",
    "charge",
    "charges",
    "count",
    "counts",
    "violation",
    "violations",
    "conduct",
    "activity",
    "activities",
]);

/// Words that give a generic offense word its category ("drug offenses").
const CATEGORY_WORDS: KwSet = KwSet::new(&[
    "drug",
    "drugs",
    "narcotics",
    "firearm",
    "firearms",
    "gun",
    "weapon",
    "weapons",
    "fraud",
    "sex",
    "sexual",
    "tax",
    "immigration",
    "marijuana",
    "cocaine",
    "heroin",
    "methamphetamine",
    "fentanyl",
    "hate",
    "corruption",
    "computer",
    "property",
    "terrorism",
    "explosives",
]);

/// Words after which an offense phrase ends (unless an exception applies).
const STOPS: &[&str] = &[
    "in",
    "on",
    "after",
    "before",
    "at",
    "by",
    "when",
    "while",
    "which",
    "that",
    "who",
    "whom",
    "where",
    "because",
    "since",
    "following",
    "stemming",
    "related",
    "between",
    "through",
    "under",
    "during",
    "for",
    "from",
    "was",
    "were",
    "is",
    "are",
    "has",
    "had",
    "have",
    "will",
    "would",
    "could",
    "can",
    "and",
    "or",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "earlier",
    "this",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "according",
    "but",
    "if",
    "as",
    "than",
    "then",
    "against",
    "including",
    "involving",
    "until",
    "via",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "whose",
    "each",
    "carries",
    "carry",
    "punishable",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "ago",
    "also",
    "arising",
    "relating",
    "regarding",
    "made",
    "makes",
    "led",
    "leads",
    "resulted",
    "caused",
    "drew",
    "earned",
    "brought",
    "triggered",
    "qualified",
    "meant",
];

/// A month name or abbreviation ("March", "Sept").
fn is_month(t: &Tok) -> bool {
    crate::text::dates::month_number(t.s).is_some()
}

/// A statute citation: byte span and normalized form.
#[derive(Debug, Clone)]
struct Cite {
    start: usize,
    end: usize,
    norm: String,
}

/// The citation starting at byte `pos`, if any (`cites` are sorted by
/// start and disjoint).
fn cite_starting(cites: &[Cite], pos: usize) -> Option<&Cite> {
    cites
        .binary_search_by_key(&pos, |c| c.start)
        .ok()
        .and_then(|i| cites.get(i))
}

/// The citations starting at byte `pos` or later (`cites` are sorted by
/// start).
fn cites_from(cites: &[Cite], pos: usize) -> &[Cite] {
    &cites[cites.partition_point(|c| c.start < pos)..]
}

/// Cheap tests for the statute citations ([`statute::regexes`]), over sentence `s` and its tokens
/// `t`: (the first regex may match: "U", "S", "C" occur in that order, each
/// within five bytes of the one before, room for a period and one
/// whitespace char of up to three bytes; the others may match: a word
/// starts with "code" in any case, after whitespace as the regexes want it,
/// and no non-ASCII char case-folds to c, o, d or e). The extractor takes
/// the first from a [`UscIndex`] of the whole text.
#[cfg(test)]
fn statute_literals(s: &str, t: &[Tok]) -> (bool, bool) {
    (usc_literal(s), code_literal(t))
}

/// The second test of [`statute_literals`]: a word of `t` starts with
/// "code", in any case.
fn code_literal(t: &[Tok]) -> bool {
    t.iter().any(|x| {
        let w = x.s.as_bytes();
        // The first byte first: most words fail there.
        w.first().is_some_and(|&c| c | 0x20 == b'c')
            && x.kind == TokKind::Word
            && w.get(..4).is_some_and(|w| w.eq_ignore_ascii_case(b"code"))
    })
}

/// The first test of [`statute_literals`], over sentence `s` ([`UscIndex`]
/// answers it for any sentence of a text; this is its oracle).
#[cfg(test)]
fn usc_literal(s: &str) -> bool {
    let b = s.as_bytes();
    let near = |from: usize, c: u8| b[from + 1..b.len().min(from + 6)].contains(&c);
    // `match_indices` of an ASCII char runs on memchr.
    s.match_indices('U')
        .any(|(i, _)| (i + 1..b.len().min(i + 6)).any(|j| b[j] == b'S' && near(j, b'C')))
}

/// The "U", "S", "C" test of [`statute_literals`] for every sentence of a
/// text, from one pass over the text: its "U"s are few.
pub(crate) struct UscIndex {
    /// Each "U" that starts a "U", "S", "C" (each within five bytes of the
    /// one before), with the end of the earliest such "C" (one past it).
    at: Vec<(usize, usize)>,
}

impl UscIndex {
    /// The index of text `s`.
    pub(crate) fn new(s: &str) -> UscIndex {
        let b = s.as_bytes();
        let within = |from: usize, c: u8| {
            b.get(from + 1..b.len().min(from + 6))
                .unwrap_or_default()
                .iter()
                .position(|&x| x == c)
                .map(|k| from + 1 + k)
        };
        let at = memchr::memchr_iter(b'U', b)
            .filter_map(|i| {
                // The earliest "C" after any "S" of the "U".
                (i + 1..b.len().min(i + 6))
                    .filter(|&j| b[j] == b'S')
                    .filter_map(|j| within(j, b'C'))
                    .min()
                    .map(|c| (i, c + 1))
            })
            .collect();
        UscIndex { at }
    }

    /// Does `usc_literal` hold for the sentence at `a..b` of the text? A
    /// "U" in it whose earliest "C" ends within it: a "U" may be followed
    /// by several "S"s and "C"s, and the earliest "C" ends first.
    pub(crate) fn within(&self, a: usize, b: usize) -> bool {
        let k = self.at.partition_point(|x| x.0 < a);
        self.at
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|x| x.0 < b)
            .any(|x| x.1 <= b)
    }
}

/// The statute citations of sentence `s` (at byte `base`), whose tokens are
/// `t`; `usc` tells whether the sentence passes `usc_literal`.
fn find_cites(s: &str, base: usize, t: &[Tok], usc: bool) -> Vec<Cite> {
    let mut out: Vec<Cite> = Vec::new();
    let code = code_literal(t);
    if !usc && !code {
        return out;
    }
    for n in 0..3 {
        if (n == 0 && !usc) || (n > 0 && !code) {
            continue;
        }
        // The citations of the earlier regexes, disjoint, by start (so by
        // end too); a match never overlaps the earlier ones of its own regex.
        out.sort_by_key(|c| c.start);
        let earlier = out.len();
        statute::for_each_match(s, n, |c| {
            let (a, b) = (base + c.span.0, base + c.span.1);
            let k = out[..earlier].partition_point(|o| o.end <= a);
            if out[..earlier].get(k).is_some_and(|o| o.start < b) {
                return;
            }
            let sec: String = s[c.section.0..c.section.1]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let title = &s[c.title.0..c.title.1];
            out.push(Cite {
                start: a,
                end: b,
                norm: format!("{title} U.S.C. {sec}"),
            });
        });
    }
    out.sort_by_key(|c| c.start);
    out
}

fn lower(t: &Tok) -> String {
    t.s.to_ascii_lowercase()
}

/// A word list as a set of ASCII lower-case byte strings (the oracle of
/// the keyword sets in tests).
#[cfg(test)]
struct WordSet {
    words: rustc_hash::FxHashSet<Box<[u8]>>,
    /// Length of the longest word.
    max: usize,
}

#[cfg(test)]
impl WordSet {
    fn new(words: &[&str]) -> WordSet {
        WordSet {
            words: words
                .iter()
                .map(|w| w.to_ascii_lowercase().into_bytes().into_boxed_slice())
                .collect(),
            max: words.iter().map(|w| w.len()).max().unwrap_or(0),
        }
    }

    /// True when `t` is one of the words, ASCII case aside (as `Tok::is_any`).
    fn has(&self, t: &Tok) -> bool {
        self.has_bytes(t.s.as_bytes())
    }

    /// True when `w` is one of the words, ASCII case aside.
    fn has_bytes(&self, w: &[u8]) -> bool {
        let mut buf = [0u8; 32];
        let n = w.len();
        if n > self.max || n > buf.len() {
            return false;
        }
        for (d, c) in buf.iter_mut().zip(w) {
            *d = c.to_ascii_lowercase();
        }
        self.words.contains(&buf[..n])
    }
}

/// The shapes of the words of [`HEADS`].
const HEAD_SHAPES: Shapes = Shapes::new(HEADS);

/// The words of [`HEADS`], as keywords.
const HEAD_IDS: KwSet = KwSet::new(HEADS);

/// The words of [`STOPS`], as keywords.
const STOP_IDS: KwSet = KwSet::new(STOPS);

/// Could sentence `s` yield a charge without a lexicon hit? Only through a
/// word of [`HEADS`] (a token is a maximal run of letters, so such a word
/// is a maximal run of ASCII letters) or a statute citation (see
/// [`statute_literals`]: "U", "S", "C" close together, or a run of letters
/// starting with "code"). A cheap scan, before tokenizing. (The extractor
/// asks [`Finder::may_name_offense`], which takes the citation test from
/// its [`UscIndex`].)
#[cfg(test)]
fn may_name_offense(s: &str) -> bool {
    names_head(s.as_bytes()) || usc_literal(s)
}

/// The first tests of [`may_name_offense`]: a maximal run of ASCII letters
/// of `b` is a word of [`HEADS`] or starts with "code".
fn names_head(b: &[u8]) -> bool {
    any_letter_run(b, |st, e| offense_run(b, st, e))
}

/// [`may_name_offense`] of an ASCII sentence `s` from its tokens `t` (its
/// words are then exactly its maximal runs of ASCII letters).
#[cfg(test)]
fn may_name_offense_tokens(s: &str, t: &[Tok]) -> bool {
    names_head_tokens(t) || usc_literal(s)
}

/// [`names_head`] of an ASCII sentence from its tokens `t`.
fn names_head_tokens(t: &[Tok]) -> bool {
    t.iter().any(|x| {
        x.kind == TokKind::Word
            && (x.in_set(&HEAD_IDS)
                || x.s
                    .as_bytes()
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"code")))
    })
}

/// The test of [`may_name_offense`] for one maximal run of ASCII letters,
/// `b[st..e]` (its keyword looked up by one load from `b`).
#[inline]
fn offense_run(b: &[u8], st: usize, e: usize) -> bool {
    let Some(run) = b.get(st..e) else {
        return false;
    };
    // Most runs fail the first test: no word of the lists has their first
    // letter and length.
    let (Some(&first), n) = (run.first(), run.len()) else {
        return false;
    };
    RUN_LENGTHS[usize::from(first & 0x1f)] >> n.min(31) & 1 != 0
        && (run
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"code"))
            || (HEAD_SHAPES.may_hold(run) && HEAD_IDS.has(super::kw::lookup_at(b, st, e))))
}

/// By first letter (its low five bits: either case): one bit per length
/// (31 for longer) a run of [`offense_run`] may have, from [`HEADS`] and
/// "code..." (four letters or more).
const RUN_LENGTHS: [u32; 32] = {
    let mut t = [0u32; 32];
    let mut k = 0;
    while k < HEADS.len() {
        let w = HEADS[k].as_bytes();
        t[(w[0] & 0x1f) as usize] |= 1 << w.len();
        k += 1;
    }
    t[(b'c' & 0x1f) as usize] |= !0 << 4;
    t
};

/// True when `f(start, end)` is true for some maximal run of ASCII letters
/// `b[start..end]` (runs are handed to it in order until it says true).
/// Eight bytes a step: the runs' edges are the bytes whose letter bit
/// differs from the byte before.
fn any_letter_run(b: &[u8], mut f: impl FnMut(usize, usize) -> bool) -> bool {
    // Start of the run under way.
    let mut st = 0;
    // The letter bits of the last eight bytes seen.
    let mut last = 0u64;
    let mut at = 0;
    loop {
        // The tail is padded with non-letters (a run it ends ends there).
        let (x, more) = match b.get(at..at + 8) {
            Some(w) => (
                u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default()),
                true,
            ),
            None => {
                let mut pad = [0u8; 8];
                let rest = b.get(at..).unwrap_or_default();
                pad[..rest.len()].copy_from_slice(rest);
                (u64::from_le_bytes(pad), false)
            }
        };
        let m = ascii_letters(x);
        let mut edges = m ^ (m << 8 | last >> 56);
        last = m;
        while edges != 0 {
            let bit = edges.trailing_zeros();
            edges &= edges - 1;
            let p = at + bit as usize / 8;
            if m >> bit & 1 != 0 {
                st = p;
            } else if f(st, p) {
                return true;
            }
        }
        if !more {
            return false;
        }
        at += 8;
    }
}

/// True when `t` is a word of [`HEADS`] (not "acting").
fn is_head(t: &Tok) -> bool {
    t.in_set(&HEAD_IDS) && !t.is_kw(kw!("acting"))
}

/// Like [`is_head`], with the token's right context ("acting as").
fn is_head_at(t: &[Tok], i: usize) -> bool {
    is_head(&t[i])
        || (t[i].is_kw(kw!("acting")) && t.get(i + 1).is_some_and(|y| y.is_kw(kw!("as"))))
}

/// Gazetteer hit that starts at token `i` (byte equality).
fn gaz_at<'h>(hits: &'h [Hit], t: &Tok) -> Option<&'h Hit> {
    let p = hits.partition_point(|h| h.start < t.start);
    hits.get(p).filter(|h| h.start == t.start)
}

/// Does the token range hold an offense word or lexicon phrase?
/// The lexicon hits that start inside `[sa, sb)`. Hits come from one
/// leftmost-longest scan: sorted by start, never overlapping.
fn hits_in(hits: &[Hit], sa: usize, sb: usize) -> &[Hit] {
    let lo = hits.partition_point(|h| h.start < sa);
    let hi = hits.partition_point(|h| h.start < sb);
    &hits[lo..hi.max(lo)]
}

/// True when a lexicon hit starts before `xa` and ends after `xb`.
fn inside_hit(hits: &[Hit], xa: usize, xb: usize) -> bool {
    let i = hits.partition_point(|h| h.start < xa);
    i > 0 && hits[i - 1].end > xb
}

/// True when a lexicon hit ends exactly at `e`.
fn ends_hit(hits: &[Hit], e: usize) -> bool {
    let i = hits.partition_point(|h| h.end < e);
    hits.get(i).is_some_and(|h| h.end == e)
}

/// Whether a token of `a..b` passes a test, for ranges whose start stays
/// put while their end grows (a list item read token by token): each token
/// is tested once per start, so a long item costs linear time.
#[derive(Default)]
struct AnyIn {
    /// The start of the range tested so far.
    a: usize,
    /// Tokens `a..upto` were tested.
    upto: usize,
    /// One of them passed.
    found: bool,
}

impl AnyIn {
    /// Does a token of `a..b` pass `test`?
    fn any(&mut self, a: usize, b: usize, test: impl Fn(usize) -> bool) -> bool {
        if self.a != a || b < self.upto {
            *self = AnyIn {
                a,
                upto: a,
                found: false,
            };
        }
        if self.found {
            return true;
        }
        while self.upto < b {
            self.upto += 1;
            if test(self.upto - 1) {
                self.found = true;
                return true;
            }
        }
        false
    }
}

/// [`names_offense`] with its word test remembered in `heads`.
fn names_offense_at(t: &[Tok], a: usize, b: usize, hits: &[Hit], heads: &mut AnyIn) -> bool {
    if a >= b {
        return false;
    }
    let (sa, sb) = (t[a].start, t[b - 1].end);
    if hits_in(hits, sa, sb).iter().any(|h| h.end <= sb) {
        return true;
    }
    heads.any(a, b, |i| is_head_at(t, i))
}

fn names_offense(t: &[Tok], a: usize, b: usize, hits: &[Hit]) -> bool {
    if a >= b {
        return false;
    }
    let (sa, sb) = (t[a].start, t[b - 1].end);
    if hits_in(hits, sa, sb).iter().any(|h| h.end <= sb) {
        return true;
    }
    (a..b).any(|i| is_head_at(t, i))
}

/// Only generic words ("similar charges", "all counts", "non-violent crimes")?
fn is_generic(t: &[Tok], a: usize, b: usize, hits: &[Hit]) -> bool {
    let (sa, sb) = (t[a].start, t[b - 1].end);
    // "same conspiracy", "other terrorism", "similar charges"
    if t[a].in_set(kws![
        "same", "similar", "other", "such", "these", "those", "this", "that",
    ]) {
        return true;
    }
    if hits_in(hits, sa, sb).iter().any(|h| {
        h.end <= sb
            && !t[a..b]
                .iter()
                .filter(|x| x.start >= h.start && x.end <= h.end)
                .all(|x| x.in_set(&GENERIC) || x.in_set(&CATEGORY_WORDS))
    }) {
        return false;
    }
    let specific = t[a..b].iter().any(|x| is_head(x) && !x.in_set(&GENERIC));
    if specific {
        return false;
    }
    // Generic head: kept only with a category word ("drug offenses").
    !t[a..b].iter().any(|x| x.in_set(&CATEGORY_WORDS))
}

/// Number words and "count(s) of" at `i`: index after them.
fn skip_counts(t: &[Tok], mut i: usize) -> usize {
    let start = i;
    let mut j = i;
    if let Some((_, e)) = numbers::parse_number(t, j) {
        j = e;
    } else if t
        .get(j)
        .is_some_and(|x| x.in_set(kws!["all", "multiple", "several", "both"]))
    {
        j += 1;
    }
    if t.get(j).is_some_and(|x| x.in_set(kws!["count", "counts"])) {
        j += 1;
        if t.get(j).is_some_and(|x| x.is_kw(kw!("each"))) {
            j += 1;
        }
        if t.get(j).is_some_and(|x| x.is_kw(kw!("of"))) {
            j += 1;
        }
        i = j;
    } else if j > start && t.get(j).is_some_and(|x| x.is_kw(kw!("of"))) && j == start + 1 {
        // "one of" is not a count
    }
    i
}

/// Skip the fillers before an offense phrase ("the charges of", "two counts
/// of", "committing three", "participating in the").
fn skip_lead(t: &[Tok], mut i: usize) -> usize {
    for _ in 0..6 {
        let before = i;
        // "a one-count information charging him with", "a superseding indictment charging"
        let mut k = i;
        while k < t.len().min(i + 6)
            && (t[k].kind == TokKind::Hyphen
                || t[k].s == ","
                || numbers::is_number_word(&t[k])
                || t[k].kind == TokKind::Num
                || t[k].in_set(kws![
                    "a",
                    "an",
                    "the",
                    "count",
                    "superseding",
                    "criminal",
                    "felony",
                ]))
        {
            k += 1;
        }
        if t.get(k)
            .is_some_and(|y| y.in_set(kws!["information", "indictment", "complaint"]))
        {
            if let Some(w) = (k + 1..t.len().min(k + 8)).find(|&p| t[p].is_kw(kw!("with"))) {
                i = w + 1;
                continue;
            }
        }
        i = skip_counts(t, i);
        if let Some(x) = t.get(i) {
            if x.in_set(kws![
                "the",
                "a",
                "an",
                "one",
                "federal",
                "state",
                "related",
                "also",
                "substantive",
                "underlying",
                "additional",
                "lesser",
                "single",
                "separate",
                "remaining",
                "new",
            ]) || (x.kind == TokKind::Num && x.s.len() == 4)
            {
                i += 1;
            } else if x.in_set(kws![
                "charges", "charge", "crime", "crimes", "offense", "offenses",
            ]) && t.get(i + 1).is_some_and(|y| y.is_kw(kw!("of")))
            {
                i += 2;
            } else if x.in_set(kws![
                "committing",
                "participating",
                "involvement",
                "participation",
            ]) {
                i += 1;
                if t.get(i).is_some_and(|y| y.is_kw(kw!("in"))) {
                    i += 1;
                }
            } else if x.in_set(kws!["his", "her", "their"])
                && t.get(i + 1).is_some_and(|y| y.is_kw(kw!("role")))
                && t.get(i + 2).is_some_and(|y| y.is_kw(kw!("in")))
            {
                i += 3;
            } else if x.is_kw(kw!("role")) && t.get(i + 1).is_some_and(|y| y.is_kw(kw!("in"))) {
                i += 2;
            }
        }
        if i == before {
            break;
        }
    }
    i
}

/// Is token `j` (a stop word) an exception that continues the phrase?
fn stop_exception(t: &[Tok], j: usize) -> bool {
    let x = &t[j];
    let n1 = t.get(j + 1);
    let n2 = t.get(j + 2);
    let is = |o: Option<&Tok>, ws: &[&str]| o.is_some_and(|y| y.is_any(ws));
    if x.is_kw(kw!("in")) {
        let prev_ing = j > 0 && t[j - 1].kind == TokKind::Word && {
            let p = lower(&t[j - 1]);
            p.ends_with("ing") && !matches!(p.as_str(), "pleading" | "sentencing" | "during")
        };
        return prev_ing
            || is(
                n1,
                &[
                    "furtherance",
                    "relation",
                    "connection",
                    "aid",
                    "interstate",
                    "excess",
                    "possession",
                ],
            )
            || (is(n1, &["the", "a"])
                && is(
                    n2,
                    &[
                        "first",
                        "second",
                        "third",
                        "fourth",
                        "filing",
                        "commission",
                        "preparation",
                    ],
                ))
            || is(n1, &["first", "second", "third"]) && is(n2, &["degree", "-"]);
    }
    if x.is_kw(kw!("for")) {
        return is(
            n1,
            &[
                "profit",
                "hire",
                "ransom",
                "commercial",
                "private",
                "financial",
            ],
        ) || (is(n1, &["the"]) && is(n2, &["purpose", "purposes"]));
    }
    if x.is_kw(kw!("after")) {
        return is(n1, &["the"]) && is(n2, &["fact"]);
    }
    if x.is_kw(kw!("at")) {
        return j > 0 && t[j - 1].in_set(kws!["shooting", "firing", "discharging"]);
    }
    if x.is_kw(kw!("during")) {
        return is(n1, &["the", "a"]) && is(n2, &["commission", "crime"]);
    }
    if x.is_kw(kw!("while")) {
        return is(n1, &["armed"]);
    }
    if x.is_kw(kw!("under")) {
        return is(n1, &["color", "colour", "the"]) && !is(n2, &["supervision", "influence"])
            || is(n1, &["color"]);
    }
    if x.is_kw(kw!("from")) {
        // "steal optics from the Marine Corps", but not "from 2005"
        return !n1.is_some_and(|y| {
            y.kind != TokKind::Word
                || is_month(y)
                || y.in_set(kws![
                    "prison", "jail", "custody", "his", "her", "their", "about"
                ])
        });
    }
    if x.is_kw(kw!("by")) {
        // "possession by a prohibited person", "fraud by wire"
        return is(
            n1,
            &[
                "a",
                "an",
                "wire",
                "mail",
                "use",
                "means",
                "force",
                "unlawful",
                "deception",
                "fraud",
                "false",
                "threat",
                "threats",
            ],
        ) && !is(n2, &["jury", "judge", "federal", "grand"]);
    }
    if x.is_kw(kw!("as")) {
        // "acting as an agent"
        return j > 0 && t[j - 1].in_set(kws!["acting", "act", "posing", "serving"]);
    }
    if x.is_kw(kw!("that")) || x.is_kw(kw!("which")) {
        return false;
    }
    false
}

/// Does an offense phrase start at `r` ("first-degree assault", "one count of", "of robbery")?
fn offense_starts(t: &[Tok], r: usize, hits: &[Hit]) -> bool {
    let Some(x) = t.get(r) else {
        return false;
    };
    if x.is_kw(kw!("of")) {
        return true;
    }
    if skip_counts(t, r) > r {
        return true;
    }
    if gaz_at(hits, x).is_some() {
        return true;
    }
    // A head within the first few words, before a stop word.
    let mut k = r;
    while k < t.len() && k < r + 5 {
        let y = &t[k];
        if y.kind == TokKind::Punct {
            return false;
        }
        if is_head(y) {
            return true;
        }
        if y.in_set(&STOP_IDS) {
            return false;
        }
        k += 1;
    }
    false
}

/// One extracted offense phrase: token range, plus byte ranges to drop
/// (parentheticals).
#[derive(Debug, Clone)]
struct Seg {
    a: usize,
    b: usize,
    cut: Vec<(usize, usize)>,
}

/// Extract the coordinated offense phrases starting at token `i`.
fn extract_list(
    t: &[Tok],
    i: usize,
    gaz: &Gazetteers,
    hits: &[Hit],
    cites: &[Cite],
    label: bool,
) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut seg_a = skip_lead(t, i);
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut j = seg_a;
    let valid = |a: usize, b: usize| names_offense(t, a, b, hits);
    // The word tests of the item being read, each token tested once.
    let mut heads_in_item = AnyIn::default();
    let mut linkers_in_item = AnyIn::default();
    let close = |out: &mut Vec<Seg>, a: usize, b: usize, cut: &mut Vec<(usize, usize)>| {
        // trim trailing "charges", "counts"
        let mut b = b;
        while b > a + 1
            && t[b - 1].in_set(kws!["charges", "charge", "counts", "count", "indictment"])
        {
            b -= 1;
        }
        while b > a
            && ((t[b - 1].kind == TokKind::Punct && !matches!(t[b - 1].s, ")"))
                || t[b - 1].in_set(kws![
                    "of", "to", "the", "a", "an", "with", "and", "or", "about", "over", "more",
                    "some", "than", "from", "in", "on", "at", "by", "for",
                ]))
        {
            b -= 1;
        }
        // "renting and making": a transitive verb with no object is no offense.
        if b > a
            && t[b - 1].in_set(kws![
                "making",
                "using",
                "filing",
                "bringing",
                "transporting",
                "possessing",
                "distributing",
                "receiving",
                "selling",
                "importing",
                "exporting",
                "stealing",
                "harboring",
                "carrying",
                "brandishing",
                "discharging",
                "renting",
                "dealing",
                "manufacturing",
                "attempting",
                "violating",
                "committing",
                "conspiring",
                "depriving",
                "obstructing",
                "soliciting",
            ])
        {
            cut.clear();
            return;
        }
        // A trailing aside "(21 U.S.C. 841)" is no part of the phrase.
        if b > a && t[b - 1].s == ")" {
            if let Some(&(ca, _)) = cut.last() {
                let nb = t[a..b]
                    .iter()
                    .position(|y| y.start >= ca)
                    .map_or(b, |p| a + p);
                b = nb;
                cut.pop();
            }
        }
        // A single word names an offense only as a lexicon entry ("arson",
        // "murders"), not "sale" or "use".
        if b == a + 1 && !is_lexicon_phrase(gaz, t[a].s) {
            cut.clear();
            return;
        }
        if b > a && names_offense(t, a, b, hits) {
            out.push(Seg {
                a,
                b,
                cut: std::mem::take(cut),
            });
        }
        cut.clear();
    };
    while j < t.len() {
        let x = &t[j];
        // ", in violation of 18 U.S.C. § 2119, murder of ...": the citation
        // closes the item and the list may go on after it.
        let cite_at = |k: usize| t.get(k).and_then(|y| cite_starting(cites, y.start));
        let viol = x.is_kw(kw!("in"))
            && t.get(j + 1).is_some_and(|y| y.is_kw(kw!("violation")))
            && t.get(j + 2).is_some_and(|y| y.is_kw(kw!("of")))
            && cite_at(j + 3).is_some();
        if !label && (viol || (j > seg_a && cite_at(j).is_some())) {
            let c = if viol { cite_at(j + 3) } else { cite_at(j) };
            let Some(c) = c else { break };
            close(&mut out, seg_a, j, &mut cut);
            let mut r = t.partition_point(|y| y.start < c.end);
            while t
                .get(r)
                .is_some_and(|y| y.s == "," || y.is_kw(kw!("and")) || y.is_kw(kw!("or")))
            {
                r += 1;
            }
            if r < t.len() && offense_starts(t, r, hits) && cite_at(r).is_none() {
                seg_a = skip_lead(t, r);
                j = seg_a;
                continue;
            }
            return out;
        }
        if x.s == "(" {
            let st = j;
            while j < t.len() && t[j].s != ")" {
                j += 1;
            }
            if j >= t.len() {
                break;
            }
            // Keep "(a telephone)"-like asides only when short and inside
            // a phrase; drop "(for acting in concert with X)".
            cut.push((t[st].start, t[j].end));
            j += 1;
            continue;
        }
        let as_well_as = x.is_kw(kw!("as"))
            && t.get(j + 1).is_some_and(|y| y.is_kw(kw!("well")))
            && t.get(j + 2).is_some_and(|y| y.is_kw(kw!("as")));
        let sep = x.s == ","
            || x.is_kw(kw!("and"))
            || x.is_kw(kw!("or"))
            || (label && x.s == ";")
            || as_well_as;
        if sep
            && x.is_kw(kw!("or"))
            && t.get(j + 1)
                .is_some_and(|y| y.in_set(kws!["more", "less", "greater"]))
        {
            // "50 grams or more of methamphetamine"
            j += 2;
            continue;
        }
        if sep && inside_hit(hits, x.start, x.end) {
            // Inside a lexicon phrase ("mail and wire fraud").
            j += 1;
            continue;
        }
        if sep {
            // "aiding and abetting"
            if x.is_kw(kw!("and"))
                && j > 0
                && t[j - 1].is_kw(kw!("aiding"))
                && t.get(j + 1)
                    .is_some_and(|y| y.in_set(kws!["abetting", "assisting"]))
            {
                j += 2;
                continue;
            }
            let mut r = j;
            loop {
                if t.get(r).is_some_and(|y| {
                    y.s == "," || y.is_kw(kw!("and")) || y.is_kw(kw!("or")) || (label && y.s == ";")
                }) {
                    r += 1;
                } else if t.get(r).is_some_and(|y| y.is_kw(kw!("as")))
                    && t.get(r + 1).is_some_and(|y| y.is_kw(kw!("well")))
                    && t.get(r + 2).is_some_and(|y| y.is_kw(kw!("as")))
                {
                    r += 3;
                } else {
                    break;
                }
            }
            let left_ok = names_offense_at(t, seg_a, j, hits, &mut heads_in_item);
            // ", in violation of 18 U.S.C. ..." or ", 18 U.S.C. ...": the
            // citation is handled on the next step.
            let cite_next = t.get(r).is_some_and(|y| {
                cite_starting(cites, y.start).is_some()
                    || (y.is_kw(kw!("in"))
                        && t.get(r + 1).is_some_and(|z| z.is_kw(kw!("violation")))
                        && t.get(r + 3)
                            .is_some_and(|z| cite_starting(cites, z.start).is_some()))
            });
            if !label && cite_next && left_ok {
                j = r;
                continue;
            }
            if label && x.s == "," {
                // "Offense: X, and aiding and abetting, 18 USC ...; Y" -> X
                if left_ok {
                    close(&mut out, seg_a, j, &mut cut);
                }
                while j < t.len() && t[j].s != ";" {
                    j += 1;
                }
                seg_a = skip_lead(t, j + 1);
                j = seg_a;
                continue;
            }
            let count_or_of = t.get(r).is_some_and(|y| y.is_kw(kw!("of"))) || skip_counts(t, r) > r;
            let right_off = offense_starts(t, r, hits);
            // "possession and sale of", "use and possession of": shared complement
            let shared = x.is_kw(kw!("and"))
                && j - seg_a <= 2
                && !t[seg_a..j]
                    .iter()
                    .any(|y| y.in_set(kws!["of", "to", "with"]))
                && !count_or_of
                && (r..t.len().min(r + 3)).any(|p| {
                    t[p].is_kw(kw!("of"))
                        && t.get(p + 1).is_some_and(|y| {
                            y.kind == TokKind::Word
                                && !y.in_set(kws!["a", "an", "his", "her", "their", "the", "its"])
                        })
                });
            if shared {
                j = r;
                continue;
            }
            let left_ends_head = j > seg_a
                && (is_head(&t[j - 1])
                    || ends_hit(hits, t[j - 1].end)
                    || linkers_in_item.any(seg_a, j, |k| t[k].in_set(kws!["of", "to", "with"])));
            let right_gaz = t.get(r).and_then(|y| gaz_at(hits, y)).is_some();
            // "conspiring to commit mail and wire fraud": the head is shared.
            if x.is_kw(kw!("and")) && j > seg_a && !is_head(&t[j - 1]) {
                if let Some(h) = t.get(r).and_then(|y| gaz_at(hits, y)) {
                    // Token ends increase: the one ending with the hit, by
                    // binary search.
                    let p = t.partition_point(|y| y.end < h.end);
                    if let Some(last) = t.get(p).filter(|y| y.end == h.end) {
                        let probe = format!("{} {}", t[j - 1].s, last.s);
                        if is_lexicon_phrase(gaz, &probe) {
                            j = r;
                            continue;
                        }
                    }
                }
            }
            if right_off && (count_or_of || left_ends_head || label || right_gaz) {
                if left_ok {
                    close(&mut out, seg_a, j, &mut cut);
                }
                let mut k = r;
                if t.get(k).is_some_and(|y| y.is_kw(kw!("of"))) {
                    k += 1;
                }
                seg_a = skip_lead(t, k);
                j = seg_a;
                continue;
            }
            if right_off || !left_ok {
                // "mail and wire fraud", "credit and loan application fraud"
                if label && x.s == ";" {
                    close(&mut out, seg_a, j, &mut cut);
                    seg_a = skip_lead(t, r);
                    j = seg_a;
                    continue;
                }
                if label && x.s == "," && left_ok {
                    // "Offense: X, and aiding and abetting, 18 USC ..." -> end of item
                    close(&mut out, seg_a, j, &mut cut);
                    while j < t.len() && t[j].s != ";" {
                        j += 1;
                    }
                    seg_a = skip_lead(t, j + 1);
                    j = seg_a;
                    continue;
                }
                j = r;
                continue;
            }
            // "Securities and Exchange Commission": a name goes on.
            let cap = |y: Option<&Tok>| {
                y.is_some_and(|y| {
                    y.kind == TokKind::Word && y.s.starts_with(|c: char| c.is_uppercase())
                })
            };
            if x.is_kw(kw!("and")) && j > 0 && cap(t.get(j - 1)) && cap(t.get(j + 1)) {
                j += 1;
                continue;
            }
            // Right side is no offense and the left is: the list ends.
            if label {
                close(&mut out, seg_a, j, &mut cut);
                while j < t.len() && t[j].s != ";" {
                    j += 1;
                }
                seg_a = skip_lead(t, j + 1);
                j = seg_a;
                continue;
            }
            break;
        }
        if x.kind == TokKind::Punct {
            let abbrev_dot = x.s == "."
                && t.get(j + 1)
                    .is_some_and(|y| y.start == x.end && y.kind == TokKind::Word);
            let inner = matches!(x.s, "'" | "\u{2019}" | "/" | "&")
                || abbrev_dot
                || (x.s == "." && j > 0 && t[j - 1].s.len() == 1 && t[j - 1].kind == TokKind::Word);
            if inner || x.kind == TokKind::Hyphen {
                j += 1;
                continue;
            }
            break;
        }
        if x.kind == TokKind::Hyphen {
            j += 1;
            continue;
        }
        if x.kind == TokKind::Num && x.s.len() == 4 && x.s.starts_with(['1', '2']) {
            break;
        }
        if t.get(j + 1).is_some_and(|y| y.kind == TokKind::Num) && is_month(x) {
            break;
        }
        if x.in_set(&STOP_IDS) && !stop_exception(t, j) {
            // "murder with a special circumstance for killing from a vehicle,
            // as well as attempted murder": the list goes on after the aside.
            let resume = (j + 1..t.len().min(j + 14)).find(|&p| {
                t[p].is_kw(kw!("as"))
                    && t.get(p + 1).is_some_and(|y| y.is_kw(kw!("well")))
                    && t.get(p + 2).is_some_and(|y| y.is_kw(kw!("as")))
                    && offense_starts(t, p + 3, hits)
            });
            if let Some(p) = resume {
                if valid(seg_a, j) {
                    close(&mut out, seg_a, j, &mut cut);
                }
                seg_a = skip_lead(t, p + 3);
                j = seg_a;
                continue;
            }
            break;
        }
        // "the Murder of Officer Jane Doe": a victim's or place's name ends it.
        if x.is_kw(kw!("of"))
            && j > seg_a
            && t.get(j + 1).is_some_and(|y| {
                y.kind == TokKind::Word
                    && y.s.starts_with(|c: char| c.is_uppercase())
                    && !is_head(y)
                    && !y.in_set(kws!["a", "an", "the"])
            })
            && !inside_hit(hits, x.start, x.end)
        {
            break;
        }
        // A statute citation ends the phrase.
        if x.kind == TokKind::Num && t.get(j + 1).is_some_and(|y| y.s == "U" || y.is("USC")) {
            break;
        }
        if x.in_set(kws![
            "scheme",
            "schemes",
            "plot",
            "investigation",
            "probe",
            "ring",
        ]) {
            // "a wire fraud scheme" names no charge
            return Vec::new();
        }
        j += 1;
    }
    close(&mut out, seg_a, j.min(t.len()), &mut cut);
    out
}

/// A cue: the stage it gives and the prepositions that open its object.
struct Cue {
    stage: &'static str,
    preps: &'static [u16],
    /// How far (tokens) the preposition may be from the cue word.
    reach: usize,
}

/// The keyword ids of prepositions, as a constant: `preps!["of", "on"]`
/// (a token is one of them when its keyword id is).
macro_rules! preps {
    ($($w:literal),+) => {{
        const P: &[u16] = &[$(kw!($w)),+];
        P
    }};
}

/// The words [`cue_word_at`] knows.
const CUE_IDS: KwSet = KwSet::new(&[
    "accused",
    "acquittal",
    "acquitted",
    "admitted",
    "arraigned",
    "arrested",
    "charge",
    "charged",
    "charges",
    "charging",
    "convict",
    "convicted",
    "convicting",
    "conviction",
    "convictions",
    "crime",
    "crimes",
    "dismissed",
    "dropped",
    "given",
    "guilty",
    "including",
    "indicted",
    "indictment",
    "offense",
    "offenses",
    "penalties",
    "penalty",
    "plea",
    "plead",
    "pleaded",
    "pleading",
    "pleads",
    "pleas",
    "pled",
    "received",
    "receives",
    "receiving",
    "sentence",
    "sentenced",
    "sentences",
    "serving",
    "violation",
    "violations",
    "wanted",
]);

/// The first token from `i` on whose keyword is one of [`CUE_IDS`] (the
/// only tokens [`cue_at`] looks further at); `t.len()` when none is. (A
/// small function of its own: inlined in a large one, the loop fares
/// worse.)
#[inline(never)]
fn next_cue_word(t: &[Tok], mut i: usize) -> usize {
    while let Some(x) = t.get(i) {
        if x.in_set(&CUE_IDS) {
            break;
        }
        i += 1;
    }
    i
}

/// The cue starting at token `i`, with the index after its cue word(s).
#[inline]
fn cue_at(t: &[Tok], i: usize) -> Option<(Cue, usize)> {
    let x = &t[i];
    // One bit test on the keyword id turns away all other tokens.
    if !x.in_set(&CUE_IDS) {
        return None;
    }
    cue_word_at(t, i)
}

/// [`cue_at`] past its cheap tests.
#[inline(never)]
fn cue_word_at(t: &[Tok], i: usize) -> Option<(Cue, usize)> {
    let x = &t[i];
    // The word in ASCII lower case, on the stack (4 to 12 bytes).
    let mut buf = [0u8; 12];
    for (d, c) in buf.iter_mut().zip(x.s.bytes()) {
        *d = c.to_ascii_lowercase();
    }
    let l = &buf[..x.s.len()];
    let n1 = t.get(i + 1);
    let is1 = |ws: &[u16]| n1.is_some_and(|y| ws.contains(&y.kw));
    let cue = |stage, preps, reach| {
        Some((
            Cue {
                stage,
                preps,
                reach,
            },
            i + 1,
        ))
    };
    match l {
        b"pleaded" | b"pled" | b"pleads" | b"plead" | b"pleading"
            if is1(preps!["guilty", "no"]) =>
        {
            let mut k = i + 2;
            if t.get(k - 1).is_some_and(|y| y.is_kw(kw!("no"))) {
                k += 1; // "no contest"
            }
            Some((
                Cue {
                    stage: "pleaded_guilty",
                    preps: preps!["to"],
                    reach: 30,
                },
                k,
            ))
        }
        b"guilty" => {
            if i > 0 && t[i - 1].is_kw(kw!("not")) {
                return cue("acquitted", preps!["of", "on"], 12);
            }
            if i > 0 && t[i - 1].in_set(kws!["pleaded", "pled", "pleads", "plead", "pleading"]) {
                return None;
            }
            cue("convicted", preps!["of", "on"], 12)
        }
        b"convicted" | b"convicting" | b"convict" => {
            cue("convicted", preps!["of", "on", "for"], 30)
        }
        b"conviction" | b"convictions" => cue("convicted", preps!["of", "for", "on"], 8),
        b"sentence" | b"sentences" if is1(preps!["for"]) => cue("convicted", preps!["for"], 1),
        b"including"
            if i > 0
                && t[i.saturating_sub(3)..i].iter().any(|y| {
                    y.in_set(kws![
                        "crimes", "offenses", "charges", "felonies", "counts", "count", "charge",
                        "offense",
                    ])
                }) =>
        {
            Some((
                Cue {
                    stage: "charged",
                    preps: &[],
                    reach: 0,
                },
                i + 1,
            ))
        }
        b"acquitted" | b"acquittal" => cue("acquitted", preps!["of", "on"], 10),
        b"charged" | b"charging" | b"charges" | b"charge" if is1(preps!["with"]) => {
            cue("charged", preps!["with"], 1)
        }
        b"charged" | b"charging" => cue("charged", preps!["with"], 40),
        b"charges"
            if t.get(i + 1).is_some_and(|y| {
                y.in_set(kws!["him", "her", "them", "the", "each", "both", "all"])
            }) =>
        {
            cue("charged", preps!["with"], 12)
        }
        b"indicted" | b"indictment" | b"arrested" | b"arraigned" => {
            cue("charged", preps!["on", "for", "with", "of"], 4)
        }
        b"accused" => cue("charged", preps!["of"], 3),
        b"wanted" => cue("charged", preps!["for"], 8),
        b"sentenced" => cue("convicted", preps!["for"], 25),
        b"serving" if n1.is_some_and(|y| y.is("time")) => cue("convicted", preps!["for"], 3),
        b"penalty" | b"penalties" => {
            let max = i > 0 && t[i - 1].in_set(kws!["maximum", "minimum", "statutory"]);
            cue(if max { "charged" } else { "convicted" }, preps!["for"], 1)
        }
        b"admitted" if is1(preps!["to"]) => cue("pleaded_guilty", preps!["to"], 1),
        b"plea" | b"pleas" if is1(preps!["to"]) => cue("pleaded_guilty", preps!["to"], 1),
        b"serving" => cue("convicted", preps!["for"], 8),
        b"received" | b"receives" | b"receiving" | b"given" => cue("convicted", preps!["for"], 14),
        b"offense" | b"offenses" | b"crime" | b"crimes" if is1(preps!["of"]) => {
            cue("", preps!["of"], 1)
        }
        b"dismissed" | b"dropped" => cue("dismissed", preps!["of"], 4),
        b"violations" | b"violation" if i == 0 || !t[i - 1].is_kw(kw!("in")) => {
            cue("citation", preps!["of"], 0)
        }
        _ => None,
    }
}

/// Is `phrase` (or its singular) exactly an offense of the lexicon (ASCII
/// case aside)?
fn is_lexicon_phrase(gaz: &Gazetteers, phrase: &str) -> bool {
    // An ASCII phrase of up to 64 bytes is squeezed and folded on the stack.
    let mut buf = [0u8; 64];
    if phrase.is_ascii() && phrase.len() <= buf.len() {
        let ws = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
        let mut n = 0;
        let mut last = 0u8;
        for w in phrase
            .as_bytes()
            .split(|&c| ws(c))
            .filter(|w| !w.is_empty())
        {
            if n > 0 {
                buf[n] = b' ';
                n += 1;
            }
            for &c in w {
                buf[n] = c.to_ascii_lowercase();
                n += 1;
            }
            last = w[w.len() - 1];
        }
        let l = &buf[..n];
        // Only a lower-case "s" makes the singular.
        let sing = if last == b's' { &l[..n - 1] } else { l };
        return gaz.offense_lower.contains(l) || gaz.offense_lower.contains(sing);
    }
    is_lexicon_phrase_plain(gaz, phrase)
}

/// [`is_lexicon_phrase`] for any phrase (the oracle of its stack path).
fn is_lexicon_phrase_plain(gaz: &Gazetteers, phrase: &str) -> bool {
    let p = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let l = p.to_ascii_lowercase();
    // Only a lower-case "s" makes the singular.
    let sing = if p.ends_with('s') {
        &l.as_bytes()[..l.len() - 1]
    } else {
        l.as_bytes()
    };
    gaz.offense_lower.contains(l.as_bytes()) || gaz.offense_lower.contains(sing)
}

/// Category of a charge phrase: the lexicon's, else from its words.
fn category(phrase: &str, gaz: &Gazetteers, hits: &[Hit], a: usize, b: usize) -> String {
    // Longest lexicon hit inside the phrase.
    if let Some(h) = hits_in(hits, a, b)
        .iter()
        .filter(|h| h.end <= b)
        .max_by_key(|h| h.end - h.start)
    {
        if let Some(e) = gaz.offenses.get(h.entry) {
            if !e.category.is_empty() {
                return e.category.clone();
            }
        }
    }
    category_from_words(phrase.as_bytes()).to_string()
}

/// The categories a phrase's words give, in order of precedence, with the
/// pieces of words (ASCII lower case) that give them: the first category
/// with a piece anywhere in the phrase (ASCII case aside) wins; "other"
/// when none.
const CATEGORY_PIECES: [(&str, &[&str]); 11] = [
    (
        "weapons",
        &["firearm", "weapon", "gun", "ammunition", "explosive"],
    ),
    (
        "drug",
        &[
            "drug",
            "cocaine",
            "heroin",
            "marijuana",
            "methamphetamine",
            "fentanyl",
            "narcotic",
            "controlled substance",
            "crack",
            "opioid",
            "oxycodone",
        ],
    ),
    ("tax", &["tax"]),
    (
        "corruption",
        &["brib", "extort", "kickback", "corrupt", "honest services"],
    ),
    (
        "sex",
        &["child porn", "sexual", "rape", "prostitut", "sex "],
    ),
    (
        "immigration",
        &["alien", "immigra", "reentry", "re-entry", "smuggl"],
    ),
    ("cyber", &["computer", "hack", "cyber"]),
    (
        "obstruction",
        &[
            "obstruct",
            "perjur",
            "tamper",
            "false declaration",
            "contempt",
        ],
    ),
    (
        "fraud",
        &[
            "fraud",
            "defraud",
            "launder",
            "embezzl",
            "forg",
            "counterfeit",
            "false statement",
        ],
    ),
    (
        "violent",
        &[
            "murder",
            "homicide",
            "assault",
            "robbery",
            "kidnap",
            "torture",
            "manslaughter",
            "battery",
            "carjack",
            "violen",
            "threat",
        ],
    ),
    (
        "property",
        &[
            "theft", "burglar", "larceny", "stolen", "steal", "arson", "vandal",
        ],
    ),
];

/// Number of pieces of [`CATEGORY_PIECES`].
const CATEGORY_PIECE_COUNT: usize = {
    let mut n = 0;
    let mut g = 0;
    while g < CATEGORY_PIECES.len() {
        n += CATEGORY_PIECES[g].1.len();
        g += 1;
    }
    n
};

/// The pieces of [`CATEGORY_PIECES`] with their category's index, by their
/// first two letters (each pair's in order of precedence), and each pair's
/// run: `start[k]..start[k + 1]` for the pair `26 * first + second`.
struct PieceIndex {
    pieces: [(&'static [u8], u8); CATEGORY_PIECE_COUNT],
    start: [u8; 26 * 26 + 1],
}

/// [`PieceIndex`] of [`CATEGORY_PIECES`] (every piece starts with two
/// lower-case letters).
const PIECES_BY_PAIR: PieceIndex = {
    let mut pieces: [(&[u8], u8); CATEGORY_PIECE_COUNT] = [(b"", 0); CATEGORY_PIECE_COUNT];
    let mut start = [0u8; 26 * 26 + 1];
    let mut n = 0;
    let mut k = 0;
    while k < 26 * 26 {
        start[k] = n as u8;
        let mut g = 0;
        while g < CATEGORY_PIECES.len() {
            let ws = CATEGORY_PIECES[g].1;
            let mut j = 0;
            while j < ws.len() {
                let w = ws[j].as_bytes();
                assert!(w[0].is_ascii_lowercase() && w[1].is_ascii_lowercase());
                if (w[0] - b'a') as usize * 26 + (w[1] - b'a') as usize == k {
                    pieces[n] = (w, g as u8);
                    n += 1;
                }
                j += 1;
            }
            g += 1;
        }
        k += 1;
    }
    start[26 * 26] = n as u8;
    assert!(n == CATEGORY_PIECE_COUNT);
    PieceIndex { pieces, start }
};

/// The category of a phrase from its words ([`CATEGORY_PIECES`]): one
/// pass over its bytes, each pair of letters tried against the pieces it
/// starts.
fn category_from_words(p: &[u8]) -> &'static str {
    let idx = &PIECES_BY_PAIR;
    // The best category found so far (an index; the list's length: none).
    let mut best = CATEGORY_PIECES.len();
    // A byte's letter number (0 to 25), 26 or more for any other byte.
    let letter = |c: u8| usize::from(c.to_ascii_lowercase().wrapping_sub(b'a'));
    for (i, w2) in p.windows(2).enumerate() {
        let (l1, l2) = (letter(w2[0]), letter(w2[1]));
        if l1 >= 26 || l2 >= 26 {
            continue;
        }
        let k = 26 * l1 + l2;
        let (s, e) = (idx.start[k], idx.start[k + 1]);
        if s == e {
            continue;
        }
        let rest = &p[i..];
        for &(w, g) in &idx.pieces[usize::from(s)..usize::from(e)] {
            // Each pair's pieces are in order of precedence.
            if usize::from(g) >= best {
                break;
            }
            if rest
                .get(..w.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(w))
            {
                best = usize::from(g);
                break;
            }
        }
        if best == 0 {
            break;
        }
    }
    CATEGORY_PIECES.get(best).map_or("other", |c| c.0)
}

/// Words that may start a cue (ASCII lower case), for the per-sentence
/// prefilter: found anywhere in a word, in any letter case.
pub(crate) const CUE_WORDS: &[&[u8]] = &[
    b"guilty",
    b"convict",
    b"charg",
    b"indict",
    b"accused",
    b"acquit",
    b"wanted",
    b"sentence",
    b"serving",
    b"penalt",
    b"offense",
    b"crime",
    b"admitted",
    b"dismissed",
    b"dropped",
    b"arrested",
    b"u.s.c",
    b"usc",
    b"united states code",
    b"arraigned",
    b"plea",
    b"receiv",
    b"given",
    b"violation",
    b"felonies",
];

/// Find the charges of a document.
pub fn find(text: &Text, gaz: &Gazetteers, ents: &Entities) -> Vec<Charge> {
    let hits = gaz.offense_matcher.find_words(text.s, &text.words);
    let mut f = Finder::new(text, gaz, hits);
    let mut t: Vec<Tok> = super::take_tokens();
    for si in 0..text.sentences.len() {
        if f.wants(si) {
            let (a, b) = text.sentence(si);
            numbers::tokenize_into(&text.s[a..b], a, &mut t);
            f.sentence(ents, si, &t);
        }
    }
    super::keep_tokens(t);
    f.finish()
}

/// The charges of a document, read sentence by sentence (in order) over
/// tokens the caller makes, so that they can serve other readers too.
pub(crate) struct Finder<'t, 'g> {
    text: &'t Text<'t>,
    gaz: &'g Gazetteers,
    /// The offense lexicon hits of the whole text.
    all_hits: Vec<Hit>,
    /// The "U", "S", "C" test of the statute citations, for all sentences.
    usc: UscIndex,
    out: Vec<Charge>,
}

impl<'t, 'g> Finder<'t, 'g> {
    /// Ready to read `text`, whose offense lexicon hits are `all_hits`.
    pub(crate) fn new(text: &'t Text<'t>, gaz: &'g Gazetteers, all_hits: Vec<Hit>) -> Self {
        Finder {
            text,
            gaz,
            all_hits,
            usc: UscIndex::new(text.s),
            out: Vec::new(),
        }
    }

    /// The lexicon hits that start and end inside sentence `si`, as a range
    /// of `all_hits`. Hits are sorted and never overlap, so their ends are
    /// sorted too: those are a run.
    fn hits_of(&self, si: usize) -> std::ops::Range<usize> {
        let (a, b) = self.text.sentence(si);
        let lo = self.all_hits.partition_point(|h| h.start < a);
        let hi = lo + self.all_hits[lo..].partition_point(|h| h.end <= b);
        lo..hi
    }

    /// Cheap prefilter: may sentence `si` yield a charge (a lexicon hit, or
    /// a cue word and an offense word or a citation)? Only then is it worth
    /// tokenizing for [`Finder::sentence`].
    pub(crate) fn wants(&self, si: usize) -> bool {
        let (a, b) = self.text.sentence(si);
        self.has_hits(si)
            || (super::prefilter().starts_in(self.text.s.as_bytes(), a, b)
                && self.may_name_offense(si))
    }

    /// Does sentence `si` hold a lexicon hit? (The first test of
    /// [`Finder::wants`].)
    pub(crate) fn has_hits(&self, si: usize) -> bool {
        !self.hits_of(si).is_empty()
    }

    /// [`Finder::has_hits`] for sentences taken in ascending order: `lo` is
    /// the index of the first hit that starts at or after the start of the
    /// sentence asked before (0 at first), and goes on from there.
    pub(crate) fn has_hits_from(&self, lo: &mut usize, si: usize) -> bool {
        let (a, b) = self.text.sentence(si);
        while self.all_hits.get(*lo).is_some_and(|h| h.start < a) {
            *lo += 1;
        }
        self.all_hits.get(*lo).is_some_and(|h| h.end <= b)
    }

    /// May sentence `si` name an offense without a lexicon hit? (The last
    /// test of [`Finder::wants`], after a cue word was found.)
    pub(crate) fn may_name_offense(&self, si: usize) -> bool {
        let (a, b) = self.text.sentence(si);
        names_head(self.text.s.as_bytes().get(a..b).unwrap_or_default())
            // Last: most sentences that pass hold an offense word.
            || self.usc.within(a, b)
    }

    /// [`Finder::may_name_offense`] of an ASCII sentence `si` from its
    /// tokens `t` (its words are then exactly its maximal runs of ASCII
    /// letters).
    pub(crate) fn may_name_offense_tokens(&self, si: usize, t: &[Tok]) -> bool {
        let (a, b) = self.text.sentence(si);
        names_head_tokens(t) || self.usc.within(a, b)
    }

    /// Read sentence `si`, whose tokens are `t`.
    pub(crate) fn sentence(&mut self, ents: &Entities, si: usize, t: &[Tok]) {
        let (a, b) = self.text.sentence(si);
        let sent = &self.text.s[a..b];
        let cites = find_cites(sent, a, t, self.usc.within(a, b));
        let hits = &self.all_hits[self.hits_of(si)];
        sentence_charges(
            self.text,
            self.gaz,
            ents,
            si,
            t,
            hits,
            &cites,
            &mut self.out,
        );
    }

    /// The charges found, after the document-level cleanup.
    pub(crate) fn finish(mut self) -> Vec<Charge> {
        dedup(self.text, &mut self.out);
        self.out
    }
}

#[allow(clippy::too_many_arguments)]
fn sentence_charges(
    text: &Text,
    gaz: &Gazetteers,
    ents: &Entities,
    si: usize,
    t: &[Tok],
    hits: &[Hit],
    cites: &[Cite],
    out: &mut Vec<Charge>,
) {
    let s = text.s;
    let (sa, sb) = text.sentence(si);
    let mut covered: Vec<(usize, usize)> = Vec::new();
    // The subject of the last position asked (the charges of one list share
    // their cue's).
    // The subject of the last position asked (the charges of one list share
    // their cue's).
    let last_person: std::cell::RefCell<Option<(usize, String)>> = std::cell::RefCell::new(None);
    let person_at = |pos: usize| {
        let mut last = last_person.borrow_mut();
        match &*last {
            Some((p, name)) if *p == pos => name.clone(),
            _ => {
                let name = super::subject_name(text, ents, pos);
                *last = Some((pos, name.clone()));
                name
            }
        }
    };
    // The charge of phrase `phrase` (not empty) at `a..b`.
    let push_charge = |phrase: String,
                       stage: &str,
                       cue_pos: usize,
                       a: usize,
                       b: usize,
                       out: &mut Vec<Charge>,
                       covered: &mut Vec<(usize, usize)>| {
        // Statute: a citation right after the phrase, before the next phrase.
        let statute = cites_from(cites, a)
            .iter()
            .take_while(|c| c.start <= b + 40)
            .find(|c| s[b.min(c.start)..c.start].chars().all(|ch| ch != ';'))
            .map_or_else(String::new, |c| c.norm.clone());
        covered.push((a, b));
        out.push(Charge {
            category: category(&phrase, gaz, hits, a, b),
            charge: phrase,
            statute,
            person: person_at(cue_pos),
            stage: stage.to_string(),
            start: a,
            end: b,
        });
    };
    let emit = |seg: &Seg,
                stage: &str,
                cue_pos: usize,
                out: &mut Vec<Charge>,
                covered: &mut Vec<(usize, usize)>| {
        let (a, b) = (t[seg.a].start, t[seg.b - 1].end);
        // The span without its cut asides (copied only when there are some),
        // its whitespace runs squeezed to one space. Between tokens there is
        // only whitespace (and tokens hold none): when every gap is empty
        // or one space, the span is its own squeeze.
        let toks = t.get(seg.a..seg.b).unwrap_or_default();
        if seg.cut.is_empty()
            && toks.windows(2).all(|w| {
                w[1].start == w[0].end
                    || (w[1].start == w[0].end + 1 && s.as_bytes().get(w[0].end) == Some(&b' '))
            })
        {
            let phrase = s[a..b].trim_matches(|c: char| c == ',' || c == ' ');
            if phrase.is_empty() {
                return;
            }
            push_charge(phrase.to_string(), stage, cue_pos, a, b, out, covered);
            return;
        }
        let raw;
        let span = if seg.cut.is_empty() {
            &s[a..b]
        } else {
            let mut r = String::new();
            let mut p = a;
            for &(ca, cb) in &seg.cut {
                if ca >= p && cb <= b {
                    r.push_str(&s[p..ca]);
                    p = cb;
                }
            }
            r.push_str(&s[p..b]);
            raw = r;
            raw.as_str()
        };
        let mut phrase = String::with_capacity(span.len());
        squeeze_whitespace_into(span, &mut phrase);
        let trimmed = phrase.trim_matches(|c: char| c == ',' || c == ' ');
        if trimmed.len() != phrase.len() {
            phrase = trimmed.to_string();
        }
        if phrase.is_empty() {
            return;
        }
        push_charge(phrase, stage, cue_pos, a, b, out, covered);
    };
    // "Offense: X; Y; Z" label lines.
    if t.len() > 2
        && t[0].in_set(kws![
            "offense",
            "offenses",
            "charge",
            "charges",
            "conviction",
            "convictions",
            "crime",
            "crimes",
        ])
        && t[1].s == ":"
    {
        for seg in extract_list(t, 2, gaz, hits, cites, true) {
            emit(&seg, "convicted", sa, out, &mut covered);
        }
        return;
    }
    // A headline names offenses loosely ("Anti-Fraud Assaults"): there only
    // lexicon phrases count; the body says the rest.
    let headline = si == 0
        && !text.s[sa..sb]
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201d}']);
    let mut i = 0;
    let mut dismissed_clause = false;
    loop {
        i = next_cue_word(t, i);
        if i >= t.len() {
            break;
        }
        let Some((cue, after)) = cue_at(t, i) else {
            i += 1;
            continue;
        };
        let mut stage = cue.stage;
        if stage == "dismissed" {
            dismissed_clause = true;
        }
        let mut done = false;
        let mut k = after;
        let mut steps = 0;
        while k < t.len() && steps <= cue.reach {
            let y = &t[k];
            if y.s == "(" {
                // Asides do not count against the reach: "(Docket No. 1:21-cr-598)".
                while k < t.len() && t[k].s != ")" {
                    k += 1;
                }
                k += 1;
                continue;
            }
            let open_here = if cue.preps.is_empty() {
                k == after
            } else {
                cue.preps.contains(&y.kw)
            };
            if open_here {
                let first = if cue.preps.is_empty() { k } else { k + 1 };
                // Citation-only conviction: "of violations of section 371, title 18, ..."
                let mut obj = first;
                if t.get(obj)
                    .is_some_and(|z| z.in_set(kws!["violations", "violation", "violating"]))
                    && t.get(obj + 1).is_some_and(|z| z.is_kw(kw!("of")))
                {
                    obj += 2;
                } else if t.get(obj).is_some_and(|z| z.is_kw(kw!("violating"))) {
                    obj += 1;
                }
                let at = t.get(obj).map_or(sb, |z| z.start);
                let cited: Vec<&Cite> = {
                    let mut v = Vec::new();
                    let mut pos = at;
                    for c in cites_from(cites, at) {
                        let gap = &s[pos..c.start];
                        if gap
                            .trim_matches(|ch: char| ch == ',' || ch.is_whitespace())
                            .is_empty()
                            || gap.trim().trim_matches(',').trim() == "and"
                        {
                            v.push(c);
                            pos = c.end;
                        } else {
                            break;
                        }
                    }
                    v
                };
                if !cited.is_empty() {
                    for c in cited {
                        let cue_pos = t[i].start;
                        out.push(Charge {
                            charge: s[c.start..c.end]
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" "),
                            category: "other".into(),
                            statute: c.norm.clone(),
                            person: person_at(cue_pos),
                            stage: if stage == "citation" { "" } else { stage }.to_string(),
                            start: c.start,
                            end: c.end,
                        });
                        covered.push((c.start, c.end));
                        i = i.max(t.partition_point(|z| z.start < c.end));
                    }
                    done = true;
                    break;
                }
                // "violations of" names a charge only by its citation.
                if stage == "citation" {
                    break;
                }
                let segs = extract_list(t, first, gaz, hits, cites, false);
                // Sentencing cues often name the conduct, not the charge:
                // in a headline, or with a determiner ("for the 2019
                // carjacking and murder of ..."), only lexicon phrases count.
                let sentencing_cue = t[i].in_set(kws![
                    "sentenced",
                    "received",
                    "receives",
                    "receiving",
                    "given",
                    "serving",
                    "penalty",
                    "penalties",
                    "sentence",
                    "sentences",
                    "wanted",
                ]);
                let det_start = t.get(first).is_some_and(|z| {
                    z.in_set(kws!["the", "a", "an", "his", "her", "their", "its"])
                        || (z.kind == TokKind::Num && z.s.len() == 4)
                });
                let weak = t[i].is_kw(kw!("admitted"))
                    || (sentencing_cue && det_start)
                    || headline
                    || t[first..t.len().min(first + 4)].iter().any(|z| {
                        z.in_set(kws![
                            "role",
                            "participating",
                            "involvement",
                            "participation"
                        ])
                    });
                let segs: Vec<Seg> = segs
                    .into_iter()
                    .filter(|g| !is_generic(t, g.a, g.b, hits))
                    .filter(|g| {
                        // "admitted to X" names a charge only as a count or a
                        // whole lexicon phrase.
                        let short_plain = g.b - g.a <= 3
                            && !t[g.a..g.b]
                                .iter()
                                .any(|z| z.in_set(kws!["of", "to", "with"]));
                        !weak
                            || skip_counts(t, first) > first
                            || (!headline && t[g.a..g.b].iter().any(|z| z.is_kw(kw!("conspiracy"))))
                            || (det_start && !headline && sentencing_cue && short_plain)
                            || is_lexicon_phrase(gaz, &s[t[g.a].start..t[g.b - 1].end])
                    })
                    .collect();
                if !segs.is_empty() {
                    if dismissed_clause {
                        stage = "dismissed";
                    }
                    let last_b = segs.last().map_or(k, |g| g.b);
                    // "charges of X were dismissed"
                    let tail_dismissed = t[last_b..t.len().min(last_b + 4)]
                        .iter()
                        .any(|z| z.in_set(kws!["dismissed", "dropped"]));
                    for g in &segs {
                        emit(
                            g,
                            if tail_dismissed { "dismissed" } else { stage },
                            t[i].start,
                            out,
                            &mut covered,
                        );
                    }
                    i = last_b;
                    done = true;
                    break;
                }
            }
            // Another cue, or a clause end, stops the search.
            if y.s == ";"
                || y.in_set(kws!["who", "which", "whom", "whose"])
                || (k > after && cue_at(t, k).is_some())
            {
                break;
            }
            k += 1;
            steps += 1;
        }
        if !done {
            i += 1;
        }
        i = i.max(after);
    }
    // Lexicon hits tied to a case without a cue: "his wire fraud conviction",
    // "the money laundering counts".
    for h in hits {
        if headline || covered.iter().any(|&(a, b)| h.start < b && a < h.end) {
            continue;
        }
        let after = &s[h.end..ceil_char(s, sb.min(h.end + 40))];
        // The next two words, without their punctuation, ASCII case aside.
        let mut nxt = after
            .split_whitespace()
            .map(|x| x.trim_matches(|c: char| !c.is_alphanumeric()));
        let w0 = nxt.next().unwrap_or_default();
        let is = |w: &str, ws: &[&str]| ws.iter().any(|x| w.eq_ignore_ascii_case(x));
        let conspiracy = w0.eq_ignore_ascii_case("conspiracy");
        let tied = is(
            w0,
            &[
                "conviction",
                "convictions",
                "charge",
                "charges",
                "count",
                "counts",
                "indictment",
            ],
        ) || (conspiracy
            && nxt
                .next()
                .is_some_and(|w1| is(w1, &["conviction", "charge", "charges", "count", "counts"])));
        if !tied {
            continue;
        }
        let before = &s.as_bytes()[floor_char(s, sa.max(h.start.saturating_sub(12)))..h.start];
        if before.windows(3).any(|w| w.eq_ignore_ascii_case(b"no ")) {
            continue;
        }
        // "The conspiracy count" after "conspiracy to possess ...": the same charge.
        let bare = &s[h.start..h.end];
        if !bare.contains(' ')
            && out.iter().any(|c| {
                c.charge.len() > bare.len()
                    && c.charge
                        .to_ascii_lowercase()
                        .contains(&bare.to_ascii_lowercase())
            })
        {
            continue;
        }
        let mut end = h.end;
        if conspiracy {
            end = h.end
                + after
                    .to_ascii_lowercase()
                    .find("conspiracy")
                    .map_or(0, |p| p + "conspiracy".len());
            covered.push((h.start, end));
        }
        let phrase = s[h.start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let stage = if w0
            .as_bytes()
            .get(..10)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"conviction"))
        {
            "convicted"
        } else {
            "charged"
        };
        let statute = cites_from(cites, end)
            .first()
            .filter(|c| c.start <= end + 40)
            .map_or_else(String::new, |c| c.norm.clone());
        out.push(Charge {
            category: category(&phrase, gaz, hits, h.start, end),
            charge: phrase,
            statute,
            person: person_at(h.start),
            stage: stage.into(),
            start: h.start,
            end,
        });
    }
}

/// The words of `s` (as `split_whitespace`) joined by single spaces,
/// appended to `out`; ASCII text is squeezed byte by byte.
fn squeeze_whitespace_into(s: &str, out: &mut String) {
    if !s.is_ascii() {
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        return;
    }
    // ASCII whitespace as `char::is_whitespace` has it (with U+000B).
    let ws = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while b.get(i).is_some_and(|&c| ws(c)) {
            i += 1;
        }
        let st = i;
        while b.get(i).is_some_and(|&c| !ws(c)) {
            i += 1;
        }
        if i > st {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[st..i]);
        }
    }
}

/// The nearest char boundary at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i`.
fn ceil_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Each byte ASCII-folded when it is an ASCII letter or digit; 0 for any
/// other byte.
const ALNUM_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = b.to_ascii_lowercase();
        }
        c += 1;
    }
    t
};

/// The lower-case alphanumeric words of `s`, each followed by one space,
/// appended to `out` (as UTF-8); the end of each word in `out` is pushed to
/// `ends`.
fn fold_words_into(s: &str, out: &mut Vec<u8>, ends: &mut Vec<usize>) {
    if s.is_ascii() {
        // Written into room made first: at most one byte more than `s`.
        let from = out.len();
        out.resize(from + s.len() + 1, 0);
        let Some(dst) = out.get_mut(from..) else {
            return;
        };
        let mut w = 0;
        let mut in_word = false;
        for &c in s.as_bytes() {
            let f = ALNUM_LOWER[usize::from(c)];
            if f != 0 {
                dst[w] = f;
                w += 1;
                in_word = true;
            } else if in_word {
                ends.push(from + w);
                dst[w] = b' ';
                w += 1;
                in_word = false;
            }
        }
        if in_word {
            ends.push(from + w);
            dst[w] = b' ';
            w += 1;
        }
        out.truncate(from + w);
        return;
    }
    for w in s
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.extend_from_slice(w.as_bytes());
        ends.push(out.len());
        out.push(b' ');
    }
}

/// False when two stem lists of `a` and `b` stems cannot have a Dice
/// coefficient of 0.75: not even with every stem of the shorter one shared.
/// (`2m / (a + b) >= 3/4` in integers: exact, where the floating-point
/// quotient of such small counts is never rounded across 0.75.)
fn may_reach_dice(a: usize, b: usize) -> bool {
    a > 0 && b > 0 && 8 * a.min(b) >= 3 * (a + b)
}

/// A stem (the first five chars of a folded word) as a number: an ASCII
/// stem's bytes (no byte of a folded word is 0, so distinct stems give
/// distinct numbers); any other stem, its number in `wide` with the top
/// bit set.
#[inline]
fn stem_id<'a>(word: &'a [u8], wide: &mut Option<rustc_hash::FxHashMap<&'a [u8], u64>>) -> u64 {
    let n = word.len().min(5);
    let head = word.get(..n).unwrap_or_default();
    if head.is_ascii() {
        return head.iter().rev().fold(0u64, |v, &c| v << 8 | u64::from(c));
    }
    wide_stem_id(word, wide)
}

/// [`stem_id`] of a word whose first five bytes are not all ASCII.
#[inline(never)]
fn wide_stem_id<'a>(
    word: &'a [u8],
    wide: &mut Option<rustc_hash::FxHashMap<&'a [u8], u64>>,
) -> u64 {
    // Five chars, as `char_indices` counts them (the bytes are UTF-8).
    let stem = match std::str::from_utf8(word) {
        Ok(w) => &word[..w.char_indices().nth(5).map_or(w.len(), |(i, _)| i)],
        Err(_) => word,
    };
    let map = wide.get_or_insert_with(Default::default);
    let next = map.len() as u64 | 1 << 63;
    *map.entry(stem).or_insert(next)
}

/// [`stem_id`] of a stem of five ASCII letters.
const fn stem5(w: &[u8; 5]) -> u64 {
    let mut v = 0u64;
    let mut k = 5;
    while k > 0 {
        k -= 1;
        v = v << 8 | w[k] as u64;
    }
    v
}

/// Stems that make an offense a different one ("conspiracy to possess" is
/// not "possession"), one bit each: two sorted, distinct stem lists have
/// the same modifiers when their masks agree.
fn modifier_bits(st: &[u64]) -> u8 {
    const CONSP: u64 = stem5(b"consp");
    const ATTEM: u64 = stem5(b"attem");
    const AIDIN: u64 = stem5(b"aidin");
    const ABETT: u64 = stem5(b"abett");
    const SOLIC: u64 = stem5(b"solic");
    st.iter().fold(0, |m, &x| {
        m | match x {
            CONSP => 1,
            ATTEM => 2,
            AIDIN => 4,
            ABETT => 8,
            SOLIC => 16,
            _ => 0,
        }
    })
}

/// Is the Dice coefficient of two sorted, distinct stem lists 0.75 or more?
/// (`2c / (a + b) >= 3/4` in integers, as in [`may_reach_dice`].)
fn dice_reaches(a: &[u64], b: &[u64]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    // One merge pass counts the common stems.
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    8 * common >= 3 * (a.len() + b.len())
}

/// What one distinct wording (its folded words) holds, for [`dedup`].
#[derive(Clone, Copy, Default)]
struct Wording {
    /// Its span in the folded bytes.
    key: (usize, usize),
    /// Its words' run of the word ends.
    ends: (usize, usize),
    /// Its lowest row.
    first_row: usize,
    /// Its words.
    words: usize,
    /// Its last word's span in the folded bytes (empty for no word).
    last: (usize, usize),
    /// One of its words is "of", "to", "with" or "for".
    linked: bool,
    /// Its run of the stem list.
    stems: (usize, usize),
    /// [`modifier_bits`] of its stems.
    mods: u8,
    /// Its run of the (wording, sentence) list.
    occ: (usize, usize),
}

/// The buffers of [`dedup`], kept from one document to the next.
#[derive(Default)]
struct DedupBufs {
    /// (start, end, no stage, index) of each row.
    order: Vec<(usize, usize, usize, usize)>,
    /// The rows kept by span, by index, in order.
    rows: Vec<usize>,
    /// The folded wordings of the rows, one after the other.
    bytes: Vec<u8>,
    /// Each row's span of `bytes`.
    spans: Vec<(usize, usize)>,
    /// The end of each word in `bytes`.
    ends: Vec<usize>,
    /// Each row's run of `ends`.
    row_ends: Vec<(usize, usize)>,
    /// (hash of the wording, row), grouped by wording.
    by_hash: Vec<(u64, usize)>,
    /// Each row's wording.
    row_word: Vec<usize>,
    /// The distinct wordings.
    wordings: Vec<Wording>,
    /// (wording, sentence) of each row: sorted, the sentences where each
    /// wording occurs.
    occ: Vec<(usize, usize)>,
    /// The stems of all wordings, a sorted, distinct run each.
    stems: Vec<u64>,
    /// The last words a bare word may head: spans of `bytes`.
    heads: Vec<(usize, usize)>,
    /// Each row is kept.
    keep: Vec<bool>,
    /// The best rank of each wording's near-identical ones, once known.
    near: Vec<Option<Option<DedupRank>>>,
}

/// A wording's stems and words, then its row reversed: what [`dedup`]
/// ranks near-identical wordings by.
type DedupRank = (usize, usize, std::cmp::Reverse<usize>);

thread_local! {
    /// [`dedup`]'s buffers, reused by the thread's documents.
    static DEDUP_BUFS: std::cell::RefCell<DedupBufs> = std::cell::RefCell::new(DedupBufs::default());
}

/// Document-level cleanup:
/// - a bare offense word that heads another charge of the document
///   ("fraud" beside "loan application fraud", "murder" beside
///   "second-degree murder") is dropped, but not one that is only an object
///   ("torture" beside "conspiracy to torture") nor a bare "conspiracy";
/// - of two near-identical wordings ("Civil Rights Violation", "violating
///   the civil rights of an arrestee") the fuller one is kept.
///
/// The rows are sorted and read by index (they move once, at the end), in
/// buffers kept by the thread.
fn dedup(text: &Text, out: &mut Vec<Charge>) {
    DEDUP_BUFS.with_borrow_mut(|b| dedup_with(text, out, b));
}

/// [`dedup`] with its buffers.
fn dedup_with(text: &Text, out: &mut Vec<Charge>, b: &mut DedupBufs) {
    // One row per span: the one with a stage wins (the index last makes the
    // sort stable).
    b.order.clear();
    b.order.extend(
        out.iter()
            .enumerate()
            .map(|(i, c)| (c.start, c.end, usize::from(c.stage.is_empty()), i)),
    );
    b.order.sort_unstable();
    b.rows.clear();
    let mut last_span = None;
    for &(s, e, _, i) in &b.order {
        if last_span != Some((s, e)) {
            b.rows.push(i);
            last_span = Some((s, e));
        }
    }
    let rows = b.rows.len();
    b.keep.clear();
    b.keep.resize(rows, true);
    // A single row has nothing to be compared with.
    if rows >= 2 {
        mark_duplicates(text, out, b);
    }
    // The kept rows, in order (nothing moves when that is all of them, as
    // they were).
    let kept = b.keep.iter().filter(|&&k| k).count();
    if kept == out.len() && b.rows.iter().enumerate().all(|(k, &i)| k == i) {
        return;
    }
    let mut old = std::mem::take(out);
    out.reserve_exact(kept);
    for (&i, &k) in b.rows.iter().zip(&b.keep) {
        if let (true, Some(c)) = (k, old.get_mut(i)) {
            out.push(std::mem::take(c));
        }
    }

    /// Set `keep` false for the rows (`rows`, distinct spans in order) that
    /// the cleanup drops.
    fn mark_duplicates(text: &Text, out: &[Charge], b: &mut DedupBufs) {
        let rows = b.rows.len();
        // Work on distinct wordings (a document repeats a charge many
        // times), so the pairwise tests cost wordings x wordings, not rows x
        // rows. A wording is its folded words, each followed by a space; all
        // of them go into one buffer.
        b.bytes.clear();
        b.spans.clear();
        b.ends.clear();
        b.row_ends.clear();
        for &i in &b.rows {
            let (st, e0) = (b.bytes.len(), b.ends.len());
            if let Some(c) = out.get(i) {
                fold_words_into(&c.charge, &mut b.bytes, &mut b.ends);
            }
            b.spans.push((st, b.bytes.len()));
            b.row_ends.push((e0, b.ends.len()));
        }
        let bytes = b.bytes.as_slice();
        let key = |(x, y): (usize, usize)| bytes.get(x..y).unwrap_or_default();
        // Rows grouped by wording: by hash, then by the words themselves
        // (so that equal hashes of different wordings stay apart), then by
        // row.
        b.by_hash.clear();
        b.by_hash.extend(b.spans.iter().enumerate().map(|(i, &sp)| {
            (
                std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, key(sp)),
                i,
            )
        }));
        let spans = b.spans.as_slice();
        b.by_hash.sort_unstable_by(|x, y| {
            x.0.cmp(&y.0)
                .then_with(|| key(spans[x.1]).cmp(key(spans[y.1])))
                .then(x.1.cmp(&y.1))
        });
        b.row_word.clear();
        b.row_word.resize(rows, 0);
        b.wordings.clear();
        let mut prev: Option<(u64, usize)> = None;
        for &(h, i) in &b.by_hash {
            let same = prev.is_some_and(|(ph, pi)| ph == h && key(spans[pi]) == key(spans[i]));
            if !same {
                b.wordings.push(Wording {
                    key: spans[i],
                    ends: b.row_ends[i],
                    first_row: i,
                    ..Wording::default()
                });
            }
            b.row_word[i] = b.wordings.len() - 1;
            prev = Some((h, i));
        }
        let n = b.wordings.len();
        // (wording, sentence) of each row. Rows are in start order: the
        // sentence walk goes on.
        b.occ.clear();
        let mut si = 0;
        for (&i, &u) in b.rows.iter().zip(&b.row_word) {
            si = text.sentence_from(si, out.get(i).map_or(0, |c| c.start));
            b.occ.push((u, si));
        }
        b.occ.sort_unstable();
        b.occ.dedup();
        let mut p = 0;
        while let Some(&(u, _)) = b.occ.get(p) {
            let e = p + b.occ[p..].partition_point(|o| o.0 == u);
            b.wordings[u].occ = (p, e);
            p = e;
        }
        // Each wording's words (each followed by a space) and its stems.
        b.stems.clear();
        b.heads.clear();
        let mut wide = None;
        for w in b.wordings.iter_mut() {
            let s0 = b.stems.len();
            let mut st = w.key.0;
            for &e in b.ends.get(w.ends.0..w.ends.1).unwrap_or_default() {
                let word = key((st, e));
                w.words += 1;
                w.last = (st, e);
                w.linked |= matches!(word, b"of" | b"to" | b"with" | b"for");
                if !matches!(
                    word,
                    b"of"
                        | b"to"
                        | b"the"
                        | b"a"
                        | b"an"
                        | b"and"
                        | b"in"
                        | b"with"
                        | b"for"
                        | b"on"
                        | b"by"
                        | b"or"
                ) {
                    b.stems.push(stem_id(word, &mut wide));
                }
                st = e + 1;
            }
            let new = &mut b.stems[s0..];
            new.sort_unstable();
            // Distinct, in place.
            let mut kept = s0;
            for r in s0..b.stems.len() {
                if r == s0 || b.stems[r] != b.stems[kept - 1] {
                    b.stems[kept] = b.stems[r];
                    kept += 1;
                }
            }
            b.stems.truncate(kept);
            w.stems = (s0, kept);
            w.mods = modifier_bits(&b.stems[s0..kept]);
            // The last words of the wordings that a bare word may head: of
            // more than one word, none of them "of", "to", "with" or "for".
            if w.words > 1 && !w.linked {
                b.heads.push(w.last);
            }
        }
        b.heads.sort_unstable_by(|&p, &q| key(p).cmp(key(q)));
        let (ws, occ, stems) = (&b.wordings, &b.occ, &b.stems);
        let st = |u: usize| &stems[ws[u].stems.0..ws[u].stems.1];
        // Two wordings in one sentence are two charges of one list
        // ("first-degree assault, first-degree gang assault").
        let colisted = |a: usize, c: usize| {
            let (x, y) = (
                &occ[ws[a].occ.0..ws[a].occ.1],
                &occ[ws[c].occ.0..ws[c].occ.1],
            );
            let (mut i, mut j) = (0, 0);
            while i < x.len() && j < y.len() {
                match x[i].1.cmp(&y[j].1) {
                    std::cmp::Ordering::Equal => return true,
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                }
            }
            false
        };
        // Hostile input with thousands of distinct wordings: skip the fuzzy
        // merge rather than go quadratic.
        let fuzzy_ok = n <= 2000;
        // What a row's wording is ranked by against a near-identical one:
        // the longer wording wins; on a tie, the earlier row.
        let rank = |u: usize, row: usize| -> DedupRank {
            (st(u).len(), ws[u].words, std::cmp::Reverse(row))
        };
        // The highest rank of the near-identical wordings of each wording (a
        // row goes when it is above the row's own), found once per wording
        // (not once per row).
        let best_similar = |u: usize| -> Option<DedupRank> {
            (0..n)
                .filter(|&v| {
                    // Cheapest tests first: the lengths alone may rule out
                    // the Dice bound (no more stems in common than the
                    // fewer).
                    v != u
                        && may_reach_dice(st(u).len(), st(v).len())
                        && ws[u].mods == ws[v].mods
                        && !colisted(u, v)
                        && dice_reaches(st(u), st(v))
                })
                .map(|v| rank(v, ws[v].first_row))
                .max()
        };
        // A bare word that heads another wording ("fraud"), not "conspiracy".
        let headed = |u: usize| {
            let w = &ws[u];
            w.words == 1 && key(w.last) != b"conspiracy" && {
                let word = key(w.last);
                b.heads.binary_search_by(|&h| key(h).cmp(word)).is_ok()
            }
        };
        b.near.clear();
        b.near.resize(n, None);
        for (i, (&u, keep)) in b.row_word.iter().zip(b.keep.iter_mut()).enumerate() {
            let headed = headed(u);
            let fuzzy = !headed
                && fuzzy_ok
                && b.near[u]
                    .get_or_insert_with(|| best_similar(u))
                    .is_some_and(|r| r > rank(u, i));
            *keep = !headed && !fuzzy;
        }
    }
}

/// The lower-case alphanumeric words of `s`, each followed by one space,
/// appended to `out` (as UTF-8).
#[cfg(test)]
fn fold_words_plain(s: &str, out: &mut Vec<u8>) {
    if s.is_ascii() {
        let mut in_word = false;
        for &c in s.as_bytes() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                in_word = true;
            } else if in_word {
                out.push(b' ');
                in_word = false;
            }
        }
        if in_word {
            out.push(b' ');
        }
        return;
    }
    for w in s
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.extend_from_slice(w.as_bytes());
        out.push(b' ');
    }
}

/// Content-word stems (first 5 chars) of a phrase's words, sorted and
/// distinct, appended to `out`, for near-duplicate tests.
#[cfg(test)]
fn stems_into<'a>(words: &[&'a str], out: &mut Vec<&'a str>) {
    let from = out.len();
    out.extend(
        words
            .iter()
            .filter(|w| {
                !matches!(
                    **w,
                    "of" | "to"
                        | "the"
                        | "a"
                        | "an"
                        | "and"
                        | "in"
                        | "with"
                        | "for"
                        | "on"
                        | "by"
                        | "or"
                )
            })
            .map(|w| &w[..w.char_indices().nth(5).map_or(w.len(), |(i, _)| i)]),
    );
    let Some(new) = out.get_mut(from..) else {
        return;
    };
    new.sort_unstable();
    // Distinct, in place.
    let mut kept = from;
    for r in from..out.len() {
        if r == from || out[r] != out[kept - 1] {
            out[kept] = out[r];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Stems that make an offense a different one ("conspiracy to possess" is
/// not "possession"), one bit each: two sorted, distinct stem lists have
/// the same modifiers when their masks agree.
#[cfg(test)]
fn modifiers(st: &[&str]) -> u8 {
    st.iter().fold(0, |m, x| {
        m | match *x {
            "consp" => 1,
            "attem" => 2,
            "aidin" => 4,
            "abett" => 8,
            "solic" => 16,
            _ => 0,
        }
    })
}

/// Dice coefficient of two sorted, distinct stem lists.
#[cfg(test)]
fn dice(a: &[&str], b: &[&str]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // One merge pass counts the common stems.
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Document-level cleanup:
/// - a bare offense word that heads another charge of the document
///   ("fraud" beside "loan application fraud", "murder" beside
///   "second-degree murder") is dropped, but not one that is only an object
///   ("torture" beside "conspiracy to torture") nor a bare "conspiracy";
/// - of two near-identical wordings ("Civil Rights Violation", "violating
///   the civil rights of an arrestee") the fuller one is kept.
#[cfg(test)]
fn dedup_plain(text: &Text, out: &mut Vec<Charge>) {
    /// A wording's stems and words, then its row reversed (see `rank`).
    type Rank = (usize, usize, std::cmp::Reverse<usize>);
    // One row per span: the one with a stage wins.
    out.sort_by(|a, b| {
        (a.start, a.end, a.stage.is_empty()).cmp(&(b.start, b.end, b.stage.is_empty()))
    });
    out.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    // A single row has nothing to be compared with.
    if out.len() < 2 {
        return;
    }
    let rows = out.len();
    // Work on distinct wordings (a document repeats a charge many times), so
    // the pairwise tests cost wordings x wordings, not rows x rows. A
    // wording is its folded words, each followed by a space; all of them
    // go into one buffer.
    // A folded wording is at most one byte longer than its charge, unless
    // lower-casing lengthens a non-ASCII char.
    let mut bytes: Vec<u8> = Vec::with_capacity(out.iter().map(|c| c.charge.len() + 1).sum());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(rows);
    for c in out.iter() {
        let st = bytes.len();
        fold_words_plain(&c.charge, &mut bytes);
        spans.push((st, bytes.len()));
    }
    // Whole chars and ASCII spaces only went in: always UTF-8.
    let buf = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let mut ids: rustc_hash::FxHashMap<&str, usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(rows, Default::default());
    let mut keys: Vec<&str> = Vec::with_capacity(rows); // distinct wordings
    let mut first_row: Vec<usize> = Vec::with_capacity(rows); // lowest row index of each wording
    let mut row_word: Vec<usize> = Vec::with_capacity(rows);
    // (wording, sentence) of each row: sorted, the sentences where each
    // wording occurs. Rows are in start order: the sentence walk goes on.
    let mut occ: Vec<(usize, usize)> = Vec::with_capacity(rows);
    let mut si = 0;
    for (i, (c, &(x, y))) in out.iter().zip(&spans).enumerate() {
        let key = buf.get(x..y).unwrap_or_default();
        let u = *ids.entry(key).or_insert_with(|| {
            keys.push(key);
            first_row.push(i);
            keys.len() - 1
        });
        si = text.sentence_from(si, c.start);
        occ.push((u, si));
        row_word.push(u);
    }
    occ.sort_unstable();
    occ.dedup();
    let n = keys.len();
    // Each wording's run of `occ`.
    let mut occ_of: Vec<(usize, usize)> = vec![(0, 0); n];
    let mut p = 0;
    while let Some(&(u, _)) = occ.get(p) {
        let e = p + occ[p..].partition_point(|o| o.0 == u);
        occ_of[u] = (p, e);
        p = e;
    }
    // Each wording's words (as `split_terminator(' ')`, by bytes) and its
    // stems, as runs of two flat lists.
    let mut words: Vec<&str> = Vec::with_capacity(buf.len() / 4 + n);
    let mut words_of: Vec<(usize, usize)> = Vec::with_capacity(n);
    let mut stem_list: Vec<&str> = Vec::with_capacity(buf.len() / 4 + n);
    let mut stems_of: Vec<(usize, usize)> = Vec::with_capacity(n);
    let mut mods: Vec<u8> = Vec::with_capacity(n);
    for k in &keys {
        let from = words.len();
        let mut st = 0;
        for (i, &c) in k.as_bytes().iter().enumerate() {
            if c == b' ' {
                words.push(&k[st..i]);
                st = i + 1;
            }
        }
        if st < k.len() {
            words.push(&k[st..]);
        }
        words_of.push((from, words.len()));
        let s0 = stem_list.len();
        stems_into(&words[from..], &mut stem_list);
        stems_of.push((s0, stem_list.len()));
        mods.push(modifiers(&stem_list[s0..]));
    }
    let uw = |u: usize| &words[words_of[u].0..words_of[u].1];
    let st = |u: usize| &stem_list[stems_of[u].0..stems_of[u].1];
    // Two wordings in one sentence are two charges of one list
    // ("first-degree assault, first-degree gang assault").
    let colisted = |a: usize, b: usize| {
        let (x, y) = (
            &occ[occ_of[a].0..occ_of[a].1],
            &occ[occ_of[b].0..occ_of[b].1],
        );
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].1.cmp(&y[j].1) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        false
    };
    // The last words of the wordings that a bare word may head: of more
    // than one word, none of them "of", "to", "with" or "for".
    let mut heads: Vec<&str> = (0..n)
        .map(uw)
        .filter(|wj| {
            wj.len() > 1
                && !wj
                    .iter()
                    .any(|w| matches!(*w, "of" | "to" | "with" | "for"))
        })
        .filter_map(|wj| wj.last().copied())
        .collect();
    heads.sort_unstable();
    // Hostile input with thousands of distinct wordings: skip the fuzzy merge
    // rather than go quadratic.
    let fuzzy_ok = n <= 2000;
    // What a row's wording is ranked by against a near-identical one: the
    // longer wording wins; on a tie, the earlier row.
    let rank =
        |u: usize, row: usize| -> Rank { (st(u).len(), uw(u).len(), std::cmp::Reverse(row)) };
    // The highest rank of the near-identical wordings of each wording (a row
    // goes when it is above the row's own), found once per wording (not
    // once per row).
    let best_similar = |u: usize| -> Option<Rank> {
        (0..n)
            .filter(|&v| {
                // Cheapest tests first: the lengths alone may rule out the
                // Dice bound (no more stems in common than the fewer).
                v != u
                    && may_reach_dice(st(u).len(), st(v).len())
                    && mods[u] == mods[v]
                    && !colisted(u, v)
                    && dice(st(u), st(v)) >= 0.75
            })
            .map(|v| rank(v, first_row[v]))
            .max()
    };
    let mut near: Vec<Option<Option<Rank>>> = vec![None; n];
    let mut keep: Vec<bool> = Vec::with_capacity(rows);
    for (i, &u) in row_word.iter().enumerate() {
        let wi = uw(u);
        let headed = wi.len() == 1 && wi[0] != "conspiracy" && heads.binary_search(&wi[0]).is_ok();
        let fuzzy = !headed
            && fuzzy_ok
            && near[u]
                .get_or_insert_with(|| best_similar(u))
                .is_some_and(|b| b > rank(u, i));
        keep.push(!headed && !fuzzy);
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    out.sort_by_key(|c| c.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The category rules as first written: the lower-cased phrase, each
    /// category's pieces in turn (the oracle of [`category_from_words`]).
    fn category_plain(phrase: &str) -> &'static str {
        let l = phrase.to_ascii_lowercase();
        CATEGORY_PIECES
            .iter()
            .find(|(_, ws)| ws.iter().any(|w| l.contains(w)))
            .map_or("other", |c| c.0)
    }

    /// The one-pass category agrees with the plain one on every phrase of
    /// the corpus's sentences (each run of up to eight words).
    #[test]
    fn category_pass_agrees_with_plain() {
        for s in crate::corpus_texts() {
            let ws: Vec<&str> = s.split_whitespace().collect();
            for i in 0..ws.len() {
                let p = ws[i..ws.len().min(i + 8)].join(" ");
                assert_eq!(category_from_words(p.as_bytes()), category_plain(&p), "{p}");
            }
        }
        for p in [
            "",
            "Sex Trafficking",
            "SEX ",
            "re-entry",
            "FORGERY and Theft",
            "guné",
            "t\u{e9}ax",
        ] {
            assert_eq!(category_from_words(p.as_bytes()), category_plain(p), "{p}");
        }
    }

    proptest::proptest! {
        /// The squeeze of whitespace agrees with `split_whitespace` joined.
        #[test]
        fn squeeze_agrees_with_split_whitespace(s in "[a-c \t\n\x0b\x0c\r,\u{a0}\u{2009}\u{e9}]{0,24}") {
            let mut out = String::new();
            squeeze_whitespace_into(&s, &mut out);
            proptest::prop_assert_eq!(out, s.split_whitespace().collect::<Vec<_>>().join(" "));
        }

        /// The category of random phrases of pieces and letters.
        #[test]
        fn category_pass_agrees_on_random_text(s in "([a-z -]{0,3}(gun|drug|tax|sex |rape|hack|forg|theft|alien|crack|BRIB|Fraud)){0,4}[a-z ]{0,3}") {
            proptest::prop_assert_eq!(category_from_words(s.as_bytes()), category_plain(&s));
        }
    }

    /// The keyword filter of [`cue_at`] gives what the old byte tests
    /// (length, first letter) before [`cue_word_at`] gave, on every token
    /// of the corpus.
    #[test]
    fn head_and_stop_ids_agree_with_word_sets() {
        let (heads, stops) = (WordSet::new(HEADS), WordSet::new(STOPS));
        let mut n = 0;
        for s in crate::corpus_texts() {
            let s = s + " MURDER Frauds éfraud Acting acting TODAY Monday";
            for t in numbers::tokenize(&s, 0) {
                let word = t.kind == TokKind::Word;
                let head = word && heads.has(&t) && !t.is("acting");
                assert_eq!(is_head(&t), head, "{:?}", t.s);
                assert_eq!(t.in_set(&STOP_IDS), word && stops.has(&t), "{:?}", t.s);
                n += usize::from(head);
            }
        }
        assert!(n > 20, "{n}");
    }

    #[test]
    fn cue_filter_agrees_with_byte_tests() {
        let first: [bool; 256] = super::super::first_letters(b"pgcaiwsrodv");
        let by_bytes = |t: &[Tok], i: usize| {
            let x = &t[i];
            if x.kind != TokKind::Word
                || x.s.len() < 4
                || x.s.len() > 12
                || !first[usize::from(x.s.as_bytes()[0])]
            {
                return None;
            }
            cue_word_at(t, i)
        };
        let mut n = 0;
        for s in crate::corpus_texts() {
            let s = s + " PLEADED Guilty CHARGES him Sentenced given Dropped crimes of";
            let t = numbers::tokenize(&s, 0);
            for i in 0..t.len() {
                let a = cue_at(&t, i).map(|(c, k)| (c.stage, c.preps, c.reach, k));
                let b = by_bytes(&t, i).map(|(c, k)| (c.stage, c.preps, c.reach, k));
                assert_eq!(a, b, "{:?}", t[i].s);
                n += usize::from(a.is_some());
            }
        }
        assert!(n > 50, "{n}");
    }

    /// The runs of ASCII letters of `b`, by a plain byte scan.
    fn plain_runs(b: &[u8]) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        let mut st = None;
        for (i, c) in b.iter().chain([&b' ']).enumerate() {
            match (c.is_ascii_alphabetic(), st) {
                (true, None) => st = Some(i),
                (false, Some(a)) => {
                    v.push((a, i));
                    st = None;
                }
                _ => {}
            }
        }
        v
    }

    /// [`may_name_offense`] as it was: each run of ASCII letters looked up
    /// in a hash set of [`HEADS`].
    fn may_name_offense_plain(s: &str) -> bool {
        let heads = WordSet::new(HEADS);
        plain_runs(s.as_bytes()).into_iter().any(|(a, e)| {
            let run = &s.as_bytes()[a..e];
            (run.len() >= 4 && run[..4].eq_ignore_ascii_case(b"code")) || heads.has_bytes(run)
        }) || usc_literal(s)
    }

    /// Every run that `any_letter_run` hands out, against the byte scan.
    fn check_runs(s: &str) {
        let b = s.as_bytes();
        let mut got = Vec::new();
        assert!(!any_letter_run(b, |a, e| {
            got.push((a, e));
            false
        }));
        assert_eq!(got, plain_runs(b), "{s:?}");
        assert_eq!(may_name_offense(s), may_name_offense_plain(s), "{s:?}");
    }

    /// The eight-byte letter-run scan and the offense prefilter agree with
    /// byte scans on the corpus's sentences and on near misses.
    #[test]
    fn letter_runs_agree_with_byte_scan() {
        for s in crate::corpus_texts() {
            let text = Text::new(&s);
            for si in 0..text.sentences.len() {
                let (a, b) = text.sentence(si);
                let sent = &s[a..b];
                check_runs(sent);
                if sent.is_ascii() {
                    let t = numbers::tokenize(sent, a);
                    assert_eq!(may_name_offense_tokens(sent, &t), may_name_offense(sent));
                }
            }
        }
        for s in [
            "",
            "a",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "Fraud",
            "xfraud",
            "fraud.",
            "12345678fraud",
            "1234567fraud",
            "12345678FRAUDS",
            "codex",
            "Code",
            "cod",
            "\u{e9} fraud \u{e9}",
            "frauds\u{2019}",
        ] {
            check_runs(s);
        }
    }

    /// [`UscIndex::within`] against [`usc_literal`] on every span of `s`
    /// between char boundaries.
    fn check_usc(s: &str) {
        let idx = UscIndex::new(s);
        let ends: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        for (k, &a) in ends.iter().enumerate() {
            for &b in &ends[k..] {
                assert_eq!(idx.within(a, b), usc_literal(&s[a..b]), "{a} {b} {s:?}");
            }
        }
    }

    /// The index of the "U", "S", "C" test agrees with the sentence scan on
    /// the corpus's sentences and on near misses.
    #[test]
    fn usc_index_agrees_with_scan() {
        for s in crate::corpus_texts() {
            let text = Text::new(&s);
            let idx = UscIndex::new(&s);
            for si in 0..text.sentences.len() {
                let (a, b) = text.sentence(si);
                assert_eq!(idx.within(a, b), usc_literal(&s[a..b]), "{:?}", &s[a..b]);
            }
        }
        for s in [
            "18 U.S.C. 1343",
            "U.S. C",
            "U S  C",
            "USSSSSC",
            "UxxxxS C",
            "U SxxxxC",
            "UUS.C.S. U.S.\u{a0}C",
            "U.\u{2009}S.\u{2009}C.",
            "US",
            "UC",
        ] {
            check_usc(s);
        }
    }

    proptest::proptest! {
        /// The "U", "S", "C" index on random strings of those letters,
        /// others, spaces and non-ASCII chars.
        #[test]
        fn usc_index_agrees_on_random_text(s in "[USCusc. x\u{a0}\u{e9}]{0,24}") {
            check_usc(&s);
        }

        /// The same on random strings of letters, digits, punctuation and
        /// non-ASCII chars.
        #[test]
        fn letter_runs_agree_on_random_text(s in "[a-zA-Z0-9 .,\u{e9}\u{2019}\u{2014}-]{0,40}") {
            check_runs(&s);
        }

        /// The token form agrees on random ASCII text with keywords.
        #[test]
        fn offense_tokens_agree_on_random_text(ws in proptest::collection::vec(0..HEADS.len() + 4, 0..8), sep in "[ a-z0-9.,-]{1,3}") {
            let s: Vec<&str> = ws.iter().map(|&k| HEADS.get(k).copied().unwrap_or_else(|| ["codes", "Code", "U.S.C", "fraudster"][k - HEADS.len()])).collect();
            let s = s.join(&sep);
            let t = numbers::tokenize(&s, 0);
            assert_eq!(may_name_offense_tokens(&s, &t), may_name_offense(&s), "{:?}", s);
        }
    }

    /// The cleanup over reused buffers keeps what the plain one kept, on
    /// each corpus document's charges before cleanup, on all of them at
    /// once in a scrambled order with repeats, and on short mixes.
    #[test]
    fn dedup_agrees_with_plain() {
        let gaz = Gazetteers::builtin().unwrap();
        let mut all: Vec<Charge> = Vec::new();
        let texts: Vec<String> = crate::corpus_texts();
        let mut dropped = 0;
        for s in &texts {
            let text = Text::new(s);
            let ents = Entities::recognize(&text, &gaz, None);
            let mut f = Finder::new(&text, &gaz, gaz.list_hits(text.s, &text.words).offenses);
            let mut t: Vec<Tok> = Vec::new();
            for si in 0..text.sentences.len() {
                if f.wants(si) {
                    let (a, b) = text.sentence(si);
                    numbers::tokenize_into(&text.s[a..b], a, &mut t);
                    f.sentence(&ents, si, &t);
                }
            }
            let raw = f.out.clone();
            let (mut x, mut y) = (raw.clone(), raw.clone());
            dedup(&text, &mut x);
            dedup_plain(&text, &mut y);
            assert_eq!(x, y);
            dropped += raw.len() - x.len();
            all.extend(raw);
        }
        assert!(dropped > 0);
        // Every row of the corpus against one text (sentences as they fall),
        // scrambled, some twice and some without a stage.
        let text = Text::new(&texts[0]);
        let mut mix: Vec<Charge> = Vec::new();
        let mut r: u64 = 0x9e37_79b9_7f4a_7c15;
        for c in &all {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            let mut c = c.clone();
            if r.is_multiple_of(5) {
                c.stage.clear();
            }
            if r.is_multiple_of(3) {
                mix.push(c.clone());
            }
            let at = (r >> 8) as usize % (mix.len() + 1);
            mix.insert(at, c);
        }
        for len in [0, 1, 2, 3, 5, 8, 13, 40, mix.len()] {
            for from in (0..=mix.len().saturating_sub(len)).step_by(len.max(1) * 7 + 1) {
                let part = mix[from..from + len].to_vec();
                let (mut x, mut y) = (part.clone(), part);
                dedup(&text, &mut x);
                dedup_plain(&text, &mut y);
                assert_eq!(x, y, "{len} {from}");
                dropped += len - x.len();
            }
        }
        assert!(dropped > 20, "{dropped}");
        // Non-ASCII wordings and stems.
        let mk = |w: &str, start: usize| Charge {
            charge: w.to_string(),
            stage: "charged".into(),
            start,
            end: start + 3,
            ..Charge::default()
        };
        let words = [
            "fraude bancaire",
            "Fraude",
            "ÉVASION fiscale",
            "évasion fiscale aggravée",
            "évasion",
            "conspiración para",
            "wire fraud",
            "fraud",
            "ÉÉÉÉÉÉ fraud",
            "éééééé fraud",
            "",
            "--",
        ];
        let v: Vec<Charge> = words
            .iter()
            .enumerate()
            .map(|(i, w)| mk(w, i * 7))
            .collect();
        let (mut x, mut y) = (v.clone(), v);
        dedup(&text, &mut x);
        dedup_plain(&text, &mut y);
        assert_eq!(x, y);
    }

    /// The lexicon test on the stack against the plain one, on runs of up
    /// to five words of the corpus (with the lexicon's phrases among them)
    /// and odd spacing.
    #[test]
    fn lexicon_phrase_agrees_with_plain() {
        let gaz = Gazetteers::builtin().unwrap();
        let mut hits = 0;
        let mut check = |p: &str| {
            let a = is_lexicon_phrase(&gaz, p);
            assert_eq!(a, is_lexicon_phrase_plain(&gaz, p), "{p:?}");
            hits += usize::from(a);
        };
        for s in crate::corpus_texts() {
            let ws: Vec<&str> = s.split_whitespace().collect();
            for i in 0..ws.len() {
                for k in 1..=5 {
                    if let Some(w) = ws.get(i..i + k) {
                        check(&w.join(" "));
                        check(&w.join(" \t\n "));
                    }
                }
            }
        }
        for p in [
            "",
            " ",
            "s",
            "Wire  Fraud",
            "wire frauds",
            "WIRE FRAUDS",
            "wire fraudS",
            " murders ",
            "murder\u{a0}for hire",
            "café fraud",
        ] {
            check(p);
        }
        check(&"fraud ".repeat(20));
        assert!(hits > 100, "{hits}");
    }

    /// The integer Dice bounds against the floating-point ones.
    #[test]
    fn dice_bounds_agree_with_float() {
        for a in 0..60usize {
            for b in 0..60usize {
                let f = a > 0 && b > 0 && 2.0 * a.min(b) as f64 / (a + b) as f64 >= 0.75;
                assert_eq!(may_reach_dice(a, b), f, "{a} {b}");
                for c in 0..=a.min(b) {
                    let x: Vec<u64> = (0..a as u64).collect();
                    let y: Vec<u64> = (a as u64 - c as u64..(a + b - c) as u64).collect();
                    let f = a > 0 && b > 0 && 2.0 * c as f64 / (a + b) as f64 >= 0.75;
                    assert_eq!(dice_reaches(&x, &y), f, "{a} {b} {c}");
                }
            }
        }
    }

    /// The folded words and their ends against the plain fold.
    #[test]
    fn fold_agrees_with_plain() {
        for s in crate::corpus_texts() {
            for piece in s.split_inclusive(['.', '\n']).take(400) {
                let (mut x, mut y, mut ends) = (Vec::new(), Vec::new(), Vec::new());
                fold_words_into(piece, &mut x, &mut ends);
                fold_words_plain(piece, &mut y);
                assert_eq!(x, y);
                let spaces: Vec<usize> = (0..x.len()).filter(|&i| x[i] == b' ').collect();
                assert_eq!(ends, spaces);
            }
        }
    }

    /// The walk over the lexicon hits answers as the search does, sentence
    /// by sentence of the corpus.
    #[test]
    fn hit_walk_agrees_with_search() {
        let gaz = Gazetteers::builtin().unwrap();
        for s in crate::corpus_texts() {
            let text = Text::new(&s);
            let f = Finder::new(&text, &gaz, gaz.list_hits(text.s, &text.words).offenses);
            let mut lo = 0;
            for si in 0..text.sentences.len() {
                assert_eq!(f.has_hits_from(&mut lo, si), f.has_hits(si));
            }
        }
    }

    /// The prefilter passes every sentence whose tokens hold an offense word
    /// or may hold a citation.
    #[test]
    fn prefilter_keeps_offense_words() {
        for w in HEADS.iter().chain(STOPS) {
            assert!(w.len() <= 15 && w.bytes().all(|c| c.is_ascii_lowercase()));
        }
        for s in [
            "He was charged with FRAUD.",
            "murder-for-hire",
            "18 U.S.C. 1343",
            "Title 18, United States\nCode, Section 922",
            "2fraud and x_fraud",
            "\u{2018}Fraud\u{2019} café",
            "the ABUSE",
            "acting as an agent",
        ] {
            let t = numbers::tokenize(s, 0);
            let (usc, code) = statute_literals(s, &t);
            let want = (0..t.len()).any(|i| is_head_at(&t, i)) || usc || code;
            assert!(want && may_name_offense(s), "{s}");
        }
        assert!(!may_name_offense(
            "He was sentenced to five years in prison."
        ));
    }
}

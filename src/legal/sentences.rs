//! Prison sentences: term phrases, normalized to months, with kind and person.
//!
//! A term is a duration ("87 months", "a year and a day", "15-year"), a range
//! ("five to 40 years", upper bound kept), an indeterminate term ("25 years
//! to life", life), life imprisonment or a death sentence. A duration is kept
//! only when its context makes it a prison term: a prison word after it
//! ("in prison", "imprisonment", "sentence"), or a sentencing cue before it
//! ("sentenced ... to", "served", "faces up to"). Ages, time spans, probation,
//! supervised release, home confinement and fines are dropped. The kind comes
//! from the nearest cue before the term in its sentence.

use super::kw::{self, kw, kws, KwSet, WORDS};
use super::numbers::{self, Tok, TokKind};
use crate::entities::Entities;
use crate::model::Sentence;
use crate::text::Text;

/// The unit words, "life" and "death" (ASCII lower case; a word that
/// starts with one of them is a unit word), found by [`super::prefilter`]
/// for [`Finder::wants`].
pub(crate) const UNIT_WORDS: &[&[u8]] = &[
    b"year",
    b"week",
    b"life",
    b"month",
    b"death",
    b"night",
    b"decade",
    b"fortnight",
    b"quarter",
    b"day",
];

/// The first three bytes of a word, ORed with 0x20 (ASCII letters fold to
/// lower case; no other byte becomes a lower-case letter), read
/// little-endian.
const fn head3(w: &[u8]) -> u32 {
    (w[0] | 0x20) as u32 | ((w[1] | 0x20) as u32) << 8 | ((w[2] | 0x20) as u32) << 16
}

/// [`head3`] of each of [`UNIT_WORDS`].
const UNIT_HEADS: [u32; UNIT_WORDS.len()] = {
    let mut h = [0; UNIT_WORDS.len()];
    let mut k = 0;
    while k < UNIT_WORDS.len() {
        h[k] = head3(UNIT_WORDS[k]);
        k += 1;
    }
    h
};

/// A bit of 64 for a [`head3`] value.
const fn head_bit(h: u32) -> u64 {
    1 << (h.wrapping_mul(0x9e37_79b1) >> 26)
}

/// The [`head_bit`]s of [`UNIT_HEADS`]: one test turns most words away.
const UNIT_HEAD_BITS: u64 = {
    let mut m = 0;
    let mut k = 0;
    while k < UNIT_HEADS.len() {
        m |= head_bit(UNIT_HEADS[k]);
        k += 1;
    }
    m
};

/// True when `w` starts with one of [`UNIT_WORDS`], ASCII case aside.
fn starts_unit_word(w: &[u8]) -> bool {
    let Some(h) = w.get(..3).map(head3) else {
        return false;
    };
    UNIT_HEAD_BITS & head_bit(h) != 0
        && UNIT_HEADS
            .iter()
            .zip(UNIT_WORDS)
            .any(|(&uh, u)| uh == h && w.get(..u.len()).is_some_and(|p| p.eq_ignore_ascii_case(u)))
}

/// True when `w` starts at byte `p`, ASCII case aside.
fn starts_at(bytes: &[u8], p: usize, w: &[u8]) -> bool {
    bytes
        .get(p..p + w.len())
        .is_some_and(|x| x.eq_ignore_ascii_case(w))
}

/// Could the unit word, "life" or "death" at byte `p` of the sentence
/// starting at byte `a` belong to a term? "life" and "death" may; a unit
/// only right after the end of a number (a digit, a number word, "half",
/// "quarter"), a hyphen ("15-year"), an article-like opener ("a", "an",
/// "another", "all", "full", "whole"), "of" ("a couple of") or "to"
/// ("sentenced to year in prison"); anything unsure (a non-ASCII char)
/// counts as a maybe.
fn term_context(bytes: &[u8], a: usize, p: usize) -> bool {
    if starts_at(bytes, p, b"life") || starts_at(bytes, p, b"death") {
        return true;
    }
    // The end of the token before, past ASCII whitespace.
    let mut q = p;
    while q > a && matches!(bytes[q - 1], b'\t'..=b'\r' | b' ') {
        q -= 1;
    }
    if q == a {
        return false;
    }
    let c = bytes[q - 1];
    if c.is_ascii_digit() || c == b'-' || c >= 0x80 {
        return true;
    }
    if !c.is_ascii_alphabetic() {
        return false;
    }
    let mut r = q - 1;
    while r > a && bytes[r - 1].is_ascii_alphabetic() {
        r -= 1;
    }
    if r > a && bytes[r - 1] >= 0x80 {
        return true;
    }
    let w = &bytes[r..q];
    let mut buf = [0u8; 9];
    let Some(l) = buf.get_mut(..w.len()) else {
        return false;
    };
    for (d, c) in l.iter_mut().zip(w) {
        *d = c.to_ascii_lowercase();
    }
    numbers::is_number_lower(l)
        || matches!(
            &*l,
            b"a" | b"an"
                | b"another"
                | b"all"
                | b"full"
                | b"whole"
                | b"half"
                | b"quarter"
                | b"of"
                | b"to"
        )
}

/// The term prefilter of a sentence starting at byte `a`, fed the starts
/// of the unit words, "life" and "death" found in it ([`UNIT_WORDS`]): the
/// sentence may hold a term when one of them starts at a word start (a
/// byte not preceded by an ASCII letter: not "today", "Monday", "holiday")
/// in a place where it may belong to a term ([`term_context`]). Only such
/// sentences are worth tokenizing.
pub(crate) struct TermScan<'a> {
    /// The whole text.
    bytes: &'a [u8],
    /// Start of the sentence.
    a: usize,
    /// A unit word at a word start was seen.
    found: bool,
}

impl<'a> TermScan<'a> {
    /// Ready for the sentence of `bytes` starting at `a`.
    pub(crate) fn new(bytes: &'a [u8], a: usize) -> Self {
        TermScan {
            bytes,
            a,
            found: false,
        }
    }

    /// A unit word starts at byte `p` of the sentence: true when it makes
    /// the sentence worth reading.
    pub(crate) fn unit_at(&mut self, p: usize) -> bool {
        let word_start = p
            .checked_sub(1)
            .and_then(|q| self.bytes.get(q))
            .is_none_or(|c| !c.is_ascii_alphabetic());
        if !word_start {
            return false;
        }
        self.found = true;
        term_context(self.bytes, self.a, p)
    }

    /// The scan's answer (what [`super::prefilter`] hands [`Self::unit_at`]
    /// gives) from the tokens `t` of an ASCII sentence of whole words (no
    /// run of letters crosses its ends, as none crosses a sentence's):
    /// there a unit word at a word start starts a token.
    pub(crate) fn units_in(&mut self, t: &[Tok]) -> bool {
        t.iter()
            .any(|x| starts_unit_word(x.s.as_bytes()) && self.unit_at(x.start))
    }

    /// Is the sentence worth reading, `hit` telling whether [`Self::unit_at`]
    /// said so for some unit word?
    pub(crate) fn wanted(&self, hit: bool) -> bool {
        // "Life ..." opening the sentence right after a letter is no word
        // start, but may be a term once the sentence is looked at.
        hit || (self.found
            && (starts_at(self.bytes, self.a, b"life") || starts_at(self.bytes, self.a, b"death")))
    }
}

/// The words that may open a term: the number words
/// ([`numbers::is_number_lower`]), the units ([`numbers::unit_lower`]) and
/// the few others of [`opens_term`].
const TERM_OPENERS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "thousand",
    "million",
    "billion",
    "hundred",
    "dozen",
    "dozens",
    "year",
    "years",
    "yr",
    "yrs",
    "month",
    "months",
    "mo",
    "mos",
    "mth",
    "mths",
    "week",
    "weeks",
    "wk",
    "wks",
    "day",
    "days",
    "night",
    "nights",
    "decade",
    "decades",
    "fortnight",
    "fortnights",
    "quarter",
    "quarters",
    "a",
    "an",
    "half",
    "another",
    "all",
    "full",
    "whole",
    "couple",
    "life",
    "death",
];

/// The keyword set of [`TERM_OPENERS`] (the oracle of [`TERM_CLASS`]).
#[cfg(test)]
const OPENERS: KwSet = KwSet::new(TERM_OPENERS);

/// True when `l` (ASCII lower case) may open a term (the oracle of
/// [`OPENERS`]): a number word, a unit
/// or one of the few words that open a duration, "life", "death".
#[cfg(test)]
fn opens_term(l: &[u8]) -> bool {
    numbers::is_number_lower(l)
        || numbers::unit_lower(l).is_some()
        || matches!(
            l,
            b"a" | b"an"
                | b"half"
                | b"another"
                | b"all"
                | b"full"
                | b"whole"
                | b"couple"
                | b"life"
                | b"death"
        )
}

/// A term found in a sentence's tokens.
#[derive(Debug, Clone)]
struct Term {
    first: usize,
    last: usize,
    months: Option<f64>,
    life: bool,
    death: bool,
    hyph: bool,
    /// Index within a "10 and 12 years, respectively" list.
    resp: Option<usize>,
    /// Said of an unnamed group ("37 individuals on death row").
    group: bool,
}

impl Term {
    fn months(first: usize, last: usize, m: f64) -> Term {
        Term {
            first,
            last,
            months: Some(m),
            life: false,
            death: false,
            hyph: false,
            resp: None,
            group: false,
        }
    }
}

const PRISON_WORDS: KwSet = KwSet::new(&[
    "prison",
    "prisons",
    "jail",
    "imprisonment",
    "incarceration",
    "custody",
    "penitentiary",
    "bars",
    "confinement",
    "sentence",
    "sentences",
    "term",
    "terms",
    "lockup",
    "correctional",
    "stint",
    "stretch",
]);

/// Words right after a duration that make it something other than a prison term.
const NOT_PRISON_AFTER: KwSet = KwSet::new(&[
    "probation",
    "supervised",
    "home",
    "house",
    "community",
    "parole",
    "old",
    "olds",
    "ago",
    "later",
    "earlier",
    "before",
    "since",
    "suspended",
    "unsupervised",
    "conditional",
    "electronic",
]);

/// Words that may stand between a cue and its term.
const QUALIFIERS: KwSet = KwSet::new(&[
    "over",
    "more",
    "than",
    "nearly",
    "almost",
    "about",
    "roughly",
    "approximately",
    "around",
    "at",
    "least",
    "just",
    "only",
    "a",
    "an",
    "the",
    "total",
    "additional",
    "another",
    "consecutive",
    "concurrent",
    "combined",
    "mandatory",
    "federal",
    "state",
    "prison",
    "some",
    "under",
    "less",
    "exactly",
    "still",
    "remaining",
    "full",
    "entire",
    "two",
    "three",
    "four",
    "of",
]);

const POSSESSIVES: KwSet = KwSet::new(&["his", "her", "their", "its", "my", "your", "our"]);

fn is_apos(t: &Tok) -> bool {
    matches!(t.s, "'" | "\u{2019}")
}

/// Index of the next token after `i` skipping apostrophes (`years’`).
fn skip_apos(t: &[Tok], mut i: usize) -> usize {
    while t.get(i).is_some_and(is_apos) {
        i += 1;
    }
    // "years's"
    i
}

/// True when `s` starts with one of `pre` (ASCII lower case), ASCII case aside.
fn starts_with_any(s: &str, pre: &[&str]) -> bool {
    pre.iter().any(|p| {
        s.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// True when the sentence holds the word `w` before token `upto`.
fn has_before(t: &[Tok], upto: usize, pre: &[&str]) -> bool {
    t[..upto.min(t.len())]
        .iter()
        .any(|x| x.kind == TokKind::Word && starts_with_any(x.s, pre))
}

/// By keyword id: [`OPENS`] for the words of [`TERM_OPENERS`],
/// [`RESPECTIVELY`] for "respectively", [`EACH`] for "each", "both" and
/// "apiece" (0 for any other id).
static TERM_CLASS: [u8; WORDS.len() + 1] = {
    let mut c = [0u8; WORDS.len() + 1];
    let mut k = 0;
    while k < TERM_OPENERS.len() {
        c[kw::id(TERM_OPENERS[k]) as usize] |= OPENS;
        k += 1;
    }
    c[kw::id("respectively") as usize] |= RESPECTIVELY;
    c[kw::id("each") as usize] |= EACH;
    c[kw::id("both") as usize] |= EACH;
    c[kw::id("apiece") as usize] |= EACH;
    c
};

/// [`TERM_CLASS`]: a word that may open a term.
const OPENS: u8 = 1;
/// [`TERM_CLASS`]: "respectively".
const RESPECTIVELY: u8 = 2;
/// [`TERM_CLASS`]: "each", "both", "apiece".
const EACH: u8 = 4;

/// The [`TERM_CLASS`] of token `x` (only words have keyword ids).
#[inline]
fn term_class(x: &Tok) -> u8 {
    TERM_CLASS.get(usize::from(x.kw)).copied().unwrap_or(0)
}

/// The first token from `i` on that is a number or a word of
/// [`TERM_CLASS`] (most tokens are neither); `t.len()` when none is. (A
/// small function of its own: inlined in a large one, the loop fares
/// worse.)
#[inline(never)]
fn next_candidate(t: &[Tok], mut i: usize) -> usize {
    while let Some(x) = t.get(i) {
        if term_class(x) != 0 || x.kind == TokKind::Num {
            break;
        }
        i += 1;
    }
    i
}

/// Whether a sentence says "respectively", and its first "each", "both" or
/// "apiece": noted token by token as the sentence is read, or found by one
/// pass when asked before the reading is done.
#[derive(Default)]
struct Flags {
    /// "respectively" was seen.
    respectively: bool,
    /// The lowest token index of an "each" / "both" / "apiece" seen.
    first_each: Option<usize>,
    /// Every token was looked at.
    complete: bool,
}

impl Flags {
    /// Note token `k`, of [`TERM_CLASS`] `c`.
    #[inline]
    fn note(&mut self, k: usize, c: u8) {
        if c & RESPECTIVELY != 0 {
            self.respectively = true;
        }
        if c & EACH != 0 {
            self.first_each = Some(self.first_each.map_or(k, |e| e.min(k)));
        }
    }

    /// Note tokens `from..to` of `t` (none once all were).
    fn note_range(&mut self, t: &[Tok], from: usize, to: usize) {
        if self.complete {
            return;
        }
        for (d, x) in t
            .get(from..to.min(t.len()))
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let c = term_class(x);
            if c != 0 {
                self.note(from + d, c);
            }
        }
    }

    /// Does the sentence of tokens `t` say "respectively"?
    fn respectively(&mut self, t: &[Tok]) -> bool {
        self.note_range(t, 0, t.len());
        self.complete = true;
        self.respectively
    }
}

/// True when a term may start at token `x` of [`TERM_CLASS`] `c`
/// ([`terms_at`] turns every other token away first): a number, or a word
/// of [`TERM_OPENERS`].
#[inline]
fn may_open(x: &Tok, c: u8) -> bool {
    c & OPENS != 0 || x.kind == TokKind::Num
}

/// True when [`numbers::parse_number`] may find a number at token `x`: it
/// reads digits, number words, "half" ("half a dozen") and "a" / "an" ("a
/// dozen"); from any other token it finds none.
#[inline]
fn may_start_number(x: &Tok) -> bool {
    x.kind == TokKind::Num || numbers::is_number_word(x) || x.in_set(kws!["half", "a", "an"])
}

/// The terms starting at token `i`, pushed to `out` (several for a
/// "respectively" list); `flags` tells whether the sentence `t` says
/// "respectively".
fn terms_at(t: &[Tok], i: usize, flags: &mut Flags, out: &mut Vec<Term>) {
    let Some(tok) = t.get(i) else {
        return;
    };
    // Quick exit: a term starts with a number, a unit, "life", "death" or
    // one of the few words that open a duration.
    if !may_open(tok, term_class(tok)) {
        return;
    }
    if tok.kind == TokKind::Word {
        // "a", "an", "another", "all", "full", "whole" open a duration only
        // before its unit, a hyphen ("all-day"), "couple" or a number word
        // that "a" takes ("a dozen", "a hundred"): most are articles.
        if tok.in_set(kws!["a", "an", "another", "all", "full", "whole"])
            && !t.get(i + 1).is_some_and(|x| {
                x.kind == TokKind::Hyphen
                    || numbers::is_unit(x)
                    || x.in_set(kws![
                        "couple", "dozen", "hundred", "thousand", "million", "billion",
                    ])
            })
        {
            return;
        }
    }
    if tok.is_kw(kw!("life")) {
        out.extend(life_at(t, i));
        return;
    }
    if tok.is_kw(kw!("death")) {
        out.extend(death_at(t, i));
        return;
    }
    // Bare number first: ranges, "N to life", respectively lists.
    let number = if may_start_number(tok) {
        numbers::parse_number(t, i)
    } else {
        None
    };
    if let Some((lo, j)) = number {
        let is_word_num =
            t.get(i).is_some_and(|x| x.kind == TokKind::Num) || numbers::is_number_word(&t[i]);
        let year_like = t[i].kind == TokKind::Num && t[i].s.len() == 4;
        if is_word_num && !year_like && !t.get(j).is_some_and(numbers::is_unit) {
            let sep = t.get(j);
            let between = i > 0 && t[i - 1].is_kw(kw!("between"));
            let is_range_sep = sep.is_some_and(|x| {
                x.is_kw(kw!("to"))
                    || (between && x.is_kw(kw!("and")))
                    || matches!(x.s, "-" | "\u{2013}" | "\u{2014}" | "\u{2010}" | "\u{2011}")
            });
            if is_range_sep {
                if t.get(j + 1).is_some_and(|x| x.is_kw(kw!("life"))) {
                    let mut term = Term::months(i, j + 2, lo * 12.0);
                    term.life = true;
                    term.months = None;
                    out.push(term);
                    return;
                }
                if let Some(d) = numbers::duration_at(t, j + 1) {
                    if !d.hyphenated || t.get(d.last).is_some_and(|x| x.in_set(&PRISON_WORDS)) {
                        let mut term = Term::months(i, d.last, d.months);
                        term.hyph = d.hyphenated;
                        out.push(term);
                        return;
                    }
                }
            }
            // "10 and 12 years, respectively" (only where a list may go on:
            // whether the sentence says "respectively" may take a pass).
            let list_sep = |x: &Tok| x.s == "," || x.is_kw(kw!("and")) || x.is_kw(kw!("or"));
            if t.get(j).is_some_and(list_sep) && flags.respectively(t) {
                let mut vals = vec![(i, j, lo)];
                let mut k = j;
                loop {
                    let mut n = k;
                    while t.get(n).is_some_and(list_sep) {
                        n += 1;
                    }
                    if n == k {
                        break;
                    }
                    match numbers::parse_number(t, n) {
                        Some((v, e)) if e > n => {
                            vals.push((n, e, v));
                            k = e;
                        }
                        _ => break,
                    }
                }
                if vals.len() >= 2 {
                    if let Some(u) = t.get(k).filter(|x| numbers::is_unit(x)) {
                        let per = numbers::duration_months(&format!("1 {}", u.s)).unwrap_or(0.0);
                        out.extend(vals.iter().enumerate().map(|(n, &(a, b, v))| {
                            let mut term = Term::months(
                                a,
                                if n + 1 == vals.len() { k + 1 } else { b },
                                numbers::round2(v * per),
                            );
                            term.resp = Some(n);
                            term
                        }));
                        return;
                    }
                }
            }
        }
    }
    // The duration reuses the number parsed above unless the first word
    // opens a component in its own way.
    let own_way = tok.in_set(kws![
        "half", "a", "an", "another", "all", "full", "whole", "couple",
    ]);
    let duration = if own_way {
        numbers::duration_at(t, i)
    } else {
        number.and_then(|(n, j)| numbers::duration_after_number(t, i, n, j))
    };
    let Some(d) = duration.or_else(|| bare_unit(t, i)) else {
        return;
    };
    let mut term = Term::months(i, d.last, d.months);
    term.hyph = d.hyphenated;
    // "25 years to life", "15-years-to-life"
    let k = d.last;
    if t.get(k)
        .is_some_and(|x| x.is_kw(kw!("to")) || x.kind == TokKind::Hyphen)
        && t.get(k + 1).is_some_and(|x| x.is_kw(kw!("life")))
    {
        term.life = true;
        term.last = k + 2;
        term.hyph = false;
    }
    out.push(term);
}

/// A bare unit word as one unit, only right after "sentenced to" and before
/// a prison word ("sentenced to year in prison").
fn bare_unit(t: &[Tok], i: usize) -> Option<numbers::Duration> {
    if i == 0 || !t[i - 1].is_kw(kw!("to")) || !numbers::is_unit(&t[i]) {
        return None;
    }
    let k = skip_apos(t, i + 1);
    if !t
        .get(k)
        .is_some_and(|x| x.in_set(kws!["in", "of", "behind"]))
        || !t[k..t.len().min(k + 4)]
            .iter()
            .any(|x| x.in_set(kws!["prison", "jail", "imprisonment", "bars", "custody"]))
    {
        return None;
    }
    let probe = format!("1 {}", t[i].s);
    numbers::duration_months(&probe).map(|m| numbers::Duration {
        first: i,
        last: i + 1,
        months: m,
        hyphenated: false,
    })
}

/// True when the word before `i` (skipping qualifiers) is one of `ws`.
fn prev_word_is(t: &[Tok], i: usize, ws: &KwSet) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let x = &t[k];
        if x.in_set(ws) {
            return true;
        }
        if !x.in_set(&QUALIFIERS) {
            return false;
        }
    }
    false
}

fn life_at(t: &[Tok], i: usize) -> Option<Term> {
    let next = t.get(i + 1);
    let prev = if i > 0 { t.get(i - 1) } else { None };
    let possessive = prev.is_some_and(|p| p.in_set(&POSSESSIVES) || p.in_set(kws!["whole"]));
    let strong_next = next.is_some_and(|n| {
        n.in_set(kws![
            "imprisonment",
            "sentence",
            "sentences",
            "term",
            "terms"
        ])
    });
    let prison_next = next.is_some_and(|n| n.is_kw(kw!("in")))
        && t[i + 2..t.len().min(i + 5)]
            .iter()
            .any(|x| x.in_set(kws!["prison", "jail", "custody", "penitentiary"]))
        || next.is_some_and(|n| n.is_kw(kw!("without")))
            && t[i + 2..t.len().min(i + 7)]
                .iter()
                .any(|x| x.is_kw(kw!("parole")))
        || next.is_some_and(|n| n.is_kw(kw!("behind")));
    let to_cue = prev.is_some_and(|p| p.is_kw(kw!("to")))
        && has_before(
            t,
            i,
            &[
                "sentenc",
                "commut",
                "reduc",
                "reclassif",
                "resentenc",
                "condemn",
                "face",
            ],
        );
    let verb_cue = prev.is_some_and(|p| {
        p.in_set(kws![
            "serving",
            "serve",
            "received",
            "receive",
            "receives",
            "given",
            "get",
            "gets",
            "got",
            "faces",
            "face",
            "facing",
            "faced",
            "mandatory",
            "automatic",
        ])
    });
    let ok = strong_next || (!possessive && (prison_next || to_cue || verb_cue));
    if !ok {
        return None;
    }
    // Extend over the usual tail for the phrase text.
    let mut last = i + 1;
    if let Some(n) = t.get(last) {
        if n.in_set(kws![
            "imprisonment",
            "sentence",
            "sentences",
            "term",
            "terms"
        ]) {
            last += 1;
            if t.get(last)
                .is_some_and(|x| x.in_set(kws!["sentence", "sentences"]))
            {
                last += 1;
            }
        } else if n.is_kw(kw!("in")) {
            let mut k = last + 1;
            while k < t.len().min(last + 4) {
                if t[k].in_set(kws!["prison", "jail", "custody", "penitentiary"]) {
                    last = k + 1;
                    break;
                }
                k += 1;
            }
        }
    }
    if t.get(last).is_some_and(|x| x.is_kw(kw!("without"))) {
        let mut k = last + 1;
        while k < t.len().min(last + 6) {
            if t[k].is_kw(kw!("parole")) {
                last = k + 1;
                break;
            }
            k += 1;
        }
    }
    Some(Term {
        first: i,
        last,
        months: None,
        life: true,
        death: false,
        hyph: false,
        resp: None,
        group: false,
    })
}

/// A group of unnamed people ("37 individuals") in the clause before `i`.
fn group_before(t: &[Tok], i: usize) -> bool {
    let from = i.saturating_sub(14);
    t[from..i].windows(2).any(|w| {
        (w[0].kind == TokKind::Num || numbers::is_number_word(&w[0]))
            && w[1].in_set(kws![
                "individuals",
                "inmates",
                "prisoners",
                "people",
                "men",
                "women",
                "persons",
                "defendants",
                "of",
                "others",
            ])
    })
}

fn death_at(t: &[Tok], i: usize) -> Option<Term> {
    let next = t.get(i + 1);
    let prev = if i > 0 { t.get(i - 1) } else { None };
    let mut last = i + 1;
    let ok = if next.is_some_and(|n| n.in_set(kws!["sentence", "sentences"])) {
        last = i + 2;
        !prev.is_some_and(|p| p.in_set(kws!["the", "a"])) || {
            // "the death sentence of X", "received a death sentence"
            i >= 2
                && t[i.saturating_sub(6)..i].iter().any(|x| {
                    starts_with_any(
                        x.s,
                        &[
                            "receiv", "impos", "given", "hand", "face", "commut", "upheld",
                        ],
                    )
                })
                || t.get(i + 2).is_some_and(|x| x.is_kw(kw!("of")))
        }
    } else if next.is_some_and(|n| n.is_kw(kw!("penalty"))) {
        last = i + 2;
        t[i.saturating_sub(5)..i].iter().any(|x| {
            starts_with_any(
                x.s,
                &[
                    "receiv",
                    "sentenced",
                    "impos",
                    "given",
                    "handed",
                    "faces",
                    "facing",
                ],
            ) || x.is_kw(kw!("face"))
        })
    } else if next.is_some_and(|n| n.is_kw(kw!("row"))) {
        last = i + 2;
        true
    } else {
        prev.is_some_and(|p| p.is_kw(kw!("to"))) && has_before(t, i, &["sentenced", "condemned"])
    };
    ok.then_some(Term {
        first: i,
        last,
        months: None,
        life: false,
        death: true,
        hyph: false,
        resp: None,
        group: next.is_some_and(|n| n.is_kw(kw!("row"))) && group_before(t, i),
    })
}

/// Does the context make the duration `term` a prison term?
fn is_prison_term(t: &[Tok], term: &Term, prev: Option<&Term>) -> bool {
    if term.life || term.death {
        return true;
    }
    let i = term.first;
    // Ages and spans before: "aged 22", "age of"
    if i > 0 && t[i - 1].in_set(kws!["aged", "age", "ages"]) {
        return false;
    }
    // After the term.
    let mut k = skip_apos(t, term.last);
    if t.get(k).is_some_and(|x| x.kind == TokKind::Hyphen) {
        k += 1;
    }
    let n0 = t.get(k);
    let n_after_of = if n0.is_some_and(|x| x.is_kw(kw!("of"))) {
        t.get(k + 1)
    } else {
        n0
    };
    let served_adjacent = prev_word_is(t, i, kws!["served", "spent", "serving"]);
    let bad_after = |x: &Tok| {
        x.in_set(&NOT_PRISON_AFTER)
            && !(served_adjacent && x.in_set(kws!["before", "since", "later", "earlier"]))
    };
    if n0.is_some_and(bad_after) || n_after_of.is_some_and(bad_after) {
        return false;
    }
    // "three year term of supervised release", "years of court supervision"
    let window = &t[k.min(t.len())..t.len().min(k + 4)];
    if window.iter().any(|x| {
        x.in_set(kws![
            "probation",
            "supervised",
            "unsupervised",
            "supervision"
        ])
    }) || window.windows(2).any(|w| {
        w[0].in_set(kws!["home", "house", "community"])
            && w[1].in_set(kws!["confinement", "arrest", "detention", "service"])
    }) {
        return false;
    }
    if term.hyph {
        // "15-year prison term", "27-month sentence", "283-month (...) sentence"
        let mut k = k;
        if t.get(k).is_some_and(|x| x.s == "(") {
            while k < t.len() && t[k].s != ")" {
                k += 1;
            }
            k += 1;
        }
        while t
            .get(k)
            .is_some_and(|x| x.in_set(kws!["federal", "state", "mandatory", "minimum", "maximum"]))
        {
            if t[k].in_set(kws!["minimum", "maximum"]) {
                return true;
            }
            k += 1;
        }
        if t.get(k).is_some_and(|x| x.in_set(kws!["in", "behind"]))
            && t[k + 1..t.len().min(k + 4)]
                .iter()
                .any(|x| x.in_set(kws!["prison", "jail", "bars", "custody", "penitentiary"]))
        {
            return true;
        }
        return t.get(k).is_some_and(|x| {
            x.in_set(kws![
                "sentence",
                "sentences",
                "prison",
                "jail",
                "term",
                "terms",
                "stint",
                "stretch",
                "imprisonment",
                "incarceration",
            ])
        }) && !t
            .get(k + 1)
            .is_some_and(|x| x.in_set(kws!["as", "limit", "limits"]));
    }
    // A prison word soon after, before any clause break.
    let mut prison_after = false;
    for x in t.iter().skip(k).take(5) {
        if x.kind == TokKind::Punct && !is_apos(x) && x.s != "(" {
            break;
        }
        if x.in_set(&PRISON_WORDS) {
            prison_after = !x.in_set(kws!["term", "terms"])
                || !t
                    .get(k + 1)
                    .is_some_and(|y| y.in_set(kws!["as", "in", "limit", "limits"]));
            break;
        }
        if x.in_set(kws!["she", "he", "they", "we", "i", "investigation"]) {
            break;
        }
    }
    if prison_after {
        return true;
    }
    // A cue right before it.
    if prev_word_is(
        t,
        i,
        kws![
            "served",
            "serve",
            "serving",
            "spent",
            "spend",
            "spending",
            "faces",
            "face",
            "facing",
            "faced",
            "received",
            "receive",
            "receives",
            "receiving",
            "given",
            "get",
            "gets",
            "got",
            "sentence",
            "sentences",
            "term",
            "penalty",
            "maximum",
            "minimum",
            "punishable",
            "imprisonment",
            "imprisoned",
            "incarcerated",
            "jailed",
        ],
    ) {
        // "served 10 years as mayor", "spent 26 years walking the routes":
        // after a bare cue the next word must fit a prison term.
        let window = &t[k.min(t.len())..t.len().min(k + 6)];
        let prisonish = window.iter().enumerate().any(|(n, y)| {
            y.in_set(&PRISON_WORDS)
                || y.in_set(kws!["institution", "facility", "penitentiary", "center"])
                || (y.is_kw(kw!("death")) && window.get(n + 1).is_some_and(|z| z.is_kw(kw!("row"))))
        });
        return match n0 {
            None => true,
            Some(x) if x.kind == TokKind::Punct => true,
            Some(x) => {
                x.in_set(kws![
                    "for",
                    "of",
                    "behind",
                    "before",
                    "after",
                    "until",
                    "since",
                    "and",
                    "plus",
                    "but",
                    "when",
                    "while",
                    "so",
                    "then",
                    "if",
                    "unless",
                    "or",
                    "each",
                    "with",
                    "without",
                    "followed",
                    "consecutive",
                    "concurrent",
                    "concurrently",
                    "consecutively",
                    "total",
                    "apiece",
                    "instead",
                    "under",
                ]) || (x.in_set(kws!["in", "on", "at", "inside"]) && prisonish)
                    || (x.in_set(kws!["to", "under"])
                        && !served_adjacent
                        && !t.get(k + 1).is_some_and(|y| y.in_set(kws!["the", "a"])))
            }
        };
    }
    // "sentenced [by Judge X] to N years", "commuted to N years", "up to"
    if prev_word_is(t, i, kws!["to"]) {
        let mut k = i;
        while k > 0 && !t[k - 1].is_kw(kw!("to")) {
            k -= 1;
        }
        // "up to eight months" needs a penalty word somewhere in the sentence.
        let up = k >= 2
            && t[k - 2].is_kw(kw!("up"))
            && t.iter().any(|x| {
                x.kind == TokKind::Word
                    && starts_with_any(
                        x.s,
                        &[
                            "prison", "sentenc", "imprison", "jail", "penalt", "incarcer", "face",
                            "punish", "custody",
                        ],
                    )
            });
        return up
            || has_before(
                t,
                k.saturating_sub(1),
                &[
                    "sentenc",
                    "commut",
                    "reduc",
                    "resentenc",
                    "reclassif",
                    "condemn",
                    "agree",
                ],
            );
    }
    // "imprisoned for 10 years", "behind bars for"
    if prev_word_is(t, i, kws!["for"]) {
        let mut k = i;
        while k > 0 && !t[k - 1].is_kw(kw!("for")) {
            k -= 1;
        }
        let from = k.saturating_sub(4);
        if t[from..k].iter().any(|x| {
            x.in_set(kws![
                "imprisoned",
                "incarcerated",
                "jailed",
                "bars",
                "prison",
                "jail",
                "locked",
            ])
        }) {
            return true;
        }
    }
    // "life sentences plus 10 years", "21 years to life and 20 years"
    if let Some(p) = prev {
        let gap: Vec<&Tok> = t[p.last..i].iter().collect();
        if !gap.is_empty()
            && gap.len() <= 2
            && gap
                .iter()
                .all(|x| x.in_set(kws!["plus", "and"]) || x.s == ",")
        {
            return true;
        }
    }
    false
}

/// Kind of a term from its context: the nearest cue before it.
fn kind_of(
    t: &[Tok],
    term: &Term,
    scan_from: usize,
    prev_kind: Option<&'static str>,
) -> &'static str {
    let i = term.first;
    if term.death && t.get(i + 1).is_some_and(|x| x.is_kw(kw!("row"))) {
        return "imposed";
    }
    // "the death sentence of X", "his 30-year sentence": the sentence as a thing.
    if term.last > term.first
        && t[term.last - 1].in_set(kws!["sentence", "sentences"])
        && t.get(term.last).is_some_and(|x| x.is_kw(kw!("of")))
    {
        return "imposed";
    }
    // Adjacent: "up to", "as much as", "maximum of", "after N years in prison".
    let mut k = i;
    while k > 0 && t[k - 1].in_set(&QUALIFIERS) && !t[k - 1].in_set(kws!["the"]) {
        k -= 1;
    }
    if k >= 2 && t[k - 1].is_kw(kw!("to")) && t[k - 2].is_kw(kw!("up")) {
        return "faced";
    }
    if k >= 2 && t[k - 1].is_kw(kw!("as")) && t[k - 2].in_set(kws!["much", "many"]) {
        return "faced";
    }
    if k >= 1 && t[k - 1].is_kw(kw!("after")) {
        return "served";
    }
    if k >= 1 && t[k - 1].in_set(&POSSESSIVES) {
        return "imposed";
    }
    if k >= 1 && t[k - 1].is_kw(kw!("to")) && k >= 2 && t[k - 2].is_kw(kw!("up")) {
        return "faced";
    }
    // "a 10-year mandatory minimum", "20 years maximum"
    if t[term.last..t.len().min(term.last + 3)]
        .iter()
        .any(|x| x.in_set(kws!["minimum", "maximum", "max"]))
    {
        return "faced";
    }
    // Backward scan to the previous term or a clause break.
    let mut j = i;
    while j > scan_from {
        j -= 1;
        let x = &t[j];
        if x.s == ";" {
            break;
        }
        if x.kind != TokKind::Word {
            continue;
        }
        // The word's keyword id; prefixes on the word itself.
        let l = x.kw;
        if starts_with_any(x.s, &["commut", "resentenc", "reclassif"])
            || x.in_set(kws!["reduced", "reduce", "reduces", "reducing", "clemency"])
        {
            // "commuted the death sentence of X": the term is the object, the
            // one imposed; "commuted ... to 10 years" gives the new term.
            let to_between = t[j + 1..i].iter().any(|y| y.in_set(kws!["to", "into"]));
            if !to_between && !starts_with_any(x.s, &["resentenc"]) && l != kw!("clemency") {
                return "imposed";
            }
            return "commuted";
        }
        if x.in_set(kws![
            "face",
            "faces",
            "faced",
            "facing",
            "maximum",
            "minimum",
            "max",
            "punishable",
            "could",
            "potential",
            "possible",
            "seek",
            "seeks",
            "seeking",
            "sought",
            "agreed",
            "carries",
            "carry",
            "carried",
            "statutory",
            "exposure",
            "risks",
            "recommended",
            "recommending",
            "recommend",
            "requested",
            "asked",
            "requires",
            "require",
            "mandates"
        ]) {
            return "faced";
        }
        if x.in_set(kws!["served", "spent"]) {
            return "served";
        }
        if l == kw!("serving") && j > 0 && t[j - 1].in_set(kws!["after", "been", "having"]) {
            return "served";
        }
        if l == kw!("been")
            && t.get(j + 1).is_some_and(|y| {
                y.in_set(kws![
                    "imprisoned",
                    "incarcerated",
                    "jailed",
                    "behind",
                    "in",
                    "locked",
                ])
            })
        {
            return "served";
        }
        if l == kw!("sentenced")
            && j >= 2
            && t[j - 1].is_kw(kw!("be"))
            && t[j - 2].in_set(kws!["could", "would", "may", "might", "can"])
        {
            return "faced";
        }
        if x.in_set(kws![
            "sentenced",
            "given",
            "received",
            "receiving",
            "receive",
            "receives",
            "handed",
            "ordered",
            "imposed",
            "serving",
            "serve",
            "serves",
            "spend",
            "gets",
            "got",
            "get"
        ]) {
            return "imposed";
        }
    }
    // "commuted the death sentence of X to life": the cue is before an
    // earlier term of the sentence.
    if k >= 1 && t[k - 1].is_kw(kw!("to")) {
        for x in t[..scan_from.min(i)].iter().rev() {
            if x.s == ";" {
                break;
            }
            if starts_with_any(x.s, &["commut", "resentenc", "reclassif"])
                || x.is_kw(kw!("reduced"))
            {
                return "commuted";
            }
        }
        // "raised the maximum from three years to 10 years": same kind as the first.
        if let Some(pk) = prev_kind {
            if scan_from > 0
                && t.get(scan_from..k - 1)
                    .is_some_and(|w| w.iter().all(|x| x.s != ";"))
            {
                return pk;
            }
        }
    }
    "imposed"
}

/// Token range just after a term covering "in (federal) prison", "of
/// imprisonment", "behind bars", "sentence", for the phrase text.
fn tail(t: &[Tok], last: usize) -> usize {
    let k = skip_apos(t, last);
    let is_p = |x: &Tok| x.in_set(&PRISON_WORDS) && !x.in_set(kws!["term", "terms"]);
    if let Some(x) = t.get(k) {
        if x.in_set(kws!["in", "of", "behind"]) {
            for (j, y) in t.iter().enumerate().take(k + 4).skip(k + 1) {
                if is_p(y) {
                    return j + 1;
                }
                if !y.in_set(kws!["federal", "state", "county", "the", "a", "prison"]) {
                    break;
                }
            }
        } else if is_p(x) || x.in_set(kws!["term", "terms"]) {
            let mut e = k + 1;
            if t.get(e).is_some_and(|y| y.in_set(kws!["sentence", "term"])) {
                e += 1;
            }
            return e;
        }
    }
    last
}

/// Find the prison sentences of a document.
pub fn find(text: &Text, ents: &Entities) -> Vec<Sentence> {
    let mut f = Finder::default();
    // One token buffer for all the sentences.
    let mut t: Vec<Tok> = super::take_tokens();
    for si in 0..text.sentences.len() {
        if Finder::wants(text, si) {
            let (a, b) = text.sentence(si);
            numbers::tokenize_into(&text.s[a..b], a, &mut t);
            f.sentence(text, ents, si, &t);
        }
    }
    super::keep_tokens(t);
    f.out
}

/// The term buffers of [`sentence_terms`], kept from one sentence to the
/// next.
#[derive(Default)]
struct TermBufs {
    /// The sentence's prison terms.
    found: Vec<Term>,
    /// The terms starting at one token.
    terms: Vec<Term>,
}

/// The prison sentences of a document, read sentence by sentence (in
/// order) over tokens the caller makes, so that they can serve other
/// readers too.
#[derive(Default)]
pub(crate) struct Finder {
    /// A list of named people after a colon, for terms said of a group.
    doc_list: Option<Vec<usize>>,
    /// Buffers for the terms of a sentence.
    bufs: TermBufs,
    /// The terms found.
    pub(crate) out: Vec<Sentence>,
}

impl Finder {
    /// Only sentences with a unit word in a term's place, "life" or
    /// "death" can hold a term: only those are worth tokenizing for
    /// [`Finder::sentence`].
    pub(crate) fn wants(text: &Text, si: usize) -> bool {
        let (a, b) = text.sentence(si);
        let bytes = text.s.as_bytes();
        let mut terms = TermScan::new(bytes, a);
        let (_, hit) = super::prefilter().scan(bytes, a, b, false, |p| terms.unit_at(p));
        terms.wanted(hit)
    }

    /// Read sentence `si`, whose tokens are `t`.
    pub(crate) fn sentence(&mut self, text: &Text, ents: &Entities, si: usize, t: &[Tok]) {
        sentence_terms(
            text,
            ents,
            si,
            t,
            &mut self.doc_list,
            &mut self.bufs,
            &mut self.out,
        );
    }
}

/// The first colon-introduced list of at least two named people.
fn find_doc_list(text: &Text, ents: &Entities) -> Vec<usize> {
    (0..text.sentences.len())
        .map(|si| list_after(text, ents, si))
        .find(|l| l.len() >= 2)
        .unwrap_or_default()
}

/// The terms of sentence `si`, whose tokens are `t`.
fn sentence_terms(
    text: &Text,
    ents: &Entities,
    si: usize,
    t: &[Tok],
    doc_list: &mut Option<Vec<usize>>,
    bufs: &mut TermBufs,
    out: &mut Vec<Sentence>,
) {
    let mut flags = Flags::default();
    let TermBufs { found, terms } = bufs;
    found.clear();
    let mut i = 0;
    loop {
        i = next_candidate(t, i);
        let Some(x) = t.get(i) else {
            break;
        };
        let c = term_class(x);
        flags.note(i, c);
        if !may_open(x, c) {
            i += 1;
            continue;
        }
        terms.clear();
        terms_at(t, i, &mut flags, terms);
        if terms.is_empty() {
            i += 1;
            continue;
        }
        let mut next = i + 1;
        for term in terms.drain(..) {
            next = next.max(term.last);
            let prev = found.last();
            if is_prison_term(t, &term, prev) {
                found.push(term);
            }
        }
        // A restatement in parentheses right after a term: "(more than 23-year)".
        if t.get(next).is_some_and(|x| x.s == "(") {
            while next < t.len() && t[next].s != ")" {
                next += 1;
            }
        }
        // The tokens passed over are noted too.
        flags.note_range(t, i + 1, next);
        i = next;
    }
    if found.is_empty() {
        return;
    }
    // Whether the sentence says "respectively", and the token index of its
    // first "each" / "both" / "apiece" (every token was noted).
    let (respectively, first_each) = (flags.respectively, flags.first_each);
    // People: "respectively" lists map in order; otherwise the subject.
    let list_people = if respectively {
        super::subjects(text, ents, t[found[0].first].start)
    } else {
        Vec::new()
    };
    let mut prev_end = 0;
    let mut prev_kind: Option<&'static str> = None;
    let here = list_after(text, ents, si);
    for (n, term) in found.iter().enumerate() {
        // "37 individuals on death row": only when the document names them.
        let followers = if term.group {
            let l = doc_list.get_or_insert_with(|| find_doc_list(text, ents));
            if l.is_empty() {
                continue;
            }
            l.clone()
        } else {
            here.clone()
        };
        let kind = kind_of(t, term, prev_end, prev_kind);
        prev_kind = Some(kind);
        prev_end = term.last;
        let start = t[term.first].start;
        let end_tok = tail(t, term.last);
        let end = t[end_tok.max(term.first + 1) - 1].end;
        let mut person = String::new();
        if respectively {
            let idx = term.resp.unwrap_or(n);
            if let Some(&p) = list_people.get(idx) {
                person = ents.person_name(p).to_string();
            }
        }
        // "each faces up to 10 years": one row per defendant.
        let each =
            !respectively && followers.is_empty() && first_each.is_some_and(|e| e < term.first);
        let each_people = if each {
            super::each_subjects(text, ents, start)
        } else {
            Vec::new()
        };
        if person.is_empty() && followers.is_empty() {
            person = super::subject_name(text, ents, start);
        }
        let followers = if each_people.len() >= 2 {
            each_people
        } else {
            followers
        };
        let base = Sentence {
            text: text.s[start..end].to_string(),
            kind: kind.to_string(),
            months: if term.life || term.death {
                None
            } else {
                term.months
            },
            life: term.life,
            death: term.death,
            person,
            start,
            end,
        };
        if followers.is_empty() {
            out.push(base);
        } else {
            for &p in &followers {
                let mut r = base.clone();
                r.person = ents.person_name(p).to_string();
                out.push(r);
            }
        }
    }
}

/// People listed in the lines after a sentence that ends with a colon
/// ("... to life imprisonment without parole:" then one name per line).
fn list_after(text: &Text, ents: &Entities, si: usize) -> Vec<usize> {
    let (a, b) = text.sentence(si);
    if !text.s[a..b].trim_end().ends_with(':') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut j = si + 1;
    while j < text.sentences.len() {
        let (c, d) = text.sentence(j);
        if d - c > 120 {
            break;
        }
        let mut any = false;
        for m in ents.person_mentions_in(c, d) {
            any = true;
            if !out.contains(&m.entity) {
                out.push(m.entity);
            }
        }
        if !any {
            // A short table header ("Name  Reg. No.") may open the list.
            let seg = &text.s[c..d];
            if (out.is_empty() && d <= b + 60) || !seg.chars().any(char::is_alphabetic) {
                j += 1;
                continue;
            }
            break;
        }
        j += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::ascii_letters;

    /// [`TermScan::units_in`] against the scan, on the ASCII sentences of `s`.
    fn check_units_in(s: &str) {
        let text = Text::new(s);
        let bytes = s.as_bytes();
        for si in 0..text.sentences.len() {
            let (a, b) = text.sentence(si);
            if !s[a..b].is_ascii() {
                continue;
            }
            let mut scan = TermScan::new(bytes, a);
            let (_, hit) = super::super::prefilter().scan(bytes, a, b, false, |p| scan.unit_at(p));
            let mut toks = TermScan::new(bytes, a);
            let t = numbers::tokenize(&s[a..b], a);
            let hit_t = toks.units_in(&t);
            assert_eq!((hit_t, toks.found), (hit, scan.found), "{s:?} {a} {b}");
            assert_eq!(toks.wanted(hit_t), scan.wanted(hit), "{s:?} {a} {b}");
        }
    }

    /// The bytes a unit word, "life" or "death" may start with.
    const UNIT_FIRST: [bool; 256] = super::super::first_letters(b"ymwdlfnq");

    /// True when a unit word, "life" or "death" starts at byte `p` (any case).
    #[inline]
    fn unit_word_at(bytes: &[u8], p: usize) -> bool {
        // Most words fail on their first letter, before any call.
        bytes.get(p).is_some_and(|&c| UNIT_FIRST[usize::from(c)]) && unit_word_rest(bytes, p)
    }

    /// [`unit_word_at`] past its first-letter test: the first four bytes at
    /// once, ASCII case aside (`| 0x20` turns only the ASCII capitals into the
    /// lower-case letters compared with).
    #[inline(never)]
    fn unit_word_rest(bytes: &[u8], p: usize) -> bool {
        let rest = |k: usize, w: &[u8]| {
            bytes
                .get(p + k..p + k + w.len())
                .is_some_and(|x| x.iter().zip(w).all(|(&c, &l)| c | 0x20 == l))
        };
        let Some(&[c0, c1, c2, c3]) = bytes.get(p..p + 4) else {
            // Near the end: only "day" is short enough.
            return rest(0, b"day");
        };
        match [c0 | 0x20, c1 | 0x20, c2 | 0x20, c3 | 0x20] {
            [b'y', b'e', b'a', b'r'] | [b'w', b'e', b'e', b'k'] | [b'l', b'i', b'f', b'e'] => true,
            [b'm', b'o', b'n', b't'] | [b'd', b'e', b'a', b't'] => rest(4, b"h"),
            [b'n', b'i', b'g', b'h'] => rest(4, b"t"),
            [b'd', b'e', b'c', b'a'] => rest(4, b"de"),
            [b'f', b'o', b'r', b't'] => rest(4, b"night"),
            [b'q', b'u', b'a', b'r'] => rest(4, b"ter"),
            [b'd', b'a', b'y', _] => true,
            _ => false,
        }
    }

    /// True when a unit word, "life" or "death" starts in `s[a..b]` at a word
    /// start (a byte not preceded by an ASCII letter: not "today", "Monday",
    /// "holiday"), in any letter case, in a place where it may belong to a
    /// term ([`term_context`]): only such sentences are worth tokenizing.
    /// Word starts are found eight bytes at a time.
    fn may_hold_term(s: &str, a: usize, b: usize) -> bool {
        let bytes = s.as_bytes();
        let Some(span) = bytes.get(a..b) else {
            return false;
        };
        let mut prev = a
            .checked_sub(1)
            .and_then(|p| bytes.get(p))
            .is_some_and(u8::is_ascii_alphabetic);
        // A unit word at a word start, wherever it is.
        let mut found = false;
        let mut base = a;
        let mut chunks = span.chunks_exact(8);
        for ch in &mut chunks {
            let Ok(w) = <[u8; 8]>::try_from(ch) else {
                break;
            };
            let letters = ascii_letters(u64::from_le_bytes(w));
            // A letter whose previous byte is no letter.
            let mut starts = letters & !(letters << 8 | u64::from(prev) << 7);
            while starts != 0 {
                let p = base + (starts.trailing_zeros() / 8) as usize;
                if unit_word_at(bytes, p) {
                    found = true;
                    if term_context(bytes, a, p) {
                        return true;
                    }
                }
                starts &= starts - 1;
            }
            prev = letters >> 63 != 0;
            base += 8;
        }
        for (k, &c) in chunks.remainder().iter().enumerate() {
            let letter = c.is_ascii_alphabetic();
            if letter && !prev && unit_word_at(bytes, base + k) {
                found = true;
                if term_context(bytes, a, base + k) {
                    return true;
                }
            }
            prev = letter;
        }
        // "Life ..." opening the sentence right after a letter is no word start
        // above, but may be a term once the sentence is looked at.
        found && (starts_at(bytes, a, b"life") || starts_at(bytes, a, b"death"))
    }

    fn run(s: &str) -> Vec<(String, Option<f64>, bool, bool)> {
        let text = Text::new(s);
        let ents = Entities::default();
        find(&text, &ents)
            .into_iter()
            .map(|x| (x.kind, x.months, x.life, x.death))
            .collect()
    }

    /// Every opener passes the shape test and the real one.
    #[test]
    fn term_openers() {
        for w in TERM_OPENERS {
            assert!(opens_term(w.as_bytes()), "{w}");
            for v in [w.to_string(), w.to_ascii_uppercase()] {
                let t = numbers::tokenize(&v, 0);
                assert!(t.len() == 1 && t[0].in_set(&OPENERS), "{w}");
            }
        }
        for w in ["the", "prison", "yearly", "lifes"] {
            assert!(!numbers::tokenize(w, 0)[0].in_set(&OPENERS), "{w}");
        }
    }

    /// The class table against the keyword sets: openers, "respectively",
    /// "each", "both", "apiece", for every keyword id.
    #[test]
    fn term_class_agrees_with_sets() {
        let resp = KwSet::new(&["respectively"]);
        let each = KwSet::new(&["each", "both", "apiece"]);
        for id in 0..=WORDS.len() as u16 {
            let x = Tok {
                s: "",
                start: 0,
                end: 0,
                kind: TokKind::Word,
                kw: id,
            };
            let c = term_class(&x);
            assert_eq!(c & OPENS != 0, OPENERS.has(id), "{id}");
            assert_eq!(c & RESPECTIVELY != 0, resp.has(id), "{id}");
            assert_eq!(c & EACH != 0, each.has(id), "{id}");
            assert_eq!(c & !(OPENS | RESPECTIVELY | EACH), 0);
        }
    }

    /// No number is read from a token [`may_start_number`] turns away, and
    /// every token [`next_candidate`] skips is turned away by [`terms_at`]:
    /// every token of the corpus, and near misses.
    #[test]
    fn number_and_term_prechecks_are_exact() {
        let mut n = 0;
        for s in crate::corpus_texts() {
            let s = s + " a dozen, half a dozen years, A Hundred, an hour, whole 5, all-day 10 and 12 years, respectively";
            let t = numbers::tokenize(&s, 0);
            let mut flags = Flags::default();
            for i in 0..t.len() {
                if !may_start_number(&t[i]) {
                    assert_eq!(numbers::parse_number(&t, i), None, "{:?}", t[i].s);
                    n += 1;
                }
                if next_candidate(&t, i) > i {
                    let mut out = Vec::new();
                    terms_at(&t, i, &mut flags, &mut out);
                    assert!(out.is_empty(), "{:?}", t[i].s);
                }
            }
        }
        assert!(n > 1000, "{n}");
    }

    /// The keyword ids agree with the string checks they replace: every
    /// token of real and random sentences, against every keyword.
    #[test]
    fn keyword_ids_agree_with_strings() {
        let mut texts: Vec<String> = Vec::new();
        texts.extend(crate::corpus_texts());
        // Random strings over keyword pieces, letters of both cases,
        // accents, digits and punctuation.
        let pieces = [
            "Year",
            "YEARS",
            "life",
            "de",
            "ath",
            "é",
            "ü",
            "’",
            "-",
            " ",
            " ",
            ",",
            "7",
            "x",
            "q",
            "ONE",
            "twenty",
            "mo",
            "s",
            "sentenced",
            "ßa",
            "İ",
            "k",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            texts.push(s);
        }
        let mut n = 0;
        for s in &texts {
            for t in numbers::tokenize(s, 0) {
                for (k, w) in crate::legal::kw::WORDS.iter().enumerate() {
                    assert_eq!(t.is_kw(k as u16 + 1), t.is(w), "{:?} {w}", t.s);
                }
                let l = numbers::lower::<10>(t.s);
                let old = t.kind == TokKind::Word && l.is_some_and(|(b, n)| opens_term(&b[..n]));
                assert_eq!(t.in_set(&OPENERS), old, "{:?}", t.s);
                n += 1;
            }
        }
        assert!(n > 10_000, "{n}");
    }

    /// The sentence prefilter keeps units after numbers, articles and
    /// hyphens, and "life" / "death" anywhere.
    #[test]
    fn term_prefilter() {
        for (s, want) in [
            ("He was sentenced to 87 months.", true),
            ("a 15-year term", true),
            ("a couple of years", true),
            ("two and a half years", true),
            ("sentenced to life", true),
            ("Life imprisonment was imposed", true),
            ("3.5years", true),
            ("Last year the mayor said so.", false),
            ("Years later, on Monday, he spoke.", false),
        ] {
            assert_eq!(may_hold_term(s, 0, s.len()), want, "{s}");
        }
    }

    /// The one-pass prefilter ([`TermScan`] over [`super::super::prefilter`])
    /// agrees with the byte scan of [`may_hold_term`] on every span of
    /// random text made of unit words, numbers, letters and other chars.
    #[test]
    fn term_prefilter_agrees_with_byte_scan() {
        for s in crate::corpus_texts() {
            check_units_in(&s);
        }
        const PARTS: &[&str] = &[
            "year",
            "Years",
            "DAY",
            "day",
            "today",
            "life",
            "Life",
            "death",
            "months",
            "week",
            "fortnight",
            "night",
            "decade",
            "quarter",
            "mth",
            "a",
            "an",
            "of",
            "to",
            "half",
            "five",
            "Twenty",
            "all",
            "x",
            "fr",
            "2",
            "15",
            "3.5",
            "-",
            " ",
            " ",
            " ",
            "  ",
            ".",
            ",",
            "\n",
            "\u{e9}",
            "\u{2019}",
            "\u{a0}",
            "_",
            "q",
            "y",
            "de",
            "li",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let k = 1 + rand(14);
            let s: String = (0..k).map(|_| PARTS[rand(PARTS.len())]).collect();
            check_units_in(&s);
            let bytes = s.as_bytes();
            for a in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                for b in (a..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                    let mut terms = TermScan::new(bytes, a);
                    let (_, hit) =
                        super::super::prefilter().scan(bytes, a, b, false, |p| terms.unit_at(p));
                    assert_eq!(terms.wanted(hit), may_hold_term(&s, a, b), "{s:?} {a} {b}");
                }
            }
        }
    }

    #[test]
    fn basic_terms() {
        assert_eq!(
            run("He was sentenced to 87 months in federal prison."),
            vec![("imposed".into(), Some(87.0), false, false)]
        );
        assert!(run("A 63-year-old man was sentenced to probation.").is_empty());
    }
}

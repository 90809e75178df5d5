//! Legal facts: criminal charges and prison sentences.

pub mod charges;
pub mod numbers;
pub mod sentences;
mod statute;

use crate::entities::Entities;
use crate::gazetteer::Gazetteers;
use crate::model::{Charge, Sentence};
use crate::text::Text;
use numbers::Tok;
use std::cell::Cell;

thread_local! {
    /// An empty token buffer kept from one document to the next, so that
    /// its allocation (a large one, and costly for malloc) is made once per
    /// thread rather than once per document and stage.
    static TOKENS: Cell<Vec<Tok<'static>>> = const { Cell::new(Vec::new()) };
}

/// The thread's token buffer (empty); give it back with [`keep_tokens`].
pub(crate) fn take_tokens<'a>() -> Vec<Tok<'a>> {
    TOKENS.take()
}

/// Empty `t` and keep it as the thread's token buffer. Collected in place
/// into a `Vec` of a same-sized type, it keeps its allocation (the map runs
/// on no token).
pub(crate) fn keep_tokens(mut t: Vec<Tok<'_>>) {
    t.clear();
    let t: Vec<Tok<'static>> = t.into_iter().map(|x| Tok { s: "", ..x }).collect();
    TOKENS.set(t);
}

/// The charges and the prison sentences of a document: each sentence that
/// either may hold is tokenized once for both.
pub fn find(text: &Text, gaz: &Gazetteers, ents: &Entities) -> (Vec<Charge>, Vec<Sentence>) {
    let mut c = charges::Finder::new(text, gaz);
    let mut p = sentences::Finder::default();
    let mut t: Vec<Tok> = take_tokens();
    for si in 0..text.sentences.len() {
        let want_c = c.wants(si);
        let want_p = sentences::Finder::wants(text, si);
        if !want_c && !want_p {
            continue;
        }
        let (a, b) = text.sentence(si);
        numbers::tokenize_into(&text.s[a..b], a, &mut t);
        if want_c {
            c.sentence(ents, si, &t);
        }
        if want_p {
            p.sentence(text, ents, si, &t);
        }
    }
    keep_tokens(t);
    (c.finish(), p.out)
}

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

/// `u64`s of a [`Shapes`]: one bit per (length up to 15, first letter,
/// last letter).
const SHAPE_WORDS: usize = 16 * 26 * 26 / 64 + 1;

/// Bit of a word's shape: `len` (15 for longer words) and its first and
/// last bytes (ASCII lower-case letters).
const fn shape_bit(len: usize, first: u8, last: u8) -> usize {
    let len = if len > 15 { 15 } else { len };
    (len * 26 + (first - b'a') as usize) * 26 + (last - b'a') as usize
}

/// The shapes (length, first and last letter) of a list of lower-case
/// ASCII words of at most 15 letters: one bit test turns most other words
/// away before a real lookup.
pub(crate) struct Shapes([u64; SHAPE_WORDS]);

impl Shapes {
    /// The shapes of `words` (lower-case ASCII letters, 1 to 15 of them).
    pub(crate) const fn new(words: &[&str]) -> Shapes {
        let mut bits = [0u64; SHAPE_WORDS];
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            let i = shape_bit(w.len(), w[0], w[w.len() - 1]);
            bits[i / 64] |= 1 << (i % 64);
            k += 1;
        }
        Shapes(bits)
    }

    /// False when `w` is none of the words, ASCII case aside.
    #[inline]
    pub(crate) fn may_hold(&self, w: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
            return false;
        };
        // Only ASCII letters fold to lower-case letters here.
        let (first, last) = (first | 0x20, last | 0x20);
        if !first.is_ascii_lowercase() || !last.is_ascii_lowercase() {
            return false;
        }
        let i = shape_bit(w.len(), first, last);
        self.0[i / 64] & 1 << (i % 64) != 0
    }
}

/// A word list with its [`Shapes`]: a token that is none of the words is
/// mostly turned away by one bit test, before any comparison.
pub(crate) struct WordList {
    /// The words (lower-case ASCII letters, 1 to 15 of them).
    words: &'static [&'static str],
    /// Their shapes.
    shapes: Shapes,
}

impl WordList {
    /// The list of `words` (lower-case ASCII letters, 1 to 15 of them).
    pub(crate) const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            shapes: Shapes::new(words),
        }
    }

    /// True when `t` is one of the words (as [`Tok::is_any`]).
    #[inline]
    pub(crate) fn has(&self, t: &Tok) -> bool {
        self.shapes.may_hold(t.s.as_bytes()) && t.is_any(self.words)
    }
}

/// A table of the bytes `letters` hold, in either case: the first letters
/// a word list's words may start with, tested before any lookup.
pub(crate) const fn first_letters(letters: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < letters.len() {
        t[letters[k] as usize] = true;
        t[letters[k].to_ascii_uppercase() as usize] = true;
        k += 1;
    }
    t
}

/// A small set of words found anywhere (inside words too) by one pass of
/// a DFA (Aho-Corasick with all transitions filled in); ASCII letters match
/// in either case. Used to skip sentences that cannot hold a cue without
/// tokenizing them.
pub(crate) struct WordDfa {
    /// `next[256 * state + byte]`: the next state. States from
    /// `first_match` on are those where a word ends.
    next: Box<[u8; 65536]>,
    /// The first state where a word ends.
    first_match: u8,
    /// Length of the longest word ending in each state (0: none).
    longest: [usize; 256],
    /// Length of the longest word.
    max_len: usize,
}

impl WordDfa {
    /// Compile `words`; `None` past 256 states.
    pub(crate) fn new(words: &[&[u8]]) -> Option<WordDfa> {
        // Byte classes: the bytes of the words, ASCII letters folded; all
        // other bytes share class 0.
        let mut class = [0usize; 256];
        let mut classes = 1usize;
        for w in words {
            for &c in *w {
                if class[usize::from(c)] == 0 {
                    class[usize::from(c.to_ascii_lowercase())] = classes;
                    class[usize::from(c.to_ascii_uppercase())] = classes;
                    classes += 1;
                }
            }
        }
        // The trie.
        const NONE: usize = usize::MAX;
        let mut go: Vec<Vec<usize>> = vec![vec![NONE; classes]];
        let mut longest = vec![0usize];
        for w in words {
            let mut s = 0;
            for &c in *w {
                let k = class[usize::from(c)];
                if go[s][k] == NONE {
                    go.push(vec![NONE; classes]);
                    longest.push(0);
                    go[s][k] = go.len() - 1;
                }
                s = go[s][k];
            }
            longest[s] = longest[s].max(w.len());
        }
        let n = go.len();
        if n > 256 {
            return None;
        }
        // Failure links in breadth-first order fill in every transition.
        let mut delta = vec![0usize; n * classes];
        let mut fail = vec![0usize; n];
        let mut queue = std::collections::VecDeque::new();
        for k in 0..classes {
            let t = go[0][k];
            if t != NONE {
                delta[k] = t;
                queue.push_back(t);
            }
        }
        while let Some(s) = queue.pop_front() {
            longest[s] = longest[s].max(longest[fail[s]]);
            for k in 0..classes {
                let t = go[s][k];
                if t == NONE {
                    delta[s * classes + k] = delta[fail[s] * classes + k];
                } else {
                    fail[t] = delta[fail[s] * classes + k];
                    delta[s * classes + k] = t;
                    queue.push_back(t);
                }
            }
        }
        // Renumber: states where no word ends first (the root stays 0).
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&s| (longest[s] > 0, s));
        let mut id = vec![0u8; n];
        for (new, &old) in order.iter().enumerate() {
            id[old] = u8::try_from(new).ok()?;
        }
        let first_match = u8::try_from(order.iter().filter(|&&s| longest[s] == 0).count()).ok()?;
        let mut next = Box::new([0u8; 65536]);
        let mut long = [0usize; 256];
        // The bytes of the words (class 0 is every other byte).
        let word_bytes: Vec<(usize, usize)> = (0..256)
            .map(|c| (c, class[c]))
            .filter(|&(_, k)| k != 0)
            .collect();
        for old in 0..n {
            let row_start = usize::from(id[old]) * 256;
            let to = &delta[old * classes..(old + 1) * classes];
            let row = &mut next[row_start..row_start + 256];
            row.fill(id[to[0]]);
            for &(c, k) in &word_bytes {
                row[c] = id[to[k]];
            }
            long[usize::from(id[old])] = longest[old];
        }
        Some(WordDfa {
            next,
            first_match,
            longest: long,
            max_len: words.iter().map(|w| w.len()).max().unwrap_or(0),
        })
    }

    /// True when a word occurs in `hay` starting in `from..limit`.
    pub(crate) fn starts_in(&self, hay: &[u8], from: usize, limit: usize) -> bool {
        // A word of length L ending at `e` starts below `limit` when
        // `e < limit + L`.
        let hit =
            |st: u8, e: usize| st >= self.first_match && e < limit + self.longest[usize::from(st)];
        let step = |st: u8, c: u8| self.next[usize::from(st) << 8 | usize::from(c)];
        let end = hay.len().min((limit + self.max_len).saturating_sub(1));
        let span = hay.get(from..end).unwrap_or_default();
        let mut st = 0u8;
        let mut e = from;
        // Eight bytes a step; the states are looked at one by one only when
        // one of them ends a word (rare).
        let mut chunks = span.chunks_exact(8);
        for ch in &mut chunks {
            let mut sts = [0u8; 8];
            let mut x = st;
            for (d, &c) in sts.iter_mut().zip(ch) {
                x = step(x, c);
                *d = x;
            }
            if sts.iter().fold(0, |m, &x| m.max(x)) >= self.first_match
                && sts.iter().enumerate().any(|(k, &x)| hit(x, e + k + 1))
            {
                return true;
            }
            st = x;
            e += 8;
        }
        for &c in chunks.remainder() {
            st = step(st, c);
            e += 1;
            if hit(st, e) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::{keep_tokens, numbers, take_tokens, WordDfa};

    /// The thread's token buffer comes back empty, with its allocation.
    #[test]
    fn token_buffer_is_kept() {
        let s = String::from("two counts of wire fraud");
        let mut t = take_tokens();
        numbers::tokenize_into(&s, 0, &mut t);
        let cap = t.capacity();
        keep_tokens(t);
        let t = take_tokens();
        assert!(t.is_empty() && t.capacity() == cap);
    }

    /// The DFA against a plain search, at every start and limit.
    #[test]
    fn word_dfa_matches_plain_search() {
        let words: &[&[u8]] = &[b"charg", b"u.s.c", b"usc", b"plea", b"year", b"ear", b"s c"];
        let dfa = WordDfa::new(words).expect("few states");
        let hay = b"Discharged 18 U.S.C. 2 years, Pleas; muscle 5-year YEARS C".as_slice();
        for from in 0..hay.len() {
            for limit in from..=hay.len() + 2 {
                let plain = (from..limit.min(hay.len())).any(|p| {
                    words.iter().any(|w| {
                        hay.get(p..p + w.len())
                            .is_some_and(|x| x.eq_ignore_ascii_case(w))
                    })
                });
                assert_eq!(dfa.starts_in(hay, from, limit), plain, "{from} {limit}");
            }
        }
    }
}

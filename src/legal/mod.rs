//! Legal facts: criminal charges and prison sentences.

pub mod charges;
mod kw;
pub mod numbers;
pub mod sentences;
mod statute;

use crate::entities::Entities;
use crate::gazetteer::{Gazetteers, Hit};
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
/// either may hold is tokenized once for both. One pass of `prefilter`
/// over a sentence serves both prefilters.
pub fn find(text: &Text, gaz: &Gazetteers, ents: &Entities) -> (Vec<Charge>, Vec<Sentence>) {
    let offenses = gaz.offense_matcher.find_words(text.s, &text.words);
    find_with(text, gaz, ents, offenses)
}

/// [`find`] given the offense lexicon's matches in the whole text (as
/// [`crate::gazetteer::Matcher::find_words`] finds them; the extractor
/// takes them from the one walk of all lists, [`Gazetteers::list_hits`]).
pub fn find_with(
    text: &Text,
    gaz: &Gazetteers,
    ents: &Entities,
    offenses: Vec<Hit>,
) -> (Vec<Charge>, Vec<Sentence>) {
    let mut c = charges::Finder::new(text, gaz, offenses);
    let mut p = sentences::Finder::default();
    let mut t: Vec<Tok> = take_tokens();
    let bytes = text.s.as_bytes();
    // The first lexicon hit not before the sentence.
    let mut hit = 0;
    for si in 0..text.sentences.len() {
        let (a, b) = text.sentence(si);
        let hits = c.has_hits_from(&mut hit, si);
        let mut terms = sentences::TermScan::new(bytes, a);
        let sent = || &text.s[a..b];
        let mut tokenized = false;
        // A sentence tokenized anyway (it holds a lexicon hit) is asked about
        // units through its tokens when ASCII (exact there; the tokenizer
        // tells); so is one asked whether it may name an offense.
        let (cue, unit) = if hits {
            tokenized = true;
            if numbers::tokenize_ascii_into(sent(), a, &mut t) {
                (false, terms.units_in(&t))
            } else {
                prefilter().scan(bytes, a, b, false, |q| terms.unit_at(q))
            }
        } else {
            prefilter().scan(bytes, a, b, true, |q| terms.unit_at(q))
        };
        let want_p = terms.wanted(unit);
        let want_c = hits
            || (cue
                && if want_p {
                    tokenized = true;
                    if numbers::tokenize_ascii_into(sent(), a, &mut t) {
                        c.may_name_offense_tokens(si, &t)
                    } else {
                        c.may_name_offense(si)
                    }
                } else {
                    c.may_name_offense(si)
                });
        if !want_c && !want_p {
            continue;
        }
        if !tokenized {
            numbers::tokenize_into(sent(), a, &mut t);
        }
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
    // Else the first of `subjects` (without collecting them): the first
    // non-official mention of the ones it looks at in the sentence, or
    // the one it falls back on.
    near.or_else(|| {
        ents.person_mentions[lo.max(hi.saturating_sub(4 * MAX_LOOKBACK))..hi]
            .iter()
            .chain(ents.person_mentions[..lo].iter().rev().take(MAX_LOOKBACK))
            .find(|m| !is_official(ents, m.entity))
            .map(|m| m.entity)
    })
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

/// A table of the bytes `letters` hold, in either case: the first letters
/// a word list's words may start with, tested before any lookup.
#[cfg(test)]
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

/// Two small sets of words found anywhere (inside words too) by one pass
/// of a DFA (Aho-Corasick with all transitions filled in); ASCII letters
/// match in either case. Used to skip sentences that cannot hold a cue or
/// a term without tokenizing them: the first set are the charge cues, the
/// second the unit words of terms. Built at compile time.
pub(crate) struct WordDfa {
    /// `next[256 * state + byte]`: 256 times the next state (so that
    /// adding a byte gives the next index). States from `first_match` on
    /// are those where a word ends.
    next: [u16; 65536],
    /// [`WordDfa::next`] with every state where a word ends folded into
    /// one state that never leaves (the first of them, `first_match`): a
    /// run of bytes reaches it exactly when `next` would pass through such
    /// a state, and ends in the state `next` would end in otherwise. Only
    /// its first `first_match + 1` rows are used.
    sticky: [u16; 65536],
    /// The first state where a word ends (more than 0).
    first_match: u8,
    /// Length of the longest word of the first set ending in each state
    /// (0: none).
    longest: [usize; 256],
    /// The lengths of the words of the second set ending in each state,
    /// one bit per length.
    second: [u32; 256],
    /// Length of the longest word.
    max_len: usize,
}

/// Most byte classes of a [`WordDfa`] (distinct bytes of its words, ASCII
/// case folded, plus one for all other bytes).
const DFA_CLASSES: usize = 64;

impl WordDfa {
    /// Compile `words` (panics past 256 states or 63 distinct bytes).
    #[cfg(test)]
    pub(crate) fn new(words: &[&[u8]]) -> WordDfa {
        WordDfa::with_second(words, &[])
    }

    /// Compile `words` and a second set, `second` (non-empty words, those
    /// of `second` shorter than 32 bytes); panics past 256 states or 63
    /// distinct bytes (at compile time for a constant).
    pub(crate) const fn with_second(words: &[&[u8]], second: &[&[u8]]) -> WordDfa {
        const NONE: u16 = u16::MAX;
        // Byte classes: the bytes of the words, ASCII letters folded; all
        // other bytes share class 0.
        let mut class = [0u8; 256];
        let mut classes = 1usize;
        // The trie: `go[state][class]`, with the longest first-set word and
        // the second-set word lengths ending in each state.
        let mut go = [[NONE; DFA_CLASSES]; 256];
        let mut longest = [0usize; 256];
        let mut ends = [0u32; 256];
        let mut n = 1usize;
        let mut max_len = 0;
        let mut set = 0;
        while set < 2 {
            let list = if set == 0 { words } else { second };
            let mut k = 0;
            while k < list.len() {
                let w = list[k];
                assert!(!w.is_empty() && (set == 0 || w.len() < 32));
                let mut st = 0usize;
                let mut j = 0;
                while j < w.len() {
                    let c = w[j];
                    if class[c as usize] == 0 {
                        assert!(classes < DFA_CLASSES, "too many bytes");
                        class[c.to_ascii_lowercase() as usize] = classes as u8;
                        class[c.to_ascii_uppercase() as usize] = classes as u8;
                        classes += 1;
                    }
                    let x = class[c as usize] as usize;
                    if go[st][x] == NONE {
                        assert!(n < 256, "too many states");
                        go[st][x] = n as u16;
                        n += 1;
                    }
                    st = go[st][x] as usize;
                    j += 1;
                }
                if set == 0 {
                    if w.len() > longest[st] {
                        longest[st] = w.len();
                    }
                } else {
                    ends[st] |= 1 << w.len();
                }
                if w.len() > max_len {
                    max_len = w.len();
                }
                k += 1;
            }
            set += 1;
        }
        // Failure links in breadth-first order fill in every transition.
        let mut delta = [[0u8; DFA_CLASSES]; 256];
        let mut fail = [0usize; 256];
        let mut queue = [0usize; 256];
        let (mut head, mut tail) = (0, 0);
        let mut x = 0;
        while x < classes {
            let t = go[0][x];
            if t != NONE {
                delta[0][x] = t as u8;
                queue[tail] = t as usize;
                tail += 1;
            }
            x += 1;
        }
        while head < tail {
            let st = queue[head];
            head += 1;
            let f = fail[st];
            if longest[f] > longest[st] {
                longest[st] = longest[f];
            }
            ends[st] |= ends[f];
            let mut x = 0;
            while x < classes {
                let t = go[st][x];
                if t == NONE {
                    delta[st][x] = delta[f][x];
                } else {
                    fail[t as usize] = delta[f][x] as usize;
                    delta[st][x] = t as u8;
                    queue[tail] = t as usize;
                    tail += 1;
                }
                x += 1;
            }
        }
        // Renumber: states where no word ends first, then the others, each
        // in breadth-first order (the root stays 0): the states of common
        // text, near the root, get small numbers, so that a few of them ORed
        // together seldom reach the first state where a word ends.
        let mut id = [0u8; 256];
        let mut next_id = 0usize;
        let mut pass = 0;
        while pass < 2 {
            let mut q = 0;
            while q <= tail {
                let st = if q == 0 { 0 } else { queue[q - 1] };
                q += 1;
                let ends_word = longest[st] > 0 || ends[st] != 0;
                if ends_word == (pass == 1) {
                    id[st] = next_id as u8;
                    next_id += 1;
                }
            }
            pass += 1;
        }
        let mut first_match = 0;
        let mut st = 0;
        while st < n {
            if !(longest[st] > 0 || ends[st] != 0) {
                first_match += 1;
            }
            st += 1;
        }
        let mut next = [0u16; 65536];
        let mut long = [0usize; 256];
        let mut second_ends = [0u32; 256];
        let mut st = 0;
        while st < n {
            let row = id[st] as usize * 256;
            let mut c = 0;
            while c < 256 {
                next[row + c] = (id[delta[st][class[c] as usize] as usize] as u16) << 8;
                c += 1;
            }
            long[id[st] as usize] = longest[st];
            second_ends[id[st] as usize] = ends[st];
            st += 1;
        }
        // The sticky table: transitions into a state where a word ends go
        // to the sink (`first_match`), which stays put.
        let sink = (first_match as u16) << 8;
        let mut sticky = [0u16; 65536];
        let mut st = 0;
        while st <= first_match {
            let row = st * 256;
            let mut c = 0;
            while c < 256 {
                sticky[row + c] = if st == first_match || next[row + c] >= sink {
                    sink
                } else {
                    next[row + c]
                };
                c += 1;
            }
            st += 1;
        }
        WordDfa {
            next,
            sticky,
            first_match: first_match as u8,
            longest: long,
            second: second_ends,
            max_len,
        }
    }

    /// True when a word of the first set occurs in `hay` starting in
    /// `from..limit`.
    pub(crate) fn starts_in(&self, hay: &[u8], from: usize, limit: usize) -> bool {
        self.scan(hay, from, limit, true, |_| false).0
    }

    /// One pass over `hay` from `from`: whether a word of the first set
    /// starts in `from..limit` (looked for only when `first`), and whether
    /// `second` returns true for the start of a word of the second set
    /// that starts in `from..limit` (each such start is handed to it, in no
    /// particular order, until it returns true). Stops as soon as both
    /// answers are known.
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        from: usize,
        limit: usize,
        first: bool,
        mut second: impl FnMut(usize) -> bool,
    ) -> (bool, bool) {
        // States times 256, as the table holds them.
        let step = |st: u16, c: u8| self.next[usize::from(st | u16::from(c))];
        let end = hay.len().min((limit + self.max_len).saturating_sub(1));
        // The bytes before `limit`, eight a step; those after it (where
        // only words that started before it count) one by one, until the
        // state is the root: no word can start before `limit` then.
        let mid = limit.min(end).max(from);
        let span = hay.get(from..mid).unwrap_or_default();
        // What is still looked for, and what was found.
        let (mut want1, mut want2) = (first, true);
        let (mut found1, mut found2) = (false, false);
        // A state where some word ends, at end `e` (exclusive): true when
        // nothing more is looked for.
        let mut visit = |st: u16, e: usize| {
            let i = usize::from(st >> 8);
            // A word of length L ending at `e` starts below `limit` when
            // `e < limit + L`.
            if want1 && self.longest[i] > 0 && e < limit + self.longest[i] {
                found1 = true;
                want1 = false;
            }
            let mut lens = self.second[i];
            while want2 && lens != 0 {
                let p = e - lens.trailing_zeros() as usize;
                lens &= lens - 1;
                if p < limit && second(p) {
                    found2 = true;
                    want2 = false;
                }
            }
            !want1 && !want2
        };
        let fm = u16::from(self.first_match) << 8;
        let mut st = 0u16;
        let mut e = from;
        // Eight bytes a step through the sticky table: the states are
        // looked at one by one (through `next`) only when it reaches its
        // sink, where a word ends.
        let sticky = |st: u16, c: u8| self.sticky[usize::from(st | u16::from(c))];
        let mut chunks = span.chunks_exact(8);
        'scan: {
            for ch in &mut chunks {
                let mut x = st;
                for &c in ch {
                    x = sticky(x, c);
                }
                if x >= fm {
                    let mut y = st;
                    for (k, &c) in ch.iter().enumerate() {
                        y = step(y, c);
                        if y >= fm && visit(y, e + k + 1) {
                            break 'scan;
                        }
                    }
                    x = y;
                }
                st = x;
                e += 8;
            }
            for &c in chunks.remainder() {
                st = step(st, c);
                e += 1;
                if st >= fm && visit(st, e) {
                    break 'scan;
                }
            }
            for &c in hay.get(mid..end).unwrap_or_default() {
                if st == 0 {
                    break;
                }
                st = step(st, c);
                e += 1;
                if st >= fm && visit(st, e) {
                    break 'scan;
                }
            }
        }
        (found1, found2)
    }
}

/// The charge cues ([`charges::CUE_WORDS`]) and the unit words of terms
/// ([`sentences::UNIT_WORDS`]), found by one pass per sentence.
pub(crate) fn prefilter() -> &'static WordDfa {
    static DFA: WordDfa = WordDfa::with_second(charges::CUE_WORDS, sentences::UNIT_WORDS);
    &DFA
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

    /// The charge cues and unit words the real prefilter finds in each
    /// sentence of the corpus (eight bytes a step through its sticky table)
    /// against a plain search.
    #[test]
    fn prefilter_matches_plain_search_on_corpus() {
        let at = |hay: &[u8], p: usize, ws: &[&[u8]]| {
            ws.iter().any(|w| {
                hay.get(p..p + w.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(w))
            })
        };
        let mut cues = 0;
        for s in crate::corpus_texts() {
            let text = crate::text::Text::new(&s);
            let hay = s.as_bytes();
            for si in 0..text.sentences.len() {
                let (a, b) = text.sentence(si);
                let mut got = Vec::new();
                let (cue, unit) = super::prefilter().scan(hay, a, b, true, |p| {
                    got.push(p);
                    false
                });
                got.sort_unstable();
                let want: Vec<usize> = (a..b)
                    .filter(|&p| at(hay, p, super::sentences::UNIT_WORDS))
                    .collect();
                let want_cue = (a..b).any(|p| at(hay, p, super::charges::CUE_WORDS));
                assert!(!unit);
                assert_eq!((cue, &got), (want_cue, &want), "{:?}", &s[a..b]);
                cues += usize::from(cue);
            }
        }
        assert!(cues > 50, "{cues}");
    }

    /// The DFA against a plain search, at every start and limit.
    #[test]
    fn word_dfa_matches_plain_search() {
        let words: &[&[u8]] = &[b"charg", b"u.s.c", b"usc", b"plea", b"year", b"ear", b"s c"];
        let dfa = WordDfa::new(words);
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

    /// The starts of the second set's words the scan hands over (all of
    /// them, when none is taken) against a plain search, at every start
    /// and limit.
    #[test]
    fn word_dfa_second_set_matches_plain_search() {
        let first: &[&[u8]] = &[b"charg", b"united states code", b"u.s.c"];
        let second: &[&[u8]] = &[b"year", b"ear", b"day", b"fortnight", b"night"];
        let dfa = WordDfa::with_second(first, second);
        let hay =
            b"Two years. United States Code 5-day fortnight; u.s.c YEAR. nightyear d".as_slice();
        for from in 0..hay.len() {
            for limit in from..=hay.len() + 2 {
                let mut got = Vec::new();
                let (cue, unit) = dfa.scan(hay, from, limit, true, |p| {
                    got.push(p);
                    false
                });
                got.sort_unstable();
                let at = |p: usize, ws: &[&[u8]]| {
                    ws.iter().any(|w| {
                        hay.get(p..p + w.len())
                            .is_some_and(|x| x.eq_ignore_ascii_case(w))
                    })
                };
                let want: Vec<usize> = (from..limit.min(hay.len()))
                    .filter(|&p| at(p, second))
                    .collect();
                let want_cue = (from..limit.min(hay.len())).any(|p| at(p, first));
                assert!(!unit, "{from} {limit}");
                assert_eq!((cue, &got), (want_cue, &want), "{from} {limit}");
            }
        }
    }
}

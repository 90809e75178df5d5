//! Words and patterns of clemency language: trigger words, status cues,
//! generic-use cues. All regexes are compiled once.

use super::patterns::Starts;
use crate::text::Text;
use regex::Regex;
use std::sync::OnceLock;

/// The kind of clemency a trigger word names.
pub fn action_of(word: &str) -> &'static str {
    // ASCII case is ignored (as after `to_ascii_lowercase`).
    let starts = |p: &str| {
        word.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    if starts("pardon") {
        "pardon"
    } else if starts("commut") || starts("reduc") {
        "commutation"
    } else if starts("repriev") {
        "reprieve"
    } else if starts("remi") {
        "remission"
    } else {
        "clemency"
    }
}

/// Byte spans of the trigger words of `text`, in order: "pardon(s|ed|ing)",
/// "commut(e|es|ed|ing|ation|ations)", "repriev(e|es|ed)",
/// "remission(s)", "remit(s|ted)", "clemency", and a
/// "reduc(ed|es|ing) his|her|their|the [two words] sentence(s)" phrase as a
/// whole (executive sentence reduction). Case is ignored as a Unicode
/// case-insensitive regex ignores it (`ſ` is an `s`, `K` a `k`); words
/// are delimited by ASCII word boundaries. A hand-written scan: the same
/// matches as the regex in this module's tests, at a fraction of the cost.
///
/// A trigger opens with an ASCII letter after a byte that is not an ASCII
/// word byte: either a word start of `text.words` (after a character that
/// is not a letter, digit or `_`), or a letter right after a non-ASCII
/// letter or digit (`extra`, from [`after_non_ascii_alphanumeric`]). A
/// word of `text.words` is read only when the hash of its head is one a
/// trigger's may have ([`HeadSet`]).
///
/// The same pass pushes to `counts`, in order, the start of each word of
/// `text.words` that opens a noun of counted people followed by an ASCII
/// word boundary ([`super::patterns::noun_at`]): the noun, or its part
/// before an `ſ`, is the word's head, whose hash is looked up first.
pub fn trigger_spans(text: &Text, extra: &[usize], counts: &mut Vec<usize>) -> Vec<(usize, usize)> {
    let s = text.s;
    let h = heads();
    let mut out = Vec::new();
    let mut end = 0;
    let mut k = 0;
    // One table read turns away most words; the few left are told apart.
    for w in &text.words {
        let kinds = h.scan.get(HeadSet::bit(w.hash)).copied().unwrap_or(0);
        if kinds == 0 {
            continue;
        }
        if kinds & SCAN_TRIGGER != 0 {
            while let Some(&x) = extra.get(k).filter(|&&x| x < w.start) {
                try_trigger(s, x, &mut end, &mut out);
                k += 1;
            }
            try_trigger(s, w.start, &mut end, &mut out);
        }
        // Other bits of the hash turn away most of the rest.
        if kinds & SCAN_COUNT != 0
            && h.counts_other.may_hold(w.hash.rotate_left(OTHER_BITS))
            && super::patterns::noun_at(s.as_bytes(), w.start).is_some()
        {
            counts.push(w.start);
        }
    }
    for &x in extra.get(k..).unwrap_or(&[]) {
        try_trigger(s, x, &mut end, &mut out);
    }
    out
}

/// The trigger words ([`trigger_spans`]), lower case (the reduction
/// phrase by its first words).
const TRIGGER_WORDS: [&str; 22] = [
    "pardon",
    "pardons",
    "pardoned",
    "pardoning",
    "commute",
    "commutes",
    "commuted",
    "commuting",
    "commutation",
    "commutations",
    "reprieve",
    "reprieves",
    "reprieved",
    "remission",
    "remissions",
    "remit",
    "remits",
    "remitted",
    "clemency",
    "reduced",
    "reduces",
    "reducing",
];

/// The head hashes ([`crate::text::words::head_hash`]) a word opening one
/// of some phrases may have, as a bit table (some other hashes share its
/// bits).
///
/// A phrase's letters are ASCII, save that an `s` may be written `ſ` and a
/// `k` `K`; an ASCII word boundary or a space follows its first word. The
/// head of a word opening it (its run of ASCII letters, digits and `_`) is
/// that first word, or the part of it before a letter written `ſ` or `K`
/// ("remi" of "remiſsion"). No head is longer than
/// [`crate::text::words::HEAD_MAX`], so each has its hash.
#[derive(Debug)]
pub struct HeadSet([u64; 16]);

impl HeadSet {
    /// The table holding every hash.
    pub const ALL: HeadSet = HeadSet([u64::MAX; 16]);

    /// The table of `phrases` (lower case; a phrase's first word ends at
    /// its first byte that is no ASCII letter, digit or `_`).
    fn of<'w>(phrases: impl IntoIterator<Item = &'w str>) -> HeadSet {
        let mut t = HeadSet([0; 16]);
        for p in phrases {
            t.add(p.as_bytes());
        }
        t
    }

    /// Add the heads of the phrase `p`.
    fn add(&mut self, p: &[u8]) {
        self.add_with(p, |h| h);
    }

    /// Add the heads of the phrase `p` by `key` of their hashes.
    fn add_with(&mut self, p: &[u8], key: impl Fn(u64) -> u64) {
        let mut set = |head: &[u8]| {
            let k = Self::bit(key(crate::text::words::head_hash(head)));
            self.0[k >> 6] |= 1 << (k & 63);
        };
        let n = p.iter().position(|&c| !is_word_byte(c)).unwrap_or(p.len());
        let word = &p[..n];
        set(word);
        // Each part before an `s` or a `k`.
        for (k, _) in word
            .iter()
            .enumerate()
            .filter(|&(k, &c)| k > 0 && matches!(c, b's' | b'k'))
        {
            set(&word[..k]);
        }
    }

    /// The table bit of a hash (below 1024).
    #[inline]
    fn bit(hash: u64) -> usize {
        (hash >> 54) as usize
    }

    /// Whether the table has bit `k`.
    fn holds_bit(&self, k: usize) -> bool {
        self.0.get(k >> 6).is_some_and(|m| m >> (k & 63) & 1 == 1)
    }

    /// Whether a word whose head has `hash` may open one of the phrases.
    #[inline]
    pub fn may_hold(&self, hash: u64) -> bool {
        let k = Self::bit(hash);
        self.0.get(k >> 6).is_some_and(|m| m >> (k & 63) & 1 == 1)
    }
}

/// [`Heads::scan`]: a trigger word's head may have the bit.
const SCAN_TRIGGER: u8 = 1;

/// [`Heads::scan`]: a noun of counted people's head may have the bit.
const SCAN_COUNT: u8 = 2;

/// How far a hash is rotated for a second table of the same heads (its
/// bits other than the ten the first reads).
const OTHER_BITS: u32 = 10;

/// The head tables of the phrase lists read at word starts.
struct Heads {
    /// Per bit of a [`HeadSet`]: whether a trigger word's head has it
    /// ([`SCAN_TRIGGER`]), whether a noun of counted people's does
    /// ([`SCAN_COUNT`]). What [`trigger_spans`] reads.
    scan: [u8; 1024],
    /// The nouns of counted people by other bits of the hash (a hash
    /// rotated by [`OTHER_BITS`]).
    counts_other: HeadSet,
    cues: HeadSet,
    denials: HeadSet,
    commute: HeadSet,
    remission: HeadSet,
    hypothetical: HeadSet,
}

/// Call `f` on the stem with each of its endings (and bare when the
/// ending is optional) of each cue pattern of `list`.
fn pattern_words(list: &[CuePattern], mut f: impl FnMut(&[u8])) {
    let mut buf = [0u8; 32];
    for p in list {
        let bare: &[&str] = if p.ending_optional || p.endings.is_empty() {
            &[""]
        } else {
            &[]
        };
        let stem = p.stem.as_bytes();
        buf[..stem.len()].copy_from_slice(stem);
        for e in p.endings.iter().chain(bare) {
            let n = stem.len() + e.len();
            buf[stem.len()..n].copy_from_slice(e.as_bytes());
            f(&buf[..n]);
        }
    }
}

/// The head tables, built once.
fn heads() -> &'static Heads {
    static H: OnceLock<Heads> = OnceLock::new();
    H.get_or_init(|| {
        let mut cues = HeadSet([0; 16]);
        for c in b'a'..=b'z' {
            pattern_words(cue_patterns(c), |w| cues.add(w));
        }
        cues.add(b"voted");
        let mut denials = HeadSet([0; 16]);
        pattern_words(DENIALS_OTHER, |w| denials.add(w));
        let triggers = HeadSet::of(TRIGGER_WORDS);
        let mut counts = HeadSet([0; 16]);
        let mut counts_other = HeadSet([0; 16]);
        for c in b'a'..=b'z' {
            for w in super::patterns::counted(c) {
                counts.add(w.as_bytes());
                counts_other.add_with(w.as_bytes(), |h| h.rotate_left(OTHER_BITS));
            }
        }
        let mut scan = [0u8; 1024];
        for (k, kinds) in scan.iter_mut().enumerate() {
            if triggers.holds_bit(k) {
                *kinds |= SCAN_TRIGGER;
            }
            if counts.holds_bit(k) {
                *kinds |= SCAN_COUNT;
            }
        }
        Heads {
            scan,
            counts_other,
            cues,
            denials,
            commute: HeadSet::of(COMMUTE_CONTEXT.list.iter().copied()),
            remission: HeadSet::of(REMISSION_CONTEXT.list.iter().copied()),
            hypothetical: HeadSet::of(HYPOTHETICAL.list.iter().copied()),
        }
    })
}

/// The trigger starting at byte `i` (where an ASCII word boundary lies),
/// when it is past `end` (the end of the last trigger), pushed to `out`.
#[inline(always)]
fn try_trigger(s: &str, i: usize, end: &mut usize, out: &mut Vec<(usize, usize)>) {
    let b = s.as_bytes();
    // Every trigger opens with "par", "com", "cle", "rep", "rem" or "red":
    // most words fail on their first letters.
    let first = b.get(i).map_or(0, |&c| c | 0x20);
    if !matches!(first, b'p' | b'c' | b'r') || i < *end {
        return;
    }
    // No `ſ` or `K` to fold among these letters.
    let second = b.get(i + 1).map_or(0, |&c| c | 0x20);
    let third = b.get(i + 2).map_or(0, |&c| c | 0x20);
    let opens = match (first, second) {
        (b'p', b'a') => third == b'r',
        (b'c', b'o') => third == b'm',
        (b'c', b'l') => third == b'e',
        (b'r', b'e') => matches!(third, b'p' | b'm' | b'd'),
        _ => false,
    };
    if opens {
        if let Some(e) = trigger_at(s, i) {
            out.push((i, e));
            *end = e;
        }
    }
}

/// The ASCII letters of `s` right after a non-ASCII letter or digit, in
/// order (thirty-two ASCII bytes at a time are passed over at once); and
/// each `ſ` and `K` right after an ASCII word byte.
pub(super) fn after_non_ascii_alphanumeric(s: &str) -> (Vec<usize>, Vec<usize>) {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut folded = Vec::new();
    let mut from = 0;
    while let Some(j) = next_non_ascii(b, from) {
        // General punctuation (U+2000 to U+203F: curly quotes, dashes,
        // spaces), the usual non-ASCII, is neither a letter nor a digit
        // nor `ſ` nor `K`: passed over undecoded.
        if b[j] == 0xe2 && b.get(j + 1) == Some(&0x80) {
            from = j + 3;
            continue;
        }
        // `j` opens a character (the scan passes over whole characters).
        let Some(c) = s.get(j..).and_then(|r| r.chars().next()) else {
            from = j + 1;
            continue;
        };
        from = j + c.len_utf8();
        if matches!(c, '\u{17f}' | '\u{212a}')
            && j.checked_sub(1).is_some_and(|p| is_word_byte(b[p]))
        {
            folded.push(j);
        }
        // Curly quotes and dashes (the usual ones) are turned away before
        // the costly table lookup.
        if b.get(from).is_some_and(u8::is_ascii_alphabetic)
            && !matches!(c, '\u{2013}'..='\u{201f}')
            && c.is_alphanumeric()
        {
            out.push(from);
        }
    }
    (out, folded)
}

/// The first non-ASCII byte of `b` at or after `i`: thirty-two bytes at a
/// time, then eight, then one.
#[inline]
fn next_non_ascii(b: &[u8], mut i: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(block) = b.get(i..).and_then(|r| r.first_chunk::<32>()) {
        let word = |k: usize| {
            block
                .get(k..)
                .and_then(|r| r.first_chunk::<8>())
                .map_or(HIGH, |w| u64::from_le_bytes(*w))
        };
        if (word(0) | word(8) | word(16) | word(24)) & HIGH != 0 {
            break;
        }
        i += 32;
    }
    while let Some(w) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let m = u64::from_le_bytes(*w) & HIGH;
        if m != 0 {
            return Some(i + m.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    let tail = b.get(i..)?;
    tail.iter().position(|&c| c >= 0x80).map(|k| i + k)
}

/// ASCII word byte, as `(?-u:\b)` sees it.
#[inline]
pub(super) fn is_word_byte(c: u8) -> bool {
    WORD_BYTES[usize::from(c)]
}

/// ASCII word bytes (`[0-9A-Za-z_]`), by byte value.
const WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// Whether an ASCII word boundary lies at byte `i` of `b`.
pub(super) fn boundary(b: &[u8], i: usize) -> bool {
    let before = i > 0 && b.get(i - 1).is_some_and(|&c| is_word_byte(c));
    let after = b.get(i).is_some_and(|&c| is_word_byte(c));
    before != after
}

/// The end of the lower-case ASCII `word` read at byte `i` of `b`, case
/// folded (`s` also matches `ſ`, `k` also `K`).
pub(super) fn lit(b: &[u8], mut i: usize, word: &str) -> Option<usize> {
    for &w in word.as_bytes() {
        i = fold_step(b, i, w)?;
    }
    Some(i)
}

/// The end of the byte `w` of a lower-case ASCII word read at `i`, case
/// folded as [`lit`].
#[inline]
fn fold_step(b: &[u8], i: usize, w: u8) -> Option<usize> {
    let c = *b.get(i)?;
    if c == w || (w.is_ascii_lowercase() && c | 0x20 == w && c.is_ascii_alphabetic()) {
        Some(i + 1)
    } else if w == b's' && b[i..].starts_with("\u{17f}".as_bytes()) {
        Some(i + 2)
    } else if w == b'k' && b[i..].starts_with("\u{212a}".as_bytes()) {
        Some(i + 3)
    } else {
        None
    }
}

/// The first of `suffixes` (in order) read at `i` and followed by a word
/// boundary: the end of the match.
fn suffix_then_boundary(b: &[u8], i: usize, suffixes: &[&str]) -> Option<usize> {
    suffixes
        .iter()
        .find_map(|x| lit(b, i, x).filter(|&e| boundary(b, e)))
}

/// The end of a run of at least one whitespace character at `i`.
pub(super) fn spaces(s: &str, i: usize) -> Option<usize> {
    let rest = s.get(i..)?;
    let n = rest
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(rest.len(), |(k, _)| k);
    (n > 0).then_some(i + n)
}

/// The end of the trigger starting at byte `i` (a word start), if any.
fn trigger_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    if let Some(e) = lit(b, i, "pardon") {
        return suffix_then_boundary(b, e, &["s", "ed", "ing", ""]);
    }
    if let Some(e) = lit(b, i, "commut") {
        return suffix_then_boundary(b, e, &["e", "es", "ed", "ing", "ation", "ations"]);
    }
    if let Some(e) = lit(b, i, "repriev") {
        return suffix_then_boundary(b, e, &["e", "es", "ed"]);
    }
    if let Some(e) = lit(b, i, "remission") {
        return suffix_then_boundary(b, e, &["s", ""]);
    }
    if let Some(e) = lit(b, i, "remit") {
        return suffix_then_boundary(b, e, &["s", "ted", ""]);
    }
    if let Some(e) = lit(b, i, "clemency") {
        return boundary(b, e).then_some(e);
    }
    let e = lit(b, i, "reduc")?;
    let e = ["ed", "es", "ing"].iter().find_map(|x| lit(b, e, x))?;
    let e = spaces(s, e)?;
    ["his", "her", "their", "the"].iter().find_map(|p| {
        let e = spaces(s, lit(b, e, p)?)?;
        // Up to two words before "sentence", as many as possible first.
        (0..=2).rev().find_map(|words| {
            let mut e = e;
            for _ in 0..words {
                e = spaces(s, letter_run(s, e, 1, true)?)?;
            }
            suffix_then_boundary(b, lit(b, e, "sentence")?, &["s", ""])
        })
    })
}

/// The start of the run of whitespace that ends at byte `q` of `h` (`q`
/// itself when there is none).
pub(super) fn ws_back(h: &str, q: usize) -> usize {
    h.get(..q).map_or(q, |head| {
        head.char_indices()
            .rev()
            .find(|&(_, c)| !c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8())
    })
}

/// The start of `phrase` (as for [`phrase_at`]) read backwards so that it
/// ends at byte `end` of `h`. The encodings of the folded letters are
/// unambiguous, so this finds exactly the starts from which [`phrase_at`]
/// ends at `end`.
fn phrase_back(h: &str, end: usize, phrase: &str) -> Option<usize> {
    let b = h.as_bytes();
    let mut e = end;
    for &w in phrase.as_bytes().iter().rev() {
        if w == b' ' {
            let st = ws_back(h, e);
            if st == e {
                return None;
            }
            e = st;
            continue;
        }
        let head = b.get(..e)?;
        let c = *head.last()?;
        if c == w || (w.is_ascii_lowercase() && c | 0x20 == w && c.is_ascii_alphabetic()) {
            e -= 1;
        } else if w == b's' && head.ends_with("\u{17f}".as_bytes()) {
            e -= 2;
        } else if w == b'k' && head.ends_with("\u{212a}".as_bytes()) {
            e -= 3;
        } else {
            return None;
        }
    }
    Some(e)
}

/// The last byte before `end`, as a lower-case word's last byte would
/// match it (ASCII letters lower-cased, `ſ` an `s`, `K` a `k`).
fn last_folded(b: &[u8], end: usize) -> u8 {
    let Some(head) = b.get(..end) else {
        return 0;
    };
    match head.last() {
        Some(&c) if c.is_ascii_alphabetic() => c | 0x20,
        Some(_) if head.ends_with("\u{17f}".as_bytes()) => b's',
        Some(_) if head.ends_with("\u{212a}".as_bytes()) => b'k',
        Some(&c) => c,
        None => 0,
    }
}

/// Whether one of `words` ends at byte `end` of `h` and starts at an ASCII
/// word boundary.
fn word_ends_at(h: &str, words: &Ends, end: usize) -> bool {
    let b = h.as_bytes();
    words
        .ending_with(last_folded(b, end))
        .iter()
        .any(|w| phrase_back(h, end, w).is_some_and(|i| boundary(b, i)))
}

/// Whether `h` ends with whitespace after which, read backwards, at most
/// `max` tokens each preceded by whitespace lead to a position for which
/// `f` holds (where a word before them would end). `token_back` gives
/// the start of a token ending at a byte. Every `(?:token\s+){0,max}$`
/// tail after a word is such a chain: each `\s+` is a whole run, as the
/// words and tokens around it hold no whitespace at their edges.
fn tail_ends(
    h: &str,
    max: usize,
    token_back: impl Fn(&str, usize) -> Option<usize>,
    mut f: impl FnMut(usize) -> bool,
) -> bool {
    let mut q = ws_back(h, h.len());
    if q == h.len() {
        return false;
    }
    for k in 0..=max {
        if f(q) {
            return true;
        }
        if k == max {
            break;
        }
        let Some(t) = token_back(h, q) else {
            return false;
        };
        let before = ws_back(h, t);
        if before == t {
            return false;
        }
        q = before;
    }
    false
}

/// The start of a run of at least `min` letters ending at byte `q`
/// (ASCII letters, `ſ`, `K`; with `hyphen`, also `-`).
fn letter_run_back(h: &str, q: usize, min: usize, hyphen: bool) -> Option<usize> {
    let b = h.as_bytes();
    let mut i = q;
    let mut n = 0;
    loop {
        let head = b.get(..i)?;
        match head.last() {
            Some(c) if c.is_ascii_alphabetic() || (hyphen && *c == b'-') => i -= 1,
            Some(_) if head.ends_with("\u{17f}".as_bytes()) => i -= 2,
            Some(_) if head.ends_with("\u{212a}".as_bytes()) => i -= 3,
            _ => break,
        }
        n += 1;
    }
    (n >= min).then_some(i)
}

/// The end of `phrase` (lower-case ASCII, a space standing for a run of
/// whitespace, case folded as [`lit`]) read at `i`.
#[inline]
fn phrase_at(s: &str, mut i: usize, phrase: &str) -> Option<usize> {
    let b = s.as_bytes();
    for &w in phrase.as_bytes() {
        i = if w == b' ' {
            spaces(s, i)?
        } else {
            fold_step(b, i, w)?
        };
    }
    Some(i)
}

/// A sorted word list with the bounds of each first letter.
struct Words {
    list: &'static [&'static str],
    /// Per letter `a`..`z`, the index of the first word opening with it or
    /// a later letter (and the length last).
    index: [u8; 27],
    /// Per first letter `a`..`z`, the second characters of its words
    /// ([`second_bit`]).
    second: [u32; 26],
}

/// The bit of a word's second byte `c` in [`Words::second`]: a letter by
/// its lower case, any whitespace or non-ASCII byte (`ſ`, `K`, a
/// non-ASCII space) as bit 26, anything else as bit 27.
const fn second_bit(c: u8) -> u32 {
    if c.is_ascii_alphabetic() {
        1 << ((c | 0x20) - b'a')
    } else if c.is_ascii_whitespace() || c == 0x0b || c >= 0x80 {
        1 << 26
    } else {
        1 << 27
    }
}

impl Words {
    /// Index a list sorted by bytes, of lower-case words (at most 255).
    const fn new(list: &'static [&'static str]) -> Words {
        let mut index = [0u8; 27];
        let mut l = 0;
        while l < 26 {
            let mut n = 0;
            while n < list.len() && list[n].as_bytes()[0] < b'a' + l as u8 {
                n += 1;
            }
            index[l] = n as u8;
            l += 1;
        }
        index[26] = list.len() as u8;
        let mut second = [0u32; 26];
        let mut n = 0;
        while n < list.len() {
            let w = list[n].as_bytes();
            // A letter may be written `ſ` or `K`, a space any whitespace:
            // both are let through as non-ASCII bytes.
            let bit = if w.len() < 2 {
                u32::MAX
            } else {
                second_bit(w[1])
            };
            second[(w[0] - b'a') as usize] |= bit | 1 << 26;
            n += 1;
        }
        Words {
            list,
            index,
            second,
        }
    }

    /// Whether a word of the list may open at `i` of `b`, whose lower-case
    /// first letter is `c`, from its second byte (always when the first
    /// byte is not ASCII).
    #[inline]
    fn may_open(&self, b: &[u8], i: usize, c: u8) -> bool {
        if !b.get(i).is_some_and(u8::is_ascii) {
            return true;
        }
        let next = b.get(i + 1).map_or(1 << 27, |&x| second_bit(x));
        self.second
            .get(usize::from(c.wrapping_sub(b'a')))
            .is_some_and(|m| m & next != 0)
    }

    /// The words that open with the lower-case letter `c`.
    fn starting_with(&self, c: u8) -> &'static [&'static str] {
        let k = usize::from(c.wrapping_sub(b'a'));
        match (self.index.get(k), self.index.get(k + 1)) {
            (Some(&a), Some(&b)) => self.list.get(usize::from(a)..usize::from(b)).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// A word list sorted by last byte, with the bounds of each last byte.
struct Ends {
    list: &'static [&'static str],
    /// Per byte value, the index of the first word ending with it or a
    /// greater byte (and the length last).
    index: [u8; 257],
}

impl Ends {
    /// Index a list sorted by last byte, of non-empty words (at most 255).
    const fn new(list: &'static [&'static str]) -> Ends {
        let mut index = [0u8; 257];
        let mut c = 0;
        while c < 256 {
            let mut n = 0;
            while n < list.len() {
                let w = list[n].as_bytes();
                if w[w.len() - 1] as usize >= c {
                    break;
                }
                n += 1;
            }
            index[c] = n as u8;
            c += 1;
        }
        index[256] = list.len() as u8;
        Ends { list, index }
    }

    /// The words that end with the byte `c`.
    fn ending_with(&self, c: u8) -> &'static [&'static str] {
        let k = usize::from(c);
        match (self.index.get(k), self.index.get(k + 1)) {
            (Some(&a), Some(&b)) => self.list.get(usize::from(a)..usize::from(b)).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The word starts of `b` from byte `from` on, with their lower-case first
/// letter: an ASCII letter after a non-word byte, or `ſ` (an `s`) or `K`
/// (a `k`) after a word byte (where `(?-u:\b)` sees a boundary). The
/// specification of [`Starts::within`].
#[cfg(test)]
fn word_starts(b: &[u8], from: usize) -> WordStarts<'_> {
    WordStarts {
        b,
        i: from,
        prev_word: from > 0 && b.get(from - 1).is_some_and(|&c| is_word_byte(c)),
    }
}

/// The iterator of [`word_starts`]: a run of ASCII word bytes is passed
/// over at once (only its first byte may start a word).
#[cfg(test)]
struct WordStarts<'a> {
    b: &'a [u8],
    i: usize,
    /// Whether the byte before `i` is an ASCII word byte.
    prev_word: bool,
}

#[cfg(test)]
impl Iterator for WordStarts<'_> {
    type Item = (usize, u8);

    fn next(&mut self) -> Option<(usize, u8)> {
        let b = self.b;
        while let Some(&c) = b.get(self.i) {
            let i = self.i;
            let was = self.prev_word;
            if is_word_byte(c) {
                let mut j = i + 1;
                while b.get(j).is_some_and(|&x| is_word_byte(x)) {
                    j += 1;
                }
                self.i = j;
                self.prev_word = true;
                if !was && c.is_ascii_alphabetic() {
                    return Some((i, c | 0x20));
                }
                continue;
            }
            self.i = i + 1;
            self.prev_word = false;
            if was && c == 0xc5 && b[i..].starts_with("\u{17f}".as_bytes()) {
                return Some((i, b's'));
            }
            if was && c == 0xe2 && b[i..].starts_with("\u{212a}".as_bytes()) {
                return Some((i, b'k'));
            }
        }
        None
    }
}

/// Whether one of `words` (sorted) occurs in `h` between ASCII word
/// boundaries, read at the word starts `starts` of `h` (position, lower-case
/// first letter); the stems in `open` need no boundary after them
/// (`execut\w*` always finds one).
fn has_word(
    h: &str,
    mut starts: impl Iterator<Item = (usize, u8)>,
    words: &Words,
    open: &[&str],
) -> bool {
    let b = h.as_bytes();
    starts.any(|(i, c)| {
        (words.may_open(b, i, c)
            && words
                .starting_with(c)
                .iter()
                .any(|w| phrase_at(h, i, w).is_some_and(|e| boundary(b, e))))
            || open
                .iter()
                .any(|w| w.as_bytes().first() == Some(&c) && phrase_at(h, i, w).is_some())
    })
}

/// A run of at least `min` letters at `i` (ASCII letters, `ſ`, `K`; with
/// `hyphen`, also `-`): its end.
pub(super) fn letter_run(h: &str, mut i: usize, min: usize, hyphen: bool) -> Option<usize> {
    let b = h.as_bytes();
    let mut n = 0;
    loop {
        match b.get(i) {
            Some(c) if c.is_ascii_alphabetic() || (hyphen && *c == b'-') => i += 1,
            Some(_) if b[i..].starts_with("\u{17f}".as_bytes()) => i += 2,
            Some(_) if b[i..].starts_with("\u{212a}".as_bytes()) => i += 3,
            _ => break,
        }
        n += 1;
    }
    (n >= min).then_some(i)
}

/// Words between "for" and the people of a generic use (sorted).
const GENERIC_MODIFIERS: &[&str] = &[
    "all",
    "eligible",
    "federal",
    "many",
    "more",
    "non-violent",
    "nonviolent",
    "other",
    "some",
    "state",
    "such",
    "these",
    "those",
];

/// People in general after "for" / "to" (sorted).
const GENERIC_NOUNS: &[&str] = &[
    "anyone",
    "applicants",
    "everyone",
    "families",
    "individuals",
    "inmates",
    "offenders",
    "people",
    "persons",
    "prisoners",
    "those",
    "veterans",
];

/// Penal words for "commute" verbs (sorted).
const COMMUTE_CONTEXT: Words = Words::new(&[
    "clemency",
    "death",
    "execution",
    "life",
    "prison",
    "punishment",
    "sentence",
    "sentences",
    "term",
    "terms",
]);

/// Penal words for "remission" (sorted).
const REMISSION_CONTEXT: Words = Words::new(&[
    "assessment",
    "clemency",
    "debt",
    "debts",
    "fine",
    "fines",
    "forfeiture",
    "governor",
    "owed",
    "pardon",
    "penalties",
    "penalty",
    "president",
    "restitution",
    "sentence",
    "sentences",
]);

/// Penal words for "reprieve" (sorted).
const REPRIEVE_CONTEXT: Words = Words::new(&[
    "board",
    "clemency",
    "condemned",
    "death",
    "gov.",
    "governor",
    "inmate",
    "inmates",
    "lethal",
    "president",
    "sentence",
    "sentences",
]);

/// Penal word stems for "reprieve" (any ending) (sorted).
const REPRIEVE_OPEN: &[&str] = &["execut", "prison"];

/// Negation words (sorted by last byte).
const NEGATIONS: Ends = Ends::new(&["no", "never", "n't", "not", "without"]);

/// Words between a negation and the trigger (sorted by last byte).
const NEGATION_FILLERS: Ends = Ends::new(&[
    "a",
    "granted",
    "issued",
    "received",
    "requested",
    "signed",
    "be",
    "the",
    "of",
    "formal",
    "full",
    "form",
    "an",
    "been",
    "given",
    "to",
    "sought",
    "yet",
    "any",
]);

/// Determiners and quantifiers of generic uses (sorted by last byte).
const GENERIC_DETERMINERS: Ends = Ends::new(&[
    "more",
    "these",
    "those",
    "whose",
    "such",
    "additional",
    "all",
    "categorical",
    "several",
    "fewer",
    "further",
    "other",
    "similar",
    "mass",
    "blanket",
    "most",
    "any",
    "every",
    "many",
]);

/// Words of hypothetical or generic context (a space is any whitespace) (sorted).
const HYPOTHETICAL: Words = Words::new(&[
    "a governor",
    "a president",
    "can",
    "cannot",
    "could",
    "frequently",
    "generally",
    "governors",
    "if",
    "in the past",
    "may",
    "might",
    "often",
    "presidents",
    "routinely",
    "several times",
    "should",
    "sometimes",
    "typically",
    "unless",
    "usually",
    "whether",
    "would",
]);

/// Words that make "President" / "Governor" another office (sorted by last byte).
const NOT_OFFICE: Ends = Ends::new(&[
    "lt.",
    "club",
    "board",
    "college",
    "committee",
    "executive",
    "league",
    "senate",
    "vice",
    "village",
    "borough",
    "branch",
    "parish",
    "bank",
    "council",
    "national",
    "regional",
    "association",
    "commission",
    "federation",
    "foundation",
    "union",
    "township",
    "bar",
    "chamber",
    "chapter",
    "class",
    "assistant",
    "court",
    "district",
    "lieutenant",
    "student",
    "city",
    "company",
    "county",
    "deputy",
    "party",
    "society",
    "university",
]);

/// Titles of people who are not recipients (a space is any whitespace) (sorted by last byte).
const OTHER_TITLES: Ends = Ends::new(&[
    "gov.",
    "hon.",
    "lt.",
    "prof.",
    "rep.",
    "sen.",
    "detective",
    "judge",
    "justice",
    "representative",
    "sheriff",
    "counsel",
    "chairman",
    "chairwoman",
    "historian",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "warden",
    "adviser",
    "advisor",
    "chair",
    "commissioner",
    "director",
    "founder",
    "governor",
    "lawyer",
    "mayor",
    "member",
    "officer",
    "professor",
    "prosecutor",
    "reporter",
    "senator",
    "lawyers",
    "members",
    "prosecutors",
    "agent",
    "lieutenant",
    "president",
    "vice president",
    "attorney",
    "first lady",
    "secretary",
]);

/// A trigger about people in general: "clemency for people serving ...",
/// "petitions for clemency" (`h` is the text right after the trigger).
pub fn generic_around(h: &str) -> bool {
    let b = h.as_bytes();
    let start = h.len() - h.trim_start().len();
    let noun_at = |e: usize| {
        GENERIC_NOUNS
            .iter()
            .any(|w| lit(b, e, w).is_some_and(|x| boundary(b, x)))
    };
    ["for", "to"].iter().any(|w| {
        let Some(e) = lit(b, start, w).and_then(|e| spaces(h, e)) else {
            return false;
        };
        GENERIC_MODIFIERS
            .iter()
            .any(|m| lit(b, e, m).and_then(|x| spaces(h, x)).is_some_and(noun_at))
            || noun_at(e)
    })
}

/// Penal context for "commute" verbs (not travel) in `s[lo..hi]` (`s` the
/// text of `st`).
pub fn context_commute(st: &Starts, lo: usize, hi: usize) -> bool {
    let h = st.text().get(lo..hi).unwrap_or("");
    has_word(
        h,
        st.within(lo, hi, Some(&heads().commute)),
        &COMMUTE_CONTEXT,
        &[],
    )
}

/// Penal context for "remission" (not medical) in `s[lo..hi]`.
pub fn context_remission(st: &Starts, lo: usize, hi: usize) -> bool {
    let h = st.text().get(lo..hi).unwrap_or("");
    has_word(
        h,
        st.within(lo, hi, Some(&heads().remission)),
        &REMISSION_CONTEXT,
        &[],
    )
}

/// Penal context for "reprieve" (not "a reprieve from the heat") in
/// `s[lo..hi]` (its open stems take any word).
pub fn context_reprieve(st: &Starts, lo: usize, hi: usize) -> bool {
    let h = st.text().get(lo..hi).unwrap_or("");
    has_word(h, st.within(lo, hi, None), &REPRIEVE_CONTEXT, REPRIEVE_OPEN)
}

/// Negation right before a trigger ("not a pardon", "has not granted
/// clemency", "never commuted"); `h` ends at the trigger.
pub fn negation_before(h: &str) -> bool {
    // A filler is a whole run of non-whitespace between two runs.
    let filler_back = |h: &str, q: usize| {
        let t = h
            .get(..q)?
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8());
        NEGATION_FILLERS
            .ending_with(last_folded(h.as_bytes(), q))
            .iter()
            .any(|w| phrase_back(h, q, w) == Some(t))
            .then_some(t)
    };
    tail_ends(h, 4, filler_back, |e| word_ends_at(h, &NEGATIONS, e))
}

/// Determiners and quantifiers right before a trigger that make it generic.
pub fn generic_before(h: &str) -> bool {
    tail_ends(
        h,
        2,
        |h, q| letter_run_back(h, q, 1, true),
        |e| word_ends_at(h, &GENERIC_DETERMINERS, e),
    )
}

/// Hypothetical or generic context in a sentence `s[lo..hi]`: modals,
/// conditionals, an indefinite office-holder.
pub fn hypothetical(st: &Starts, lo: usize, hi: usize) -> bool {
    let h = st.text().get(lo..hi).unwrap_or("");
    has_word(
        h,
        st.within(lo, hi, Some(&heads().hypothetical)),
        &HYPOTHETICAL,
        &[],
    )
}

/// Words before "President" / "Governor" that make it another office
/// ("Vice President", "Senate President", "Lt. Gov.", "company president");
/// `h` ends at the title.
pub fn not_office(h: &str) -> bool {
    tail_ends(h, 0, |_, _| None, |e| word_ends_at(h, &NOT_OFFICE, e))
}

/// Titles before a name that mark someone who is not a clemency recipient
/// in the sentence (officials, lawyers, spokespeople); `h` ends at the name:
/// a title, an optional comma, whitespace, then up to two capitalized words
/// (case-insensitive: any words of two letters or more).
pub fn other_title(h: &str) -> bool {
    let b = h.as_bytes();
    tail_ends(
        h,
        2,
        |h, q| letter_run_back(h, q, 2, false),
        |e| {
            word_ends_at(h, &OTHER_TITLES, e)
                || (e > 0 && b.get(e - 1) == Some(&b',') && word_ends_at(h, &OTHER_TITLES, e - 1))
        },
    )
}

/// "case ... rejected", "request ... denied": a request for clemency turned
/// down without naming the action, in lower-case text (as ASCII
/// lower-casing leaves it; matched exactly). The first such span: a request
/// word, then within 120 characters without a "." or ";" the nearest
/// refusal, each between ASCII word boundaries.
pub fn request_refused(lower: &str) -> Option<(usize, usize)> {
    let b = lower.as_bytes();
    let refusal_at = |p: usize| -> Option<usize> {
        let rest = b.get(p..)?;
        let e = ["rejected", "denied", "declined"]
            .iter()
            .find(|v| rest.starts_with(v.as_bytes()))
            .map(|v| p + v.len())
            .or_else(|| {
                rest.starts_with(b"turned")
                    .then(|| spaces(lower, p + 6))
                    .flatten()
                    .filter(|&x| b[x..].starts_with(b"down"))
                    .map(|x| x + 4)
            })?;
        boundary(b, e).then_some(e)
    };
    (0..b.len()).find_map(|i| {
        if !boundary(b, i) {
            return None;
        }
        let rest = &b[i..];
        let noun_end = ["case", "request", "petition", "application", "plea"]
            .iter()
            .find(|n| rest.starts_with(n.as_bytes()))
            .map(|n| i + n.len())
            .filter(|&e| boundary(b, e))?;
        // As few characters as possible in between.
        let mut p = noun_end;
        for n in 0..=120 {
            if boundary(b, p) {
                if let Some(e) = refusal_at(p) {
                    return Some((i, e));
                }
            }
            if n == 120 {
                break;
            }
            let c = lower.get(p..)?.chars().next()?;
            if c == '.' || c == ';' {
                break;
            }
            p += c.len_utf8();
        }
        None
    })
}

/// Nouns after a trigger that make it a modifier of an institution or a
/// power rather than an action ("Pardon Attorney", "clemency power").
pub const NON_EVENT_HEADS: &[&str] = &[
    "attorney",
    "attorneys",
    "board",
    "boards",
    "advisory",
    "and",
    "power",
    "powers",
    "authority",
    "clause",
    "process",
    "system",
    "foundation",
    "office",
    "rate",
    "rates",
    "statute",
    "law",
    "laws",
    "policy",
    "project",
    "initiative",
    "unit",
    "committee",
    "commission",
    "council",
    "clinic",
    "program",
    "coalition",
    "advocates",
    "lawyer",
    "lawyers",
    "expert",
    "experts",
];

/// Plural nouns after a trigger that make it generic ("pardon applications").
pub const PLURAL_HEADS: &[&str] = &[
    "petitions",
    "applications",
    "requests",
    "recommendations",
    "cases",
    "hearings",
    "grants",
    "decisions",
    "recipients",
    "seekers",
    "applicants",
    "actions",
];

/// The status a cue word tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// "denied", "rejected", "turned down", "voted against", ...
    Denied,
    /// "recommended", "considering", "plans to", "under review", ...
    Proposed,
    /// "petitioned", "asked", "requested", "called for", ...
    Sought,
}

/// One cue pattern: a stem, its endings (in order of preference, `None`
/// when one is required), and what must follow (a space standing for a
/// run of whitespace; empty when nothing), then a word boundary.
struct CuePattern {
    stem: &'static str,
    endings: &'static [&'static str],
    ending_optional: bool,
    then: &'static [&'static str],
    cue: Cue,
}

/// The cue patterns by first letter, each list in order of preference
/// (patterns with different first letters never compete).
const fn cue_patterns(c: u8) -> &'static [CuePattern] {
    match c {
        b'a' => CUES_A,
        b'b' => CUES_B,
        b'c' => CUES_C,
        b'd' => CUES_D,
        b'e' => CUES_E,
        b'i' => CUES_I,
        b'l' => CUES_L,
        b'p' => CUES_P,
        b'r' => CUES_R,
        b's' => CUES_S,
        b't' => CUES_T,
        b'u' => CUES_U,
        b'w' => CUES_W,
        _ => &[],
    }
}

/// Per first letter `a`..`z` of a cue, the second letters it may have (bit
/// `x - 'a'`; bit 26 for a non-ASCII one such as `ſ`).
const CUE_SECOND: [u32; 26] = {
    let mut t = [0u32; 26];
    let mut c = 0;
    while c < 26 {
        let list = cue_patterns(b'a' + c as u8);
        let mut k = 0;
        while k < list.len() {
            let second = list[k].stem.as_bytes()[1];
            t[c] |= 1 << (second - b'a');
            // An `s` may be written `ſ`.
            if second == b's' {
                t[c] |= 1 << 26;
            }
            k += 1;
        }
        c += 1;
    }
    t[(b'v' - b'a') as usize] |= 1 << (b'o' - b'a');
    t
};

/// Per first and second letter (`26 * first + second`, both `a`..`z`) of
/// a cue, the third characters it may have: bit `x - 'a'` for a letter,
/// bit 26 for what may be written otherwise (whitespace for a space, `ſ`
/// for an `s`, `K` for a `k`). "voted" is read apart.
const CUE_THIRD: [u32; 26 * 26] = {
    let mut t = [0u32; 26 * 26];
    let mut c = 0;
    while c < 26 {
        let list = cue_patterns(b'a' + c as u8);
        let mut k = 0;
        while k < list.len() {
            let stem = list[k].stem.as_bytes();
            let pair = c * 26 + (stem[1] - b'a') as usize;
            let third = stem[2];
            if third.is_ascii_lowercase() {
                t[pair] |= 1 << (third - b'a');
            }
            if !third.is_ascii_lowercase() || third == b's' || third == b'k' {
                t[pair] |= 1 << 26;
            }
            k += 1;
        }
        c += 1;
    }
    t
};

const CUES_A: &[CuePattern] = &[
    cue_pattern(
        "against",
        &[],
        false,
        &[" commuting", " granting", " pardoning", " clemency"],
        Cue::Denied,
    ),
    cue_pattern("applica", &["tion", "tions"], false, &[], Cue::Sought),
    cue_pattern(
        "appl",
        &["y", "ied", "ies", "ying"],
        false,
        &[],
        Cue::Sought,
    ),
    cue_pattern("ask", &["s", "ed", "ing"], true, &[], Cue::Sought),
];
const CUES_B: &[CuePattern] = &[cue_pattern("bid", &[], false, &[" for"], Cue::Sought)];
const CUES_C: &[CuePattern] = &[
    cue_pattern("consider", &["s", "ed", "ing"], false, &[], Cue::Proposed),
    cue_pattern("campaign", &["s", "ed", "ing"], true, &[], Cue::Sought),
    cue_pattern("call", &["s", "ed"], true, &[" for"], Cue::Sought),
];
const CUES_D: &[CuePattern] = &[
    cue_pattern(
        "den",
        &["y", "ies", "ied", "ying", "ial"],
        false,
        &[],
        Cue::Denied,
    ),
    cue_pattern("declin", &["e", "es", "ed", "ing"], false, &[], Cue::Denied),
];
const CUES_E: &[CuePattern] = &[cue_pattern("expected", &[], false, &[" to"], Cue::Proposed)];
const CUES_I: &[CuePattern] = &[
    cue_pattern("intend", &["s"], true, &[" to"], Cue::Proposed),
    cue_pattern("is weighing", &[], false, &[], Cue::Proposed),
];
const CUES_L: &[CuePattern] = &[cue_pattern(
    "lobb",
    &["y", "ied", "ying"],
    false,
    &[],
    Cue::Sought,
)];
const CUES_P: &[CuePattern] = &[
    cue_pattern("plan", &["s"], true, &[" to"], Cue::Proposed),
    cue_pattern("planning", &[], false, &[" to"], Cue::Proposed),
    cue_pattern("petition", &["s", "ed", "ing"], true, &[], Cue::Sought),
    cue_pattern(
        "press",
        &["es", "ed", "ing"],
        true,
        &[" gov", " governor", " president", " the"],
        Cue::Sought,
    ),
    cue_pattern("plead", &["s", "ed", "ing"], true, &[" for"], Cue::Sought),
];
const CUES_R: &[CuePattern] = &[
    cue_pattern("reject", &["s", "ed", "ing"], true, &[], Cue::Denied),
    cue_pattern("refus", &["e", "es", "ed", "ing"], false, &[], Cue::Denied),
    cue_pattern(
        "recommend",
        &["s", "ed", "ing", "ation"],
        true,
        &[],
        Cue::Proposed,
    ),
    cue_pattern("request", &["s", "ed", "ing"], true, &[], Cue::Sought),
];
const CUES_S: &[CuePattern] = &[
    cue_pattern("seek", &["s", "ing"], true, &[], Cue::Sought),
    cue_pattern("sought", &[], false, &[], Cue::Sought),
];
const CUES_T: &[CuePattern] = &[cue_pattern(
    "turn",
    &["s", "ed"],
    true,
    &[" down"],
    Cue::Denied,
)];
const CUES_U: &[CuePattern] = &[
    cue_pattern("under review", &[], false, &[], Cue::Proposed),
    cue_pattern("urg", &["e", "es", "ed", "ing"], false, &[], Cue::Sought),
];
const CUES_W: &[CuePattern] = &[cue_pattern("will review", &[], false, &[], Cue::Proposed)];

const fn cue_pattern(
    stem: &'static str,
    endings: &'static [&'static str],
    ending_optional: bool,
    then: &'static [&'static str],
    cue: Cue,
) -> CuePattern {
    CuePattern {
        stem,
        endings,
        ending_optional,
        then,
        cue,
    }
}

/// The end of a cue pattern read at `i`, trying endings and what follows
/// in order of preference (as a regex backtracks).
fn cue_pattern_at(h: &str, i: usize, p: &CuePattern) -> Option<usize> {
    let b = h.as_bytes();
    let e = phrase_at(h, i, p.stem)?;
    let bare: &[&str] = if p.ending_optional || p.endings.is_empty() {
        &[""]
    } else {
        &[]
    };
    p.endings.iter().chain(bare).find_map(|x| {
        let e = phrase_at(h, e, x)?;
        if p.then.is_empty() {
            boundary(b, e).then_some(e)
        } else {
            p.then
                .iter()
                .find_map(|t| phrase_at(h, e, t).filter(|&x| boundary(b, x)))
        }
    })
}

/// A run of digits at `i` (`\d+`: Unicode decimal digits): its end.
pub(super) fn digits(h: &str, i: usize) -> Option<usize> {
    let rest = h.get(i..)?;
    let n = rest
        .char_indices()
        .find(|&(_, c)| !is_decimal_digit(c))
        .map_or(rest.len(), |(k, _)| k);
    (n > 0).then_some(i + n)
}

/// Whether `c` is a Unicode decimal digit (`\d`). Only a non-ASCII number
/// is looked up, in a regex built the first time one is met.
pub(super) fn is_decimal_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    if !c.is_numeric() {
        return false;
    }
    static R: OnceLock<Regex> = OnceLock::new();
    let mut buf = [0u8; 4];
    R.get_or_init(|| Regex::new(r"^\d$").expect("valid regex"))
        .is_match(c.encode_utf8(&mut buf))
}

/// "voted against", "voted 5-2 against" read at `i`: its end.
fn voted_against(h: &str, i: usize) -> Option<usize> {
    let b = h.as_bytes();
    let e = phrase_at(h, i, "voted ")?;
    let tally = digits(h, e)
        .and_then(|x| phrase_at(h, x, "-"))
        .and_then(|x| digits(h, x))
        .and_then(|x| spaces(h, x));
    tally
        .into_iter()
        .chain([e])
        .find_map(|x| phrase_at(h, x, "against").filter(|&y| boundary(b, y)))
}

/// The status cues of `s[lo..hi]` (`s` the text of `st`), in order and not
/// overlapping: (start, end, cue), relative to `lo`.
pub fn cues(st: &Starts, lo: usize, hi: usize) -> Vec<(usize, usize, Cue)> {
    let h = st.text().get(lo..hi).unwrap_or("");
    cues_at(h, st.within(lo, hi, Some(&heads().cues)))
}

/// The status cues of `h` read at its word starts `starts` (those where
/// none opens may be left out).
fn cues_at(h: &str, starts: impl Iterator<Item = (usize, u8)>) -> Vec<(usize, usize, Cue)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in starts {
        if i < from {
            continue;
        }
        if let Some((e, cue)) = cue_read(h, i, c) {
            out.push((i, e, cue));
            from = e;
        }
    }
    out
}

/// The cue read at the word start `i` of `h` (lower-case first letter `c`):
/// its end.
fn cue_read(h: &str, i: usize, c: u8) -> Option<(usize, Cue)> {
    let b = h.as_bytes();
    // Most words fail on their second letter (an ASCII one after an
    // ASCII first letter; `ſ` is let through).
    if b[i].is_ascii() {
        let second = b.get(i + 1).copied().unwrap_or(0);
        let bit = if second.is_ascii_alphabetic() {
            1 << ((second | 0x20) - b'a')
        } else if second >= 0x80 {
            1 << 26
        } else {
            0
        };
        if CUE_SECOND[usize::from(c - b'a')] & bit == 0 {
            return None;
        }
        // Then on their third (after an ASCII second letter).
        if second.is_ascii_alphabetic() && c != b'v' {
            let third = b.get(i + 2).copied().unwrap_or(0);
            let bit = if third.is_ascii_alphabetic() {
                1 << ((third | 0x20) - b'a')
            } else {
                1 << 26
            };
            let pair = usize::from(c - b'a') * 26 + usize::from((second | 0x20) - b'a');
            if CUE_THIRD[pair] & bit == 0 {
                return None;
            }
        }
    }
    // "voted (5-2) against" is the only pattern opening with a v.
    if c == b'v' {
        return voted_against(h, i).map(|e| (e, Cue::Denied));
    }
    cue_patterns(c)
        .iter()
        .find_map(|p| cue_pattern_at(h, i, p).map(|e| (e, p.cue)))
}

/// Phrases in which a denial word is not about the action ("declined to
/// say", "denied wrongdoing"): "declin|refus(e|es|ed|ing) [to] say|...",
/// "den(y|ies|ied|ying) [any] wrongdoing|...", each between word
/// boundaries, in order of preference.
const DENIALS_OTHER: &[CuePattern] = &[
    cue_pattern(
        "declin",
        &["e", "es", "ed", "ing"],
        false,
        THEN_DECLINE,
        Cue::Denied,
    ),
    cue_pattern(
        "refus",
        &["e", "es", "ed", "ing"],
        false,
        THEN_DECLINE,
        Cue::Denied,
    ),
    cue_pattern(
        "den",
        &["y", "ies", "ied", "ying"],
        false,
        THEN_DENY,
        Cue::Denied,
    ),
];

/// What a refusal is about when it is not the action ("to comment").
const THEN_DECLINE: &[&str] = &[
    " to say",
    " to comment",
    " to discuss",
    " to elaborate",
    " to specify",
    " to confirm",
    " to disclose",
    " to answer",
    " to respond",
    " to explain",
    " to provide",
    " to identify",
    " to release",
    " to name",
    " say",
    " comment",
    " discuss",
    " elaborate",
    " specify",
    " confirm",
    " disclose",
    " answer",
    " respond",
    " explain",
    " provide",
    " identify",
    " release",
    " name",
];

/// What a denial is about when it is not the action ("any wrongdoing").
const THEN_DENY: &[&str] = &[
    " any wrongdoing",
    " any the allegations",
    " any the charges",
    " any guilt",
    " any involvement",
    " wrongdoing",
    " the allegations",
    " the charges",
    " guilt",
    " involvement",
];

/// The spans of the phrases of `s[lo..hi]` in which a denial word is not
/// about the action, in order and not overlapping, relative to `lo`.
pub fn denials_other(st: &Starts, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let h = st.text().get(lo..hi).unwrap_or("");
    denials_at(h, st.within(lo, hi, Some(&heads().denials)))
}

/// The denials about something else of `h` read at its word starts
/// `starts` (those where none opens may be left out).
fn denials_at(h: &str, starts: impl Iterator<Item = (usize, u8)>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in starts {
        if i < from {
            continue;
        }
        let hit = DENIALS_OTHER
            .iter()
            .filter(|p| p.stem.as_bytes().first() == Some(&c))
            .find_map(|p| cue_pattern_at(h, i, p));
        if let Some(e) = hit {
            out.push((i, e));
            from = e;
        }
    }
    out
}

/// The number of a count word ("six", "1,499"), `None` for "several" /
/// "following".
pub fn count_value(w: &str) -> Option<usize> {
    let v = crate::legal::numbers::number_value(w)?;
    (v >= 0.0 && v.fract() == 0.0).then_some(v as usize)
}

/// Section headers of clemency lists ("PARDONS", "Commutations:").
pub fn section_action(line: &str) -> Option<&'static str> {
    const HEADERS: [(&str, &str); 13] = [
        ("pardon", "pardon"),
        ("pardons", "pardon"),
        ("full pardons", "pardon"),
        ("pardons granted", "pardon"),
        ("commutation", "commutation"),
        ("commutations", "commutation"),
        ("commutations of sentence", "commutation"),
        ("commutations granted", "commutation"),
        ("reprieve", "reprieve"),
        ("reprieves", "reprieve"),
        ("remission", "remission"),
        ("remissions", "remission"),
        ("remissions of fines", "remission"),
    ];
    let l = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_end_matches(':')
        .trim();
    // ASCII case is ignored (as after `to_ascii_lowercase`).
    HEADERS
        .iter()
        .find(|(h, _)| l.eq_ignore_ascii_case(h))
        .map(|(_, a)| *a)
}

/// U.S. states and their postal codes (for office-holder lookup).
pub const STATES: &[(&str, &str)] = &[
    ("Alabama", "AL"),
    ("Alaska", "AK"),
    ("Arizona", "AZ"),
    ("Arkansas", "AR"),
    ("California", "CA"),
    ("Colorado", "CO"),
    ("Connecticut", "CT"),
    ("Delaware", "DE"),
    ("Florida", "FL"),
    ("Georgia", "GA"),
    ("Hawaii", "HI"),
    ("Idaho", "ID"),
    ("Illinois", "IL"),
    ("Indiana", "IN"),
    ("Iowa", "IA"),
    ("Kansas", "KS"),
    ("Kentucky", "KY"),
    ("Louisiana", "LA"),
    ("Maine", "ME"),
    ("Maryland", "MD"),
    ("Massachusetts", "MA"),
    ("Michigan", "MI"),
    ("Minnesota", "MN"),
    ("Mississippi", "MS"),
    ("Missouri", "MO"),
    ("Montana", "MT"),
    ("Nebraska", "NE"),
    ("Nevada", "NV"),
    ("New Hampshire", "NH"),
    ("New Jersey", "NJ"),
    ("New Mexico", "NM"),
    ("New York", "NY"),
    ("North Carolina", "NC"),
    ("North Dakota", "ND"),
    ("Ohio", "OH"),
    ("Oklahoma", "OK"),
    ("Oregon", "OR"),
    ("Pennsylvania", "PA"),
    ("Rhode Island", "RI"),
    ("South Carolina", "SC"),
    ("South Dakota", "SD"),
    ("Tennessee", "TN"),
    ("Texas", "TX"),
    ("Utah", "UT"),
    ("Vermont", "VT"),
    ("Virginia", "VA"),
    ("Washington", "WA"),
    ("West Virginia", "WV"),
    ("Wisconsin", "WI"),
    ("Wyoming", "WY"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clemency::xorshift;

    /// The trigger words as a regex: the specification of [`trigger_spans`].
    fn re_trigger() -> Regex {
        Regex::new(
            r"(?i)(?-u:\b)(pardon(?:s|ed|ing)?|commut(?:e|es|ed|ing|ation|ations)|repriev(?:e|es|ed)|remission(?:s)?|remit(?:s|ted)?|clemency|reduc(?:ed|es|ing)\s+(?:his|her|their|the)\s+(?:[a-z-]+\s+){0,2}sentences?)(?-u:\b)",
        )
        .expect("valid regex")
    }

    /// A regex and the matcher that replaces it.
    type Spec = (Regex, fn(&str) -> bool);

    /// `f` read over the whole of `t`.
    fn whole<R>(t: &str, f: impl Fn(&Starts, usize, usize) -> R) -> R {
        let text = Text::new(t);
        let st = Starts::new(&text);
        f(&st, 0, t.len())
    }

    /// The regexes the word matchers replace: their specification.
    fn specs() -> Vec<Spec> {
        vec![
            (
                Regex::new(r"(?i)^\s*(?:for|to)\s+(?:(?:all|many|more|other|those|these|some|such|eligible|nonviolent|non-violent|federal|state)\s+)?(?:people|persons|prisoners|inmates|individuals|offenders|anyone|everyone|those|applicants|veterans|families)(?-u:\b)").expect("valid regex"),
                generic_around,
            ),
            (
                Regex::new(r"(?i)(?-u:\b)(?:sentences?|terms?|punishment|prison|death|life|execution|clemency)(?-u:\b)").expect("valid regex"),
                |t| whole(t, context_commute),
            ),
            (
                Regex::new(r"(?i)(?-u:\b)(?:fines?|restitution|forfeiture|penalt(?:y|ies)|debts?|sentences?|president|governor|clemency|pardon|owed|assessment)(?-u:\b)").expect("valid regex"),
                |t| whole(t, context_remission),
            ),
            (
                Regex::new(r"(?i)(?-u:\b)(?:execut\w*|death|sentences?|governor|gov\.|president|prison\w*|clemency|board|condemned|inmates?|lethal)(?-u:\b)").expect("valid regex"),
                |t| whole(t, context_reprieve),
            ),
            (
                Regex::new(r"(?i)(?-u:\b)(?:not|never|no|n't|without)\s+(?:(?:been|be|a|an|the|any|form|of|yet|granted|issued|given|received|sought|requested|signed|to|full|formal)\s+){0,4}$").expect("valid regex"),
                negation_before,
            ),
            (
                Regex::new(r"(?i)(?-u:\b)(?:any|every|more|most|all|many|several|similar|such|other|additional|further|fewer|mass|categorical|blanket|those|these|whose)\s+(?:[a-z-]+\s+){0,2}$").expect("valid regex"),
                generic_before,
            ),
            (
                Regex::new(r"(?i)(?-u:\b)(?:may|might|could|can|cannot|should|would|if|whether|unless|a\s+president|a\s+governor|presidents|governors|sometimes|often|usually|typically|frequently|routinely|generally|several\s+times|in\s+the\s+past)(?-u:\b)").expect("valid regex"),
                |t| whole(t, hypothetical),
            ),
            (
                Regex::new(r"(?i)(?-u:\b)(?:vice|senate|council|board|borough|bar|association|union|court|club|university|college|company|bank|chamber|class|student|parish|county|city|village|township|commission|committee|foundation|society|league|lt\.|lieutenant|deputy|assistant|executive|regional|national|federation|chapter|branch|district|party)\s+$").expect("valid regex"),
                not_office,
            ),
            (
                Regex::new(r"(?i)(?-u:\b)(?:judge|justice|sen\.|senator|rep\.|representative|hon\.|attorney|lawyer|lawyers|counsel|prosecutor|prosecutors|spokes(?:person|man|woman)|director|professor|prof\.|sheriff|mayor|detective|agent|officer|warden|historian|reporter|secretary|advis[eo]r|chairman|chairwoman|chair|commissioner|lt\.|lieutenant|vice\s+president|first\s+lady|member|members|founder|president|governor|gov\.)[,]?\s+(?:[A-Z][a-z]+\s+){0,2}$").expect("valid regex"),
                other_title,
            ),
        ]
    }

    /// Compare [`trigger_spans`] with the regex on `n` strings built from
    /// `pieces`; the number of matches seen.
    fn fuzz(pieces: &[&str], n: usize) -> usize {
        let re = re_trigger();
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        let mut hits = 0;
        for _ in 0..n {
            let mut t = String::new();
            for _ in 0..next() % 12 + 1 {
                t.push_str(pieces[(next() >> 32) as usize % pieces.len()]);
            }
            let want: Vec<(usize, usize)> =
                re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            let text = Text::new(&t);
            let (extra, _) = after_non_ascii_alphanumeric(&t);
            assert_eq!(trigger_spans(&text, &extra, &mut Vec::new()), want, "{t:?}");
            hits += want.len();
        }
        hits
    }

    #[test]
    fn cues_match_the_regex() {
        let re = Regex::new(r"(?ix)(?-u:\b)(?:
              (?P<denied>den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|declin(?:e|es|ed|ing)|refus(?:e|es|ed|ing)|turn(?:s|ed)?\s+down|voted\s+(?:\d+-\d+\s+)?against|against\s+(?:commuting|granting|pardoning|clemency))
             |(?P<proposed>recommend(?:s|ed|ing|ation)?|consider(?:s|ed|ing)|plans?\s+to|planning\s+to|intends?\s+to|is\s+weighing|expected\s+to|will\s+review|under\s+review)
             |(?P<sought>petition(?:s|ed|ing)?|applica(?:tion|tions)|appl(?:y|ied|ies|ying)|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|campaign(?:s|ed|ing)?|lobb(?:y|ied|ying)|urg(?:e|es|ed|ing)|seek(?:s|ing)?|sought|press(?:es|ed|ing)?\s+(?:gov|governor|president|the)|call(?:s|ed)?\s+for|plead(?:s|ed|ing)?\s+for|bid\s+for)
            )(?-u:\b)").expect("valid regex");
        let regex_cues = |t: &str| -> Vec<(usize, usize, Cue)> {
            re.captures_iter(t)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    let cue = if c.name("denied").is_some() {
                        Cue::Denied
                    } else if c.name("proposed").is_some() {
                        Cue::Proposed
                    } else {
                        Cue::Sought
                    };
                    Some((m.start(), m.end(), cue))
                })
                .collect()
        };
        let pieces: Vec<&str> = "den deny denies denied denying denial reject rejects rejected \
            rejecting declin decline declines declined declining refuse refused refusing turn turns \
            turned down voted against commuting granting pardoning clemency recommend recommends \
            recommended recommending recommendation recommendations consider considers considered \
            considering plan plans planning to intend intends is weighing expected will review \
            under petition petitions petitioned petitioning application applications applica \
            apply applied applies applying ask asks asked asking request requests requested \
            requesting campaign campaigns lobby lobbied lobbying urge urges urged urging seek \
            seeks seeking sought press presses pressed pressing gov governor president the call \
            calls called for plead pleads pleaded pleading bid 5-2 10-1 7 - x"
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect();
        let seps = [
            " ", " ", " ", "  ", "\u{2003}", ", ", "", "-", ".", "_", "\n",
        ];
        let odd = [
            "\u{17f}", "\u{212a}", "\u{663}", "\u{bd}", "\u{2167}", "S", "K", "1",
        ];
        let mut next = xorshift(0x1234_5678_9abc_def1);
        let mut hits = 0;
        for _ in 0..150_000 {
            let mut t = String::new();
            for _ in 0..next() % 8 + 1 {
                let r = next();
                match r % 8 {
                    0 => t.push_str(odd[(r >> 8) as usize % odd.len()]),
                    1 => t.push_str(&pieces[(r >> 8) as usize % pieces.len()].to_uppercase()),
                    _ => t.push_str(pieces[(r >> 8) as usize % pieces.len()]),
                }
                t.push_str(seps[(next() >> 8) as usize % seps.len()]);
            }
            let want = regex_cues(&t);
            assert_eq!(whole(&t, cues), want, "{t:?}");
            hits += want.len();
        }
        assert!(hits > 50_000, "{hits}");
        for t in [
            "voted 5-2 against",
            "voted \u{663}-\u{663} against",
            "voted \u{bd}-1 against",
            "a\u{17f}ked",
            "xa\u{17f}ked",
            "turned  down",
            "pressed governor",
            "pressed gov",
            "recommendations recommendation",
        ] {
            assert_eq!(whole(t, cues), regex_cues(t), "{t:?}");
        }
    }

    #[test]
    fn denials_other_match_the_regex() {
        let re = Regex::new(r"(?i)(?-u:\b)(?:declin(?:e|es|ed|ing)|refus(?:e|es|ed|ing))\s+(?:to\s+)?(?:say|comment|discuss|elaborate|specify|confirm|disclose|answer|respond|explain|provide|identify|release|name)(?-u:\b)|(?-u:\b)den(?:y|ies|ied|ying)\s+(?:any\s+)?(?:wrongdoing|the\s+allegations|the\s+charges|guilt|involvement)(?-u:\b)").expect("valid regex");
        let pieces: Vec<&str> = "declin decline declines declined declining refuse refuses \
            refused refusing deny denies denied denying den to say comment discuss elaborate \
            specify confirm disclose answer respond explain provide identify release name any \
            wrongdoing the allegations charges guilt involvement x"
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect();
        let seps = [" ", " ", " ", "  ", "\u{2003}", ", ", "", "-", "_"];
        let odd = ["\u{17f}", "\u{212a}", "S", "1"];
        let mut next = xorshift(0x0bad_cafe_1234_5678);
        let mut hits = 0;
        for _ in 0..150_000 {
            let mut t = String::new();
            for _ in 0..next() % 8 + 1 {
                let r = next();
                match r % 8 {
                    0 => t.push_str(odd[(r >> 8) as usize % odd.len()]),
                    1 => t.push_str(&pieces[(r >> 8) as usize % pieces.len()].to_uppercase()),
                    _ => t.push_str(pieces[(r >> 8) as usize % pieces.len()]),
                }
                t.push_str(seps[(next() >> 8) as usize % seps.len()]);
            }
            let want: Vec<(usize, usize)> =
                re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(whole(&t, denials_other), want, "{t:?}");
            hits += want.len();
        }
        assert!(hits > 2_000, "{hits}");
    }

    #[test]
    fn request_refused_matches_the_regex() {
        let re = Regex::new(r"(?-u:\b)(?:case|request|petition|application|plea)(?-u:\b)[^.;]{0,120}?(?-u:\b)(?:rejected|denied|turned\s+down|declined)(?-u:\b)").expect("valid regex");
        let pieces: Vec<&str> = "case request requests petition application plea pleaded \
            rejected denied declined turned down turn the governor his was x \u{17f} \u{e9}"
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect();
        let seps = [
            " ", " ", " ", "  ", "\u{2003}", ", ", "", "-", "_", ".", ";", "\n",
        ];
        let mut next = xorshift(0x5151_2323_aaaa_0101);
        let mut hits = 0;
        for _ in 0..150_000 {
            let mut t = String::new();
            for _ in 0..next() % 8 + 1 {
                t.push_str(pieces[(next() >> 8) as usize % pieces.len()]);
                t.push_str(seps[(next() >> 8) as usize % seps.len()]);
            }
            let want = re.find(&t).map(|m| (m.start(), m.end()));
            assert_eq!(request_refused(&t), want, "{t:?}");
            hits += usize::from(want.is_some());
        }
        assert!(hits > 5_000, "{hits}");
        let long = format!("case {} denied", "x".repeat(114));
        let longer = format!("case {} denied", "\u{e9}".repeat(115));
        let longest = format!("case {} denied", "\u{e9}".repeat(119));
        for t in [long.as_str(), longer.as_str(), longest.as_str()] {
            assert_eq!(
                request_refused(t),
                re.find(t).map(|m| (m.start(), m.end())),
                "{t:?}"
            );
        }
    }

    #[test]
    fn section_headers() {
        assert_eq!(section_action("  ## PARDONS:  "), Some("pardon"));
        assert_eq!(
            section_action("Commutations of Sentence"),
            Some("commutation")
        );
        assert_eq!(section_action("Remissions of fines:"), Some("remission"));
        assert_eq!(section_action("Pardons and commutations"), None);
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [
            GENERIC_MODIFIERS,
            GENERIC_NOUNS,
            COMMUTE_CONTEXT.list,
            REMISSION_CONTEXT.list,
            REPRIEVE_CONTEXT.list,
            REPRIEVE_OPEN,
            HYPOTHETICAL.list,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        let last = |w: &str| w.as_bytes().last().copied();
        for list in [
            NEGATIONS.list,
            NEGATION_FILLERS.list,
            GENERIC_DETERMINERS.list,
            NOT_OFFICE.list,
            OTHER_TITLES.list,
        ] {
            assert!(
                list.windows(2).all(|w| last(w[0]) <= last(w[1])),
                "{list:?}"
            );
        }
    }

    #[test]
    fn word_matchers_match_their_regexes() {
        let pieces: Vec<&str> = "for to all many more other those these some such eligible \
            nonviolent non-violent federal state people persons prisoners inmates individuals \
            offenders anyone everyone applicants veterans families sentence sentences term terms \
            punishment prison prisons death life execution executed clemency fine fines \
            restitution forfeiture penalty penalties debt debts president presidents governor \
            governors pardon owed assessment gov. gov board condemned inmate lethal not never no \
            n't without been be a an the any form of yet granted issued given received sought \
            requested signed full formal every most several similar additional further fewer \
            mass categorical blanket whose may might could can cannot should would if whether \
            unless sometimes often usually typically frequently routinely generally times in past \
            vice senate council borough bar association union court club university college \
            company bank chamber class student parish county city village township commission \
            committee foundation society league lt. lieutenant deputy assistant executive \
            regional national federation chapter branch district party judge justice sen. \
            senator rep. representative hon. attorney lawyer lawyers counsel prosecutor \
            prosecutors spokesperson spokesman spokeswoman director professor prof. sheriff mayor \
            detective agent officer warden historian reporter secretary adviser advisor chairman \
            chairwoman chair commissioner first lady member members founder Jane Doe O'Neil X"
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect();
        let seps = [
            " ",
            " ",
            " ",
            "  ",
            ", ",
            ",",
            "\u{2003}",
            "\n",
            "-",
            ".",
            "'",
            "_",
            "",
            "x",
            " \u{2003} ",
            "\u{a0}",
        ];
        let odd = ["\u{17f}", "\u{212a}", "\u{e9}", "S", "K", "1"];
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let specs = specs();
        let mut yes = vec![0usize; specs.len()];
        for _ in 0..150_000 {
            // Some strings open as "for ..." (the generic-use test reads
            // from the start).
            let mut t =
                String::from(["", "", "for ", "to ", " To  ", "FOR\u{2003}"][next() as usize % 6]);
            for _ in 0..next() % 9 + 1 {
                let r = next();
                match r % 8 {
                    0 => t.push_str(odd[(r >> 8) as usize % odd.len()]),
                    1 => t.push_str(&pieces[(r >> 8) as usize % pieces.len()].to_uppercase()),
                    _ => t.push_str(pieces[(r >> 8) as usize % pieces.len()]),
                }
                t.push_str(seps[(next() >> 8) as usize % seps.len()]);
            }
            for (k, (re, f)) in specs.iter().enumerate() {
                let want = re.is_match(&t);
                assert_eq!(f(&t), want, "{} on {t:?}", re.as_str());
                yes[k] += usize::from(want);
            }
        }
        assert!(yes.iter().all(|&n| n > 300), "{yes:?}");
        for t in [
            "x\u{17f}entence ",
            "\u{17f}entences",
            "the \u{17f}entence of",
            "not \u{17f}ought ",
            "any \u{17f}uch  ",
            "Judge \u{17f}mith ",
            "former \u{17f}poke\u{17f}man Jane Doe ",
            "\u{17f}enate ",
            "to \u{17f}uch people",
            "to those",
            "for non-violent offenders_",
            "executed.",
            "prison\u{e9}",
            "Gov.Tony",
            "gov. x",
            "wasn't granted ",
            "do n't  ",
            "Vice  President,  Mary Ann ",
            "Spokeswoman, O'Neil ",
            "judge \u{2003} Mary \u{2003} Ann \u{2003} ",
            "not \u{a0} a \u{2003} the \u{2003} any \u{2003} full \u{2003}",
            "any \u{2003} \u{e9} x \u{2003} ",
        ] {
            for (re, f) in &specs {
                assert_eq!(f(t), re.is_match(t), "{} on {t:?}", re.as_str());
            }
        }
    }

    /// [`after_non_ascii_alphanumeric`] read character by character.
    fn after_non_ascii_alphanumeric_by_chars(s: &str) -> Vec<usize> {
        s.char_indices()
            .filter(|&(_, c)| !c.is_ascii() && c.is_alphanumeric())
            .map(|(k, c)| k + c.len_utf8())
            .filter(|&j| s.as_bytes().get(j).is_some_and(u8::is_ascii_alphabetic))
            .collect()
    }

    #[test]
    fn letters_after_non_ascii_match_the_char_reading() {
        let pieces = [
            "a",
            "Z",
            " ",
            "1",
            "_",
            "-",
            "\u{e9}",
            "\u{2019}",
            "\u{201d}",
            "\u{2013}",
            "\u{17f}",
            "\u{212a}",
            "\u{4e2d}",
            "\u{1f600}",
            "\u{a0}",
            "\u{660}",
            "abcdefghijklmnopqrstuvwxyz012345",
        ];
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let mut hits = 0;
        for _ in 0..20_000 {
            let t: String = (0..next() % 40)
                .map(|_| pieces[(next() >> 32) as usize % pieces.len()])
                .collect();
            let want = after_non_ascii_alphanumeric_by_chars(&t);
            let folded: Vec<usize> = t
                .char_indices()
                .filter(|&(k, c)| {
                    matches!(c, '\u{17f}' | '\u{212a}')
                        && k.checked_sub(1)
                            .is_some_and(|p| is_word_byte(t.as_bytes()[p]))
                })
                .map(|(k, _)| k)
                .collect();
            assert_eq!(
                after_non_ascii_alphanumeric(&t),
                (want.clone(), folded),
                "{t:?}"
            );
            hits += want.len();
        }
        assert!(hits > 10_000, "{hits}");
    }

    #[test]
    fn trigger_spans_match_the_regex() {
        let words = [
            "pardon",
            "PARDON",
            "Pardon",
            "s",
            "S",
            "\u{17f}",
            "\u{212a}",
            "ed",
            "ing",
            "commut",
            "ation",
            "ations",
            "e",
            "es",
            "repriev",
            "remission",
            "remit",
            "ted",
            "clemency",
            "CLEMENCY",
            "reduc",
            "reduced",
            "reduces",
            "his",
            "her",
            "their",
            "the",
            "sentence",
            "sentences",
            "Sentence",
            " ",
            "  ",
            "\n",
            "\u{2003}",
            "-",
            "x",
            "_",
            "1",
            "\u{e9}",
            "\u{2019}",
            "\u{a0}",
            ".",
            "prison",
            "a",
            "r",
            "p",
            "c",
            "'",
        ];
        assert!(fuzz(&words, 200_000) > 10_000);
        // Reduction phrases: each slot drawn from a few right and wrong forms.
        let slots: [&[&str]; 9] = [
            &["reduc", "Reduc", "REDUC", "x"],
            &["ed", "es", "ing", "e\u{17f}", "e"],
            &[" ", "  ", "\u{2003}", "", "\n"],
            &["his", "her", "their", "the", "THE", "thei", "a"],
            &[" ", " ", "", "\t"],
            &[
                "prison ",
                "long-term ",
                "",
                "a\u{212a} ",
                "x_y ",
                "\u{e9} ",
                "prison  ",
            ],
            &["life ", "", "de\u{17f}k ", "new- ", "sentence "],
            &["sentence", "\u{17f}entence", "Sentence", "sentenc", "term"],
            &["s", "", "s.", "x", "_", "-based", "\u{17f}", "\u{17f}a"],
        ];
        let mut hits = 0;
        let mut k: usize = 0;
        let re = re_trigger();
        for _ in 0..100_000 {
            let mut t = String::new();
            for slot in &slots {
                k = k
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                t.push_str(slot[(k >> 33) % slot.len()]);
            }
            let want: Vec<(usize, usize)> =
                re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            let text = Text::new(&t);
            let (extra, _) = after_non_ascii_alphanumeric(&t);
            assert_eq!(trigger_spans(&text, &extra, &mut Vec::new()), want, "{t:?}");
            hits += want.len();
        }
        assert!(hits > 5_000, "{hits}");
        for t in [
            "The governor reduced his prison sentence to time served.",
            "reduced their  sentences",
            "Reduces the sentence-based",
            "reducing her long prison sentences and pardoned him",
            "commutes commuted commutations commutation remits remitted Reprieves",
            "pardonſa pardonſ pardon_ x-pardon",
            "_theiresſPardonſeeding \u{e9}pardon \u{2019}Pardon _pardon 2pardon",
            "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}clemency x\u{e9}commuted",
        ] {
            let want: Vec<(usize, usize)> = re.find_iter(t).map(|m| (m.start(), m.end())).collect();
            let text = Text::new(t);
            let (extra, _) = after_non_ascii_alphanumeric(t);
            assert_eq!(trigger_spans(&text, &extra, &mut Vec::new()), want, "{t:?}");
        }
    }

    /// A reader of a stretch of a text.
    type Reader = fn(&Starts, usize, usize) -> bool;

    /// The word starts of a stretch of a text ([`Starts::within`]) and the
    /// readings at them, against the byte scan of the stretch alone.
    #[test]
    fn starts_within_a_stretch_match_the_byte_scan() {
        let pieces: Vec<&str> = "pardon clemency denied declined refused to comment asked \
            voted 5-2 against could would if may governor a president in the past sentence \
            death term fines owed prison prisoners execution board gov. is weighing under \
            review calls for pressed the denies any wrongdoing x _ 1"
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect();
        let seps = [
            " ", " ", "  ", ", ", "", "-", ".", "_", "\n", "\u{2003}", "'",
        ];
        let odd = [
            "\u{17f}", "\u{212a}", "\u{e9}", "\u{2019}", "S", "K", "1", "_", "\u{4e2d}",
        ];
        let mut next = xorshift(0x5151_7c7c_2323_a1a1);
        let mut hits = 0;
        for _ in 0..60_000 {
            let mut t = String::new();
            for _ in 0..next() % 10 + 1 {
                let r = next();
                match r % 6 {
                    0 => t.push_str(odd[(r >> 8) as usize % odd.len()]),
                    1 => t.push_str(&pieces[(r >> 8) as usize % pieces.len()].to_uppercase()),
                    _ => t.push_str(pieces[(r >> 8) as usize % pieces.len()]),
                }
                t.push_str(seps[(next() >> 8) as usize % seps.len()]);
            }
            let text = Text::new(&t);
            let st = Starts::new(&text);
            let cuts: Vec<usize> = (0..=t.len()).filter(|&k| t.is_char_boundary(k)).collect();
            let mut lo = cuts[(next() >> 8) as usize % cuts.len()];
            let mut hi = cuts[(next() >> 8) as usize % cuts.len()];
            if lo > hi {
                std::mem::swap(&mut lo, &mut hi);
            }
            let h = &t[lo..hi];
            let slow = || word_starts(h.as_bytes(), 0);
            let fast: Vec<(usize, u8)> = st.within(lo, hi, None).collect();
            assert_eq!(fast, slow().collect::<Vec<_>>(), "{t:?} {lo}..{hi}");
            let want = cues_at(h, slow());
            assert_eq!(cues(&st, lo, hi), want, "{t:?} {lo}..{hi}");
            hits += want.len();
            assert_eq!(
                denials_other(&st, lo, hi),
                denials_at(h, slow()),
                "{t:?} {lo}..{hi}"
            );
            let lists: [(Reader, &Words, &[&str]); 4] = [
                (context_commute, &COMMUTE_CONTEXT, &[]),
                (context_remission, &REMISSION_CONTEXT, &[]),
                (context_reprieve, &REPRIEVE_CONTEXT, REPRIEVE_OPEN),
                (hypothetical, &HYPOTHETICAL, &[]),
            ];
            for (f, words, open) in lists {
                let want = has_word(h, slow(), words, open);
                assert_eq!(f(&st, lo, hi), want, "{t:?} {lo}..{hi}");
                hits += usize::from(want);
            }
        }
        assert!(hits > 20_000, "{hits}");
    }
}

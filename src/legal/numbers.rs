//! English numbers and durations: a small tokenizer, cardinal numbers in
//! digits and words ("22", "1,200", "3.5", "twenty-two", "one hundred and
//! five", "a dozen"), and durations ("5 years and 3 months", "a year and a
//! day", "two and a half years", "27-month") normalized to months.
//!
//! Day counts become months as days / 30.4375 (weeks are 7 days); the total
//! is rounded to 2 decimals.

use super::kw::{self, kw, kws, KwSet, WORDS};
use crate::text::words::{ascii_letters, HIGH_BITS};

/// Days in an average month.
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters.
    Word,
    /// Digits, with inner `,` and `.` (`1,200`, `3.5`).
    Num,
    /// A hyphen joining two words (`twenty-two`, `15-year`).
    Hyphen,
    /// Any other single character (punctuation, dashes, quotes).
    Punct,
}

/// One token with its byte span in the tokenized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    /// The token as written.
    pub s: &'a str,
    /// Byte start (absolute: tokenizer base added).
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Kind of token.
    pub kind: TokKind,
    /// Keyword id of a word (`legal::kw`); 0 for any other token.
    pub kw: u16,
}

impl Tok<'_> {
    /// ASCII case-insensitive comparison with `w`.
    pub fn is(&self, w: &str) -> bool {
        self.s.eq_ignore_ascii_case(w)
    }

    /// True for a word equal to one of `ws` (case-insensitive).
    pub fn is_any(&self, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.s.eq_ignore_ascii_case(w))
    }

    /// [`Tok::is`] for a keyword, by its id ([`super::kw::kw!`]).
    #[inline]
    pub(crate) fn is_kw(&self, id: u16) -> bool {
        self.kw == id
    }

    /// [`Tok::is_any`] for keywords, by their set ([`super::kw::kws!`]).
    #[inline]
    pub(crate) fn in_set(&self, set: &super::kw::KwSet) -> bool {
        set.has(self.kw)
    }
}

/// The end of the run of ASCII letters starting at `i` in `b`.
#[inline]
pub(crate) fn skip_letters(b: &[u8], mut i: usize) -> usize {
    // Eight bytes at a time.
    while let Some(w) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let run = (!ascii_letters(u64::from_le_bytes(w)) & HIGH_BITS).trailing_zeros() / 8;
        i += run as usize;
        if run < 8 {
            return i;
        }
    }
    // An ASCII letter (bytes from 0x80 on fold to 0xa0 or more).
    while b
        .get(i)
        .is_some_and(|&d| (d | 0x20).wrapping_sub(b'a') < 26)
    {
        i += 1;
    }
    i
}

/// Char classes for [`tokenize`].
const WS: u8 = 0;
#[cfg(test)]
const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const OTHER: u8 = 3;
/// A byte of a non-ASCII char: decoded.
#[cfg(test)]
const MULTI: u8 = 4;

/// The class of each byte (ASCII whitespace as `char::is_whitespace`), as
/// the test oracle of the tokenizer reads them.
#[cfg(test)]
const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            MULTI
        } else if matches!(c, b'\t'..=b'\r' | b' ') {
            WS
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Class of a non-ASCII char (as `char::is_whitespace` / `is_alphabetic`
/// decide): Latin-1 and general punctuation (curly quotes, dashes, no-break
/// space) without the Unicode table lookups; other chars ask the tables.
fn class_of(c: char) -> u8 {
    let u = u32::from(c);
    match u {
        0x85 | 0xa0 => WS,
        0xaa | 0xb5 | 0xba => ALPHA,
        0xc0..=0xff if u != 0xd7 && u != 0xf7 => ALPHA,
        0x80..=0xbf | 0xd7 | 0xf7 => OTHER,
        0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f => WS,
        0x200b..=0x2027 | 0x202a..=0x202e | 0x2030..=0x205e => OTHER,
        _ => {
            if c.is_whitespace() {
                WS
            } else if c.is_alphabetic() {
                ALPHA
            } else {
                OTHER
            }
        }
    }
}

/// Split `s` into tokens; offsets are `base + position in s`.
pub fn tokenize(s: &str, base: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    tokenize_into(s, base, &mut out);
    out
}

/// [`tokenize`] into `out` (cleared first): one buffer serves all the
/// sentences of a document.
pub fn tokenize_into<'a>(s: &'a str, base: usize, out: &mut Vec<Tok<'a>>) {
    tokenize_ascii_into(s, base, out);
}

/// [`tokenize_into`], telling whether `s` is all ASCII (found on the way:
/// no second pass over the bytes).
///
/// The inner loop takes the ASCII tokens while the buffer has room, with
/// no call in it (its state stays in registers): a word of up to seven
/// letters is measured and looked up from the eight bytes at its start,
/// longer words from a letter scan; digits, spaces and ASCII punctuation
/// take a byte test each. A token with a non-ASCII char (or a full buffer)
/// goes to the outer loop, which takes it by [`slow_token`].
pub(crate) fn tokenize_ascii_into<'a>(s: &'a str, base: usize, out: &mut Vec<Tok<'a>>) -> bool {
    // Pushed to a local vector (its length stays in a register), given back
    // at the end.
    let mut v = std::mem::take(out);
    v.clear();
    let b = s.as_bytes();
    // About one token per four bytes of prose. The buffer is empty: a
    // fresh allocation copies nothing (growing it in place would).
    let need = b.len() / 4 + 4;
    if v.capacity() < need {
        v = Vec::with_capacity(need.max(2 * v.capacity()));
    }
    let mut ascii = true;
    // The text not yet tokenized, and the offset its end has: a token's
    // offsets come from the lengths left, its text from one split (one
    // char-boundary test) and the space after it goes without one.
    let mut rest = s;
    let top = base + s.len();
    loop {
        while v.len() < v.capacity() {
            let b = rest.as_bytes();
            let Some(&c0) = b.first() else {
                break;
            };
            let n;
            let mut kw = 0;
            let kind;
            if (c0 | 0x20).wrapping_sub(b'a') < 26 {
                // An ASCII letter: a word, ending before byte `e`; one going
                // on with a non-ASCII char takes the slow way.
                let e;
                if let Some(&w) = b.first_chunk::<8>() {
                    let x = u64::from_le_bytes(w);
                    let stop = !ascii_letters(x) & HIGH_BITS;
                    if stop != 0 {
                        // At most seven letters. Bit 7 of the first byte
                        // that is no letter: set for a non-ASCII byte;
                        // moved down to bit 0 of that byte, less one, the
                        // mask of the word's bytes.
                        let bit = stop.trailing_zeros();
                        if x >> bit & 1 != 0 {
                            break;
                        }
                        e = (bit / 8) as usize;
                        let keep = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
                        kw = kw::lookup_short((x | kw::CASE) & keep);
                    } else {
                        e = skip_letters(b, 8);
                        if b.get(e).is_some_and(|&d| d >= 0x80) {
                            break;
                        }
                        // (In the whole text: near its end the look-up
                        // loads the 16 bytes that end with the word.)
                        let st = s.len() - rest.len();
                        kw = kw::lookup_at(s.as_bytes(), st, st + e);
                    }
                } else {
                    e = skip_letters(b, 1);
                    if b.get(e).is_some_and(|&d| d >= 0x80) {
                        break;
                    }
                    let st = s.len() - rest.len();
                    kw = kw::lookup_at(s.as_bytes(), st, st + e);
                }
                n = e;
                kind = TokKind::Word;
            } else if c0.is_ascii_digit() {
                let mut e = 1;
                while let Some(&d) = b.get(e) {
                    if d.is_ascii_digit() {
                        e += 1;
                    } else if (d == b',' || d == b'.')
                        && b.get(e + 1).is_some_and(u8::is_ascii_digit)
                    {
                        e += 2;
                    } else {
                        break;
                    }
                }
                n = e;
                kind = TokKind::Num;
            } else if c0 < 0x80 {
                n = 1;
                if matches!(c0, b'\t'..=b'\r' | b' ') {
                    rest = rest.split_at(n).1;
                    continue;
                }
                kind = if c0 == b'-' {
                    TokKind::Hyphen
                } else {
                    TokKind::Punct
                };
            } else {
                break;
            }
            let (tok, tail) = rest.split_at(n);
            v.push(Tok {
                s: tok,
                start: top - rest.len(),
                end: top - tail.len(),
                kind,
                kw,
            });
            // The space after most tokens, without going round the loop.
            rest = tail.strip_prefix(' ').unwrap_or(tail);
        }
        if rest.is_empty() {
            break;
        }
        if v.len() == v.capacity() {
            v = grown(v);
            continue;
        }
        // A token with a non-ASCII char: the text is not all ASCII.
        ascii = false;
        let st = s.len() - rest.len();
        match slow_token(s, st) {
            Slow::Tok(e, kind) => {
                let (tok, tail) = rest.split_at(e - st);
                let kw = if kind == TokKind::Word {
                    kw::lookup_at(s.as_bytes(), st, e)
                } else {
                    0
                };
                v = pushed(
                    v,
                    Tok {
                        s: tok,
                        start: base + st,
                        end: base + e,
                        kind,
                        kw,
                    },
                );
                rest = tail.strip_prefix(' ').unwrap_or(tail);
            }
            Slow::Space(e) => rest = rest.get(e - st..).unwrap_or_default(),
            Slow::Stop => break,
        }
    }
    *out = v;
    ascii
}

/// `v` with room for one more token. (By value, as [`pushed`]: the
/// tokenizer's vector never has its address taken, and its fields stay in
/// registers.)
#[inline(never)]
fn grown<T>(mut v: Vec<T>) -> Vec<T> {
    v.reserve(1);
    v
}

/// `v` with `t` pushed.
#[inline(never)]
fn pushed<T>(mut v: Vec<T>, t: T) -> Vec<T> {
    v.push(t);
    v
}

/// What [`slow_token`] found.
enum Slow {
    /// A token ending at the offset, of the kind.
    Tok(usize, TokKind),
    /// Whitespace ending at the offset.
    Space(usize),
    /// No char starts there (not reached on a `str`).
    Stop,
}

/// The token (or space) starting at byte `i` of `s`, with a non-ASCII
/// char or an ASCII letter first: a non-ASCII char has the class
/// [`class_of`] gives; a word goes on over ASCII and non-ASCII letters
/// ([`word_rest`]).
#[inline(never)]
fn slow_token(s: &str, i: usize) -> Slow {
    let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
        return Slow::Stop;
    };
    let e = i + c.len_utf8();
    // (An ASCII char here starts a word: the inner loop takes the others.)
    debug_assert!(!c.is_ascii() || c.is_ascii_alphabetic());
    let class = if c.is_ascii() { ALPHA } else { class_of(c) };
    match class {
        WS => Slow::Space(e),
        ALPHA => Slow::Tok(word_rest(s, e), TokKind::Word),
        _ => {
            let hyphen = matches!(s.as_bytes().get(i..e), Some([0xe2, 0x80, 0x90 | 0x91]));
            Slow::Tok(
                e,
                if hyphen {
                    TokKind::Hyphen
                } else {
                    TokKind::Punct
                },
            )
        }
    }
}

/// The end of the word going on at byte `i` of `s`: letters, ASCII or not.
#[inline(never)]
fn word_rest(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        i = skip_letters(b, i);
        // A non-ASCII letter goes on with the word.
        match b.get(i) {
            Some(&d) if d >= 0x80 => match s.get(i..).and_then(|r| r.chars().next()) {
                Some(ch) if class_of(ch) == ALPHA => i += ch.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// `w` in ASCII lower case on the stack, when it has at most `N` bytes.
#[cfg(test)]
pub(crate) fn lower<const N: usize>(w: &str) -> Option<([u8; N], usize)> {
    if w.len() > N {
        return None;
    }
    let mut buf = [0u8; N];
    for (d, c) in buf.iter_mut().zip(w.bytes()) {
        *d = c.to_ascii_lowercase();
    }
    Some((buf, w.len()))
}

#[cfg(test)]
fn ones_of(w: &str) -> Option<f64> {
    let (buf, n) = lower::<9>(w)?;
    let v = match &buf[..n] {
        b"zero" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        _ => return None,
    };
    Some(f64::from(v))
}

#[cfg(test)]
fn tens_of(w: &str) -> Option<f64> {
    let (buf, n) = lower::<7>(w)?;
    let v = match &buf[..n] {
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    };
    Some(f64::from(v))
}

#[cfg(test)]
fn scale_of(w: &str) -> Option<f64> {
    let (buf, n) = lower::<8>(w)?;
    match &buf[..n] {
        b"thousand" => Some(1e3),
        b"million" => Some(1e6),
        b"billion" => Some(1e9),
        _ => None,
    }
}

/// True when `t` is a number word (not `a`/`an`).
pub fn is_number_word(t: &Tok) -> bool {
    t.in_set(&NUMBER_WORDS)
}

/// The number words of [`is_number_lower`], as keywords: the ones, the
/// tens, and the scale and dozen words.
const NUMBER_WORDS: KwSet = KwSet::new(&ONES)
    .union(KwSet::new(&TENS))
    .union(KwSet::new(&[
        "hundred", "thousand", "million", "billion", "dozen", "dozens",
    ]));

/// The ones words, by value.
const ONES: [&str; 20] = [
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
];

/// The tens words from twenty on.
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Kinds of number word in [`NUM_OF`].
const K_ONES: u8 = 1;
const K_TENS: u8 = 2;
const K_SCALE: u8 = 3;

/// By keyword id: the kind of number word and its value.
static NUM_OF: [(u8, u32); WORDS.len() + 1] = {
    let mut t = [(0u8, 0u32); WORDS.len() + 1];
    let mut k = 0;
    while k < ONES.len() {
        t[kw::id(ONES[k]) as usize] = (K_ONES, k as u32);
        k += 1;
    }
    k = 0;
    while k < TENS.len() {
        t[kw::id(TENS[k]) as usize] = (K_TENS, 20 + 10 * k as u32);
        k += 1;
    }
    t[kw::id("thousand") as usize] = (K_SCALE, 1_000);
    t[kw::id("million") as usize] = (K_SCALE, 1_000_000);
    t[kw::id("billion") as usize] = (K_SCALE, 1_000_000_000);
    t
};

/// The value of `t` when it is a number word of kind `kind`.
#[inline]
fn num_of(t: &Tok, kind: u8) -> Option<f64> {
    match NUM_OF.get(usize::from(t.kw)) {
        Some(&(k, v)) if k == kind => Some(f64::from(v)),
        _ => None,
    }
}

/// The value of a ones word ("zero" to "nineteen").
fn ones(t: &Tok) -> Option<f64> {
    num_of(t, K_ONES)
}

/// The value of a tens word ("twenty" to "ninety").
fn tens(t: &Tok) -> Option<f64> {
    num_of(t, K_TENS)
}

/// The value of a scale word ("thousand", "million", "billion").
fn scale(t: &Tok) -> Option<f64> {
    num_of(t, K_SCALE)
}

/// True when `l` (ASCII lower case) is a number word (not `a`/`an`).
pub(crate) fn is_number_lower(l: &[u8]) -> bool {
    matches!(
        l,
        b"zero"
            | b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"thirteen"
            | b"fourteen"
            | b"fifteen"
            | b"sixteen"
            | b"seventeen"
            | b"eighteen"
            | b"nineteen"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"sixty"
            | b"seventy"
            | b"eighty"
            | b"ninety"
            | b"thousand"
            | b"million"
            | b"billion"
            | b"hundred"
            | b"dozen"
            | b"dozens"
    )
}

fn parse_digits(s: &str) -> Option<f64> {
    // Up to 15 digits (commas aside): an integer that an f64 holds exactly,
    // the value `parse` gives.
    let b = s.as_bytes();
    if !b.is_empty() && b.len() <= 15 && b.iter().all(|&c| c.is_ascii_digit() || c == b',') {
        let v = b
            .iter()
            .filter(|&&c| c != b',')
            .fold(0u64, |v, &c| v * 10 + u64::from(c - b'0'));
        // "," alone (never a token of digits) parses as nothing.
        if b.iter().any(u8::is_ascii_digit) {
            return Some(v as f64);
        }
    }
    if !s.contains(',') {
        return s.parse::<f64>().ok();
    }
    // Without the commas, on the stack (a longer number takes a String).
    let mut buf = [0u8; 64];
    let mut n = 0;
    for &c in s.as_bytes() {
        if c != b',' {
            let Some(d) = buf.get_mut(n) else {
                let clean: String = s.chars().filter(|&c| c != ',').collect();
                return clean.parse::<f64>().ok();
            };
            *d = c;
            n += 1;
        }
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse::<f64>().ok()
}

/// A cardinal number starting at token `i`: its value and the index of the
/// first token after it. Accepts digits (`1,200`, `3.5`), words
/// (`one hundred and five`, `twenty-two`), mixtures (`1.5 million`),
/// `a dozen` / `half a dozen`, and a trailing `and a half` / `and a quarter`.
pub fn parse_number(t: &[Tok], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut total = 0.0; // completed thousands/millions
    let mut hund = 0.0; // hundreds part of the current group
    let mut low = 0.0; // below-hundred part of the current group
    let mut any = false;
    let mut last_tens = false; // last word was a tens word (twenty-)
    let mut last_ones = false; // last token was a ones word or digits
    let mut saw_scale = false;
    let mut factor = 1.0;
    // "half a dozen", "a dozen", "a hundred"
    if let Some(tok) = t.get(j) {
        if tok.is_kw(kw!("half"))
            && t.get(j + 1).is_some_and(|x| x.in_set(kws!["a", "an"]))
            && t.get(j + 2).is_some_and(|x| x.is_kw(kw!("dozen")))
        {
            return Some((6.0, j + 3));
        }
        if tok.in_set(kws!["a", "an"])
            && t.get(j + 1).is_some_and(|x| {
                x.in_set(kws!["dozen", "hundred", "thousand", "million", "billion"])
            })
        {
            low = 1.0;
            any = true;
            j += 1;
            last_ones = true;
        }
    }
    while let Some(tok) = t.get(j) {
        match tok.kind {
            TokKind::Num => {
                if any {
                    break;
                }
                // A decimal with a leading dot is written ".5": not produced
                // by the tokenizer; digits only here.
                let mut v = parse_digits(tok.s)?;
                // "1/2"
                if t.get(j + 1).is_some_and(|x| x.s == "/")
                    && t.get(j + 2).is_some_and(|x| x.kind == TokKind::Num)
                {
                    if let Some(den) = parse_digits(t[j + 2].s).filter(|d| *d > 0.0) {
                        v /= den;
                        j += 2;
                    }
                }
                low = v;
                any = true;
                last_ones = true;
                j += 1;
            }
            TokKind::Hyphen => {
                // twenty-two
                if last_tens
                    && t.get(j + 1)
                        .and_then(ones)
                        .is_some_and(|v| (1.0..10.0).contains(&v))
                {
                    j += 1;
                    continue;
                }
                break;
            }
            TokKind::Word => {
                if let Some(v) = ones(tok) {
                    if last_ones || (last_tens && v >= 10.0) || (low >= 1.0 && !last_tens) {
                        break;
                    }
                    low += v;
                    last_ones = true;
                    last_tens = false;
                } else if let Some(v) = tens(tok) {
                    if low >= 1.0 {
                        break;
                    }
                    low += v;
                    last_tens = true;
                    last_ones = false;
                } else if tok.is_kw(kw!("hundred")) {
                    if hund > 0.0 {
                        break;
                    }
                    hund = low.max(1.0) * 100.0;
                    low = 0.0;
                    last_ones = false;
                    last_tens = false;
                    saw_scale = true;
                } else if let Some(sc) = scale(tok) {
                    if !any {
                        low = 1.0;
                    }
                    total += (hund + low).max(1.0) * sc;
                    hund = 0.0;
                    low = 0.0;
                    last_ones = false;
                    last_tens = false;
                    saw_scale = true;
                } else if tok.in_set(kws!["dozen", "dozens"]) && any {
                    low = low.max(1.0) * 12.0;
                    last_ones = true;
                    last_tens = false;
                } else if tok.is_kw(kw!("and")) && any {
                    // "one hundred and five", "two and a half"
                    let n = t.get(j + 1);
                    if saw_scale && n.is_some_and(|n| ones(n).is_some() || tens(n).is_some()) {
                        j += 1;
                        continue;
                    }
                    if n.is_some_and(|n| n.is_kw(kw!("a")))
                        && t.get(j + 2)
                            .is_some_and(|x| x.in_set(kws!["half", "quarter"]))
                        && !t
                            .get(j + 3)
                            .is_some_and(|x| x.in_set(kws!["of", "dozen", "hundred"]))
                    {
                        factor = if t[j + 2].is_kw(kw!("half")) {
                            0.5
                        } else {
                            0.25
                        };
                        j += 3;
                        break;
                    }
                    if n.is_some_and(|n| n.is_kw(kw!("half"))) {
                        factor = 0.5;
                        j += 2;
                        break;
                    }
                    break;
                } else {
                    break;
                }
                any = true;
                j += 1;
            }
            TokKind::Punct => break,
        }
    }
    if !any {
        return None;
    }
    let mut v = total + hund + low;
    if factor != 1.0 {
        v += factor;
    }
    Some((v, j))
}

/// The unit words by length in (months, days).
const UNITS: [(&[&str], (f64, f64)); 7] = [
    (&["year", "years", "yr", "yrs"], (12.0, 0.0)),
    (&["month", "months", "mo", "mos", "mth", "mths"], (1.0, 0.0)),
    (&["week", "weeks", "wk", "wks"], (0.0, 7.0)),
    (&["day", "days", "night", "nights"], (0.0, 1.0)),
    (&["decade", "decades"], (120.0, 0.0)),
    (&["fortnight", "fortnights"], (0.0, 14.0)),
    (&["quarter", "quarters"], (3.0, 0.0)),
];

/// By keyword id: 1 + the index of its group in [`UNITS`], 0 for none.
static UNIT_OF: [u8; WORDS.len() + 1] = {
    let mut t = [0u8; WORDS.len() + 1];
    let mut g = 0;
    while g < UNITS.len() {
        let mut k = 0;
        while k < UNITS[g].0.len() {
            t[kw::id(UNITS[g].0[k]) as usize] = g as u8 + 1;
            k += 1;
        }
        g += 1;
    }
    t
};

/// Length of one unit in (months, days).
#[inline]
fn unit(t: &Tok) -> Option<(f64, f64)> {
    let g = *UNIT_OF.get(usize::from(t.kw))?;
    UNITS.get(usize::from(g).checked_sub(1)?).map(|u| u.1)
}

/// Length of the unit `l` (ASCII lower case) in (months, days): the
/// oracle of [`unit`].
#[cfg(test)]
pub(crate) fn unit_lower(l: &[u8]) -> Option<(f64, f64)> {
    Some(match l {
        b"year" | b"years" | b"yr" | b"yrs" => (12.0, 0.0),
        b"month" | b"months" | b"mo" | b"mos" | b"mth" | b"mths" => (1.0, 0.0),
        b"week" | b"weeks" | b"wk" | b"wks" => (0.0, 7.0),
        b"day" | b"days" | b"night" | b"nights" => (0.0, 1.0),
        b"decade" | b"decades" => (120.0, 0.0),
        b"fortnight" | b"fortnights" => (0.0, 14.0),
        b"quarter" | b"quarters" => (3.0, 0.0),
        _ => return None,
    })
}

/// True when `t` is a duration unit word.
pub fn is_unit(t: &Tok) -> bool {
    unit(t).is_some()
}

/// One duration found in a token stream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duration {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
    /// Length in months (days / 30.4375), rounded to 2 decimals.
    pub months: f64,
    /// Written as an adjective joined by a hyphen (`15-year`).
    pub hyphenated: bool,
}

/// Round to 2 decimals.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// One `NUMBER UNIT` component at `i`: (months, days, unit key, next index, hyphenated).
fn component(t: &[Tok], i: usize) -> Option<(f64, f64, usize, bool)> {
    let tok = t.get(i)?;
    // "half a year", "half year", "half an year"
    if tok.is_kw(kw!("half")) {
        let mut j = i + 1;
        if t.get(j).is_some_and(|x| x.in_set(kws!["a", "an"])) {
            j += 1;
        }
        let (m, d) = unit(t.get(j)?)?;
        return Some((m * 0.5, d * 0.5, j + 1, false));
    }
    // "a year", "an additional"? no; "a couple of days", "another month"
    let (n, j) = if tok.in_set(kws!["a", "an", "another", "all", "full", "whole"]) {
        if tok.is_kw(kw!("a"))
            && t.get(i + 1).is_some_and(|x| x.is_kw(kw!("couple")))
            && t.get(i + 2).is_some_and(|x| x.is_kw(kw!("of")))
        {
            (2.0, i + 3)
        } else if let Some((v, j)) = parse_number(t, i) {
            (v, j)
        } else {
            // "all-day", "full-year"
            let j = if t.get(i + 1).is_some_and(|x| x.kind == TokKind::Hyphen)
                && tok.in_set(kws!["all", "full"])
            {
                i + 2
            } else {
                i + 1
            };
            (1.0, j)
        }
    } else if tok.is_kw(kw!("couple")) && t.get(i + 1).is_some_and(|x| x.is_kw(kw!("of"))) {
        (2.0, i + 2)
    } else {
        parse_number(t, i)?
    };
    component_after(t, n, j)
}

/// The rest of a component: the unit after its number `n`, which ends
/// before token `j`.
fn component_after(t: &[Tok], n: f64, j: usize) -> Option<(f64, f64, usize, bool)> {
    let mut j = j;
    let mut hyph = false;
    if t.get(j).is_some_and(|x| x.kind == TokKind::Hyphen) && t.get(j + 1).is_some_and(is_unit) {
        j += 1;
        hyph = true;
    }
    let (m, d) = unit(t.get(j)?)?;
    let mut n = n;
    let mut k = j + 1;
    // "a year and a half", "one month and half"
    if t.get(k).is_some_and(|x| x.is_kw(kw!("and"))) {
        if t.get(k + 1).is_some_and(|x| x.is_kw(kw!("a")))
            && t.get(k + 2).is_some_and(|x| x.is_kw(kw!("half")))
        {
            n += 0.5;
            k += 3;
        } else if t.get(k + 1).is_some_and(|x| x.is_kw(kw!("half"))) {
            n += 0.5;
            k += 2;
        } else if t.get(k + 1).is_some_and(|x| x.is_kw(kw!("a")))
            && t.get(k + 2).is_some_and(|x| x.is_kw(kw!("quarter")))
            && !t.get(k + 3).is_some_and(|x| x.is_kw(kw!("of")))
        {
            n += 0.25;
            k += 3;
        }
    }
    Some((n * m, n * d, k, hyph))
}

fn unit_key(m: f64, d: f64) -> u8 {
    // Distinguish the unit of a component by its per-unit size class.
    if m > 0.0 {
        if m >= 12.0 {
            0
        } else {
            1
        }
    } else if d >= 7.0 {
        2
    } else {
        3
    }
}

/// A duration starting at token `i`, compounds included
/// (`5 years and 3 months`, `1 year, 6 months and 21 days`, `a year and a day`).
pub fn duration_at(t: &[Tok], i: usize) -> Option<Duration> {
    duration_from(t, i, component(t, i)?)
}

/// [`duration_at`] when the number at token `i` is already parsed:
/// `(n, j)` is `parse_number(t, i)`, and token `i` is none of the words a
/// component reads in its own way ("half", "a", "an", "another", "all",
/// "full", "whole", "couple").
pub fn duration_after_number(t: &[Tok], i: usize, n: f64, j: usize) -> Option<Duration> {
    duration_from(t, i, component_after(t, n, j)?)
}

/// A duration from its first component (see [`component`]) on.
fn duration_from(t: &[Tok], i: usize, first: (f64, f64, usize, bool)) -> Option<Duration> {
    let (m0, d0, mut j, hyph) = first;
    let mut months = m0;
    let mut days = d0;
    // The unit keys used so far, one bit each.
    let mut used = 1u8 << unit_key(m0, d0);
    if !hyph {
        loop {
            // separators: "and", ",", ", and", "plus", "with", "and,"
            let mut k = j;
            let mut steps = 0;
            while let Some(x) = t.get(k) {
                if steps < 3 && (x.in_set(kws!["and", "plus", "with"]) || x.s == ",") {
                    k += 1;
                    steps += 1;
                } else {
                    break;
                }
            }
            let Some((m, d, nj, h)) = component(t, k) else {
                break;
            };
            let key = unit_key(m, d);
            if h || used & 1 << key != 0 {
                break;
            }
            used |= 1 << key;
            months += m;
            days += d;
            j = nj;
        }
    }
    Some(Duration {
        first: i,
        last: j,
        months: round2(months + days / DAYS_PER_MONTH),
        hyphenated: hyph,
    })
}

/// Months of a whole phrase such as `two and a half years` or `87 months`
/// (`None` when the phrase is not exactly one duration).
pub fn duration_months(phrase: &str) -> Option<f64> {
    let t = tokenize(phrase, 0);
    let t: Vec<Tok> = t
        .into_iter()
        .filter(|x| !matches!(x.s, "'" | "\u{2019}"))
        .collect();
    let start = usize::from(t.first().is_some_and(|x| x.in_set(kws!["for", "during"])));
    let d = duration_at(&t, start)?;
    (d.last == t.len()).then_some(d.months)
}

/// Value of a whole phrase such as `one hundred and five` (`None` when the
/// phrase is not exactly one number).
pub fn number_value(phrase: &str) -> Option<f64> {
    let t = tokenize(phrase, 0);
    let (v, j) = parse_number(&t, 0)?;
    (j == t.len()).then_some(v)
}

#[cfg(test)]
mod tests {
    /// The tokenizer as it was (byte by byte, keyword ids by [`lookup`]):
    /// the oracle of [`tokenize_into`].
    ///
    /// [`lookup`]: crate::legal::kw::lookup
    #[allow(clippy::all)]
    fn tokenize_ref<'a>(s: &'a str, base: usize, out: &mut Vec<Tok<'a>>) {
        out.clear();
        let b = s.as_bytes();
        // About one token per four bytes of prose. The buffer is empty: a
        // fresh allocation copies nothing (growing it in place would).
        let need = b.len() / 4 + 4;
        if out.capacity() < need {
            *out = Vec::with_capacity(need.max(2 * out.capacity()));
        }
        let mut i = 0;
        while let Some(&c0) = b.get(i) {
            let mut class = CLASS[usize::from(c0)];
            let mut cl = 1;
            if class == MULTI {
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                cl = c.len_utf8();
                class = class_of(c);
            }
            let st = i;
            let mut kw = 0;
            let kind = match class {
                WS => {
                    i += cl;
                    continue;
                }
                DIGIT => {
                    i += 1;
                    while i < b.len() {
                        if b[i].is_ascii_digit() {
                            i += 1;
                        } else if (b[i] == b',' || b[i] == b'.')
                            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                        {
                            i += 2;
                        } else {
                            break;
                        }
                    }
                    TokKind::Num
                }
                ALPHA => {
                    i += cl;
                    loop {
                        i = skip_letters(b, i);
                        // A non-ASCII letter goes on with the word.
                        match b.get(i) {
                            Some(&d) if d >= 0x80 => {
                                match s.get(i..).and_then(|r| r.chars().next()) {
                                    Some(ch) if class_of(ch) == ALPHA => i += ch.len_utf8(),
                                    _ => break,
                                }
                            }
                            _ => break,
                        }
                    }
                    kw = crate::legal::kw::lookup(&b[st..i]);
                    TokKind::Word
                }
                _ => {
                    i += cl;
                    if c0 == b'-' || (cl == 3 && matches!(&b[st..i], [0xe2, 0x80, 0x90 | 0x91])) {
                        TokKind::Hyphen
                    } else {
                        TokKind::Punct
                    }
                }
            };
            out.push(Tok {
                s: &s[st..i],
                start: base + st,
                end: base + i,
                kind,
                kw,
            });
            // The space after most tokens, without going round the loop.
            if b.get(i) == Some(&b' ') {
                i += 1;
            }
        }
    }

    /// The tokenizer against its byte-by-byte oracle.
    fn check_tokens(s: &str) {
        let mut want = Vec::new();
        tokenize_ref(s, 7, &mut want);
        let mut got = Vec::new();
        let ascii = super::tokenize_ascii_into(s, 7, &mut got);
        assert_eq!(got, want, "{s:?}");
        assert_eq!(ascii, s.is_ascii(), "{s:?}");
    }

    /// On the corpus's sentences and on words near the eight-byte edges.
    #[test]
    fn tokenizer_agrees_with_oracle() {
        for s in crate::corpus_texts() {
            let text = crate::text::Text::new(&s);
            for si in 0..text.sentences.len() {
                let (a, b) = text.sentence(si);
                check_tokens(&s[a..b]);
            }
        }
        for s in [
            "",
            "a",
            "prison",
            "prisons",
            "prisoner",
            "PRISON.",
            "prison\u{e9}s x",
            "caf\u{e9}",
            "\u{e9}t\u{e9} years",
            "years-long",
            "1,200.5 years",
            "twenty\u{2011}two",
            "a b c d e f g h i",
            "sentenced  to\u{a0}life",
        ] {
            check_tokens(s);
        }
    }

    proptest::proptest! {
        /// On random strings of letters, digits, punctuation and non-ASCII
        /// chars.
        #[test]
        fn tokenizer_agrees_on_random_text(s in "[a-zA-Z0-9 .,\u{e9}\u{2019}\u{2011}\u{a0}-]{0,40}") {
            check_tokens(&s);
        }

        /// On random runs of keywords.
        #[test]
        fn tokenizer_agrees_on_keywords(ws in proptest::collection::vec(0..crate::legal::kw::WORDS.len(), 0..12), sep in "[ .,\u{e9}-]{1,2}") {
            let s: Vec<&str> = ws.iter().map(|&k| crate::legal::kw::WORDS[k]).collect();
            check_tokens(&s.join(&sep));
        }
    }

    use super::*;

    /// The keyword tables agree with the string checks: every token of
    /// the corpus and of a few tricky words.
    #[test]
    fn number_and_unit_ids_agree_with_strings() {
        let mut texts = vec![
            "One ONE oNe twenty-TWO Thousand millions Billion dozens Dozen hundred".to_string(),
            "years YRS mo MOS mths Fortnights quarter nights decadeS weekly wks yearé".to_string(),
            "zero nineteen Ninety seventy seventeen eighteen éone one’s".to_string(),
        ];
        texts.extend(crate::corpus_texts());
        for s in &texts {
            for t in tokenize(s, 0) {
                let word = t.kind == TokKind::Word;
                assert_eq!(ones(&t), ones_of(t.s), "{:?}", t.s);
                assert_eq!(tens(&t), tens_of(t.s), "{:?}", t.s);
                assert_eq!(scale(&t), scale_of(t.s), "{:?}", t.s);
                let l = lower::<10>(t.s);
                let u = l.filter(|_| word).and_then(|(b, n)| unit_lower(&b[..n]));
                assert_eq!(unit(&t), u, "{:?}", t.s);
                let n = lower::<9>(t.s).is_some_and(|(b, n)| is_number_lower(&b[..n]));
                assert_eq!(is_number_word(&t), word && n, "{:?}", t.s);
            }
        }
    }

    /// The shortcuts of `class_of` agree with the Unicode tables.
    #[test]
    fn char_classes() {
        for c in (0x80u32..0x3000).filter_map(char::from_u32) {
            let want = if c.is_whitespace() {
                WS
            } else if c.is_alphabetic() {
                ALPHA
            } else {
                OTHER
            };
            assert_eq!(class_of(c), want, "{:x}", u32::from(c));
        }
    }

    /// The integer shortcut of `parse_digits` gives what `parse` gives.
    #[test]
    fn digits() {
        for s in [
            "0",
            "7",
            "2019",
            "1,200",
            "999999999999999",
            "00012",
            "3.5",
            "1,234.5",
        ] {
            let clean: String = s.chars().filter(|&c| c != ',').collect();
            assert_eq!(parse_digits(s), clean.parse::<f64>().ok(), "{s}");
        }
    }

    #[test]
    fn numbers() {
        for (p, v) in [
            ("22", 22.0),
            ("twenty-two", 22.0),
            ("one hundred and five", 105.0),
            ("1,200", 1200.0),
            ("3.5", 3.5),
            ("a dozen", 12.0),
            ("half a dozen", 6.0),
            ("two and a half", 2.5),
            ("three thousand two hundred", 3200.0),
            ("1.5 million", 1.5e6),
        ] {
            assert_eq!(number_value(p), Some(v), "{p}");
        }
        assert_eq!(number_value("five six"), None);
    }

    #[test]
    fn durations() {
        for (p, v) in [
            ("5 years and 3 months", 63.0),
            ("a year and a day", 12.03),
            ("two and a half years", 30.0),
            ("27-month", 27.0),
            ("87 months", 87.0),
            ("a year and a half", 18.0),
            ("two decades", 240.0),
            ("11 years and one day", 132.03),
            ("3.5years", 42.0),
        ] {
            assert_eq!(duration_months(p), Some(v), "{p}");
        }
    }
}

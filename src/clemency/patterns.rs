//! Hand-written matchers for the patterns of office titles, state names,
//! counts of people and written dates: the same matches as the regexes in
//! this module's tests (their specification), without building a regex
//! at start-up or running one over the whole text.

use super::lexicon::{
    after_non_ascii_alphanumeric, boundary, digits, is_decimal_digit, is_word_byte, letter_run,
    lit, spaces, ws_back, HeadSet, STATES,
};
use crate::text::words::Word;
use crate::text::Text;

/// The places where an ASCII letter may open a word as `(?-u:\b)` sees it:
/// the word starts of the text (after a character that is not a letter,
/// digit or `_`) and the ASCII letters right after a non-ASCII letter or
/// digit. Holds other word starts too (digits, non-ASCII letters): the
/// matchers check the first byte.
#[derive(Debug)]
pub struct Starts<'a> {
    s: &'a str,
    words: &'a [Word],
    extra: Vec<usize>,
    /// Each `ſ` and `K` right after an ASCII word byte (where `(?-u:\b)`
    /// sees a word open too: they fold to `s` and `k`).
    folded: Vec<usize>,
}

impl<'a> Starts<'a> {
    /// The starts of `text`.
    pub fn new(text: &'a Text<'a>) -> Starts<'a> {
        let (extra, folded) = after_non_ascii_alphanumeric(text.s);
        Starts {
            s: text.s,
            words: &text.words,
            extra,
            folded,
        }
    }

    /// The word starts of `s[lo..hi]` (`lo` and `hi` char boundaries) as
    /// the byte scan of the slice sees them (an ASCII letter after a byte
    /// that is no ASCII word byte or at `lo`, an `ſ` or `K` after one),
    /// in order, relative to `lo`, with their lower-case first letter;
    /// with `heads`, the starts of the text's words whose head hash is not
    /// in it are left out (`heads` holds every head a phrase sought may
    /// open with: [`HeadSet`]).
    pub fn within<'h>(&'h self, lo: usize, hi: usize, heads: Option<&'h HeadSet>) -> Within<'h> {
        let from = self.words.partition_point(|w| w.start < lo);
        self.range(from, lo, hi, heads)
    }

    /// [`Starts::within`] with `from` the index of the first word of the
    /// text from `lo` on.
    fn range<'h>(
        &'h self,
        from: usize,
        lo: usize,
        hi: usize,
        heads: Option<&'h HeadSet>,
    ) -> Within<'h> {
        let b = self.s.as_bytes();
        let hi = hi.min(b.len());
        let lo = lo.min(hi);
        let cut = |v: &'h [usize], from: usize| {
            if v.is_empty() {
                return v;
            }
            let a = v.partition_point(|&x| x < from);
            let z = v.partition_point(|&x| x < hi);
            v.get(a..z).unwrap_or(&[])
        };
        // A slice opening inside a run of word bytes opens a word too.
        let first = (lo < hi
            && b[lo].is_ascii_alphabetic()
            && lo.checked_sub(1).is_some_and(|p| is_word_byte(b[p])))
        .then_some(lo);
        Within {
            b,
            lo,
            hi,
            words: self.words.get(from..).unwrap_or(&[]),
            extra: cut(&self.extra, lo),
            // At `lo` itself no word byte comes before in the slice.
            folded: cut(&self.folded, lo + 1),
            first,
            word: None,
            heads: heads.unwrap_or(&HeadSet::ALL),
        }
    }

    /// Call `f` on each start of `s` whose byte is an ASCII capital, in
    /// order, with that byte.
    fn for_each_capital(&self, s: &str, mut f: impl FnMut(usize, u8)) {
        let b = s.as_bytes();
        let capital = |i: usize| b.get(i).copied().filter(u8::is_ascii_uppercase);
        let mut k = 0;
        for w in self.words {
            while let Some(&x) = self.extra.get(k).filter(|&&x| x < w.start) {
                k += 1;
                if let Some(c) = capital(x) {
                    f(x, c);
                }
            }
            if let Some(c) = capital(w.start) {
                f(w.start, c);
            }
        }
        for &x in self.extra.get(k..).unwrap_or(&[]) {
            if let Some(c) = capital(x) {
                f(x, c);
            }
        }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.s
    }

    /// The ASCII letters right after a non-ASCII letter or digit.
    pub fn extra(&self) -> &[usize] {
        &self.extra
    }
}

/// The iterator of [`Starts::within`].
pub struct Within<'h> {
    b: &'h [u8],
    lo: usize,
    /// The end of the stretch (`words` runs on to the end of the text).
    hi: usize,
    /// The text's words not read yet.
    words: &'h [Word],
    /// The start of the next word of `words` that may matter, once read
    /// (`usize::MAX` when none is left).
    word: Option<usize>,
    extra: &'h [usize],
    folded: &'h [usize],
    first: Option<usize>,
    heads: &'h HeadSet,
}

impl Within<'_> {
    /// The start of the next word of the text in the stretch, opening
    /// with an ASCII letter, whose head hash is in `heads` (or whose head
    /// the stretch may cut).
    #[inline]
    fn next_word(&mut self) -> usize {
        let (heads, hi) = (self.heads, self.hi);
        let mut k = 0;
        let found = loop {
            let Some(w) = self.words.get(k) else {
                break usize::MAX;
            };
            if w.start >= hi {
                break usize::MAX;
            }
            k += 1;
            // A head cut by the end of the stretch (or too long to have a
            // hash) may be another word there.
            let wanted = heads.may_hold(w.hash) || w.head == 0 || w.start + w.head > hi;
            if wanted && self.b.get(w.start).is_some_and(u8::is_ascii_alphabetic) {
                break w.start;
            }
        };
        self.words = if found == usize::MAX {
            &[]
        } else {
            self.words.get(k..).unwrap_or(&[])
        };
        found
    }
}

impl Iterator for Within<'_> {
    type Item = (usize, u8);

    fn next(&mut self) -> Option<(usize, u8)> {
        let b = self.b;
        let w = match self.word {
            Some(w) => w,
            None => {
                let w = self.next_word();
                self.word = Some(w);
                w
            }
        };
        // The four sources never share a position (an ASCII letter after a
        // byte that is no word byte, after a non-ASCII letter or digit,
        // after a word byte; a non-ASCII character).
        let x = self.extra.first().copied().unwrap_or(usize::MAX);
        let f = self.folded.first().copied().unwrap_or(usize::MAX);
        let p = self.first.unwrap_or(usize::MAX);
        let at = w.min(x).min(f).min(p);
        if at == usize::MAX {
            return None;
        }
        let c = if at == w {
            self.word = None;
            b[at] | 0x20
        } else if at == x {
            self.extra = self.extra.get(1..).unwrap_or(&[]);
            b[at] | 0x20
        } else if at == f {
            self.folded = self.folded.get(1..).unwrap_or(&[]);
            // `ſ` opens with 0xc5, `K` with 0xe2.
            if b[at] == 0xc5 {
                b's'
            } else {
                b'k'
            }
        } else {
            self.first = None;
            b[at] | 0x20
        };
        Some((at - self.lo, c))
    }
}

/// The U.S. state names of `s` (whose starts are `starts`), in order and
/// not overlapping: (start, end, postal code), names matched exactly
/// between ASCII word boundaries.
pub fn states(s: &str, starts: &Starts) -> Vec<(usize, usize, &'static str)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut end = 0;
    starts.for_each_capital(s, |i, c| {
        if i >= end {
            if let Some(&(name, code)) = state_at(b, i, c) {
                end = i + name.len();
                out.push((i, end, code));
            }
        }
    });
    out
}

/// The names with an office title of `s` ([`TitledName`]), in order and
/// not overlapping. Each opens with "President", "Gov" or "I," after an
/// ASCII word boundary: those are found first, from their capitals (none
/// of the three overlaps itself or another one, so every occurrence is
/// found, in order).
pub fn titled_names(s: &str) -> Vec<TitledName> {
    let b = s.as_bytes();
    let at = memchr::memchr3_iter(b'P', b'G', b'I', b).filter(|&i| {
        let rest = &b[i..];
        (rest.starts_with(b"President") || rest.starts_with(b"Gov") || rest.starts_with(b"I,"))
            && boundary(b, i)
    });
    let mut out = Vec::new();
    let mut end = 0;
    for i in at {
        if i < end {
            continue;
        }
        let hit = if b[i] == b'I' {
            i_name_title(s, i)
        } else {
            title_then_name(s, i)
        };
        if let Some((t, e)) = hit {
            end = e;
            out.push(t);
        }
    }
    out
}

/// The state named at byte `i` of `b` (whose byte is the capital `c`),
/// followed by an ASCII word boundary. No name is a prefix of another
/// that ends at a word boundary: at most one matches.
fn state_at(b: &[u8], i: usize, c: u8) -> Option<&'static (&'static str, &'static str)> {
    let k = usize::from(c - b'A');
    let (lo, hi) = (STATE_INDEX[k], STATE_INDEX[k + 1]);
    let second = b.get(i + 1).copied();
    STATES
        .get(usize::from(lo)..usize::from(hi))?
        .iter()
        .find(|st| {
            let name = st.0.as_bytes();
            name.get(1).copied() == second
                && b.get(i..i + name.len()) == Some(name)
                && boundary(b, i + name.len())
        })
}

/// Per capital `A`..`Z`, the index of the first state name opening with it
/// or a later letter (and the count last): the names are sorted.
const STATE_INDEX: [u8; 27] = {
    let mut index = [0u8; 27];
    let mut l = 0;
    while l < 26 {
        let mut n = 0;
        while n < STATES.len() && STATES[n].0.as_bytes()[0] < b'A' + l as u8 {
            n += 1;
        }
        index[l] = n as u8;
        l += 1;
    }
    index[26] = STATES.len() as u8;
    index
};

/// A name with an office title: "President George W. Bush", "Gov. Tony
/// Evers", or "I, DONALD J. TRUMP, President".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitledName {
    /// The title's span.
    pub title: (usize, usize),
    /// The name's span.
    pub name: (usize, usize),
    /// The title comes first ("President X", not "I, X, President").
    pub title_first: bool,
}

/// "President|Gov.|Governor", whitespace, a name, at `i`: the match and
/// its end.
fn title_then_name(s: &str, i: usize) -> Option<(TitledName, usize)> {
    let b = s.as_bytes();
    let rest = &b[i..];
    let t = ["President", "Gov.", "Governor"]
        .iter()
        .find(|t| rest.starts_with(t.as_bytes()))?;
    let te = i + t.len();
    let p = spaces(s, te)?;
    let reps = name_reps(s, p);
    let (_, e) = reps
        .iter()
        .rev()
        .find_map(|&q| final_name_word(s, q).map(|e| (q, e)))?;
    Some((
        TitledName {
            title: (i, te),
            name: (p, e),
            title_first: true,
        },
        e,
    ))
}

/// "I,", whitespace, a name of two to four words, ",", whitespace,
/// "President|Governor", at `i`: the match and its end.
fn i_name_title(s: &str, i: usize) -> Option<(TitledName, usize)> {
    let b = s.as_bytes();
    if b.get(i + 1) != Some(&b',') {
        return None;
    }
    let p = spaces(s, i + 2)?;
    let reps = name_reps(s, p);
    // At least one word before the last.
    reps.iter().skip(1).rev().find_map(|&q| {
        let e = final_name_word(s, q)?;
        if b.get(e) != Some(&b',') {
            return None;
        }
        let ts = spaces(s, e + 1)?;
        let t = ["President", "Governor"]
            .iter()
            .find(|t| b[ts..].starts_with(t.as_bytes()))?;
        let te = ts + t.len();
        Some((
            TitledName {
                title: (ts, te),
                name: (p, e),
                title_first: false,
            },
            te,
        ))
    })
}

/// Whether `c` may follow the capital of a name word (`[A-Za-z'’-]`): its
/// length in bytes at `i` of `s`, if so.
fn name_char(s: &str, i: usize) -> Option<usize> {
    match s.as_bytes().get(i)? {
        c if c.is_ascii_alphabetic() || *c == b'\'' || *c == b'-' => Some(1),
        0xe2 if s.as_bytes()[i..].starts_with("\u{2019}".as_bytes()) => Some(3),
        _ => None,
    }
}

/// The end of a run of name characters from `i` (`i` when there is none).
fn name_run(s: &str, mut i: usize) -> usize {
    while let Some(n) = name_char(s, i) {
        i += n;
    }
    i
}

/// The positions after 0, 1, 2 and 3 name words of the form
/// `[A-Z][A-Za-z'’-]*\.?\s` read from `p`, as far as they go.
fn name_reps(s: &str, p: usize) -> Vec<usize> {
    let b = s.as_bytes();
    let mut out = vec![p];
    let mut q = p;
    for _ in 0..3 {
        if !b.get(q).is_some_and(u8::is_ascii_uppercase) {
            break;
        }
        let mut e = name_run(s, q + 1);
        if b.get(e) == Some(&b'.') {
            e += 1;
        }
        let Some(c) = s.get(e..).and_then(|r| r.chars().next()) else {
            break;
        };
        if !c.is_whitespace() {
            break;
        }
        q = e + c.len_utf8();
        out.push(q);
    }
    out
}

/// The end of a last name word `[A-Z][A-Za-z'’-]+` at `q`.
fn final_name_word(s: &str, q: usize) -> Option<usize> {
    if !s.as_bytes().get(q).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let e = name_run(s, q + 1);
    (e > q + 1).then_some(e)
}

/// An office title right before a name: `h` ends with "President",
/// "PRESIDENT", "Gov.", "Governor" or "GOVERNOR" (after an ASCII word
/// boundary) and whitespace. The title's start, and whether it is the
/// president's.
pub fn office_title(h: &str) -> Option<(usize, bool)> {
    let t = ws_back(h, h.len());
    if t == h.len() {
        return None;
    }
    let head = &h[..t];
    [
        ("President", true),
        ("PRESIDENT", true),
        ("Gov.", false),
        ("Governor", false),
        ("GOVERNOR", false),
    ]
    .iter()
    .find_map(|&(w, p)| {
        let a = head.strip_suffix(w).map(str::len)?;
        boundary(h.as_bytes(), a).then_some((a, p))
    })
}

/// Words right before a trigger that put it inside an organization name
/// ("Board of Pardons", "Office of the Pardon Attorney"): `h` ends with
/// "Board|Office|Bureau|Division|Committee|Commission|Council", whitespace,
/// "of|on", whitespace, optionally "the" and whitespace, optionally
/// "Executive" and whitespace.
pub fn org_before(h: &str) -> bool {
    // Each piece read backwards ends at a run of whitespace, read whole.
    let ws = |q: usize| {
        let a = ws_back(h, q);
        (a < q).then_some(a)
    };
    let word = |q: usize, w: &str| h[..q].strip_suffix(w).map(str::len);
    let Some(mut q) = ws(h.len()) else {
        return false;
    };
    if let Some(a) = word(q, "Executive").and_then(ws) {
        q = a;
    }
    if let Some(a) = word(q, "the").and_then(ws) {
        q = a;
    }
    let Some(q) = word(q, "of").or_else(|| word(q, "on")).and_then(ws) else {
        return false;
    };
    [
        "Board",
        "Office",
        "Bureau",
        "Division",
        "Committee",
        "Commission",
        "Council",
    ]
    .iter()
    .any(|w| h[..q].ends_with(w))
}

/// Count words of a list announcement opening with the lower-case letter
/// `c` (in order of preference).
fn count_words(c: u8) -> &'static [&'static str] {
    match c {
        b'e' => &["eight", "eleven", "eighteen"],
        b'f' => &["four", "five", "fourteen", "fifteen", "following"],
        b'n' => &["nine", "nineteen"],
        b's' => &["six", "seven", "sixteen", "seventeen", "several"],
        b't' => &["two", "three", "ten", "twelve", "thirteen", "twenty"],
        _ => &[],
    }
}

/// Nouns of people counted in a list announcement opening with the
/// lower-case letter `c` (in order of preference).
pub(super) fn counted(c: u8) -> &'static [&'static str] {
    match c {
        b'a' => &["americans"],
        b'c' => &["convicts", "citizens"],
        b'd' => &["defendants"],
        b'i' => &["individuals", "inmates"],
        b'm' => &["men"],
        b'o' => &["others", "offenders"],
        b'p' => &["people", "persons", "prisoners"],
        b'r' => &["residents", "recipients"],
        b'v' => &["veterans"],
        b'w' => &["women"],
        _ => &[],
    }
}

/// The lower-case first letter of a word at `i`, as a case-insensitive
/// regex reads it (`ſ` an `s`, `K` a `k`); 0 for anything else.
fn folded_first(b: &[u8], i: usize) -> u8 {
    match b.get(i) {
        Some(&c) if c.is_ascii_alphabetic() => c | 0x20,
        Some(0xc5) if b[i..].starts_with("\u{17f}".as_bytes()) => b's',
        Some(0xe2) if b[i..].starts_with("\u{212a}".as_bytes()) => b'k',
        _ => 0,
    }
}

/// Counts of people, as in a list announcement ("to six individuals",
/// "the following 1,499 individuals", "three others"): the spans of the
/// count words, in order and not overlapping. A count is a number
/// (`\d{1,3}(,\d{3})*`) or a count word, then whitespace, up to three
/// words of letters and hyphens (as few as possible), each followed by
/// whitespace, then a noun of people, between ASCII word boundaries; case
/// is ignored as a Unicode case-insensitive regex ignores it.
pub fn counts_of_people(h: &str) -> Vec<(usize, usize)> {
    let b = h.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((i, (n, e))) = (from..b.len()).find_map(|i| {
        count_start(b, i)
            .then(|| count_at(h, i))
            .flatten()
            .map(|m| (i, m))
    }) {
        out.push((i, n));
        from = e;
    }
    out
}

/// Whether a count may open at byte `i`: a digit, the first letter of a
/// count word or a non-ASCII byte (`ſ`, a digit), after an ASCII word
/// boundary.
#[inline]
fn count_start(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|&c| COUNT_OPENS[usize::from(c)]) && boundary(b, i)
}

/// The bytes a count may open with: digits, e, f, n, s, t (either case),
/// and non-ASCII bytes.
const COUNT_OPENS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_digit()
            || b >= 0x80
            || matches!(b | 0x20, b'e' | b'f' | b'n' | b's' | b't') && b.is_ascii_alphabetic();
        c += 1;
    }
    t
};

/// A noun of counted people at `i` of `b`, followed by an ASCII word
/// boundary: its end.
pub(super) fn noun_at(b: &[u8], i: usize) -> Option<usize> {
    counted(folded_first(b, i))
        .iter()
        .find_map(|w| lit(b, i, w).filter(|&e| boundary(b, e)))
}

/// Whether the stretch `(a, b)` of `text` may hold a count of people
/// ([`counts_of_people`], [`has_count_of_people`] of `text.s[a..b]`): false
/// only when it holds none. `count_words` are the starts of the nouns of
/// counted people of the text ([`noun_at`]), in order.
///
/// A count's noun follows whitespace, so it opens a word of the text past
/// `a`. The boundary after it, in the stretch, is one in the text too, or
/// the end of the stretch: the noun is then one of `count_words`, or a
/// noun ending at `b` followed by an ASCII word byte in the text, which
/// opens at one of the last word starts before `b` (no noun is
/// [`NOUN_BYTES`] long).
pub fn count_noun_between(text: &Text, count_words: &[usize], a: usize, b: usize) -> bool {
    let k = count_words.partition_point(|&p| p <= a);
    if count_words.get(k).is_some_and(|&p| p < b) {
        return true;
    }
    // Where the text has a boundary at `b`, a noun ending there is one of
    // `count_words` (one ending in `ſ` has none in the stretch either).
    let s = text.s.as_bytes();
    if !s.get(b).is_some_and(|&c| is_word_byte(c)) {
        return false;
    }
    let to = text.words.partition_point(|w| w.start < b);
    let from = text.words[..to].partition_point(|w| w.start + NOUN_BYTES <= b);
    text.words[from..to].iter().any(|w| {
        w.start > a
            && counted(folded_first(s, w.start))
                .iter()
                .any(|n| lit(s, w.start, n) == Some(b))
    })
}

/// More bytes than a noun of counted people takes (each letter in at most
/// two bytes).
const NOUN_BYTES: usize = 32;

/// Whether `h` holds a count of people ([`counts_of_people`]).
pub fn has_count_of_people(h: &str) -> bool {
    let b = h.as_bytes();
    (0..b.len()).any(|i| count_start(b, i) && count_at(h, i).is_some())
}

/// A count of people at `i`: the end of its count word and of the match.
fn count_at(h: &str, i: usize) -> Option<(usize, usize)> {
    let b = h.as_bytes();
    let first = *b.get(i)?;
    let n = if first.is_ascii_digit() || (first >= 0x80 && starts_digit(h, i)) {
        count_number(h, i)?
    } else {
        count_words(folded_first(b, i))
            .iter()
            .filter_map(|w| lit(b, i, w))
            .find(|&e| spaces(h, e).is_some())?
    };
    let mut p = spaces(h, n)?;
    for filler in 0..=3 {
        if let Some(e) = noun_at(b, p) {
            return Some((n, e));
        }
        if filler == 3 {
            break;
        }
        p = spaces(h, letter_run(h, p, 1, true)?)?;
    }
    None
}

/// Whether a Unicode decimal digit opens `h` at `i`.
fn starts_digit(h: &str, i: usize) -> bool {
    h.get(i..)
        .and_then(|r| r.chars().next())
        .is_some_and(is_decimal_digit)
}

/// A number `\d{1,3}(,\d{3})*` at `i` followed by whitespace: its end.
fn count_number(h: &str, i: usize) -> Option<usize> {
    let b = h.as_bytes();
    // The number runs to the first character that is neither a digit nor
    // a comma, which must be whitespace.
    let mut p = i;
    let mut first = true;
    loop {
        let e = digits(h, p).unwrap_or(p);
        let n = h[p..e].chars().count();
        let ok = if first { (1..=3).contains(&n) } else { n == 3 };
        if !ok {
            return None;
        }
        first = false;
        if b.get(e) != Some(&b',') {
            p = e;
            break;
        }
        p = e + 1;
    }
    spaces(h, p).map(|_| p)
}

/// The first written date of `sent` ("July 20, 2018", "Dec. 12th 2024")
/// as an ISO date; empty when there is none or the first one is not a
/// valid date.
pub fn written_date(sent: &str) -> String {
    let b = sent.as_bytes();
    let m = capitals(b).find_map(|i| {
        if !MONTH_OPENS[usize::from(b[i])] || !boundary(b, i) {
            return None;
        }
        date_at(sent, i)
    });
    m.and_then(|(month, day, year)| {
        let y: u32 = year.parse().ok()?;
        let m = crate::text::dates::month_number(month)?;
        let d: u32 = day.parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d) && (1000..=2999).contains(&y))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
    .unwrap_or_default()
}

/// The positions of the ASCII capitals of `b`, in order (eight bytes at a
/// time: most are none).
fn capitals(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    use crate::text::words::{rep8, HIGH_BITS};
    // The capitals of the eight bytes from `base` not yet given (bit 7 of
    // each byte), and where the next eight start.
    let (mut mask, mut base, mut i) = (0u64, 0usize, 0usize);
    std::iter::from_fn(move || loop {
        if mask != 0 {
            let k = mask.trailing_zeros() as usize / 8;
            mask &= mask - 1;
            return Some(base + k);
        }
        let rest = b.get(i..).filter(|r| !r.is_empty())?;
        base = i;
        if let Some(w) = rest.first_chunk::<8>() {
            let x = u64::from_le_bytes(*w);
            let x7 = x & rep8(0x7f);
            mask = (x7 + rep8(0x80 - b'A')) & !(x7 + rep8(0x7f - b'Z')) & !x & HIGH_BITS;
            i += 8;
        } else {
            for (k, c) in rest.iter().enumerate() {
                if c.is_ascii_uppercase() {
                    mask |= 0x80 << (8 * k);
                }
            }
            i = b.len();
        }
    })
}

/// The capitals a month opens with.
const MONTH_OPENS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(
            c as u8,
            b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D'
        );
        c += 1;
    }
    t
};

/// Month forms by their first three letters, each with its optional
/// endings in order of preference.
const MONTHS: &[(&str, &[&str])] = &[
    ("Jan", &["uary", ".", ""]),
    ("Feb", &["ruary", ".", ""]),
    ("Mar", &["ch", ".", ""]),
    ("Apr", &["il", ".", ""]),
    ("May", &[""]),
    ("Jun", &["e", ""]),
    ("Jul", &["y", ""]),
    ("Aug", &["ust", ".", ""]),
    ("Sep", &["tember", "t.", "t", "ember", ".", ""]),
    ("Oct", &["ober", ".", ""]),
    ("Nov", &["ember", ".", ""]),
    ("Dec", &["ember", ".", ""]),
];

/// A written date at `i`: its month, day and year texts.
fn date_at(s: &str, i: usize) -> Option<(&str, &str, &str)> {
    let b = s.as_bytes();
    let rest = &b[i..];
    let (m, ends) = MONTHS
        .iter()
        .find(|(m, _)| rest.starts_with(m.as_bytes()))?;
    // The month is followed by whitespace: only one ending can be.
    let me = ends.iter().find_map(|x| {
        let e = i + m.len() + x.len();
        (b[i + m.len()..].starts_with(x.as_bytes()) && spaces(s, e).is_some()).then_some(e)
    })?;
    let ds = spaces(s, me)?;
    // One or two digits (two when there are).
    let mut de = ds;
    for _ in 0..2 {
        match s.get(de..).and_then(|r| r.chars().next()) {
            Some(c) if is_decimal_digit(c) => de += c.len_utf8(),
            _ => break,
        }
    }
    if de == ds {
        return None;
    }
    let mut p = de;
    if ["st", "nd", "rd", "th"]
        .iter()
        .any(|x| b[p..].starts_with(x.as_bytes()))
    {
        p += 2;
    }
    if b.get(p) == Some(&b',') {
        p += 1;
    }
    let ys = spaces(s, p)?;
    let mut ye = ys;
    for _ in 0..4 {
        match s.get(ye..).and_then(|r| r.chars().next()) {
            Some(c) if is_decimal_digit(c) => ye += c.len_utf8(),
            _ => return None,
        }
    }
    boundary(b, ye).then(|| (&s[i..me], &s[ds..de], &s[ys..ye]))
}

/// The name of a list entry line "Name – City, State" (a name of 3 to 90
/// characters, spaces or tabs, a dash, spaces or tabs, a place opening
/// with a capital and running to the first comma, then a state of
/// capitals, letters, periods and spaces): its span. As the regex
/// `^[ \t]*(?P<name>[^\n\t–—]{3,90}?)[ \t]+[–—-][ \t]+(?P<place>[A-Z][^\n,]{1,40}),[ \t]*(?P<st>[A-Z][A-Za-z. ]{1,25}?)[ \t]*$`
/// reads it: the longest indent, then the shortest name.
pub fn dash_name(line: &str) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let indent = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    (0..=indent).rev().find_map(|a| {
        let mut p = a;
        for n in 1..=90 {
            let c = line.get(p..)?.chars().next()?;
            if matches!(c, '\n' | '\t' | '\u{2013}' | '\u{2014}') {
                return None;
            }
            p += c.len_utf8();
            if n >= 3 && dash_rest(line, p) {
                return Some((a, p));
            }
        }
        None
    })
}

/// Whether the rest of a "Name – City, State" line follows a name ending
/// at `p` ([`dash_name`]).
fn dash_rest(line: &str, p: usize) -> bool {
    let b = line.as_bytes();
    let blanks = |i: usize| {
        i + b.get(i..).map_or(0, |r| {
            r.iter().take_while(|&&c| c == b' ' || c == b'\t').count()
        })
    };
    let d = blanks(p);
    if d == p {
        return false;
    }
    let Some(dash) = line.get(d..).and_then(|r| r.chars().next()) else {
        return false;
    };
    if !matches!(dash, '-' | '\u{2013}' | '\u{2014}') {
        return false;
    }
    let after = d + dash.len_utf8();
    let ps = blanks(after);
    if ps == after || !b.get(ps).is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    // The place runs to the first comma: 1 to 40 characters after its
    // capital, none a line break.
    let Some(k) = line[ps + 1..].find(',') else {
        return false;
    };
    let place = &line[ps + 1..ps + 1 + k];
    let n = place.chars().count();
    if !(1..=40).contains(&n) || place.contains('\n') {
        return false;
    }
    let ss = blanks(ps + 1 + k + 1);
    if !b.get(ss).is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    // The state: 1 to 25 of `[A-Za-z. ]` after its capital, then only
    // spaces or tabs.
    let tail = &b[ss + 1..];
    let m = tail
        .iter()
        .take_while(|&&c| c.is_ascii_alphabetic() || c == b'.' || c == b' ')
        .count();
    let q = tail.len()
        - tail
            .iter()
            .rev()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
    q.max(1) <= m.min(25)
}

/// The name of a bulleted entry ("- Jane Q. Doe, of Frankfort"): 3 to 80
/// characters other than `,`, a line break, `–`, `—`, `(`, `;` and `:`
/// after the bullet and at least one space or tab, its span. As the regex
/// `^[ \t]*[-*•][ \t]+(?P<name>[^,\n–—(;:]{3,80})` reads it: the most
/// spaces or tabs before the name that leave it three characters.
pub fn bullet_name(line: &str) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let indent = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    let bullet = line[indent..].chars().next()?;
    if !matches!(bullet, '-' | '*' | '\u{2022}') {
        return None;
    }
    let from = indent + bullet.len_utf8();
    let gap = b[from..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    (1..=gap).rev().find_map(|k| {
        let a = from + k;
        let mut p = a;
        let mut n = 0;
        for c in line[a..].chars().take(80) {
            if matches!(c, ',' | '\n' | '\u{2013}' | '\u{2014}' | '(' | ';' | ':') {
                break;
            }
            p += c.len_utf8();
            n += 1;
        }
        (n >= 3).then_some((a, p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clemency::xorshift;
    use regex::Regex;

    /// Strings of 1 to `max` pieces, each followed by a separator.
    fn strings(seed: u64, n: usize, max: u64, pieces: &[&str], seps: &[&str]) -> Vec<String> {
        let mut next = xorshift(seed);
        (0..n)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..next() % max + 1 {
                    t.push_str(pieces[(next() >> 8) as usize % pieces.len()]);
                    t.push_str(seps[(next() >> 8) as usize % seps.len()]);
                }
                t
            })
            .collect()
    }

    const SEPS: &[&str] = &[
        " ", " ", " ", "  ", ", ", ",", "\u{2003}", "\n", "-", ".", "'", "_", "", "x", "\u{a0}",
        "\u{e9}", "\u{2019}", "\t",
    ];

    #[test]
    fn states_are_sorted() {
        assert!(STATES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn states_match_the_regex() {
        let mut names: Vec<&str> = STATES.iter().map(|(n, _)| *n).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let re =
            Regex::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", names.join("|"))).expect("valid regex");
        let pieces = [
            "Virginia",
            "West",
            "New",
            "York",
            "Kansas",
            "Arkansas",
            "Washington",
            "North",
            "Dakota",
            "Carolina",
            "Ohio",
            "Texas",
            "Iowa",
            "Gov.",
            "x",
            "\u{e9}",
            "1",
            "_",
        ];
        let mut hits = 0;
        for t in strings(0x1357_9bdf_2468_ace0, 100_000, 8, &pieces, SEPS) {
            let want: Vec<(usize, usize, &str)> = re
                .find_iter(&t)
                .map(|m| {
                    let code = STATES.iter().find(|(n, _)| *n == m.as_str()).map(|p| p.1);
                    (m.start(), m.end(), code.unwrap_or(""))
                })
                .collect();
            let text = Text::new(&t);
            assert_eq!(states(&t, &Starts::new(&text)), want, "{t:?}");
            hits += want.len();
        }
        assert!(hits > 20_000, "{hits}");
    }

    #[test]
    fn titled_names_match_the_regex() {
        let re = Regex::new(
            r"(?:(?-u:\b)(?P<t>President|Gov\.|Governor)\s+(?P<n>(?:[A-Z][A-Za-z'’-]*\.?\s){0,3}[A-Z][A-Za-z'’-]+)|(?-u:\b)I,\s+(?P<n2>(?:[A-Z][A-Za-z'’-]*\.?\s){1,3}[A-Z][A-Za-z'’-]+),\s+(?P<t2>President|Governor))",
        )
        .expect("valid regex");
        let pieces = [
            "President",
            "Gov.",
            "Governor",
            "I,",
            "I",
            "George",
            "W.",
            "W",
            "Bush",
            "O'Neil",
            "O\u{2019}Brien",
            "Smith-Jones",
            "DONALD",
            "J.",
            "TRUMP",
            "Presidents",
            "the",
            "a",
            "X",
            "\u{e9}",
            "1",
            "Gov",
            ",",
        ];
        let seps = [
            " ", " ", " ", "  ", ", ", ",", "\u{2003}", "\n", "-", ".", "'", "_", "", "\u{2019}",
            "\t",
        ];
        let mut hits = 0;
        for t in strings(0x2468_ace0_1357_9bdf, 150_000, 9, &pieces, &seps) {
            let want: Vec<TitledName> = re
                .captures_iter(&t)
                .filter_map(|c| {
                    let n = c.name("n").or_else(|| c.name("n2"))?;
                    let tt = c.name("t").or_else(|| c.name("t2"))?;
                    Some(TitledName {
                        title: (tt.start(), tt.end()),
                        name: (n.start(), n.end()),
                        title_first: c.name("t").is_some(),
                    })
                })
                .collect();
            assert_eq!(titled_names(&t), want, "{t:?}");
            hits += want.len();
        }
        assert!(hits > 10_000, "{hits}");
    }

    #[test]
    fn office_titles_match_the_regex() {
        let re = Regex::new(
            r"(?:(?-u:\b)(?P<p>President|PRESIDENT)|(?-u:\b)(?P<g>Gov\.|Governor|GOVERNOR))\s+$",
        )
        .expect("valid regex");
        let pieces = [
            "President",
            "PRESIDENT",
            "Gov.",
            "Governor",
            "GOVERNOR",
            "Gov",
            "Vice",
            "x",
            "\u{e9}",
            "the",
        ];
        let seps = [" ", "  ", "\u{2003}", "\n", "", "_", "-", "\u{a0}", "x"];
        let mut hits = 0;
        for t in strings(0x0f0f_1e1e_2d2d_3c3c, 100_000, 5, &pieces, &seps) {
            let want = re.captures(&t).and_then(|c| {
                let m = c.get(0)?;
                Some((m.start(), c.name("p").is_some()))
            });
            assert_eq!(office_title(&t), want, "{t:?}");
            hits += usize::from(want.is_some());
        }
        assert!(hits > 10_000, "{hits}");
    }

    #[test]
    fn org_before_matches_the_regex() {
        let re = Regex::new(r"(?:Board|Office|Bureau|Division|Committee|Commission|Council)\s+(?:of|on)\s+(?:the\s+)?(?:Executive\s+)?$").expect("valid regex");
        let pieces = [
            "Board",
            "Office",
            "Bureau",
            "Division",
            "Committee",
            "Commission",
            "Council",
            "of",
            "on",
            "the",
            "Executive",
            "xBoard",
            "Bathe",
            "Boardof",
            "x",
            "\u{e9}",
        ];
        let seps = [" ", " ", "  ", "\u{2003}", "\n", "", "_", "\u{a0}"];
        let mut hits = 0;
        for t in strings(0x7777_3333_1111_5555, 150_000, 6, &pieces, &seps) {
            let want = re.is_match(&t);
            assert_eq!(org_before(&t), want, "{t:?}");
            hits += usize::from(want);
        }
        assert!(hits > 3_000, "{hits}");
    }

    #[test]
    fn counts_of_people_match_the_regex() {
        let re = Regex::new(r"(?i)(?-u:\b)(?P<n>\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|several|following)\s+(?:[a-z-]+\s+){0,3}?(?:individuals|people|persons|men|women|others|prisoners|inmates|residents|offenders|defendants|convicts|recipients|Americans|veterans|citizens)(?-u:\b)").expect("valid regex");
        let pieces = [
            "1",
            "12",
            "123",
            "1,499",
            "1,49",
            "1234",
            "12,345,678",
            ",",
            "\u{663}",
            "\u{bd}",
            "two",
            "seven",
            "seventeen",
            "six",
            "sixteen",
            "ten",
            "twenty",
            "several",
            "following",
            "FOLLOWING",
            "\u{17f}ix",
            "individuals",
            "people",
            "persons",
            "men",
            "women",
            "others",
            "Americans",
            "AMERICANS",
            "citizens",
            "veterans",
            "federal",
            "non-violent",
            "drug",
            "x",
            "\u{e9}",
            "\u{212a}",
            "pe\u{17f}ons",
        ];
        let seps = [
            " ", " ", " ", "  ", "\u{2003}", "\n", "", "-", ",", "_", ".", "\u{a0}",
        ];
        let mut hits = 0;
        let mut stretches = 0;
        let mut k: u64 = 7;
        for t in strings(0x3141_5926_5358_9793, 150_000, 8, &pieces, &seps) {
            let want: Vec<(usize, usize)> = re
                .captures_iter(&t)
                .filter_map(|c| c.name("n").map(|m| (m.start(), m.end())))
                .collect();
            assert_eq!(counts_of_people(&t), want, "{t:?}");
            let text = Text::new(&t);
            let mut words = Vec::new();
            super::super::lexicon::trigger_spans(&text, &[], &mut words);
            if let Some(&(a, _)) = want.first() {
                assert!(count_noun_between(&text, &words, a, t.len()), "{t:?}");
            }
            // Stretches of the text: a count in one has a word of `words`.
            for _ in 0..6 {
                k = k
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let a = (k >> 20) as usize % (t.len() + 1);
                let b = a + (k >> 40) as usize % (t.len() + 1 - a);
                let Some(h) = t.get(a..b) else { continue };
                if has_count_of_people(h) {
                    assert!(count_noun_between(&text, &words, a, b), "{t:?} {a} {b}");
                    stretches += 1;
                }
            }
            assert_eq!(has_count_of_people(&t), !want.is_empty(), "{t:?}");
            hits += want.len();
        }
        assert!(hits > 20_000, "{hits}");
        assert!(stretches > 1_000, "{stretches}");
    }

    #[test]
    fn corpus_counts_have_count_words() {
        let mut seen = 0;
        for t in crate::corpus_texts() {
            let text = Text::new(&t);
            let mut words = Vec::new();
            super::super::lexicon::trigger_spans(&text, &[], &mut words);
            // Every stretch from a word start to a sentence end.
            for &(sa, sb) in &text.sentences {
                for w in text.words.iter().filter(|w| sa <= w.start && w.start < sb) {
                    let Some(h) = t.get(w.start..sb) else {
                        continue;
                    };
                    if has_count_of_people(h) {
                        assert!(count_noun_between(&text, &words, w.start, sb), "{h:?}");
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 50, "{seen}");
    }

    #[test]
    fn list_lines_match_the_regexes() {
        let dash = Regex::new(
            r"^[ \t]*(?P<name>[^\n\t–—]{3,90}?)[ \t]+[–—-][ \t]+(?P<place>[A-Z][^\n,]{1,40}),[ \t]*(?P<st>[A-Z][A-Za-z. ]{1,25}?)[ \t]*$",
        )
        .expect("valid regex");
        let bullet =
            Regex::new(r"^[ \t]*[-*•][ \t]+(?P<name>[^,\n–—(;:]{3,80})").expect("valid regex");
        let span = |re: &Regex, t: &str| {
            re.captures(t)
                .and_then(|c| c.name("name"))
                .map(|m| (m.start(), m.end()))
        };
        let pieces = [
            "Jane",
            "Q.",
            "Doe",
            "Jr.",
            "Frankfort",
            "New York",
            "KY",
            "Ky.",
            "a",
            "x",
            "-",
            "\u{2013}",
            "\u{2014}",
            "*",
            "\u{2022}",
            ",",
            "(",
            ";",
            ":",
            "\u{e9}",
            "1",
            "Washington D.C.",
            "Fort Worth",
            "Texas",
        ];
        let seps = [
            " ",
            " ",
            "  ",
            "\t",
            " - ",
            " \u{2013} ",
            ", ",
            "",
            "\t\t",
            ",  ",
        ];
        let mut hits = [0, 0];
        for t in strings(0x5eed_5eed_0000_1111, 150_000, 7, &pieces, &seps) {
            let t = t.trim_end_matches(['\n', '\r']);
            let want = span(&dash, t);
            assert_eq!(dash_name(t), want, "{t:?}");
            hits[0] += usize::from(want.is_some());
            let want = span(&bullet, t);
            assert_eq!(bullet_name(t), want, "{t:?}");
            hits[1] += usize::from(want.is_some());
        }
        // Lines built slot by slot.
        let slots: [&[&str]; 9] = [
            &["", " ", "  ", "\t", " \t "],
            &["", "- ", "* ", "\u{2022}\t", "-", "-  \t"],
            &[
                "Jane Doe",
                "Al",
                "A",
                "J. Q. Public-Smith",
                "\u{e9}t\u{e9}",
                "x,y",
                "Jo\tAnn",
                "Ann (Jo)",
            ],
            &[" ", "  ", "\t", "", " \t"],
            &["-", "\u{2013}", "\u{2014}", "x", "--"],
            &[" ", "", "\t ", "  "],
            &[
                "Frankfort",
                "New York City",
                "fort",
                "F",
                "Fort-\u{e9}",
                "A very long place name that runs on and on",
            ],
            &[",", ", ", ",\t", "", ",,"],
            &[
                "KY",
                "Ky.",
                "K",
                "New York ",
                "Texas\t",
                "T3",
                "ky",
                "Kentucky State Of Very Long Name",
                " KY",
            ],
        ];
        let mut next = xorshift(0x0dd0_dd0d_d0dd_0dd0);
        for _ in 0..100_000 {
            let mut t = String::new();
            for slot in &slots {
                t.push_str(slot[(next() >> 8) as usize % slot.len()]);
            }
            let want = span(&dash, &t);
            assert_eq!(dash_name(&t), want, "{t:?}");
            hits[0] += usize::from(want.is_some());
            let want = span(&bullet, &t);
            assert_eq!(bullet_name(&t), want, "{t:?}");
            hits[1] += usize::from(want.is_some());
        }
        assert!(hits.iter().all(|&h| h > 2_000), "{hits:?}");
    }

    #[test]
    fn capitals_are_the_uppercase_bytes() {
        let pieces = [
            "A", "Z", "a", "@", "[", "`", "{", "\u{c1}", "\u{e9}", " ", "M", "0",
        ];
        let mut next = crate::clemency::xorshift(0x0ddb_a11c_affe_0001);
        for _ in 0..20_000 {
            let t: String = (0..next() % 24)
                .map(|_| pieces[(next() >> 32) as usize % pieces.len()])
                .collect();
            let b = t.as_bytes();
            let want: Vec<usize> = (0..b.len())
                .filter(|&i| b[i].is_ascii_uppercase())
                .collect();
            assert_eq!(capitals(b).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    #[test]
    fn written_dates_match_the_regex() {
        let re = Regex::new(
            r"(?-u:\b)(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?-u:\b)",
        )
        .expect("valid regex");
        let reference = |t: &str| {
            re.find(t)
                .and_then(|m| crate::text::dates::normalize(m.as_str()))
                .unwrap_or_default()
        };
        let pieces = [
            "Jan",
            "January",
            "Jan.",
            "Feb",
            "March",
            "Mar.",
            "May",
            "June",
            "Jun",
            "July",
            "Jul",
            "Aug.",
            "Sept.",
            "Sept",
            "Sep",
            "September",
            "Sepember",
            "Sep.",
            "Oct",
            "Nov.",
            "December",
            "Dec.",
            "5",
            "12",
            "31",
            "32",
            "0",
            "123",
            "5th",
            "1st",
            "2nd",
            "3rd",
            "2019",
            "2024",
            "20201",
            "0999",
            "\u{663}",
            "\u{663}\u{663}\u{663}\u{663}",
            "x",
            "\u{e9}",
            ",",
        ];
        let seps = [
            " ", " ", " ", "  ", ", ", ",", "\u{2003}", "\n", "", "-", ".", "_", "x", "\u{a0}",
        ];
        for t in strings(0x2718_2818_2845_9045, 100_000, 6, &pieces, &seps) {
            assert_eq!(written_date(&t), reference(&t), "{t:?}");
        }
        // Dates built slot by slot, each slot drawn from right and wrong forms.
        let slots: [&[&str]; 8] = [
            &["", "x", "On ", "\u{e9}", "_", "5 "],
            &[
                "Jan",
                "January",
                "Jan.",
                "Feb.",
                "March",
                "Mar",
                "May",
                "June",
                "Jun",
                "July",
                "Jul.",
                "Aug",
                "Sept.",
                "Sept",
                "Sep",
                "September",
                "Sepember",
                "Sep.",
                "Oct.",
                "Nov",
                "December",
                "Dec.",
                "Dec",
                "Mon.",
            ],
            &[" ", "  ", "\u{2003}", "", "\n", "."],
            &["5", "12", "31", "32", "0", "123", "\u{663}", "x"],
            &["", "", "st", "th", "nd", "rd", "x"],
            &[",", ",", "", ";"],
            &[" ", "  ", "", "\u{a0}"],
            &[
                "2019",
                "2024",
                "20201",
                "0999",
                "3000",
                "\u{663}\u{663}\u{663}\u{663}",
                "2019x",
                "2019_",
                "2019.",
                "201",
            ],
        ];
        let mut next = xorshift(0x1618_0339_8874_9894);
        let mut hits = 0;
        for _ in 0..100_000 {
            let mut t = String::new();
            for slot in &slots {
                t.push_str(slot[(next() >> 8) as usize % slot.len()]);
            }
            let want = reference(&t);
            assert_eq!(written_date(&t), want, "{t:?}");
            hits += usize::from(!want.is_empty());
        }
        assert!(hits > 1_000, "{hits}");
    }
}

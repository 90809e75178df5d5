//! Statute citations: "18 U.S.C. § 1343", "Title 18, United States Code,
//! Section 922(g)", "section 371 of title 18, United States Code".
//!
//! Three regexes define them ([`regexes`]). Compiling those (Unicode `\d`,
//! `\s` and case folding) costs about as much as extracting a hundred
//! documents, so each is also written out as a hand matcher that gives the
//! same matches and groups: every quantifier in them either cannot give
//! anything back that lets the rest match (what follows cannot start with
//! what it repeats) or is followed by nothing mandatory, so one greedy pass
//! per start position finds what the backtracking order would (the one
//! exception, the word boundary closing each "and 1349(a)" of the first
//! regex, takes groups back explicitly: see [`usc_at`]). The hand
//! matchers read `\d` as an ASCII digit and case folding as ASCII; a
//! sentence holding a char for which that is not exact (a non-ASCII digit,
//! or a non-ASCII char that case-folds to an ASCII letter) goes to the
//! regexes.

use regex::Regex;
use std::sync::OnceLock;

/// One citation match: its span, and the spans of its title and section
/// groups (byte offsets in the searched string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cited {
    /// Whole match.
    pub span: (usize, usize),
    /// The title number ("18").
    pub title: (usize, usize),
    /// The section ("1343", "922(g)", "1349 (a)").
    pub section: (usize, usize),
}

/// The three citation regexes: "18 U.S.C. 1343"; "Title 18, United States
/// Code, Section 922"; "Section 371 of Title 18, United States Code".
pub(crate) fn regexes() -> &'static [Regex; 3] {
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        let sec = r"(\d+[A-Za-z]?(?:-\d+)?(?:\s?\([0-9A-Za-z]{1,4}\))*)";
        [
            Regex::new(&format!(
                r"(?-u:\b)(\d{{1,2}})\s*U\.?\s?S\.?\s?C\.?(?:A\.?)?\s*(?:§§?|[Ss]ec(?:tion)?s?\.?)?\s*{sec}(?:\s*(?:,|and|&)\s*\d+[A-Za-z]?(?:\([0-9A-Za-z]{{1,4}}\))*(?-u:\b))*"
            ))
            .expect("statute regex"),
            Regex::new(&format!(
                r"(?i)(?-u:\b)title\s+(\d{{1,2}}),?\s+(?:of\s+the\s+)?united\s+states\s+code,?\s+(?:§§?|sections?|sec\.)\s*{sec}"
            ))
            .expect("statute regex"),
            Regex::new(&format!(
                r"(?i)(?-u:\b)(?:§§?|sections?|sec\.)\s*{sec},?\s+(?:of\s+)?title\s+(\d{{1,2}}),?\s+(?:of\s+the\s+)?united\s+states\s+code"
            ))
            .expect("statute regex"),
        ]
    })
}

/// The successive non-overlapping matches of regex `n` (see [`regexes`])
/// in `s`, as its `captures_iter` gives them, passed to `f`.
pub(crate) fn for_each_match(s: &str, n: usize, mut f: impl FnMut(Cited)) {
    if needs_regex(s) {
        let Some(re) = regexes().get(n) else { return };
        for c in re.captures_iter(s) {
            let (Some(m), Some(g1), Some(g2)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            let (g1, g2) = ((g1.start(), g1.end()), (g2.start(), g2.end()));
            let (title, section) = if n == 2 { (g2, g1) } else { (g1, g2) };
            f(Cited {
                span: (m.start(), m.end()),
                title,
                section,
            });
        }
        return;
    }
    let b = s.as_bytes();
    // The bytes a match may start with (each matcher turns every other
    // byte away first): the scan goes from one to the next.
    let next = |r: &[u8]| match n {
        0 => r.iter().position(u8::is_ascii_digit),
        1 => r.iter().position(|&c| matches!(c, b't' | b'T')),
        _ => r.iter().position(|&c| matches!(c, b's' | b'S' | 0xc2)),
    };
    let mut p = 0;
    while let Some(q) = b.get(p..).and_then(next) {
        p += q;
        let m = match n {
            0 => usc_at(s, p),
            1 => title_first_at(s, p),
            _ => section_first_at(s, p),
        };
        match m {
            Some(c) => {
                f(c);
                // Matches are never empty.
                p = c.span.1.max(p + 1);
            }
            None => p += 1,
        }
    }
}

/// True when the hand matchers may differ from the regexes on `s`: it holds
/// a non-ASCII char that `\d` matches, or one that case-folds to an ASCII
/// letter (long s, Kelvin sign).
fn needs_regex(s: &str) -> bool {
    !s.is_ascii()
        && s.chars()
            .any(|c| !c.is_ascii() && (c.is_numeric() || c == '\u{17f}' || c == '\u{212a}'))
}

/// An ASCII word byte (`(?-u:\w)`).
fn word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `(?-u:\b)` at `p`.
fn boundary(b: &[u8], p: usize) -> bool {
    let before = p
        .checked_sub(1)
        .and_then(|q| b.get(q))
        .is_some_and(|&c| word_byte(c));
    let after = b.get(p).is_some_and(|&c| word_byte(c));
    before != after
}

/// Byte length of the char at `p` when it is whitespace (`\s`), else 0.
fn ws_len(s: &str, p: usize) -> usize {
    match s.as_bytes().get(p) {
        None => 0,
        Some(&c) if c < 0x80 => {
            usize::from(matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        }
        Some(_) => s
            .get(p..)
            .and_then(|r| r.chars().next())
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
    }
}

/// The end of `\s*` from `p`.
fn skip_ws(s: &str, mut p: usize) -> usize {
    loop {
        let n = ws_len(s, p);
        if n == 0 {
            return p;
        }
        p += n;
    }
}

/// The end of `\s+` from `p`, if there is one.
fn ws_plus(s: &str, p: usize) -> Option<usize> {
    let q = skip_ws(s, p);
    (q > p).then_some(q)
}

/// The end of the run of ASCII digits from `p`.
fn digits(b: &[u8], mut p: usize) -> usize {
    while b.get(p).is_some_and(u8::is_ascii_digit) {
        p += 1;
    }
    p
}

fn digit_at(b: &[u8], p: usize) -> bool {
    b.get(p).is_some_and(u8::is_ascii_digit)
}

/// `(\d{1,2})` followed by something that is not a digit: its end.
fn one_or_two_digits(b: &[u8], p: usize) -> Option<usize> {
    if !digit_at(b, p) {
        return None;
    }
    let q = if digit_at(b, p + 1) { p + 2 } else { p + 1 };
    (!digit_at(b, q)).then_some(q)
}

/// The end of the literal `w` (ASCII) at `p`, in `ci` any ASCII case.
fn lit(b: &[u8], p: usize, w: &[u8], ci: bool) -> Option<usize> {
    let h = b.get(p..p + w.len())?;
    let ok = if ci {
        h.eq_ignore_ascii_case(w)
    } else {
        h == w
    };
    ok.then_some(p + w.len())
}

/// `x?`: the end of `x` at `p` when it matches, else `p`.
fn opt(p: usize, x: Option<usize>) -> usize {
    x.unwrap_or(p)
}

/// "§" as UTF-8.
const SECTION_SIGN: &[u8] = "§".as_bytes();

/// `\([0-9A-Za-z]{1,4}\)` at `p`: its end.
fn paren_group(b: &[u8], p: usize) -> Option<usize> {
    if b.get(p) != Some(&b'(') {
        return None;
    }
    let mut n = 0;
    while n < 5 && b.get(p + 1 + n).is_some_and(u8::is_ascii_alphanumeric) {
        n += 1;
    }
    ((1..=4).contains(&n) && b.get(p + 1 + n) == Some(&b')')).then_some(p + 2 + n)
}

/// The section group `\d+[A-Za-z]?(?:-\d+)?(?:\s?\([0-9A-Za-z]{1,4}\))*` at
/// `p`, as long as it goes: its end.
fn section_at(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    if !digit_at(b, p) {
        return None;
    }
    let mut q = digits(b, p);
    if b.get(q).is_some_and(u8::is_ascii_alphabetic) {
        q += 1;
    }
    if b.get(q) == Some(&b'-') && digit_at(b, q + 1) {
        q = digits(b, q + 1);
    }
    // `\s?` gives its char back only to a '(' that is not there.
    while let Some(e) = paren_group(b, q + ws_len(s, q)) {
        q = e;
    }
    Some(q)
}

/// The section words `§§?|[Ss]ec(?:tion)?s?\.?` of the first regex: their end.
fn usc_marker(b: &[u8], p: usize) -> Option<usize> {
    if let Some(q) = lit(b, p, SECTION_SIGN, false) {
        return Some(opt(q, lit(b, q, SECTION_SIGN, false)));
    }
    let q = lit(b, p, b"Sec", false).or_else(|| lit(b, p, b"sec", false))?;
    let q = opt(q, lit(b, q, b"tion", false));
    let q = opt(q, lit(b, q, b"s", false));
    Some(opt(q, lit(b, q, b".", false)))
}

/// The section words `§§?|sections?|sec\.` of the other regexes (any case):
/// their end.
fn marker_ci(b: &[u8], p: usize) -> Option<usize> {
    if let Some(q) = lit(b, p, SECTION_SIGN, false) {
        return Some(opt(q, lit(b, q, SECTION_SIGN, false)));
    }
    if let Some(q) = lit(b, p, b"section", true) {
        return Some(opt(q, lit(b, q, b"s", true)));
    }
    lit(b, p, b"sec.", true)
}

/// The first regex at `p`: "18 U.S.C. § 1343, 1349 and 2".
fn usc_at(s: &str, p: usize) -> Option<Cited> {
    let b = s.as_bytes();
    if !digit_at(b, p) || !boundary(b, p) {
        return None;
    }
    let q = one_or_two_digits(b, p)?;
    let title = (p, q);
    let q = lit(b, skip_ws(s, q), b"U", false)?;
    let q = opt(q, lit(b, q, b".", false));
    let q = lit(b, q + ws_len(s, q), b"S", false)?;
    let q = opt(q, lit(b, q, b".", false));
    let q = lit(b, q + ws_len(s, q), b"C", false)?;
    let q = opt(q, lit(b, q, b".", false));
    let q = match lit(b, q, b"A", false) {
        Some(r) => opt(r, lit(b, r, b".", false)),
        None => q,
    };
    let q = skip_ws(s, q);
    let q = skip_ws(s, opt(q, usc_marker(b, q)));
    let e = section_at(s, q)?;
    let section = (q, e);
    // `(?:\s*(?:,|and|&)\s*\d+[A-Za-z]?(?:\([0-9A-Za-z]{1,4}\))*\b)*`
    let mut end = e;
    loop {
        let r = skip_ws(s, end);
        let Some(r) = lit(b, r, b",", false)
            .or_else(|| lit(b, r, b"and", false))
            .or_else(|| lit(b, r, b"&", false))
        else {
            break;
        };
        let r = skip_ws(s, r);
        if !digit_at(b, r) {
            break;
        }
        let mut r = digits(b, r);
        if b.get(r).is_some_and(u8::is_ascii_alphabetic) {
            r += 1;
        }
        // The groups as far as they go, then fewer until a word boundary
        // holds (without the letter the boundary never holds: a digit
        // before a letter).
        let mut last = boundary(b, r).then_some(r);
        while let Some(g) = paren_group(b, r) {
            r = g;
            if boundary(b, r) {
                last = Some(r);
            }
        }
        match last {
            Some(x) => end = x,
            None => break,
        }
    }
    Some(Cited {
        span: (p, end),
        title,
        section,
    })
}

/// `(?:of\s+the\s+)?united\s+states\s+code` (any case) at `p`: its end.
fn of_the_usc(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    let of_the = lit(b, p, b"of", true)
        .and_then(|q| ws_plus(s, q))
        .and_then(|q| lit(b, q, b"the", true))
        .and_then(|q| ws_plus(s, q));
    let q = lit(b, opt(p, of_the), b"united", true)?;
    let q = lit(b, ws_plus(s, q)?, b"states", true)?;
    lit(b, ws_plus(s, q)?, b"code", true)
}

/// `title\s+(\d{1,2}),?\s+` (any case) at `p`: the title group and the end.
fn title_at(s: &str, p: usize) -> Option<((usize, usize), usize)> {
    let b = s.as_bytes();
    let q = ws_plus(s, lit(b, p, b"title", true)?)?;
    let e = one_or_two_digits(b, q)?;
    let r = ws_plus(s, opt(e, lit(b, e, b",", false)))?;
    Some(((q, e), r))
}

/// The second regex at `p`: "Title 18, United States Code, Section 922(g)".
fn title_first_at(s: &str, p: usize) -> Option<Cited> {
    let b = s.as_bytes();
    if !matches!(b.get(p), Some(b't' | b'T')) || !boundary(b, p) {
        return None;
    }
    let (title, q) = title_at(s, p)?;
    let q = of_the_usc(s, q)?;
    let q = ws_plus(s, opt(q, lit(b, q, b",", false)))?;
    let q = skip_ws(s, marker_ci(b, q)?);
    let e = section_at(s, q)?;
    Some(Cited {
        span: (p, e),
        title,
        section: (q, e),
    })
}

/// The third regex at `p`: "Section 371 of Title 18, United States Code".
fn section_first_at(s: &str, p: usize) -> Option<Cited> {
    let b = s.as_bytes();
    if !matches!(b.get(p), Some(b's' | b'S' | 0xc2)) || !boundary(b, p) {
        return None;
    }
    let q = skip_ws(s, marker_ci(b, p)?);
    let e = section_at(s, q)?;
    let section = (q, e);
    let r = ws_plus(s, opt(e, lit(b, e, b",", false)))?;
    let of = lit(b, r, b"of", true).and_then(|x| ws_plus(s, x));
    let (title, r) = title_at(s, opt(r, of))?;
    let end = of_the_usc(s, r)?;
    Some(Cited {
        span: (p, end),
        title,
        section,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match of the regexes, as `(span, title, section)`.
    fn by_regex(s: &str, n: usize) -> Vec<Cited> {
        let mut v = Vec::new();
        for c in regexes()[n].captures_iter(s) {
            let (Some(m), Some(g1), Some(g2)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            let (g1, g2) = ((g1.start(), g1.end()), (g2.start(), g2.end()));
            let (title, section) = if n == 2 { (g2, g1) } else { (g1, g2) };
            v.push(Cited {
                span: (m.start(), m.end()),
                title,
                section,
            });
        }
        v
    }

    fn by_hand(s: &str, n: usize) -> Vec<Cited> {
        let mut v = Vec::new();
        for_each_match(s, n, |c| v.push(c));
        v
    }

    fn same(s: &str) {
        for n in 0..3 {
            assert_eq!(by_hand(s, n), by_regex(s, n), "regex {n} on {s:?}");
        }
    }

    #[test]
    fn known_citations() {
        for s in [
            "18 U.S.C. § 1343",
            "in violation of 18 U.S.C. §§ 1343, 1349 and 2.",
            "18 USC 922(g)(1) and 924(c)",
            "21 U.S.C.A. Sec. 841(a)(1), 846",
            "21 U. S. C. Sections 841 (b)(1)(A)",
            "x18 U.S.C. 2",
            "118 U.S.C. 2",
            "Title 18, United States Code, Section 922(g)",
            "title 18 of the united states code, §§ 1951(a)",
            "TITLE 21, UNITED STATES CODE, SEC. 841",
            "Section 371 of Title 18, United States Code",
            "sections 1341 and 1343, title 18, United States Code",
            "section 1343 (a), of title 18, of the United States Code",
            "a§ 5 of title 18 united states code",
            "18\u{a0}U.S.C.\u{a0}§\u{a0}1001",
            "18 U.S.C. § 2, 3(a) and 4(bb)x, 5(a)(b)",
            "18 U.S.C. § 2, 3a and 4ab",
            "Title 18 United States Code section 5-6 (abcde)",
            "Title ſ18",
            "section 3 of title ١٨, United States Code",
            "18 U.S.C. § 1343 \u{2014} Title 18, United States Code, Section 2, and § 3 of title 4 United States Code",
        ] {
            same(s);
        }
    }

    /// Random strings over the citations' alphabet.
    #[test]
    fn random_strings() {
        const PARTS: &[&str] = &[
            "1", "18", "234", " ", "  ", "\u{a0}", "\n", "U", "S", "C", "A", ".", ",", "&", "and",
            "§", "Sec", "sec", "tion", "s", "(", ")", "a", "b", "abcde", "-", "x", "_", "title",
            "Title", "of", "the", "united", "United", "states", "States", "code", "Code",
            "section", "SECTION", "\u{2019}", "é",
        ];
        let mut next = {
            let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
            move || {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            }
        };
        let templates = [
            "18 U.S.C. § 1343, 1349 and 2(a)(b)",
            "Title 18, United States Code, Section 922(g)",
            "Section 371 of Title 18, United States Code",
        ];
        for _ in 0..20000 {
            let mut s = String::new();
            let n = next() % 12 + 1;
            for _ in 0..n {
                if next() % 9 == 0 {
                    s.push_str(templates[(next() % 3) as usize]);
                } else if next() % 5 == 0 {
                    let t = templates[(next() % 3) as usize];
                    // A piece of a template.
                    let a = (next() as usize) % t.len();
                    let b = a + (next() as usize) % (t.len() - a + 1);
                    if let Some(x) = t.get(a..b) {
                        s.push_str(x);
                    }
                } else {
                    s.push_str(PARTS[(next() as usize) % PARTS.len()]);
                }
            }
            same(&s);
        }
    }
}

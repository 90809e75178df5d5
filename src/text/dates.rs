//! Dates as written in articles, normalized to ISO 8601 (`YYYY-MM-DD`).

use regex::Regex;
use std::sync::OnceLock;

/// Month number (1-12) of a month name or abbreviation ("Sept.", "march").
/// Allocation-free: matchers call it on every token.
pub fn month_number(word: &str) -> Option<u32> {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    FULL.iter()
        .position(|f| f.len() >= w.len() && f[..w.len()].eq_ignore_ascii_case(w))
        .map(|i| i as u32 + 1)
}

fn re_iso() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^\s*(\d{4})-(\d{2})-(\d{2})").expect("valid regex"))
}

fn re_us() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?-u:\b)").expect("valid regex"))
}

/// The regex of a written date such as `July 20, 2018` or `Dec. 12, 2024`.
pub fn re_written() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?-u:\b)(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?-u:\b)",
        )
        .expect("valid regex")
    })
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    if (1..=12).contains(&m) && (1..=31).contains(&d) && (1000..=2999).contains(&y) {
        Some(format!("{y:04}-{m:02}-{d:02}"))
    } else {
        None
    }
}

/// Normalize a date string (ISO, `MM/DD/YYYY`, `Month D, YYYY`) to `YYYY-MM-DD`.
///
/// ASCII strings (nearly all dates) are read by hand, exactly as the
/// regexes read them; others by the regexes, whose `\s` and `\d` are
/// Unicode classes.
pub fn normalize(s: &str) -> Option<String> {
    if !s.is_ascii() {
        return normalize_by_regex(s);
    }
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied();
    // The length of the run of digits at `i`; the value of the `n` digits
    // at `i` (at most four).
    let run = |i: usize| {
        b.get(i..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let num = |i: usize, n: usize| {
        b.get(i..i + n)
            .unwrap_or_default()
            .iter()
            .fold(0, |v, &c| v * 10 + u32::from(c - b'0'))
    };
    // A run of exactly four digits at `i` followed by a word boundary.
    let year = |i: usize| run(i) == 4 && !at(i + 4).is_some_and(is_word);
    // `^\s*(\d{4})-(\d{2})-(\d{2})`
    let i = b.iter().take_while(|&&c| is_space(c)).count();
    let n = run(i);
    if n == 4
        && at(i + 4) == Some(b'-')
        && run(i + 5) >= 2
        && at(i + 7) == Some(b'-')
        && run(i + 8) >= 2
    {
        return valid(num(i, 4), num(i + 5, 2), num(i + 8, 2));
    }
    // `^\s*(\d{1,2})/(\d{1,2})/(\d{4})\b`
    if (1..=2).contains(&n) && at(i + n) == Some(b'/') {
        let j = i + n + 1;
        let n2 = run(j);
        let k = j + n2 + 1;
        if (1..=2).contains(&n2) && at(j + n2) == Some(b'/') && year(k) {
            return valid(num(k, 4), num(i, n), num(j, n2));
        }
    }
    // The first written date: `\bMONTH\s+(\d{1,2})(st|nd|rd|th)?,?\s+(\d{4})\b`.
    // The month's forms end in a letter or `.` and none is another's prefix
    // followed by a space, so at most one form fits at a place, and every
    // later part has one way to match.
    for p in 0..b.len() {
        let first = at(p).is_some_and(|c| b"JFMASOND".contains(&c));
        if !first || p > 0 && at(p - 1).is_some_and(is_word) {
            continue;
        }
        let Some(month) = MONTH_FORMS.iter().find(|f| {
            b.get(p..).is_some_and(|r| r.starts_with(f.as_bytes()))
                && at(p + f.len()).is_some_and(is_space)
        }) else {
            continue;
        };
        let spaces = |i: usize| {
            b.get(i..)
                .map_or(0, |r| r.iter().take_while(|&&c| is_space(c)).count())
        };
        let mut q = p + month.len();
        q += spaces(q);
        let day = (q, run(q));
        if !(1..=2).contains(&day.1) {
            continue;
        }
        q += day.1;
        if b.get(q..q + 2)
            .is_some_and(|x| matches!(x, b"st" | b"nd" | b"rd" | b"th"))
        {
            q += 2;
        }
        if at(q) == Some(b',') {
            q += 1;
        }
        let gap = spaces(q);
        if gap == 0 || !year(q + gap) {
            continue;
        }
        return valid(num(q + gap, 4), month_number(month)?, num(day.0, day.1));
    }
    None
}

/// The month forms of [`re_written`], in full.
const MONTH_FORMS: [&str; 35] = [
    "January",
    "Jan.",
    "Jan",
    "February",
    "Feb.",
    "Feb",
    "March",
    "Mar.",
    "Mar",
    "April",
    "Apr.",
    "Apr",
    "May",
    "June",
    "Jun",
    "July",
    "Jul",
    "August",
    "Aug.",
    "Aug",
    "September",
    "Sept.",
    "Sept",
    "Sepember",
    "Sep.",
    "Sep",
    "October",
    "Oct.",
    "Oct",
    "November",
    "Nov.",
    "Nov",
    "December",
    "Dec.",
    "Dec",
];

/// An ASCII byte of the regexes' `\s` (Unicode White_Space).
fn is_space(c: u8) -> bool {
    matches!(c, b'\t'..=b'\r' | b' ')
}

/// An ASCII word byte (of `(?-u:\b)`).
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// [`normalize`] by the regexes.
fn normalize_by_regex(s: &str) -> Option<String> {
    if let Some(c) = re_iso().captures(s) {
        return valid(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if let Some(c) = re_us().captures(s) {
        return valid(c[3].parse().ok()?, c[1].parse().ok()?, c[2].parse().ok()?);
    }
    if let Some(c) = re_written().captures(s) {
        return valid(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forms() {
        assert_eq!(
            normalize("2024-03-05T10:00:00Z").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(normalize("07/20/2018").as_deref(), Some("2018-07-20"));
        assert_eq!(
            normalize("Date: July 20, 2018").as_deref(),
            Some("2018-07-20")
        );
        assert_eq!(normalize("Dec. 12, 2024").as_deref(), Some("2024-12-12"));
        assert_eq!(normalize("Sept. 3rd, 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(normalize("yesterday"), None);
        assert_eq!(normalize("2024-13-01"), None);
        assert_eq!(normalize("1733961600"), None);
        // The first written date decides, even when its month is no month.
        assert_eq!(normalize("Sepember 5, 2020, or July 4, 2021"), None);
        assert_eq!(
            normalize_by_regex("Sepember 5, 2020, or July 4, 2021"),
            None
        );
        assert_eq!(normalize("\u{a0}2024-03-05").as_deref(), Some("2024-03-05"));
    }

    /// Strings made of date pieces and odd neighbours, and of whole
    /// written dates with odd parts.
    fn date_like() -> impl Strategy<Value = String> {
        let mut pieces: Vec<&'static str> = MONTH_FORMS.to_vec();
        pieces.extend([
            "jan", "JAN", "Septe", "Mayo", "Juned", "Sep t", " ", "  ", "\t", "\n", "\u{b}",
            "\u{c}", "\r", "\u{1c}", "\u{1f}", ",", ".", "-", "/", "_", ":", "T", "Z", "x", "st",
            "nd", "rd", "th", "s", "1", "12", "123", "03", "31", "2018", "20189", "1999", "0000",
            "3000", "13", "00", "7", "(", "Date: ", "\u{a0}", "\u{2009}", "\u{661}", "é",
        ]);
        let sel = |v: &[&'static str]| prop::sample::select(v.to_vec());
        let written = (
            sel(&MONTH_FORMS),
            sel(&[" ", "  ", "\t", "\u{b}", "", "\u{1c}"]),
            sel(&["4", "04", "31", "32", "123", ""]),
            sel(&["", "st", "nd", "rd", "th", "ts", "s"]),
            sel(&["", ",", ",,", "."]),
            sel(&[" ", "\r\n", "", "\u{c}"]),
            sel(&["2018", "999", "20189", "0999", "1000", "2999"]),
            sel(&["", " ", "_", "s", ".", "1", "-"]),
        )
            .prop_map(|(a, b, c, d, e, f, g, h)| [a, b, c, d, e, f, g, h].concat());
        let numeric = (
            sel(&["", " ", "\t\u{b}", "x", "\u{1c}"]),
            sel(&["2024", "7", "07", "123", "12345", ""]),
            sel(&["-", "/", "--", "."]),
            sel(&["3", "03", "13", "123", ""]),
            sel(&["-", "/", ""]),
            sel(&["5", "05", "31", "051", "2018", "20189", ""]),
            sel(&["", "T10:00Z", "_", "a", "1", " ", "-"]),
        )
            .prop_map(|(a, b, c, d, e, f, g)| [a, b, c, d, e, f, g].concat());
        let part = prop_oneof![
            prop::sample::select(pieces).prop_map(String::from),
            written,
            numeric
        ];
        prop::collection::vec(part, 0..6).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        /// The hand reading gives what the regexes give.
        #[test]
        fn hand_reading_agrees_with_the_regexes(s in date_like()) {
            prop_assert_eq!(normalize(&s), normalize_by_regex(&s), "{:?}", s);
        }

        #[test]
        fn hand_reading_agrees_on_any_ascii(s in "[ -~\t\n\r\x0b\x0c]{0,30}") {
            prop_assert_eq!(normalize(&s), normalize_by_regex(&s), "{:?}", s);
        }
    }
}

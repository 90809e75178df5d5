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
pub fn normalize(s: &str) -> Option<String> {
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
    }
}

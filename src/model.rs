//! The rows of the output tables, as the pipeline computes them.
//!
//! Offsets held here are **byte** offsets into the document text; the output
//! stage converts them to code-point offsets once per document
//! ([`crate::text::OffsetMap`]).

use std::borrow::Cow;

/// Status of one input document (`documents.csv` `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Text extracted and processed.
    Ok,
    /// Readable, but holds no text.
    Empty,
    /// Not a supported file type.
    Skipped,
    /// Could not be read, decoded or parsed.
    Error,
}

impl Status {
    /// The SCHEMA word for this status.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Empty => "empty",
            Status::Skipped => "skipped",
            Status::Error => "error",
        }
    }
}

/// One input document after decoding and markup removal.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the input root, `path#N` for a JSON Lines record, or `-`.
    pub doc_id: String,
    /// Headline: first non-empty line, `<title>` or the JSON `title`.
    pub title: String,
    /// Publication date (ISO 8601) when the input carries one.
    pub date: Option<String>,
    /// The extracted text; all offsets point into it.
    pub text: String,
    /// Outcome of reading the document.
    pub status: Status,
    /// Reason, for `error` and `skipped`.
    pub error: Option<String>,
}

impl Document {
    /// A document that failed before any text was extracted.
    pub fn failed(doc_id: impl Into<String>, status: Status, reason: impl Into<String>) -> Self {
        Document {
            doc_id: doc_id.into(),
            title: String::new(),
            date: None,
            text: String::new(),
            status,
            error: Some(reason.into()),
        }
    }
}

/// The mention types of `mentions.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionType {
    /// A person.
    Person,
    /// An organization.
    Org,
    /// A criminal charge.
    Charge,
    /// A prison sentence.
    Sentence,
    /// A clemency action.
    Clemency,
}

impl MentionType {
    /// The SCHEMA word for this type.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionType::Person => "PERSON",
            MentionType::Org => "ORG",
            MentionType::Charge => "CHARGE",
            MentionType::Sentence => "SENTENCE",
            MentionType::Clemency => "CLEMENCY",
        }
    }
}

/// One row of `mentions.csv` (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Type of the mention.
    pub ty: MentionType,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The row of the extraction's table for `ty` (people, organizations,
    /// charges, sentences or clemency) that the mention belongs to: its
    /// canonical form comes from that row ([`Extraction::canonical`]), so
    /// that a mention holds no string of its own.
    pub row: usize,
    /// The list or pattern that produced it.
    pub rule: &'static str,
    /// 0-based index of the sentence holding the mention.
    pub sentence: usize,
}

/// One row of `people.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// Canonical full name, titles removed.
    pub name: String,
    /// Number of mentions, aliases included.
    pub mentions: usize,
    /// Byte offset of the first mention.
    pub first_start: usize,
    /// Other surface forms, in order of first use.
    pub aliases: Vec<String>,
    /// Titles or roles seen with the name.
    pub titles: Vec<String>,
    /// Key of the gazetteer entry, if known.
    pub gazetteer_id: String,
}

/// One row of `organizations.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Organization {
    /// Canonical name.
    pub name: String,
    /// Number of mentions, aliases included.
    pub mentions: usize,
    /// Byte offset of the first mention.
    pub first_start: usize,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// SCHEMA kind (`government`, `court`, ...).
    pub kind: String,
    /// Key of the gazetteer entry, if known.
    pub gazetteer_id: String,
}

/// One row of `charges.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Charge {
    /// Offense as written, whitespace folded.
    pub charge: String,
    /// SCHEMA category.
    pub category: String,
    /// Statute citation if given.
    pub statute: String,
    /// Canonical name of the person charged.
    pub person: String,
    /// Procedural stage (`charged`, `convicted`, ...), or empty.
    pub stage: String,
    /// Byte offsets of the charge phrase.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

/// One row of `sentences.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// The phrase as written.
    pub text: String,
    /// `imposed`, `served`, `commuted` or `faced`.
    pub kind: String,
    /// Length in months; `None` for life or death.
    pub months: Option<f64>,
    /// Life imprisonment.
    pub life: bool,
    /// Death sentence.
    pub death: bool,
    /// Canonical name of the person, when tied to one.
    pub person: String,
    /// Byte offsets of the phrase.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

impl Sentence {
    /// The normalized term: `life`, `death` or `N months`.
    pub fn term(&self) -> String {
        let mut s = String::new();
        self.push_term(&mut s);
        s
    }

    /// Append [`Sentence::term`] to `out`.
    pub fn push_term(&self, out: &mut String) {
        if self.death {
            out.push_str("death");
        } else if self.life {
            out.push_str("life");
        } else if let Some(m) = self.months {
            push_months(out, m);
            out.push_str(" months");
        }
    }
}

/// Format a month count without a needless fraction (`264`, `12.03`).
pub fn fmt_months(m: f64) -> String {
    let mut s = String::new();
    push_months(&mut s, m);
    s
}

/// Append [`fmt_months`] of `m` to `out`.
pub fn push_months(out: &mut String, m: f64) {
    use std::fmt::Write;
    // A whole count below 10,000 (nearly every term) is written directly,
    // without rounding and formatting a float. (Saturating: a negative
    // count, NaN or a fraction never round-trips.)
    let n = m as u64;
    if n as f64 == m && n < 10_000 {
        push_int(out, n as i64);
        return;
    }
    let r = (m * 100.0).round() / 100.0;
    // Writing into a String cannot fail.
    if (r - r.round()).abs() < 1e-9 {
        push_int(out, r.round() as i64);
    } else {
        let from = out.len();
        let _ = write!(out, "{r:.2}");
        let kept = out.get(from..).map_or(0, |s| s.trim_end_matches('0').len());
        out.truncate(from + kept);
    }
}

/// Append `v` in decimal (as `write!(out, "{v}")` does).
fn push_int(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let mut n = v.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        if let Some(d) = digits.get_mut(k) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.get(k..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

/// One row of `clemency.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clemency {
    /// `pardon`, `commutation`, `reprieve`, `remission` or `clemency`.
    pub action: String,
    /// `granted`, `denied`, `sought` or `proposed`.
    pub status: String,
    /// Canonical name of who granted or denied it.
    pub grantor: String,
    /// Canonical name of who received or sought it.
    pub recipient: String,
    /// The recipient's offense.
    pub charge: String,
    /// The recipient's sentence before clemency (`life`, `264 months`).
    pub original_sentence: String,
    /// ISO 8601 date when stated.
    pub date: String,
    /// The text sentence that states the action.
    pub evidence: String,
    /// Byte offsets of the trigger word.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// All mentions of all types, in the order of `mentions.csv`: by
    /// start, end, then type.
    pub mentions: Vec<Mention>,
    /// Distinct people.
    pub people: Vec<Person>,
    /// Distinct organizations.
    pub organizations: Vec<Organization>,
    /// Charge mentions.
    pub charges: Vec<Charge>,
    /// Prison-sentence mentions.
    pub sentences: Vec<Sentence>,
    /// Clemency events.
    pub clemency: Vec<Clemency>,
}

impl Extraction {
    /// The canonical form of mention `m` (entity name, lower-cased charge,
    /// term, action): borrowed from its row when it can be.
    pub fn canonical(&self, m: &Mention) -> Cow<'_, str> {
        fn name(s: Option<&String>) -> Cow<'_, str> {
            Cow::Borrowed(s.map_or("", String::as_str))
        }
        match m.ty {
            MentionType::Person => name(self.people.get(m.row).map(|p| &p.name)),
            MentionType::Org => name(self.organizations.get(m.row).map(|o| &o.name)),
            MentionType::Charge => match self.charges.get(m.row) {
                Some(c) => lowercase(&c.charge),
                None => Cow::Borrowed(""),
            },
            MentionType::Sentence => match self.sentences.get(m.row) {
                Some(s) if s.death => Cow::Borrowed("death"),
                Some(s) if s.life => Cow::Borrowed("life"),
                Some(s) => Cow::Owned(s.term()),
                None => Cow::Borrowed(""),
            },
            MentionType::Clemency => name(self.clemency.get(m.row).map(|c| &c.action)),
        }
    }
}

/// `s.to_lowercase()`, borrowed when that changes nothing (ASCII text
/// without capitals, the usual charge).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`push_months`] as it was before its whole-number fast path: the
    /// oracle of [`whole_months_and_terms_match_the_float_path`].
    fn push_months_float(out: &mut String, m: f64) {
        use std::fmt::Write;
        let r = (m * 100.0).round() / 100.0;
        if (r - r.round()).abs() < 1e-9 {
            push_int(out, r.round() as i64);
        } else {
            let from = out.len();
            let _ = write!(out, "{r:.2}");
            let kept = out.get(from..).map_or(0, |s| s.trim_end_matches('0').len());
            out.truncate(from + kept);
        }
    }

    #[test]
    fn whole_months_and_terms_match_the_float_path() {
        let mut ms: Vec<f64> = (0..12_000).map(f64::from).collect();
        ms.extend((0..3000).map(|k| f64::from(k) * 0.37));
        ms.extend([
            -0.0,
            -1.0,
            -12.5,
            0.004,
            0.005,
            9999.999,
            1e15,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ]);
        for m in ms {
            let (mut got, mut want) = (String::new(), String::new());
            push_months(&mut got, m);
            push_months_float(&mut want, m);
            assert_eq!(got, want, "{m}");
            for (life, death) in [(false, false), (true, false), (false, true)] {
                for months in [None, Some(m)] {
                    let s = Sentence {
                        months,
                        life,
                        death,
                        ..Sentence::default()
                    };
                    let mut got = String::new();
                    s.push_term(&mut got);
                    let mut want = String::new();
                    if death {
                        want.push_str("death");
                    } else if life {
                        want.push_str("life");
                    } else if let Some(m) = months {
                        push_months_float(&mut want, m);
                        want.push_str(" months");
                    }
                    assert_eq!(got, want, "{m}");
                }
            }
        }
    }

    #[test]
    fn integers_as_write_formats_them() {
        let mut vs = vec![i64::MIN, i64::MIN + 1, i64::MAX, -1, 0, 1, 9, 10, 99, 100];
        vs.extend((-1000..1000).map(|v| v * 37));
        for v in vs {
            let mut s = String::from("x");
            push_int(&mut s, v);
            assert_eq!(s, format!("x{v}"));
        }
    }

    #[test]
    fn months_format() {
        assert_eq!(fmt_months(264.0), "264");
        assert_eq!(fmt_months(12.0328), "12.03");
        assert_eq!(fmt_months(0.5), "0.5");
    }

    #[test]
    fn pushed_months_and_terms_match_the_formatted_forms() {
        // The former formatting, kept here as the reference.
        let reference = |m: f64| {
            let r = (m * 100.0).round() / 100.0;
            if (r - r.round()).abs() < 1e-9 {
                format!("{}", r.round() as i64)
            } else {
                format!("{r:.2}").trim_end_matches('0').to_string()
            }
        };
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut ms = vec![
            0.0, -0.0, 0.5, 1.0, 12.0328, 264.0, 0.001, 0.996, 1e15, -3.25, 0.1,
        ];
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ms.push((x % 1_000_000) as f64 / 1000.0);
        }
        for m in ms {
            let mut s = String::from("x");
            push_months(&mut s, m);
            assert_eq!(s, format!("x{}", reference(m)), "{m}");
            assert_eq!(fmt_months(m), reference(m));
            let se = Sentence {
                months: Some(m),
                ..Sentence::default()
            };
            assert_eq!(se.term(), format!("{} months", reference(m)));
        }
        let life = Sentence {
            life: true,
            months: Some(3.0),
            ..Sentence::default()
        };
        assert_eq!(life.term(), "life");
        assert_eq!(Sentence::default().term(), "");
    }

    #[test]
    fn canonical_forms() {
        let ex = Extraction {
            charges: vec![
                Charge {
                    charge: "wire fraud".into(),
                    ..Charge::default()
                },
                Charge {
                    charge: "Wire FRAUD and \u{130}nce".into(),
                    ..Charge::default()
                },
            ],
            ..Extraction::default()
        };
        let m = |ty, row| Mention {
            ty,
            start: 0,
            end: 0,
            row,
            rule: "",
            sentence: 0,
        };
        assert!(matches!(
            ex.canonical(&m(MentionType::Charge, 0)),
            Cow::Borrowed("wire fraud")
        ));
        assert_eq!(
            ex.canonical(&m(MentionType::Charge, 1)),
            "Wire FRAUD and \u{130}nce".to_lowercase()
        );
        assert_eq!(ex.canonical(&m(MentionType::Person, 3)), "");
    }
}

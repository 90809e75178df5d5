//! The rows of the output tables, as the pipeline computes them.
//!
//! Offsets held here are **byte** offsets into the document text; the output
//! stage converts them to code-point offsets once per document
//! ([`crate::text::OffsetMap`]).

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
    /// Canonical form (entity name, normalized charge, term, action).
    pub canonical: String,
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
        if self.death {
            "death".into()
        } else if self.life {
            "life".into()
        } else {
            match self.months {
                Some(m) => format!("{} months", fmt_months(m)),
                None => String::new(),
            }
        }
    }
}

/// Format a month count without a needless fraction (`264`, `12.03`).
pub fn fmt_months(m: f64) -> String {
    let r = (m * 100.0).round() / 100.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
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
    /// All mentions of all types (sorted by start at output).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_format() {
        assert_eq!(fmt_months(264.0), "264");
        assert_eq!(fmt_months(12.0328), "12.03");
        assert_eq!(fmt_months(0.5), "0.5");
    }
}

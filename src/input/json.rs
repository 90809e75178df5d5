//! JSON articles: one record per JSON Lines line, or a `.json` file holding
//! one record or an array of records. Text comes from `text`, `body`,
//! `content` or `article` (HTML in it is stripped); `title`, `date` /
//! `published`, `id` and `url` are read when present.

use serde_json::Value;

/// One article record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// `id` field, if any (strings and numbers).
    pub id: Option<String>,
    /// `title` field.
    pub title: Option<String>,
    /// `date`, `published`, `published_at` or `datePublished`.
    pub date: Option<String>,
    /// The article text (markup removed).
    pub text: String,
}

const TEXT_FIELDS: &[&str] = &["text", "body", "content", "article"];
const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "datePublished",
    "pubdate",
];

/// Parse one record from a JSON value (its strings are moved out, not copied).
pub fn record(v: Value) -> Result<Record, String> {
    let mut m = match v {
        Value::Object(m) => m,
        other => return Err(format!("JSON record is {}, not an object", kind(&other))),
    };
    // The fields read are distinct keys: each is taken at most once.
    let mut s = |k: &str| -> Option<String> {
        match m.get(k) {
            Some(Value::String(s)) if !s.trim().is_empty() => match m.remove(k) {
                Some(Value::String(s)) => Some(s),
                _ => None,
            },
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        }
    };
    let raw = TEXT_FIELDS.iter().find_map(|k| s(k));
    let Some(raw) = raw else {
        return Err(format!(
            "JSON record has no text field ({})",
            TEXT_FIELDS.join(", ")
        ));
    };
    let text = if looks_like_html(&raw) {
        super::html::parse(&raw).text
    } else if memchr::memchr(b'\r', raw.as_bytes()).is_some() {
        raw.replace("\r\n", "\n")
    } else {
        raw
    };
    Ok(Record {
        id: s("id"),
        title: s("title").map(|t| super::html::fold_ws(&t)),
        date: DATE_FIELDS.iter().find_map(|k| s(k)),
        text,
    })
}

/// Parse a `.json` file: one record or an array of records.
pub fn records(text: &str) -> Result<Vec<Result<Record, String>>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    match v {
        Value::Array(items) => Ok(items.into_iter().map(record).collect()),
        other => Ok(vec![record(other)]),
    }
}

/// Parse one JSON Lines line.
pub fn line(text: &str) -> Result<Record, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    record(v)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn looks_like_html(s: &str) -> bool {
    if memchr::memchr(b'<', s.as_bytes()).is_none() {
        return false;
    }
    let t = s.trim_start();
    t.starts_with('<') || s.contains("</p>") || s.contains("<br") || s.contains("</div>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_fallbacks() {
        let r = line(r#"{"id": 7, "title": "A  headline", "published": "2024-01-02", "body": "<p>Hi &amp; bye</p>"}"#).unwrap();
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.title.as_deref(), Some("A headline"));
        assert_eq!(r.date.as_deref(), Some("2024-01-02"));
        assert_eq!(r.text, "Hi & bye");
    }

    #[test]
    fn errors_are_reasons() {
        assert!(line("{bad").unwrap_err().contains("invalid JSON"));
        assert!(line("[1]").unwrap_err().contains("not an object"));
        assert!(line(r#"{"title": "x"}"#)
            .unwrap_err()
            .contains("no text field"));
    }

    #[test]
    fn array_file() {
        let rs = records(r#"[{"text": "a"}, {"text": "b"}, 3]"#).unwrap();
        assert_eq!(rs.len(), 3);
        assert!(rs[2].is_err());
    }
}

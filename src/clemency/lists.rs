//! Clemency lists: an announcement that grants clemency to many people at
//! once ("is granting full pardons to six individuals", "commuted the
//! sentences of the following 37 individuals:") followed by one entry per
//! person, as a "Name – City, State" header line, a `NAME<TAB>Reg. No.` or
//! HTML table row, or (for a small count) one paragraph per person opening
//! with the name. Each entry becomes one event; the entry's block of text
//! gives the person's charge and sentence.

use super::people::Cast;
use super::{date_in, grant_local, lexicon, patterns, status_of, Event, Trigger};
use crate::model::{Charge, Sentence};
use crate::text::Text;
use regex::Regex;
use std::sync::OnceLock;

/// One listed recipient.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Byte start of the name.
    pub start: usize,
    /// End of the entry's block of text.
    pub block_end: usize,
    /// Canonical name.
    pub recipient: String,
    /// Action for this entry.
    pub action: &'static str,
    /// Status of the announcement.
    pub status: &'static str,
    /// Grantor of the announcement.
    pub grantor: String,
    /// Announcement trigger span and sentence.
    pub trigger: (usize, usize),
    /// Sentence index of the announcement.
    pub sentence: usize,
    /// Date of the announcement.
    pub date: String,
    /// Charge found in the block.
    pub charge: String,
    /// Imposed sentence found in the block.
    pub original_sentence: String,
}

/// The entries of a document, sorted by start.
#[derive(Debug, Default)]
pub struct Entries {
    list: Vec<Entry>,
}

impl Entries {
    /// The entry whose block holds `pos`.
    pub fn block_at(&self, pos: usize) -> Option<&Entry> {
        let k = self.list.partition_point(|e| e.start <= pos);
        let e = self.list.get(k.checked_sub(1)?)?;
        (pos < e.block_end).then_some(e)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// One event per entry, the entries consumed (a list of many thousand
    /// names is not held twice).
    pub fn into_events(self) -> impl Iterator<Item = Event> {
        self.list.into_iter().map(|e| Event {
            action: e.action,
            status: e.status,
            grantor: e.grantor,
            grantor_rank: 2,
            recipient: e.recipient,
            asserted: true,
            explicit: true,
            charge: e.charge,
            original_sentence: e.original_sentence,
            date: e.date,
            sentence: e.sentence,
            start: e.trigger.0,
            end: e.trigger.1,
        })
    }
}

/// An announcement of a list.
struct Announcement {
    /// End of the announcing sentence (entries start after it).
    from: usize,
    /// (action, count) in the order stated.
    parts: Vec<(&'static str, Option<usize>)>,
    status: &'static str,
    grantor: String,
    trigger: (usize, usize),
    sentence: usize,
    date: String,
    /// A grant that names nobody itself: a bulleted list may follow.
    bullets: bool,
}

/// Whether a line opens as a bullet ("- ", "* ", "• " after spaces): what
/// [`patterns::bullet_name`] needs.
fn bullet_opening(line: &str) -> bool {
    let mut rest = line.trim_start_matches([' ', '\t']).chars();
    matches!(rest.next(), Some('-' | '*' | '•')) && matches!(rest.next(), Some(' ' | '\t'))
}

/// Whether a line holds a comma and a dash after a space or tab: what
/// [`patterns::dash_name`] needs.
fn dash_line(line: &str) -> bool {
    let b = line.as_bytes();
    // Read at each dash (a hyphen or the lead byte of an en or em dash).
    memchr::memchr(b',', b).is_some()
        && memchr::memchr2_iter(b'-', 0xe2, b).any(|i| {
            i > 0
                && matches!(b[i - 1], b' ' | b'\t')
                && (b[i] == b'-'
                    || b[i..].starts_with("\u{2013}".as_bytes())
                    || b[i..].starts_with("\u{2014}".as_bytes()))
        })
}

/// Whether a line holds a hyphen and a tab or a bar: what [`re_tab`] needs.
fn tab_line(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr(b'-', b).is_some() && memchr::memchr2(b'\t', b'|', b).is_some()
}

fn re_tab() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^[ \t]*\|?[ \t]*(?P<name>[^\t\n|]{3,90}?)[ \t]*(?:\t+|[ \t]*\|[ \t]*)\d{5}-\d{3}[ \t]*\|?[ \t]*$")
            .expect("valid regex")
    })
}

/// The name cells of a table row with a register number, as the regex
/// `<td[^>]{0,200}>(?P<name>(?:[^<]|<br\s?/?>){2,400})</td>\s{0,40}<td[^>]{0,200}>\s*\d{5}-\d{3}\s*(?:<br\s?/?>\s*\d{5}-\d{3}\s*)*</td>`
/// finds them (the spans of `name`, leftmost first, not overlapping): a
/// hand-written reading, as the regex is slow to build and to run. Every
/// part of the pattern can end in one place only (each repetition runs to
/// a character it cannot take, and what follows it opens with that
/// character), so one pass from each `<td` decides.
fn cell_names(h: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = h.get(from..).and_then(|r| r.find("<td")) {
        let i = from + k;
        match cell_at(h, i) {
            Some((name, end)) => {
                out.push(name);
                from = end;
            }
            // A `<td` before the `>` that closes this one would read on
            // from the same place, and fail the same way.
            None => from = td_open(h, i).unwrap_or(i + 1),
        }
    }
    out
}

/// The regex of [`cell_names`] read at byte `i`: the span of `name` and the
/// end of the match.
fn cell_at(h: &str, i: usize) -> Option<((usize, usize), usize)> {
    let p = td_open(h, i)?;
    // The name: characters other than `<` and `<br>` tags, 2 to 400 of them.
    let mut q = p;
    let mut items = 0;
    while items < 400 {
        let c = h.get(q..)?.chars().next();
        match c {
            Some('<') => match br_tag(h, q) {
                Some(e) => q = e,
                None => break,
            },
            Some(c) => q += c.len_utf8(),
            None => break,
        }
        items += 1;
    }
    if items < 2 {
        return None;
    }
    let name = (p, q);
    let mut q = lit_at(h, q, "</td>")?;
    let (e, n) = whitespace(h, q, 41);
    if n > 40 {
        return None;
    }
    q = td_open(h, e)?;
    q = whitespace(h, q, usize::MAX).0;
    q = register_number(h, q)?;
    q = whitespace(h, q, usize::MAX).0;
    while let Some(e) = br_tag(h, q)
        .map(|e| whitespace(h, e, usize::MAX).0)
        .and_then(|e| register_number(h, e))
    {
        q = whitespace(h, e, usize::MAX).0;
    }
    let end = lit_at(h, q, "</td>")?;
    Some((name, end))
}

/// The end of `lit` read at byte `i` of `h`.
fn lit_at(h: &str, i: usize, lit: &str) -> Option<usize> {
    h.get(i..)?.starts_with(lit).then_some(i + lit.len())
}

/// `<td[^>]{0,200}>` at `i`: its end.
fn td_open(h: &str, i: usize) -> Option<usize> {
    let p = lit_at(h, i, "<td")?;
    let rest = h.get(p..)?;
    let (k, _) = rest.char_indices().take(201).find(|&(_, c)| c == '>')?;
    Some(p + k + 1)
}

/// `<br\s?/?>` at `i`: its end.
fn br_tag(h: &str, i: usize) -> Option<usize> {
    let mut q = lit_at(h, i, "<br")?;
    if let Some(c) = h.get(q..)?.chars().next().filter(|c| c.is_whitespace()) {
        q += c.len_utf8();
    }
    if h.get(q..)?.starts_with('/') {
        q += 1;
    }
    lit_at(h, q, ">")
}

/// The run of whitespace at `i`, read up to `max` characters: its end and
/// its length in characters.
fn whitespace(h: &str, i: usize, max: usize) -> (usize, usize) {
    let rest = h.get(i..).unwrap_or("");
    let mut n = 0;
    let mut end = rest.len();
    for (k, c) in rest.char_indices() {
        if n == max || !c.is_whitespace() {
            end = k;
            break;
        }
        n += 1;
    }
    (i + end, n)
}

/// `\d{5}-\d{3}` at `i`: its end.
fn register_number(h: &str, i: usize) -> Option<usize> {
    let digits = |q: usize, n: usize| -> Option<usize> {
        let mut q = q;
        for _ in 0..n {
            let c = h.get(q..)?.chars().next()?;
            if !lexicon::is_decimal_digit(c) {
                return None;
            }
            q += c.len_utf8();
        }
        Some(q)
    };
    let q = digits(i, 5)?;
    let q = lit_at(h, q, "-")?;
    digits(q, 3)
}

/// Lower-case particles allowed inside a name.
const PARTICLES: &[&str] = &[
    "de", "la", "del", "der", "van", "von", "da", "di", "du", "le", "y", "bin", "al", "el", "dos",
    "das", "st.",
];

/// Words of headers, not names.
const HEADER_WORDS: &[&str] = &[
    "name",
    "reg",
    "no",
    "offense",
    "sentence",
    "terms",
    "district",
    "date",
    "pardons",
    "commutations",
    "city",
    "state",
];

/// A list entry's name, cleaned ("Tobias Renner, a/k/a Tobias Renner Jr."
/// gives the first form), or `None` when the text is not a name.
fn clean_name(raw: &str) -> Option<String> {
    let folded = fold_spaces(raw);
    let mut name = folded.as_str();
    for sep in [
        ", a/k/a ",
        " a/k/a ",
        ", aka ",
        " aka ",
        " (",
        ", also known as ",
    ] {
        if let Some(p) = find_lit(name, sep) {
            name = &name[..p];
        }
    }
    let name = name.trim().trim_end_matches(',').trim();
    let words: Vec<&str> = name.split(' ').collect();
    if !(2..=8).contains(&words.len()) {
        return None;
    }
    for w in &words {
        let bare = w.trim_end_matches([',', '.']);
        // An ASCII word is read byte by byte, and compared without the
        // Unicode lower-casing.
        let ascii = w.is_ascii();
        let is_one_of = |list: &[&str]| {
            list.iter().any(|t| {
                if ascii {
                    bare.eq_ignore_ascii_case(t)
                } else {
                    lowers_to(bare, t)
                }
            })
        };
        if is_one_of(HEADER_WORDS) {
            return None;
        }
        if w.bytes().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let first = w.chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || is_one_of(PARTICLES)) {
            return None;
        }
        let name_like = if ascii {
            w.bytes()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, b'.' | b'-' | b'\'' | b','))
        } else {
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | ','))
        };
        if !name_like {
            return None;
        }
    }
    Some(name.to_string())
}

/// The words of `raw` (split at whitespace) joined by single spaces, as
/// `raw.split_whitespace().collect::<Vec<_>>().join(" ")`: an ASCII name
/// is split at its whitespace bytes.
fn fold_spaces(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut push = |w: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    };
    if raw.is_ascii() {
        // The ASCII whitespace of `char::is_whitespace`: tab to carriage
        // return (with the vertical tab), and space.
        let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
        let b = raw.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if space(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while b.get(i).is_some_and(|&c| !space(c)) {
                i += 1;
            }
            push(raw.get(start..i).unwrap_or_default());
        }
    } else {
        raw.split_whitespace().for_each(&mut push);
    }
    out
}

/// Whether `w` lower-cased (`str::to_lowercase`) is the lower-case ASCII
/// `t`, without the copy: only an ASCII character or the Kelvin sign (a
/// `k`) lower-cases to ASCII.
fn lowers_to(w: &str, t: &str) -> bool {
    let mut want = t.bytes();
    w.chars().all(|c| {
        let l = match c {
            '\u{212a}' => b'k',
            c if c.is_ascii() => c as u8,
            _ => return false,
        };
        want.next() == Some(l.to_ascii_lowercase())
    }) && want.next().is_none()
}

/// The first position of the ASCII `lit` in `h` (as `h.find(lit)`, read
/// at each occurrence of its first byte: no searcher is built for a short
/// name).
fn find_lit(h: &str, lit: &str) -> Option<usize> {
    let (b, n) = (h.as_bytes(), lit.as_bytes());
    let Some(&first) = n.first() else {
        return Some(0);
    };
    let last = b.len().checked_sub(n.len())?;
    (0..=last).find(|&i| b[i] == first && b[i..].starts_with(n))
}

/// Find the list entries of a document.
pub fn entries(
    text: &Text,
    cast: &Cast,
    triggers: &[Trigger],
    charges: &[Charge],
    sentences: &[Sentence],
) -> Entries {
    let anns = announcements(text, cast, triggers);
    let mut list = Vec::new();
    if anns.is_empty() {
        return Entries { list };
    }
    let mut charges_by_start: Vec<&Charge> = charges.iter().collect();
    charges_by_start.sort_by_key(|c| c.start);
    let mut imposed_by_start: Vec<&Sentence> =
        sentences.iter().filter(|x| x.kind == "imposed").collect();
    imposed_by_start.sort_by_key(|x| x.start);
    let s = text.s;
    for (k, ann) in anns.iter().enumerate() {
        let region_end = anns.get(k + 1).map_or(s.len(), |n| n.trigger.0);
        let region_end = region_end.max(ann.from);
        let region = &s[ann.from..region_end];
        // (name start, name end, block end, name, section action)
        let mut found: Vec<(usize, usize, usize, String, Option<&'static str>)> = Vec::new();
        let mut section: Option<&'static str> = None;
        let mut headers: Vec<(usize, &'static str)> = Vec::new();
        let mut off = ann.from;
        // The last paragraph end found, with the line it was sought from:
        // every line start between the two has the same end, so a list of
        // n lines in one paragraph costs O(n), not O(n^2).
        let mut para: Option<(usize, usize)> = None;
        for line in region.split_inclusive('\n') {
            let la = off;
            off += line.len();
            let body = line.trim_end_matches(['\n', '\r']);
            if let Some(a) = lexicon::section_action(body) {
                section = Some(a);
                headers.push((la, a));
                continue;
            }
            if ann.bullets && bullet_opening(body) {
                if let Some((ma, mb)) = patterns::bullet_name(body) {
                    let m = &body[ma..mb];
                    let a = la + ma;
                    let first = cast.mentions_in(a, a + 1).next();
                    let name = match first {
                        Some(i) if cast.eligible(i) => Some(cast.name_of(i).to_string()),
                        Some(_) => None,
                        None if !lexicon::other_title(m) => {
                            clean_name(m.trim_end_matches([' ', '-']))
                        }
                        None => None,
                    };
                    if let Some(n) = name {
                        found.push((a, la + mb, la + body.len(), n, section));
                    }
                    continue;
                }
            }
            // Each line regex runs only on a line with the characters it needs.
            let name = dash_line(body)
                .then(|| patterns::dash_name(body))
                .flatten()
                .or_else(|| {
                    tab_line(body)
                        .then(|| re_tab().captures(body))
                        .flatten()
                        .and_then(|c| c.name("name"))
                        .map(|m| (m.start(), m.end()))
                });
            if let Some((ma, mb)) = name {
                if let Some(n) = clean_name(&body[ma..mb]) {
                    let end = match para {
                        Some((from, end)) if from <= off && off <= end => end,
                        _ => {
                            let end = paragraph_end(s, off);
                            para = Some((off, end));
                            end
                        }
                    };
                    let block_end = end.min(region_end);
                    found.push((la + ma, la + mb, block_end, n, section));
                }
            }
        }
        // Table cells open with "<td": without one the (costly to build)
        // cell regex need not run.
        let cells = if region.contains("<td") {
            cell_names(region)
        } else {
            Vec::new()
        };
        for (ma, mb) in cells {
            let Some(m) = region.get(ma..mb) else {
                continue;
            };
            // A cell may hold several names separated by <br />.
            let mut pa = ma;
            for (k, raw) in m.split("<br").enumerate() {
                let part_start = pa;
                pa += raw.len() + 3;
                // After the first, each part starts with the rest of the tag.
                let part = if k == 0 {
                    raw
                } else {
                    raw.split_once('>').map_or("", |(_, r)| r)
                };
                let a = ann.from + part_start + (raw.len() - part.len());
                let b = ann.from + part_start + raw.len();
                if let Some(n) = clean_name(part) {
                    let k = headers.partition_point(|h| h.0 < a);
                    let sect = k.checked_sub(1).map(|k| headers[k].1);
                    found.push((a, b, b, n, sect));
                }
            }
        }
        found.sort_by_key(|f| f.0);
        if found.is_empty() {
            found = paragraph_entries(text, cast, ann, region_end);
        }
        // Blocks end where the next entry starts.
        for i in 0..found.len() {
            if let Some(next) = found.get(i + 1).map(|f| f.0) {
                found[i].2 = found[i].2.min(next);
            }
        }
        for (idx, (a, b, block_end, name, sect)) in found.into_iter().enumerate() {
            let action = sect.unwrap_or_else(|| part_action(&ann.parts, idx));
            // The listed name is authoritative; the recognizer's form is
            // taken only when it is the same name (case, suffix).
            let recipient = match cast.entity_name_covering(a, b) {
                Some(e) if super::merge::key(e) == super::merge::key(&name) => e.to_string(),
                _ => name,
            };
            let end = block_end.max(b);
            let k = charges_by_start.partition_point(|c| c.start < a);
            let ch = charges_by_start.get(k).filter(|c| c.start < end);
            let k = imposed_by_start.partition_point(|x| x.start < a);
            let se = imposed_by_start.get(k).filter(|x| x.start < end);
            list.push(Entry {
                start: a,
                block_end: block_end.max(b),
                recipient,
                action,
                status: ann.status,
                grantor: ann.grantor.clone(),
                trigger: ann.trigger,
                sentence: ann.sentence,
                date: ann.date.clone(),
                charge: ch.map_or_else(String::new, |c| c.charge.clone()),
                original_sentence: se.map_or_else(String::new, |x| x.term()),
            });
        }
    }
    list.sort_by_key(|e| e.start);
    Entries { list }
}

/// The action of the `idx`-th entry from the announcement's parts
/// ("pardons to two individuals and commuted ... of three others").
fn part_action(parts: &[(&'static str, Option<usize>)], idx: usize) -> &'static str {
    let mut seen = 0usize;
    for &(a, n) in parts {
        match n {
            Some(n) => {
                seen += n;
                if idx < seen {
                    return a;
                }
            }
            None => return a,
        }
    }
    parts.last().map_or("clemency", |p| p.0)
}

/// End of the paragraph that starts at or continues from `pos`: the next
/// blank line.
fn paragraph_end(s: &str, pos: usize) -> usize {
    let mut off = pos;
    for line in s[pos..].split_inclusive('\n') {
        if line.trim().is_empty() {
            return off;
        }
        off += line.len();
    }
    s.len()
}

/// Entries as paragraphs opening with a person's name, for a small count.
fn paragraph_entries(
    text: &Text,
    cast: &Cast,
    ann: &Announcement,
    region_end: usize,
) -> Vec<(usize, usize, usize, String, Option<&'static str>)> {
    let total: usize = ann.parts.iter().filter_map(|p| p.1).sum();
    if total == 0 || total > 20 || ann.parts.iter().any(|p| p.1.is_none()) {
        return Vec::new();
    }
    let s = text.s;
    let mut out = Vec::new();
    let mut off = ann.from;
    for line in s[ann.from..region_end].split_inclusive('\n') {
        let la = off;
        off += line.len();
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        if out.len() >= total {
            break;
        }
        let ls = la + lead;
        let first = cast.mentions_in(ls, ls + 1).next();
        match first {
            Some(i) if cast.eligible(i) => {
                let (a, b) = cast.span_of(i);
                out.push((
                    a,
                    b,
                    la + line.trim_end().len(),
                    cast.name_of(i).to_string(),
                    None,
                ));
            }
            _ => {
                if !out.is_empty() || la > ann.from + 2 {
                    break;
                }
            }
        }
    }
    out
}

/// Announcements: sentences with a clemency trigger and a count of people.
fn announcements(text: &Text, cast: &Cast, triggers: &[Trigger]) -> Vec<Announcement> {
    let s = text.s;
    let mut out: Vec<Announcement> = Vec::new();
    let mut i = 0;
    while i < triggers.len() {
        let si = triggers[i].sentence;
        let (ca, cb) = cast.clause(si);
        let (sa, sb) = super::clip(s, (ca, cb), triggers[i].start, triggers[i].end);
        let mut j = i;
        while j < triggers.len() && triggers[j].start < sb {
            j += 1;
        }
        let group = &triggers[i..j];
        i = j;
        while i < triggers.len() && triggers[i].start < cb {
            i += 1;
        }
        let sent = &s[sa..sb];
        if !cast.may_count(sa, sb) {
            continue;
        }
        let counts = patterns::counts_of_people(sent);
        if counts.is_empty() {
            continue;
        }
        let first = &group[0];
        let neg = lexicon::negation_before(super::people::before(s, first.start, 40));
        if neg || lexicon::hypothetical(cast.starts(), sa, sb) {
            continue;
        }
        let mut actions: Vec<(&'static str, usize)> = group
            .iter()
            .filter(|t| t.action != "clemency")
            .map(|t| (t.action, t.start))
            .collect();
        actions.dedup_by_key(|a| a.0);
        if actions.is_empty() {
            actions.push(("clemency", first.start));
        }
        let mut parts = Vec::new();
        for (k, (a, _)) in actions.iter().enumerate() {
            let n = counts
                .get(k)
                .or(counts.last())
                .and_then(|&(a, b)| lexicon::count_value(&sent[a..b]));
            parts.push((*a, n));
        }
        let local = grant_local(s, first, sa);
        let status = status_of(
            cast.starts(),
            sa,
            sent,
            first.start - sa,
            first.end - sa,
            local,
        );
        let grantor = cast
            .officials_in(sa, sb)
            .first()
            .map(|o| o.name.clone())
            .or_else(|| {
                let l = sent.to_ascii_lowercase();
                if l.contains("governor") || l.contains("gov.") {
                    cast.resolve_role("governor", first.start)
                } else if l.contains("president") {
                    cast.resolve_role("president", first.start)
                } else {
                    None
                }
            })
            .or_else(|| cast.main.clone())
            .unwrap_or_default();
        // Bullets are recipients only after a stated grant that names no
        // one ("pardoned the following people:"), not after, say, a list of
        // a pardon's endorsers.
        let names_someone = cast.mentions_in(first.end, sb).any(|k| cast.eligible(k));
        let bullets = status == "granted" && local && !names_someone;
        out.push(Announcement {
            from: sb,
            parts,
            status,
            grantor,
            trigger: (first.start, first.end),
            sentence: si,
            date: date_in(sent),
            bullets,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte readings the memchr ones replace.
    fn dash_line_bytewise(line: &str) -> bool {
        let b = line.as_bytes();
        line.contains(',')
            && b.iter().enumerate().any(|(i, &c)| {
                (c == b' ' || c == b'\t')
                    && b.get(i + 1..).is_some_and(|r| {
                        r.starts_with(b"-")
                            || r.starts_with("\u{2013}".as_bytes())
                            || r.starts_with("\u{2014}".as_bytes())
                    })
            })
    }

    fn tab_line_chars(line: &str) -> bool {
        line.contains('-') && line.contains(['\t', '|'])
    }

    #[test]
    fn name_word_tests_match_their_std_readings() {
        let pieces = [
            "a",
            "K",
            "k",
            "\u{212a}",
            "\u{130}",
            "\u{e9}",
            "\u{1e9e}",
            "St",
            "NAME",
            "de",
            "L",
            "a/",
            "ka",
            " (",
            ", ",
            " ",
            "aka ",
            "also known as ",
            "\t",
            "\n",
            "\u{b}",
            "\u{c}",
            "\r",
            "\u{a0}",
            "\u{2003}",
            "\u{1c}",
            "\u{85}",
        ];
        let mut next = crate::clemency::xorshift(0x0123_4567_89ab_cdef);
        let mut hits = 0;
        for _ in 0..20_000 {
            let w: String = (0..next() % 5)
                .map(|_| pieces[(next() >> 32) as usize % pieces.len()])
                .collect();
            for t in HEADER_WORDS
                .iter()
                .chain(PARTICLES)
                .chain(&["k", "ka", "a", "stk"])
            {
                let want = w.to_lowercase() == *t;
                assert_eq!(lowers_to(&w, t), want, "{w:?} {t:?}");
                hits += usize::from(want);
            }
            for sep in [
                ", a/k/a ",
                " a/k/a ",
                ", aka ",
                " aka ",
                " (",
                ", also known as ",
                "",
            ] {
                assert_eq!(find_lit(&w, sep), w.find(sep), "{w:?} {sep:?}");
            }
            let joined = w.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold_spaces(&w), joined, "{w:?}");
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn cell_names_match_the_regex() {
        let re = Regex::new(r"<td[^>]{0,200}>(?P<name>(?:[^<]|<br\s?/?>){2,400})</td>\s{0,40}<td[^>]{0,200}>\s*\d{5}-\d{3}\s*(?:<br\s?/?>\s*\d{5}-\d{3}\s*)*</td>")
            .expect("valid regex");
        let mut next = crate::clemency::xorshift(0x5eed_0fce_115e_ed00);
        // Each slot drawn from a few right and wrong forms.
        let slots: [&[&str]; 12] = [
            &["", "x", "<td>", "</td>", "<"],
            &[
                "<td>",
                "<td class=\"a\">",
                "<td",
                "<tr>",
                "<td\n>",
                "<td<td>",
                "<td x<td y>",
            ],
            &[
                "ANN LEE",
                "A",
                "\u{e9}\u{e9}",
                "A<br />B",
                "A<br/>B<br>C",
                "A<br  />B",
                "A<b>B",
                "",
                "A\nB",
            ],
            &["</td>", "</td", "</tr>", "<br></td>"],
            &["", " ", "\n  ", "\u{2003}", "x"],
            &["<td>", "<td class=\"b\">", "<td", "</td>"],
            &["", " ", "\n"],
            &[
                "12345-678",
                "1234-678",
                "123456-678",
                "\u{663}2345-67\u{663}",
                "12345-67",
                "12345678",
            ],
            &["", " ", "\u{2003}"],
            &[
                "",
                "<br />12345-678",
                "<br>\n12345-678 ",
                "<br/>1234-678",
                "<br />",
            ],
            &["</td>", "</td", "", "<td>"],
            &["", "<td>AB</td> <td>11111-222</td>", "x", "</td>"],
        ];
        let mut hits = 0;
        for _ in 0..100_000 {
            let mut t = String::new();
            for slot in &slots {
                t.push_str(slot[(next() % slot.len() as u64) as usize]);
            }
            let want: Vec<(usize, usize)> = re
                .captures_iter(&t)
                .filter_map(|c| c.name("name").map(|m| (m.start(), m.end())))
                .collect();
            assert_eq!(cell_names(&t), want, "{t:?}");
            hits += want.len();
        }
        assert!(hits > 1_000, "{hits}");
        // The bounds: 200 characters of attributes, 400 items of name, 40
        // of whitespace between the cells.
        for (attrs, name, gap) in [
            (200, 400, 40),
            (201, 400, 40),
            (200, 401, 40),
            (200, 400, 41),
        ] {
            for br in [false, true] {
                let item = if br { "<br>" } else { "\u{e9}" };
                let t = format!(
                    "<td{}>{}</td>{}<td>12345-678</td>",
                    "\u{e9}".repeat(attrs),
                    item.repeat(name),
                    "\u{2003}".repeat(gap)
                );
                let want: Vec<(usize, usize)> = re
                    .captures_iter(&t)
                    .filter_map(|c| c.name("name").map(|m| (m.start(), m.end())))
                    .collect();
                assert_eq!(cell_names(&t), want, "{attrs} {name} {gap} {br}");
            }
        }
    }

    #[test]
    fn line_checks_match_bytewise_ones() {
        let pieces = [
            " ", "\t", "-", "\u{2013}", "\u{2014}", "\u{2019}", "\u{e2}", ",", "|", "Ann", "x",
        ];
        let mut next = crate::clemency::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..50_000 {
            let n = next() % 9;
            let line: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(dash_line(&line), dash_line_bytewise(&line), "{line:?}");
            assert_eq!(tab_line(&line), tab_line_chars(&line), "{line:?}");
        }
    }
}

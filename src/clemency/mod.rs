//! Clemency actions as events: action, status, grantor, recipient.
//!
//! One pass over the trigger words of a document ("pardoned", "commutation",
//! "reprieve", "remission", "clemency"), each read in its sentence: the
//! status from cue words (denied > granted verb > proposed > sought >
//! granted), the recipient from the person named as its object or
//! possessor (else the person the text is talking about), the grantor from
//! the office-holder named in the sentence, "the President" / "the
//! governor" resolved to a name, or the one acting earlier. Announcements
//! that grant clemency to many people at once are expanded into one event
//! per listed person (`lists`). Finally mentions of the same event are
//! merged (`merge`).

mod lexicon;
mod lists;
mod merge;
mod patterns;
mod people;

/// A xorshift generator from `seed`: the same strings on every run (for the
/// tests that fuzz the hand-written matchers against their regexes).
#[cfg(test)]
fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

use crate::entities::Entities;
use crate::gazetteer::Gazetteers;
use crate::model::{Charge, Clemency, Sentence};
use crate::text::Text;
use people::{after, before, Cast};
use rustc_hash::FxHashMap as HashMap;

/// One clemency mention before merging.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    /// `pardon`, `commutation`, ...
    pub action: &'static str,
    /// `granted`, `denied`, `sought`, `proposed`.
    pub status: &'static str,
    /// Grantor's canonical name, or empty.
    pub grantor: String,
    /// How sure the grantor is (3 named in the sentence, 2 resolved from
    /// a title, 1 carried over, 0 none).
    pub grantor_rank: u8,
    /// Recipient's canonical name.
    pub recipient: String,
    /// Whether the action is stated (a verb, a grant, a list) rather than
    /// only referred to ("news of the pardon").
    pub asserted: bool,
    /// The recipient was named in the sentence (not carried over).
    pub explicit: bool,
    /// Offense and original sentence.
    pub charge: String,
    /// Original sentence term.
    pub original_sentence: String,
    /// ISO date, when stated.
    pub date: String,
    /// Sentence index.
    pub sentence: usize,
    /// Trigger byte span.
    pub start: usize,
    /// Trigger end.
    pub end: usize,
}

/// Find the clemency events of a document.
pub fn find(
    text: &Text,
    gaz: &Gazetteers,
    ents: &Entities,
    charges: &[Charge],
    sentences: &[Sentence],
    date: Option<&str>,
) -> Vec<Clemency> {
    let s = text.s;
    // Every event hangs on a trigger word: most documents have none, and
    // then the cast of people need not be built.
    if s.is_empty() {
        return Vec::new();
    }
    let starts = patterns::Starts::new(text);
    let mut count_words = Vec::new();
    let hits = lexicon::trigger_spans(text, starts.extra(), &mut count_words);
    if hits.is_empty() {
        return Vec::new();
    }
    let cast = Cast::new(text, &starts, gaz, ents, date, count_words);
    let triggers = scan_triggers(text, &cast, ents, &hits);
    let entries = lists::entries(text, &cast, &triggers, charges, sentences);
    let mut events: Vec<Event> = Vec::new();
    let mut st = State::default();
    for t in &triggers {
        let block = entries.block_at(t.start);
        if let Some(ev) = read_trigger(text, &cast, t, block, &mut st) {
            for e in ev {
                events.push(e);
            }
        }
    }
    implicit_events(text, &cast, &triggers, &mut events);
    events.reserve_exact(entries.len());
    events.extend(entries.into_events());
    if events.is_empty() {
        return Vec::new();
    }
    let facts = Facts::new(charges, sentences);
    // The date read last and its stretch: the events of a list share
    // their announcement's.
    let mut last_date: Option<((usize, usize), String)> = None;
    for e in &mut events {
        if e.charge.is_empty() {
            e.charge = facts.charge(&e.recipient);
        }
        if e.original_sentence.is_empty() {
            e.original_sentence = facts.sentence(&e.recipient);
        }
        if e.date.is_empty() {
            let span = clip(s, cast.clause(e.sentence), e.start, e.end);
            match &last_date {
                Some((at, d)) if *at == span => e.date.clone_from(d),
                _ => {
                    e.date = date_in(&s[span.0..span.1]);
                    last_date = Some((span, e.date.clone()));
                }
            }
        }
    }
    merge::merge(events)
        .into_iter()
        .map(|e| Clemency {
            action: e.action.to_string(),
            status: e.status.to_string(),
            grantor: e.grantor,
            recipient: e.recipient,
            charge: e.charge,
            original_sentence: e.original_sentence,
            date: e.date,
            evidence: evidence(text, e.start, e.end),
            start: e.start,
            end: e.end,
        })
        .collect()
}

/// A trigger word kept after the non-event filters.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    pub start: usize,
    pub end: usize,
    pub action: &'static str,
    pub sentence: usize,
    /// A verb form ("commuted") rather than a noun.
    pub verb: bool,
    /// A plural or generic noun ("pardons", "pardon applications").
    pub plural: bool,
}

/// All trigger words that may name an action (not an institution), from
/// the trigger spans `hits`.
fn scan_triggers(
    text: &Text,
    cast: &Cast,
    ents: &Entities,
    hits: &[(usize, usize)],
) -> Vec<Trigger> {
    let s = text.s;
    let mut out = Vec::with_capacity(hits.len());
    let orgs = &ents.org_mentions;
    for &(a, b) in hits {
        let word = &s[a..b];
        // Inside an organization name ("Board of Pardons").
        let k = orgs.partition_point(|o| o.end <= a);
        if orgs.get(k).is_some_and(|o| o.start <= a) {
            continue;
        }
        if patterns::org_before(before(s, a, 40)) {
            continue;
        }
        let rest = after(s, b, 40);
        let [next, next2] = two_words(rest);
        let adjacent = rest.starts_with(' ') && !rest.starts_with("  ");
        if adjacent && in_list_ci(next, lexicon::NON_EVENT_HEADS) {
            let parole = starts_ci(next2, "parole");
            if !next.eq_ignore_ascii_case("and") || parole {
                continue;
            }
        }
        let verb = ends_ci(word, "ed")
            || ends_ci(word, "ing")
            || starts_ci(word, "reduc")
            || word.eq_ignore_ascii_case("commute")
            || word.eq_ignore_ascii_case("commutes")
            || ((word.eq_ignore_ascii_case("pardon") || word.eq_ignore_ascii_case("pardons"))
                && (before(s, a, 4).eq_ignore_ascii_case("to ")
                    || next.eq_ignore_ascii_case("him")
                    || next.eq_ignore_ascii_case("her")
                    || next.eq_ignore_ascii_case("them")
                    || cast.mentions_in(b, b + 2).next().is_some()));
        let plural = !verb
            && (["pardons", "commutations", "reprieves", "remissions"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w))
                || (adjacent && in_list_ci(next, lexicon::PLURAL_HEADS)));
        // Words shared with other senses ("commuted to work", "cancer in
        // remission", "a reprieve from the heat") need penal context.
        let action = lexicon::action_of(word);
        let context: Option<fn(&patterns::Starts, usize, usize) -> bool> = match action {
            "commutation" if starts_ci(word, "commut") && !starts_ci(word, "commutation") => {
                Some(lexicon::context_commute)
            }
            "remission" => Some(lexicon::context_remission),
            "reprieve" => Some(lexicon::context_reprieve),
            _ => None,
        };
        // No context word spans the space that joined the two sides, so
        // each side is read on its own.
        if let Some(penal) = context {
            let st = cast.starts();
            let lo = a - before(s, a, 100).len();
            let hi = b + after(s, b, 100).len();
            if !penal(st, lo, a) && !penal(st, b, hi) {
                continue;
            }
        }
        out.push(Trigger {
            start: a,
            end: b,
            action,
            sentence: text.sentence_of(a),
            verb,
            plural,
        });
    }
    out
}

/// The first two runs of letters, digits, `-` and `'` of `s` (as splitting
/// `s` at every other character and dropping the empty pieces); empty when
/// missing.
fn two_words(s: &str) -> [&str; 2] {
    /// Whether the character at `i` of `s` goes on a word, and its length.
    #[inline(always)]
    fn at(s: &str, i: usize) -> (bool, usize) {
        match s.as_bytes().get(i) {
            Some(&c) if c < 0x80 => (c.is_ascii_alphanumeric() || c == b'-' || c == b'\'', 1),
            _ => s
                .get(i..)
                .and_then(|r| r.chars().next())
                .map_or((false, 1), |ch| (ch.is_alphanumeric(), ch.len_utf8())),
        }
    }
    let b = s.as_bytes();
    let mut out = [""; 2];
    let mut i = 0;
    for slot in &mut out {
        // The separators, then the word.
        loop {
            if i >= b.len() {
                return out;
            }
            let (word, len) = at(s, i);
            if word {
                break;
            }
            i += len;
        }
        let start = i;
        while i < b.len() {
            let (word, len) = at(s, i);
            if !word {
                break;
            }
            i += len;
        }
        *slot = s.get(start..i).unwrap_or("");
    }
    out
}

/// Whether `s` starts with the lower-case ASCII `p`, ignoring ASCII case
/// (as `s.to_ascii_lowercase().starts_with(p)`).
fn starts_ci(s: &str, p: &str) -> bool {
    s.as_bytes()
        .get(..p.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
}

/// Whether `s` ends with the lower-case ASCII `p`, ignoring ASCII case.
fn ends_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.as_bytes()[s.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes())
}

/// The first position of the lower-case ASCII `needle` in `h`, ignoring
/// ASCII case (as `h.to_ascii_lowercase().find(needle)`, without the copy).
fn find_ci(h: &str, needle: &str) -> Option<usize> {
    let (h, n) = (h.as_bytes(), needle.as_bytes());
    let (&first, rest) = n.split_first()?;
    let last = h.len().checked_sub(n.len())?;
    // Each place the first byte is, in either case.
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), &h[..=last])
        .find(|&i| h[i + 1..i + n.len()].eq_ignore_ascii_case(rest))
}

/// Whether `h` contains the lower-case ASCII `needle`, ignoring ASCII case.
fn contains_ci(h: &str, needle: &str) -> bool {
    find_ci(h, needle).is_some()
}

/// Whether `s` holds one of the lower-case ASCII `words`, each ending in
/// "ed", ignoring ASCII case (as `s.to_ascii_lowercase().contains(w)` for
/// one of them): each "d" of `s` is looked back from.
fn holds_d_word(s: &str, words: &[&str]) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(b'd', b'D', b).any(|e| {
        // Every word ends in "ed".
        let ed = e.checked_sub(1).and_then(|k| b.get(k)).map(|&c| c | 0x20) == Some(b'e');
        ed && words.iter().any(|w| {
            let w = w.as_bytes();
            (e + 1)
                .checked_sub(w.len())
                .and_then(|st| b.get(st..=e))
                .is_some_and(|x| x.eq_ignore_ascii_case(w))
        })
    })
}

/// Whether `s` equals one of the lower-case ASCII words `list`, ignoring
/// ASCII case.
fn in_list_ci(s: &str, list: &[&str]) -> bool {
    list.iter().any(|w| s.eq_ignore_ascii_case(w))
}

/// Discourse state while reading a document in order.
#[derive(Debug, Default)]
struct State {
    /// Recipient and grantor of the last event, and its sentence.
    last: Option<(String, String, usize)>,
    /// Everyone who has received an event so far.
    recipients: rustc_hash::FxHashSet<String>,
    /// The recipient of every event so far, when there is only one.
    only: Option<String>,
    /// More than one recipient so far.
    several: bool,
}

/// The status of a trigger from the cue words of its clause `sent` (at
/// `sa` in the text of `st`), the trigger at `rel_a..rel_b` of it.
fn status_of(
    st: &patterns::Starts,
    sa: usize,
    sent: &str,
    rel_a: usize,
    rel_b: usize,
    grant_local: bool,
) -> &'static str {
    // Only cues near the trigger count: read just that stretch.
    let (lo, hi) = near(sent, rel_a, rel_b, CUE_REACH + 40);
    let sent = &sent[lo..hi];
    let (rel_a, rel_b) = (rel_a - lo, rel_b - lo);
    let mut denied = false;
    let mut proposed = false;
    let mut sought = false;
    // Denial words about something else, read once a denial cue is seen.
    let mut other: Option<Vec<(usize, usize)>> = None;
    for (m_start, m_end, cue) in lexicon::cues(st, sa + lo, sa + hi) {
        // Only cues near the trigger count.
        let dist = if m_end <= rel_a {
            rel_a - m_end
        } else {
            m_start.saturating_sub(rel_b)
        };
        if dist > CUE_REACH {
            continue;
        }
        if cue == lexicon::Cue::Denied {
            // "asks that the application be denied" is a wish, not an outcome.
            let wish = {
                let p = sent[..m_start].trim_end();
                [
                    " be", " to", " should", " would", " could", " will", " must",
                ]
                .iter()
                .any(|w| ends_ci(p, w))
            };
            if wish {
                sought = true;
            } else {
                let other =
                    other.get_or_insert_with(|| lexicon::denials_other(st, sa + lo, sa + hi));
                if !other.iter().any(|&(x, y)| m_start < y && x < m_end) {
                    denied = true;
                }
            }
        } else if cue == lexicon::Cue::Proposed {
            proposed = true;
        } else {
            sought = true;
        }
    }
    if denied {
        "denied"
    } else if grant_local {
        "granted"
    } else if proposed {
        "proposed"
    } else if sought {
        "sought"
    } else {
        "granted"
    }
}

/// How far (bytes) a status cue may be from its trigger.
const CUE_REACH: usize = 110;

/// The span of `s` within `n` bytes of `[a, b)`, on char boundaries.
fn near(s: &str, a: usize, b: usize, n: usize) -> (usize, usize) {
    let mut lo = a.saturating_sub(n);
    while lo < a && !s.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (b + n).min(s.len()).max(b.min(s.len()));
    while hi > b && !s.is_char_boundary(hi) {
        hi -= 1;
    }
    (lo, hi)
}

/// Whether a grant verb states the action at the trigger ("granted a
/// pardon", "commuted").
fn grant_local(s: &str, t: &Trigger, sent_start: usize) -> bool {
    let word = &s[t.start..t.end];
    let finite_verb =
        (ends_ci(word, "ed") || word.eq_ignore_ascii_case("commutes") || starts_ci(word, "reduc"))
            && !starts_ci(word, "recommend");
    let prev = before(s, t.start, 48.min(t.start.saturating_sub(sent_start)));
    if finite_verb {
        let p = prev.trim_end();
        let passive = [" be", " been", " being", " to"]
            .iter()
            .any(|w| ends_ci(p, w));
        if !passive {
            return true;
        }
    }
    // A grant verb at most seven words back (the last occurrence of a
    // phrase is its nearest, and the fewest words from it to the trigger).
    // The verbs by their first letter.
    fn grants(c: u8) -> &'static [&'static str] {
        match c {
            b'a' => &["awarded "],
            b'g' => &["granted ", "grants ", "granting ", "gave "],
            b'i' => &[
                "issued ",
                "issues ",
                "issuing ",
                "is pardoning",
                "is commuting",
            ],
            b'r' => &["received ", "receives "],
            b's' => &["signed ", "signs "],
            _ => &[],
        }
    }
    let pb = prev.as_bytes();
    (0..pb.len()).rev().any(|p| {
        let verbs = grants(pb[p] | 0x20);
        // Most letters fail on the verbs' second letters ("aw", "gr", "ga",
        // "is", "re", "si").
        let second = pb.get(p + 1).map_or(0, |&c| c | 0x20);
        !verbs.is_empty()
            && matches!(second, b'w' | b'r' | b'a' | b's' | b'e' | b'i')
            && prev.get(p..).is_some_and(|rest| {
                verbs.iter().any(|w| starts_ci(rest, w)) && rest.split_whitespace().count() <= 7
            })
    })
}

/// A chosen recipient.
struct Recipient {
    name: String,
    explicit: bool,
}

/// Read one trigger in its sentence; `None` when it states no event.
fn read_trigger(
    text: &Text,
    cast: &Cast,
    t: &Trigger,
    block: Option<&lists::Entry>,
    st: &mut State,
) -> Option<Vec<Event>> {
    let s = text.s;
    let (sa, sb) = clip(s, cast.clause(t.sentence), t.start, t.end);
    let sent = &s[sa..sb];
    let rel_a = t.start - sa;
    let rel_b = t.end - sa;
    let head = &s[sa..t.start];
    let near_before = before(s, t.start, head.len().min(40));
    if lexicon::negation_before(near_before) {
        return None;
    }
    // A sentence reduction is clemency only when an executive grants it.
    if starts_ci(&s[t.start..t.end], "reduc") {
        let executive = !cast.officials_in(sa, sb).is_empty()
            || ["president", "governor", "executive grant", "clemency"]
                .iter()
                .any(|w| contains_ci(sent, w));
        if !executive {
            return None;
        }
    }
    let local = grant_local(s, t, sa);
    let status = status_of(cast.starts(), sa, sent, rel_a, rel_b, local);
    let asserted = t.verb || local || status != "granted";

    // Recipients named in the sentence.
    let mut recips = explicit_recipients(text, cast, t, sa, sb, status);
    if recips.is_empty() {
        // A private person as the subject of the verb ("X commuted between
        // cities") is no clemency.
        if t.verb {
            let subject = cast.mentions_in(sa, t.start).next_back().filter(|&i| {
                let (_, mb) = cast.span_of(i);
                let gap = s.get(mb..t.start).unwrap_or("x");
                cast.eligible(i)
                    && gap.split_whitespace().count() <= 1
                    && !gap.contains([',', '\'', '\u{2019}'])
            });
            if subject.is_some() {
                return None;
            }
        }
        // Generic uses name nobody.
        let plural_request = [
            "petitions for ",
            "applications for ",
            "requests for ",
            "petitions of ",
        ]
        .iter()
        .any(|w| ends_ci(near_before, w));
        let generic = t.plural
            || plural_request
            || lexicon::generic_around(after(s, t.end, 60))
            || lexicon::generic_before(near_before)
            || starts_indefinite(head)
            || lexicon::hypothetical(cast.starts(), sa, sb);
        if generic {
            return None;
        }
        let r = if let Some(e) = block {
            Some(e.recipient.clone())
        } else {
            focus(text, cast, t, st)
        };
        recips = r
            .into_iter()
            .map(|name| Recipient {
                name,
                explicit: false,
            })
            .collect();
    }
    if recips.is_empty() {
        return None;
    }
    let (grantor, rank) = grantor_of(text, cast, t, sa, sb, status, st, block, &recips[0].name);
    let mut out = Vec::new();
    for r in recips {
        st.last = Some((r.name.clone(), grantor.clone(), t.sentence));
        if !st.recipients.contains(&r.name) {
            st.recipients.insert(r.name.clone());
            if st.only.is_none() && !st.several {
                st.only = Some(r.name.clone());
            } else {
                st.only = None;
                st.several = true;
            }
        }
        out.push(Event {
            action: t.action,
            status,
            grantor: grantor.clone(),
            grantor_rank: rank,
            recipient: r.name,
            asserted,
            explicit: r.explicit,
            charge: String::new(),
            original_sentence: String::new(),
            date: String::new(),
            sentence: t.sentence,
            start: t.start,
            end: t.end,
        });
    }
    Some(out)
}

/// The sentence holding a trigger; a run-on "sentence" longer than
/// [`MAX_EVIDENCE`] bytes is clipped around the trigger.
fn evidence(text: &Text, a: usize, b: usize) -> String {
    let si = text.sentence_of(a);
    let (sa, sb) = text.sentence(si);
    if sb - sa <= MAX_EVIDENCE {
        return text.s[sa..sb].to_string();
    }
    let (lo, hi) = clip(text.s, (sa, sb), a, b);
    text.s[lo..hi].to_string()
}

/// Longest evidence kept whole.
const MAX_EVIDENCE: usize = 4000;

/// A clause clipped to at most [`WINDOW`] bytes either side of a trigger
/// (bounds the work per trigger in run-on text).
pub(crate) fn clip(s: &str, (sa, sb): (usize, usize), a: usize, b: usize) -> (usize, usize) {
    let b = b.min(s.len());
    let a = a.min(b);
    let mut lo = sa.min(a).max(a.saturating_sub(WINDOW));
    while lo < a && !s.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = sb.max(b).min(b + WINDOW).min(s.len());
    while hi > b && !s.is_char_boundary(hi) {
        hi -= 1;
    }
    (lo, hi)
}

/// How far around a trigger its clause is read.
const WINDOW: usize = 500;

/// "A pardon restores ..." at the start of a sentence is generic.
fn starts_indefinite(head: &str) -> bool {
    let mut words = head.split_whitespace();
    matches!(words.next(), Some("A") | Some("An")) && words.nth(1).is_none()
}

/// Recipients named in the trigger's sentence: the object after it ("the
/// sentence of X", "a pardon to X and Y"), or a possessor / subject before it
/// ("X's sentence was commuted", "X filed a petition for clemency").
fn explicit_recipients(
    text: &Text,
    cast: &Cast,
    t: &Trigger,
    sa: usize,
    sb: usize,
    status: &str,
) -> Vec<Recipient> {
    let s = text.s;
    let mut out: Vec<Recipient> = Vec::new();
    let range = cast.mentions_in(t.end, sb);
    let mut prev_end = t.end;
    for i in range {
        let (ma, mb) = cast.span_of(i);
        if ma < prev_end {
            continue;
        }
        let gap = s.get(prev_end..ma).unwrap_or("");
        let including = out.is_empty() && gap.len() <= 120 && {
            let g = gap.trim_end();
            ends_ci(g, ", including") || ends_ci(g, " including") || ends_ci(g, " among them")
        };
        let ok_gap = if out.is_empty() {
            including || (gap.len() <= 60 && !clause_break(gap))
        } else {
            let g = gap.trim().trim_start_matches(',').trim();
            g.is_empty() || g == "and" || g == "&"
        };
        if !ok_gap {
            break;
        }
        if !cast.eligible(i) {
            if out.is_empty() && cast.is_official(i) && gap.len() <= 45 {
                // A former office-holder as the object of another one's
                // grant ("commuted the sentence of former Gov. X") is the
                // recipient; the grantor named after the trigger is skipped.
                let other_before = cast
                    .officials_in(sa, t.start)
                    .iter()
                    .any(|o| o.name != cast.name_of(i));
                if other_before && object_gap(gap) {
                    out.push(Recipient {
                        name: cast.name_of(i).to_string(),
                        explicit: true,
                    });
                    prev_end = mb;
                    continue;
                }
                prev_end = mb;
                continue;
            }
            // A titled person as the object ("pardoned former sheriff X",
            // "a pardon for former state senator X").
            let titled_object = out.is_empty()
                && !cast.is_official(i)
                && gap.len() <= 45
                && !gap.contains([',', ';', '(', ')'])
                && gap.split_whitespace().count() <= 7
                && (t.verb || object_gap(gap));
            if titled_object {
                out.push(Recipient {
                    name: cast.name_of(i).to_string(),
                    explicit: true,
                });
                prev_end = mb;
                continue;
            }
            break;
        }
        let name = cast.name_of(i).to_string();
        if !out.iter().any(|r| r.name == name) {
            out.push(Recipient {
                name,
                explicit: true,
            });
        }
        prev_end = mb;
    }
    if !out.is_empty() {
        return out;
    }
    // Before the trigger: the nearest person mention (office-holders
    // between it and the trigger are passed over).
    let range = cast.mentions_in(sa, t.start);
    let nearest = range
        .rev()
        .take(4)
        .find(|&i| !cast.is_official(i) || cast.eligible(i));
    if let Some(i) = nearest {
        let (_, mb) = cast.span_of(i);
        if mb <= t.start && cast.eligible(i) {
            let gap = s.get(mb..t.start).unwrap_or("");
            let gl = gap.to_ascii_lowercase();
            let possessive = ["'s ", "’s ", "' ", "’ ", "'s", "’s"]
                .iter()
                .any(|p| gap.starts_with(p))
                && gap.len() <= 45;
            let passive = gap.len() <= 60
                && [
                    " was ",
                    " were ",
                    " is ",
                    " has been",
                    " had been",
                    " received",
                    " receives",
                    " won ",
                    " got ",
                    " gets ",
                    " who was",
                    " who received",
                    " will receive",
                    " would receive",
                ]
                .iter()
                .any(|w| gl.contains(w))
                && !clause_break(&gl.replace(" who ", " "));
            let seeker = status == "sought" && gap.len() <= 110;
            let proposer = status == "proposed" && possessive_like(&gl) && gap.len() <= 80;
            if possessive || passive || seeker || proposer {
                out.push(Recipient {
                    name: cast.name_of(i).to_string(),
                    explicit: true,
                });
            }
        }
    }
    out
}

/// The words between a grant and its object ("the sentence of former",
/// "a pardon to").
fn object_gap(gap: &str) -> bool {
    let g = format!(" {} ", gap.to_ascii_lowercase().trim());
    g.trim().is_empty() || [" of ", " to ", " for "].iter().any(|w| g.contains(w))
}

fn possessive_like(gap: &str) -> bool {
    gap.starts_with("'s") || gap.starts_with("’s") || gap.starts_with('\'') || gap.starts_with('’')
}

/// Whether a stretch of text between a trigger and a name leaves the clause.
fn clause_break(gap: &str) -> bool {
    // The word cues open with a space (ASCII case ignored): read at each
    // space.
    const WORDS: [&str; 14] = [
        " said",
        " says",
        " who ",
        " after ",
        " before ",
        " because ",
        " while ",
        " when ",
        " but ",
        " which ",
        " that ",
        " since ",
        " where ",
        " - ",
    ];
    let b = gap.as_bytes();
    b.iter().any(|&c| matches!(c, b';' | b'(' | b')' | b':'))
        || gap.contains('\u{2014}')
        || memchr::memchr_iter(b' ', b).any(|i| {
            // Only the cues whose second byte is the one after the space.
            let next = b.get(i + 1).map_or(0, |&c| c | 0x20);
            WORDS
                .iter()
                .any(|w| w.as_bytes()[1] | 0x20 == next && starts_ci(&gap[i..], w))
        })
}

/// The person a trigger without a named recipient is about: someone
/// named in the last two sentences who already received an action, else the
/// last eligible person named there, else the last event's recipient.
fn focus(text: &Text, cast: &Cast, t: &Trigger, st: &State) -> Option<String> {
    let from_sentence = t.sentence.saturating_sub(2);
    let (wa, _) = text.sentence(from_sentence);
    let range = cast.mentions_in(wa, t.start);
    let mut last_eligible: Option<usize> = None;
    for i in range.rev() {
        if !cast.eligible(i) {
            continue;
        }
        let name = cast.name_of(i);
        if st.recipients.contains(name) {
            return Some(name.to_string());
        }
        if last_eligible.is_none() {
            last_eligible = Some(i);
        }
    }
    // The article is still about the last recipient...
    if let Some((r, _, si)) = &st.last {
        if t.sentence <= si + 8 {
            return Some(r.clone());
        }
    }
    // ...or about the only recipient so far...
    if let Some(only) = &st.only {
        return Some(only.clone());
    }
    // ...or about someone just named.
    last_eligible.map(|i| cast.name_of(i).to_string())
}

/// The grantor of a trigger and how it was found.
#[allow(clippy::too_many_arguments)]
fn grantor_of(
    text: &Text,
    cast: &Cast,
    t: &Trigger,
    sa: usize,
    sb: usize,
    status: &str,
    st: &State,
    block: Option<&lists::Entry>,
    recipient: &str,
) -> (String, u8) {
    let s = text.s;
    // Named in the sentence: nearest before the trigger, else after.
    let offs: Vec<_> = cast
        .officials_in(sa, sb)
        .iter()
        .filter(|o| o.name != recipient)
        .collect();
    if let Some(o) = offs.iter().rev().find(|o| o.end <= t.start) {
        return (o.name.clone(), 3);
    }
    if let Some(o) = offs.first() {
        return (o.name.clone(), 3);
    }
    let sent = &s[sa..sb];
    let lower = sent.to_ascii_lowercase();
    // A board acting on its own grants or denies; no person.
    let head = &s[sa..t.start];
    if (status == "granted" || status == "denied")
        && (head.contains("Board") || head.contains(" board"))
        && !lower.contains("governor")
        && !lower.contains("president")
    {
        return (String::new(), 2);
    }
    let role = if lower.contains("president") || lower.contains("white house") {
        Some("president")
    } else if lower.contains("governor") || lower.contains("gov.") {
        Some("governor")
    } else {
        None
    };
    if let Some(role) = role {
        if let Some(n) = cast.resolve_role(role, t.start) {
            return (n, 2);
        }
    }
    let first_person = sent.starts_with("I ")
        || sent.contains(" I ")
        || sent.contains(" I,")
        || lower.contains(" my ")
        || lower.starts_with("my ");
    if first_person {
        let before_pos = cast.officials.partition_point(|o| o.start < t.start);
        if let Some(o) = cast.officials[..before_pos].last() {
            return (o.name.clone(), 2);
        }
    }
    if let Some(e) = block {
        if !e.grantor.is_empty() {
            return (e.grantor.clone(), 1);
        }
    }
    if let Some((r, g, _)) = &st.last {
        if r == recipient && !g.is_empty() {
            return (g.clone(), 1);
        }
    }
    if let Some((_, g, _)) = &st.last {
        if !g.is_empty() {
            return (g.clone(), 1);
        }
    }
    match &cast.main {
        Some(n) => (n.clone(), 1),
        None => (String::new(), 0),
    }
}

/// Events stated without a trigger word: a request "rejected" by a named
/// office-holder ("X's case was sent to Governor Y, who rejected it"), and a
/// board's recommendation for the action at hand.
fn implicit_events(text: &Text, cast: &Cast, triggers: &[Trigger], events: &mut Vec<Event>) {
    members_of_groups(text, cast, triggers, events);
    if events.is_empty() {
        return;
    }
    let s = text.s;
    let mut ti = 0;
    let mut ei = 0;
    let mut new = Vec::new();
    // One lower-case buffer for every sentence.
    let mut lower = String::new();
    // Where "Board" is, found once from its capital (a rare letter): the
    // ones before the sentence read are passed over.
    let mut boards = memchr::memchr_iter(b'B', s.as_bytes())
        .filter(|&p| s.as_bytes()[p..].starts_with(b"Board"))
        .peekable();
    for (si, &(sa, sb)) in text.sentences.iter().enumerate() {
        while ti < triggers.len() && triggers[ti].sentence < si {
            ti += 1;
        }
        while ei < events.len() && events[ei].sentence < si {
            ei += 1;
        }
        if triggers.get(ti).is_some_and(|t| t.sentence == si) {
            continue;
        }
        // The last event before this sentence.
        let Some(prev) = ei.checked_sub(1).and_then(|k| events.get(k)) else {
            continue;
        };
        if si > prev.sentence + 12 {
            continue;
        }
        let sent = &s[sa..sb];
        // The request is read only where one of its verbs is; the rest only
        // where "Board" is.
        while boards.next_if(|&p| p < sa).is_some() {}
        let board = boards.peek().is_some_and(|&p| p + 5 <= sb);
        let refusal = holds_d_word(sent, &["rejected", "denied", "turned", "declined"]);
        if !refusal && !board {
            continue;
        }
        lower.clear();
        lower.push_str(sent);
        lower.make_ascii_lowercase();
        let denial = refusal.then(|| lexicon::request_refused(&lower)).flatten();
        if let Some(m) = denial {
            if !lexicon::denials_other(cast.starts(), sa, sb).is_empty() {
                continue;
            }
            let offs = cast.officials_in(sa, sb);
            let Some(o) = offs.first() else { continue };
            let recip = cast
                .mentions_in(sa, sb)
                .find(|&i| cast.eligible(i))
                .map(|i| cast.name_of(i).to_string());
            let Some(recip) = recip else { continue };
            if o.name == prev.grantor && prev.recipient == recip {
                continue;
            }
            let (a, b) = (sa + m.0, sa + m.1);
            new.push(Event {
                action: "clemency",
                status: "denied",
                grantor: o.name.clone(),
                grantor_rank: 3,
                recipient: recip,
                asserted: true,
                explicit: true,
                charge: String::new(),
                original_sentence: String::new(),
                date: String::new(),
                sentence: si,
                start: a,
                end: b,
            });
            continue;
        }
        if !board {
            continue;
        }
        let singular_rec = lower.contains("recommendation ")
            || lower.contains("recommendation.")
            || lower.contains("recommendation,")
            || lower.contains(" recommended ")
            || lower.contains(" recommends ");
        let negated = lower.contains(" not ") || lower.contains("n't ") || lower.contains(" no ");
        if singular_rec && !lower.contains("recommendations") && !negated {
            let p = lower.find("recommend").unwrap_or(0);
            let word_end = lower[p..]
                .find(|c: char| !c.is_alphabetic())
                .map_or(lower.len(), |e| p + e);
            new.push(Event {
                action: prev.action,
                status: "proposed",
                grantor: prev.grantor.clone(),
                grantor_rank: 1,
                recipient: prev.recipient.clone(),
                asserted: true,
                explicit: false,
                charge: String::new(),
                original_sentence: String::new(),
                date: String::new(),
                sentence: si,
                start: sa + p,
                end: sa + word_end,
            });
        }
    }
    events.extend(new);
    events.sort_by_key(|e| e.start);
}

/// People named as members of a group just granted clemency: "commuted
/// the sentences of 46 offenders. Among them was X ...".
fn members_of_groups(text: &Text, cast: &Cast, triggers: &[Trigger], events: &mut Vec<Event>) {
    let s = text.s;
    // (action, grantor, sentence, trigger span) of the last group grant.
    let mut group: Option<(&'static str, String, usize, (usize, usize))> = None;
    let mut ti = 0;
    let mut new = Vec::new();
    for (si, &(sa, sb)) in text.sentences.iter().enumerate() {
        let mut has_trigger = false;
        while ti < triggers.len() && triggers[ti].sentence <= si {
            let t = &triggers[ti];
            ti += 1;
            if t.sentence < si {
                continue;
            }
            has_trigger = true;
            let (ca, cb) = clip(s, cast.clause(si), t.start, t.end);
            let clause = &s[ca..cb];
            let counted = cast.may_count(ca, cb)
                && !lexicon::negation_before(before(s, t.start, 40))
                && patterns::has_count_of_people(clause);
            if counted {
                let grantor = cast
                    .officials_in(ca, cb)
                    .first()
                    .map(|o| o.name.clone())
                    .or_else(|| cast.main.clone())
                    .unwrap_or_default();
                group = Some((t.action, grantor, si, (t.start, t.end)));
            }
        }
        let Some((action, grantor, gsi, _)) = &group else {
            continue;
        };
        if has_trigger || si > gsi + 3 || si == *gsi {
            continue;
        }
        // Every such opening holds "among" or "include".
        let sent = &s[sa..sb];
        if !contains_ci(sent, "among") && !contains_ci(sent, "include") {
            continue;
        }
        let Some(m) = regex_members().find(sent) else {
            continue;
        };
        for i in cast.mentions_in(sa + m.end(), sb) {
            if !cast.eligible(i) {
                continue;
            }
            let (a, b) = (sa + m.start(), sa + m.end());
            new.push(Event {
                action,
                status: "granted",
                grantor: grantor.clone(),
                grantor_rank: 1,
                recipient: cast.name_of(i).to_string(),
                asserted: true,
                explicit: true,
                charge: String::new(),
                original_sentence: String::new(),
                date: String::new(),
                sentence: si,
                start: a,
                end: b,
            });
        }
    }
    if !new.is_empty() {
        events.extend(new);
        events.sort_by_key(|e| e.start);
    }
}

/// "Among them was", "Those pardoned include", "They include".
fn regex_members() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\W*(?:among\s+(?:them|those|the\s+recipients)(?:\s+\w+){0,3}?\s+(?:was|were|is|are)|(?:they|those\s+\w+|the\s+recipients)\s+include(?:d)?)(?-u:\b)",
        )
        .expect("valid regex")
    })
}

/// Per person: the offense (a conviction first, else any charge tied to
/// them) and the imposed sentence, looked up once per document.
struct Facts<'a> {
    convicted: HashMap<&'a str, &'a str>,
    charged: HashMap<&'a str, &'a str>,
    imposed: HashMap<&'a str, &'a Sentence>,
}

impl<'a> Facts<'a> {
    fn new(charges: &'a [Charge], sentences: &'a [Sentence]) -> Facts<'a> {
        let mut f = Facts {
            convicted: HashMap::default(),
            charged: HashMap::default(),
            imposed: HashMap::default(),
        };
        for c in charges {
            if c.person.is_empty() {
                continue;
            }
            f.charged.entry(&c.person).or_insert(&c.charge);
            if matches!(c.stage.as_str(), "convicted" | "pleaded_guilty") {
                f.convicted.entry(&c.person).or_insert(&c.charge);
            }
        }
        for x in sentences {
            if x.kind == "imposed" && !x.person.is_empty() {
                f.imposed.entry(&x.person).or_insert(x);
            }
        }
        f
    }

    fn charge(&self, person: &str) -> String {
        self.convicted
            .get(person)
            .or_else(|| self.charged.get(person))
            .map_or_else(String::new, |c| c.to_string())
    }

    fn sentence(&self, person: &str) -> String {
        self.imposed
            .get(person)
            .map_or_else(String::new, |x| x.term())
    }
}

/// The first written date in a sentence, normalized.
fn date_in(sent: &str) -> String {
    patterns::written_date(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`clause_break`] read at every space against every cue: the reading
    /// the filtered one replaces.
    fn clause_break_every_cue(gap: &str) -> bool {
        const WORDS: [&str; 14] = [
            " said",
            " says",
            " who ",
            " after ",
            " before ",
            " because ",
            " while ",
            " when ",
            " but ",
            " which ",
            " that ",
            " since ",
            " where ",
            " - ",
        ];
        let b = gap.as_bytes();
        b.iter().any(|&c| matches!(c, b';' | b'(' | b')' | b':'))
            || gap.contains('\u{2014}')
            || b.iter()
                .enumerate()
                .any(|(i, &c)| c == b' ' && WORDS.iter().any(|w| starts_ci(&gap[i..], w)))
    }

    #[test]
    fn clause_breaks_match_every_cue_reading() {
        let pieces = [
            " ", "said", "SAYS", "who", "After", "before", "because", "while", "when", "but",
            "which", "that", "since", "where", "-", "x", "\u{2014}", "\u{e9}", ";", "S", "W",
        ];
        let mut next = xorshift(0x1234_5678_9abc_def1);
        let mut hits = 0;
        for _ in 0..50_000 {
            let n = next() % 8;
            let gap: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let want = clause_break_every_cue(&gap);
            assert_eq!(clause_break(&gap), want, "{gap:?}");
            hits += usize::from(want);
        }
        assert!(hits > 5_000, "{hits}");
    }

    #[test]
    fn two_words_match_the_split() {
        let pieces = [
            "a", "Z", "1", "-", "'", " ", ",", ".", "\u{e9}", "\u{2019}", "\u{a0}", "\u{4e2d}",
        ];
        let mut next = xorshift(0x7777_1234_abcd_0001);
        for _ in 0..50_000 {
            let t: String = (0..next() % 12)
                .map(|_| pieces[(next() >> 32) as usize % pieces.len()])
                .collect();
            let mut w = t
                .split(|ch: char| !ch.is_alphanumeric() && ch != '-' && ch != '\'')
                .filter(|w| !w.is_empty());
            let want = [w.next().unwrap_or(""), w.next().unwrap_or("")];
            assert_eq!(two_words(&t), want, "{t:?}");
            for needle in ["among", "include", "president", "a"] {
                assert_eq!(
                    find_ci(&t, needle),
                    t.to_ascii_lowercase().find(needle),
                    "{t:?} {needle}"
                );
            }
        }
    }
}

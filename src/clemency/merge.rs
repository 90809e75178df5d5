//! One event per (action, status, recipient): mentions of the same action
//! merged, requests whose outcome is stated dropped, unspecified
//! "clemency" folded into the specific action, and loose later wording
//! ("news of the pardon" for a commutation) folded into the stated action.

use super::Event;
use rustc_hash::FxHashMap as HashMap;

/// A recipient's name as a comparison key: lower case, letters and digits,
/// suffixes (Jr., III) dropped.
pub fn key(name: &str) -> String {
    if name.is_ascii() {
        return ascii_key(name);
    }
    unicode_key(name)
}

/// [`key`] of any name.
fn unicode_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words = || {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let total = words().count();
    let suffixes = words()
        .rev()
        .take(total.saturating_sub(1))
        .take_while(|w| matches!(*w, "jr" | "sr" | "ii" | "iii" | "iv"))
        .count();
    let mut out = String::with_capacity(lower.len());
    for (k, w) in words().take(total - suffixes).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// [`key`] of an ASCII name: the words are copied once and lower-cased,
/// then trailing suffixes taken off (the first word stays).
fn ascii_key(name: &str) -> String {
    let b = name.as_bytes();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name.get(start..i).unwrap_or(""));
    }
    out.make_ascii_lowercase();
    while let Some(p) = out.rfind(' ') {
        if !matches!(&out[p + 1..], "jr" | "sr" | "ii" | "iii" | "iv") {
            break;
        }
        out.truncate(p);
    }
    out
}

fn compatible(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || a.eq_ignore_ascii_case(b)
}

/// Merge event mentions into events.
pub fn merge(events: Vec<Event>) -> Vec<Event> {
    // 1. One row per (action, status, recipient). Each recipient's key is
    // made once and named by its number.
    let mut key_ids: HashMap<String, usize> = HashMap::default();
    let mut ids: Vec<Option<usize>> = Vec::with_capacity(events.len());
    let mut last: Option<(&str, Option<usize>)> = None;
    for e in &events {
        let id = match last {
            Some((r, id)) if r == e.recipient => id,
            _ => {
                let k = key(&e.recipient);
                let n = key_ids.len();
                let id = (!k.is_empty()).then(|| *key_ids.entry(k).or_insert(n));
                last = Some((&e.recipient, id));
                id
            }
        };
        ids.push(id);
    }
    let mut rows: Vec<(Event, usize)> = Vec::new();
    // The recipient key number of each row.
    let mut keys: Vec<usize> = Vec::new();
    let mut index: HashMap<(&'static str, &'static str, usize), usize> = HashMap::default();
    for (e, id) in events.into_iter().zip(ids) {
        let Some(id) = id else { continue };
        let k = (e.action, e.status, id);
        match index.get(&k) {
            Some(&i) => {
                let (row, n) = &mut rows[i];
                *n += 1;
                if e.grantor_rank > row.grantor_rank {
                    row.grantor = e.grantor.clone();
                    row.grantor_rank = e.grantor_rank;
                }
                row.asserted |= e.asserted;
                row.explicit |= e.explicit;
                if row.charge.is_empty() {
                    row.charge = e.charge;
                }
                if row.original_sentence.is_empty() {
                    row.original_sentence = e.original_sentence;
                }
                if row.date.is_empty() {
                    row.date = e.date;
                }
            }
            None => {
                keys.push(id);
                index.insert(k, rows.len());
                rows.push((e, 1));
            }
        }
    }
    let mut by_person: Vec<Vec<usize>> = vec![Vec::new(); key_ids.len()];
    for (i, &k) in keys.iter().enumerate() {
        if let Some(v) = by_person.get_mut(k) {
            v.push(i);
        }
    }
    let mut keep = vec![true; rows.len()];
    for idxs in by_person.iter().filter(|v| !v.is_empty()) {
        // 2. A request whose outcome is stated is not "sought".
        let decided = idxs
            .iter()
            .any(|&i| matches!(rows[i].0.status, "granted" | "denied"));
        for &i in idxs {
            let e = &rows[i].0;
            if e.status == "sought" && decided {
                keep[i] = false;
            }
        }
        // 3. Unspecified clemency folds into a specific action.
        for &i in idxs {
            let e = &rows[i].0;
            if e.action != "clemency" || !keep[i] {
                continue;
            }
            let specific = idxs.iter().any(|&j| {
                let f = &rows[j].0;
                keep[j]
                    && f.action != "clemency"
                    && f.status == e.status
                    && compatible(&f.grantor, &e.grantor)
            });
            if specific {
                keep[i] = false;
            }
        }
        // 4. Loose wording: an action only referred to gives way to one stated.
        for &i in idxs {
            let e = &rows[i].0;
            if !keep[i] || e.asserted {
                continue;
            }
            let stronger = idxs.iter().any(|&j| {
                let (f, n) = &rows[j];
                j != i
                    && keep[j]
                    && f.action != e.action
                    && f.action != "clemency"
                    && f.status == e.status
                    && compatible(&f.grantor, &e.grantor)
                    && (f.asserted
                        || (f.explicit && !e.explicit)
                        || (f.explicit == e.explicit
                            && (*n > rows[i].1 || *n == rows[i].1 && f.start < e.start)))
            });
            if stronger {
                keep[i] = false;
            }
        }
    }
    let mut out: Vec<Event> = rows
        .into_iter()
        .zip(keep)
        .filter_map(|((e, _), k)| k.then_some(e))
        .collect();
    out.sort_by_key(|e| (e.start, e.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_keys_are_unicode_keys() {
        for name in [
            "Tobias Renner, Jr.",
            "JOHN Q. PUBLIC III",
            "Jr",
            "Sr. Smith",
            "O'Neil-Smith iv",
            "  ",
            "",
            "A_b c9 II, JR",
            "ii iii",
        ] {
            assert_eq!(ascii_key(name), unicode_key(name), "{name:?}");
        }
    }

    #[test]
    fn ascii_keys_are_unicode_keys_on_random_names() {
        let pieces = [
            "Jr", "JR.", "sr", "II", "iii", "Iv", "iv.", "Smith", "o'neil", "A", "x9", "_", "",
        ];
        let seps = [" ", ", ", ". ", "-", "  ", "\t", ",", ""];
        let mut next = crate::clemency::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let n = next() % 6;
            let mut name = String::new();
            for _ in 0..n {
                name.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                name.push_str(seps[(next() % seps.len() as u64) as usize]);
            }
            assert_eq!(ascii_key(&name), unicode_key(&name), "{name:?}");
        }
    }
}

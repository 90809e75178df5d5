//! Alias merging inside one document: every mention goes to one person or
//! organization; the canonical name is the fullest form used.

use super::orgs::OrgSpan;
use super::people::PCand;
use super::tokens::{fold, fold_into, is_all_caps, join_words, join_words_into, WordSet};
use super::{Ctx, Entities, EntityMention};
use crate::gazetteer::Gazetteers;
use crate::model::{Organization, Person};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// Folded words, each stored once: a word is its index in the set.
struct Folded<'a> {
    /// The distinct folded words.
    set: WordSet<'a>,
    /// Reused buffer for folding.
    buf: String,
}

impl Folded<'_> {
    /// Append the folded, flattened words of a name to `out`
    /// ("Lazo-Sanchez" -> ["lazo", "sanchez"]).
    fn fwords<S: AsRef<str>>(&mut self, words: &[S], out: &mut Vec<u32>) {
        for w in words {
            fold_into(w.as_ref(), &mut self.buf);
            if !self.buf.contains(' ') {
                // (one word, the common case)
                if !self.buf.is_empty() {
                    out.push(self.set.id_or_copy(&self.buf));
                }
                continue;
            }
            for f in self.buf.split(' ').filter(|x| !x.is_empty()) {
                out.push(self.set.id_or_copy(f));
            }
        }
    }

    /// Byte length of word `w`.
    fn len(&self, w: u32) -> usize {
        self.set.word(w).len()
    }

    fn same_word(&self, a: u32, b: u32) -> bool {
        let (x, y) = (self.set.word(a), self.set.word(b));
        a == b || (x.len() == 1 && y.starts_with(x)) || (y.len() == 1 && x.starts_with(y))
    }

    /// Two full names (first name + surname) that can be the same person.
    fn compat_full(&self, a: &[u32], b: &[u32]) -> bool {
        if a.len() < 2 || b.len() < 2 {
            return false;
        }
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if short[0] != long[0] && !(self.len(short[0]) == 1 || self.len(long[0]) == 1) {
            return false;
        }
        if !self.same_word(short[0], long[0]) {
            return false;
        }
        // the same words in another order ("Edgar Lazo-Sandoval" / "Edgar Sandoval Lazo")
        if a.len() == b.len() && a.len() >= 3 {
            let mut x = a[1..].to_vec();
            let mut y = b[1..].to_vec();
            x.sort_unstable();
            y.sort_unstable();
            if x == y {
                return true;
            }
        }
        let last_eq = short[short.len() - 1] == long[long.len() - 1];
        let prefix = long.starts_with(short);
        if !(last_eq || prefix) {
            return false;
        }
        // every middle word of the shorter appears, in order, in the longer
        let mut k = 1;
        for &w in &short[1..short.len() - 1] {
            match long[k..long.len() - 1]
                .iter()
                .position(|&x| self.same_word(w, x))
            {
                Some(p) => k += p + 1,
                None => return false,
            }
        }
        // initials in the longer must agree with full words in the shorter
        true
    }

    /// A partial name (surname, first name, surname form) fits the full name.
    /// Only when `p` holds `c`'s last word ([`people`] compares a partial
    /// name only with the persons whose forms hold it).
    fn fits_partial(&self, c: &[u32], p: &[u32]) -> bool {
        if c.is_empty() || p.len() < 2 && c != p {
            return false;
        }
        if c == p {
            return true;
        }
        if c.len() < p.len() && p.ends_with(c) {
            return true;
        }
        if c.len() == 1 {
            let w = c[0];
            if self.len(w) < 2 {
                return false;
            }
            // first name alone, or a part of a compound surname
            return p[0] == w || p[1..].contains(&w);
        }
        false
    }
}

/// "Jr." / "JR" / "Jr" -> "jr".
fn norm_suffix(s: &str) -> String {
    if s.is_empty() {
        // (most names have none)
        return String::new();
    }
    s.trim_end_matches('.').to_lowercase()
}

struct PB<'g> {
    /// The candidates whose folded words are this person's distinct full
    /// forms (indices into the candidates).
    forms: Vec<usize>,
    suffix: String,
    /// Roles of the titles used (list text).
    title_roles: Vec<&'g str>,
    name: String,
    canon_rank: (usize, usize, bool),
    gaz: Option<usize>,
    /// Role from the list entry or the first title (list text).
    role: &'g str,
    titles: Vec<String>,
    aliases: Vec<String>,
    /// Start of the first mention assigned while matching.
    first_seen: Option<usize>,
    /// Mentions, and the first start, once filled.
    mentions: usize,
    first_start: usize,
    /// Starts of the mentions assigned so far, sorted (for recency).
    starts: Vec<usize>,
}

impl PB<'_> {
    fn last_before(&self, pos: usize) -> Option<usize> {
        let i = self.starts.partition_point(|&x| x < pos);
        i.checked_sub(1).map(|i| self.starts[i])
    }
}

/// The persons whose forms hold each folded word, in order: per word a
/// chain through one vector of nodes (no vector per word).
struct Holders {
    /// Per word: its first and last node, each plus one (0: none).
    ends: Vec<(u32, u32)>,
    /// Nodes: a person and the next node of the word plus one (0: none).
    nodes: Vec<(usize, u32)>,
}

impl Holders {
    /// No holders of words below `nwords`, room for `cap` nodes.
    fn new(nwords: usize, cap: usize) -> Self {
        Holders {
            ends: vec![(0, 0); nwords],
            nodes: Vec::with_capacity(cap),
        }
    }

    /// Person `i` (none below it added after it) holds the words `fw`.
    fn hold(&mut self, i: usize, fw: &[u32]) {
        for &w in fw {
            let Some(e) = self.ends.get_mut(w as usize) else {
                continue;
            };
            let last = (e.1 as usize).checked_sub(1);
            if last.is_some_and(|l| self.nodes[l].0 == i) {
                continue;
            }
            self.nodes.push((i, 0));
            let n = self.nodes.len() as u32;
            match last {
                Some(l) => self.nodes[l].1 = n,
                None => e.0 = n,
            }
            e.1 = n;
        }
    }

    /// The persons holding word `w`, in order.
    fn of(&self, w: u32) -> impl Iterator<Item = usize> + '_ {
        let mut n = self.ends.get(w as usize).map_or(0, |e| e.0);
        std::iter::from_fn(move || {
            let &(i, next) = self.nodes.get((n as usize).checked_sub(1)?)?;
            n = next;
            Some(i)
        })
    }
}

/// Resolve person candidates into `e.people` / `e.person_mentions`.
pub fn people<'a>(ctx: &Ctx<'a>, cands: &[PCand], date: Option<&str>, e: &mut Entities) {
    let s = ctx.s;
    let gaz = ctx.gaz;
    let mut ps: Vec<PB<'a>> = Vec::with_capacity(cands.len());
    let mut assigned: Vec<Option<usize>> = vec![None; cands.len()];
    // Folded words of each candidate: `fw_all[fw_at[k]..fw_at[k + 1]]`.
    let mut folded = Folded {
        set: WordSet::with_capacity(cands.len() * 2),
        buf: String::with_capacity(32),
    };
    let mut fw_all: Vec<u32> = Vec::with_capacity(cands.iter().map(|c| c.words.len()).sum());
    let mut fw_at: Vec<usize> = Vec::with_capacity(cands.len() + 1);
    fw_at.push(0);
    for c in cands {
        folded.fwords(&c.words[..], &mut fw_all);
        fw_at.push(fw_all.len());
    }
    let fws = |k: usize| &fw_all[fw_at[k]..fw_at[k + 1]];
    let title_role = |c: &PCand| -> &'a str { c.title.map_or("", |t| gaz.titles[t].role.as_str()) };
    let new_person = |c: &PCand, k: usize, ps: &mut Vec<PB<'a>>| -> usize {
        let g = c.gaz;
        let role = g
            .map(|g| gaz.people[g].role.as_str())
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| title_role(c));
        ps.push(PB {
            forms: vec![k],
            suffix: norm_suffix(c.suffix),
            title_roles: Vec::new(),
            name: String::new(),
            canon_rank: (0, 0, false),
            gaz: g,
            role,
            titles: Vec::new(),
            aliases: Vec::new(),
            first_seen: None,
            mentions: 0,
            first_start: usize::MAX,
            starts: Vec::new(),
        });
        ps.len() - 1
    };
    // Pass 1: full names, longest first.
    let mut order: Vec<usize> = Vec::with_capacity(cands.len());
    order.extend((0..cands.len()).filter(|&k| {
        let c = &cands[k];
        !c.aka && c.words.len() >= 2 && c.strong && (c.first_known || c.gaz.is_some())
    }));
    order.sort_by_key(|&k| std::cmp::Reverse(fws(k).len()));
    for k in order {
        let c = &cands[k];
        let fw = fws(k);
        let sfx = norm_suffix(c.suffix);
        let hit = ps
            .iter()
            .position(|p| {
                (p.suffix.is_empty() || sfx.is_empty() || p.suffix == sfx)
                    && p.forms.iter().any(|&f| folded.compat_full(fws(f), fw))
            })
            .or_else(|| {
                ps.iter().position(|p| {
                    p.forms.iter().any(|&f| {
                        let f = fws(f);
                        fw.len() < f.len() && f.ends_with(fw)
                    })
                })
            });
        let p = match hit {
            Some(p) => {
                if !ps[p].forms.iter().any(|&f| fws(f) == fw) {
                    ps[p].forms.push(k);
                }
                if ps[p].suffix.is_empty() {
                    ps[p].suffix = sfx;
                }
                p
            }
            None => new_person(c, k, &mut ps),
        };
        if ps[p].gaz.is_none() && c.gaz.is_some() {
            ps[p].gaz = c.gaz;
        }
        assigned[k] = Some(p);
    }
    // Pass 2: partial names and strong new ones; strong first.
    // (a person fits a partial name only when one of its forms holds the
    // name's last word: the persons by the words of their forms, in order,
    // so that a name is compared only with those)
    let nwords = fw_all.iter().map(|&w| w as usize + 1).max().unwrap_or(0);
    let mut holders = Holders::new(nwords, fw_all.len());
    for (i, p) in ps.iter().enumerate() {
        for &f in &p.forms {
            holders.hold(i, fws(f));
        }
    }
    for strong_round in [true, false] {
        for (k, c) in cands.iter().enumerate() {
            if assigned[k].is_some() || c.strong != strong_round || c.aka {
                continue;
            }
            let fw = fws(k);
            let Some(&lastw) = fw.last() else {
                continue;
            };
            let role = title_role(c);
            let mut best: Option<(usize, (bool, bool, bool, usize))> = None;
            for i in holders.of(lastw) {
                let p = &ps[i];
                if !p.forms.iter().any(|&f| folded.fits_partial(fw, fws(f))) {
                    continue;
                }
                let last = p.last_before(c.start);
                let key = (
                    !role.is_empty() && role != "other" && p.role == role,
                    p.gaz.is_some_and(|g| !gaz.people[g].role.is_empty()),
                    last.is_some(),
                    last.unwrap_or(usize::MAX - p.first_seen.unwrap_or(0)),
                );
                if best.as_ref().is_none_or(|(_, b)| key > *b) {
                    best = Some((i, key));
                }
            }
            let p = match best {
                Some((i, _)) => i,
                None if c.strong => {
                    let i = new_person(c, k, &mut ps);
                    holders.hold(i, fw);
                    i
                }
                None => continue,
            };
            assigned[k] = Some(p);
            // record a mention position now so recency works for later ones
            ps[p].first_seen = ps[p].first_seen.or(Some(c.start));
            let at = ps[p].starts.partition_point(|&x| x < c.start);
            ps[p].starts.insert(at, c.start);
        }
    }
    // "aka" names go to the person named just before them.
    for k in 0..cands.len() {
        if cands[k].aka && assigned[k].is_none() {
            assigned[k] = k.checked_sub(1).and_then(|j| assigned[j]);
        }
    }
    // (every mention: person, start, end, rule)
    let mut ments: Vec<(usize, usize, usize, &'static str)> = Vec::with_capacity(cands.len());
    // Fill names, aliases, titles, mentions.
    // (sized for most names: grown at most once)
    let mut disp = String::with_capacity(64);
    let mut with_title = String::with_capacity(64);
    for (k, c) in cands.iter().enumerate() {
        let Some(p) = assigned[k] else { continue };
        let pb = &mut ps[p];
        c.display_into(s, &mut disp);
        let nw = fws(k).len();
        let rank = (
            if c.aka { 0 } else { nw },
            if c.aka { 0 } else { disp.len() },
            // (spaces, periods and commas do not change the answer)
            !is_all_caps(&disp),
        );
        let rank = (
            rank.0,
            rank.1 * usize::from(rank.2) + usize::from(!rank.2),
            rank.2,
        );
        if rank > pb.canon_rank {
            pb.canon_rank = rank;
            pb.name.clone_from(&disp);
        }
        if !pb.aliases.contains(&disp) {
            pb.aliases.push(disp.clone());
        }
        // (with no title and no nickname, the same as the display form)
        if c.title_start != c.start || !c.nick.is_empty() {
            join_words_into(&s[c.title_start..c.end], &mut with_title);
            if !pb.aliases.contains(&with_title) {
                pb.aliases.push(with_title.clone());
            }
        }
        for n in &c.nick {
            if !pb.aliases.iter().any(|a| a == n) {
                pb.aliases.push(n.to_string());
            }
        }
        if let Some(t) = c.title {
            let r = gaz.titles[t].role.as_str();
            if !r.is_empty() && r != "other" && !pb.title_roles.contains(&r) {
                pb.title_roles.push(r);
            }
            let tt = s[c.title_start..c.start].trim();
            let tt = if tt.is_empty() {
                gaz.titles[t].title.as_str()
            } else {
                tt
            };
            if !pb.titles.iter().any(|x| x == tt) {
                pb.titles.push(tt.to_string());
            }
        }
        let rule = if c.gaz.is_some() {
            "gazetteer:people"
        } else if c.title.is_some() {
            "pattern:title"
        } else if c.words.len() >= 2 {
            "pattern:name"
        } else {
            "alias"
        };
        pb.mentions += 1;
        pb.first_start = pb.first_start.min(c.start);
        ments.push((p, c.start, c.end, rule));
    }
    // Person indices: those with mentions, in order.
    let mut idx = vec![usize::MAX; ps.len()];
    e.people.reserve(ps.len());
    e.roles.reserve(ps.len());
    for (i, pb) in ps.into_iter().enumerate() {
        if pb.mentions == 0 {
            continue;
        }
        idx[i] = e.people.len();
        let aliases: Vec<String> = pb.aliases.into_iter().filter(|a| *a != pb.name).collect();
        e.people.push(Person {
            name: pb.name,
            mentions: pb.mentions,
            first_start: pb.first_start,
            aliases,
            titles: pb.titles,
            gazetteer_id: pb.gaz.map(|g| gaz.people[g].id.clone()).unwrap_or_default(),
        });
        let role = match pb.gaz {
            Some(g) => role_at(gaz, g, date, &pb.title_roles),
            None => pb.title_roles.first().unwrap_or(&pb.role).to_string(),
        };
        e.roles.push(role);
    }
    e.person_mentions.reserve(ments.len());
    for (p, a, b, rule) in ments {
        e.person_mentions.push(EntityMention {
            start: a,
            end: b,
            entity: idx[p],
            rule,
        });
    }
    // (person by person, as they were, on equal spans)
    e.person_mentions
        .sort_by_key(|m| (m.start, m.end, m.entity));
}

/// The role of known person `g` on `date`: the term that covers the date,
/// else the one a title in the text names, else the first listed.
fn role_at(gaz: &Gazetteers, g: usize, date: Option<&str>, titles: &[&str]) -> String {
    let id = &gaz.people[g].id;
    let rows: Vec<&crate::gazetteer::PersonEntry> = if id.is_empty() {
        vec![&gaz.people[g]]
    } else {
        gaz.terms_of(id).collect()
    };
    if let Some(d) = date.filter(|d| d.len() >= 10) {
        let d = &d[..10];
        if let Some(r) = rows.iter().find(|p| {
            !p.start.is_empty() && p.start.as_str() <= d && (p.end.is_empty() || d < p.end.as_str())
        }) {
            return r.role.clone();
        }
    }
    if let Some(r) = rows.iter().find(|p| titles.contains(&p.role.as_str())) {
        return r.role.clone();
    }
    titles
        .first()
        .map_or_else(|| gaz.people[g].role.clone(), |t| t.to_string())
}

struct OB {
    name: String,
    /// Folded name ([`org_key`]).
    key: String,
    /// Its number of words.
    nwords: usize,
    gaz: Option<usize>,
    kind: String,
    aliases: Vec<String>,
    /// Start, end and rule of each span assigned (the starts also find
    /// the organization an abbreviation stands for).
    mentions: Vec<(usize, usize, &'static str)>,
}

impl OB {
    /// A new organization named `text` (folded `key`, of `nwords` words),
    /// with `sp` its first mention.
    fn new(gaz: &Gazetteers, sp: &OrgSpan, text: String, key: String, nwords: usize) -> OB {
        let kind = match sp.gaz {
            Some(g) => gaz.orgs[g].kind.clone(),
            None => guess_kind(&text, sp.kind).to_string(),
        };
        OB {
            key,
            nwords,
            name: text,
            gaz: sp.gaz,
            kind,
            aliases: Vec::new(),
            mentions: vec![(sp.start, sp.end, sp.rule)],
        }
    }
}

/// "orange county district attorney s office" -> "orange county district attorney".
fn office_less(key: &str) -> Option<&str> {
    key.strip_suffix(" office")
        .filter(|k| k.split(' ').count() >= 3)
}

/// Words in a key (one more than its spaces: keys hold single spaces and
/// none at the ends).
fn word_count(key: &str) -> usize {
    key.bytes().filter(|&c| c == b' ').count() + 1
}

/// The words of key `short` end those of key `long`, a longer key.
fn ends_with_words(long: &str, short: &str) -> bool {
    long.len() > short.len()
        && long.ends_with(short)
        && long.as_bytes().get(long.len() - short.len() - 1) == Some(&b' ')
}

fn org_key(name: &str) -> String {
    // (a name whose only non-ASCII characters are curly apostrophes, the
    // common case, folds as the ASCII text left without its `’s`)
    let dropped = (!name.is_ascii() && name.contains('\u{2019}')).then(|| drop_curly_s(name));
    let ascii = dropped.as_deref().unwrap_or(name);
    let (f, da) = if ascii.is_ascii() {
        fold_ascii_key(ascii)
    } else {
        let f = fold_key_slow(name);
        let da = has_da(&f);
        (f, da)
    };
    let mut f = if da {
        f.split(' ')
            .map(|w| if w == "da" { "district attorney" } else { w })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        f
    };
    if f.starts_with("the ") {
        f.replace_range(..4, "");
    }
    f
}

/// `name` without every `’s` (as `name.replace("\u{2019}s", "")`), by
/// bytes.
fn drop_curly_s(name: &str) -> String {
    const CURLY_S: &[u8] = "\u{2019}s".as_bytes();
    let b = name.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == CURLY_S[0] && b.get(i..i + CURLY_S.len()) == Some(CURLY_S) {
            i += CURLY_S.len();
            continue;
        }
        out.push(c);
        i += 1;
    }
    // (only whole characters are dropped: still UTF-8)
    String::from_utf8(out).unwrap_or_else(|_| name.replace("\u{2019}s", ""))
}

/// Folded `f` has a word "da" followed by another word.
fn has_da(f: &str) -> bool {
    f.starts_with("da ")
        || f.as_bytes()
            .windows(4)
            .any(|w| w[0] == b' ' && w[1] == b'd' && w[2] == b'a' && w[3] == b' ')
}

/// [`fold`] of an ASCII `name` without every `'s` (as
/// `fold(&name.replace("'s", ""))`), in one pass: letters and digits
/// lower-cased, a space or hyphen a single space between words, any other
/// byte dropped. With it, [`has_da`] of the result.
fn fold_ascii_key(name: &str) -> (String, bool) {
    let b = name.as_bytes();
    let da = |out: &[u8]| {
        memchr::memchr_iter(b'd', out).any(|p| {
            (p == 0 || out.get(p - 1) == Some(&b' ')) && out.get(p + 1..p + 3) == Some(b"a ")
        })
    };
    if plain_words(b) {
        // (letters, digits and single inner spaces: only the case changes)
        let out = name.to_ascii_lowercase();
        let da = da(out.as_bytes());
        return (out, da);
    }
    let out = {
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            i += 1;
            let put = if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else if (c == b' ' || c == b'-') && out.last().is_some_and(|&x| x != b' ') {
                b' '
            } else {
                if c == b'\'' && b.get(i) == Some(&b's') {
                    i += 1;
                }
                continue;
            };
            out.push(put);
        }
        // (a trailing space is dropped)
        if out.last() == Some(&b' ') {
            out.pop();
        }
        out
    };
    let da = da(&out);
    // (ASCII bytes only)
    (String::from_utf8(out).unwrap_or_default(), da)
}

/// `b` is ASCII letters and digits with single spaces between them
/// (nothing for [`fold`] to drop or merge): eight bytes at a time.
fn plain_words(b: &[u8]) -> bool {
    use crate::text::words::{ascii_digits, ascii_letters, rep8, HIGH_BITS};
    if b.first().is_none_or(|&c| c == b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // (each chunk: every byte a letter, digit or space, no two spaces
    // together, also across chunks)
    let check = |w: u64, prev_space: bool| -> Option<bool> {
        let x = w ^ rep8(b' ');
        let space = !(((x & rep8(0x7f)) + rep8(0x7f)) | x) & HIGH_BITS;
        let ok = ascii_letters(w) | ascii_digits(w) | space;
        (ok == HIGH_BITS && space & (space << 8 | u64::from(prev_space) << 7) == 0)
            .then_some(space >> 63 != 0)
    };
    let mut prev = false;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        match check(w, prev) {
            Some(p) => prev = p,
            None => return false,
        }
    }
    let rest = chunks.remainder();
    for &c in rest {
        let space = c == b' ';
        if !(c.is_ascii_alphanumeric() || space) || space && prev {
            return false;
        }
        prev = space;
    }
    true
}

/// [`fold`] of `name` without every `’s`, then every `'s`.
fn fold_key_slow(name: &str) -> String {
    // (`'s` is dropped after `’s`: dropping `’s` may make an `'s`)
    match (name.contains('\u{2019}'), name.contains('\'')) {
        (true, _) => fold(&name.replace("\u{2019}s", "").replace("'s", "")),
        (false, true) => fold(&name.replace("'s", "")),
        (false, false) => fold(name),
    }
}

/// Organizations found so far, looked up by what [`orgs`] asks of them
/// (each answer the first or last in order, as a scan would find it).
/// Strings are indexed by their [`rhash`]; every answer is checked against
/// the organization's key, so a collision only costs time.
struct OrgIndex<'g> {
    /// Mention start -> the first organization with a mention starting there.
    by_start: FxHashMap<usize, usize>,
    /// Gazetteer id -> the first organization of that id.
    by_gid: FxHashMap<&'g str, usize>,
    /// The first organization of no list entry.
    first_nogaz: Option<usize>,
    /// Key -> the organizations keyed so.
    by_key: OrgMap,
    /// Key -> the organizations of no list entry keyed so.
    nogaz_key: OrgMap,
    /// [`office_less`] key -> the organizations whose key it is taken from.
    by_office_less: OrgMap,
    /// Words ending a key (after one of its spaces) -> the organizations
    /// whose key they end ([`ends_with_words`]).
    by_suffix: OrgMap,
}

/// One step of [`rhash`] (bytes are taken last to first).
fn rhash_step(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A hash of `s`, its bytes taken last to first (so that the hashes of
/// all its word suffixes come out of one pass: [`suffix_hashes`]).
fn rhash(s: &str) -> u64 {
    s.bytes().rev().fold(0, rhash_step)
}

/// The [`rhash`] of the words ending `key` after each of its spaces (the
/// `short` for which `ends_with_words(key, short)` holds), pushed to `out`
/// with their byte starts.
fn suffix_hashes(key: &str, out: &mut Vec<(usize, u64)>) {
    out.clear();
    let mut h = 0;
    for (p, &c) in key.as_bytes().iter().enumerate().rev() {
        if c == b' ' {
            out.push((p + 1, h));
        }
        h = rhash_step(h, c);
    }
}

/// Organizations under one hash of an [`OrgIndex`] map, in order.
enum OrgSet {
    /// One (the common case, no allocation).
    One(usize),
    /// Several.
    Many(BTreeSet<usize>),
}

/// A map of [`OrgIndex`].
type OrgMap = FxHashMap<u64, OrgSet>;

/// Add `i` to the set of `k` in `m`.
fn index_add(m: &mut OrgMap, k: u64, i: usize) {
    match m.get_mut(&k) {
        None => {
            m.insert(k, OrgSet::One(i));
        }
        Some(OrgSet::One(j)) => {
            if *j != i {
                let set = BTreeSet::from([*j, i]);
                m.insert(k, OrgSet::Many(set));
            }
        }
        Some(OrgSet::Many(set)) => {
            set.insert(i);
        }
    }
}

/// Remove `i` from the set of `k` in `m` (and an emptied set).
fn index_remove(m: &mut OrgMap, k: u64, i: usize) {
    let empty = match m.get_mut(&k) {
        None => false,
        Some(OrgSet::One(j)) => *j == i,
        Some(OrgSet::Many(set)) => {
            set.remove(&i);
            set.is_empty()
        }
    };
    if empty {
        m.remove(&k);
    }
}

/// The first (lowest) organization in the set of `k` that `ok` accepts.
fn index_first(m: &OrgMap, k: u64, ok: impl Fn(usize) -> bool) -> Option<usize> {
    match m.get(&k)? {
        OrgSet::One(i) => Some(*i).filter(|&i| ok(i)),
        OrgSet::Many(set) => set.iter().copied().find(|&i| ok(i)),
    }
}

/// The last (highest) organization in the set of `k` that `ok` accepts.
fn index_last(m: &OrgMap, k: u64, ok: impl Fn(usize) -> bool) -> Option<usize> {
    match m.get(&k)? {
        OrgSet::One(i) => Some(*i).filter(|&i| ok(i)),
        OrgSet::Many(set) => set.iter().rev().copied().find(|&i| ok(i)),
    }
}

/// Whether organization `i` of `os` is keyed `k`.
fn keyed<'a>(os: &'a [OB], k: &'a str) -> impl Fn(usize) -> bool + 'a {
    move |i| os[i].key == k
}

impl OrgIndex<'_> {
    /// An empty index sized for `n` spans.
    fn with_capacity(n: usize) -> Self {
        let map = |n| OrgMap::with_capacity_and_hasher(n, Default::default());
        OrgIndex {
            by_start: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            by_gid: FxHashMap::default(),
            first_nogaz: None,
            by_key: map(n),
            nogaz_key: map(n),
            by_office_less: OrgMap::default(),
            by_suffix: map(2 * n),
        }
    }

    /// Index organization `i` under `key` (`nogaz`: of no list entry;
    /// `sfx`: a buffer).
    fn add_key(&mut self, i: usize, key: &str, nogaz: bool, sfx: &mut Vec<(usize, u64)>) {
        self.each_key_entry(i, key, nogaz, sfx, index_add);
    }

    /// Undo [`OrgIndex::add_key`].
    fn remove_key(&mut self, i: usize, key: &str, nogaz: bool, sfx: &mut Vec<(usize, u64)>) {
        self.each_key_entry(i, key, nogaz, sfx, index_remove);
    }

    /// Apply `op` (add or remove `i`) to every entry `key` has: by key, of
    /// no list entry, office-less, and each word suffix.
    fn each_key_entry(
        &mut self,
        i: usize,
        key: &str,
        nogaz: bool,
        sfx: &mut Vec<(usize, u64)>,
        op: fn(&mut OrgMap, u64, usize),
    ) {
        let h = rhash(key);
        op(&mut self.by_key, h, i);
        if nogaz {
            op(&mut self.nogaz_key, h, i);
        }
        if let Some(k) = office_less(key) {
            op(&mut self.by_office_less, rhash(k), i);
        }
        suffix_hashes(key, sfx);
        for &(_, h) in sfx.iter() {
            op(&mut self.by_suffix, h, i);
        }
    }

    /// Record a mention of organization `i` starting at `start`.
    fn add_start(&mut self, i: usize, start: usize) {
        let e = self.by_start.entry(start).or_insert(i);
        *e = (*e).min(i);
    }
}

/// Up to this many spans, [`orgs`] scans the organizations found so far
/// (at most 64 x 64 comparisons, cheaper than filling the indexes; almost
/// every article); past it, the indexes keep the cost linear.
const SCAN_SPANS: usize = 64;

/// Resolve organization spans into `e.orgs` / `e.org_mentions`.
pub fn orgs(ctx: &Ctx, spans: &[OrgSpan], e: &mut Entities) {
    if spans.len() <= SCAN_SPANS {
        orgs_scan(ctx, spans, e)
    } else {
        orgs_indexed(ctx, spans, e)
    }
}

/// [`orgs`] through indexes of the organizations found so far: the same
/// answers as [`orgs_scan`] (tests compare them), in time linear in the spans.
fn orgs_indexed(ctx: &Ctx, spans: &[OrgSpan], e: &mut Entities) {
    let s = ctx.s;
    let gaz = ctx.gaz;
    let mut os: Vec<OB> = Vec::with_capacity(spans.len());
    let mut ix = OrgIndex::with_capacity(spans.len());
    let mut sfx: Vec<(usize, u64)> = Vec::new();
    for sp in spans {
        let mut text = join_words(&s[sp.start..sp.end]);
        if text.len() > 4 && (text.starts_with("The ") || text.starts_with("the ")) {
            text.replace_range(..4, "");
        }
        let key = org_key(&text);
        let nwords = word_count(&key);
        let target = if let Some(st) = sp.abbr_of {
            ix.by_start.get(&st).copied()
        } else if let Some(g) = sp.gaz {
            ix.by_gid.get(gaz.orgs[g].id.as_str()).copied().or_else(|| {
                // The first with the same key, or before it one of no
                // list entry keyed as the list name.
                let same = index_first(&ix.by_key, rhash(&key), keyed(&os, &key));
                let bound = same.unwrap_or(os.len());
                if ix.first_nogaz.is_some_and(|f| f < bound) {
                    let gkey = org_key(&gaz.orgs[g].name);
                    index_first(&ix.nogaz_key, rhash(&gkey), keyed(&os, &gkey))
                        .filter(|&i| i < bound)
                        .or(same)
                } else {
                    same
                }
            })
        } else {
            let alt = office_less(&key);
            [
                index_first(&ix.by_key, rhash(&key), keyed(&os, &key)),
                alt.and_then(|a| index_first(&ix.by_key, rhash(a), keyed(&os, a))),
                index_first(&ix.by_office_less, rhash(&key), |i| {
                    office_less(&os[i].key) == Some(key.as_str())
                }),
            ]
            .into_iter()
            .flatten()
            .min()
            .or_else(|| {
                // a shorter form that ends the longer one ("New York Field Office")
                if nwords >= 2 {
                    index_last(&ix.by_suffix, rhash(&key), |i| {
                        ends_with_words(&os[i].key, &key)
                    })
                } else {
                    None
                }
            })
            .or_else(|| {
                // the longer form after the shorter one
                suffix_hashes(&key, &mut sfx);
                sfx.iter()
                    .filter_map(|&(p, h)| {
                        let w = key.get(p..).filter(|w| w.contains(' '))?;
                        index_last(&ix.nogaz_key, h, keyed(&os, w))
                    })
                    .max()
            })
        };
        let Some(i) = target else {
            let i = os.len();
            match sp.gaz {
                Some(g) => {
                    ix.by_gid.entry(gaz.orgs[g].id.as_str()).or_insert(i);
                }
                None => {
                    ix.first_nogaz.get_or_insert(i);
                }
            }
            ix.add_key(i, &key, sp.gaz.is_none(), &mut sfx);
            ix.add_start(i, sp.start);
            os.push(OB::new(gaz, sp, text, key, nwords));
            continue;
        };
        let o = &mut os[i];
        // The fullest form used becomes the name ("Chicago Police Department").
        if nwords > o.nwords && sp.abbr_of.is_none() {
            let old = std::mem::replace(&mut o.name, text);
            o.aliases.push(old);
            ix.remove_key(i, &o.key, o.gaz.is_none(), &mut sfx);
            ix.add_key(i, &key, o.gaz.is_none(), &mut sfx);
            o.key = key;
            o.nwords = nwords;
        } else if text != o.name && !o.aliases.contains(&text) {
            o.aliases.push(text);
        }
        o.mentions.push((sp.start, sp.end, sp.rule));
        ix.add_start(i, sp.start);
    }
    finish_orgs(gaz, os, e);
}

/// Move the resolved organizations and their mentions into `e`.
fn finish_orgs(gaz: &Gazetteers, os: Vec<OB>, e: &mut Entities) {
    e.orgs.reserve(os.len());
    e.org_mentions
        .reserve(os.iter().map(|o| o.mentions.len()).sum());
    for ob in os {
        let idx = e.orgs.len();
        let first = ob.mentions.iter().map(|m| m.0).min().unwrap_or(0);
        let aliases: Vec<String> = ob.aliases.into_iter().filter(|a| *a != ob.name).collect();
        e.orgs.push(Organization {
            name: ob.name,
            mentions: ob.mentions.len(),
            first_start: first,
            aliases,
            kind: ob.kind,
            gazetteer_id: ob.gaz.map(|g| gaz.orgs[g].id.clone()).unwrap_or_default(),
        });
        for (a, b, rule) in ob.mentions {
            e.org_mentions.push(EntityMention {
                start: a,
                end: b,
                entity: idx,
                rule,
            });
        }
    }
    e.org_mentions.sort_by_key(|m| (m.start, m.end));
}

/// [`orgs`] by a scan of every organization found so far per span: used
/// for a document of few spans, and the oracle of [`orgs_indexed`].
fn orgs_scan(ctx: &Ctx, spans: &[OrgSpan], e: &mut Entities) {
    let s = ctx.s;
    let gaz = ctx.gaz;
    let mut os: Vec<OB> = Vec::with_capacity(spans.len());
    for sp in spans {
        let mut text = String::with_capacity(sp.end - sp.start);
        join_words_into(&s[sp.start..sp.end], &mut text);
        if text.len() > 4 && (text.starts_with("The ") || text.starts_with("the ")) {
            text.replace_range(..4, "");
        }
        let key = org_key(&text);
        let nwords = word_count(&key);
        let target = if let Some(st) = sp.abbr_of {
            os.iter().position(|o| o.mentions.iter().any(|m| m.0 == st))
        } else if let Some(g) = sp.gaz {
            os.iter()
                .position(|o| {
                    o.gaz == Some(g) || o.gaz.is_some_and(|h| gaz.orgs[h].id == gaz.orgs[g].id)
                })
                .or_else(|| {
                    // The first with the same key, or before it one of no
                    // list entry keyed as the list name (folded only when
                    // there is such an organization to compare).
                    let same = os.iter().position(|o| o.key == key);
                    let before = &os[..same.unwrap_or(os.len())];
                    if before.iter().any(|o| o.gaz.is_none()) {
                        let gkey = org_key(&gaz.orgs[g].name);
                        before
                            .iter()
                            .position(|o| o.gaz.is_none() && o.key == gkey)
                            .or(same)
                    } else {
                        same
                    }
                })
        } else {
            let alt = office_less(&key);
            os.iter()
                .position(|o| {
                    o.key == key
                        || alt == Some(o.key.as_str())
                        || o.key.len() == key.len() + 7 && office_less(&o.key) == Some(key.as_str())
                })
                .or_else(|| {
                    // a shorter form that ends the longer one ("New York Field Office")
                    if nwords >= 2 {
                        os.iter()
                            .rposition(|o| o.nwords > nwords && ends_with_words(&o.key, &key))
                    } else {
                        None
                    }
                })
                .or_else(|| {
                    // the longer form after the shorter one
                    os.iter().rposition(|o| {
                        o.gaz.is_none()
                            && o.nwords >= 2
                            && nwords > o.nwords
                            && ends_with_words(&key, &o.key)
                    })
                })
        };
        let Some(i) = target else {
            os.push(OB::new(gaz, sp, text, key, nwords));
            continue;
        };
        let o = &mut os[i];
        // The fullest form used becomes the name ("Chicago Police Department").
        if nwords > o.nwords && sp.abbr_of.is_none() {
            let old = std::mem::replace(&mut o.name, text);
            o.aliases.push(old);
            o.key = key;
            o.nwords = nwords;
        } else if text != o.name && !o.aliases.contains(&text) {
            o.aliases.push(text);
        }
        o.mentions.push((sp.start, sp.end, sp.rule));
    }
    finish_orgs(gaz, os, e);
}

/// `w` without every trailing `'s`, then every trailing `’s`.
fn trim_possessives(mut w: &str) -> &str {
    while let Some(x) = w.strip_suffix("'s") {
        w = x;
    }
    while let Some(x) = w.strip_suffix("\u{2019}s") {
        w = x;
    }
    w
}

fn guess_kind(name: &str, head: &str) -> &'static str {
    // (one pass: a word "Court", else one of the law-enforcement words)
    let (mut court, mut law) = (false, false);
    for w in name.split(' ').map(trim_possessives) {
        match w {
            "Court" => court = true,
            "Police" | "Sheriff" | "Attorney" | "Marshals" => law = true,
            _ => {}
        }
    }
    if court {
        "court"
    } else if law {
        "law_enforcement"
    } else if !head.is_empty() {
        match head {
            "government" => "government",
            "court" => "court",
            "law_enforcement" => "law_enforcement",
            "nonprofit" => "nonprofit",
            "company" => "company",
            "media" => "media",
            "political" => "political",
            "education" => "education",
            _ => "other",
        }
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{orgs, tokens};
    use crate::gazetteer::List;
    use crate::text::Text;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn gaz() -> &'static Gazetteers {
        static G: OnceLock<Gazetteers> = OnceLock::new();
        G.get_or_init(|| Gazetteers::builtin().expect("built-in gazetteers"))
    }

    /// The organizations and their mentions of `text`, by [`orgs_indexed`]
    /// and by the scanning oracle.
    fn both(text: &str) -> (String, String) {
        let gaz = gaz();
        let text = Text::new(text);
        let starts: Vec<usize> = text.sentences.iter().map(|s| s.0).collect();
        let [titles, org_hits] = gaz.find_lists(text.s, &text.words, [List::Titles, List::Orgs]);
        let toks = tokens::tokenize(text.s, &text.words, &starts);
        let ctx = Ctx::new(&text, gaz, toks, titles);
        let spans = orgs::find(&ctx, &org_hits);
        let run = |f: fn(&Ctx, &[OrgSpan], &mut Entities)| {
            let mut e = Entities::default();
            f(&ctx, &spans, &mut e);
            format!("{:?}\n{:?}", e.orgs, e.org_mentions)
        };
        (run(orgs_indexed), run(orgs_scan))
    }

    #[test]
    fn indexed_orgs_agree_with_scan_on_corpus() {
        let mut n = 0;
        for (p, t) in crate::corpus_files() {
            if p.extension().is_some_and(|x| x == "txt") {
                let (a, b) = both(&t);
                assert_eq!(a, b, "{}", p.display());
                n += 1;
            }
        }
        assert!(n > 0);
    }

    const PLACES: [&str; 7] = [
        "New York",
        "Orange",
        "Chicago",
        "Northern",
        "Blake",
        "Orange County",
        "York",
    ];
    const HEADS: [&str; 7] = [
        "Police Department",
        "Field Office",
        "District Attorney's Office",
        "District Attorney",
        "County DA",
        "Bureau of Investigation",
        "Regional Commission",
    ];

    /// One sentence of organization names in forms `resolve::orgs` merges.
    fn sentence(form: usize, p: usize, q: usize, h: usize) -> String {
        let (p, q, h) = (PLACES[p], PLACES[q], HEADS[h]);
        let ab: String = [p, q, h]
            .iter()
            .flat_map(|w| w.split(' '))
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_ascii_uppercase())
            .collect();
        match form {
            0 => format!("The {p} {h} ({ab}) said the {ab} met."),
            1 => format!("The {ab} agreed with the {q} {h}."),
            2 => format!("Agents of the {p} {h} spoke."),
            3 => format!("The {q} {p} {h} and the {h} met."),
            4 => format!("The Office of {p} {q} Investigation ({ab}) said so."),
            5 => format!("The Federal Bureau of Investigation (FBI) and the {p} {h} met."),
            6 => format!("The FBI and the Department of Justice said {p} {h} erred."),
            7 => format!("{p}'s {h} and {q} {h} said the {ab} and {p} {q} {h} agreed."),
            8 => format!("The {p} {h} Office met the {q} {p} {h} Office."),
            _ => format!("The Justice Department, the {h} of {p} and the {p} {h} met."),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn indexed_orgs_agree_with_scan_on_org_heavy_text(
            parts in prop::collection::vec((0..10usize, 0..7usize, 0..7usize, 0..7usize), 1..40)
        ) {
            let text: Vec<String> =
                parts.iter().map(|&(f, p, q, h)| sentence(f, p, q, h)).collect();
            let text = text.join(" ");
            let (a, b) = both(&text);
            prop_assert_eq!(a, b, "{}", text);
        }
    }

    /// [`org_key`] as first written.
    fn org_key_slow(name: &str) -> String {
        let f = fold_key_slow(name);
        let mut f = if has_da(&f) {
            f.split(' ')
                .map(|w| if w == "da" { "district attorney" } else { w })
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            f
        };
        if f.starts_with("the ") {
            f.replace_range(..4, "");
        }
        f
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn ascii_key_fold_agrees_with_slow(name in "[ -~]{0,12}|[ '\\-sSdDaAtThHe.,&\u{2019}é]{0,16}") {
            if name.is_ascii() {
                let slow = fold_key_slow(&name);
                let da = has_da(&slow);
                prop_assert_eq!(fold_ascii_key(&name), (slow, da), "{:?}", name);
                prop_assert_eq!(org_key(&name), org_key_slow(&name), "{:?}", name);
            } else {
                prop_assert_eq!(org_key(&name), org_key_slow(&name), "{:?}", name);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn partial_fits_hold_the_last_word(
            c in prop::collection::vec(0..6usize, 0..4),
            p in prop::collection::vec(0..6usize, 0..5),
        ) {
            let words = ["a", "b", "smith", "ann", "lee", "jo"];
            let mut f = Folded { set: WordSet::with_capacity(8), buf: String::new() };
            let (mut cw, mut pw) = (Vec::new(), Vec::new());
            f.fwords(&c.iter().map(|&i| words[i]).collect::<Vec<_>>(), &mut cw);
            f.fwords(&p.iter().map(|&i| words[i]).collect::<Vec<_>>(), &mut pw);
            if f.fits_partial(&cw, &pw) {
                prop_assert!(cw.last().is_some_and(|w| pw.contains(w)));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn curly_s_drop_agrees_with_replace(name in "[ a-zA-Z's\u{2019}\u{2018}é]{0,16}") {
            prop_assert_eq!(drop_curly_s(&name), name.replace("\u{2019}s", ""), "{:?}", name);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn holders_agree_with_vectors(
            forms in prop::collection::vec(prop::collection::vec(0..8u32, 0..4), 0..12),
            steps in prop::collection::vec(0..3usize, 0..12),
        ) {
            // (each form goes to the last person or a new one)
            let mut h = Holders::new(8, 0);
            let mut v: Vec<Vec<usize>> = vec![Vec::new(); 8];
            let mut i = 0;
            for (fw, step) in forms.iter().zip(steps.iter().chain(std::iter::repeat(&0))) {
                i += usize::from(*step == 0);
                h.hold(i, fw);
                for &w in fw {
                    let x = &mut v[w as usize];
                    if x.last() != Some(&i) {
                        x.push(i);
                    }
                }
            }
            for w in 0..9u32 {
                let got: Vec<usize> = h.of(w).collect();
                prop_assert_eq!(&got[..], v.get(w as usize).map_or(&[][..], Vec::as_slice));
            }
        }
    }

    #[test]
    fn guess_kind_words() {
        for (name, head, kind) in [
            ("Supreme Court", "", "court"),
            ("Court's Police", "media", "court"),
            (
                "Smith County Sheriff\u{2019}s Office",
                "",
                "law_enforcement",
            ),
            ("Marshals's Service", "government", "law_enforcement"),
            ("Courts Service", "government", "government"),
            ("Acme", "", "other"),
            ("Acme", "unknown", "other"),
        ] {
            assert_eq!(guess_kind(name, head), kind, "{name:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn plain_words_agree_with_slow(name in "[aZ0 ]{0,20}|[ -~]{0,20}|[a-z ]{0,30}") {
            let b = name.as_bytes();
            let slow = !name.is_empty()
                && !name.starts_with(' ')
                && !name.ends_with(' ')
                && !name.contains("  ")
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b' ');
            prop_assert_eq!(plain_words(b), slow, "{:?}", name);
        }
    }

    #[test]
    fn ascii_key_fold_agrees_with_slow_on_apostrophes() {
        for name in [
            "''ss",
            "'s's",
            "Macy's",
            "O'sullivan",
            "da's - x",
            " -'s- ",
            "A&B 's",
            "x'S",
            "'",
            "DA",
            "Da office",
            "the DA's office",
            "x da",
            "x da ",
            "da da-",
            "'\u{2019}ss da x",
            "Attorney\u{2019}s Office",
            "Núñez\u{2019}s da Office",
            "Federal Bureau of Investigation",
            "Queens DA Office",
            "Kings County DA",
            "DA Office of Kings County",
            "The Dallas DA Daily",
        ] {
            let slow = fold_key_slow(name);
            let da = has_da(&slow);
            if name.is_ascii() {
                assert_eq!(fold_ascii_key(name), (slow, da), "{name:?}");
            }
            assert_eq!(org_key(name), org_key_slow(name), "{name:?}");
        }
    }

    #[test]
    fn indexed_orgs_agree_with_scan_on_distinct_abbreviations() {
        let mut t = String::new();
        for i in 0..300usize {
            let p = PLACES[i % 7];
            let x = char::from(b'A' + (i % 26) as u8);
            let y = char::from(b'A' + (i / 26 % 26) as u8);
            t.push_str(&format!(
                "The Office of {p} {x}{y}lake Investigation (O{x}{y}I) said the O{x}{y}I and the {x}{y}lake Field Office met. The {p} {x}{y}lake Field Office said so. "
            ));
        }
        let (a, b) = both(&t);
        assert_eq!(a, b);
        assert!(a.len() > 1000);
    }
}

//! Alias merging inside one document: every mention goes to one person or
//! organization; the canonical name is the fullest form used.

use super::orgs::OrgSpan;
use super::people::PCand;
use super::tokens::{fold, fold_into, is_all_caps, join_words, join_words_into};
use super::{Ctx, Entities, EntityMention};
use crate::gazetteer::Gazetteers;
use crate::model::{Organization, Person};
use crate::text::words::{le_upto8, low_bytes};
use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

/// Folded words, each given a small integer id the first time it is seen
/// (ids count up from 0). A word is keyed by its folded bytes packed into
/// two integers ([`Key`]) when it is ASCII and at most 16 bytes long (almost
/// every name word), else by its text.
struct Folded {
    /// Open addressing over [`Folded::keys`]: id + 1, or 0 when empty (a
    /// power of two long, at most half full).
    slots: Vec<u32>,
    /// Per id: its key (the text's length and first byte for one of
    /// [`Folded::long`]).
    keys: Vec<Key>,
    /// Folded words that are not ASCII or are longer than 16 bytes.
    long: FxHashMap<String, u32>,
    /// Reused buffer for folding.
    buf: String,
}

/// A folded ASCII word of 1 to 16 bytes: its bytes, zero-padded, as two
/// little-endian integers, and its length. Equal keys are equal words.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key(u64, u64, u32);

impl Key {
    /// The key of `w` lower-cased, when `w` is 1 to 16 ASCII letters and
    /// digits (what [`fold`] keeps as it is, but for the case).
    #[inline]
    fn of_alnum(w: &[u8]) -> Option<Key> {
        use crate::text::words::{ascii_digits, ascii_letters, rep8, HIGH_BITS};
        let n = w.len();
        // (every one of the `n` bytes a letter or digit; the padding is
        // not) and the case bit: set on a letter lower-cases it, a digit
        // has it
        let alnum = |x: u64| ascii_letters(x) | ascii_digits(x);
        let lower = |x: u64, m: u64| x | (rep8(0x20) & m);
        if n.wrapping_sub(1) >= 16 {
            // (empty, or longer than 16 bytes)
            return None;
        }
        if n <= 8 {
            // (the common case: one half)
            let (a, ka) = (le_upto8(w), low_bytes(n));
            if alnum(a) != HIGH_BITS & ka {
                return None;
            }
            return Some(Key(lower(a, ka), 0, n as u32));
        }
        let (a, b) = (le_upto8(w), le_upto8(w.get(8..).unwrap_or_default()));
        let kb = low_bytes(n - 8);
        if alnum(a) != HIGH_BITS || alnum(b) != HIGH_BITS & kb {
            return None;
        }
        Some(Key(lower(a, u64::MAX), lower(b, kb), n as u32))
    }

    /// The key of an ASCII word of 1 to 16 bytes.
    #[inline]
    fn of_ascii(w: &[u8]) -> Option<Key> {
        let n = w.len();
        if n == 0 || n > 16 || !w.is_ascii() {
            return None;
        }
        let (a, b) = if n > 8 {
            (le_upto8(&w[..8]), le_upto8(&w[8..]))
        } else {
            (le_upto8(w), 0)
        };
        Some(Key(a, b, n as u32))
    }

    fn hash(self) -> u64 {
        (self.0 ^ self.1.rotate_left(29) ^ u64::from(self.2) << 56)
            .wrapping_mul(0x517c_c1b7_2722_0a95)
    }

    /// Byte length of the word.
    fn len(self) -> usize {
        self.2 as usize
    }

    /// First byte of the word.
    fn first(self) -> u8 {
        self.0 as u8
    }

    /// The stand-in key of a word of [`Folded::long`]: its first byte and
    /// length (never a short word's key: those hold ASCII bytes only).
    fn long(f: &str) -> Key {
        let first = f.as_bytes().first().copied().unwrap_or(0);
        Key(u64::from(first), u64::MAX, f.len() as u32)
    }

    /// A stand-in key ([`Key::long`]).
    fn is_long(self) -> bool {
        self.1 == u64::MAX
    }
}

impl Folded {
    /// An empty set sized for about `n` words, in the (emptied) vectors
    /// `slots` and `keys`.
    fn new(n: usize, mut slots: Vec<u32>, mut keys: Vec<Key>) -> Self {
        slots.clear();
        slots.resize((2 * n).next_power_of_two().max(16), 0);
        keys.clear();
        keys.reserve(n);
        Folded {
            slots,
            keys,
            long: FxHashMap::default(),
            buf: String::new(),
        }
    }

    /// The id of the short word keyed `k` (a new one if unseen).
    fn id_of(&mut self, k: Key) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = (k.hash() >> 40) as usize & mask;
        loop {
            match self.slots[i] {
                0 => break,
                e if self.keys[e as usize - 1] == k => return e - 1,
                _ => i = (i + 1) & mask,
            }
        }
        let id = self.keys.len() as u32;
        self.keys.push(k);
        self.slots[i] = id + 1;
        if self.keys.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Double the slots (and place every short word again).
    #[cold]
    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (id, k) in self.keys.iter().enumerate() {
            if k.is_long() {
                continue;
            }
            let mut i = (k.hash() >> 40) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = id as u32 + 1;
        }
        self.slots = slots;
    }

    /// The id of folded word `f` (not empty).
    fn id_folded(&mut self, f: &str) -> u32 {
        if let Some(k) = Key::of_ascii(f.as_bytes()) {
            return self.id_of(k);
        }
        if let Some(&id) = self.long.get(f) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push(Key::long(f));
        self.long.insert(f.to_string(), id);
        id
    }

    /// Append the ids of the folded, flattened words of a name to `out`
    /// ("Lazo-Sanchez" -> ["lazo", "sanchez"]).
    fn fwords<S: AsRef<str>>(&mut self, words: &[S], out: &mut Vec<u32>) {
        for w in words {
            let w = w.as_ref();
            if let Some(k) = Key::of_alnum(w.as_bytes()) {
                // (the common case: one plain word, only the case folds)
                let id = self.id_of(k);
                out.push(id);
                continue;
            }
            if self.ascii_parts(w.as_bytes(), out) {
                continue;
            }
            let mut buf = std::mem::take(&mut self.buf);
            fold_into(w, &mut buf);
            for f in buf.split(' ').filter(|x| !x.is_empty()) {
                let id = self.id_folded(f);
                out.push(id);
            }
            self.buf = buf;
        }
    }

    /// Push the ids of the parts of ASCII word `w` as [`fold`] and a split
    /// at spaces give them: the letters and digits (lower-cased, any other
    /// byte dropped) between spaces and hyphens. False when `w` is not
    /// ASCII or a part is longer than 16 bytes (the parts before it may
    /// then have been given their ids, as the caller will give them).
    fn ascii_parts(&mut self, w: &[u8], out: &mut Vec<u32>) -> bool {
        if !w.is_ascii() {
            return false;
        }
        // (the part so far, packed as in a [`Key`])
        let (mut a, mut b, mut n) = (0u64, 0u64, 0u32);
        for &c in w.iter().chain([b' '].iter()) {
            if c.is_ascii_alphanumeric() {
                let c = u64::from(c | 0x20);
                match n {
                    0..8 => a |= c << (8 * n),
                    8..16 => b |= c << (8 * (n - 8)),
                    _ => return false,
                }
                n += 1;
            } else if (c == b' ' || c == b'-') && n > 0 {
                let id = self.id_of(Key(a, b, n));
                out.push(id);
                (a, b, n) = (0, 0, 0);
            }
        }
        true
    }

    /// Byte length of word `w`.
    fn len(&self, w: u32) -> usize {
        self.keys.get(w as usize).map_or(0, |k| k.len())
    }

    /// First byte of word `w`.
    fn first(&self, w: u32) -> u8 {
        self.keys.get(w as usize).map_or(0, |k| k.first())
    }

    fn same_word(&self, a: u32, b: u32) -> bool {
        // (a one-byte word is ASCII: it starts the other when their first
        // bytes agree)
        a == b || (self.len(a) == 1 || self.len(b) == 1) && self.first(a) == self.first(b)
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

struct PB<'g, 'f> {
    /// The candidates whose folded words are this person's distinct full
    /// forms (indices into the candidates), in a chain of [`people`]'s
    /// `forms`.
    forms: Ends,
    suffix: String,
    /// Roles of the titles used (list text).
    title_roles: Vec<&'g str>,
    /// The fullest form used (the name).
    name: Form<'f>,
    canon_rank: (usize, usize, bool),
    gaz: Option<usize>,
    /// Role from the list entry or the first title (list text).
    role: &'g str,
    titles: Vec<&'g str>,
    /// The forms used, in a chain of [`people`]'s `aliases`.
    aliases: Ends,
    /// Start of the first mention assigned while matching.
    first_seen: Option<usize>,
    /// Mentions, and the first start, once filled.
    mentions: usize,
    first_start: usize,
    /// Starts of the mentions assigned so far, sorted (for recency).
    starts: Vec<usize>,
    /// [`form_bits`] of the forms, or-ed: a full name is compared with the
    /// forms only when the bits of its own first and last word are set.
    firsts: u64,
    lasts: u64,
}

/// Bits standing for the first and for the last word of folded words `fw`
/// (of a form, or of a full name looked for): bit `first byte % 64` of the
/// first word (every word [`Folded::compat_full`] takes for it starts with
/// that byte) and bit `id % 64` of the last (what a longer form ending
/// with `fw` ends with); all bits for no words (every form ends with none).
fn form_bits(folded: &Folded, fw: &[u32]) -> (u64, u64) {
    match (fw.first(), fw.last()) {
        (Some(&a), Some(&z)) => (1 << (folded.first(a) & 63), 1 << (z & 63)),
        _ => (u64::MAX, u64::MAX),
    }
}

impl PB<'_, '_> {
    fn last_before(&self, pos: usize) -> Option<usize> {
        let i = self.starts.partition_point(|&x| x < pos);
        i.checked_sub(1).map(|i| self.starts[i])
    }
}

/// A name as written: a slice of the text (or of a candidate's
/// nickname), or a range of a buffer of names built by [`join_words`]
/// and [`PCand::display_into`] (the few that are not as in the text).
#[derive(Clone, Copy)]
enum Form<'f> {
    /// Borrowed.
    Text(&'f str),
    /// Built: the byte range in the buffer.
    Built(usize, usize),
}

impl<'f> Form<'f> {
    /// The text of the form (`built`: the buffer of built names).
    fn get<'t>(self, built: &'t str) -> &'t str
    where
        'f: 't,
    {
        match self {
            Form::Text(t) => t,
            Form::Built(a, b) => built.get(a..b).unwrap_or(""),
        }
    }

    /// `t` with its whitespace folded ([`join_words`]): `t` itself when
    /// there is nothing to fold, else built into `built` (`buf`: a buffer).
    fn joined(t: &'f str, built: &mut String, buf: &mut String) -> Form<'f> {
        if joined(t) {
            return Form::Text(t);
        }
        join_words_into(t, buf);
        Form::built(buf, built)
    }

    /// `t` copied to the end of `built`.
    fn built(t: &str, built: &mut String) -> Form<'f> {
        let a = built.len();
        built.push_str(t);
        Form::Built(a, built.len())
    }
}

/// `t` has no whitespace but single ASCII spaces between words (so that
/// `join_words(t) == t`): eight ASCII bytes at a time (an ASCII rest as
/// one chunk), else by chars from the first non-ASCII chunk.
fn joined(t: &str) -> bool {
    use crate::text::words::{rep8, HIGH_BITS};
    let b = t.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    let mut chunks = b.chunks_exact(8);
    let mut i = 0;
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if w & HIGH_BITS != 0 {
            break;
        }
        // (ASCII bytes: none of 9 to 13 and no two spaces together, also
        // across chunks; byte sums below never carry)
        let x = w ^ rep8(b' ');
        let space = !(x + rep8(0x7f)) & HIGH_BITS;
        let ctl = (w + rep8(0x80 - 0x09)) & !(w + rep8(0x80 - 0x0e)) & HIGH_BITS;
        if ctl != 0 || space & (space << 8 | u64::from(prev_space) << 7) != 0 {
            return false;
        }
        prev_space = space >> 63 != 0;
        i += 8;
    }
    // (the rest: fewer than eight ASCII bytes as one zero-padded chunk, the
    // padding neither a space nor a control byte)
    let w = b
        .get(i..)
        .filter(|r| r.len() < 8)
        .map_or(HIGH_BITS, le_upto8);
    if w & HIGH_BITS == 0 {
        let x = w ^ rep8(b' ');
        let space = !(x + rep8(0x7f)) & HIGH_BITS;
        let ctl = (w + rep8(0x80 - 0x09)) & !(w + rep8(0x80 - 0x0e)) & HIGH_BITS;
        return ctl == 0 && space & (space << 8 | u64::from(prev_space) << 7) == 0;
    }
    // (else a byte or a character at a time)
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            let space = c == b' ';
            if space && prev_space || (0x09..=0x0d).contains(&c) {
                return false;
            }
            prev_space = space;
            i += 1;
            continue;
        }
        // (a byte from 0x80 on after whole characters starts one)
        let Some(ch) = t.get(i..).and_then(|r| r.chars().next()) else {
            return false;
        };
        if ch.is_whitespace() {
            return false;
        }
        prev_space = false;
        i += ch.len_utf8();
    }
    true
}

/// The two ends of a list of [`Chains`]: its first and last node, each
/// plus one (0: empty); and its length.
#[derive(Clone, Copy, Default)]
struct Ends(u32, u32, u32);

impl Ends {
    /// The number of values in the list.
    fn len(self) -> usize {
        self.2 as usize
    }
}

/// Short lists, each chained through one vector of nodes (no vector per
/// list): a list is its [`Ends`].
struct Chains<T> {
    /// A value and the next node of its list plus one (0: none).
    nodes: Vec<(T, u32)>,
}

impl<T: Copy> Chains<T> {
    /// No lists, in the (emptied) vector `nodes` with room for `cap` values.
    fn new(mut nodes: Vec<(T, u32)>, cap: usize) -> Self {
        nodes.clear();
        nodes.reserve(cap);
        Chains { nodes }
    }

    /// Append `v` to the list `e`.
    fn push(&mut self, e: &mut Ends, v: T) {
        self.nodes.push((v, 0));
        let n = self.nodes.len() as u32;
        match (e.1 as usize).checked_sub(1) {
            Some(l) => self.nodes[l].1 = n,
            None => e.0 = n,
        }
        e.1 = n;
        e.2 += 1;
    }

    /// The values of list `e`, in order.
    fn iter(&self, e: Ends) -> impl Iterator<Item = T> + '_ {
        let mut n = e.0;
        std::iter::from_fn(move || {
            let &(v, next) = self.nodes.get((n as usize).checked_sub(1)?)?;
            n = next;
            Some(v)
        })
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
    /// No holders of words below `nwords`, room for `cap` nodes, in the
    /// (emptied) vectors `ends` and `nodes`.
    fn new(
        nwords: usize,
        cap: usize,
        mut ends: Vec<(u32, u32)>,
        mut nodes: Vec<(usize, u32)>,
    ) -> Self {
        ends.clear();
        ends.resize(nwords, (0, 0));
        nodes.clear();
        nodes.reserve(cap);
        Holders { ends, nodes }
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

/// Vectors [`people`] keeps from one document to the next (emptied when
/// taken), so that their allocations are made once per thread rather than
/// once per document.
#[derive(Default)]
struct Scratch {
    /// [`Folded::slots`] and [`Folded::keys`].
    slots: Vec<u32>,
    keys: Vec<Key>,
    /// Folded words of the candidates, and the range of each.
    fw_all: Vec<u32>,
    fw_at: Vec<(usize, usize)>,
    /// Person of each candidate.
    assigned: Vec<Option<usize>>,
    /// Full names in the order they are matched.
    order: Vec<usize>,
    /// Nodes of the chains of forms.
    forms: Vec<(usize, u32)>,
    /// [`Holders::ends`] and [`Holders::nodes`].
    holder_ends: Vec<(u32, u32)>,
    holder_nodes: Vec<(usize, u32)>,
    /// Mentions: person, start, end, rule.
    ments: Vec<(usize, usize, usize, &'static str)>,
    /// Output index of each person.
    idx: Vec<usize>,
    /// Names built, and a buffer for one.
    built: String,
    buf: String,
}

/// The most [`Scratch`] a thread keeps between documents (4 MiB).
const SCRATCH_KEEP_BYTES: usize = 4 << 20;

impl Scratch {
    /// Bytes held by the vectors' allocations.
    fn bytes(&self) -> usize {
        fn b<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        b(&self.slots)
            + b(&self.keys)
            + b(&self.fw_all)
            + b(&self.fw_at)
            + b(&self.assigned)
            + b(&self.order)
            + b(&self.forms)
            + b(&self.holder_ends)
            + b(&self.holder_nodes)
            + b(&self.ments)
            + b(&self.idx)
            + self.built.capacity()
            + self.buf.capacity()
    }
}

thread_local! {
    /// The thread's [`Scratch`] between documents.
    static SCRATCH: Cell<Scratch> = Cell::new(Scratch::default());
}

/// Resolve person candidates into `e.people` / `e.person_mentions`.
pub fn people<'a, 'c>(ctx: &Ctx<'a>, cands: &[PCand<'c>], date: Option<&str>, e: &mut Entities) {
    let s = ctx.s;
    let gaz = ctx.gaz;
    let Scratch {
        slots,
        keys,
        mut fw_all,
        mut fw_at,
        mut assigned,
        mut order,
        forms,
        holder_ends,
        holder_nodes,
        mut ments,
        mut idx,
        mut built,
        mut buf,
    } = SCRATCH.take();
    let mut ps: Vec<PB<'a, '_>> = Vec::with_capacity(cands.len());
    assigned.clear();
    assigned.resize(cands.len(), None);
    // Folded words of each candidate: `fw_all[a..b]` for `fw_at[k]` = `(a, b)`.
    let nwords: usize = cands.iter().map(|c| c.words.len()).sum();
    let mut folded = Folded::new(nwords, slots, keys);
    fw_all.clear();
    fw_all.reserve(nwords);
    fw_at.clear();
    fw_at.reserve(cands.len());
    for c in cands {
        let a = fw_all.len();
        folded.fwords(&c.words[..], &mut fw_all);
        fw_at.push((a, fw_all.len()));
    }
    let fws = |k: usize| {
        let (a, b) = fw_at[k];
        &fw_all[a..b]
    };
    // (the persons' forms and aliases)
    let mut forms: Chains<usize> = Chains::new(forms, cands.len());
    let mut aliases: Chains<Form> = Chains::new(Vec::new(), 2 * cands.len());
    let title_role = |c: &PCand| -> &'a str { c.title.map_or("", |t| gaz.titles[t].role.as_str()) };
    let new_person =
        |c: &PCand, k: usize, ps: &mut Vec<PB<'a, '_>>, forms: &mut Chains<usize>| -> usize {
            let g = c.gaz;
            let role = g
                .map(|g| gaz.people[g].role.as_str())
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| title_role(c));
            let mut ends = Ends::default();
            forms.push(&mut ends, k);
            let (firsts, lasts) = form_bits(&folded, fws(k));
            ps.push(PB {
                forms: ends,
                suffix: norm_suffix(c.suffix),
                title_roles: Vec::new(),
                name: Form::Text(""),
                canon_rank: (0, 0, false),
                gaz: g,
                role,
                titles: Vec::new(),
                aliases: Ends::default(),
                first_seen: None,
                mentions: 0,
                first_start: usize::MAX,
                starts: Vec::new(),
                firsts,
                lasts,
            });
            ps.len() - 1
        };
    // Pass 1: full names, longest first.
    order.clear();
    order.extend((0..cands.len()).filter(|&k| {
        let c = &cands[k];
        !c.aka && c.words.len() >= 2 && c.strong && (c.first_known || c.gaz.is_some())
    }));
    order.sort_by_key(|&k| std::cmp::Reverse(fws(k).len()));
    for &k in &order {
        let c = &cands[k];
        let fw = fws(k);
        let sfx = norm_suffix(c.suffix);
        let (first, last) = form_bits(&folded, fw);
        let hit = ps
            .iter()
            .position(|p| {
                p.firsts & first != 0
                    && (p.suffix.is_empty() || sfx.is_empty() || p.suffix == sfx)
                    && forms.iter(p.forms).any(|f| folded.compat_full(fws(f), fw))
            })
            .or_else(|| {
                ps.iter().position(|p| {
                    p.lasts & last != 0
                        && forms.iter(p.forms).any(|f| {
                            let f = fws(f);
                            fw.len() < f.len() && f.ends_with(fw)
                        })
                })
            });
        let p = match hit {
            Some(p) => {
                if !forms.iter(ps[p].forms).any(|f| fws(f) == fw) {
                    forms.push(&mut ps[p].forms, k);
                    ps[p].firsts |= first;
                    ps[p].lasts |= last;
                }
                if ps[p].suffix.is_empty() {
                    ps[p].suffix = sfx;
                }
                p
            }
            None => new_person(c, k, &mut ps, &mut forms),
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
    let mut holders = Holders::new(folded.keys.len(), fw_all.len(), holder_ends, holder_nodes);
    for (i, p) in ps.iter().enumerate() {
        for f in forms.iter(p.forms) {
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
                if !forms.iter(p.forms).any(|f| folded.fits_partial(fw, fws(f))) {
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
                    let i = new_person(c, k, &mut ps, &mut forms);
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
    ments.clear();
    ments.reserve(cands.len());
    // Fill names, aliases, titles, mentions.
    // (names not as in the text, and a buffer for them)
    built.clear();
    for (k, c) in cands.iter().enumerate() {
        let Some(p) = assigned[k] else { continue };
        let pb = &mut ps[p];
        let disp = if c.nick.is_empty() {
            Form::joined(&s[c.start..c.end], &mut built, &mut buf)
        } else {
            c.display_into(s, &mut buf);
            Form::built(&buf, &mut built)
        };
        let dt = disp.get(&built);
        let nw = fws(k).len();
        let rank = (
            if c.aka { 0 } else { nw },
            if c.aka { 0 } else { dt.len() },
            // (spaces, periods and commas do not change the answer)
            !is_all_caps(dt),
        );
        let rank = (
            rank.0,
            rank.1 * usize::from(rank.2) + usize::from(!rank.2),
            rank.2,
        );
        if rank > pb.canon_rank {
            pb.canon_rank = rank;
            pb.name = disp;
        }
        if !aliases.iter(pb.aliases).any(|a| a.get(&built) == dt) {
            aliases.push(&mut pb.aliases, disp);
        }
        // (with no title and no nickname, the same as the display form)
        if c.title_start != c.start || !c.nick.is_empty() {
            let wt = Form::joined(&s[c.title_start..c.end], &mut built, &mut buf);
            let wtt = wt.get(&built);
            if !aliases.iter(pb.aliases).any(|a| a.get(&built) == wtt) {
                aliases.push(&mut pb.aliases, wt);
            }
        }
        for &n in &c.nick {
            if !aliases.iter(pb.aliases).any(|a| a.get(&built) == n) {
                aliases.push(&mut pb.aliases, Form::Text(n));
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
            if !pb.titles.contains(&tt) {
                pb.titles.push(tt);
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
    idx.clear();
    idx.resize(ps.len(), usize::MAX);
    e.people.reserve(ps.len());
    e.roles.reserve(ps.len());
    for (i, pb) in ps.iter().enumerate() {
        if pb.mentions == 0 {
            continue;
        }
        idx[i] = e.people.len();
        let name = pb.name.get(&built);
        // (the aliases are distinct, and the name is one of them)
        let mut alias_list = Vec::with_capacity(pb.aliases.len().saturating_sub(1));
        for a in aliases.iter(pb.aliases) {
            let a = a.get(&built);
            if a != name {
                alias_list.push(a.to_string());
            }
        }
        e.people.push(Person {
            name: name.to_string(),
            mentions: pb.mentions,
            first_start: pb.first_start,
            aliases: alias_list,
            titles: pb.titles.iter().map(|t| t.to_string()).collect(),
            gazetteer_id: pb.gaz.map(|g| gaz.people[g].id.clone()).unwrap_or_default(),
        });
        let role = match pb.gaz {
            Some(g) => role_at(gaz, g, date, &pb.title_roles),
            None => pb.title_roles.first().unwrap_or(&pb.role).to_string(),
        };
        e.roles.push(role);
    }
    e.person_mentions.reserve(ments.len());
    for (p, a, b, rule) in ments.drain(..) {
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
    let scratch = Scratch {
        slots: folded.slots,
        keys: folded.keys,
        fw_all,
        fw_at,
        assigned,
        order,
        forms: forms.nodes,
        holder_ends: holders.ends,
        holder_nodes: holders.nodes,
        ments,
        idx,
        built,
        buf,
    };
    // A huge document's vectors are let go, not kept for the next one: what
    // a thread keeps stays at the size ordinary articles need.
    if scratch.bytes() <= SCRATCH_KEEP_BYTES {
        SCRATCH.set(scratch);
    }
}

/// The role of known person `g` on `date`: the term that covers the date,
/// else the one a title in the text names, else the first listed.
fn role_at(gaz: &Gazetteers, g: usize, date: Option<&str>, titles: &[&str]) -> String {
    let id = &gaz.people[g].id;
    // (the rows: this entry alone when it has no id, else its id's terms;
    // looked through twice at most, with no vector)
    let rows = || {
        let (one, terms) = if id.is_empty() {
            (Some(&gaz.people[g]), None)
        } else {
            (None, Some(gaz.terms_of(id)))
        };
        one.into_iter().chain(terms.into_iter().flatten())
    };
    if let Some(d) = date.filter(|d| d.len() >= 10) {
        let d = &d[..10];
        if let Some(r) = rows().find(|p| {
            !p.start.is_empty() && p.start.as_str() <= d && (p.end.is_empty() || d < p.end.as_str())
        }) {
            return r.role.clone();
        }
    }
    if let Some(r) = rows().find(|p| titles.contains(&p.role.as_str())) {
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
            mentions: {
                // (room for a few more: most organizations named again
                // are named a few times)
                let mut m = Vec::with_capacity(4);
                m.push((sp.start, sp.end, sp.rule));
                m
            },
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
    use crate::text::words::{rep8, HIGH_BITS};
    let mut chunks = key.as_bytes().chunks_exact(8);
    let mut n = 1;
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        // (bit 7 of each space byte; the byte sum below never carries)
        let x = w ^ rep8(b' ');
        let space = !(((x & rep8(0x7f)) + rep8(0x7f)) | x) & HIGH_BITS;
        // (their number, summed into the top byte)
        n += ((space >> 7).wrapping_mul(rep8(1)) >> 56) as usize;
    }
    n + chunks.remainder().iter().filter(|&&c| c == b' ').count()
}

/// The words of key `short` end those of key `long`, a longer key.
fn ends_with_words(long: &str, short: &str) -> bool {
    long.len() > short.len()
        && long.ends_with(short)
        && long.as_bytes().get(long.len() - short.len() - 1) == Some(&b' ')
}

thread_local! {
    /// [`org_key`] of list names by name: a list name is keyed once per
    /// thread rather than once per document that asks for it (at most one
    /// entry per organization of the lists).
    static LIST_KEYS: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

/// `f` of the [`org_key`] of list name `name` ([`LIST_KEYS`]).
fn with_list_key<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    LIST_KEYS.with_borrow_mut(|m| {
        if let Some(k) = m.get(name) {
            return f(k);
        }
        let k = org_key(name);
        let r = f(&k);
        m.insert(name.to_string(), k);
        r
    })
}

fn org_key(name: &str) -> String {
    let (f, da) = fold_key_fast(name).unwrap_or_else(|| {
        let f = fold_key_slow(name);
        let da = has_da(&f);
        (f, da)
    });
    finish_key(f, da)
}

/// The key of a name from its folded form `f` ([`has_da`]: `da`).
fn finish_key(f: String, da: bool) -> String {
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

/// Folded `f` has a word "da" followed by another word.
fn has_da(f: &str) -> bool {
    f.starts_with("da ")
        || f.as_bytes()
            .windows(4)
            .any(|w| w[0] == b' ' && w[1] == b'd' && w[2] == b'a' && w[3] == b' ')
}

/// [`fold_key_slow`] of a `name` whose only non-ASCII characters are
/// curly apostrophes (the common case), in one pass: every `’s` dropped,
/// then every `'s`, letters and digits lower-cased, a space or hyphen a
/// single space between words, any other byte dropped. With it, [`has_da`]
/// of the result. `None` for a name of other characters.
fn fold_key_fast(name: &str) -> Option<(String, bool)> {
    use crate::text::words::{ascii_digits, ascii_letters, rep8, HIGH_BITS};
    const CURLY_S: &[u8] = "\u{2019}s".as_bytes();
    if let Some(da) = plain_da(name.as_bytes()) {
        return Some((name.to_ascii_lowercase(), da));
    }
    let b = name.as_bytes();
    let curly_s = |j: usize| b.get(j..j + CURLY_S.len()) == Some(CURLY_S);
    let mut out = Vec::with_capacity(b.len());
    // (`da`: a space follows a word "da" with a word after that space;
    // `pending`: the last space follows a word "da")
    let (mut da, mut pending) = (false, false);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c >= 0x80 {
            if curly_s(i) {
                i += CURLY_S.len();
                continue;
            }
            return None;
        }
        if c.is_ascii_alphanumeric() {
            da |= pending;
            pending = false;
            // (the run of letters and digits from here, up to eight bytes
            // at a time, the zero padding past the end none: lower-cased by
            // the case bit, which digits have)
            let w = le_upto8(b.get(i..).unwrap_or_default());
            let alnum = ascii_letters(w) | ascii_digits(w);
            let run = ((!alnum & HIGH_BITS).trailing_zeros() / 8) as usize;
            let lower = (w | rep8(0x20)).to_le_bytes();
            out.extend_from_slice(lower.get(..run).unwrap_or(&lower));
            i += run;
            continue;
        }
        i += 1;
        if (c == b' ' || c == b'-') && out.last().is_some_and(|&x| x != b' ') {
            let n = out.len();
            pending = out.get(n.wrapping_sub(2)..) == Some(b"da")
                && (n == 2 || out.get(n.wrapping_sub(3)) == Some(&b' '));
            out.push(b' ');
        } else if c == b'\'' {
            // (an `'s` also when `’s` came between: those go first)
            let mut j = i;
            while curly_s(j) {
                j += CURLY_S.len();
            }
            if b.get(j) == Some(&b's') {
                i = j + 1;
            }
        }
    }
    // (a trailing space is dropped)
    if out.last() == Some(&b' ') {
        out.pop();
    }
    // (ASCII bytes only)
    Some((String::from_utf8(out).unwrap_or_default(), da))
}

/// Whether `b` is ASCII letters and digits with single spaces between
/// them (nothing for [`fold_key_fast`] to drop or merge, only the case
/// changes), eight bytes at a time: then [`has_da`] of it lower-cased,
/// else `None`.
fn plain_da(b: &[u8]) -> Option<bool> {
    use crate::text::words::{ascii_digits, ascii_letters, rep8, HIGH_BITS};
    if b.first().is_none_or(|&c| c == b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let mut da = false;
    // (the byte before the chunk is a space)
    let mut prev = false;
    let mut i = 0;
    while let Some(c) = b.get(i..).filter(|c| !c.is_empty()) {
        let k = c.len().min(8);
        let w = le_upto8(&c[..k]);
        // (the chunk's `k` bytes; zero padding is none of the classes)
        let x = w ^ rep8(b' ');
        let live = low_bytes(k);
        let space = !(((x & rep8(0x7f)) + rep8(0x7f)) | x) & HIGH_BITS & live;
        if (ascii_letters(w) | ascii_digits(w) | space) != HIGH_BITS & live
            || space & (space << 8 | u64::from(prev) << 7) != 0
        {
            return None;
        }
        prev = space >> (8 * k - 1) & 1 != 0;
        // a word "da" (any case) before one of the spaces (each has a word
        // after it; the bytes before it are letters, digits and spaces)
        let mut m = space;
        while m != 0 {
            let p = i + (m.trailing_zeros() / 8) as usize;
            m &= m - 1;
            let lower = |j: usize| b.get(j).map(|&c| c | 0x20);
            da |= p >= 2
                && lower(p - 2) == Some(b'd')
                && lower(p - 1) == Some(b'a')
                && (p == 2 || b.get(p - 3) == Some(&b' '));
        }
        i += k;
    }
    Some(da)
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
        let (text, key) = org_name_key(&s[sp.start..sp.end]);
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
                    with_list_key(&gaz.orgs[g].name, |gkey| {
                        index_first(&ix.nogaz_key, rhash(gkey), keyed(&os, gkey))
                    })
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
        let (text, key) = org_name_key(&s[sp.start..sp.end]);
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
                        with_list_key(&gaz.orgs[g].name, |gkey| {
                            before.iter().position(|o| o.gaz.is_none() && o.key == gkey)
                        })
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

/// The name of an organization span of text `t` ([`org_text`]) and its
/// key ([`org_key`] of the name).
fn org_name_key(t: &str) -> (String, String) {
    // (the common case: plain words, as in the text, only the case to fold)
    let body = if drop_the(t) {
        t.get(4..).unwrap_or(t)
    } else {
        t
    };
    if let Some(da) = plain_da(body.as_bytes()) {
        return (body.to_string(), finish_key(body.to_ascii_lowercase(), da));
    }
    let text = org_text(t);
    let key = org_key(&text);
    (text, key)
}

/// An organization name drops a leading "The " / "the " when more follows.
fn drop_the(t: &str) -> bool {
    t.len() > 4 && (t.starts_with("The ") || t.starts_with("the "))
}

/// The name of an organization span of text `t`: its whitespace folded
/// ([`join_words`]), without a leading "The " / "the " ([`drop_the`]).
fn org_text(t: &str) -> String {
    if joined(t) {
        // (the common case: as in the text)
        return t
            .get(if drop_the(t) { 4 } else { 0 }..)
            .unwrap_or(t)
            .to_string();
    }
    let mut text = join_words(t);
    if drop_the(&text) {
        text.replace_range(..4, "");
    }
    text
}

/// `w` without every trailing `'s`, then every trailing `’s`.
fn trim_possessives(mut w: &[u8]) -> &[u8] {
    while let Some(x) = w.strip_suffix(b"'s") {
        w = x;
    }
    while let Some(x) = w.strip_suffix("\u{2019}s".as_bytes()) {
        w = x;
    }
    w
}

fn guess_kind(name: &str, head: &str) -> &'static str {
    // (one pass: a word "Court", else one of the law-enforcement words)
    let (mut court, mut law) = (false, false);
    for w in name.as_bytes().split(|&c| c == b' ').map(trim_possessives) {
        match w {
            b"Court" => court = true,
            b"Police" | b"Sheriff" | b"Attorney" | b"Marshals" => law = true,
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
            let slow = fold_key_slow(&name);
            let da = has_da(&slow);
            let fast = name.replace("\u{2019}s", "").is_ascii();
            prop_assert_eq!(fold_key_fast(&name), fast.then_some((slow, da)), "{:?}", name);
            prop_assert_eq!(org_key(&name), org_key_slow(&name), "{:?}", name);
        }
    }

    /// [`Folded::fwords`] as first written: each word folded, split at
    /// its spaces, and each part given its [`tokens::WordSet`] id.
    fn fwords_slow(set: &mut tokens::WordSet<'_>, words: &[String], out: &mut Vec<u32>) {
        let mut buf = String::new();
        for w in words {
            fold_into(w, &mut buf);
            for f in buf.split(' ').filter(|x| !x.is_empty()) {
                out.push(set.id_or_copy(f));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        #[test]
        fn word_ids_agree_with_word_set(
            names in prop::collection::vec(
                prop::collection::vec(
                    "[aA]{1,2}|[Bb][oO]|[a-zA-Z0-9'.\\-]{0,18}|[a\u{e9}\u{2019}\u{c9}\u{df} -]{0,5}|Abcdefghijklmnop[qQ]{1,3}|[a-z]{7,9}",
                    0..4,
                ),
                0..12,
            ),
        ) {
            let mut f = Folded::new(1, Vec::new(), Vec::new());
            let mut set = tokens::WordSet::with_capacity(1);
            for name in &names {
                let (mut got, mut want) = (Vec::new(), Vec::new());
                f.fwords(name, &mut got);
                fwords_slow(&mut set, name, &mut want);
                prop_assert_eq!(&got, &want, "{:?}", name);
                for &w in &got {
                    let t = set.word(w);
                    prop_assert_eq!(f.len(w), t.len(), "{:?}", t);
                    prop_assert_eq!(f.first(w), t.bytes().next().unwrap_or(0), "{:?}", t);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn joined_agrees_with_join_words(
            t in "[ a\\t\\n\\r\\x0b\\x0c\\x1f\u{a0}\u{85}\u{2003}\u{2019}\u{e9}]{0,20}|[ -~]{0,30}|([a-z]{0,9}[ \\n]?){0,6}"
        ) {
            prop_assert_eq!(joined(&t), join_words(&t) == t, "{:?}", t);
        }
    }

    #[test]
    fn joined_agrees_with_join_words_on_corpus() {
        for text in crate::corpus_texts() {
            let starts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (n, &a) in starts.iter().enumerate().step_by(5) {
                for &b in starts[n..].iter().take(40) {
                    let t = &text[a..b];
                    assert_eq!(joined(t), join_words(t) == t, "{t:?}");
                }
            }
        }
    }

    /// [`org_name_key`] as first written: the name by [`join_words`],
    /// its key by [`org_key_slow`].
    fn org_name_key_slow(t: &str) -> (String, String) {
        let mut text = join_words(t);
        if text.len() > 4 && (text.starts_with("The ") || text.starts_with("the ")) {
            text.replace_range(..4, "");
        }
        let key = org_key_slow(&text);
        (text, key)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn org_names_agree_with_slow(
            t in "((The|the|DA|da|A|x) ?){0,3}[ a\\n\u{a0}\u{2019}s'.\u{e9}-]{0,12}|[ -~]{0,30}|(([Tt]he|[a-zA-Z0-9]{1,9}|da)[ \\n]{0,2}){0,5}"
        ) {
            prop_assert_eq!(org_name_key(&t), org_name_key_slow(&t), "{:?}", t);
        }
    }

    #[test]
    fn org_names_agree_with_slow_on_corpus() {
        for text in crate::corpus_texts() {
            let starts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (n, &a) in starts.iter().enumerate().step_by(11) {
                for &b in starts[n..].iter().step_by(3).take(15) {
                    let t = &text[a..b];
                    assert_eq!(org_name_key(t), org_name_key_slow(t), "{t:?}");
                }
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
            let mut f = Folded::new(8, Vec::new(), Vec::new());
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
        fn curly_s_fold_agrees_with_slow(name in "[ a-zA-Z's\u{2019}\u{2018}é-]{0,16}") {
            let slow = fold_key_slow(&name);
            let da = has_da(&slow);
            let fast = name.replace("\u{2019}s", "").is_ascii();
            prop_assert_eq!(fold_key_fast(&name), fast.then_some((slow, da)), "{:?}", name);
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
            let mut h = Holders::new(8, 0, Vec::new(), Vec::new());
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn word_counts_agree_with_slow(key in "[a ]{0,40}|[ -~]{0,30}") {
            prop_assert_eq!(word_count(&key), key.split(' ').count(), "{:?}", key);
        }
    }

    #[test]
    fn list_keys_are_org_keys() {
        for name in [
            "U.S. Attorney\u{2019}s Office",
            "Queens DA",
            "x",
            "U.S. Attorney\u{2019}s Office",
        ] {
            assert_eq!(with_list_key(name, str::to_string), org_key(name));
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
        fn plain_names_agree_with_slow(
            name in "[aZ0 ]{0,20}|[ -~]{0,20}|[a-z ]{0,30}|((da|Da|DA|d|a|the|xd|dax) ){0,5}(da|x|DA)?"
        ) {
            let b = name.as_bytes();
            let plain = !name.is_empty()
                && !name.starts_with(' ')
                && !name.ends_with(' ')
                && !name.contains("  ")
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b' ');
            let slow = fold_key_slow(&name);
            let da = has_da(&slow);
            prop_assert_eq!(plain_da(b), plain.then_some(da), "{:?}", name);
            prop_assert_eq!(fold_key_fast(&name), Some((slow, da)), "{:?}", name);
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
            let fast = name.replace("\u{2019}s", "").is_ascii();
            assert_eq!(fold_key_fast(name), fast.then_some((slow, da)), "{name:?}");
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

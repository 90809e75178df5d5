//! Gazetteers: the editable lists in `gazetteers/`, loaded once and compiled
//! into phrase matchers shared by all threads (see [`Matcher`]).
//!
//! Format (see `gazetteers/README.md`): UTF-8 TSV, one header row, `#`
//! comment lines, an optional `#! case = exact|fold` directive at the top,
//! `;` between the values of a multi-valued cell. The built-in lists are
//! embedded in the binary; `--gazetteers DIR` adds files whose name starts
//! with a list's name (`people-local.tsv` adds to `people`), and a row whose
//! id equals a built-in row's id replaces it.

use crate::error::{Error, Result};
use crate::text::words::{
    alphanumeric, hash_at, head_key, is_word_byte, load8, run_len, word_starts, Word,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::OnceLock;

/// The built-in lists, embedded at build time.
const BUILTIN: &[(&str, &str)] = &[
    ("people.tsv", include_str!("../gazetteers/people.tsv")),
    (
        "organizations.tsv",
        include_str!("../gazetteers/organizations.tsv"),
    ),
    ("offenses.tsv", include_str!("../gazetteers/offenses.tsv")),
    (
        "first_names.tsv",
        include_str!("../gazetteers/first_names.tsv"),
    ),
    ("surnames.tsv", include_str!("../gazetteers/surnames.tsv")),
    ("titles.tsv", include_str!("../gazetteers/titles.tsv")),
    ("places.tsv", include_str!("../gazetteers/places.tsv")),
    ("not_names.tsv", include_str!("../gazetteers/not_names.tsv")),
];

/// The list kinds, by file-name prefix. Longer prefixes first.
const KINDS: &[&str] = &[
    "organizations",
    "first_names",
    "not_names",
    "surnames",
    "offenses",
    "people",
    "titles",
    "places",
];

/// How a list's phrases are compared with the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Only as written.
    Exact,
    /// ASCII case-insensitive.
    Fold,
}

/// One parsed TSV list.
#[derive(Debug, Clone)]
pub struct Table {
    /// File name it came from.
    pub file: String,
    /// Case rule from the `#! case =` directive (default exact).
    pub case: Case,
    /// Column names.
    pub header: Vec<String>,
    /// The cells, row after row, each row as long as the header (missing
    /// cells are empty): see [`Table::rows`].
    pub cells: Vec<&'static str>,
    /// FNV-1a of the data rows as written, for the lists' fingerprint.
    pub hash: u64,
}

impl Table {
    /// Parse a list from its text.
    /// The text lives as long as the process: built-in lists are embedded,
    /// added ones are read once and kept (see [`Gazetteers::load`]).
    pub fn parse(file: &str, text: &'static str) -> Result<Table> {
        let mut case = Case::Exact;
        let mut header: Option<Vec<String>> = None;
        let mut cells: Vec<&'static str> = Vec::new();
        let mut hasher = Fnv::default();
        let bytes = text.as_bytes();
        let mut from = 0;
        let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
        for (i, end) in ends.enumerate() {
            // `\n` is ASCII: both ends are char boundaries.
            let line = &text[from..end];
            from = end + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if let Some(d) = line.strip_prefix("#!") {
                let d: String = d.chars().filter(|c| !c.is_whitespace()).collect();
                case = match d.as_str() {
                    "case=exact" => Case::Exact,
                    "case=fold" => Case::Fold,
                    _ => {
                        return Err(Error::Gazetteer {
                            file: file.into(),
                            line: i + 1,
                            msg: format!("unknown directive {line:?}"),
                        })
                    }
                };
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some(h) = &header else {
                header = Some(line.split('\t').map(|c| c.trim().to_string()).collect());
                continue;
            };
            // Hash the row as written: any change to a list changes the fingerprint.
            hasher.write(line.as_bytes());
            hasher.write(b"\n");
            let at = cells.len();
            let mut c0 = 0;
            for t in memchr::memchr_iter(b'\t', line.as_bytes()).chain(std::iter::once(line.len()))
            {
                cells.push(trim_cell(&line[c0..t]));
                c0 = t + 1;
            }
            let n = cells.len() - at;
            if n > h.len() {
                return Err(Error::Gazetteer {
                    file: file.into(),
                    line: i + 1,
                    msg: format!("{} cells for {} columns", n, h.len()),
                });
            }
            cells.resize(at + h.len(), "");
        }
        Ok(Table {
            file: file.into(),
            case,
            header: header.unwrap_or_default(),
            cells,
            hash: hasher.0,
        })
    }

    /// The rows, each a slice as long as the header.
    pub fn rows(&self) -> std::slice::ChunksExact<'_, &'static str> {
        self.cells.chunks_exact(self.header.len().max(1))
    }

    fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

/// A cell without surrounding white space (checked byte-wise first: most
/// cells have none).
fn trim_cell(c: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_none_or(|&b| b > b' ' && b < 0x7f);
    if plain(c.as_bytes().first()) && plain(c.as_bytes().last()) {
        c
    } else {
        c.trim()
    }
}

fn split_multi(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A known person with one term of office (or none).
#[derive(Debug, Clone, Default)]
pub struct PersonEntry {
    /// Stable key.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other forms.
    pub aliases: Vec<String>,
    /// `president`, `governor`, `judge`, ...
    pub role: String,
    /// `US` or a state code.
    pub jurisdiction: String,
    /// Term start, ISO date.
    pub start: String,
    /// Term end, ISO date (empty when current).
    pub end: String,
}

/// A known organization.
#[derive(Debug, Clone, Default)]
pub struct OrgEntry {
    /// Stable key.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other forms (abbreviations, short forms).
    pub aliases: Vec<String>,
    /// SCHEMA kind.
    pub kind: String,
}

/// An offense phrase of the offense lexicon.
#[derive(Debug, Clone, Default)]
pub struct OffenseEntry {
    /// Stable key.
    pub id: String,
    /// The phrase.
    pub phrase: String,
    /// SCHEMA category.
    pub category: String,
    /// Usual statute, if any.
    pub statute: String,
    /// Other wordings.
    pub aliases: Vec<String>,
}

/// A title or honorific that precedes names.
#[derive(Debug, Clone, Default)]
pub struct TitleEntry {
    /// As written (`Gov.`, `U.S. District Judge`).
    pub title: String,
    /// `honorific` or `title`.
    pub kind: String,
    /// `president`, `governor`, `judge`, ... or `other`.
    pub role: String,
}

/// A compiled phrase matcher over one list: whole-word, leftmost-longest.
///
/// Every phrase starts with a letter or digit, so a whole-word match starts
/// at a word start: the search tries only word starts whose first byte can
/// begin a phrase, and takes the longest phrase there.
///
/// The phrases are cut into *segments* (see `segment`): runs of ASCII
/// letters, digits and `_` (with the one ASCII byte before them, when that
/// is not a word start: `" Smith"`), and single other characters. They form
/// a trie over segments, kept in one hash table keyed by (parent node,
/// segment): the walk from a word start looks up the text's segments one
/// after the other, each with one probe (a bitmap in front turns most
/// misses away after one load), so it never searches among the phrases.
/// The first segment's hash comes with the word start (see [`Word`]), and
/// a filter over the first two bytes of a node's children ends most walks
/// before the text's next segment is read. Building needs no sort: one
/// insertion per segment, so even 100,000 names load in milliseconds. A
/// phrase's last segment can also be a proper prefix of the text's (it
/// ends inside a run, as "Ann" in "Annette", or right after the byte
/// before one, as "Inc." in "Inc.com"): each node keeps the lengths of its
/// children that end a phrase, so the walk checks those with a probe each
/// only when one could fit.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The trie's nodes; node 0 is the root (the empty prefix).
    nodes: Vec<Node>,
    /// The bytes of the segments longer than eight bytes.
    arena: Vec<u8>,
    /// Open addressing over the nodes' keys (see [`node_key`]): (top 32
    /// bits of the key, node); node 0 (the root, no one's child) marks an
    /// empty slot.
    index: Vec<(u32, u32)>,
    /// One bit per value of some bits of a node's key: a lookup whose bit
    /// is clear finds nothing.
    bits: Vec<u64>,
    /// One bit per value of some bits of the [`head_key`] of the root's
    /// children (sparser: most words of a text begin no phrase, and are
    /// turned away by their head's key before the walk); bits 0 and 32
    /// are set, for the words without a head (key 0 or 32).
    roots: Vec<u64>,
    /// One bit per value of the low bits of the segment hash of the root's
    /// children that end a phrase, or have a child of one byte that does:
    /// a word whose head hash's bit is clear needs its next segment among
    /// the `pairs` for a walk to find anything. (Other bits of the hash
    /// than `roots` takes: a word let through by a chance bit there is
    /// seldom let through by one here too.)
    walk: Vec<u64>,
    /// One bit per value of some bits of the [`pair_key`] of each
    /// grandchild of the root (the hashes of its parent's segment and its own).
    pairs: Vec<u64>,
    /// The longest segment that ends a phrase.
    max_seg: usize,
    /// Compare ASCII letters case-insensitively.
    fold: bool,
    /// Bytes a phrase can start with.
    first: Box<[bool; 256]>,
}

/// No entry: the [`Node::entry`] of a node where no phrase ends.
const NONE: u32 = u32::MAX;

/// One node of a [`Matcher`]'s trie: a phrase prefix ending at a segment end.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The last segment's bytes when at most eight (ASCII-lower-cased for a
    /// folded list), little-endian and zero-padded (see [`load8`]).
    seg: u64,
    /// The last segment's length in bytes.
    len: u32,
    /// Where the last segment's bytes start in the arena, when longer than eight.
    off: u32,
    /// The node of the prefix before the last segment.
    parent: u32,
    /// The entry of the phrase spelled by this prefix, or [`NONE`].
    entry: u32,
    /// Bit `l` (1 to 63): a child whose segment is `l` ASCII bytes ends a
    /// phrase; bit 0: one of 64 bytes or more does.
    runs: u64,
    /// The [`pair_bit`]s of the first two bytes of its children's segments
    /// (all bits when a child's segment is one byte); 0 when no phrase goes
    /// on past this prefix.
    next: u64,
}

/// One of 64 bits for the two bytes `x`, `y` (ASCII case folded).
#[inline]
fn pair_bit(x: u8, y: u8) -> u64 {
    let k = (u64::from(x | 0x20) << 8 | u64::from(y | 0x20)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    1 << (k >> 58)
}

/// The key of a root grandchild whose segment hashes to `h2` under a
/// child whose segment hashes to `h1` (see [`Matcher::may_match`]).
#[inline]
fn pair_key(h1: u64, h2: u64) -> u64 {
    let k = (h1.rotate_left(23) ^ h2).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    k ^ (k >> 29)
}

/// The trie key of segment hash `h` under node `parent`.
#[inline]
fn node_key(parent: u32, h: u64) -> u64 {
    let k = (h ^ u64::from(parent).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_mul(0xd6e8_feb8_6659_fd93);
    k ^ (k >> 32)
}

/// The bit of key `k` in a bitmap (of a power of two bits): (word, bit).
#[inline]
fn bit_of(bits: &[u64], k: u64) -> (usize, u64) {
    let i = (k >> 40) as usize & (bits.len() * 64).wrapping_sub(1);
    (i / 64, 1 << (i % 64))
}

/// Whether the bit of key `k` is set.
#[inline]
fn has_bit(bits: &[u64], k: u64) -> bool {
    let (w, bit) = bit_of(bits, k);
    bits.get(w).is_some_and(|&w| w & bit != 0)
}

/// Set the bit of key `k`.
fn set_bit(bits: &mut [u64], k: u64) {
    let (w, bit) = bit_of(bits, k);
    if let Some(w) = bits.get_mut(w) {
        *w |= bit;
    }
}

/// The bit of a [`head_key`] in a bitmap (of a power of two bits): (word, bit).
#[inline]
fn key_bit(bits: &[u64], key: u32) -> (usize, u64) {
    let i = key as usize & (bits.len() * 64).wrapping_sub(1);
    (i / 64, 1 << (i % 64))
}

/// The key of a head hashing to `hash` in a [`Matcher`]'s `walk` bitmap:
/// its low bits (either case of the first letter).
#[inline]
fn walk_key(hash: u64) -> u32 {
    hash as u32
}

/// Set the bit of head key `key`.
fn set_key(bits: &mut [u64], key: u32) {
    let (w, bit) = key_bit(bits, key);
    if let Some(w) = bits.get_mut(w) {
        *w |= bit;
    }
}

/// The length of the segment of `b` starting at `pos` (0 at the end): a
/// run of ASCII letters, digits and `_` (as long as it goes), with the
/// ASCII byte before it when that byte is none of them; else one
/// character (an ASCII byte, or the non-ASCII character starting there).
/// Cut the same way, a phrase and a text it is a prefix of agree on every
/// segment but the phrase's last, which may be a proper prefix of the text's.
#[inline]
fn segment(b: &[u8], pos: usize) -> usize {
    let rest = b.get(pos..).unwrap_or_default();
    match rest.first() {
        None => 0,
        Some(&c) if c < 0x80 => {
            if is_word_byte(c) || rest.get(1).is_some_and(|&x| is_word_byte(x)) {
                1 + run_len(b, pos + 1)
            } else {
                1
            }
        }
        Some(&c) => {
            let n = match c {
                0xf0.. => 4,
                0xe0.. => 3,
                _ => 2,
            };
            n.min(rest.len())
        }
    }
}

/// The hash of the segment of `len` bytes of `b` at `pos` (see
/// [`segment`]; also of a proper prefix of one): a separator and the run
/// after it hash as the separator mixed into the run's [`hash_at`], so a
/// walk can take the run's hash from the [`Word`] starting after the
/// separator; any other segment is its [`hash_at`].
#[inline]
fn seg_hash(b: &[u8], pos: usize, len: usize) -> u64 {
    match b.get(pos) {
        Some(&c) if len >= 2 && c < 0x80 && !is_word_byte(c) => {
            sep_hash(c, hash_at(b, pos + 1, len - 1))
        }
        _ => hash_at(b, pos, len),
    }
}

/// The [`segment`] at `pos` of `b` and its [`seg_hash`], cut and hashed
/// in one go (for building: the walks cut and hash apart).
#[inline(always)]
fn seg_at(b: &[u8], pos: usize) -> (usize, u64) {
    match b.get(pos) {
        Some(&c) if c < 0x80 && !is_word_byte(c) => {
            let run = run_len(b, pos + 1);
            if run > 0 {
                (run + 1, sep_hash(c, hash_at(b, pos + 1, run)))
            } else {
                (1, hash_at(b, pos, 1))
            }
        }
        _ => {
            let len = segment(b, pos);
            (len, hash_at(b, pos, len))
        }
    }
}

/// [`seg_hash`] of separator `c` and the run after it, which hashes to `h`.
#[inline]
fn sep_hash(c: u8, h: u64) -> u64 {
    h ^ u64::from(c).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// ASCII lower case of eight bytes at once (bytes from 0x80 stay).
#[inline]
fn lower8(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & LOW7;
    // The high bit of each ASCII byte from 'A' to 'Z'.
    let upper = (low + 0x3f3f_3f3f_3f3f_3f3f) & !(low + 0x2525_2525_2525_2525) & !x & HIGH;
    x | (upper >> 2)
}

/// The bits of a node's `runs` that [`Matcher::inside`] checks in a
/// segment of `len` (at least 2) bytes: bits 1 to len - 1 (the proper
/// prefixes), and bit 0 when len - 1 reaches 64.
#[inline(always)]
fn inside_lengths(len: usize) -> u64 {
    if len > 64 {
        u64::MAX
    } else {
        (u64::MAX >> (64 - len)) & !1
    }
}

/// Whether [`Matcher::inside`] (a node's `runs`, the text's segment of
/// `len` bytes at `pos` of `b`, whether `best` is Some) may change `best`:
/// not when no length it checks is in `runs`, nor when `best` is None and
/// it cannot become a separator alone (it returns at once then).
#[inline(always)]
fn inside_may_change(runs: u64, b: &[u8], pos: usize, len: usize, best: bool) -> bool {
    let m = runs & inside_lengths(len);
    m != 0 && (best || m & 2 != 0 && b.get(pos).is_some_and(|&c| !is_word_byte(c)))
}

/// One match of a [`Matcher`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Index of the entry in its list.
    pub entry: usize,
}

impl Matcher {
    /// Compile `(form, entry)` pairs. Empty forms, and forms that do not
    /// start with a letter or digit (they could never be whole words, e.g.
    /// an editor's "\[First\] Last"), are dropped. When two forms are the same
    /// (after case folding, for a folded list) the first one's entry wins.
    pub fn new(forms: Vec<(String, usize)>, case: Case) -> Result<Matcher> {
        let fold = case == Case::Fold;
        let root = Node {
            seg: 0,
            len: 0,
            off: 0,
            parent: 0,
            entry: NONE,
            runs: 0,
            next: 0,
        };
        // About two nodes per form: room for them, and an index that
        // seldom has to grow.
        let nodes = forms.len() * 2 + 1;
        let mut m = Matcher {
            nodes: Vec::with_capacity(nodes),
            arena: Vec::new(),
            index: vec![(0, 0); (nodes * 2).next_power_of_two().max(64)],
            bits: Vec::new(),
            roots: Vec::new(),
            walk: Vec::new(),
            pairs: Vec::new(),
            max_seg: 0,
            fold,
            first: Box::new([false; 256]),
        };
        // (a bitmap of at least `n` bits, a power of two)
        let bits = |n: usize| vec![0; n.next_power_of_two().clamp(1 << 12, 1 << 24) / 64];
        // (a form makes at most two grandchildren of the root: about eight
        // bits each)
        m.walk = bits(forms.len() * 32);
        m.pairs = bits(forms.len() * 16);
        // Each node's key, for growing the index, and the segment hashes
        // of the root's children.
        m.nodes.push(root);
        let mut keys = Vec::with_capacity(nodes);
        keys.push(0);
        let mut heads: Vec<(u64, u8)> = Vec::new();
        let too_large = || Error::Other("list too large".into());
        for (f, e) in forms {
            let e = u32::try_from(e)
                .ok()
                .filter(|&e| e != NONE)
                .ok_or_else(too_large)?;
            // Lists write the straight apostrophe; news often has the curly one.
            let curly = f.contains('\'').then(|| f.replace('\'', "\u{2019}"));
            for f in std::iter::once(f).chain(curly) {
                let key = if fold { f.to_ascii_lowercase() } else { f };
                if key.chars().next().is_some_and(char::is_alphanumeric) {
                    m.insert(key.as_bytes(), e, &mut keys, &mut heads)
                        .ok_or_else(too_large)?;
                }
            }
        }
        m.bits = bits(m.nodes.len() * 8);
        m.roots = bits(heads.len() * 64);
        m.roots[0] |= 1 | 1 << 32;
        for &k in keys.iter().skip(1) {
            set_bit(&mut m.bits, k);
        }
        for &(h, first) in &heads {
            // (a folded list matches either case)
            set_key(&mut m.roots, head_key(h, first));
            if fold {
                set_key(&mut m.roots, head_key(h, first ^ 0x20));
            }
        }
        Ok(m)
    }

    /// Add phrase `p` (lower-cased when folded) with `entry`, unless it is
    /// there already. None when the trie outgrows 32-bit node numbers.
    fn insert(
        &mut self,
        p: &[u8],
        entry: u32,
        keys: &mut Vec<u64>,
        heads: &mut Vec<(u64, u8)>,
    ) -> Option<()> {
        let b0 = *p.first()?;
        self.first[usize::from(b0)] = true;
        if self.fold {
            self.first[usize::from(b0.to_ascii_uppercase())] = true;
        }
        let (mut node, mut pos) = (0u32, 0);
        let mut last = (0, 0);
        // (the depth of `node`, and the hash of the first segment)
        let (mut depth, mut h1) = (0, 0);
        while pos < p.len() {
            let (len, h) = seg_at(p, pos);
            let k = node_key(node, h);
            let id = match self.probe(node, p, pos, len, k) {
                Ok(id) => id,
                Err(slot) => {
                    let id = u32::try_from(self.nodes.len())
                        .ok()
                        .filter(|&n| n != NONE)?;
                    let off = if len > 8 {
                        let off = u32::try_from(self.arena.len()).ok()?;
                        self.arena.extend_from_slice(p.get(pos..pos + len)?);
                        off
                    } else {
                        0
                    };
                    self.nodes.push(Node {
                        seg: if len <= 8 { load8(p, pos, len) } else { 0 },
                        len: u32::try_from(len).ok()?,
                        off,
                        parent: node,
                        entry: NONE,
                        runs: 0,
                        next: 0,
                    });
                    let parent = self.nodes.get_mut(node as usize)?;
                    parent.next |= match p.get(pos..pos + 2) {
                        Some(&[x, y]) if len > 1 => pair_bit(x, y),
                        _ => u64::MAX,
                    };
                    *self.index.get_mut(slot)? = ((k >> 32) as u32, id);
                    keys.push(k);
                    if depth == 1 {
                        set_bit(&mut self.pairs, pair_key(h1, h));
                    }
                    if node == 0 {
                        heads.push((h, b0));
                    }
                    if self.nodes.len() * 2 > self.index.len() {
                        self.grow(keys);
                    }
                    id
                }
            };
            last = (node, len);
            node = id;
            pos += len;
            if depth == 0 {
                h1 = h;
            }
            depth += 1;
        }
        let n = self.nodes.get_mut(node as usize)?;
        if n.entry == NONE {
            n.entry = entry;
        }
        let (parent, len) = last;
        // (see `walk`: a root child ending a phrase, or with a child of one
        // byte that does; for a word starting with either case. Under any
        // other, a walk finds a phrase only through a grandchild the text's
        // next segment hashes as, see `pairs`: a grandchild of one byte
        // ending no phrase, or a longer one that is a proper prefix of the
        // text's segment, ends inside it, which `inside` turns away)
        if depth == 1 || depth == 2 && len == 1 && p.get(pos - 1).is_some_and(|&c| c < 0x80) {
            set_key(&mut self.walk, walk_key(h1));
        }
        if p.get(pos - len).is_some_and(|&c| c < 0x80) {
            self.max_seg = self.max_seg.max(len);
            self.nodes.get_mut(parent as usize)?.runs |= if len < 64 { 1 << len } else { 1 };
        }
        Some(())
    }

    /// Double the index.
    fn grow(&mut self, keys: &[u64]) {
        let size = self.index.len() * 2;
        self.index = vec![(0, 0); size];
        for (id, &k) in keys.iter().enumerate().skip(1) {
            let mut s = k as usize & (size - 1);
            while self.index.get(s).is_some_and(|&(_, n)| n != 0) {
                s = (s + 1) & (size - 1);
            }
            if let Some(slot) = self.index.get_mut(s) {
                *slot = ((k >> 32) as u32, id as u32);
            }
        }
    }

    /// The node under `node` whose segment is `b[pos..pos + len]` (key
    /// `k`): Ok(its number), or Err(the empty index slot where it would go).
    fn probe(
        &self,
        node: u32,
        b: &[u8],
        pos: usize,
        len: usize,
        k: u64,
    ) -> std::result::Result<u32, usize> {
        let mask = self.index.len() - 1;
        let mut s = k as usize & mask;
        loop {
            match self.index.get(s) {
                Some(&(_, id)) if id != 0 => {
                    if self
                        .nodes
                        .get(id as usize)
                        .is_some_and(|n| self.is(n, node, b, pos, len))
                    {
                        return Ok(id);
                    }
                }
                _ => return Err(s),
            }
            s = (s + 1) & mask;
        }
    }

    /// Whether node `n` is the child of `node` whose segment is `b[pos..pos + len]`.
    #[inline]
    fn is(&self, n: &Node, node: u32, b: &[u8], pos: usize, len: usize) -> bool {
        n.parent == node && n.len as usize == len && {
            if len <= 8 {
                let w = load8(b, pos, len);
                n.seg == if self.fold { lower8(w) } else { w }
            } else {
                self.same_long(n, b, pos, len)
            }
        }
    }

    /// Whether node `n`'s segment, longer than eight bytes, is `b[pos..pos + len]`:
    /// compared eight bytes at a time (the arena holds a folded list's
    /// segments in lower case, as `seg`).
    #[inline(never)]
    fn same_long(&self, n: &Node, b: &[u8], pos: usize, len: usize) -> bool {
        let off = n.off as usize;
        let (Some(p), Some(t)) = (self.arena.get(off..off + len), b.get(pos..pos + len)) else {
            return false;
        };
        let same = |p: &[u8; 8], t: &[u8; 8]| {
            let w = u64::from_le_bytes(*t);
            u64::from_le_bytes(*p) == if self.fold { lower8(w) } else { w }
        };
        // The last eight bytes, then the eight-byte chunks from the start
        // (together every byte; most segments are at most 16 bytes).
        match (p.last_chunk::<8>(), t.last_chunk::<8>()) {
            (Some(pl), Some(tl)) if same(pl, tl) => {
                let (ps, _) = p.as_chunks::<8>();
                let (ts, _) = t.as_chunks::<8>();
                ps.iter().zip(ts).all(|(p, t)| same(p, t))
            }
            _ => false,
        }
    }

    /// The child of `node` whose segment is `b[pos..pos + len]`, hashing to
    /// `h`: its number and node.
    #[inline(always)]
    fn child(&self, node: u32, b: &[u8], pos: usize, len: usize, h: u64) -> Option<(u32, &Node)> {
        let k = node_key(node, h);
        if !has_bit(&self.bits, k) {
            return None;
        }
        let mask = self.index.len().wrapping_sub(1);
        let tag = (k >> 32) as u32;
        let mut s = k as usize & mask;
        loop {
            let &(t, id) = self.index.get(s)?;
            if id == 0 {
                return None;
            }
            if t == tag {
                let n = self.nodes.get(id as usize)?;
                if self.is(n, node, b, pos, len) {
                    return Some((id, n));
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// The phrases under `node` whose last segment is a proper prefix of
    /// the text's segment of `len` (at least 2) bytes at `pos`, starting
    /// with an ASCII byte: `runs` are `node`'s. Each is longer than `best`:
    /// a separator alone before the run is a candidate (it becomes `best`),
    /// a phrase ending inside the run (glued to the letters after it) makes
    /// `best` None.
    #[inline(never)]
    fn inside(
        &self,
        node: u32,
        runs: u64,
        b: &[u8],
        pos: usize,
        len: usize,
        best: &mut Option<(usize, usize)>,
    ) {
        let mut m = runs & inside_lengths(len);
        let ends = |l: usize| {
            self.child(node, b, pos, l, seg_hash(b, pos, l))
                .and_then(|(_, c)| (c.entry != NONE).then_some(c.entry as usize))
        };
        if b.get(pos).is_some_and(|&c| !is_word_byte(c)) && m & 2 != 0 {
            m &= !2;
            if let Some(e) = ends(1) {
                *best = Some((pos + 1, e));
            }
        }
        if best.is_none() {
            return;
        }
        let long = m & 1 != 0;
        m &= !1;
        while m != 0 {
            let l = m.trailing_zeros() as usize;
            m &= m - 1;
            if ends(l).is_some() {
                *best = None;
                return;
            }
        }
        if long && (64..len.min(self.max_seg + 1)).any(|l| ends(l).is_some()) {
            *best = None;
        }
    }

    /// The longest phrase starting at byte `i` of `b`: (end, entry); None
    /// also when that phrase ends inside an ASCII run of the text (glued to
    /// a letter, digit or `_`: never a whole-word match, nor a whole string).
    /// `len` and `h` are the length and [`seg_hash`] of the segment at `i`;
    /// `ws` are word starts of `b` after `i`, in order (any of them, or
    /// none): the segments that are a run starting one of them, or a
    /// separator before one, take its head's length and hash.
    #[inline(always)]
    fn longest(
        &self,
        b: &[u8],
        i: usize,
        mut len: usize,
        mut h: u64,
        mut ws: &[Word],
    ) -> Option<(usize, usize)> {
        let (mut node, mut pos, mut best) = (0u32, i, None);
        // The `runs` of `node` (none looked at under the root: the first
        // segment is a run or one character, and `best` is None).
        let mut runs = 0;
        while len > 0 {
            // Phrases ending inside this segment, when some could.
            if runs != 0
                && len >= 2
                && b.get(pos).is_some_and(|&c| c < 0x80)
                && inside_may_change(runs, b, pos, len, best.is_some())
            {
                self.inside(node, runs, b, pos, len, &mut best);
            }
            let Some((id, c)) = self.child(node, b, pos, len, h) else {
                break;
            };
            pos += len;
            if c.entry != NONE {
                best = Some((pos, c.entry as usize));
            }
            if c.next == 0 {
                break;
            }
            let x = b.get(pos).copied().unwrap_or(0);
            // No child starts with the text's next two bytes (and none ends
            // a phrase inside the text's next segment): done.
            if c.runs == 0 {
                let y = b.get(pos + 1).copied().unwrap_or(0);
                if c.next & pair_bit(x, y) == 0 {
                    break;
                }
            }
            node = id;
            runs = c.runs;
            // The next word start at `pos` or `pos + 1`, if any.
            while ws.first().is_some_and(|w| w.start < pos) {
                ws = ws.get(1..).unwrap_or_default();
            }
            (len, h) = match ws.first() {
                // A run starting a word.
                Some(w) if w.start == pos && w.head > 0 => (w.head, w.hash),
                // A separator (an ASCII byte: a word starts after it) and
                // the run starting that word.
                Some(w) if w.start == pos + 1 && w.head > 0 && x < 0x80 => {
                    (w.head + 1, sep_hash(x, w.hash))
                }
                _ => {
                    let len = segment(b, pos);
                    (len, seg_hash(b, pos, len))
                }
            };
        }
        best
    }

    /// The entry of the phrase spelled exactly `w` (whole string), if any:
    /// the same answer as a [`Matcher::find`] hit spanning all of `w`,
    /// without scanning or allocating.
    pub fn exact(&self, w: &str) -> Option<usize> {
        let b0 = *w.as_bytes().first()?;
        if !self.first[usize::from(b0)] {
            return None;
        }
        let b = w.as_bytes();
        let len = segment(b, 0);
        self.longest(b, 0, len, seg_hash(b, 0, len), &[])
            .filter(|&(end, _)| end == w.len())
            .map(|(_, entry)| entry)
    }

    /// Whole-word matches in `text`, left to right, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_words(text, &word_starts(text))
    }

    /// [`Matcher::find`] over the word starts already found in `text`
    /// (see [`crate::text::Text::words`]).
    pub fn find_words(&self, text: &str, words: &[Word]) -> Vec<Hit> {
        let mut out = Vec::new();
        if self.nodes.len() <= 1 {
            return out;
        }
        let mut next = 0;
        let roots = self.roots.as_slice();
        let mask = (roots.len() * 64).wrapping_sub(1);
        let mut it = words.iter();
        while let Some(w) = it.next() {
            // Most words are turned away by one bit test of their head's key.
            let bit = w.key as usize & mask;
            if roots
                .get(bit / 64)
                .is_none_or(|&r| r >> (bit % 64) & 1 == 0)
                || w.start < next
                || !self.may_match(text.as_bytes(), w, it.as_slice())
            {
                continue;
            }
            if let Some(hit) = self.at_word(text, w, it.as_slice()) {
                next = hit.end;
                out.push(hit);
            }
        }
        out
    }

    /// Whether word `w` may begin one of the phrases (the bit of its head's
    /// key, see [`Matcher::find_words`]).
    #[inline]
    fn may_start(&self, w: &Word) -> bool {
        let bit = w.key as usize & (self.roots.len() * 64).wrapping_sub(1);
        self.roots
            .get(bit / 64)
            .is_some_and(|&r| r >> (bit % 64) & 1 != 0)
    }

    /// Whether a walk from word `w` of `b` (`ws`: the words after it; the
    /// bit of its key in `roots` set) may find a phrase: not when the root
    /// child of its head (if any) ends no phrase, nor has a child of one
    /// byte that does, and the text's next segment, a separator and the
    /// head of the next word, is under none of them (see `pairs`).
    #[inline(always)]
    fn may_match(&self, b: &[u8], w: &Word, ws: &[Word]) -> bool {
        let bit = walk_key(w.hash) as usize & (self.walk.len() * 64).wrapping_sub(1);
        if w.head == 0
            || self
                .walk
                .get(bit / 64)
                .is_none_or(|&r| r >> (bit % 64) & 1 != 0)
        {
            return true;
        }
        let pos = w.start + w.head;
        match (b.get(pos), ws.first()) {
            (Some(&x), Some(n)) if n.start == pos + 1 && n.head > 0 && x < 0x80 => {
                has_bit(&self.pairs, pair_key(w.hash, sep_hash(x, n.hash)))
            }
            _ => true,
        }
    }

    /// The whole-word match starting at word `w` of `text`, if any (`ws`:
    /// the words after it).
    #[inline(always)]
    fn at_word(&self, text: &str, w: &Word, ws: &[Word]) -> Option<Hit> {
        let b = text.as_bytes();
        let i = w.start;
        let (len, h) = if w.head > 0 {
            (w.head, w.hash)
        } else if b.get(i).is_some_and(|&c| self.first[usize::from(c)]) {
            let len = segment(b, i);
            (len, seg_hash(b, i, len))
        } else {
            return None;
        };
        let (end, entry) = self.longest(b, i, len, h, ws)?;
        is_word_boundary(text, i, end).then_some(Hit {
            start: i,
            end,
            entry,
        })
    }
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
#[inline]
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    // (ASCII bytes on both sides of both ends, the common case: no decoding)
    if let (Some(&p), Some(&f), Some(&l)) = (
        start.checked_sub(1).map_or(Some(&b' '), |p| b.get(p)),
        b.get(start),
        end.checked_sub(1).and_then(|l| b.get(l)),
    ) {
        let a = b.get(end).copied().unwrap_or(b' ');
        if (p | f | l | a) < 0x80 && start < end {
            let glued = |x: u8, y: u8| is_word_byte(x) && is_word_byte(y);
            return !glued(p, f) && !glued(a, l);
        }
    }
    boundary_chars(text, start, end)
}

/// [`is_word_boundary`] by characters (a non-ASCII character at an end).
#[inline(never)]
fn boundary_chars(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| alphanumeric(c) || c == '_');
    // A phrase that itself starts/ends with a non-word char needs no boundary there.
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    (!glued(before) || !glued(first)) && (!glued(after) || !glued(last))
}

/// A list with a phrase matcher (see [`Gazetteers::find_lists`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// [`Gazetteers::title_matcher`].
    Titles,
    /// [`Gazetteers::people_matcher`].
    People,
    /// [`Gazetteers::org_matcher`].
    Orgs,
    /// [`Gazetteers::offense_matcher`].
    Offenses,
}

/// Each list's whole-word matches in one document ([`Gazetteers::list_hits`]).
#[derive(Debug, Clone, Default)]
pub struct ListHits {
    /// Titles and honorifics.
    pub titles: Vec<Hit>,
    /// Known organizations.
    pub orgs: Vec<Hit>,
    /// Known people.
    pub people: Vec<Hit>,
    /// Offense phrases.
    pub offenses: Vec<Hit>,
}

/// All lists, parsed and compiled.
#[derive(Debug, Clone)]
pub struct Gazetteers {
    /// Known people (one row per term).
    pub people: Vec<PersonEntry>,
    /// (hash of the id, row) of every row of `people`, sorted: the rows of
    /// one id in list order among those of its hash (see [`Gazetteers::terms_of`]).
    people_by_id: Vec<(u64, usize)>,
    /// Known organizations.
    pub orgs: Vec<OrgEntry>,
    /// Offense lexicon.
    pub offenses: Vec<OffenseEntry>,
    /// Every offense phrase and alias in ASCII lower case.
    pub offense_lower: FxHashSet<Box<[u8]>>,
    /// Titles and honorifics.
    pub titles: Vec<TitleEntry>,
    /// First name -> count (the list's `female_share` column is not read).
    pub first_names: FxHashMap<&'static str, u32>,
    /// Surname -> count.
    pub surnames: FxHashMap<&'static str, u32>,
    /// Place name -> kind.
    pub places: FxHashMap<&'static str, &'static str>,
    /// Capitalized words that are never names.
    pub not_names: FxHashSet<&'static str>,
    /// Matcher over people names and aliases.
    pub people_matcher: Matcher,
    /// Matcher over organization names and aliases.
    pub org_matcher: Matcher,
    /// Matcher over offense phrases and aliases.
    pub offense_matcher: Matcher,
    /// Matcher over titles.
    pub title_matcher: Matcher,
    /// Per set of lists (bit `l as usize` for list `l`): which of them a
    /// word may start a phrase of, by its head's key (see [`Starts`]),
    /// made when first asked for by [`Gazetteers::find_lists`].
    starts: [OnceLock<Starts>; 16],
    /// A fingerprint of all list contents (for incremental runs).
    pub fingerprint: u64,
    /// First names, never-name words and place names in one table, each
    /// with its [`name_word`] bits (one probe answers the three lists).
    pub name_words: NameWords,
}

impl Gazetteers {
    /// The built-in lists only.
    pub fn builtin() -> Result<Gazetteers> {
        Self::load(None)
    }

    /// Built-in lists plus every `*.tsv` in `extra` (if given).
    pub fn load(extra: Option<&Path>) -> Result<Gazetteers> {
        // The lists parse independently: in parallel (the surnames take longest).
        let mut tables: Vec<(String, Table)> = BUILTIN
            .par_iter()
            .map(|(file, text)| {
                Ok((
                    kind_of(file).unwrap_or("").to_string(),
                    Table::parse(file, text)?,
                ))
            })
            .collect::<Result<_>>()?;
        if let Some(dir) = extra {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| Error::io(dir, e))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect();
            files.sort();
            for p in files {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let Some(kind) = kind_of(&name) else {
                    return Err(Error::Gazetteer {
                        file: name,
                        line: 0,
                        msg: format!("file name must start with one of: {}", KINDS.join(", ")),
                    });
                };
                let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
                // Lists live for the whole process; keeping the text lets every
                // cell borrow it instead of being copied.
                let text: &'static str = Box::leak(text.into_boxed_str());
                tables.push((kind.to_string(), Table::parse(&name, text)?));
            }
        }
        Self::from_tables(tables)
    }

    fn from_tables(tables: Vec<(String, Table)>) -> Result<Gazetteers> {
        let mut hasher = Fnv::default();
        let mut people: Vec<PersonEntry> = Vec::new();
        let mut orgs: Vec<OrgEntry> = Vec::new();
        let mut offenses: Vec<OffenseEntry> = Vec::new();
        let mut titles = Vec::new();
        let mut first_names = FxHashMap::default();
        let mut surnames = FxHashMap::default();
        let mut places = FxHashMap::default();
        let mut not_names = FxHashSet::default();
        let mut cases: HashMap<&'static str, Case> = HashMap::new();
        // How many people / orgs / offenses rows came from the built-in lists.
        let mut builtin_len = (0usize, 0usize, 0usize);
        for (n, (kind, t)) in tables.iter().enumerate() {
            // Rows of the built-in lists never override each other.
            let builtin_done = n >= BUILTIN.len();
            hasher.write(t.file.as_bytes());
            hasher.write(&t.hash.to_le_bytes());
            let _ = &cases;
            let get = |r: &[&'static str], name: &str| -> String {
                t.col(name).map(|i| r[i].to_string()).unwrap_or_default()
            };
            let cell = |r: &[&'static str], name: &str| -> &'static str {
                t.col(name).map_or("", |i| r[i])
            };
            let need = |cols: &[&str]| -> Result<()> {
                for c in cols {
                    if t.col(c).is_none() {
                        return Err(Error::Gazetteer {
                            file: t.file.clone(),
                            line: 1,
                            msg: format!("missing column {c:?}"),
                        });
                    }
                }
                Ok(())
            };
            match kind.as_str() {
                "people" => {
                    need(&["id", "name"])?;
                    cases.entry("people").or_insert(t.case);
                    for r in t.rows() {
                        let e = PersonEntry {
                            id: get(r, "id"),
                            name: get(r, "name"),
                            aliases: split_multi(&get(r, "aliases")),
                            role: get(r, "role"),
                            jurisdiction: get(r, "jurisdiction"),
                            start: get(r, "start"),
                            end: get(r, "end"),
                        };
                        if !builtin_done {
                            builtin_len.0 = people.len() + 1;
                        }
                        people.push(e);
                    }
                }
                "organizations" => {
                    need(&["id", "name"])?;
                    cases.entry("organizations").or_insert(t.case);
                    for r in t.rows() {
                        let e = OrgEntry {
                            id: get(r, "id"),
                            name: get(r, "name"),
                            aliases: split_multi(&get(r, "aliases")),
                            kind: get(r, "kind"),
                        };
                        if !builtin_done {
                            builtin_len.1 = orgs.len() + 1;
                        }
                        orgs.push(e);
                    }
                }
                "offenses" => {
                    need(&["phrase", "category"])?;
                    cases.entry("offenses").or_insert(t.case);
                    for r in t.rows() {
                        let e = OffenseEntry {
                            id: get(r, "id"),
                            phrase: get(r, "phrase"),
                            category: get(r, "category"),
                            statute: get(r, "statute"),
                            aliases: split_multi(&get(r, "aliases")),
                        };
                        if !builtin_done {
                            builtin_len.2 = offenses.len() + 1;
                        }
                        offenses.push(e);
                    }
                }
                "titles" => {
                    need(&["title"])?;
                    cases.entry("titles").or_insert(t.case);
                    for r in t.rows() {
                        titles.push(TitleEntry {
                            title: get(r, "title"),
                            kind: get(r, "kind"),
                            role: get(r, "role"),
                        });
                    }
                }
                "first_names" => {
                    need(&["name"])?;
                    let (n, c) = (t.col("name"), t.col("count"));
                    first_names.reserve(t.rows().len());
                    for r in t.rows() {
                        let at = |i: Option<usize>| i.map_or("", |i| r[i]);
                        first_names.insert(at(n), at(c).parse().unwrap_or(1));
                    }
                }
                "surnames" => {
                    need(&["name"])?;
                    let (n, c) = (t.col("name"), t.col("count"));
                    surnames.reserve(t.rows().len());
                    for r in t.rows() {
                        let at = |i: Option<usize>| i.map_or("", |i| r[i]);
                        surnames.insert(at(n), at(c).parse().unwrap_or(1));
                    }
                }
                "places" => {
                    need(&["name"])?;
                    for r in t.rows() {
                        places.insert(cell(r, "name"), cell(r, "kind"));
                    }
                }
                "not_names" => {
                    need(&["word"])?;
                    for r in t.rows() {
                        not_names.insert(cell(r, "word"));
                    }
                }
                _ => {}
            }
        }
        // A row of an added list replaces every built-in row of the same id
        // (people have one row per term, so all of a person's terms go).
        override_ids(&mut people, builtin_len.0, |p| &p.id);
        override_ids(&mut orgs, builtin_len.1, |o| &o.id);
        override_ids(&mut offenses, builtin_len.2, |o| &o.id);
        let case = |k: &str| cases.get(k).copied().unwrap_or(Case::Exact);
        let people_forms = forms(people.iter().map(|p| (&p.name, &p.aliases)));
        let org_forms = forms(orgs.iter().map(|o| (&o.name, &o.aliases)));
        let offense_forms = forms(offenses.iter().map(|o| (&o.phrase, &o.aliases)));
        let title_forms: Vec<(String, usize)> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| (t.title.clone(), i))
            .collect();
        let (pc, oc, fc, tc) = (
            case("people"),
            case("organizations"),
            case("offenses"),
            case("titles"),
        );
        // The matchers are independent: build them on both cores.
        let ((people_matcher, org_matcher), (offense_matcher, title_matcher)) = rayon::join(
            || {
                rayon::join(
                    || Matcher::new(people_forms, pc),
                    || Matcher::new(org_forms, oc),
                )
            },
            || {
                rayon::join(
                    || Matcher::new(offense_forms, fc),
                    || Matcher::new(title_forms, tc),
                )
            },
        );
        let (people_matcher, org_matcher) = (people_matcher?, org_matcher?);
        let (offense_matcher, title_matcher) = (offense_matcher?, title_matcher?);
        let mut people_by_id: Vec<(u64, usize)> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (rustc_hash::FxBuildHasher.hash_one(p.id.as_str()), i))
            .collect();
        people_by_id.sort_unstable();
        let offense_lower = offenses
            .iter()
            .flat_map(|o| std::iter::once(&o.phrase).chain(&o.aliases))
            .map(|f| f.to_ascii_lowercase().into_bytes().into_boxed_slice())
            .collect();
        let name_words = NameWords::new(&first_names, &not_names, &places);
        Ok(Gazetteers {
            starts: Default::default(),
            name_words,
            people,
            orgs,
            offenses,
            offense_lower,
            people_by_id,
            titles,
            first_names,
            surnames,
            places,
            not_names,
            people_matcher,
            org_matcher,
            offense_matcher,
            title_matcher,
            fingerprint: hasher.0,
        })
    }

    /// The matcher of list `l`.
    pub fn matcher(&self, l: List) -> &Matcher {
        match l {
            List::Titles => &self.title_matcher,
            List::People => &self.people_matcher,
            List::Orgs => &self.org_matcher,
            List::Offenses => &self.offense_matcher,
        }
    }

    /// The whole-word matches of each list of `lists` in `text` (its word
    /// starts `words`), in one pass over the words: for each list, what its
    /// [`Matcher::find_words`] finds. Most words are turned away by one bit
    /// test for all the lists at once.
    pub fn find_lists<const N: usize>(
        &self,
        text: &str,
        words: &[Word],
        lists: [List; N],
    ) -> [Vec<Hit>; N] {
        const ALL: [List; 4] = [List::Titles, List::People, List::Orgs, List::Offenses];
        let set = lists.iter().fold(0, |a, &l| a | 1 << l as usize);
        // Each list of the set by its number (`l as usize`); an empty
        // matcher finds nothing, as its find_words.
        let ms = ALL.map(|l| {
            Some(self.matcher(l)).filter(|m| set & 1 << l as usize != 0 && m.nodes.len() > 1)
        });
        // (`set` has four bits: one of the sixteen tables)
        let starts = self.starts[set & 15].get_or_init(|| {
            Starts::new(ALL.into_iter().zip(ms).filter_map(|(l, m)| Some((l, m?))))
        });
        let slots: &[u8; STARTS_MAX] = &starts.slots;
        // Room for a hit per 32 words of each list asked for (news has
        // about one per 80): most documents never grow them.
        let mut found: [Vec<Hit>; 4] = std::array::from_fn(|l| {
            if ms.get(l).is_some_and(Option::is_some) {
                Vec::with_capacity(words.len() / 32 + 4)
            } else {
                Vec::new()
            }
        });
        let mut next = [0usize; 4];
        let mut it = words.iter();
        // Most words start no phrase of any list: a tight loop skips them
        // (one load each, no bounds check).
        while let Some(w) = it.find(|w| slots[Starts::slot(w)] != 0) {
            let rest = it.as_slice();
            // The lists whose bit is set, one after the other.
            let mut left = slots[Starts::slot(w)];
            while left != 0 {
                let l = left.trailing_zeros() as usize & 3;
                left &= left - 1;
                let (Some(m), Some(n), Some(hits)) = (ms[l], next.get_mut(l), found.get_mut(l))
                else {
                    continue;
                };
                if w.start < *n
                    || starts.exact & 1 << l == 0 && !m.may_start(w)
                    || !m.may_match(text.as_bytes(), w, rest)
                {
                    continue;
                }
                if let Some(hit) = m.at_word(text, w, rest) {
                    *n = hit.end;
                    hits.push(hit);
                }
            }
        }
        // (a list asked for twice gets its hits twice: the last time moved)
        std::array::from_fn(|k| {
            let l = lists.get(k).map_or(0, |&l| l as usize & 3);
            if lists.iter().skip(k + 1).any(|&o| o as usize == l) {
                found[l].clone()
            } else {
                std::mem::take(&mut found[l])
            }
        })
    }

    /// The whole-word matches of all four lists in a document (`text`, its
    /// word starts `words`), in one pass over its words: the people and
    /// organization recognizers and the charge reader share them.
    pub fn list_hits(&self, text: &str, words: &[Word]) -> ListHits {
        let [titles, orgs, people, offenses] = self.find_lists(
            text,
            words,
            [List::Titles, List::Orgs, List::People, List::Offenses],
        );
        ListHits {
            titles,
            orgs,
            people,
            offenses,
        }
    }

    /// Every row (term) of the known person with this id, in list order.
    pub fn terms_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a PersonEntry> + 'a {
        let h = rustc_hash::FxBuildHasher.hash_one(id);
        let from = self.people_by_id.partition_point(|r| r.0 < h);
        self.people_by_id[from..]
            .iter()
            .take_while(move |r| r.0 == h)
            .filter_map(|&(_, i)| self.people.get(i))
            .filter(move |p| p.id == id)
    }

    /// The people holding `role` in `jurisdiction` on `date` (ISO), by term dates.
    pub fn office_holders(&self, role: &str, jurisdiction: &str, date: &str) -> Vec<&PersonEntry> {
        self.people
            .iter()
            .filter(|p| {
                p.role == role
                    && (jurisdiction.is_empty() || p.jurisdiction == jurisdiction)
                    && p.start.as_str() <= date
                    && (p.end.is_empty() || date < p.end.as_str())
            })
            .collect()
    }
}

// ---- Name words (for the entities recognizers) ----

/// Bits of a [`Gazetteers::name_words`] entry.
pub mod name_word {
    /// In the first names.
    pub const FIRST: u8 = 1;
    /// In the first names with a count of 20,000 or more.
    pub const COMMON_FIRST: u8 = 2;
    /// In the never-name words.
    pub const NOT_NAME: u8 = 4;
    /// In the place names.
    pub const PLACE: u8 = 8;
    /// The first word (up to the first space) of a place name of more
    /// than one word.
    pub const PLACE_HEAD: u8 = 16;
}

/// Words with a byte of [`name_word`] bits each: an open-addressing table
/// with a cheap hash of the word's length and first and last bytes (quick
/// to build at load and to probe per token).
#[derive(Debug, Clone)]
pub struct NameWords {
    /// Slots: entry index + 1, or 0 when empty (a power of two long, at
    /// most half full).
    slots: Vec<u32>,
    /// The words.
    entries: Vec<NameEntry>,
}

/// One word of [`NameWords`].
#[derive(Debug, Clone, Copy)]
struct NameEntry {
    word: &'static str,
    /// Its hash.
    hash: u64,
    bits: u8,
}

impl NameWords {
    /// The table of these lists.
    fn new(
        first_names: &FxHashMap<&'static str, u32>,
        not_names: &FxHashSet<&'static str>,
        places: &FxHashMap<&'static str, &'static str>,
    ) -> NameWords {
        // (a place name may add its first word too)
        let n = first_names.len() + not_names.len() + 2 * places.len();
        // The first names are distinct words, and first in: their entries
        // in one go, then their slots with no byte comparisons.
        let mut entries = Vec::with_capacity(n);
        entries.extend(first_names.iter().map(|(&w, &count)| {
            let common = if count >= 20_000 {
                name_word::COMMON_FIRST
            } else {
                0
            };
            NameEntry {
                word: w,
                hash: crate::text::words::word_hash(w.as_bytes()),
                bits: name_word::FIRST | common,
            }
        }));
        let mut slots = vec![0u32; (2 * n).next_power_of_two().max(16)];
        let mask = slots.len() - 1;
        for (e, x) in entries.iter().enumerate() {
            let mut i = (x.hash >> 32) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = e as u32 + 1;
        }
        let mut t = NameWords { slots, entries };
        for &w in not_names {
            t.add(w, name_word::NOT_NAME);
        }
        for &w in places.keys() {
            t.add(w, name_word::PLACE);
            if let Some((head, _)) = w.split_once(' ') {
                t.add(head, name_word::PLACE_HEAD);
            }
        }
        t
    }

    /// The slot of `w` (hash `h`): the one holding it, or the empty one
    /// where it would go.
    #[inline(always)]
    fn slot(&self, w: &str, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (h >> 32) as usize & mask;
        loop {
            let e = self.slots[i] as usize;
            match e.checked_sub(1).and_then(|e| self.entries.get(e)) {
                Some(x) if x.hash != h || x.word != w => i = (i + 1) & mask,
                _ => return i,
            }
        }
    }

    /// Add `bits` to those of `w`.
    fn add(&mut self, w: &'static str, bits: u8) {
        let h = crate::text::words::word_hash(w.as_bytes());
        let i = self.slot(w, h);
        match (self.slots[i] as usize).checked_sub(1) {
            Some(e) => self.entries[e].bits |= bits,
            None => {
                self.entries.push(NameEntry {
                    word: w,
                    hash: h,
                    bits,
                });
                self.slots[i] = self.entries.len() as u32;
            }
        }
    }

    /// The bits of `w` (0 when in none of the lists).
    #[inline(always)]
    pub fn get(&self, w: &str) -> u8 {
        let e = self.slots[self.slot(w, crate::text::words::word_hash(w.as_bytes()))] as usize;
        e.checked_sub(1)
            .and_then(|e| self.entries.get(e))
            .map_or(0, |x| x.bits)
    }
}

/// The number of slots of a [`Starts`] table (one byte each).
const STARTS_MAX: usize = 1 << 16;

/// Which of a set of lists a word may start a phrase of, in one load per
/// word: a slot per value of the low 16 bits of the word's [`head_key`]
/// ([`STARTS_MAX`] of them, a fixed number: the word loop indexes them
/// with no bounds check), with bit `l as usize` set when the root bitmap
/// of list `l` has the key's bit set. A root bitmap of more bits than
/// there are slots is folded onto them (a slot's bit is set when any of
/// that bitmap's bits it stands for is), so the slot's bit only says the
/// key's bit may be set: `exact` tells which lists' bits say it for certain.
#[derive(Debug, Clone)]
struct Starts {
    /// The slots (all 0 for no lists).
    slots: Box<[u8; STARTS_MAX]>,
    /// The bits (`1 << l as usize`) of the lists whose root bitmap has no
    /// more bits than there are slots.
    exact: u8,
}

impl Starts {
    /// The slot of word `w`.
    #[inline(always)]
    fn slot(w: &Word) -> usize {
        w.key as usize % STARTS_MAX
    }

    /// The table of lists `ms` (each with its matcher).
    fn new<'a>(ms: impl Iterator<Item = (List, &'a Matcher)>) -> Starts {
        let n = STARTS_MAX;
        let mut slots = Box::new([0u8; STARTS_MAX]);
        let mut exact = 0;
        for (l, m) in ms {
            let bit = 1u8 << l as usize;
            // (a power of two, as `n`)
            let size = m.roots.len() * 64;
            if size <= n {
                exact |= bit;
            }
            for (i, &w) in m.roots.iter().enumerate() {
                let mut w = w;
                while w != 0 {
                    let j = i * 64 + w.trailing_zeros() as usize;
                    w &= w - 1;
                    if size <= n {
                        // A key's slot falls on its bit here whatever its
                        // higher bits: every slot that agrees with `j` on
                        // the bitmap's bits.
                        for s in slots.iter_mut().skip(j).step_by(size) {
                            *s |= bit;
                        }
                    } else if let Some(s) = slots.get_mut(j & (n - 1)) {
                        *s |= bit;
                    }
                }
            }
        }
        Starts { slots, exact }
    }
}

/// The (form, entry) pairs of a list: each entry's name, then its aliases.
fn forms<'a>(rows: impl Iterator<Item = (&'a String, &'a Vec<String>)>) -> Vec<(String, usize)> {
    rows.enumerate()
        .flat_map(|(i, (name, aliases))| {
            std::iter::once((name.clone(), i)).chain(aliases.iter().map(move |a| (a.clone(), i)))
        })
        .collect()
}

/// Drop the first `builtin` rows whose id some later row also has.
fn override_ids<T>(rows: &mut Vec<T>, builtin: usize, id: impl Fn(&T) -> &String) {
    if builtin >= rows.len() {
        return;
    }
    let added: FxHashSet<String> = rows[builtin..]
        .iter()
        .map(|r| id(r).clone())
        .filter(|i| !i.is_empty())
        .collect();
    if added.is_empty() {
        return;
    }
    let mut i = 0;
    rows.retain(|r| {
        i += 1;
        i > builtin || !added.contains(id(r))
    });
}

fn kind_of(file: &str) -> Option<&'static str> {
    KINDS.iter().copied().find(|k| file.starts_with(k))
}

/// FNV-1a, for a stable fingerprint (std's hasher is not stable across releases).
#[derive(Debug)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Feed bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directive_header_and_multi_cells() {
        let t = Table::parse(
            "organizations.tsv",
            "#! case = fold\n# comment\nid\tname\taliases\tkind\nfed:fbi\tFederal Bureau of Investigation\tFBI; the Bureau\tlaw_enforcement\n",
        )
        .unwrap();
        assert_eq!(t.case, Case::Fold);
        assert_eq!(t.rows().len(), 1);
        assert_eq!(
            split_multi(t.rows().next().unwrap()[2]),
            vec!["FBI", "the Bureau"]
        );
    }

    #[test]
    fn rejects_too_many_cells() {
        let e = Table::parse("x.tsv", "a\tb\n1\t2\t3\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn whole_words_only() {
        let m = Matcher::new(vec![("ICE".into(), 0)], Case::Exact).unwrap();
        assert_eq!(m.find("ICE agents").len(), 1);
        assert!(m.find("DICE and ICED").is_empty());
        let m = Matcher::new(vec![("wire fraud".into(), 0)], Case::Fold).unwrap();
        assert_eq!(m.find("Wire Fraud, and wire fraudster").len(), 1);
    }

    /// [`Matcher::find_words`] without the word starts' help: every
    /// segment after the first is cut and hashed from the bytes.
    fn find_slow(m: &Matcher, text: &str) -> Vec<Hit> {
        let b = text.as_bytes();
        let mut out: Vec<Hit> = Vec::new();
        for w in word_starts(text) {
            if out.last().is_some_and(|h| w.start < h.end) || !m.first[usize::from(b[w.start])] {
                continue;
            }
            let len = segment(b, w.start);
            let found = m.longest(b, w.start, len, seg_hash(b, w.start, len), &[]);
            if let Some((end, entry)) = found {
                if is_word_boundary(text, w.start, end) {
                    out.push(Hit {
                        start: w.start,
                        end,
                        entry,
                    });
                }
            }
        }
        out
    }

    /// The slow answer of [`is_word_boundary`] (no ASCII fast path).
    fn boundary_slow(text: &str, start: usize, end: usize) -> bool {
        let glued = |c: Option<char>| c.is_some_and(|c| alphanumeric(c) || c == '_');
        let (before, after) = (
            text[..start].chars().next_back(),
            text[end..].chars().next(),
        );
        let (first, last) = (
            text[start..end].chars().next(),
            text[start..end].chars().next_back(),
        );
        (!glued(before) || !glued(first)) && (!glued(after) || !glued(last))
    }

    #[test]
    fn walks_with_word_starts_agree_with_plain_walks() {
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let mut texts = crate::corpus_texts();
        // Every list's phrases run together with varied separators, and
        // glued to letters, digits, `_` and accented letters.
        let mut lists = String::new();
        for (k, o) in gaz.orgs.iter().enumerate() {
            let sep = [
                " ",
                ", ",
                "_",
                "é ",
                "-",
                "\u{2019}s ",
                "x",
                ".",
                " (",
                "3 ",
            ][k % 10];
            lists.push_str(&o.name);
            lists.push_str(sep);
            for a in &o.aliases {
                lists.push_str(a);
                lists.push_str(sep);
            }
        }
        for (k, p) in gaz.people.iter().enumerate() {
            lists.push_str(&p.name);
            lists.push_str([" said ", "'s ", "\u{2019}", "_x ", " ", "Ann "][k % 6]);
        }
        for (k, o) in gaz.offenses.iter().enumerate() {
            lists.push_str(&o.phrase.to_uppercase());
            lists.push_str([" and ", "s ", "; ", "-"][k % 4]);
        }
        for t in &gaz.titles {
            lists.push_str(&t.title);
            lists.push_str(" Smith ");
        }
        texts.push(lists);
        assert!(texts.len() > 5, "corpus texts");
        for text in &texts {
            let words = word_starts(text);
            let all = [List::Titles, List::People, List::Orgs, List::Offenses];
            let found = gaz.find_lists(text, &words, all);
            for (l, found) in all.into_iter().zip(&found) {
                let m = gaz.matcher(l);
                let want = find_slow(m, text);
                assert_eq!(m.find_words(text, &words), want);
                assert_eq!(found, &want);
            }
            let [orgs, titles] = gaz.find_lists(text, &words, [List::Orgs, List::Titles]);
            assert_eq!((&titles, &orgs), (&found[0], &found[2]));
            let [p1, offenses, p2] =
                gaz.find_lists(text, &words, [List::People, List::Offenses, List::People]);
            assert_eq!((&p1, &offenses, &p2), (&found[1], &found[3], &found[1]));
            let b = text.as_bytes();
            for pos in (0..=b.len()).filter(|&p| text.is_char_boundary(p)) {
                let len = segment(b, pos);
                assert_eq!(seg_at(b, pos), (len, seg_hash(b, pos, len)));
            }
            for w in words.iter().step_by(3) {
                for end in [w.start + w.head, w.start + 1, text.len()] {
                    if text.is_char_boundary(end) && w.start < end {
                        assert_eq!(
                            is_word_boundary(text, w.start, end),
                            boundary_slow(text, w.start, end)
                        );
                    }
                }
            }
        }
    }

    /// [`inside_may_change`] says false only when [`Matcher::inside`]
    /// leaves `best` as it is; [`Matcher::same_long`] answers as a byte
    /// comparison (ASCII case-insensitive for a folded list).
    #[test]
    fn inside_pre_check_and_long_segments_agree_with_plain_code() {
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let mut text = crate::corpus_texts().concat();
        for o in &gaz.orgs {
            text.push_str(&o.name.to_uppercase());
            text.push_str(" Inc.com ");
        }
        let b = text.as_bytes();
        let positions: Vec<usize> = (0..b.len())
            .filter(|&p| b[p] < 0x80 && segment(b, p) >= 2)
            .step_by(7)
            .collect();
        let all = [List::Titles, List::People, List::Orgs, List::Offenses];
        let mut checked = 0;
        for m in all.map(|l| gaz.matcher(l)) {
            for (id, n) in m.nodes.iter().enumerate().filter(|(_, n)| n.runs != 0) {
                for &pos in positions.iter().skip(id % 13).step_by(13) {
                    let len = segment(b, pos);
                    for start in [None, Some((pos, 0))] {
                        let mut best = start;
                        m.inside(id as u32, n.runs, b, pos, len, &mut best);
                        if !inside_may_change(n.runs, b, pos, len, start.is_some()) {
                            assert_eq!(best, start, "{:?}", &text[pos..pos + len]);
                            checked += 1;
                        }
                    }
                }
            }
            for n in m.nodes.iter().filter(|n| n.len > 8) {
                let len = n.len as usize;
                let seg = &m.arena[n.off as usize..][..len];
                let mut variants = vec![seg.to_vec(), seg.to_ascii_uppercase()];
                for k in [0, len / 2, len - 1] {
                    let mut v = seg.to_vec();
                    v[k] ^= 1;
                    variants.push(v);
                }
                for v in variants {
                    let t = [b"x ".as_slice(), &v, b" y"].concat();
                    let want = if m.fold {
                        v.eq_ignore_ascii_case(seg)
                    } else {
                        v == seg
                    };
                    assert_eq!(m.same_long(n, &t, 2, len), want);
                    assert!(!m.same_long(n, &t, 2 + len - 2, len));
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn segment_trie_finds_longest_whole_words() {
        let forms = [
            "U.S. Attorney's Office",
            "U.S. Attorney",
            "Ann",
            "Ann Lee",
            "Núñez",
        ];
        let m = Matcher::new(
            forms
                .iter()
                .enumerate()
                .map(|(i, f)| (f.to_string(), i))
                .collect(),
            Case::Exact,
        )
        .unwrap();
        let text =
            "The U.S. Attorney\u{2019}s Office thanked Ann and Ann Lee, not Annette or Núñez.";
        let got: Vec<(&str, usize)> = m
            .find(text)
            .iter()
            .map(|h| (&text[h.start..h.end], h.entry))
            .collect();
        assert_eq!(
            got,
            vec![
                ("U.S. Attorney\u{2019}s Office", 0),
                ("Ann", 2),
                ("Ann Lee", 3),
                ("Núñez", 4)
            ]
        );
    }

    #[test]
    fn office_holder_by_date() {
        let t = Table::parse(
            "people.tsv",
            "id\tname\taliases\trole\tjurisdiction\tstart\tend\na\tAnn A\t\tgovernor\tTX\t2000-01-01\t2010-01-01\nb\tBob B\t\tgovernor\tTX\t2010-01-01\t\n",
        )
        .unwrap();
        let g = Gazetteers::from_tables(vec![("people".into(), t)]).unwrap();
        assert_eq!(
            g.office_holders("governor", "TX", "2005-06-01")[0].name,
            "Ann A"
        );
        assert_eq!(
            g.office_holders("governor", "TX", "2020-06-01")[0].name,
            "Bob B"
        );
    }
}

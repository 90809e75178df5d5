//! Gazetteers: the editable lists in `gazetteers/`, loaded once and compiled
//! into sorted phrase tables shared by all threads (see [`Matcher`]).
//!
//! Format (see `gazetteers/README.md`): UTF-8 TSV, one header row, `#`
//! comment lines, an optional `#! case = exact|fold` directive at the top,
//! `;` between the values of a multi-valued cell. The built-in lists are
//! embedded in the binary; `--gazetteers DIR` adds files whose name starts
//! with a list's name (`people-local.tsv` adds to `people`), and a row whose
//! id equals a built-in row's id replaces it.

use crate::error::{Error, Result};
use crate::text::words::{ends_head, head_hash, word_starts, Word, HEAD_MAX};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::Path;

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
/// begin a phrase, and takes the longest phrase there. The phrases sit in
/// one sorted table (lower-cased for a case-folded list); the longest one
/// is found by narrowing the table's range byte by byte. Nothing else is
/// built, so even 100,000 names load in milliseconds.
///
/// Most candidates are plain ASCII words that begin no phrase at all. The
/// table's *heads* (each phrase up to its first ASCII byte that is not a
/// letter, digit or `_`) go into a hash map with the range of phrases
/// sharing them: one lookup of the text's head rejects such a word, and
/// otherwise jumps past the head in one step. A text head holding non-ASCII
/// bytes takes the byte-by-byte path from the start.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The phrases, sorted by bytes (ASCII-lower-cased when folded); see [`Rec`].
    sorted: Vec<Rec>,
    /// The phrases' bytes, one after the other in `sorted` order.
    arena: Vec<u8>,
    /// `sorted[by_first[b]..by_first[b + 1]]` are the phrases starting with byte `b`.
    by_first: Vec<u32>,
    /// ASCII head -> `sorted` range of the phrases starting with it.
    heads: HeadTable,
    /// Compare ASCII letters case-insensitively.
    fold: bool,
    /// Bytes a phrase can start with.
    first: Box<[bool; 256]>,
}

/// The heads of a [`Matcher`]'s phrases: open addressing over their hashes,
/// with a bitmap in front that turns most misses away after one load.
#[derive(Debug, Clone, Default)]
struct HeadTable {
    /// One bit per value of a hash's top 16 bits.
    bits: Vec<u64>,
    /// (hash, head length, range start, range end); an empty slot has end 0.
    slots: Vec<(u64, u32, u32, u32)>,
}

impl HeadTable {
    /// Table over `heads`: (hash, length, range) of each distinct head.
    fn new(heads: &[(u64, u32, u32, u32)]) -> HeadTable {
        let size = (heads.len() * 4).next_power_of_two().max(16);
        let mut t = HeadTable {
            bits: vec![0; 1 << 10],
            slots: vec![(0, 0, 0, 0); size],
        };
        for &slot in heads {
            let (h, ..) = slot;
            t.bits[(h >> 54) as usize] |= 1 << ((h >> 48) & 63);
            let mut k = h as usize & (size - 1);
            while t.slots[k].3 != 0 {
                k = (k + 1) & (size - 1);
            }
            t.slots[k] = slot;
        }
        t
    }

    /// False when no head hashes to `h` (one bit test).
    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        self.bits
            .get((h >> 54) as usize)
            .is_some_and(|w| w & (1 << ((h >> 48) & 63)) != 0)
    }

    /// Candidate ranges for a head of `len` bytes hashing to `h`; the caller
    /// checks the bytes.
    fn probe(&self, h: u64, len: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let present = self.may_hold(h);
        let mask = self.slots.len().wrapping_sub(1);
        let mut k = if present {
            h as usize & mask
        } else {
            usize::MAX
        };
        std::iter::from_fn(move || loop {
            let &(sh, sl, lo, hi) = self.slots.get(k)?;
            if hi == 0 {
                return None;
            }
            k = (k + 1) & mask;
            if sh == h && sl as usize == len {
                return Some((lo as usize, hi as usize));
            }
        })
    }
}

/// Bytes of a phrase kept in its [`Rec`]: the byte-by-byte narrowing over
/// a large range (the thousands of organization names starting `The`)
/// reads them without leaving the table.
const PRE: usize = 12;

/// One phrase of a [`Matcher`]'s table.
#[derive(Debug, Clone, Copy)]
struct Rec {
    /// Its first [`PRE`] bytes (zero-padded).
    pre: [u8; PRE],
    /// Where its bytes start in the arena.
    off: u32,
    /// Its length in bytes.
    len: u32,
    /// Its entry.
    entry: u32,
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
        let mut phrases: Vec<(Box<str>, usize)> = Vec::with_capacity(forms.len());
        for (f, e) in forms {
            // Lists write the straight apostrophe; news often has the curly one.
            let curly = f.contains('\'').then(|| f.replace('\'', "\u{2019}"));
            for f in std::iter::once(f).chain(curly) {
                let key = if fold { f.to_ascii_lowercase() } else { f };
                if key.chars().next().is_some_and(char::is_alphanumeric) {
                    phrases.push((key.into_boxed_str(), e));
                }
            }
        }
        // A stable sort keeps equal phrases in list order: the first stays.
        phrases.sort_by(|x, y| x.0.as_bytes().cmp(y.0.as_bytes()));
        phrases.dedup_by(|later, earlier| later.0 == earlier.0);
        let mut first = Box::new([false; 256]);
        for p in &phrases {
            let b = p.0.as_bytes()[0];
            first[usize::from(b)] = true;
            if fold {
                first[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        let by_first = (0..=256u32)
            .map(|b| phrases.partition_point(|p| u32::from(p.0.as_bytes()[0]) < b) as u32)
            .collect();
        let mut seen_heads: FxHashSet<&[u8]> = FxHashSet::default();
        let mut heads = Vec::new();
        for (p, _) in &phrases {
            let p = p.as_bytes();
            let h = p.iter().position(|&c| ends_head(c)).unwrap_or(p.len());
            let head = &p[..h];
            if h > HEAD_MAX || !head.is_ascii() || !seen_heads.insert(head) {
                continue;
            }
            let lo = phrases.partition_point(|q| q.0.as_bytes() < head);
            let n = phrases[lo..].partition_point(|q| q.0.as_bytes().starts_with(head));
            heads.push((head_hash(head), h as u32, lo as u32, (lo + n) as u32));
        }
        let heads = HeadTable::new(&heads);
        let mut arena = Vec::with_capacity(phrases.iter().map(|p| p.0.len()).sum());
        let mut sorted = Vec::with_capacity(phrases.len());
        for (p, e) in &phrases {
            let p = p.as_bytes();
            let mut pre = [0; PRE];
            let n = p.len().min(PRE);
            pre[..n].copy_from_slice(&p[..n]);
            let rec =
                |x: usize| u32::try_from(x).map_err(|_| Error::Other("list too large".into()));
            sorted.push(Rec {
                pre,
                off: rec(arena.len())?,
                len: rec(p.len())?,
                entry: rec(*e)?,
            });
            arena.extend_from_slice(p);
        }
        Ok(Matcher {
            sorted,
            arena,
            by_first,
            heads,
            fold,
            first,
        })
    }

    /// The text's byte `b`, lower-cased when the list is folded.
    fn norm(&self, b: u8) -> u8 {
        if self.fold {
            b.to_ascii_lowercase()
        } else {
            b
        }
    }

    /// The bytes of a phrase.
    fn bytes(&self, r: &Rec) -> &[u8] {
        let off = r.off as usize;
        self.arena
            .get(off..off + r.len as usize)
            .unwrap_or_default()
    }

    /// Byte `k` of a phrase longer than `k`.
    #[inline]
    fn byte(&self, r: &Rec, k: usize) -> u8 {
        if k < PRE {
            r.pre[k]
        } else {
            self.arena.get(r.off as usize + k).copied().unwrap_or(0)
        }
    }

    /// The longest phrase starting at byte `i`: (end, entry).
    fn longest_at(&self, text: &str, i: usize) -> Option<(usize, usize)> {
        let b = text.as_bytes();
        let rest = b.get(i..)?;
        let h = rest
            .iter()
            .position(|&c| ends_head(c))
            .unwrap_or(rest.len());
        if h > 0 && h <= HEAD_MAX && rest[..h].is_ascii() {
            // When no phrase starts with this head, any phrase that is a
            // prefix here ends inside the word, glued to a letter or digit,
            // and could not be a whole-word match anyway.
            return self.longest_with_head(b, i, h, head_hash(&rest[..h]));
        }
        let c0 = usize::from(self.norm(*rest.first()?));
        let (lo, hi) = match (self.by_first.get(c0), self.by_first.get(c0 + 1)) {
            (Some(&a), Some(&z)) => (a as usize, z as usize),
            _ => return None,
        };
        self.narrow(b, i, 1, lo, hi)
    }

    /// The longest phrase starting at byte `i`, whose ASCII head is `h`
    /// bytes long and hashes to `hash`.
    fn longest_with_head(&self, b: &[u8], i: usize, h: usize, hash: u64) -> Option<(usize, usize)> {
        let key = b.get(i..i + h)?;
        let same = |p: &[u8]| {
            p.get(..h).is_some_and(|p| {
                if self.fold {
                    p.eq_ignore_ascii_case(key)
                } else {
                    p == key
                }
            })
        };
        let (lo, hi) = self
            .heads
            .probe(hash, h)
            .find(|&(lo, _)| same(self.bytes(&self.sorted[lo])))?;
        self.narrow(b, i, h, lo, hi)
    }

    /// Narrow `sorted[lo..hi]` (the phrases whose first `k` bytes equal the
    /// text's at `i`) byte by byte; the longest phrase that is a prefix of
    /// the text wins. A phrase exactly as long as the shared prefix sorts
    /// first in the range. Bytes that all phrases left share (the first and
    /// the last one's common prefix) are compared in one step.
    fn narrow(
        &self,
        b: &[u8],
        i: usize,
        mut k: usize,
        mut lo: usize,
        mut hi: usize,
    ) -> Option<(usize, usize)> {
        let mut best = None;
        if lo < hi && self.sorted[lo].len as usize == k {
            best = Some((i + k, self.sorted[lo].entry as usize));
        }
        while i + k < b.len() && lo < hi {
            if hi - lo <= 8 {
                // A few phrases left: try each. They share the first `k`
                // bytes; the longest that the text goes on with wins.
                let t = b.get(i + k..).unwrap_or_default();
                for r in &self.sorted[lo..hi] {
                    let p = self.bytes(r);
                    let rest = p.get(k..).unwrap_or_default();
                    let same = t.get(..rest.len()).is_some_and(|t| {
                        if self.fold {
                            t.eq_ignore_ascii_case(rest)
                        } else {
                            t == rest
                        }
                    });
                    if same && !rest.is_empty() && best.is_none_or(|(end, _)| i + p.len() > end) {
                        best = Some((i + p.len(), r.entry as usize));
                    }
                }
                return best;
            }
            // Bytes every phrase left shares: compare them at once.
            let first = self.bytes(&self.sorted[lo]);
            let last = self.bytes(&self.sorted[hi - 1]);
            let shared = first
                .get(k..)
                .unwrap_or_default()
                .iter()
                .zip(last.get(k..).unwrap_or_default())
                .take_while(|(x, y)| x == y)
                .count();
            if shared > 0 {
                let want = &first[k..k + shared];
                let same = b.get(i + k..i + k + shared).is_some_and(|t| {
                    if self.fold {
                        t.eq_ignore_ascii_case(want)
                    } else {
                        t == want
                    }
                });
                if !same {
                    return best;
                }
                k += shared;
                if first.len() == k {
                    best = Some((i + k, self.sorted[lo].entry as usize));
                }
                continue;
            }
            let c = self.norm(b[i + k]);
            let r = &self.sorted[lo..hi];
            // A phrase of exactly `k` bytes sorts first; all after it are longer.
            let a = r.partition_point(|p| p.len as usize <= k || self.byte(p, k) < c);
            let z = a + r[a..].partition_point(|p| self.byte(p, k) <= c);
            (lo, hi) = (lo + a, lo + z);
            k += 1;
            if lo < hi && self.sorted[lo].len as usize == k {
                best = Some((i + k, self.sorted[lo].entry as usize));
            }
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
        self.longest_at(w, 0)
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
        if self.sorted.is_empty() {
            return out;
        }
        let b = text.as_bytes();
        let mut next = 0;
        for w in words {
            let i = w.start;
            if i < next || !b.get(i).is_some_and(|&c| self.first[usize::from(c)]) {
                continue;
            }
            let found = if w.head > 0 {
                if !self.heads.may_hold(w.hash) {
                    continue;
                }
                self.longest_with_head(b, i, w.head, w.hash)
            } else {
                self.longest_at(text, i)
            };
            if let Some((end, entry)) = found {
                if is_word_boundary(text, i, end) {
                    out.push(Hit {
                        start: i,
                        end,
                        entry,
                    });
                    next = end;
                }
            }
        }
        out
    }
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    // A phrase that itself starts/ends with a non-word char needs no boundary there.
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    (!glued(before) || !glued(first)) && (!glued(after) || !glued(last))
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
    /// First name -> (count, female share).
    pub first_names: FxHashMap<&'static str, (u32, f32)>,
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
    /// A fingerprint of all list contents (for incremental runs).
    pub fingerprint: u64,
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
                    let (n, c, f) = (t.col("name"), t.col("count"), t.col("female_share"));
                    first_names.reserve(t.rows().len());
                    for r in t.rows() {
                        let at = |i: Option<usize>| i.map_or("", |i| r[i]);
                        let count = at(c).parse().unwrap_or(1);
                        let fem = at(f).parse().unwrap_or(0.5);
                        first_names.insert(at(n), (count, fem));
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
        Ok(Gazetteers {
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

    #[test]
    fn sorted_table_finds_longest_whole_words() {
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

//! A small word tokenizer for name recognition: one walk over the text's
//! word starts (most words are taken from theirs at once), byte spans,
//! possessives split off, initials and dotted abbreviations kept whole
//! (`R.`, `U.S.`, `Jr.`).

use crate::text::words::{
    ascii_digits, ascii_letters, head_hash, le_upto8, low_bytes, word_hash, Word, HIGH_BITS,
};
use std::cell::{Cell, OnceCell};

/// Abbreviations that keep their final period inside the token.
const DOT_WORDS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Jr", "Sr", "St", "Gov", "Sen", "Rep", "Lt", "Gen", "Col",
    "Sgt", "Capt", "Maj", "Rev", "Hon", "Prof", "Inc", "Corp", "Co", "Ltd", "Det", "Adm", "Cpl",
    "Pvt", "Spc", "Pfc", "Supt", "Atty", "Ofc", "Del", "Ave", "Blvd", "Rd", "Mt", "Ft", "No", "vs",
    "v", "Bros", "Assn", "Dept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "Va", "Ga", "Fla", "Calif", "Tex", "Pa", "Md", "Mass", "Ill", "Mich",
    "Minn", "Mo", "Okla", "Ore", "Wash", "Wis", "Ariz", "Colo", "Conn", "Ind", "Kan", "Ky", "La",
    "Miss", "Mont", "Neb", "Nev", "Tenn", "Vt", "Wyo", "Ala", "Ark",
];

/// [`DOT_WORDS`] with their filter.
static DOT_LIST: WordList = WordList::new(DOT_WORDS);

/// One of [`DOT_WORDS`] (all of at most five letters, starting with a
/// capital or `v`).
fn is_dot_word(w: &str) -> bool {
    w.len() <= 5
        && w.as_bytes()
            .first()
            .is_some_and(|&b| b.is_ascii_uppercase() || b == b'v')
        && DOT_LIST.contains(w)
}

/// A fixed list of words with a quick filter in front: per first byte (its
/// low five bits), the word lengths present (lengths of 31 and more share
/// a bit).
pub struct WordList {
    /// The words.
    list: &'static [&'static str],
    /// The filter.
    mask: [u32; 32],
}

impl WordList {
    /// The list of `list`.
    pub const fn new(list: &'static [&'static str]) -> WordList {
        let mut mask = [0u32; 32];
        let mut i = 0;
        while i < list.len() {
            let b = list[i].as_bytes();
            if !b.is_empty() {
                let l = if b.len() < 31 { b.len() } else { 31 };
                mask[(b[0] & 31) as usize] |= 1 << l;
            }
            i += 1;
        }
        WordList { list, mask }
    }

    /// `w` is one of the words.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        match w.as_bytes().first() {
            Some(&f) => {
                self.mask[usize::from(f & 31)] >> w.len().min(31) & 1 != 0 && self.list.contains(&w)
            }
            None => self.list.contains(&w),
        }
    }
}

/// A part after a hyphen that does not start with a capital (any of
/// `w.split('-').skip(1)` that is not [`is_cap`]).
pub fn has_uncapped_part(w: &str) -> bool {
    w.bytes()
        .enumerate()
        .any(|(i, c)| c == b'-' && !w.get(i + 1..).is_some_and(is_cap))
}

/// [`CLASS`] bit: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`CLASS`] bit: an ASCII capital.
const UPPER: u8 = 2;
/// [`CLASS`] bit: an ASCII lower-case letter.
const LOWER: u8 = 4;
/// [`CLASS`] bit: ASCII white space (a line break included).
const SPACE: u8 = 8;
/// [`CLASS`] bit: a byte that may join the parts of a word: `'`, `-`,
/// `&`, `.`, and every non-ASCII byte.
const JOIN: u8 = 16;

/// Byte classes for the word scan.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() {
            t[i] = ALNUM;
        }
        if c.is_ascii_uppercase() {
            t[i] |= UPPER;
        }
        if c.is_ascii_lowercase() {
            t[i] |= LOWER;
        }
        if matches!(c, b' ' | b'\n' | 0x09 | 0x0b..=0x0d) {
            t[i] = SPACE;
        }
        if matches!(c, b'\'' | b'-' | b'&' | b'.' | 0x80..) {
            t[i] = JOIN;
        }
        i += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits starting at `j`: eight
/// bytes at a time (a bit test per byte class), byte by byte near the end.
#[inline]
fn alnum_run(b: &[u8], mut j: usize) -> usize {
    while let Some(c) = b.get(j..).and_then(|r| r.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*c);
        let other = !(ascii_letters(w) | ascii_digits(w)) & HIGH_BITS;
        if other != 0 {
            return j + (other.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while b
        .get(j)
        .is_some_and(|&y| CLASS[usize::from(y)] & ALNUM != 0)
    {
        j += 1;
    }
    j
}

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits (with inner apostrophes, hyphens, dots).
    Word,
    /// Any other single non-space character.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte start.
    pub start: usize,
    /// Byte end of the token as written (possessive included).
    pub end: usize,
    /// Byte end without a possessive `'s` / `’s` / trailing `'`.
    pub core_end: usize,
    /// Word or punctuation.
    pub kind: Kind,
    /// Ends with a possessive.
    pub poss: bool,
    /// A line break lies between the previous token and this one.
    pub nl_before: bool,
    /// First token of its sentence.
    pub sent_start: bool,
    /// Starts with an upper-case letter ([`is_cap`] of its text).
    pub cap: bool,
    /// Its first byte.
    pub first: u8,
}

impl Tok {
    /// The token text without the possessive.
    #[inline]
    pub fn core<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.core_end]
    }
    /// The token text as written.
    #[inline]
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.end]
    }
    /// The token starts with an upper-case letter ([`is_cap`] of its text).
    #[inline]
    pub fn cap(&self, _s: &str) -> bool {
        self.cap
    }
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The character at byte `p` (a char boundary), or a space past the end.
fn ch(s: &str, p: usize) -> char {
    match s.as_bytes().get(p) {
        None => ' ',
        Some(&b) if b < 0x80 => char::from(b),
        Some(_) => s.get(p..).and_then(|t| t.chars().next()).unwrap_or(' '),
    }
}

/// `c.is_alphanumeric()`, without a table search for ASCII and for the
/// General Punctuation block (curly quotes, dashes), which holds no letters
/// or digits.
fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Byte position after the character at byte `p` (`p + 1` past the end).
fn after(s: &str, p: usize) -> usize {
    p + ch(s, p).len_utf8()
}

/// A set of words, each with an index (its order of insertion): an
/// open-addressing table keyed by [`word_hash`]. Words are borrowed from
/// the text when they can be (the lower-case words of a document mostly
/// are), else copied into one buffer.
pub struct WordSet<'a> {
    /// The distinct words.
    words: Vec<Stored<'a>>,
    /// The copied words, one after another.
    arena: String,
    /// Their hashes.
    hashes: Vec<u64>,
    /// Slots: word index + 1, or 0 when empty (a power of two long).
    slots: Vec<u32>,
}

/// Where a word of a [`WordSet`] is.
#[derive(Clone, Copy)]
enum Stored<'a> {
    /// Borrowed.
    Text(&'a str),
    /// Copied: the byte range in the arena.
    Copy(usize, usize),
}

impl<'a> WordSet<'a> {
    /// An empty set sized for about `n` words (and room for about eight
    /// bytes of each when copied).
    pub fn with_capacity(n: usize) -> Self {
        let size = (n * 2).next_power_of_two().max(64);
        WordSet {
            words: Vec::with_capacity(n),
            arena: String::with_capacity(n * 8),
            hashes: Vec::with_capacity(n),
            slots: vec![0; size],
        }
    }

    /// The slot for a word with hash `h` and bytes `w`: the one holding
    /// it, or the empty one where it would go.
    #[inline]
    fn slot(&self, h: u64, w: &[u8]) -> usize {
        let mask = self.slots.len() - 1;
        // (the high bits are the best mixed)
        let mut i = (h >> 40) as usize & mask;
        loop {
            let e = self.slots[i] as usize;
            if e == 0 || self.hashes[e - 1] == h && self.word(e as u32 - 1).as_bytes() == w {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Add `w` (borrowed) unless it is there.
    #[inline]
    pub fn insert_text(&mut self, w: &'a str) {
        let h = word_hash(w.as_bytes());
        let i = self.slot(h, w.as_bytes());
        if self.slots[i] == 0 {
            self.put(i, h, Stored::Text(w));
        }
    }

    /// The index of `w`, copied in when it is new.
    #[inline]
    pub fn id_or_copy(&mut self, w: &str) -> u32 {
        let h = word_hash(w.as_bytes());
        let i = self.slot(h, w.as_bytes());
        match self.slots[i] {
            0 => {
                let a = self.arena.len();
                self.arena.push_str(w);
                self.put(i, h, Stored::Copy(a, self.arena.len()))
            }
            e => e - 1,
        }
    }

    /// Store `w` (hash `h`) in the empty slot `i`; its index.
    fn put(&mut self, i: usize, h: u64, w: Stored<'a>) -> u32 {
        self.words.push(w);
        self.hashes.push(h);
        let id = self.words.len() as u32;
        self.slots[i] = id;
        if self.words.len() * 2 > self.slots.len() {
            self.grow();
        }
        id - 1
    }

    /// The word with index `id` ("" for none).
    pub fn word(&self, id: u32) -> &str {
        match self.words.get(id as usize) {
            Some(&Stored::Text(w)) => w,
            Some(&Stored::Copy(a, b)) => self.arena.get(a..b).unwrap_or(""),
            None => "",
        }
    }

    /// Double the table.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let mask = size - 1;
        let mut slots = vec![0u32; size];
        for (k, &h) in self.hashes.iter().enumerate() {
            let mut i = (h >> 40) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = k as u32 + 1;
        }
        self.slots = slots;
    }

    /// `w` is in the set.
    pub fn contains(&self, w: &str) -> bool {
        let w = w.as_bytes();
        self.slots[self.slot(word_hash(w), w)] != 0
    }
}

/// The tokens of a document.
pub struct Tokens<'a> {
    /// The tokens.
    pub toks: Vec<Tok>,
    /// The lower-case words seen (for "used as a common word elsewhere in
    /// the document" checks): words that start with a lower-case letter,
    /// lower-cased.
    pub lower: LowerSet<'a>,
    /// Indices of the words that start with a capital, in order.
    pub caps: Vec<usize>,
    /// Indices of the `(` tokens, in order.
    pub parens: Vec<usize>,
    /// Lines (tokens from one with a line break before it to the next such
    /// one): the index of the first token, and the number of words of
    /// more than three bytes (possessive excluded).
    pub lines: Vec<(usize, usize)>,
}

/// An ASCII word of 1 to 16 bytes as a key: its bytes packed into two
/// words (zero-padded) and its length. Equal keys are equal words: no byte
/// comparison is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packed(u64, u64, u32);

/// `w` as a key, when it is ASCII and 1 to 16 bytes long.
#[inline]
pub fn pack(w: &[u8]) -> Option<Packed> {
    let n = w.len();
    if n == 0 || n > 16 {
        return None;
    }
    let (a, b) = if n > 8 {
        (le_upto8(&w[..8]), le_upto8(&w[8..]))
    } else {
        (le_upto8(w), 0)
    };
    if (a | b) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    Some(Packed(a, b, n as u32))
}

impl Packed {
    /// The key of the word with its ASCII capitals lower-cased.
    #[inline]
    pub fn lower(self) -> Packed {
        // (ASCII bytes: adding cannot carry into the next byte)
        let low = |x: u64| {
            let up = x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f)
                & !x.wrapping_add(0x2525_2525_2525_2525)
                & 0x8080_8080_8080_8080;
            x | up >> 2
        };
        Packed(low(self.0), low(self.1), self.2)
    }

    /// Its last byte.
    #[inline]
    pub fn last(self) -> u8 {
        let k = self.2 - 1;
        let w = if k < 8 { self.0 } else { self.1 };
        (w >> (8 * (k % 8))) as u8
    }

    /// The key of the word without its last byte (`None` when that leaves
    /// it empty).
    #[inline]
    pub fn drop_last(self) -> Option<Packed> {
        let k = self.2.checked_sub(1).filter(|&k| k > 0)?;
        Some(if k > 8 {
            Packed(self.0, self.1 & low_bytes(k as usize - 8), k)
        } else {
            Packed(self.0 & low_bytes(k as usize), 0, k)
        })
    }

    /// Hash for a table slot: the [`head_hash`] of its bytes (so a word
    /// start's [`Word::hash`] is the hash of its head's key).
    #[inline]
    fn hash(self) -> u64 {
        const FOLD: u64 = 0x2020_2020_2020_2020;
        let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        // (the fold bits of the bytes held: `low_bytes` of the length)
        let h = if self.2 <= 8 {
            mix(0, self.0 | FOLD & low_bytes(self.2 as usize))
        } else {
            mix(
                mix(0, self.0 | FOLD),
                self.1 | FOLD & low_bytes(self.2 as usize - 8),
            )
        };
        h ^ (h >> 29)
    }
}

/// One slot of a [`ShortMap`]: a key and its id (`len` 0 when empty).
#[derive(Clone, Copy, Default)]
struct Slot {
    a: u64,
    b: u64,
    len: u32,
    id: u32,
}

/// [`Packed`] keys, each with an id (its order of insertion): open
/// addressing over the keys themselves.
pub struct ShortMap {
    /// The slots (a power of two of them).
    slots: Vec<Slot>,
    /// Keys held.
    count: u32,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
}

impl ShortMap {
    /// An empty map sized for about `n` keys.
    pub fn with_capacity(n: usize) -> ShortMap {
        let size = (n * 2).next_power_of_two().max(32);
        ShortMap {
            slots: vec![Slot::default(); size],
            count: 0,
            shift: 64 - size.trailing_zeros(),
        }
    }

    /// The slot holding `k` (whose [`Packed::hash`] is `h`), or the empty
    /// one where it would go.
    #[inline(always)]
    fn slot(&self, k: Packed, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let e = &self.slots[i];
            if e.len == 0 || e.a == k.0 && e.b == k.1 && e.len == k.2 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `k`, if it is there.
    #[inline]
    pub fn get(&self, k: Packed) -> Option<u32> {
        let e = &self.slots[self.slot(k, k.hash())];
        (e.len != 0).then_some(e.id)
    }

    /// The id of `k`, added when it is new.
    #[inline(always)]
    pub fn insert(&mut self, k: Packed) -> u32 {
        self.insert_hashed(k, k.hash())
    }

    /// [`insert`](Self::insert) of `k`, whose [`Packed::hash`] is `h`.
    #[inline(always)]
    fn insert_hashed(&mut self, k: Packed, h: u64) -> u32 {
        let i = self.slot(k, h);
        match self.slots[i] {
            Slot { len: 0, .. } => self.put(i, k),
            e => e.id,
        }
    }

    /// Put `k` in the empty slot `i`; its id.
    #[inline]
    fn put(&mut self, i: usize, k: Packed) -> u32 {
        let id = self.count;
        self.slots[i] = Slot {
            a: k.0,
            b: k.1,
            len: k.2,
            id,
        };
        self.count += 1;
        if self.count as usize * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Double the table.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![Slot::default(); old.len() * 2];
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for e in old.into_iter().filter(|e| e.len != 0) {
            let mut i = (Packed(e.a, e.b, e.len).hash() >> self.shift) as usize;
            while self.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = e;
        }
    }
}

/// Look-ups a [`LowerSet`] answers by a walk over its words before it
/// builds its table (each walk costs about one table insertion per word).
const WALKS: u32 = 8;

/// The lower-case words of a document (words that start with a
/// lower-case letter, lower-cased), gathered cheaply and looked up rarely.
/// A word start taken whole as a token (most are) is marked by its index;
/// any other word is listed with the [`head_hash`] of its lower-cased
/// bytes; each word sets one bit of a filter, picked by its hash. A
/// look-up whose bit is clear is answered at once (no word has its hash);
/// any other walks the words, and after [`WALKS`] walks the set builds a
/// table (the one it had before: [`Packed`] keys for short ASCII words,
/// a [`WordSet`] for the others).
pub struct LowerSet<'a> {
    /// The text.
    s: &'a str,
    /// Its word starts.
    starts: &'a [Word],
    /// A bit per word start: its head is a word of the set (lower-cased
    /// by ASCII rules; its [`Word::hash`] is that word's hash).
    heads: Vec<u64>,
    /// Per other word: the hash of its lower-cased bytes.
    hashes: Vec<u64>,
    /// Per other word: where its lower-cased bytes are.
    words: Vec<Lowered>,
    /// The words lower-cased by [`str::to_lowercase`], one after another.
    arena: String,
    /// The filter: the bit picked by the top bits of each word's hash (a
    /// power of two of them).
    bloom: Vec<u64>,
    /// `64 - log2(bits of the filter)`.
    shift: u32,
    /// Look-ups answered by a walk so far.
    walks: Cell<u32>,
    /// The table, once built.
    table: OnceCell<(ShortMap, WordSet<'a>)>,
}

/// Where the lower-cased bytes of a word of a [`LowerSet`] are.
#[derive(Clone, Copy)]
enum Lowered {
    /// The text's bytes in this range, ASCII capitals lower-cased.
    Ascii(usize, usize),
    /// This range of the arena.
    Copy(usize, usize),
}

impl<'a> LowerSet<'a> {
    /// An empty set for the words of `s`, whose word starts are `starts`.
    fn new(s: &'a str, starts: &'a [Word]) -> Self {
        // (sixteen bits per word start: few false hits)
        let bits = (starts.len() * 16).next_power_of_two().max(1024);
        LowerSet {
            s,
            starts,
            heads: vec![0; starts.len() / 64 + 1],
            hashes: Vec::new(),
            words: Vec::new(),
            arena: String::new(),
            bloom: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
            walks: Cell::new(0),
            table: OnceCell::new(),
        }
    }

    /// The filter bit of hash `h`: word index and bit.
    #[inline(always)]
    fn bit(&self, h: u64) -> (usize, u64) {
        let a = (h >> self.shift) as usize;
        (a >> 6, 1 << (a & 63))
    }

    /// Set the filter bit of hash `h`.
    #[inline(always)]
    fn mark(&mut self, h: u64) {
        let (k, bit) = self.bit(h);
        if let Some(x) = self.bloom.get_mut(k) {
            *x |= bit;
        }
    }

    /// Add the head of word start `k`, whose [`Word::hash`] is `h`.
    #[inline(always)]
    fn add_head(&mut self, k: usize, h: u64) {
        self.mark(h);
        if let Some(x) = self.heads.get_mut(k / 64) {
            *x |= 1 << (k % 64);
        }
    }

    /// Add a word whose lower-cased bytes hash to `h`.
    fn add(&mut self, h: u64, w: Lowered) {
        self.mark(h);
        self.hashes.push(h);
        self.words.push(w);
    }

    /// Add `s[i..j]`, ASCII capitals lower-cased.
    fn add_ascii(&mut self, i: usize, j: usize) {
        let h = head_hash(self.s.as_bytes().get(i..j).unwrap_or_default());
        self.add(h, Lowered::Ascii(i, j));
    }

    /// Add `l`, a lower-cased word, copied.
    fn add_copy(&mut self, l: &str) {
        let a = self.arena.len();
        self.arena.push_str(l);
        self.add(head_hash(l.as_bytes()), Lowered::Copy(a, self.arena.len()));
    }

    /// The lower-cased bytes of `w` are `l`.
    fn is(&self, w: Lowered, l: &[u8]) -> bool {
        match w {
            Lowered::Ascii(i, j) => self.s.as_bytes().get(i..j).is_some_and(|t| {
                t.len() == l.len() && t.iter().zip(l).all(|(&x, &y)| x.to_ascii_lowercase() == y)
            }),
            Lowered::Copy(a, b) => self.arena.as_bytes().get(a..b) == Some(l),
        }
    }

    /// Word start `k` is marked.
    #[inline]
    fn marked(&self, k: usize) -> bool {
        self.heads
            .get(k / 64)
            .is_some_and(|m| m >> (k % 64) & 1 != 0)
    }

    /// One of the words hashes to `h` and is `l` lower-cased: a walk over
    /// the word starts (hashes first) and the other words.
    fn walk(&self, h: u64, l: &[u8]) -> bool {
        self.starts.iter().enumerate().any(|(k, w)| {
            w.hash == h && self.marked(k) && self.is(Lowered::Ascii(w.start, w.start + w.head), l)
        }) || self
            .hashes
            .iter()
            .zip(&self.words)
            .any(|(&x, &w)| x == h && self.is(w, l))
    }

    /// The table of the words (built on the first call).
    fn table(&self) -> &(ShortMap, WordSet<'a>) {
        self.table.get_or_init(|| {
            let mut short = ShortMap::with_capacity(64);
            let mut other = WordSet::with_capacity(0);
            let heads = self
                .starts
                .iter()
                .enumerate()
                .filter(|&(k, _)| self.marked(k));
            let heads = heads.map(|(_, w)| Lowered::Ascii(w.start, w.start + w.head));
            for w in heads.chain(self.words.iter().copied()) {
                match w {
                    Lowered::Ascii(i, j) => {
                        let t = self.s.get(i..j).unwrap_or("");
                        match pack(t.as_bytes()) {
                            Some(k) => {
                                short.insert(k.lower());
                            }
                            None if !t.bytes().any(|c| c.is_ascii_uppercase()) => {
                                other.insert_text(t);
                            }
                            None => {
                                other.id_or_copy(&t.to_ascii_lowercase());
                            }
                        }
                    }
                    Lowered::Copy(a, b) => {
                        let l = self.arena.get(a..b).unwrap_or("");
                        match pack(l.as_bytes()) {
                            Some(k) => {
                                short.insert(k);
                            }
                            None => {
                                other.id_or_copy(l);
                            }
                        }
                    }
                }
            }
            (short, other)
        })
    }

    /// `l` (its bytes, hashing to `h`) is in the set: no when the filter
    /// says so, else by a walk over the words (or by the table after
    /// [`WALKS`] walks); `key`: its [`Packed`] key when it has one.
    fn find(&self, h: u64, l: &[u8], key: Option<Packed>) -> bool {
        let (k, bit) = self.bit(h);
        if self.bloom.get(k).is_none_or(|x| x & bit == 0) {
            return false;
        }
        let walks = self.walks.get();
        if walks < WALKS {
            self.walks.set(walks + 1);
            return self.walk(h, l);
        }
        let (short, other) = self.table();
        match key {
            Some(k) => short.get(k).is_some(),
            None => std::str::from_utf8(l).is_ok_and(|l| other.contains(l)),
        }
    }

    /// `l` (lower-case) is in the set.
    pub fn contains(&self, l: &str) -> bool {
        match pack(l.as_bytes()) {
            Some(k) => self.contains_key(k),
            None => self.find(head_hash(l.as_bytes()), l.as_bytes(), None),
        }
    }

    /// The short ASCII word with key `k` (lower-case) is in the set.
    #[inline]
    pub fn contains_key(&self, k: Packed) -> bool {
        let mut b = [0u8; 16];
        let (lo, hi) = b.split_at_mut(8);
        lo.copy_from_slice(&k.0.to_le_bytes());
        hi.copy_from_slice(&k.1.to_le_bytes());
        let l = b.get(..k.2 as usize).unwrap_or(&[]);
        self.find(k.hash(), l, Some(k))
    }
}

/// A token found by [`step`], before its place in the document (line,
/// sentence) is known.
#[derive(Clone, Copy)]
struct Found {
    /// Byte start.
    start: usize,
    /// Byte end as written.
    end: usize,
    /// Byte end without a possessive.
    core_end: usize,
    /// Word or punctuation.
    kind: Kind,
    /// Ends with a possessive.
    poss: bool,
    /// Starts with an upper-case letter.
    cap: bool,
    /// Its first byte.
    first: u8,
}

impl Found {
    /// A one-byte ASCII punctuation mark at byte `i`.
    fn mark(i: usize, first: u8) -> Found {
        Found {
            start: i,
            end: i + 1,
            core_end: i + 1,
            kind: Kind::Punct,
            poss: false,
            cap: false,
            first,
        }
    }
}

/// What [`step`] saw at a position.
enum Step {
    /// A white-space character (a line break when the flag is set).
    Space(bool),
    /// A token.
    Tok(Found),
}

/// From byte `i` of `s` (a char boundary): a white-space character, or the
/// token that starts there (a lower-case word goes into `lower`); where
/// the scan goes on.
fn step<'a>(s: &'a str, lower: &mut LowerSet<'a>, i: usize) -> (Step, usize) {
    let b = s.as_bytes();
    let n = b.len();
    let Some(&x) = b.get(i) else {
        return (Step::Space(false), i + 1);
    };
    let kx = CLASS[usize::from(x)];
    if kx & SPACE != 0 {
        return (Step::Space(x == b'\n'), i + 1);
    }
    let (c, cap) = if x < 0x80 {
        (char::from(x), kx & UPPER != 0)
    } else {
        let c = ch(s, i);
        if c.is_whitespace() {
            return (Step::Space(false), i + c.len_utf8());
        }
        (c, c.is_uppercase())
    };
    let start = i;
    if !(kx & ALNUM != 0 || x >= 0x80 && alnum(c)) {
        let end = start + c.len_utf8();
        let f = Found {
            start,
            end,
            core_end: end,
            kind: Kind::Punct,
            poss: false,
            cap,
            first: x,
        };
        return (Step::Tok(f), end);
    }
    // A word; `j` is a byte position. `cased`: it may hold a character
    // that lower-casing changes (an ASCII capital, or a non-ASCII
    // character other than the connectors `’` and `–`).
    let mut j = i + c.len_utf8();
    let mut cased = x >= 0x80;
    // A '.' was taken inside the word ("U.S").
    let mut dotted = false;
    let mut class = 0;
    loop {
        // Plain letters and digits first.
        while let Some(&y) = b.get(j) {
            let k = CLASS[usize::from(y)];
            if k & ALNUM == 0 {
                break;
            }
            class |= k;
            j += 1;
        }
        let Some(&y) = b.get(j) else { break };
        if CLASS[usize::from(y)] & JOIN == 0 {
            break;
        }
        let d = ch(s, j);
        let j1 = j + d.len_utf8();
        if alnum(d) {
            cased = true;
            j = j1;
        } else if (is_apos(d) || d == '-' || d == '&' || d == '\u{2013}') && alnum(ch(s, j1)) {
            // (the character after the connector is not scanned above)
            cased |= b
                .get(j1)
                .is_none_or(|&z| z >= 0x80 || z.is_ascii_uppercase());
            j = after(s, j1);
        } else if d == '.' {
            let word = &s[start..j];
            let c1 = ch(s, j1);
            if word.len() <= 4 && c1.is_alphabetic() && !ch(s, after(s, j1)).is_lowercase() {
                // U.S / H.W / a.m
                j = j1;
                dotted = true;
            } else {
                // A single capital, dotted initials or an abbreviation.
                let single = word.len() == c.len_utf8() && cap;
                if single || dotted || is_dot_word(word) {
                    j = j1;
                }
                break;
            }
        } else {
            break;
        }
    }
    // "O’ Dwyer": a single capital with an apostrophe before a space.
    if j == i + 1 && matches!(x, b'O' | b'D') && is_apos(ch(s, j)) {
        let sp = after(s, j);
        if ch(s, sp) == ' ' && ch(s, sp + 1).is_uppercase() {
            let mut k = sp + 1;
            while k < n && ch(s, k).is_alphabetic() {
                k = after(s, k);
            }
            j = k;
        }
    }
    let (end, core_end, poss) = possessive(s, start, j);
    let lower_first = if x < 0x80 {
        kx & LOWER != 0
    } else {
        c.is_lowercase()
    };
    if lower_first {
        let core = &s[start..core_end];
        if core.is_ascii() || !cased && class & UPPER == 0 {
            // (ASCII: lower-casing is the ASCII one; else lower-casing
            // would not change it)
            lower.add_ascii(start, core_end);
        } else {
            lower.add_copy(&core.to_lowercase());
        }
    }
    let f = Found {
        start,
        end,
        core_end,
        kind: Kind::Word,
        poss,
        cap,
        first: x,
    };
    (Step::Tok(f), end)
}

/// The possessive of the word `s[start..j]`: a final `'s` / `’s` (E2 80
/// 99 73) split off, or a plural possessive apostrophe after it
/// ("Investigations'") taken in. The token's end as written, its end
/// without the possessive, and whether it has one.
#[inline(always)]
fn possessive(s: &str, start: usize, j: usize) -> (usize, usize, bool) {
    let b = s.as_bytes();
    let wb = b.get(start..j).unwrap_or_default();
    if wb.last() == Some(&b's') {
        let suffix = match wb {
            [.., b'\'', b's'] => 2,
            [.., 0xE2, 0x80, 0x99, b's'] => 4,
            _ => 0,
        };
        if suffix > 0 {
            if wb.len() > suffix {
                return (j, j - suffix, true);
            }
        } else if matches!(b.get(j), Some(b'\'' | 0xE2))
            && is_apos(ch(s, j))
            && !alnum(ch(s, after(s, j)))
        {
            return (after(s, j), j, true);
        }
    }
    (j, j, false)
}

/// The word token that [`step`] finds at word start `i`, whose first run
/// of ASCII letters and digits ends at `j` (a head nothing joins to more
/// would be a token at once), when its bytes and their neighbours are
/// such that ASCII rules decide it: runs of ASCII letters and digits
/// joined by `'`, `-`, `&`, `’`, `–` or a dot ("co-defendant",
/// "Johnson’s", "U.S."), ended by an ASCII byte, a general punctuation
/// mark or the end of the text. `None` when [`step`] must look (a
/// non-ASCII letter, "O’ Dwyer"...). Its lower-case word goes into
/// `lower`, as [`step`] does.
#[inline(always)]
fn joined<'a>(s: &'a str, lower: &mut LowerSet<'a>, i: usize, mut j: usize) -> Option<Found> {
    let b = s.as_bytes();
    let x = *b.get(i)?;
    let ascii_alnum = |p: usize| -> Option<bool> {
        match b.get(p) {
            None => Some(false),
            Some(&z) if z < 0x80 => Some(z.is_ascii_alphanumeric()),
            Some(_) => None,
        }
    };
    // A '.' was taken inside the word ("U.S").
    let mut dotted = false;
    while let Some(&y) = b.get(j) {
        // (`j` ends a run: an ASCII byte that is no joiner ends the word)
        if CLASS[usize::from(y)] & JOIN == 0 {
            break;
        }
        let skip = match y {
            b'\'' | b'-' | b'&' => 1,
            0xE2 if b.get(j + 1) == Some(&0x80) => match b.get(j + 2) {
                // `’`, `–`
                Some(0x99 | 0x93) => 3,
                // Any other of U+2000..=U+203F: no letter or digit, no joiner.
                Some(0x80..=0xbf) => break,
                _ => return None,
            },
            b'.' => {
                let word = s.get(i..j)?;
                let c1 = match b.get(j + 1) {
                    Some(&z) if z >= 0x80 => return None,
                    z => z.is_some_and(u8::is_ascii_alphabetic),
                };
                if word.len() <= 4 && c1 {
                    match b.get(j + 2) {
                        Some(&z) if z >= 0x80 => return None,
                        Some(z) if z.is_ascii_lowercase() => {}
                        _ => {
                            // U.S / H.W / a.m
                            j = alnum_run(b, j + 1);
                            dotted = true;
                            continue;
                        }
                    }
                }
                // A single capital, dotted initials or an abbreviation.
                let single = word.len() == 1 && x.is_ascii_uppercase();
                if single || dotted || is_dot_word(word) {
                    j += 1;
                }
                break;
            }
            _ => return None,
        };
        if ascii_alnum(j + skip)? {
            j = alnum_run(b, j + skip + 1);
        } else {
            break;
        }
    }
    // ("O’ Dwyer": left to `step`)
    if j == i + 1 && matches!(x, b'O' | b'D') {
        return None;
    }
    let (end, core_end, poss) = possessive(s, i, j);
    if x.is_ascii_lowercase() {
        let core = s.get(i..core_end)?;
        // (no letter here is non-ASCII: a capital after the first byte is
        // what lower-casing changes)
        if core.is_ascii() || !core.bytes().skip(1).any(|c| c.is_ascii_uppercase()) {
            lower.add_ascii(i, core_end);
        } else {
            lower.add_copy(&core.to_lowercase());
        }
    }
    Some(Found {
        start: i,
        end,
        core_end,
        kind: Kind::Word,
        poss,
        cap: x.is_ascii_uppercase(),
        first: x,
    })
}

/// The tokens of a document as they are found, placed at once: sentence
/// starts marked, and the capitals, parentheses and lines listed.
struct Sink<'s> {
    /// The tokens.
    toks: Vec<Tok>,
    /// Indices of the words that start with a capital.
    caps: Vec<usize>,
    /// Indices of the `(` tokens.
    parens: Vec<usize>,
    /// Lines: first token, words of more than three bytes.
    lines: Vec<(usize, usize)>,
    /// Words of more than three bytes on the current line (the count of
    /// the last of `lines`, not yet set).
    long: usize,
    /// The next sentence start (`usize::MAX` after the last).
    next_sent: usize,
    /// The sentence starts after it.
    sents: std::slice::Iter<'s, usize>,
}

impl<'s> Sink<'s> {
    /// An empty list for a text of `words` word starts, whose sentence
    /// start offsets are `sent_starts` (sorted).
    fn new(words: usize, sent_starts: &'s [usize]) -> Self {
        let mut sents = sent_starts.iter();
        let next_sent = sents.next().copied().unwrap_or(usize::MAX);
        Sink {
            toks: Vec::with_capacity(words + words / 2 + 16),
            caps: Vec::with_capacity(words / 4 + 16),
            // (room for the parentheses and lines of most documents: a
            // line per 100 tokens or so)
            parens: Vec::with_capacity(16),
            lines: Vec::with_capacity(words / 10 + 8),
            long: 0,
            next_sent,
            sents,
        }
    }

    /// Add the token `f`, after a line break when `nl` is set.
    #[inline(always)]
    fn push(&mut self, f: Found, nl: bool) {
        let k = self.toks.len();
        let sent_start = self.next_sent <= f.start;
        if sent_start {
            self.pass_sentences(f.start);
        }
        if nl {
            self.new_line(k);
        }
        if f.kind == Kind::Word {
            if f.cap {
                self.caps.push(k);
            }
            self.long += usize::from(f.core_end - f.start > 3);
        } else if f.first == b'(' {
            self.parens.push(k);
        }
        self.toks.push(Tok {
            start: f.start,
            end: f.end,
            core_end: f.core_end,
            kind: f.kind,
            poss: f.poss,
            nl_before: nl,
            sent_start,
            cap: f.cap,
            first: f.first,
        });
    }

    /// Pass the sentence starts up to byte `at`.
    #[inline(never)]
    fn pass_sentences(&mut self, at: usize) {
        while self.next_sent <= at {
            self.next_sent = self.sents.next().copied().unwrap_or(usize::MAX);
        }
    }

    /// Begin a line at token `k`.
    #[inline(never)]
    fn new_line(&mut self, k: usize) {
        if let Some(l) = self.lines.last_mut() {
            l.1 = self.long;
        }
        self.long = 0;
        self.lines.push((k, 0));
    }

    /// The tokens, with lower-case words `lower`.
    fn finish(mut self, lower: LowerSet<'_>) -> Tokens<'_> {
        if let Some(l) = self.lines.last_mut() {
            l.1 = self.long;
        }
        Tokens {
            toks: self.toks,
            lower,
            caps: self.caps,
            parens: self.parens,
            lines: self.lines,
        }
    }
}

/// Scan `s` from byte `i` (a char boundary) until `at` or past it: ASCII
/// spaces and punctuation here, the rest by [`step`]; the tokens go to
/// `out` (`nl`: a line break lies before the next one). Where the scan
/// ends, and whether a line break lies between the last token and it.
#[inline(never)]
fn scan<'a>(
    s: &'a str,
    lower: &mut LowerSet<'a>,
    out: &mut Sink<'_>,
    mut nl: bool,
    mut i: usize,
    at: usize,
) -> (usize, bool) {
    let b = s.as_bytes();
    while let Some(&x) = b.get(i).filter(|_| i < at) {
        let kx = CLASS[usize::from(x)];
        if kx & SPACE != 0 {
            nl |= x == b'\n';
            i += 1;
            continue;
        }
        let f = if kx & (ALNUM | JOIN) == 0 || matches!(x, b'\'' | b'-' | b'&' | b'.') {
            i += 1;
            Found::mark(i - 1, x)
        } else {
            let (st, next) = step(s, lower, i);
            i = next;
            match st {
                Step::Space(br) => {
                    nl |= br;
                    continue;
                }
                Step::Tok(f) => f,
            }
        };
        out.push(f, nl);
        nl = false;
    }
    (i, nl)
}

/// Add the head of word start `w` (index `k`; all of its token) to
/// `lower` when it starts with a lower-case letter; its token.
#[inline(always)]
fn plain<'a>(s: &'a str, lower: &mut LowerSet<'a>, w: &Word, k: usize) -> Found {
    let b = s.as_bytes();
    let (i, j) = (w.start, w.start + w.head);
    let x = b.get(i).copied().unwrap_or(0);
    let kx = CLASS[usize::from(x)];
    if kx & LOWER != 0 {
        // (the head's hash folds the case: it is the lower-cased head's)
        lower.add_head(k, w.hash);
    }
    Found {
        start: i,
        end: j,
        core_end: j,
        kind: Kind::Word,
        poss: false,
        cap: kx & UPPER != 0,
        first: x,
    }
}

/// At byte `i`, before the word start at `at`: one ASCII punctuation mark,
/// and a space or not (", "); that mark.
#[inline(always)]
fn one_mark(b: &[u8], i: usize, at: usize) -> Option<u8> {
    let x = b.get(i).copied().unwrap_or(0);
    let kx = CLASS[usize::from(x)];
    let one = x < 0x80
        && kx & (ALNUM | SPACE) == 0
        && (kx & JOIN == 0 || matches!(x, b'\'' | b'-' | b'&' | b'.'))
        && (at == i + 1 || at == i + 2 && b.get(i + 1) == Some(&b' '));
    one.then_some(x)
}

/// The word start `w` of `s` has a head (of ASCII letters and digits, no
/// `_`: `under` says whether `s` holds one) that nothing joins to more: it
/// is a token at once (`next`: the byte after the head). Also whether it
/// has such a head.
#[inline(always)]
fn is_plain(s: &str, w: &Word, under: bool, next: Option<u8>) -> (bool, bool) {
    let b = s.as_bytes();
    let (at, end) = (w.start, w.start + w.head);
    let headed = w.head != 0 && !(under && b.get(at..end).is_some_and(|h| h.contains(&b'_')));
    let plain = headed
        && match next {
            None => true,
            // (a `.` that ends a sentence: not taken in)
            Some(b'.') => {
                b.get(end + 1)
                    .is_none_or(|&z| z < 0x80 && !z.is_ascii_alphabetic())
                    && !(w.head == 1 && b.get(at).is_some_and(u8::is_ascii_uppercase)
                        || s.get(at..end).is_some_and(is_dot_word))
            }
            Some(y) => CLASS[usize::from(y)] & JOIN == 0,
        };
    (plain, headed)
}

/// From word start `k`, the scan at byte `i` with no line break since the
/// last token, in a text without `_`: take the words while each is plain
/// ([`is_plain`]) and at most one ASCII punctuation mark and a space lie
/// before it ([`one_mark`]): the common case, in a tight loop. Where it
/// stops: the next word start and byte.
#[inline(never)]
fn plain_run<'a>(
    s: &'a str,
    words: &'a [Word],
    lower: &mut LowerSet<'a>,
    out: &mut Sink<'_>,
    mut k: usize,
    mut i: usize,
) -> (usize, usize) {
    let b = s.as_bytes();
    while let Some(w) = words.get(k) {
        let at = w.start;
        if at != i {
            match one_mark(b, i, at) {
                Some(x) => {
                    out.push(Found::mark(i, x), false);
                    i = at;
                }
                None => break,
            }
        }
        let end = at + w.head;
        let next = b.get(end).copied();
        if !is_plain(s, w, false, next).0 {
            break;
        }
        let f = plain(s, lower, w, k);
        out.push(f, false);
        // (the one space after a word, the common case, skipped here)
        i = end + usize::from(next == Some(b' '));
        k += 1;
    }
    (k, i)
}

/// Tokenize `s`, whose word starts are `words` (its
/// [`word_starts`](crate::text::words::word_starts)); `sent_starts` are
/// the sentence start offsets (sorted). A word start whose head is all of
/// its token (most are) is a token at once ([`plain_run`] takes runs of
/// them), and most other words are taken by [`joined`]; the bytes between
/// are scanned (the rest by calls of [`step`]). Each token is placed
/// (sentence start, line) as it is found.
#[inline(never)]
pub fn tokenize<'a>(s: &'a str, words: &'a [Word], sent_starts: &[usize]) -> Tokens<'a> {
    let n = s.len();
    let b = s.as_bytes();
    let mut out = Sink::new(words.len(), sent_starts);
    let mut lower = LowerSet::new(s, words);
    // A line break lies between the last token and the next.
    let mut nl = true;
    // (a word holds a `_` only when the text does)
    let under = memchr::memchr(b'_', b).is_some();
    let mut i = 0;
    let mut k = 0;
    loop {
        if !nl && !under {
            (k, i) = plain_run(s, words, &mut lower, &mut out, k, i);
        }
        let Some(w) = words.get(k) else { break };
        k += 1;
        let at = w.start;
        if at != i {
            if at < i {
                // (inside a token taken already: "U.S", "O’Brien")
                continue;
            }
            if let Some(x) = one_mark(b, i, at) {
                out.push(Found::mark(i, x), nl);
                nl = false;
                i = at;
            } else {
                (i, nl) = scan(s, &mut lower, &mut out, nl, i, at);
                if i > at {
                    continue;
                }
            }
        }
        let end = at + w.head;
        let next = b.get(end).copied();
        let (plain_word, headed) = is_plain(s, w, under, next);
        if plain_word {
            let f = plain(s, &mut lower, w, k - 1);
            out.push(f, nl);
            nl = false;
            // (the one space after a word, the common case, skipped here)
            i = end + usize::from(next == Some(b' '));
        } else if let Some(f) = headed.then(|| joined(s, &mut lower, at, end)).flatten() {
            out.push(f, nl);
            nl = false;
            i = f.end + usize::from(b.get(f.end) == Some(&b' '));
        } else {
            // (a word from `i` on: one step)
            (i, nl) = scan(s, &mut lower, &mut out, nl, i, i + 1);
        }
    }
    scan(s, &mut lower, &mut out, nl, i, n);
    out.finish(lower)
}

/// The whitespace-separated words of `t` joined by single spaces (a copy
/// of `t` when it is already so).
pub fn join_words(t: &str) -> String {
    let mut out = String::new();
    join_words_into(t, &mut out);
    out
}

/// [`join_words`] into `out` (cleared first).
pub fn join_words_into(t: &str, out: &mut String) {
    out.clear();
    if is_joined(t.as_bytes()) {
        out.push_str(t);
        return;
    }
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// `t` is ASCII with single spaces between words and none at its ends
/// (nothing for [`join_words`] to fold): eight bytes at a time.
fn is_joined(t: &[u8]) -> bool {
    const H: u64 = 0x8080_8080_8080_8080;
    // (each byte's high bit: the byte, ASCII, is at least `c`)
    let at_least = |x: u64, c: u64| x.wrapping_add((0x80 - c) * 0x0101_0101_0101_0101) & H;
    if t.first() == Some(&b' ') || t.last() == Some(&b' ') {
        return false;
    }
    let mut space = false;
    let mut chunks = t.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let sp = at_least(w, 0x20) & !at_least(w, 0x21);
        if w & H != 0
            || at_least(w, 0x09) & !at_least(w, 0x0e) != 0
            || sp & sp >> 8 != 0
            || space && sp & 0x80 != 0
        {
            return false;
        }
        space = sp >> 63 != 0;
    }
    for &c in chunks.remainder() {
        if c == b' ' && space || matches!(c, 0x09..=0x0d | 0x80..) {
            return false;
        }
        space = c == b' ';
    }
    true
}

/// True when the word starts with an upper-case letter.
pub fn is_cap(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

/// True when every letter is upper-case and there are at least two.
#[inline]
pub fn is_all_caps(w: &str) -> bool {
    // Most words fail on their first two bytes (an ASCII lower-case
    // byte is a lower-case char): decide those without a call.
    let b = w.as_bytes();
    if b.first().is_some_and(u8::is_ascii_lowercase) || b.get(1).is_some_and(u8::is_ascii_lowercase)
    {
        return false;
    }
    all_caps_scan(w)
}

/// [`is_all_caps`] after its quick test: the whole word.
#[inline(never)]
fn all_caps_scan(w: &str) -> bool {
    let mut n = 0;
    // ASCII bytes first; the rest (from the first non-ASCII byte) by chars.
    let b = w.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c >= 0x80 {
            break;
        }
        if c.is_ascii_lowercase() {
            return false;
        }
        n += usize::from(c.is_ascii_uppercase());
        i += 1;
    }
    for c in w.get(i..).unwrap_or("").chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            n += 1;
        }
    }
    n >= 2
}

/// `SMITH` -> `Smith`, `MCALLISTER` -> `Mcallister`; other words unchanged.
pub fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut first = true;
    for c in w.chars() {
        if first {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        first = !c.is_alphabetic();
    }
    out
}

/// A single capital letter with a period (`R.`), or dotted initials (`H.W.`).
pub fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    match b.len() {
        2 => b[0].is_ascii_uppercase() && b[1] == b'.',
        4 => b[0].is_ascii_uppercase() && b[1] == b'.' && b[2].is_ascii_uppercase() && b[3] == b'.',
        _ => false,
    }
}

/// Drop accents from Latin letters (`Núñez` -> `Nunez`), keeping case.
pub fn deaccent(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'O',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
            'ñ' => 'n',
            'Ñ' => 'N',
            'ç' => 'c',
            'Ç' => 'C',
            c => c,
        })
        .collect()
}

/// Fold a name for comparison: lower case, accents and punctuation dropped.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into `out` (cleared first).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if alnum_run(s.as_bytes(), 0) == s.len() {
        // The most common case: one plain word.
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    if s.is_ascii() {
        // The common case: no accents, one-byte lower case; letters and
        // digits a run at a time.
        let b = s.as_bytes();
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            if c.is_ascii_alphanumeric() {
                let e = alnum_run(b, i + 1);
                let at = out.len();
                out.push_str(&s[i..e]);
                if let Some(t) = out.get_mut(at..) {
                    t.make_ascii_lowercase();
                }
                i = e;
                continue;
            }
            if (c == b' ' || c == b'-') && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            i += 1;
        }
        if out.ends_with(' ') {
            out.pop();
        }
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            // The common case: no accents, one-byte lower case.
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if (c == ' ' || c == '-') && !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            continue;
        }
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                'a'
            }
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::word_starts;

    /// [`pack`] of `b[i..j]` lower-cased ([`Packed::lower`]), when those are
    /// 1 to 16 ASCII letters and digits: with two loads when 16 bytes of `b`
    /// follow `i`, and the case bit set on every byte (a letter's is its
    /// case; a digit has it set already).
    #[inline(always)]
    fn pack_alnum_lower(b: &[u8], i: usize, j: usize) -> Option<Packed> {
        const CASE: u64 = 0x2020_2020_2020_2020;
        let n = j - i;
        let Some(c) = b.get(i..i + 16).and_then(|c| c.split_first_chunk::<8>()) else {
            return pack(b.get(i..j)?).map(Packed::lower);
        };
        if n == 0 || n > 16 {
            return None;
        }
        let a = u64::from_le_bytes(*c.0) | CASE;
        let n = n as u32;
        Some(if n > 8 {
            let z = c.1.first_chunk::<8>().map_or(0, |z| u64::from_le_bytes(*z));
            Packed(a, (z | CASE) & low_bytes(n as usize - 8), n)
        } else {
            Packed(a & low_bytes(n as usize), 0, n)
        })
    }

    /// What [`tokenize_ref`] returns: tokens, lower-case words, capitals,
    /// parentheses, lines.
    type RefTokens<'a> = (
        Vec<Tok>,
        WordSet<'a>,
        Vec<usize>,
        Vec<usize>,
        Vec<(usize, usize)>,
    );

    /// The tokenizer as it was (one word set for the lower-case words, a
    /// cache of recent ones in front): the reference for [`tokenize`].
    fn tokenize_ref<'a>(s: &'a str, sent_starts: &[usize]) -> RefTokens<'a> {
        let n = s.len();
        let b = s.as_bytes();
        let mut toks: Vec<Tok> = Vec::with_capacity(n / 5 + 1);
        let mut lower = WordSet::with_capacity(n / 16);
        let mut caps = Vec::with_capacity(n / 32);
        let mut parens = Vec::new();
        let mut lines: Vec<(usize, usize)> = Vec::new();
        // Lower-case words inserted lately, by a small hash of their bytes.
        let mut recent: [&[u8]; 256] = [&[]; 256];
        let mut i = 0;
        let mut nl = true;
        let mut si = 0; // next sentence start index
        let mut next_sent = sent_starts.first().copied().unwrap_or(usize::MAX);
        while i < n {
            let x = b[i];
            let c = if x < 0x80 {
                match x {
                    b' ' | 0x09 | 0x0b..=0x0d => {
                        i += 1;
                        continue;
                    }
                    b'\n' => {
                        nl = true;
                        i += 1;
                        continue;
                    }
                    _ => char::from(x),
                }
            } else {
                let c = ch(s, i);
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
                c
            };
            let start = i;
            let mut sent_start = false;
            while next_sent <= start {
                sent_start = true;
                si += 1;
                next_sent = sent_starts.get(si).copied().unwrap_or(usize::MAX);
            }
            let cap = if x < 0x80 {
                x.is_ascii_uppercase()
            } else {
                c.is_uppercase()
            };
            if nl {
                lines.push((toks.len(), 0));
            }
            if !alnum(c) {
                if x == b'(' {
                    parens.push(toks.len());
                }
                toks.push(Tok {
                    start,
                    end: start + c.len_utf8(),
                    core_end: start + c.len_utf8(),
                    kind: Kind::Punct,
                    poss: false,
                    nl_before: nl,
                    sent_start,
                    cap,
                    first: x,
                });
                nl = false;
                i += c.len_utf8();
                continue;
            }
            // A word; `j` is a byte position. `cased`: it may hold a character
            // that lower-casing changes (an ASCII capital, or a non-ASCII
            // character other than the connectors `’` and `–`).
            let mut j = i + c.len_utf8();
            let mut cased = x >= 0x80;
            // A '.' was taken inside the word ("U.S").
            let mut dotted = false;
            let mut class = 0;
            while j < n {
                // Plain letters and digits first.
                let run = b[j..]
                    .iter()
                    .position(|&y| {
                        let k = CLASS[usize::from(y)];
                        class |= k;
                        k & ALNUM == 0
                    })
                    .unwrap_or(n - j);
                j += run;
                if j >= n {
                    break;
                }
                let y = b[j];
                if y < 0x80 && !matches!(y, b'\'' | b'-' | b'&' | b'.') {
                    break;
                }
                let d = ch(s, j);
                let j1 = j + d.len_utf8();
                if alnum(d) {
                    cased = true;
                    j = j1;
                } else if (is_apos(d) || d == '-' || d == '&' || d == '\u{2013}')
                    && alnum(ch(s, j1))
                {
                    // (the character after the connector is not scanned above)
                    cased |= b
                        .get(j1)
                        .is_none_or(|&z| z >= 0x80 || z.is_ascii_uppercase());
                    j = after(s, j1);
                } else if d == '.' {
                    let word = &s[start..j];
                    let c1 = ch(s, j1);
                    if word.len() <= 4 && c1.is_alphabetic() && !ch(s, after(s, j1)).is_lowercase()
                    {
                        // U.S / H.W / a.m
                        j = j1;
                        dotted = true;
                    } else {
                        // A single capital, dotted initials or an abbreviation.
                        let single = word.len() == c.len_utf8() && cap;
                        if single || dotted || is_dot_word(word) {
                            j = j1;
                        }
                        break;
                    }
                } else {
                    break;
                }
            }
            // "O’ Dwyer": a single capital with an apostrophe before a space.
            if j == i + 1 && matches!(x, b'O' | b'D') && is_apos(ch(s, j)) {
                let sp = after(s, j);
                if ch(s, sp) == ' ' && ch(s, sp + 1).is_uppercase() {
                    let mut k = sp + 1;
                    while k < n && ch(s, k).is_alphabetic() {
                        k = after(s, k);
                    }
                    j = k;
                }
            }
            let mut end = j;
            let mut core_end = end;
            let mut poss = false;
            // `'s` / `’s` (E2 80 99 73) at the end.
            let wb = &b[start..end];
            let last_s = wb.last() == Some(&b's');
            let suffix = match wb {
                [.., b'\'', b's'] => 2,
                [.., 0xE2, 0x80, 0x99, b's'] => 4,
                _ => 0,
            };
            if suffix > 0 {
                if wb.len() > suffix {
                    core_end = end - suffix;
                    poss = true;
                }
            } else if last_s && is_apos(ch(s, j)) && !alnum(ch(s, after(s, j))) {
                // plural possessive: Investigations'
                poss = true;
                end = after(s, j);
                j = end;
            }
            let lower_first = if x < 0x80 {
                x.is_ascii_lowercase()
            } else {
                c.is_lowercase()
            };
            if lower_first {
                let core = &s[start..core_end];
                // A word met lately is in the set already.
                let cb = core.as_bytes();
                let (b0, b1) = (cb.first().copied(), cb.last().copied());
                let h = (cb.len() * 31
                    + usize::from(b0.unwrap_or(0))
                    + usize::from(b1.unwrap_or(0)) * 7)
                    % 256;
                if recent[h] != cb {
                    if !cased && class & UPPER == 0 {
                        // (lower-casing would not change it)
                        recent[h] = cb;
                        lower.insert_text(core);
                    } else {
                        lower.id_or_copy(&core.to_lowercase());
                    }
                }
            }
            if cap {
                caps.push(toks.len());
            }
            if core_end - start > 3 {
                if let Some(l) = lines.last_mut() {
                    l.1 += 1;
                }
            }
            toks.push(Tok {
                start,
                end,
                core_end,
                kind: Kind::Word,
                poss,
                nl_before: nl,
                sent_start,
                cap,
                first: x,
            });
            nl = false;
            i = j;
        }
        (toks, lower, caps, parens, lines)
    }

    /// Texts built from pieces that exercise every branch of the tokenizer.
    fn tricky_texts() -> Vec<String> {
        let pieces = [
            " ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{2003}",
            "Joseph",
            "R.",
            "Biden",
            ",",
            "Jr.",
            "jr.",
            "U.S.",
            "u.s.",
            "a.m.",
            "H.W.",
            "O’",
            "O'",
            "D’",
            " Dwyer",
            "Brien",
            "’s",
            "'s",
            "s'",
            "s’",
            "Investigations",
            "'",
            "’",
            "-",
            "–",
            "&",
            ".",
            "rock",
            "n",
            "iPhone",
            "IPHONE",
            "Émile",
            "élan",
            "Núñez",
            "\u{212a}ing",
            "King",
            "king",
            "kings",
            "well",
            "Known",
            "known",
            "(",
            ")",
            "“",
            "”",
            "\"",
            "1",
            "42",
            "x",
            "X",
            "St.",
            "Mr.",
            "v.",
            "vs.",
            "Inc.",
            "abcdefghijklmnopq",
            "ABCDEFGHIJKLMNOP",
            "aß",
            "İstanbul",
            "_",
            "\u{0}",
            "é",
            "s",
            "S",
            "co-defendant",
            "Lazo-Sanchez",
            "AT&T",
            "e.g.",
            "Ⅷ",
            "Ⓐ",
            "Tenn",
            "end",
            "a_b",
            "9",
            "—",
            "’S",
            "'S",
            "D",
            "O",
            "U.",
            "Mr",
            "ab.",
            "a.",
            "rock’n’roll",
            "x-É",
            "é-x",
            "\u{2060}",
        ];
        let mut out = Vec::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in [1, 2, 3, 5, 8, 13, 40, 200] {
            for _ in 0..300 {
                let mut t = String::new();
                for _ in 0..len {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    t.push_str(pieces[(x % pieces.len() as u64) as usize]);
                }
                out.push(t);
            }
        }
        out
    }

    /// [`LowerSet::contains`] by a walk over the words (unless the
    /// filter answers).
    fn walked(lower: &LowerSet, l: &str) -> bool {
        lower.walks.set(0);
        lower.contains(l)
    }

    /// [`LowerSet::contains`] by the table.
    fn tabled(lower: &LowerSet, l: &str) -> bool {
        lower.walks.set(WALKS);
        lower.contains(l)
    }

    #[test]
    fn tokenize_agrees_with_the_reference() {
        for t in tricky_texts() {
            let starts: Vec<usize> = (0..t.len())
                .filter(|&i| t.is_char_boundary(i) && i % 7 == 0)
                .collect();
            let words = word_starts(&t);
            let new = tokenize(&t, &words, &starts);
            let (toks, lower, caps, parens, lines) = tokenize_ref(&t, &starts);
            assert_eq!(new.toks, toks, "{t:?}");
            assert_eq!(new.caps, caps, "{t:?}");
            assert_eq!(new.parens, parens, "{t:?}");
            assert_eq!(new.lines, lines, "{t:?}");
            for tok in &toks {
                let w = tok.core(&t);
                for q in [w.to_string(), w.to_lowercase(), w.to_ascii_lowercase()] {
                    let q2 = q.strip_suffix('s').unwrap_or("").to_string();
                    for q in [q, q2] {
                        let want = lower.contains(&q);
                        assert_eq!(walked(&new.lower, &q), want, "{t:?} {q:?}");
                        assert_eq!(tabled(&new.lower, &q), want, "{t:?} {q:?}");
                        if let Some(k) = pack(q.as_bytes()) {
                            assert_eq!(new.lower.contains_key(k), want, "{t:?} {q:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn tokenize_agrees_with_the_reference_on_the_corpus() {
        let mut n = 0;
        for t in crate::corpus_texts() {
            let text = crate::text::Text::new(&t);
            let starts: Vec<usize> = text.sentences.iter().map(|s| s.0).collect();
            let new = tokenize(&t, &text.words, &starts);
            let (toks, lower, caps, parens, lines) = tokenize_ref(&t, &starts);
            assert_eq!(new.toks, toks);
            assert_eq!(new.caps, caps);
            assert_eq!(new.parens, parens);
            assert_eq!(new.lines, lines);
            for tok in &toks {
                let l = tok.core(&t).to_lowercase();
                let want = lower.contains(&l);
                assert_eq!(walked(&new.lower, &l), want, "{l:?}");
                assert_eq!(tabled(&new.lower, &l), want, "{l:?}");
            }
            n += toks.len();
        }
        assert!(n > 1000);
    }

    #[test]
    fn alnum_runs() {
        let t: Vec<u8> = (0..=255u8)
            .chain(
                b"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    .iter()
                    .copied(),
            )
            .chain(0..=255u8)
            .collect();
        for i in 0..t.len() {
            let want = i + t[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            assert_eq!(alnum_run(&t, i), want, "{i}");
        }
    }

    #[test]
    fn packed_keys() {
        for w in [
            "a",
            "ab",
            "abc",
            "abcd",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnop",
        ] {
            let k = pack(w.as_bytes()).unwrap();
            let up = w.to_ascii_uppercase();
            assert_eq!(pack(up.as_bytes()).unwrap().lower(), k);
            assert_eq!(k.last(), *w.as_bytes().last().unwrap());
            assert_eq!(k.drop_last(), pack(&w.as_bytes()[..w.len() - 1]));
        }
        // The hash of a key is the head hash of its bytes, as a word
        // start's.
        let t = "x HelloWorld0s abcdefghijklmnop q_r a'b Some-MORE by.tes 0123456789Zz 12345678";
        for w in word_starts(t) {
            if let Some(k) = pack_alnum_lower(t.as_bytes(), w.start, w.start + w.head) {
                assert_eq!(k.hash(), w.hash, "{w:?}");
            }
        }
        for i in 0..t.len() {
            for j in i + 1..=t.len().min(i + 16) {
                let k = pack(&t.as_bytes()[i..j]).unwrap();
                assert_eq!(k.hash(), crate::text::words::head_hash(&t.as_bytes()[i..j]));
            }
        }
        assert_eq!(
            pack(b"Hello-World's").unwrap().lower(),
            pack(b"hello-world's").unwrap()
        );
        let t = b"x HelloWorld0s abcdefghijklmnopq and Some MORE bytes 0123456789Zz";
        for i in 0..t.len() {
            for j in i..=t.len() {
                if t[i..j].iter().all(u8::is_ascii_alphanumeric) {
                    let want = pack(&t[i..j]).map(Packed::lower);
                    assert_eq!(pack_alnum_lower(t, i, j), want, "{i} {j}");
                }
            }
        }
        assert!(pack(b"").is_none());
        assert!(pack(b"abcdefghijklmnopq").is_none());
        assert!(pack("é".as_bytes()).is_none());
        assert_ne!(pack(b"ab"), pack(b"ab\0"));
    }

    fn words(s: &str) -> Vec<String> {
        tokenize(s, &word_starts(s), &[0])
            .toks
            .iter()
            .map(|t| t.core(s).to_string())
            .collect()
    }

    #[test]
    fn join_words_folds_whitespace() {
        for t in [
            "",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\nb",
            "a\u{a0}b",
            "Núñez  Vélez",
            " ",
            "John Q. Public-Smith",
            "John Q. Public-Smith ",
            "abcdefg hijklmno",
            "abcdefgh  ijklmno",
            "abcdefg  hijklmno",
            "abcdefghijklmno\u{2003}",
            "abcdefgh\tijklmno",
            " abcdefghijklmno",
            "abcdefghijklmnop\x01q",
        ] {
            assert_eq!(is_joined(t.as_bytes()), join_words(t) == t, "{t:?}");
            assert_eq!(
                join_words(t),
                t.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn lower_words_hold_the_lower_case_words() {
        let mut t = String::from("The Court's ruling, O'Brien's well-known rock\u{2019}n\u{2019}roll iPhone Émile élan; ");
        for k in 0..500 {
            t.push_str(&format!("w{k} x{k}y "));
        }
        let words = word_starts(&t);
        let lower = tokenize(&t, &words, &[0]).lower;
        for w in [
            "ruling",
            "well-known",
            "rock\u{2019}n\u{2019}roll",
            "iphone",
            "élan",
            "w0",
            "x499y",
        ] {
            assert!(walked(&lower, w) && tabled(&lower, w), "{w}");
        }
        for w in [
            "the", "court", "o'brien", "émile", "", "w500", "x500y", "iPhone",
        ] {
            assert!(!walked(&lower, w) && !tabled(&lower, w), "{w}");
        }
    }

    #[test]
    fn dot_words_fit_the_quick_test() {
        assert!(DOT_WORDS.iter().all(|w| is_dot_word(w)));
    }

    #[test]
    fn alnum_is_alphanumeric() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn tokens() {
        assert_eq!(
            words("Joseph R. Biden, Jr. and Johnson’s U.S. case."),
            vec!["Joseph", "R.", "Biden", ",", "Jr.", "and", "Johnson", "U.S.", "case", "."]
        );
        assert_eq!(
            words("O’Brien Lazo-Sanchez"),
            vec!["O’Brien", "Lazo-Sanchez"]
        );
        assert_eq!(
            words("Nora O’ Dwyer said"),
            vec!["Nora", "O’ Dwyer", "said"]
        );
        assert_eq!(fold("Núñez-Vélez"), "nunez velez");
        assert_eq!(
            fold(" U.S. Attorney's  Office - NY-2 "),
            "us attorneys office ny 2"
        );
    }
}

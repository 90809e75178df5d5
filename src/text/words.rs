//! Word starts, found once per document and shared by the gazetteer
//! matchers: each start carries the hash of its *head* (the run of ASCII
//! letters, digits and `_` it starts with), so a matcher turns away a word
//! that begins none of its phrases with one bit test.

/// Longest head that gets a hash; a longer one is hashed by the matchers
/// when they need it.
pub const HEAD_MAX: usize = 48;

/// ASCII letters, digits and `_`: the bytes of a head.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// True for an ASCII letter, digit or `_` (a byte that goes on a head).
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    WORD[usize::from(b)]
}

/// Eight copies of byte `b`.
pub const fn rep8(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The high bit of each byte of a `u64`.
pub const HIGH_BITS: u64 = rep8(0x80);

/// Bit 7 of each byte of `x` (eight bytes, little-endian) that is an ASCII
/// letter; the other bits clear. The eight-byte class tests of the word
/// scans (here, in the entities tokenizer and in `legal`) are built from
/// this one and [`ascii_digits`].
#[inline]
pub fn ascii_letters(x: u64) -> u64 {
    // Each byte's low seven bits, case folded: sums below never carry into
    // the next byte; bytes from 0x80 on are dropped at the end.
    let y = (x | rep8(0x20)) & rep8(0x7f);
    (y + rep8(0x80 - b'a')) & !(y + rep8(0x7f - b'z')) & !x & HIGH_BITS
}

/// Bit 7 of each byte of `x` that is an ASCII digit; the other bits clear.
#[inline]
pub fn ascii_digits(x: u64) -> u64 {
    let x7 = x & rep8(0x7f);
    (x7 + rep8(0x80 - b'0')) & !(x7 + rep8(0x7f - b'9')) & !x & HIGH_BITS
}

/// Bit 7 of each byte of `x` that is an ASCII letter, digit or `_`; the
/// other bits clear.
#[inline]
fn word_bytes(x: u64) -> u64 {
    let z = (x & rep8(0x7f)) ^ rep8(b'_');
    let under = !((z + rep8(0x7f)) | z) & !x & HIGH_BITS;
    ascii_letters(x) | ascii_digits(x) | under
}

/// The length of the run of ASCII letters, digits and `_` at byte `i` of
/// `b` (eight bytes at a time), and the first eight bytes from `i` when
/// `b` has them.
#[inline]
fn run_and_chunk(b: &[u8], i: usize) -> (usize, Option<u64>) {
    let first = b
        .get(i..)
        .and_then(|r| r.first_chunk::<8>())
        .map(|w| u64::from_le_bytes(*w));
    let mut n = 0;
    let mut w = first;
    while let Some(x) = w {
        let k = (!word_bytes(x) & rep8(0x80)).trailing_zeros() as usize / 8;
        n += k;
        if k < 8 {
            return (n, first);
        }
        w = b
            .get(i + n..)
            .and_then(|r| r.first_chunk::<8>())
            .map(|w| u64::from_le_bytes(*w));
    }
    let tail = b.get(i + n..).unwrap_or_default();
    let k = tail
        .iter()
        .position(|&x| !is_word_byte(x))
        .unwrap_or(tail.len());
    (n + k, first)
}

/// The length of the run of ASCII letters, digits and `_` at byte `i` of `b`.
#[inline]
pub fn run_len(b: &[u8], i: usize) -> usize {
    run_and_chunk(b, i).0
}

/// One 8-byte chunk into a head hash.
#[inline]
fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The `n` (at most 8) bytes of `b` at `at`, little-endian, zero-padded
/// (missing bytes count as zero).
#[inline]
pub fn load8(b: &[u8], at: usize, n: usize) -> u64 {
    let keep = u64::MAX.checked_shr(64 - 8 * n.min(8) as u32).unwrap_or(0);
    if let Some(w) = b.get(at..).and_then(|r| r.first_chunk::<8>()) {
        return u64::from_le_bytes(*w) & keep;
    }
    let mut w = [0u8; 8];
    let r = b.get(at..).unwrap_or_default();
    let r = r.get(..n.min(8)).unwrap_or(r);
    if let Some(d) = w.get_mut(..r.len()) {
        d.copy_from_slice(r);
    }
    u64::from_le_bytes(w)
}

/// Up to eight bytes as a little-endian integer, zero-padded (the first
/// eight of a longer slice; overlapping loads, the shared bytes agree).
#[inline]
pub fn le_upto8(w: &[u8]) -> u64 {
    let n = w.len();
    let le4 = |p: &[u8]| u64::from(u32::from_le_bytes([p[0], p[1], p[2], p[3]]));
    if n >= 8 {
        u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
    } else if n >= 4 {
        le4(w) | le4(&w[n - 4..]) << (8 * (n - 4))
    } else if n > 0 {
        u64::from(w[0])
            | u64::from(w[n / 2]) << (8 * (n / 2))
            | u64::from(w[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// An integer with its low `k` bytes set (all of them from `k` = 8 on).
#[inline]
pub fn low_bytes(k: usize) -> u64 {
    if k >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * k)) - 1
    }
}

/// [`head_hash`] of a head of `len` (1 to 8) bytes, given as the eight
/// bytes `w` starting with it.
#[inline]
fn hash8(w: u64, len: usize) -> u64 {
    const FOLD: u64 = rep8(0x20);
    let keep = u64::MAX >> (8 * (8 - len));
    let h = mix(0, (w & keep) | (FOLD >> (8 * (8 - len))));
    h ^ (h >> 29)
}

/// [`low_bytes`] of 0 to 8, looked up.
static KEEP: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut k = 1;
    while k < 9 {
        t[k] = u64::MAX >> (8 * (8 - k));
        k += 1;
    }
    t
};

/// [`hash8`] with the mask of the head's bytes looked up in [`KEEP`]
/// (fewer steps than shifts by the length).
#[inline(always)]
fn hash8_keep(w: u64, len: usize) -> u64 {
    let keep = KEEP.get(len).copied().unwrap_or(u64::MAX);
    let h = mix(0, (w | rep8(0x20)) & keep);
    h ^ (h >> 29)
}

/// Hash of an ASCII head, ASCII letters lower-cased: eight bytes at a time,
/// each byte with its `0x20` bit set (which lower-cases a letter, keeps a
/// digit, and turns `_` into a byte no head holds).
#[inline]
pub fn head_hash(head: &[u8]) -> u64 {
    hash_at(head, 0, head.len())
}

/// [`head_hash`] of the `len` bytes of `b` at `at`.
#[inline]
pub fn hash_at(b: &[u8], at: usize, len: usize) -> u64 {
    const FOLD: u64 = 0x2020_2020_2020_2020;
    let mut h: u64 = 0;
    let (mut k, end) = (at, at + len);
    while k + 8 <= end {
        h = mix(h, load8(b, k, 8) | FOLD);
        k += 8;
    }
    let rest = end - k;
    if rest > 0 {
        h = mix(h, load8(b, k, rest) | (FOLD >> (8 * (8 - rest))));
    }
    // Bring the high bits down: the low ones pick the table slot.
    h ^ (h >> 29)
}

/// `c.is_alphanumeric()`, answered at once for the general punctuation
/// (U+2000 to U+206F: curly quotes and apostrophes, dashes, spaces; none
/// is a letter or digit) without the Unicode tables.
#[inline]
pub fn alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// True when byte `i` (a char boundary) is not preceded by a word character
/// (a letter, a digit or `_`).
pub fn word_start(text: &str, i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = text.as_bytes()[i - 1];
    if p < 0x80 {
        return !(p.is_ascii_alphanumeric() || p == b'_');
    }
    !text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| alphanumeric(c) || c == '_')
}

/// One word start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word's first character (a letter or digit).
    pub start: usize,
    /// [`head_hash`] of the head, case folded (0 when `head` is 0): the
    /// matchers of case-exact lists check the case when the hash agrees.
    pub hash: u64,
    /// Length of its head (the run of ASCII letters, digits and `_` it
    /// starts with) when at most [`HEAD_MAX`] bytes long, else 0 (also
    /// when the word starts with a non-ASCII letter).
    pub head: usize,
    /// [`head_key`] of the head (0 or 32 when `head` is 0): the matchers turn
    /// away most words with one bit test of it.
    pub key: u32,
}

/// The key of a head hashing to `hash`, whose first byte is `first`:
/// some bits of the hash, and the case bit (`0x20`) of that byte (which a
/// word and the first segment of a case-exact phrase it starts agree on;
/// a digit has it set, as a lower-case letter). A word without a head has
/// key 0 or 32 (its hash is 0).
#[inline]
pub fn head_key(hash: u64, first: u8) -> u32 {
    (hash >> 32) as u32 ^ u32::from(first & 0x20)
}

/// The high bits of the eight bytes of `m` (each byte 0 or 0x80) as the
/// low eight bits, byte `k` to bit `k`: one multiplication moves bit 7 of
/// byte `k` to bit `56 + k`, and nothing else there.
#[inline(always)]
fn gather(m: u64) -> u64 {
    m.wrapping_mul(GATHER) >> 56
}

/// The multiplier of [`gather`].
const GATHER: u64 = 0x0002_0408_1020_4081;

/// The high byte of a `u64`.
const TOP_BYTE: u64 = 0xff << 56;

/// The eight bytes of `b` at `at`, little-endian, zero-padded past the end.
#[inline(always)]
fn chunk_at(b: &[u8], at: usize) -> u64 {
    match b.get(at..).and_then(|r| r.first_chunk::<8>()) {
        Some(w) => u64::from_le_bytes(*w),
        None => load8(b, at, 8),
    }
}

/// [`ascii_letters`] or [`ascii_digits`] of `x`, in one.
#[inline(always)]
fn alnum_bytes(x: u64) -> u64 {
    let x7 = x & rep8(0x7f);
    let y = x7 | rep8(0x20);
    let letter = y.wrapping_add(rep8(0x80 - b'a')) & !y.wrapping_add(rep8(0x7f - b'z'));
    let digit = x7.wrapping_add(rep8(0x80 - b'0')) & !x7.wrapping_add(rep8(0x7f - b'9'));
    (letter | digit) & !x & HIGH_BITS
}

/// Bit 7 of each byte of `x` that is `_`; the other bits clear.
#[inline(always)]
fn under_bytes(x: u64) -> u64 {
    let z = x ^ rep8(b'_');
    !((z & rep8(0x7f)).wrapping_add(rep8(0x7f)) | z) & HIGH_BITS
}

/// Bit masks of 64 bytes of a text (bit `k` for byte `k`; bytes past the
/// end count as zero).
#[derive(Clone, Copy)]
struct Block {
    /// ASCII letters and digits.
    alnum: u64,
    /// ASCII letters, digits and `_`.
    word: u64,
    /// Bytes from 0x80 on.
    high: u64,
}

/// The [`Block`] of the 64 bytes of `b` from `base`; `under`: the text
/// holds a `_` (else the word mask is the letter and digit one). The mask
/// of bytes from 0x80 on is gathered only when the block has one.
#[inline(always)]
fn block(b: &[u8], base: usize, under: bool) -> Block {
    let pad: [u8; 64];
    let blk = match b.get(base..).and_then(|r| r.first_chunk::<64>()) {
        Some(blk) => blk,
        None => {
            pad = padded(b, base);
            &pad
        }
    };
    let (ws, _) = blk.as_chunks::<8>();
    // Each chunk's eight bits enter at the top as the ones before move
    // down a byte.
    let (mut alnum, mut any) = (0u64, 0);
    for w in ws {
        let x = u64::from_le_bytes(*w);
        any |= x;
        alnum = alnum >> 8 | alnum_bytes(x).wrapping_mul(GATHER) & TOP_BYTE;
    }
    let high = if any & HIGH_BITS != 0 {
        high_mask(blk)
    } else {
        0
    };
    let word = if under {
        alnum | under_mask(blk)
    } else {
        alnum
    };
    Block { alnum, word, high }
}

/// The mask of the bytes from 0x80 on among 64 bytes (apart from
/// [`block`], which needs it only for some blocks).
#[inline(never)]
fn high_mask(blk: &[u8; 64]) -> u64 {
    let (ws, _) = blk.as_chunks::<8>();
    let mut high = 0;
    for (k, w) in ws.iter().enumerate() {
        high |= gather(u64::from_le_bytes(*w) & HIGH_BITS) << (8 * k);
    }
    high
}

/// The mask of the bytes `_` among 64 bytes (apart from [`block`], like
/// [`high_mask`]).
#[inline(never)]
fn under_mask(blk: &[u8; 64]) -> u64 {
    let (ws, _) = blk.as_chunks::<8>();
    let mut under = 0;
    for (k, w) in ws.iter().enumerate() {
        under |= gather(under_bytes(u64::from_le_bytes(*w))) << (8 * k);
    }
    under
}

/// The bytes of `b` from `base` (fewer than `N`), zero-padded to `N`.
#[cold]
fn padded<const N: usize>(b: &[u8], base: usize) -> [u8; N] {
    let mut blk = [0u8; N];
    let r = b.get(base..).unwrap_or_default();
    for (d, &x) in blk.iter_mut().zip(r) {
        *d = x;
    }
    blk
}

/// Bytes of a text that the words of one block read: its 64 and the 16
/// after them (the sixteen bytes from any of its 64 on).
const WINDOW: usize = 80;

/// The word start at byte `i` of `b`, an ASCII letter or digit whose run of
/// ASCII word bytes is `len` bytes long (any length over [`HEAD_MAX`]
/// counts as one).
#[inline(always)]
fn ascii_word(b: &[u8], i: usize, len: usize) -> Word {
    let x = chunk_at(b, i);
    let (head, hash) = if len <= 8 {
        (len, hash8(x, len))
    } else if len <= 16 {
        (len, hash16(x, chunk_at(b, i + 8), len))
    } else if len <= HEAD_MAX {
        (len, hash_at(b, i, len))
    } else {
        (0, 0)
    };
    Word {
        start: i,
        hash,
        head,
        key: head_key(hash, x as u8),
    }
}

/// [`ascii_word`] at byte `k` (below 64) of a block from `base`, read from
/// `win`, the [`WINDOW`] bytes of `b` from `base` (zero-padded past the
/// end): the same word, without a bounds test for heads of up to 16 bytes.
#[inline(always)]
fn block_word(b: &[u8], win: &[u8; WINDOW], base: usize, k: usize, len: usize) -> Word {
    let at = |j: usize| {
        win.get(j..)
            .and_then(|r| r.first_chunk::<8>())
            .map_or(0, |w| u64::from_le_bytes(*w))
    };
    // (`k` is below 64 already; the mask shows the compiler that the
    // sixteen bytes from it lie in the window)
    let k = k & 63;
    let x = at(k);
    let (head, hash) = if len <= 8 {
        (len, hash8_keep(x, len))
    } else if len <= 16 {
        (len, hash16(x, at(k + 8), len))
    } else {
        long_head(b, base + k, len)
    };
    Word {
        start: base + k,
        hash,
        head,
        key: head_key(hash, x as u8),
    }
}

/// The head and its hash of a word at byte `i` of `b` whose run of ASCII
/// word bytes is `len` (over 16) bytes long: none over [`HEAD_MAX`].
#[cold]
#[inline(never)]
fn long_head(b: &[u8], i: usize, len: usize) -> (usize, u64) {
    if len <= HEAD_MAX {
        (len, hash_at(b, i, len))
    } else {
        (0, 0)
    }
}

/// [`head_hash`] of a head of `len` (9 to 16) bytes, given as the sixteen
/// bytes `w0`, `w1` starting with it.
#[inline(always)]
fn hash16(w0: u64, w1: u64, len: usize) -> u64 {
    const FOLD: u64 = rep8(0x20);
    let rest = len - 8;
    let keep = u64::MAX >> (8 * (8 - rest));
    let h = mix(mix(0, w0 | FOLD), (w1 & keep) | (FOLD >> (8 * (8 - rest))));
    h ^ (h >> 29)
}

/// The word starts among the non-ASCII characters of the run of bytes from
/// 0x80 on at byte `i` of `s`, and at the byte after the run when that is
/// an ASCII letter or digit, pushed to `out`.
#[cold]
#[inline(never)]
fn high_run(s: &str, i: usize, out: &mut Vec<Word>) {
    let b = s.as_bytes();
    let mut p = i;
    // Whether the character before `p` is a word character (a letter, a
    // digit or `_`): what `word_start` reads, known from the step before
    // inside the run.
    let mut after_word = !word_start(s, p);
    while let Some(c) = s.get(p..).and_then(|r| r.chars().next()) {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() && !after_word {
                out.push(ascii_word(b, p, run_len(b, p)));
            }
            return;
        }
        // (a non-ASCII character is never `_`)
        let word = alphanumeric(c);
        if word && !after_word {
            out.push(Word {
                start: p,
                hash: 0,
                head: 0,
                key: 0,
            });
        }
        after_word = word;
        p += c.len_utf8();
    }
}

/// The word starts of one block of `s` from `base`, whose masks are `m`,
/// pushed to `out`: `cand`, its candidates; `next_word`, the word mask of
/// the block after it. `HIGH`: the block holds bytes from 0x80 on (else
/// every candidate is an ASCII letter or digit).
#[inline(never)]
fn block_words<const HIGH: bool>(
    s: &str,
    base: usize,
    m: Block,
    next_word: u64,
    mut cand: u64,
    out: &mut Vec<Word>,
) {
    let b = s.as_bytes();
    let pad: [u8; WINDOW];
    let win = match b.get(base..).and_then(|r| r.first_chunk::<WINDOW>()) {
        Some(w) => w,
        None => {
            pad = padded(b, base);
            &pad
        }
    };
    let stops = !m.word;
    // The word at byte `k`, an ASCII letter or digit.
    let word = |k: usize| {
        // The run of ASCII word bytes: exact when it ends in this block
        // or the next, else longer than any head.
        let rest = stops >> k;
        let len = if rest != 0 {
            rest.trailing_zeros() as usize
        } else {
            64 - k + (!next_word).trailing_zeros() as usize
        };
        block_word(b, win, base, k, len)
    };
    while cand != 0 {
        let k = cand.trailing_zeros() as usize;
        cand &= cand - 1;
        if HIGH && m.high >> k & 1 != 0 {
            high_run(s, base + k, out);
        } else {
            out.push(word(k));
        }
    }
}

/// Every position of `s` where a letter or digit follows a non-word
/// character (or the start), in order: 64 bytes at a time, from bit masks
/// of their classes. A position is a start when its character is a letter
/// or digit and the one before is no letter, digit or `_`: an ASCII letter
/// or digit after a byte that is no ASCII word byte and no non-ASCII byte
/// is one (and its head comes from the masks of its block and the next);
/// a run of non-ASCII bytes, and the byte after it, is judged character
/// by character.
pub fn word_starts(s: &str) -> Vec<Word> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n / 5 + 1);
    // (a `_` is a word byte that starts no word)
    let under = memchr::memchr(b'_', b).is_some();
    // One pass: each block's masks are made once, as the next block of
    // the one before (past the end, all zero).
    let mut m = block(b, 0, under);
    // The last byte of the block before: an ASCII word byte, a byte from
    // 0x80 on.
    let (mut prev_word, mut prev_high) = (0u64, 0u64);
    let mut base = 0;
    while base < n {
        let next = block(b, base + 64, under);
        let after_high = m.high << 1 | prev_high;
        let cand = m.alnum & !(m.word << 1 | prev_word | after_high) | m.high & !after_high;
        if m.high == 0 {
            block_words::<false>(s, base, m, next.word, cand, &mut out);
        } else {
            block_words::<true>(s, base, m, next.word, cand, &mut out);
        }
        prev_word = m.word >> 63;
        prev_high = m.high >> 63;
        m = next;
        base += 64;
    }
    out
}

/// Hash of a word's bytes: its length with its first and last (up to)
/// eight bytes, which cover every byte of a word of at most 16 (longer
/// words that differ only inside share a hash, and are told apart by the
/// byte comparison).
#[inline]
pub fn word_hash(w: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let n = w.len();
    let le4 = |p: &[u8]| u64::from(u32::from_le_bytes([p[0], p[1], p[2], p[3]]));
    let v = if n >= 8 {
        let le8 = |p: &[u8]| u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]);
        le8(w) ^ le8(&w[n - 8..]).rotate_left(29)
    } else if n >= 4 {
        le4(w) | le4(&w[n - 4..]) << 32
    } else if n > 0 {
        u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16
    } else {
        0
    };
    (v ^ (n as u64) << 56).wrapping_mul(K) ^ (v >> 32).wrapping_mul(K >> 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    mod reference {
        use super::super::*;

        /// The byte-at-a-time scan that [`word_starts`](super::super::word_starts)
        /// replaced, kept as the reference it must agree with.
        pub(super) fn word_starts(s: &str) -> Vec<Word> {
            let b = s.as_bytes();
            let n = b.len();
            let mut out = Vec::with_capacity(n / 5 + 1);
            let mut i = 0;
            while let Some(&c) = b.get(i) {
                if c < 0x80 {
                    if !is_word_byte(c) {
                        i += 1;
                        continue;
                    }
                    // A run of ASCII letters, digits and `_`: only its first byte
                    // can start a word (the byte before is no ASCII word byte).
                    let (len, chunk) = run_and_chunk(b, i);
                    let starts = c != b'_'
                        && match i.checked_sub(1).and_then(|p| b.get(p)) {
                            Some(&p) if p >= 0x80 => word_start(s, i),
                            _ => true,
                        };
                    if starts {
                        let (head, hash) = match chunk {
                            Some(w) if len <= 8 => (len, hash8(w, len)),
                            _ if len <= HEAD_MAX => (len, hash_at(b, i, len)),
                            _ => (0, 0),
                        };
                        out.push(Word {
                            start: i,
                            hash,
                            head,
                            key: head_key(hash, c),
                        });
                    }
                    // The byte after the run, when ASCII, is no word byte: past it too.
                    i += len + usize::from(b.get(i + len).is_some_and(|&x| x < 0x80));
                } else {
                    // A non-ASCII character: a word start when it is a letter or digit.
                    let ch = s.get(i..).and_then(|r| r.chars().next());
                    if ch.is_some_and(alphanumeric) && word_start(s, i) {
                        out.push(Word {
                            start: i,
                            hash: 0,
                            head: 0,
                            key: 0,
                        });
                    }
                    i += ch.map_or(1, char::len_utf8);
                }
            }
            out
        }
    }

    #[test]
    fn eight_byte_class_masks_agree_with_the_byte_tests() {
        // Every byte value at every position, next to neighbours that could
        // carry or borrow into it.
        for b in 0..=255u8 {
            for k in 0..8 {
                for fill in [0x00u8, b'z', 0x7f, 0xff, b'_'] {
                    let mut w = [fill; 8];
                    w[k] = b;
                    let x = u64::from_le_bytes(w);
                    let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                    assert_eq!(
                        bit(ascii_letters(x)),
                        b.is_ascii_alphabetic(),
                        "{b:#x} at {k}"
                    );
                    assert_eq!(bit(ascii_digits(x)), b.is_ascii_digit(), "{b:#x} at {k}");
                    assert_eq!(bit(word_bytes(x)), is_word_byte(b), "{b:#x} at {k}");
                    assert_eq!(
                        alnum_bytes(x),
                        ascii_letters(x) | ascii_digits(x),
                        "{b:#x} at {k}"
                    );
                    assert_eq!(bit(under_bytes(x)), b == b'_', "{b:#x} at {k}");
                    assert_eq!(under_bytes(x) & !HIGH_BITS, 0);
                    assert_eq!(
                        (ascii_letters(x) | ascii_digits(x) | word_bytes(x)) & !HIGH_BITS,
                        0
                    );
                }
            }
        }
    }

    #[test]
    fn starts_heads_and_folded_hashes() {
        let s = "The U.S. Attorney\u{2019}s Office, O\u{2019}Brien and Núñez_2 (x)";
        let w = word_starts(s);
        let at: Vec<&str> = w.iter().map(|w| &s[w.start..w.start + w.head]).collect();
        // "s" after the curly apostrophe and "Brien" start words too; a
        // head stops at a non-ASCII byte, and a word starting with one has none.
        assert_eq!(
            at,
            vec!["The", "U", "S", "Attorney", "s", "Office", "O", "Brien", "and", "N", "x"]
        );
        assert_eq!(w[1].hash, head_hash(b"u"));
        assert_eq!(w[1].hash, head_hash(b"U"));
        assert_eq!(w[5].hash, head_hash(b"office"));
        // Case folds; `_` stays apart from every letter and digit.
        assert_eq!(head_hash(b"AbC_dEfGh12"), head_hash(b"abc_defgh12"));
        assert_ne!(head_hash(b"ab_"), head_hash(b"ab"));
        assert_ne!(head_hash(b"abcdefgh"), head_hash(b"abcdefgh1"));
        for x in &w {
            assert!(word_start(s, x.start));
            // The key: the hash's bits and the case of the first byte.
            assert_eq!(x.key, head_key(x.hash, s.as_bytes()[x.start]));
        }
        assert_ne!(w[0].key, head_key(head_hash(b"the"), b't'));
    }

    #[test]
    fn eight_bytes_at_once_agree_with_one_at_a_time() {
        for v in 0..=255u8 {
            for at in 0..8 {
                // Neighbours that are and are not word bytes.
                for fill in [b'a', b' ', 0xc3, b'_'] {
                    let mut w = [fill; 8];
                    w[at] = v;
                    let bits = word_bytes(u64::from_le_bytes(w));
                    for (k, &x) in w.iter().enumerate() {
                        assert_eq!(bits >> (8 * k + 7) & 1 == 1, is_word_byte(x), "{w:?}");
                    }
                }
            }
        }
        let s = b"abc_DEF09xyz!Qrstuvwxyz0123456789_ab\xc3\xa9z";
        for i in 0..s.len() {
            let want = s[i..].iter().take_while(|&&x| is_word_byte(x)).count();
            assert_eq!(run_len(s, i), want, "at {i}");
            if let (Some(w), 1..=8) = (s[i..].first_chunk::<8>(), want) {
                assert_eq!(
                    hash8(u64::from_le_bytes(*w), want),
                    head_hash(&s[i..i + want])
                );
                assert_eq!(
                    hash8_keep(u64::from_le_bytes(*w), want),
                    head_hash(&s[i..i + want])
                );
            }
        }
    }

    #[test]
    fn keep_masks_are_the_low_bytes() {
        for (k, &m) in KEEP.iter().enumerate() {
            assert_eq!(m, low_bytes(k), "{k}");
        }
    }

    #[test]
    fn sixteen_byte_hash_agrees() {
        let t = b"AbCdEfGhIjKlMnOpQrStUv_0123456789";
        for i in 0..t.len() - 16 {
            for len in 9..=16 {
                let w0 = u64::from_le_bytes(t[i..i + 8].try_into().unwrap());
                let w1 = u64::from_le_bytes(t[i + 8..i + 16].try_into().unwrap());
                assert_eq!(hash16(w0, w1, len), head_hash(&t[i..i + len]));
            }
        }
    }

    #[test]
    fn gather_takes_the_high_bits() {
        for m in 0..=255u64 {
            let spread = (0..8).fold(0, |a, k| a | (m >> k & 1) << (8 * k + 7));
            assert_eq!(gather(spread), m);
        }
    }

    #[test]
    fn block_scan_agrees_with_the_byte_scan_on_samples() {
        let long = "x".repeat(70);
        let mut texts = vec![
            String::new(),
            "a".into(),
            "_a a_b __ _9 9_".into(),
            "\u{e9}a a\u{e9} \u{2019}s \u{201c}Quote\u{201d} N\u{fa}\u{f1}ez".into(),
            format!("{long} {long}_{long}\u{e9}{long}"),
        ];
        // Words, underscores and non-ASCII characters across every block
        // boundary.
        for pad in 0..70 {
            for tail in ["ab", "_b", "\u{e9}b", "b\u{e9}", "\u{2019}s", "\u{212a}x"] {
                texts.push(format!("{}{tail} {}", " ".repeat(pad), "y".repeat(pad)));
                texts.push(format!("{}{tail}", "z".repeat(pad)));
            }
        }
        for t in &texts {
            assert_eq!(word_starts(t), reference::word_starts(t), "{t:?}");
        }
    }

    #[test]
    fn block_scan_agrees_with_the_byte_scan_on_the_corpus() {
        for s in crate::corpus_texts() {
            assert_eq!(word_starts(&s), reference::word_starts(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn block_scan_agrees_with_the_byte_scan(
            s in "([a-zA-Z0-9]{1,12}|[ _.,'\n-]|\u{e9}|\u{2019}|\u{201c}|\u{a0}|\u{212a}|\u{4e00}|\u{1f600}|x{40,70}){0,80}",
        ) {
            proptest::prop_assert_eq!(word_starts(&s), reference::word_starts(&s));
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }
}

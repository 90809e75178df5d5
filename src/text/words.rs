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

/// [`head_hash`] of a head of `len` (1 to 8) bytes, given as the eight
/// bytes `w` starting with it.
#[inline]
fn hash8(w: u64, len: usize) -> u64 {
    const FOLD: u64 = rep8(0x20);
    let keep = u64::MAX >> (8 * (8 - len));
    let h = mix(0, (w & keep) | (FOLD >> (8 * (8 - len))));
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

/// Every position of `s` where a letter or digit follows a non-word
/// character (or the start), in order.
pub fn word_starts(s: &str) -> Vec<Word> {
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
            }
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }
}

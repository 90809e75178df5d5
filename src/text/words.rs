//! Word starts, found once per document and shared by the gazetteer
//! matchers: each start carries the hash of its *head* (the word up to its
//! first ASCII byte that is not a letter, digit or `_`), so a matcher turns
//! away a word that begins none of its phrases with one bit test.

/// Longest head that gets a hash; a longer one (or one holding non-ASCII
/// bytes) is matched byte by byte.
pub const HEAD_MAX: usize = 48;

/// A byte that ends a head: ASCII, and not a letter, digit or `_`.
#[inline]
pub fn ends_head(b: u8) -> bool {
    b < 0x80 && !(b.is_ascii_alphanumeric() || b == b'_')
}

/// Bytes that go on a head: ASCII letters, digits and `_`, and every
/// non-ASCII byte (a head holding one is not hashed, but it ends only at an
/// ASCII byte that [`ends_head`]).
static GOES_ON: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c >= 0x80 || c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// One 8-byte chunk into a head hash.
#[inline]
fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Hash of an ASCII head, ASCII letters lower-cased: eight bytes at a time,
/// each byte with its `0x20` bit set (which lower-cases a letter, keeps a
/// digit, and turns `_` into a byte no head holds).
#[inline]
pub fn head_hash(head: &[u8]) -> u64 {
    const FOLD: u64 = 0x2020_2020_2020_2020;
    let mut h: u64 = 0;
    let mut chunks = head.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w) | FOLD);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(w) | (FOLD >> (8 * (8 - rest.len()))));
    }
    // Bring the high bits down: the low ones pick the table slot.
    h ^ (h >> 29)
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
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// One word start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word's first character (a letter or digit).
    pub start: usize,
    /// Length of its head when the head is ASCII and at most [`HEAD_MAX`]
    /// bytes long, else 0.
    pub head: usize,
    /// [`head_hash`] of the head, case folded (0 when `head` is 0): the
    /// matchers of case-exact lists check the case when the hash agrees.
    pub hash: u64,
}

/// Every position of `s` where a letter or digit follows a non-word
/// character (or the start), in order.
pub fn word_starts(s: &str) -> Vec<Word> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n / 6);
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            if !c.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            // A non-ASCII character: a word start when it is a letter or digit.
            let ch = s.get(i..).and_then(|r| r.chars().next());
            let len = ch.map_or(1, char::len_utf8);
            if !ch.is_some_and(char::is_alphanumeric) || !word_start(s, i) {
                i += len;
                continue;
            }
        }
        // An ASCII letter or digit starts a word unless a word character
        // comes right before it (the byte before is usually ASCII).
        let starts = c >= 0x80
            || match i.checked_sub(1).map(|p| b[p]) {
                None => true,
                Some(p) if p < 0x80 => !GOES_ON[usize::from(p)],
                Some(_) => word_start(s, i),
            };
        if starts {
            // The head and whether it is ASCII; then its hash.
            let (mut j, mut any) = (i, 0u8);
            while j < n && GOES_ON[usize::from(b[j])] {
                any |= b[j];
                j += 1;
            }
            let ascii = any < 0x80;
            let hashed = ascii && j - i <= HEAD_MAX;
            out.push(Word {
                start: i,
                head: if hashed { j - i } else { 0 },
                hash: if hashed { head_hash(&b[i..j]) } else { 0 },
            });
            if ascii {
                // No word starts inside an ASCII head.
                i = j;
                continue;
            }
        }
        // No word starts right after an ASCII letter, digit or `_`.
        i += if c < 0x80 {
            1
        } else {
            s[i..].chars().next().map_or(1, char::len_utf8)
        };
        while i < n && b[i] < 0x80 && GOES_ON[usize::from(b[i])] {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_heads_and_folded_hashes() {
        let s = "The U.S. Attorney\u{2019}s Office, O\u{2019}Brien and Núñez_2 (x)";
        let w = word_starts(s);
        let at: Vec<&str> = w.iter().map(|w| &s[w.start..w.start + w.head]).collect();
        // "s" after the curly apostrophe and "Brien" start words too; the
        // heads holding non-ASCII bytes are not hashed.
        assert_eq!(
            at,
            vec!["The", "U", "S", "", "s", "Office", "", "Brien", "and", "", "x"]
        );
        assert_eq!(s[w[3].start..].chars().next(), Some('A'));
        assert_eq!(w[1].hash, head_hash(b"u"));
        assert_eq!(w[1].hash, head_hash(b"U"));
        assert_eq!(w[5].hash, head_hash(b"office"));
        // Case folds; `_` stays apart from every letter and digit.
        assert_eq!(head_hash(b"AbC_dEfGh12"), head_hash(b"abc_defgh12"));
        assert_ne!(head_hash(b"ab_"), head_hash(b"ab"));
        assert_ne!(head_hash(b"abcdefgh"), head_hash(b"abcdefgh1"));
        for x in &w {
            assert!(word_start(s, x.start));
        }
    }
}

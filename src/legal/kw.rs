//! Keyword ids: each word token of the legal tokenizer that is one of a
//! fixed list of lower-case ASCII words ([`WORDS`]) gets that word's id once,
//! at tokenization ([`lookup`]), so that rules compare small integers
//! ([`kw!`], [`kws!`]) instead of strings, ASCII case aside.

/// The keywords (lower-case ASCII letters, at most [`MAX_LEN`] of them):
/// word `WORDS[k]` has id `k + 1`; id 0 is "no keyword".
pub(crate) const WORDS: &[&str] = &[
    "a",
    "abetting",
    "about",
    "abuse",
    "accessory",
    "according",
    "accused",
    "acquittal",
    "acquitted",
    "act",
    "acting",
    "activities",
    "activity",
    "additional",
    "admitted",
    "after",
    "against",
    "age",
    "aged",
    "ages",
    "ago",
    "agree",
    "agreed",
    "aiding",
    "all",
    "almost",
    "also",
    "an",
    "and",
    "another",
    "apiece",
    "approximately",
    "are",
    "arising",
    "around",
    "arraigned",
    "arrest",
    "arrested",
    "arson",
    "as",
    "asked",
    "assault",
    "assaulting",
    "assaults",
    "assisting",
    "at",
    "attempted",
    "attempting",
    "automatic",
    "bars",
    "battery",
    "be",
    "because",
    "been",
    "before",
    "behind",
    "between",
    "billion",
    "both",
    "brandishing",
    "bribe",
    "bribery",
    "bribes",
    "bringing",
    "brought",
    "burglaries",
    "burglary",
    "but",
    "by",
    "can",
    "carjacking",
    "carried",
    "carries",
    "carry",
    "carrying",
    "caused",
    "center",
    "charge",
    "charged",
    "charges",
    "charging",
    "clemency",
    "cocaine",
    "coercion",
    "combined",
    "committing",
    "community",
    "commut",
    "commuted",
    "complaint",
    "computer",
    "concealing",
    "concurrent",
    "concurrently",
    "condemn",
    "condemned",
    "conditional",
    "conduct",
    "confinement",
    "consecutive",
    "consecutively",
    "conspiracies",
    "conspiracy",
    "conspire",
    "conspiring",
    "contempt",
    "convict",
    "convicted",
    "convicting",
    "conviction",
    "convictions",
    "correctional",
    "corruption",
    "could",
    "count",
    "counterfeiting",
    "counts",
    "county",
    "couple",
    "crime",
    "crimes",
    "criminal",
    "custody",
    "day",
    "days",
    "dealing",
    "death",
    "decade",
    "decades",
    "defendants",
    "defraud",
    "deprivation",
    "depriving",
    "detention",
    "discharge",
    "discharging",
    "dismissed",
    "distribute",
    "distributing",
    "distribution",
    "dozen",
    "dozens",
    "drew",
    "dropped",
    "drug",
    "drugs",
    "during",
    "each",
    "earlier",
    "earned",
    "eight",
    "eighteen",
    "eighty",
    "electronic",
    "eleven",
    "eluding",
    "embezzlement",
    "embezzling",
    "endangerment",
    "enticement",
    "enticing",
    "entire",
    "escape",
    "espionage",
    "evading",
    "evasion",
    "exactly",
    "exploitation",
    "explosives",
    "exporting",
    "exposure",
    "extortion",
    "face",
    "faced",
    "faces",
    "facility",
    "facing",
    "falsification",
    "falsifying",
    "federal",
    "felonies",
    "felony",
    "fentanyl",
    "fifteen",
    "fifty",
    "filing",
    "firearm",
    "firearms",
    "firing",
    "five",
    "fleeing",
    "followed",
    "following",
    "for",
    "forgery",
    "fortnight",
    "fortnights",
    "forty",
    "four",
    "fourteen",
    "fraud",
    "frauds",
    "friday",
    "from",
    "full",
    "gambling",
    "get",
    "gets",
    "given",
    "got",
    "gratuities",
    "gratuity",
    "greater",
    "guilty",
    "gun",
    "hacking",
    "had",
    "half",
    "hand",
    "handed",
    "harassment",
    "harboring",
    "has",
    "hate",
    "have",
    "having",
    "he",
    "her",
    "heroin",
    "hijacking",
    "him",
    "his",
    "holiday",
    "home",
    "homicide",
    "homicides",
    "house",
    "hundred",
    "i",
    "if",
    "immigration",
    "impersonating",
    "impersonation",
    "importation",
    "importing",
    "impos",
    "imposed",
    "imprison",
    "imprisoned",
    "imprisonment",
    "in",
    "incarcer",
    "incarcerated",
    "incarceration",
    "incest",
    "including",
    "indecency",
    "indicted",
    "indictment",
    "individuals",
    "information",
    "inmates",
    "inside",
    "instead",
    "institution",
    "intimidation",
    "into",
    "introducing",
    "intrusion",
    "investigation",
    "involvement",
    "involving",
    "is",
    "its",
    "jail",
    "jailed",
    "just",
    "kickback",
    "kickbacks",
    "kidnapping",
    "kidnappings",
    "larceny",
    "last",
    "later",
    "launder",
    "laundering",
    "leads",
    "least",
    "led",
    "less",
    "lesser",
    "lewdness",
    "life",
    "limit",
    "limits",
    "locked",
    "lockup",
    "loitering",
    "lynching",
    "made",
    "maintaining",
    "makes",
    "making",
    "mandates",
    "mandatory",
    "manslaughter",
    "manufacture",
    "manufacturing",
    "many",
    "marijuana",
    "max",
    "maximum",
    "may",
    "mayhem",
    "meant",
    "men",
    "methamphetamine",
    "might",
    "million",
    "minimum",
    "mischief",
    "misconduct",
    "misdemeanor",
    "misdemeanors",
    "mo",
    "molestation",
    "monday",
    "month",
    "months",
    "more",
    "mos",
    "mth",
    "mths",
    "much",
    "multiple",
    "murder",
    "murders",
    "my",
    "narcotics",
    "nearly",
    "new",
    "night",
    "nights",
    "nine",
    "nineteen",
    "ninety",
    "no",
    "not",
    "obstructing",
    "obstruction",
    "obtaining",
    "of",
    "offense",
    "offenses",
    "old",
    "olds",
    "on",
    "one",
    "only",
    "or",
    "ordered",
    "other",
    "others",
    "our",
    "over",
    "parole",
    "participating",
    "participation",
    "penalt",
    "penalties",
    "penalty",
    "penitentiary",
    "peonage",
    "people",
    "perjury",
    "persons",
    "piracy",
    "plea",
    "plead",
    "pleaded",
    "pleading",
    "pleads",
    "pleas",
    "pled",
    "plot",
    "plus",
    "pornography",
    "posing",
    "possessing",
    "possession",
    "possible",
    "potential",
    "prison",
    "prisoners",
    "prisons",
    "probation",
    "probe",
    "property",
    "prostitution",
    "providing",
    "punish",
    "punishable",
    "qualified",
    "quarter",
    "quarters",
    "racketeering",
    "rape",
    "rapes",
    "receipt",
    "receiv",
    "receive",
    "received",
    "receives",
    "receiving",
    "reclassif",
    "recommend",
    "recommended",
    "recommending",
    "reduc",
    "reduce",
    "reduced",
    "reduces",
    "reducing",
    "regarding",
    "related",
    "relating",
    "remaining",
    "renting",
    "requested",
    "require",
    "requires",
    "resentenc",
    "respectively",
    "resulted",
    "retaliation",
    "ring",
    "risks",
    "robberies",
    "robbery",
    "role",
    "roughly",
    "row",
    "sale",
    "sales",
    "same",
    "saturday",
    "scheme",
    "schemes",
    "sedition",
    "seek",
    "seeking",
    "seeks",
    "selling",
    "sentenc",
    "sentence",
    "sentenced",
    "sentences",
    "separate",
    "serve",
    "served",
    "serves",
    "service",
    "serving",
    "seven",
    "seventeen",
    "seventy",
    "several",
    "sex",
    "sexual",
    "she",
    "shooting",
    "shoplifting",
    "similar",
    "since",
    "single",
    "six",
    "sixteen",
    "sixty",
    "slavery",
    "smuggling",
    "so",
    "sodomy",
    "solicitation",
    "soliciting",
    "some",
    "sought",
    "spend",
    "spending",
    "spent",
    "stalking",
    "state",
    "statement",
    "statements",
    "statutory",
    "steal",
    "stealing",
    "stemming",
    "still",
    "stint",
    "stretch",
    "structuring",
    "substantive",
    "such",
    "sunday",
    "superseding",
    "supervised",
    "supervision",
    "suspended",
    "tampering",
    "tax",
    "ten",
    "term",
    "terms",
    "terrorism",
    "than",
    "that",
    "the",
    "theft",
    "thefts",
    "their",
    "them",
    "then",
    "these",
    "they",
    "thirteen",
    "thirty",
    "this",
    "those",
    "thousand",
    "threatening",
    "threats",
    "three",
    "through",
    "thursday",
    "to",
    "today",
    "tomorrow",
    "torture",
    "total",
    "trafficking",
    "transportation",
    "transporting",
    "treason",
    "trespass",
    "trespassing",
    "triggered",
    "tuesday",
    "twelve",
    "twenty",
    "two",
    "under",
    "underlying",
    "unless",
    "unsupervised",
    "until",
    "up",
    "upheld",
    "use",
    "using",
    "vandalism",
    "via",
    "violating",
    "violation",
    "violations",
    "wanted",
    "was",
    "we",
    "weapon",
    "weapons",
    "wednesday",
    "week",
    "weeks",
    "well",
    "were",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whole",
    "whom",
    "whose",
    "will",
    "wiretapping",
    "with",
    "without",
    "wk",
    "wks",
    "women",
    "would",
    "year",
    "years",
    "yesterday",
    "your",
    "yr",
    "yrs",
    "zero",
];

/// The longest keyword, in bytes.
pub(crate) const MAX_LEN: usize = {
    let mut m = 0;
    let mut k = 0;
    while k < WORDS.len() {
        if WORDS[k].len() > m {
            m = WORDS[k].len();
        }
        k += 1;
    }
    m
};

/// Slots of the lookup table (a power of two, a few times the keywords).
const SLOTS: usize = 2048;

/// A word of at most 16 bytes packed into two `u64`s (little-endian, zero
/// padded), each byte ORed with 0x20: ASCII letters fold to lower case and
/// no other byte becomes a lower-case letter.
#[inline]
const fn pack(w: &[u8]) -> (u64, u64) {
    let mut p = [0u64; 2];
    let mut k = 0;
    while k < w.len() {
        p[k / 8] |= ((w[k] | 0x20) as u64) << (8 * (k % 8));
        k += 1;
    }
    (p[0], p[1])
}

/// The slot a packed word starts probing at.
#[inline]
const fn slot(lo: u64, hi: u64) -> usize {
    ((lo ^ hi.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOTS.trailing_zeros()))
        as usize
        & (SLOTS - 1)
}

/// Open-addressed table of the packed keywords: their low and high `u64`s
/// and ids by slot. An empty slot has low word 0 (no word of one byte or
/// more packs to it) and id 0.
static TABLE: Table = {
    assert!(WORDS.len() < SLOTS / 2 && WORDS.len() < u16::MAX as usize && MAX_LEN <= 15);
    let mut t = Table {
        lo: [0; SLOTS],
        hi: [0; SLOTS],
        id: [0; SLOTS],
    };
    let mut k = 0;
    while k < WORDS.len() {
        let w = WORDS[k].as_bytes();
        assert!(!w.is_empty() && w.len() <= MAX_LEN);
        let mut j = 0;
        while j < w.len() {
            assert!(w[j].is_ascii_lowercase());
            j += 1;
        }
        let (lo, hi) = pack(w);
        let mut s = slot(lo, hi);
        while t.lo[s] != 0 {
            s = (s + 1) & (SLOTS - 1);
        }
        t.lo[s] = lo;
        t.hi[s] = hi;
        t.id[s] = (k + 1) as u16;
        k += 1;
    }
    t
};

/// The lookup table's columns.
struct Table {
    lo: [u64; SLOTS],
    hi: [u64; SLOTS],
    id: [u16; SLOTS],
}

/// The id of keyword `w` (for constants: a word not in [`WORDS`] is a
/// compile-time error).
pub(crate) const fn id(w: &str) -> u16 {
    let w = w.as_bytes();
    let mut k = 0;
    while k < WORDS.len() {
        let v = WORDS[k].as_bytes();
        if v.len() == w.len() {
            let mut j = 0;
            while j < v.len() && v[j] == w[j] {
                j += 1;
            }
            if j == v.len() {
                return (k + 1) as u16;
            }
        }
        k += 1;
    }
    panic!("not a keyword")
}

/// The id of the word `w`, ASCII case aside; 0 when it is no keyword.
#[inline]
pub(crate) fn lookup(w: &[u8]) -> u16 {
    if w.len() > MAX_LEN {
        return 0;
    }
    let (lo, hi) = pack(w);
    find(lo, hi)
}

/// The id of the word `b[st..end]`, as [`lookup`]: one 16-byte load
/// (ending at `end` near the end of `b`).
#[inline]
pub(crate) fn lookup_at(b: &[u8], st: usize, end: usize) -> u16 {
    let n = end.wrapping_sub(st);
    if n > MAX_LEN || n == 0 {
        // (No keyword is empty, and an empty word would shift by 128 below.)
        return 0;
    }
    let v = if let Some(w) = b
        .get(st..st + 16)
        .and_then(|w| <[u8; 16]>::try_from(w).ok())
    {
        u128::from_le_bytes(w)
    } else if let Some(w) = end
        .checked_sub(16)
        .and_then(|e| b.get(e..end))
        .and_then(|w| <[u8; 16]>::try_from(w).ok())
    {
        // The word is the last `n` bytes.
        u128::from_le_bytes(w) >> (8 * (16 - n))
    } else {
        return b.get(st..end).map_or(0, lookup);
    };
    // The word's bytes only.
    let (ml, mh) = MASKS[n];
    let (lo, hi) = (v as u64 | CASE, (v >> 64) as u64 | CASE);
    find(lo & ml, hi & mh)
}

/// Bit 5 of each of eight bytes: ORed into ASCII letters, lower case.
pub(crate) const CASE: u64 = 0x2020_2020_2020_2020;

/// The id of a word of 1 to 7 bytes packed as [`lookup`] packs it: its
/// bytes ORed with [`CASE`], little-endian, zero padded.
#[inline]
pub(crate) fn lookup_short(lo: u64) -> u16 {
    find(lo, 0)
}

/// The masks of the low and high `u64`s of a packed word of `n` bytes, by
/// `n` (0 to [`MAX_LEN`]).
const MASKS: [(u64, u64); MAX_LEN + 1] = {
    let mut m = [(0u64, 0u64); MAX_LEN + 1];
    let mut n = 0;
    while n <= MAX_LEN {
        let all = (1u128 << (8 * n)) - 1;
        m[n] = (all as u64, (all >> 64) as u64);
        n += 1;
    }
    m
};

/// The id of a packed word.
#[inline]
fn find(lo: u64, hi: u64) -> u16 {
    let mut s = slot(lo, hi);
    loop {
        let el = TABLE.lo[s];
        if el == lo {
            if TABLE.hi[s] == hi {
                return TABLE.id[s];
            }
        } else if el == 0 {
            return 0;
        }
        s = (s + 1) & (SLOTS - 1);
    }
}

/// `u64`s of a [`KwSet`].
const SET_WORDS: usize = WORDS.len() / 64 + 1;

/// A set of keywords: one bit per id.
pub(crate) struct KwSet([u64; SET_WORDS]);

impl KwSet {
    /// The set of `words` (each in [`WORDS`], else a compile-time error).
    pub(crate) const fn new(words: &[&str]) -> KwSet {
        let mut bits = [0u64; SET_WORDS];
        let mut k = 0;
        while k < words.len() {
            let i = id(words[k]) as usize;
            bits[i / 64] |= 1 << (i % 64);
            k += 1;
        }
        KwSet(bits)
    }

    /// The words of both sets.
    pub(crate) const fn union(self, other: KwSet) -> KwSet {
        let mut bits = self.0;
        let mut k = 0;
        while k < SET_WORDS {
            bits[k] |= other.0[k];
            k += 1;
        }
        KwSet(bits)
    }

    /// True when `id` is one of the set's words (never for 0).
    #[inline]
    pub(crate) fn has(&self, id: u16) -> bool {
        let i = usize::from(id);
        self.0.get(i / 64).is_some_and(|b| b >> (i % 64) & 1 != 0)
    }
}

/// The id of a keyword, as a constant: `kw!("life")`.
macro_rules! kw {
    ($w:literal) => {{
        const K: u16 = $crate::legal::kw::id($w);
        K
    }};
}

/// A constant [`KwSet`] of keywords: `kws!["prison", "jail"]`.
macro_rules! kws {
    ($($w:literal),+ $(,)?) => {{
        const S: $crate::legal::kw::KwSet = $crate::legal::kw::KwSet::new(&[$($w),+]);
        &S
    }};
}

pub(crate) use {kw, kws};

#[cfg(test)]
mod tests {
    use super::*;

    /// `lookup_at` finds each keyword (in any case) wherever it sits in a
    /// buffer, near either end too, and nothing for near misses.
    #[test]
    fn lookup_at_agrees_with_lookup() {
        for (k, w) in WORDS.iter().enumerate() {
            let up = w.to_ascii_uppercase();
            let longer = format!("{w}s");
            let shorter = &w[..w.len() - 1];
            for v in [*w, up.as_str(), longer.as_str(), shorter] {
                let want = if v.eq_ignore_ascii_case(w) {
                    k as u16 + 1
                } else {
                    WORDS
                        .iter()
                        .position(|x| x.eq_ignore_ascii_case(v))
                        .map_or(0, |p| p as u16 + 1)
                };
                assert_eq!(lookup(v.as_bytes()), want, "{v}");
                for pre in 0..18 {
                    for post in [0, 1, 5, 15, 16, 17] {
                        let s = format!("{}{v}{}", "x".repeat(pre), "é".repeat(post));
                        let st = pre;
                        let got = lookup_at(s.as_bytes(), st, st + v.len());
                        assert_eq!(got, want, "{s:?}");
                    }
                }
            }
        }
        // The packed form, for words of up to seven bytes.
        for w in WORDS.iter().filter(|w| w.len() < 8) {
            for v in [w.to_string(), w.to_ascii_uppercase(), format!("{w}s")] {
                if v.len() >= 8 {
                    continue;
                }
                let mut buf = [0u8; 8];
                for (d, c) in buf.iter_mut().zip(v.bytes()) {
                    *d = c | 0x20;
                }
                let x = u64::from_le_bytes(buf);
                assert_eq!(lookup_short(x), lookup(v.as_bytes()), "{v}");
            }
        }
        assert_eq!(lookup(b"th\xc3\xa9"), 0);
        assert_eq!(lookup(b"Th@"), 0);
    }
}

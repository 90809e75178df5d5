//! Person-name candidates: capitalized runs that are not organizations,
//! titles, places or common words, judged by first-name and surname lists,
//! titles, suffixes and context ("Smith, 34, of Tulsa", "Smith said").

use super::orgs::tok_at;
use super::tokens::{
    fold_into, has_uncapped_part, is_all_caps, is_initial, join_words_into, Kind, Tok,
};
use super::{Ctx, Test};
use crate::gazetteer::Hit;
#[cfg(doc)]
use crate::gazetteer::List;

/// A fixed list of words as a table built at compile time: a filter per
/// first byte (its low five bits) on the word lengths present, then an
/// open-addressing table keyed by [`WordSet::hash`] (one comparison or
/// two per word that passes the filter, instead of a scan of the list).
struct WordSet {
    /// The words.
    list: &'static [&'static str],
    /// The filter: per first byte, bit `len` (31 for 31 and more).
    mask: [u32; 32],
    /// Slots: index into `list` + 1, or 0 when empty.
    slots: [u8; WordSet::SLOTS],
}

impl WordSet {
    /// Table size (a power of two, at least twice the longest list).
    const SLOTS: usize = 256;

    /// The set of `list` (at most [`WordSet::SLOTS`] / 2 words).
    const fn new(list: &'static [&'static str]) -> WordSet {
        assert!(list.len() <= WordSet::SLOTS / 2);
        let mut mask = [0u32; 32];
        let mut slots = [0u8; WordSet::SLOTS];
        let mut i = 0;
        while i < list.len() {
            let b = list[i].as_bytes();
            assert!(!b.is_empty());
            let l = if b.len() < 31 { b.len() } else { 31 };
            mask[(b[0] & 31) as usize] |= 1 << l;
            let mut h = WordSet::hash(b);
            while slots[h] != 0 {
                h = (h + 1) % WordSet::SLOTS;
            }
            slots[h] = i as u8 + 1;
            i += 1;
        }
        WordSet { list, mask, slots }
    }

    /// The slot a non-empty word `b` hashes to: of its length and its
    /// first, middle and last bytes.
    #[inline]
    const fn hash(b: &[u8]) -> usize {
        let n = b.len();
        let x = (n as u32)
            .wrapping_mul(0x9e37)
            .wrapping_add((b[0] as u32) << 3)
            .wrapping_add((b[n / 2] as u32).wrapping_mul(37))
            .wrapping_add((b[n - 1] as u32).wrapping_mul(113));
        (x ^ x >> 8) as usize % WordSet::SLOTS
    }

    /// `w` is one of the words.
    #[inline]
    fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let Some(&f) = b.first() else {
            return false;
        };
        if self.mask[usize::from(f & 31)] >> b.len().min(31) & 1 == 0 {
            return false;
        }
        let mut h = Self::hash(b);
        loop {
            match self.slots[h] {
                0 => return false,
                e => {
                    if self.list[usize::from(e - 1)] == w {
                        return true;
                    }
                }
            }
            h = (h + 1) % Self::SLOTS;
        }
    }
}

/// Lower-case particles inside surnames ("de la Cruz", "van der Berg").
static PARTICLES: WordSet = WordSet::new(&[
    "de", "la", "del", "della", "van", "von", "der", "den", "da", "di", "du", "le", "bin", "ibn",
    "al", "dos", "das", "y", "ter",
]);

/// Name suffixes (each starts with `J`, `S` or `I`: [`run_end`] tests
/// that first).
static SUFFIXES: WordSet = WordSet::new(&[
    "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "JR.", "JR", "SR.", "SR",
]);

/// Last words of street names.
static STREETS: WordSet = WordSet::new(&[
    "Street",
    "St.",
    "Avenue",
    "Ave.",
    "Road",
    "Rd.",
    "Boulevard",
    "Blvd.",
    "Drive",
    "Lane",
    "Highway",
    "Parkway",
    "Way",
    "Place",
    "Plaza",
    "Square",
    "Court",
    "Ct.",
    "Terrace",
    "Trail",
    "Circle",
    "Pike",
    "Turnpike",
    "Freeway",
    "Expressway",
    "Bridge",
    "Park",
]);

/// First words of place names.
static PLACE_FIRST: WordSet = WordSet::new(&[
    "San", "Santa", "Los", "Las", "El", "Port", "Fort", "Ft.", "Mount", "Mt.", "Lake", "North",
    "South", "East", "West", "Camp", "Saint", "St.", "New", "Upper", "Lower", "Glen", "Cape",
]);

/// Last words of place or thing names.
static PLACE_LAST: WordSet = WordSet::new(&[
    "Hill",
    "Hills",
    "Heights",
    "Park",
    "Bay",
    "Beach",
    "Depot",
    "Springs",
    "Valley",
    "City",
    "Island",
    "Islands",
    "Falls",
    "Harbor",
    "Village",
    "County",
    "Airport",
    "Station",
    "Medal",
    "Ribbon",
    "Award",
    "Prize",
    "Act",
    "List",
    "Notice",
    "Side",
    "Creek",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Forest",
    "Center",
    "Mall",
    "Square",
    "Township",
    "Parish",
    "Warriors",
    "Casino",
    "International",
    "Flight",
    "Airlines",
    "Airways",
    "Air",
    "Cargo",
    "Power",
    "Affairs",
    "Systems",
    "Technologies",
    "Solutions",
    "Resources",
    "Energy",
    "Capital",
    "Associates",
    "Motors",
    "Foods",
    "Products",
    "Pharmaceuticals",
    "Holdings",
    "Media",
    "Boys",
    "Kings",
    "Crew",
    "Posse",
    "Gang",
    "Brothers",
    "Sisters",
    "Team",
]);

/// Words after a name that show it is a person.
static AFTER_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "told",
    "pleaded",
    "pled",
    "was",
    "is",
    "has",
    "had",
    "who",
    "admitted",
    "faces",
    "faced",
    "testified",
    "wrote",
    "added",
    "stated",
    "argued",
    "received",
    "served",
    "will",
    "would",
    "remains",
    "died",
    "agreed",
    "apologized",
    "asked",
    "called",
    "sought",
]);

/// Words before a name that show it is a person.
static BEFORE_WORDS: WordSet = WordSet::new(&[
    "defendant",
    "inmate",
    "named",
    "victim",
    "prisoner",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "mother",
    "father",
    "nephew",
    "niece",
    "cousin",
    "friend",
    "lawyer",
    "attorney",
    "spokesman",
    "spokeswoman",
    "co-defendant",
    "codefendant",
    "fugitive",
    "suspect",
    "grandmother",
    "grandfather",
    "girlfriend",
    "boyfriend",
    "partner",
    "uncle",
    "aunt",
]);

/// Name words: up to [`Words::INLINE`] in place (no allocation per
/// candidate), more on the heap.
#[derive(Debug, Clone)]
pub enum Words<'a> {
    /// The first `n` of the array.
    Inline([&'a str; Words::INLINE], usize),
    /// More than [`Words::INLINE`].
    Heap(Vec<&'a str>),
}

impl Words<'_> {
    /// How many words are kept in place.
    pub const INLINE: usize = 6;
}

impl Default for Words<'_> {
    fn default() -> Self {
        Words::Inline([""; Words::INLINE], 0)
    }
}

impl<'a> std::ops::Deref for Words<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        match self {
            Words::Inline(a, n) => a.get(..*n).unwrap_or(&[]),
            Words::Heap(v) => v,
        }
    }
}

impl<'a> Words<'a> {
    /// The words of `(token, word)` pairs, in order.
    fn of_pairs(pairs: &[(usize, &'a str)]) -> Self {
        if pairs.len() <= Words::INLINE {
            let mut a = [""; Words::INLINE];
            for (x, p) in a.iter_mut().zip(pairs) {
                *x = p.1;
            }
            Words::Inline(a, pairs.len())
        } else {
            Words::Heap(pairs.iter().map(|p| p.1).collect())
        }
    }
}

impl<'a> FromIterator<&'a str> for Words<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(it: I) -> Self {
        let mut out = Words::default();
        for w in it {
            match &mut out {
                Words::Inline(a, n) if *n < Words::INLINE => {
                    a[*n] = w;
                    *n += 1;
                }
                Words::Inline(a, _) => {
                    let mut v = a.to_vec();
                    v.push(w);
                    out = Words::Heap(v);
                }
                Words::Heap(v) => v.push(w),
            }
        }
        out
    }
}

/// One person-name candidate.
#[derive(Debug, Clone, Default)]
pub struct PCand<'a> {
    /// Byte start of the name (title excluded).
    pub start: usize,
    /// Byte end of the name (possessive excluded).
    pub end: usize,
    /// Name words as written, suffix and nickname excluded.
    pub words: Words<'a>,
    /// `Jr.`, `III`, ... or empty.
    pub suffix: &'a str,
    /// Nicknames given in quotes inside the name.
    pub nick: Vec<&'a str>,
    /// Title entry seen right before the name.
    pub title: Option<usize>,
    /// Byte start of the title (== start when none).
    pub title_start: usize,
    /// People-gazetteer entry when the name is a known one.
    pub gaz: Option<usize>,
    /// The first word is a known first name or an initial.
    pub first_known: bool,
    /// Evidence enough to stand as a new person on its own.
    pub strong: bool,
    /// Introduced by "aka" right after the previous candidate.
    pub aka: bool,
}

impl PCand<'_> {
    /// The name as written, whitespace folded, suffix included, into `out`
    /// (cleared first).
    pub fn display_into(&self, s: &str, out: &mut String) {
        if self.nick.is_empty() {
            join_words_into(&s[self.start..self.end], out);
        } else {
            out.clear();
            for (k, w) in self.words.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(w);
            }
            if !self.suffix.is_empty() {
                out.push(' ');
                out.push_str(self.suffix);
            }
        }
    }
}

/// A few values keyed by token index, sorted by it, with a bit per
/// token telling which are set (most tokens are not: no search for them).
#[derive(Debug)]
struct ByToken<T> {
    /// (token, value), sorted by token.
    keys: Vec<(usize, T)>,
    /// Bit `k` is set when token `k` has a value.
    has: Vec<u64>,
}

impl<T: Copy> ByToken<T> {
    /// Room for tokens below `n`, `cap` values.
    fn new(n: usize, cap: usize) -> Self {
        ByToken {
            keys: Vec::with_capacity(cap),
            has: vec![0; n.div_ceil(64)],
        }
    }

    /// Set the value of token `k` (below the `n` given to [`ByToken::new`]).
    fn set(&mut self, k: usize, v: T) {
        if let Some(w) = self.has.get_mut(k / 64) {
            *w |= 1 << (k % 64);
        }
        match self.keys.binary_search_by_key(&k, |e| e.0) {
            Ok(i) => self.keys[i].1 = v,
            Err(i) => self.keys.insert(i, (k, v)),
        }
    }

    /// Whether token `k` has a value.
    #[inline]
    fn has(&self, k: usize) -> bool {
        self.has.get(k / 64).is_some_and(|w| w >> (k % 64) & 1 != 0)
    }

    /// The value of token `k`, if set.
    #[inline]
    fn get(&self, k: usize) -> Option<T> {
        if !self.has(k) {
            return None;
        }
        self.keys
            .binary_search_by_key(&k, |e| e.0)
            .ok()
            .map(|i| self.keys[i].1)
    }
}

/// Token marks.
const FREE: u8 = 0;
const ORG: u8 = 1;
const TITLE: u8 = 2;
const GAZ: u8 = 3;

/// Find person-name candidates, in text order (`people_hits`: the
/// matches of the people list, [`List::People`]).
pub fn find<'a>(
    ctx: &Ctx<'a>,
    org_tokens: &[(usize, usize)],
    people_hits: &[Hit],
) -> Vec<PCand<'a>> {
    find_lone(ctx, org_tokens, people_hits, true)
}

/// [`find`], judging lone capitalized words only when they can matter
/// (`defer`), or all of them (the slow way, for the tests).
fn find_lone<'a>(
    ctx: &Ctx<'a>,
    org_tokens: &[(usize, usize)],
    people_hits: &[Hit],
    defer: bool,
) -> Vec<PCand<'a>> {
    let s = ctx.s;
    let toks = &ctx.toks;
    let n = toks.len();
    let mut mark = vec![FREE; n];
    for &(a, b) in org_tokens {
        for m in &mut mark[a..b.min(n)] {
            *m = ORG;
        }
    }
    // Titles that precede a capitalized word.
    // title_before[k] = (title entry, title start byte) when a title ends right before token k.
    let mut title_before: ByToken<(usize, usize)> = ByToken::new(n, ctx.titles.len());
    for h in &ctx.titles {
        let ta = tok_at(toks, h.start);
        if ta >= n || toks[ta].start != h.start {
            continue;
        }
        let mut tb = ta;
        while tb < n && toks[tb].start < h.end {
            tb += 1;
        }
        let mut ta = ta;
        let mut entry = h.entry;
        let mut hstart = h.start;
        if mark[ta..tb].iter().any(|&m| m != FREE) {
            // "Brooklyn Supreme Court Justice": the part after the organization.
            let Some(k) = (ta..tb).rev().find(|&k| mark[k] != FREE).map(|k| k + 1) else {
                continue;
            };
            if k >= tb {
                continue;
            }
            let rest = &s[toks[k].start..h.end];
            let Some(e) = ctx.gaz.titles.iter().position(|t| t.title == rest) else {
                continue;
            };
            ta = k;
            entry = e;
            hstart = toks[k].start;
        }
        let Some(next) = toks.get(tb) else { continue };
        if next.kind != Kind::Word || !next.cap(s) || next.nl_before {
            // A title phrase is never a name, even when no name follows
            // ("Marian King, Acting Assistant Attorney General for ...").
            if tb - ta >= 2 && !s[h.start..h.end].contains('.') {
                for m in &mut mark[ta..tb] {
                    *m = TITLE;
                }
            }
            continue;
        }
        // A one-word title that is itself a person's name word ("Marian King")
        // only counts when the word before is not a capitalized name word.
        for m in &mut mark[ta..tb] {
            *m = TITLE;
        }
        title_before.set(tb, (entry, hstart));
    }
    // Known multi-word names.
    // (room up front: the list seldom grows; candidates are a small share
    // of the capitalized words)
    let mut out: Vec<PCand<'a>> = Vec::with_capacity(ctx.caps.len() / 4);
    let mut gaz_single: ByToken<usize> = ByToken::new(n, 0);
    for h in people_hits {
        let ta = tok_at(toks, h.start);
        if ta >= n || toks[ta].start != h.start {
            continue;
        }
        let mut tb = ta;
        while tb < n && toks[tb].start < h.end {
            tb += 1;
        }
        if toks[tb - 1].core_end != h.end && toks[tb - 1].end != h.end {
            continue;
        }
        if mark[ta..tb].iter().any(|&m| m != FREE) {
            continue;
        }
        if tb - ta == 1 {
            gaz_single.set(ta, h.entry);
            continue;
        }
        // Part of a longer capitalized name ("Donald Trump Jr." is left to the runs,
        // "Ivanka Trump" never hits a two-word entry).
        let glued_before = ta > 0
            && mark[ta - 1] == FREE
            && toks[ta - 1].kind == Kind::Word
            && toks[ta - 1].cap(s)
            && !toks[ta].nl_before
            && !toks[ta - 1].poss
            && !ctx.tok(ta - 1, Test::NotName)
            && !toks[ta].sent_start;
        if glued_before {
            continue;
        }
        for m in &mut mark[ta..tb] {
            *m = GAZ;
        }
        let (title, title_start) = title_before
            .get(ta)
            .map_or((None, h.start), |(e, st)| (Some(e), st));
        let words: Words = toks[ta..tb]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.core(s))
            .collect();
        out.push(PCand {
            start: h.start,
            end: toks[tb - 1].core_end,
            words,
            title,
            title_start,
            gaz: Some(h.entry),
            first_known: true,
            strong: true,
            ..PCand::default()
        });
    }

    // Headline-like lines: mostly capitalized words.
    let headline = headline_lines(ctx);

    // Capitalized runs over free tokens. A lone capitalized word with no
    // title before it and no list entry (most are "The", "He", "Monday")
    // is left for later, and judged only when it can matter: when its
    // word may be one of a person's name words (it may then be assigned to
    // that person) or it may take part in the "aka" test.
    //
    // Case names: "People v. Solis", "Smith v. Jones" (the run `[i, b)`).
    let case_name =
        |i: usize, b: usize| i > 0 && is_versus(&toks[i - 1], s) || b < n && is_versus(&toks[b], s);
    let mut next = 0;
    // (room for most runs)
    let mut brk = Vec::with_capacity(16);
    let mut words = Vec::with_capacity(16);
    let mut lone: Vec<usize> = Vec::with_capacity(ctx.caps.len());
    for &i in &ctx.caps {
        if i < next || mark[i] != FREE {
            continue;
        }
        let b = run_end(ctx, &mark, i);
        if defer && b == i + 1 && !title_before.has(i) && !gaz_single.has(i) {
            // (the case-name test below is left to the lone words judged)
            lone.push(i);
        } else if !case_name(i, b) {
            segments(
                ctx,
                (i, b),
                (&title_before, &gaz_single),
                headline[i],
                (&mut brk, &mut words),
                &mut out,
            );
        }
        next = b.max(i + 1);
    }
    out.sort_by_key(|c| c.start);
    // With no "aka" word anywhere in the text, no candidate gets the "aka"
    // mark: no lone word can take part in that test, and the test itself
    // can be skipped.
    let aka_in_text = has_aka_word(s);
    if !lone.is_empty() {
        // The words of the other candidates (every person's name words are
        // among them).
        let mut seen = FoldFilter::default();
        for c in &out {
            for w in c.words.iter() {
                seen.add(w);
            }
        }
        let found = out.len();
        // The end of the last candidate before the lone word: one of the
        // others (`out[..j]`) or a lone word judged so far.
        let mut j = 0;
        let mut last_end = None;
        for &i in &lone {
            let t = &toks[i];
            while let Some(c) = out[..found].get(j).filter(|c| c.start < t.start) {
                last_end = Some(c.end);
                j += 1;
            }
            if (seen.may_hold(t.core(s))
                || aka_in_text && may_take_part_in_aka(s, t.start, t.core_end, last_end))
                && !case_name(i, i + 1)
            {
                if let Some(c) = lone_candidate(ctx, i) {
                    last_end = Some(c.end);
                    out.push(c);
                }
            }
        }
        if out.len() > found {
            out.sort_by_key(|c| c.start);
        }
    }
    // "aka" aliases, and lists: "A, B, and C".
    for k in (1..out.len()).filter(|_| aka_in_text) {
        let between = &s[out[k - 1].end..out[k].title_start.max(out[k - 1].end)];
        if !may_be_short(between, 13) {
            continue;
        }
        let b = trim_ws(commas_off(trim_ws(between), true, true));
        let b = trim_ws(commas_off(b, false, true));
        let is = |w: &str| b.eq_ignore_ascii_case(w);
        let aka = ["aka", "a/k/a", "a.k.a.", "also known as", "f/k/a"]
            .into_iter()
            .any(is);
        let chained = out[k - 1].aka && ["", "and", "or"].into_iter().any(is);
        if aka || chained {
            out[k].aka = true;
        }
    }
    for k in 0..out.len() {
        if out[k].strong || out[k].words.len() < 2 || out[k].title.is_some() {
            continue;
        }
        let listed = |j: usize, k: usize| {
            let (x, y) = if j < k { (j, k) } else { (k, j) };
            let between = &s[out[x].end..out[y].title_start.max(out[x].end)];
            if !may_be_short(between, 5) {
                return false;
            }
            let b = trim_ws(commas_off(trim_ws(between), true, false));
            matches!(b, "," | "and" | ", and" | "or" | ", or" | "")
                && between.contains(|c: char| c == ',' || c.is_alphabetic())
        };
        let near = (k > 0 && out[k - 1].strong && out[k - 1].words.len() >= 2 && listed(k - 1, k))
            || (k + 1 < out.len()
                && out[k + 1].strong
                && out[k + 1].words.len() >= 2
                && listed(k, k + 1));
        // (the word look-ups last: most candidates are near no listed name)
        let unknown_ok = || {
            out[k].words.iter().all(|w| !ctx.is_common(w))
                && out[k].words.last().is_some_and(|w| ctx.is_surname(w))
        };
        if near && unknown_ok() {
            out[k].strong = true;
        }
    }
    out
}

/// The words `find`'s "aka" test compares with (ignoring ASCII case):
/// the "aka" words, then the words that carry an "aka" on to the next name.
const AKA_WORDS: [&str; 7] = [
    "aka",
    "a/k/a",
    "a.k.a.",
    "also known as",
    "f/k/a",
    "and",
    "or",
];

/// Whether `s` holds one of the "aka" words of `find`'s "aka" test
/// (ignoring ASCII case) anywhere: each holds a `k`, at a known offset.
fn has_aka_word(s: &str) -> bool {
    // (each word of AKA_WORDS[..5] and the offset of its `k`)
    const AT_K: [(&str, usize); 5] = [
        ("aka", 1),
        ("a/k/a", 2),
        ("a.k.a.", 2),
        ("also known as", 5),
        ("f/k/a", 2),
    ];
    let b = s.as_bytes();
    memchr::memchr2_iter(b'k', b'K', b).any(|p| {
        // (the bytes next to the `k`: `a`, `/`, `.` or a space before it,
        // `a`, `/`, `.` or `n` after it; OR-ing 0x20 may let others by)
        let around = |c: Option<&u8>, ok: [u8; 4]| c.is_some_and(|&c| ok.contains(&(c | 0x20)));
        around(p.checked_sub(1).and_then(|x| b.get(x)), *b"a/. ")
            && around(b.get(p + 1), *b"a/.n")
            && AT_K.iter().any(|&(t, o)| {
                p.checked_sub(o)
                    .and_then(|x| b.get(x..x + t.len()))
                    .is_some_and(|x| x.eq_ignore_ascii_case(t.as_bytes()))
            })
    })
}

/// Whether a lone capitalized word at `[a, e)` (a candidate with no title
/// and one word, never strong) may take part in `find`'s "aka" test, the
/// last candidate before it ending at `last_end`: its text is part of an
/// "aka" word, the text before it ends with one (or holds only white space
/// and commas since that candidate), or the text after it starts with one.
/// When not, the word neither gets the "aka" mark nor passes it on, with or
/// without a candidate of its own: one that fits no person's name words can
/// be left out.
fn may_take_part_in_aka(s: &str, a: usize, e: usize, last_end: Option<usize>) -> bool {
    let b = s.as_bytes();
    let w = b.get(a..e).unwrap_or(&[]);
    // Its text inside one of the words, and the text around it that word
    // (no word in AKA_WORDS is longer than six bytes without a space;
    // their letters).
    if w.len() <= 6
        && matches!(
            w.first().map(|c| c | 0x20),
            Some(b'a' | b'k' | b'l' | b's' | b'o' | b'n' | b'w' | b'f' | b'd' | b'r')
        )
    {
        let around = |t: &str| {
            let t = t.as_bytes();
            (0..(t.len() + 1).saturating_sub(w.len())).any(|o| {
                t[o..o + w.len()].eq_ignore_ascii_case(w)
                    && a.checked_sub(o)
                        .and_then(|x| b.get(x..x + t.len()))
                        .is_some_and(|x| x.eq_ignore_ascii_case(t))
            })
        };
        if AKA_WORDS.iter().any(|t| around(t)) {
            return true;
        }
    }
    // The text before, without white space and commas at its end: ASCII
    // bytes first, the rest by chars.
    let mut i = a;
    while i > 0 && matches!(b[i - 1], b' ' | b',' | 0x09..=0x0d) {
        i -= 1;
    }
    if i > 0 && b[i - 1] >= 0x80 {
        i = s[..i]
            .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
            .len();
    }
    if last_end.is_some_and(|l| l >= i) {
        return true;
    }
    // (every word in AKA_WORDS ends with `a`, `.`, `s`, `d` or `r`)
    if i > 0 && matches!(b[i - 1] | 0x20, b'a' | b'.' | b's' | b'd' | b'r') {
        let before = &b[..i];
        let ends = |t: &str| {
            before.len() >= t.len()
                && before[before.len() - t.len()..].eq_ignore_ascii_case(t.as_bytes())
        };
        if AKA_WORDS.iter().any(|t| ends(t)) {
            return true;
        }
    }
    // The text after, the same way; the "aka" words start with `a` or `f`.
    let mut j = e;
    while j < b.len() && matches!(b[j], b' ' | b',' | 0x09..=0x0d) {
        j += 1;
    }
    if b.get(j).is_some_and(|&c| c >= 0x80) {
        j = s.len()
            - s[j..]
                .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
                .len();
    }
    let after = &b[j..];
    matches!(after.first().map(|c| c | 0x20), Some(b'a' | b'f'))
        && AKA_WORDS[..5]
            .iter()
            .any(|t| after.len() >= t.len() && after[..t.len()].eq_ignore_ascii_case(t.as_bytes()))
}

/// A set of folded name words (`tokens::fold`: lower case, no accents or
/// punctuation) as a one-probe bit filter: `may_hold` answers true for
/// every word added, and seldom for others.
struct FoldFilter {
    /// 4,096 bits.
    bits: [u64; 64],
    /// Reused buffer for folding.
    buf: String,
}

impl Default for FoldFilter {
    fn default() -> Self {
        FoldFilter {
            bits: [0; 64],
            buf: String::new(),
        }
    }
}

impl FoldFilter {
    /// The bit of a folded word: a hash of its bytes with the ASCII
    /// lower-case bit set in each (so that a word of ASCII letters and
    /// digits has the bit of its folded form). Like
    /// [`crate::text::words::word_hash`], it reads at most sixteen bytes.
    fn bit(w: &[u8]) -> usize {
        const LOW: u64 = 0x2020_2020_2020_2020;
        let n = w.len();
        let le4 = |p: &[u8]| u64::from(u32::from_le_bytes([p[0], p[1], p[2], p[3]])) | LOW >> 32;
        let v = if n >= 8 {
            let le8 = |p: &[u8]| {
                u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]) | LOW
            };
            le8(w) ^ le8(&w[n - 8..]).rotate_left(29)
        } else if n >= 4 {
            le4(w) | le4(&w[n - 4..]) << 32
        } else if n > 0 {
            u64::from(w[0] | 0x20)
                | u64::from(w[n / 2] | 0x20) << 8
                | u64::from(w[n - 1] | 0x20) << 16
        } else {
            0
        };
        Self::mix(v, n)
    }

    /// [`FoldFilter::bit`] of the word of `n` bytes read as `v`.
    #[inline]
    fn mix(v: u64, n: usize) -> usize {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let h = (v ^ (n as u64) << 56).wrapping_mul(K) ^ (v >> 32).wrapping_mul(K >> 7);
        (h >> 52) as usize
    }

    /// `w` is ASCII letters and digits only: folding lower-cases it.
    #[cfg(test)]
    fn plain(w: &[u8]) -> bool {
        !w.is_empty() && w.iter().all(u8::is_ascii_alphanumeric)
    }

    /// [`FoldFilter::bit`] of `w` when it is ASCII letters and digits only
    /// (its folded form is then itself in lower case, with that bit), from
    /// the same loads; `None` for other words.
    #[inline]
    fn plain_bit(w: &[u8]) -> Option<usize> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const LOW: u64 = 0x2020_2020_2020_2020;
        // Each byte of `x` ASCII, and a letter or a digit (adding to an
        // ASCII byte cannot carry into the next).
        let alnum = |x: u64| {
            let l = x | LOW;
            let letter =
                l.wrapping_add((0x80 - 0x61) * ONES) & !l.wrapping_add((0x80 - 0x7b) * ONES);
            let digit =
                x.wrapping_add((0x80 - 0x30) * ONES) & !x.wrapping_add((0x80 - 0x3a) * ONES);
            x & HIGH == 0 && (letter | digit) & HIGH == HIGH
        };
        let n = w.len();
        let le8 = |p: &[u8]| u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]);
        let le4 = |p: &[u8]| u64::from(u32::from_le_bytes([p[0], p[1], p[2], p[3]]));
        // Up to sixteen bytes in two overlapping loads (a byte read twice is
        // judged twice), the rest byte by byte; the loads as `bit` reads
        // them, with the lower-case bit set.
        let v = match n {
            0 => return None,
            1..=3 => {
                let x = u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16;
                if !alnum(x | 0x6161_6161_6100_0000) {
                    return None;
                }
                x | LOW >> 40
            }
            4..=7 => {
                let x = le4(w) | le4(&w[n - 4..]) << 32;
                if !alnum(x) {
                    return None;
                }
                x | LOW
            }
            _ => {
                let (x, y) = (le8(w), le8(&w[n - 8..]));
                let ok = if n <= 16 {
                    alnum(x) && alnum(y)
                } else {
                    w.iter().all(u8::is_ascii_alphanumeric)
                };
                if !ok {
                    return None;
                }
                (x | LOW) ^ (y | LOW).rotate_left(29)
            }
        };
        Some(Self::mix(v, n))
    }

    /// Pass the [`FoldFilter::bit`]s of the folded words of `w` to `f` in
    /// order, while it returns true, when `w` is ASCII with words (between
    /// spaces and hyphens) of at most 32 letters and digits: each folded
    /// word is then those bytes in lower case. `None` (folding is needed)
    /// for other words, before any bit when the first word is not such.
    fn ascii_bits(w: &[u8], mut f: impl FnMut(usize) -> bool) -> Option<()> {
        let mut sq = [0u8; 32];
        let mut m = 0;
        for &c in w {
            if c >= 0x80 {
                return None;
            }
            if c == b'-' || c == b' ' {
                if m > 0 && !f(Self::bit(&sq[..m])) {
                    return Some(());
                }
                m = 0;
            } else if c.is_ascii_alphanumeric() {
                *sq.get_mut(m)? = c;
                m += 1;
            }
        }
        if m > 0 {
            f(Self::bit(&sq[..m]));
        }
        Some(())
    }

    /// Add the folded words of name word `w`.
    #[inline]
    fn add(&mut self, w: &str) {
        match Self::plain_bit(w.as_bytes()) {
            Some(b) => self.bits[b / 64] |= 1 << (b % 64),
            None => self.add_other(w),
        }
    }

    /// [`FoldFilter::add`] of a word that is not ASCII letters and digits
    /// only.
    #[inline(never)]
    fn add_other(&mut self, w: &str) {
        let FoldFilter { bits, buf } = self;
        let mut set = |b: usize| {
            bits[b / 64] |= 1 << (b % 64);
            true
        };
        if Self::ascii_bits(w.as_bytes(), &mut set).is_some() {
            return;
        }
        fold_into(w, buf);
        for x in buf.split(' ').filter(|x| !x.is_empty()) {
            set(Self::bit(x.as_bytes()));
        }
    }

    /// Whether the first folded word of name word `w` may have been
    /// added (false when it has none).
    #[inline]
    fn may_hold(&mut self, w: &str) -> bool {
        let b = match Self::plain_bit(w.as_bytes()) {
            Some(b) => b,
            None => match self.first_bit(w) {
                Some(b) => b,
                None => return false,
            },
        };
        self.bits[b / 64] >> (b % 64) & 1 != 0
    }

    /// The [`FoldFilter::bit`] of the first folded word of `w` (a word
    /// that is not ASCII letters and digits only), if it has one.
    #[inline(never)]
    fn first_bit(&mut self, w: &str) -> Option<usize> {
        let mut first = None;
        let take = |b: usize| {
            first = Some(b);
            false
        };
        if Self::ascii_bits(w.as_bytes(), take).is_some() {
            return first;
        }
        fold_into(w, &mut self.buf);
        self.buf
            .split(' ')
            .find(|x| !x.is_empty())
            .map(|x| Self::bit(x.as_bytes()))
    }
}

/// Per token: is it on a headline-like line?
fn headline_lines(ctx: &Ctx) -> Vec<bool> {
    let s = ctx.s;
    let toks = &ctx.toks;
    let mut out = vec![false; toks.len()];
    let caps = &ctx.caps;
    let mut c = 0;
    for (l, &(a, words)) in ctx.lines.iter().enumerate() {
        let b = ctx.lines.get(l + 1).map_or(toks.len(), |x| x.0);
        // The capitalized words up to the line's end (`caps[c0..c]`),
        // then those of more than three bytes (when the count of all
        // leaves room).
        let c0 = c;
        while caps.get(c).is_some_and(|&k| k < b) {
            c += 1;
        }
        if words < 4 || (c - c0) * 10 < words * 7 {
            continue;
        }
        let ncaps = caps[c0..c]
            .iter()
            .filter(|&&k| toks[k].core_end - toks[k].start > 3)
            .count();
        if ncaps * 10 < words * 7 {
            continue;
        }
        let Some(last) = b.checked_sub(1).and_then(|k| toks.get(k)) else {
            continue;
        };
        let last = last.text(s);
        let ends_sentence = matches!(last, "." | "\"" | "\u{201d}" | "?" | "!") && b - a > 12;
        if !ends_sentence {
            out[a..b].fill(true);
        }
    }
    out
}

/// False when `t` without white space and commas at its ends is surely
/// longer than `max` bytes (its ends being ASCII).
fn may_be_short(t: &str, max: usize) -> bool {
    let b = t.as_bytes();
    let skip = |c: u8| matches!(c, b' ' | b',' | 0x09..=0x0d);
    let i = b.iter().position(|&c| !skip(c)).unwrap_or(b.len());
    let j = b.iter().rposition(|&c| !skip(c)).map_or(i, |j| j + 1);
    j.saturating_sub(i) <= max || b.get(i).is_some_and(|&c| c >= 0x80) || b[j - 1] >= 0x80
}

/// `t.trim()`, with ASCII white space stripped byte by byte.
fn trim_ws(t: &str) -> &str {
    let b = t.as_bytes();
    let ws = |c: u8| matches!(c, b' ' | 0x09..=0x0d);
    let mut i = 0;
    while b.get(i).copied().is_some_and(ws) {
        i += 1;
    }
    let mut j = b.len();
    while j > i && ws(b[j - 1]) {
        j -= 1;
    }
    // Other white space is not ASCII: when an end is not ASCII, the slow way.
    if b.get(i).is_some_and(|&c| c >= 0x80) || j > i && b[j - 1] >= 0x80 {
        return t.trim();
    }
    t.get(i..j).unwrap_or("")
}

/// `t` without the commas at its start (when `start`) and its end (when
/// `end`).
fn commas_off(t: &str, start: bool, end: bool) -> &str {
    let b = t.as_bytes();
    let mut i = 0;
    while start && b.get(i) == Some(&b',') {
        i += 1;
    }
    let mut j = b.len();
    while end && j > i && b[j - 1] == b',' {
        j -= 1;
    }
    // (a comma is one byte: both ends are character boundaries)
    t.get(i..j).unwrap_or("")
}

/// `w` holds a hyphen (`w.contains(&b'-')`, without a call for words of
/// up to sixteen bytes).
#[inline]
fn has_hyphen(w: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const HYPHENS: u64 = 0x2d * ONES;
    // (a byte of `x ^ HYPHENS` is zero where `x` has a hyphen; the zero
    // padding of short words is none)
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let le8 = |p: &[u8]| u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]);
    let le4 = |p: &[u8]| u64::from(u32::from_le_bytes([p[0], p[1], p[2], p[3]]));
    let n = w.len();
    match n {
        0 => false,
        1..=3 => {
            let x = u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16;
            zero(x ^ HYPHENS)
        }
        4..=7 => zero((le4(w) | le4(&w[n - 4..]) << 32) ^ HYPHENS),
        8..=16 => zero(le8(w) ^ HYPHENS) || zero(le8(&w[n - 8..]) ^ HYPHENS),
        _ => w.contains(&b'-'),
    }
}

/// Token `t` is "v.", "vs." or "v" (case names).
#[inline]
fn is_versus(t: &Tok, s: &str) -> bool {
    t.first == b'v' && matches!(t.text(s), "v." | "vs." | "v")
}

fn is_suffix(w: &str) -> bool {
    SUFFIXES.contains(w)
}

/// End (exclusive) of the name-like run starting at `i`.
fn run_end(ctx: &Ctx, mark: &[u8], i: usize) -> usize {
    let s = ctx.s;
    let toks = &ctx.toks;
    let n = toks.len();
    let free_cap = |k: usize| {
        k < n
            && mark[k] == FREE
            && toks[k].kind == Kind::Word
            && toks[k].cap(s)
            && !toks[k].nl_before
    };
    let mut j = i;
    loop {
        if toks[j].poss {
            return j + 1;
        }
        let next = j + 1;
        if free_cap(next) {
            j = next;
            continue;
        }
        if next >= n {
            return next;
        }
        // (every word below starts with a lower-case letter, `,`, `(` or a
        // double quote, the curly one's first byte 0xe2)
        let first = toks[next].first;
        if !matches!(first, b'a'..=b'z' | b',' | b'(' | b'"' | 0xe2) {
            return next;
        }
        // particles (lower-case words of at most four letters); of the
        // words below, only they start with a lower-case letter
        let len = toks[next].end - toks[next].start;
        let particle =
            first.is_ascii_lowercase() && len <= 4 && PARTICLES.contains(toks[next].text(s));
        if first.is_ascii_lowercase() && !particle {
            return next;
        }
        if particle && free_cap(next + 1) {
            j = next + 1;
            continue;
        }
        if particle
            && next + 2 < n
            && PARTICLES.contains(toks[next + 1].text(s))
            && free_cap(next + 2)
        {
            j = next + 2;
            continue;
        }
        // ", Jr." (one byte: the text is `,` or `(`)
        // (the suffixes start with `J`, `S` or `I`)
        if first == b','
            && len == 1
            && next + 1 < n
            && matches!(toks[next + 1].first, b'J' | b'S' | b'I')
            && is_suffix(toks[next + 1].text(s))
            && !toks[next + 1].nl_before
        {
            j = next + 1;
            continue;
        }
        // nicknames: “Buck” / ("Shorty") (the curly quotes' first byte is
        // 0xe2)
        let quote = |k: usize, q: &str| {
            k < n && matches!(toks[k].first, b'"' | 0xe2) && {
                let w = toks[k].text(s);
                w == q || w == "\""
            }
        };
        let open = |k: usize| quote(k, "\u{201c}");
        let close = |k: usize| quote(k, "\u{201d}");
        if open(next) && free_cap(next + 1) {
            let mut k = next + 1;
            while k < next + 4 && free_cap(k) {
                k += 1;
            }
            if close(k) && free_cap(k + 1) {
                j = k + 1;
                continue;
            }
        }
        if first == b'(' && len == 1 && open(next + 1) && free_cap(next + 2) {
            let mut k = next + 2;
            while k < next + 5 && free_cap(k) {
                k += 1;
            }
            if close(k) && k + 1 < n && toks[k + 1].text(s) == ")" && free_cap(k + 2) {
                j = k + 2;
                continue;
            }
        }
        return next;
    }
}

/// The candidate of a lone word: [`segments`] of the run `[i, i + 1)` of
/// one capitalized word with no title before it and no entry of its own,
/// without the machinery for longer runs (none of the tests on two words
/// or more applies; with no title and no entry it is never strong).
fn lone_candidate<'a>(ctx: &Ctx<'a>, i: usize) -> Option<PCand<'a>> {
    let s = ctx.s;
    let toks = &ctx.toks;
    let t = toks.get(i)?;
    let w = t.core(s);
    let is = |t: Test| ctx.tok(i, t);
    // An upper-case given name alone on its line: no break.
    let caps_line = t.nl_before
        && is_all_caps(w)
        && is(Test::First)
        && toks
            .get(i + 1)
            .is_none_or(|t| t.nl_before || t.text(s).starts_with(|c: char| c.is_ascii_digit()));
    // Break at not-names and places (the word starts with a capital: it
    // is neither a quote nor empty).
    if !caps_line
        && (is(Test::NotName)
            || has_hyphen(w.as_bytes()) && has_uncapped_part(w)
            || is(Test::Place) && !is(Test::First) && !is(Test::Surname))
    {
        return None;
    }
    // (one char: a first and no second)
    let mut c = w.chars();
    if c.next().is_some() && c.next().is_none() {
        return None;
    }
    let mut words = [""; Words::INLINE];
    words[0] = w;
    Some(PCand {
        start: t.start,
        end: t.core_end,
        words: Words::Inline(words, 1),
        title_start: t.start,
        first_known: is(Test::First) || is_initial(w),
        ..PCand::default()
    })
}

/// Split the run `[a, b)` into name candidates, added to `out` (`brk` and
/// `words` are reused buffers).
fn segments<'a>(
    ctx: &Ctx<'a>,
    (a, b): (usize, usize),
    (title_before, gaz_single): (&ByToken<(usize, usize)>, &ByToken<usize>),
    headline: bool,
    (brk, words): (&mut Vec<bool>, &mut Vec<(usize, &'a str)>),
    out: &mut Vec<PCand<'a>>,
) {
    let s = ctx.s;
    let toks = &ctx.toks;
    // Break at not-names, places and streets.
    brk.clear();
    brk.resize(b - a, false);
    let caps_line = toks[a].nl_before
        && (a..b).all(|k| toks[k].kind != Kind::Word || is_all_caps(toks[k].core(s)))
        && ctx.tok(a, Test::First)
        && toks
            .get(b)
            .is_none_or(|t| t.nl_before || t.text(s).starts_with(|c: char| c.is_ascii_digit()));
    let mut k = a;
    let mut quote = false;
    while k < b && !caps_line {
        let after_first = || k > a && !brk[k - 1 - a] && ctx.tok(k - 1, Test::First);
        let t = &toks[k];
        // (the curly quotes' first byte is 0xe2)
        if matches!(t.first, b'"' | 0xe2) && matches!(t.core(s), "\u{201c}" | "\u{201d}" | "\"") {
            quote = !quote;
        }
        // (`cap` is `is_cap` of the text, whose first char is that of the
        // word `w` unless it is empty)
        if t.kind == Kind::Word && t.cap && t.core_end > t.start && !quote {
            let w = &s.as_bytes()[t.start..t.core_end];
            // Multi-word places first ("New York", "San Juan"): the text
            // slice when the words are one space apart (tokens hold no
            // space: those of the gaps between them; `g0` those of the
            // first gap, when the phrases of two words or more fit).
            let gap = |j: usize| match &s.as_bytes()[toks[j].end..toks[j + 1].start] {
                [c] => usize::from(*c == b' '),
                g => g.iter().filter(|&&c| c == b' ').count(),
            };
            // (each token is in one run: its phrases are asked once, unmemoized)
            if k + 2 <= b && may_start_place(ctx, k) {
                let g0 = gap(k);
                if !t.poss
                    && g0 == 1
                    && !after_first()
                    && ctx.is_place(&s[t.start..toks[k + 1].core_end])
                {
                    brk[k - a] = true;
                    brk[k + 1 - a] = true;
                    k += 2;
                    continue;
                }
                if k + 3 <= b
                    && g0 + gap(k + 1) == 2
                    && ctx.is_place(&s[t.start..toks[k + 2].core_end])
                {
                    brk[k - a..k + 3 - a].iter_mut().for_each(|x| *x = true);
                    k += 3;
                    continue;
                }
            }
            let name_before_surname = || {
                k + 1 < b
                    && ctx.tok(k, Test::CommonFirst)
                    && toks[k + 1].kind == Kind::Word
                    && ctx.tok(k + 1, Test::Surname)
                    && !ctx.tok(k + 1, Test::Common)
            };
            if ctx.tok(k, Test::NotName) && !name_before_surname()
                || has_hyphen(w) && has_uncapped_part(t.core(s))
                || ctx.tok(k, Test::Place) && !ctx.tok(k, Test::First) && !ctx.tok(k, Test::Surname)
            {
                brk[k - a] = true;
            }
        }
        k += 1;
    }
    let mut x = a;
    while x < b {
        if brk[x - a] {
            x += 1;
            continue;
        }
        let mut y = x;
        while y < b && !brk[y - a] {
            y += 1;
        }
        candidate(ctx, (x, y), title_before, gaz_single, headline, words, out);
        x = y;
    }
}

/// Word token `k` (starting with a capital, not the last token) may start
/// a phrase that [`Ctx::is_place`] finds: one whose first word (up to the
/// first space) is a place's first word. That word is the token's core
/// when the token has no possessive and one space follows it; then
/// [`Test::PlaceHead`] answers.
fn may_start_place(ctx: &Ctx, k: usize) -> bool {
    let t = &ctx.toks[k];
    let one_space = ctx
        .toks
        .get(k + 1)
        .is_some_and(|u| ctx.s.as_bytes().get(t.end..u.start) == Some(b" "));
    !(t.core_end == t.end && one_space) || ctx.tok(k, Test::PlaceHead)
}

/// Judge the segment `[a, b)`: a candidate added to `out` when it is one
/// (`None` when not).
fn candidate<'a>(
    ctx: &Ctx<'a>,
    (a, b): (usize, usize),
    title_before: &ByToken<(usize, usize)>,
    gaz_single: &ByToken<usize>,
    headline: bool,
    words: &mut Vec<(usize, &'a str)>,
    out: &mut Vec<PCand<'a>>,
) -> Option<()> {
    let s = ctx.s;
    let toks = &ctx.toks;
    // Collect words, nicknames, suffix. Word tests go through the
    // per-token memo: every word is a token's text.
    let is = |k: usize, t: Test| ctx.tok(k, t);
    words.clear();
    let mut nick = Vec::new();
    let mut suffix = "";
    let mut quote = false;
    let mut end = toks[a].core_end;
    for (k, t) in toks.iter().enumerate().take(b).skip(a) {
        let w = t.core(s);
        if t.kind == Kind::Punct {
            if matches!(w, "\u{201c}" | "\u{201d}" | "\"") {
                quote = !quote;
            }
            continue;
        }
        if quote {
            nick.push(w);
            continue;
        }
        if !words.is_empty() && is_suffix(w) {
            suffix = w;
            end = t.core_end;
            continue;
        }
        words.push((k, w));
        end = t.core_end;
    }
    let &(k0, w0) = words.first()?;
    // Streets.
    if let Some(&(_, last)) = words.last() {
        if words.len() >= 2 && STREETS.contains(last) {
            return None;
        }
    }
    // Place-like names: "San Clemente", "Park Hill", "Kings Bay".
    if words.len() >= 2 && title_before.get(k0).is_none() {
        let l = words[words.len() - 1].1;
        if PLACE_FIRST.contains(w0) || PLACE_LAST.contains(l) {
            return None;
        }
    }
    // Trim leading words that are not name words when a first name follows
    // (a word between the first and the last: three words or more).
    let mut lead = 0;
    if words.len() >= 3 {
        let after_connector = a > 0 && matches!(toks[a - 1].text(s), "of" | "for" | "the" | "in");
        let first0 = is(k0, Test::First);
        let sent_initial_noun = toks[k0].sent_start && !first0 && !is(k0, Test::Surname);
        let junk_lead = after_connector
            && (is(k0, Test::Place) || !first0 && !is(k0, Test::Surname))
            || sent_initial_noun
            || !first0 && (is(k0, Test::Common) || is(k0, Test::Place) || ctx.is_title(w0));
        if !is_initial(w0) && !first0 || junk_lead {
            if let Some(p) = (1..words.len() - 1).find(|&p| is(words[p].0, Test::First)) {
                if junk_lead || p >= 2 {
                    lead = p;
                }
            }
        }
    }
    words.drain(..lead);
    // "Paralegal Jane Roe": an unknown word before a plain given name and surname.
    if words.len() == 3
        && lead == 0
        && !is(words[0].0, Test::First)
        && !is(words[0].0, Test::Surname)
        && !is_initial(words[0].1)
        && is(words[1].0, Test::CommonFirst)
        && is(words[2].0, Test::Surname)
    {
        words.remove(0);
    }
    // "John S." at the end of a line: a trailing initial is not a surname.
    if words.len() >= 2 && words.last().is_some_and(|w| is_initial(w.1)) && suffix.is_empty() {
        words.pop();
        if let Some(&(k, _)) = words.last() {
            end = toks[k].core_end;
        }
    }
    // "Jane A. Roe Visits Lyon": a headline verb after the name.
    if headline && words.len() >= 3 && suffix.is_empty() {
        if let Some(&(k, _)) = words.last() {
            if is(k, Test::Common) && !is(k, Test::Surname) {
                words.pop();
                end = toks[k - 1].core_end;
            }
        }
    }
    // (one char: a first and no second)
    if words.len() == 1 && {
        let mut c = words[0].1.chars();
        c.next().is_some() && c.next().is_none()
    } {
        return None;
    }
    let &(first_tok, first) = words.first()?;
    if words.len() > 6 {
        return None;
    }
    let start = toks[first_tok].start;
    if words.len() == 1 && !suffix.is_empty() {
        suffix = "";
        end = toks[first_tok].core_end;
    }
    let title = title_before.get(first_tok);
    let nw = words.len();
    // "June Pettibone": a listed given name that is also a never-name word,
    // before a surname.
    let first_known = is(first_tok, Test::First)
        || is_initial(first)
        || nw >= 2
            && is(first_tok, Test::CommonFirst)
            && is(words[1].0, Test::Surname)
            && !is(words[1].0, Test::Common);
    let (last_tok, last) = words[nw - 1];
    // Evidence.
    if nw >= 2 && (ctx.is_title_word(last) || last.ends_with('.') && !is_initial(last)) {
        return None;
    }
    let mut strong = title.is_some() && !(headline && (nw == 1 || !first_known));
    if nw == 1 && title.is_some() && is(last_tok, Test::Common) && !is(last_tok, Test::Surname) {
        strong = false;
    }
    if nw >= 2 {
        // (the never-name and lower-case tests first: cheaper than the
        // surname look-up, and most last words pass them)
        let last_ok =
            || !is_initial(last) && (!is(last_tok, Test::Common) || is(last_tok, Test::Surname));
        if first_known && last_ok() {
            // Title-case headlines: only common given names stand on their own.
            // A name that ends its run of capitals ("WHO: ... Tony Smith",
            // "Jane Roe – Memphis") is fine; inside a run of capitalized
            // headline words it needs a common given name and a surname.
            let next_cap = toks
                .get(b)
                .is_some_and(|t| t.kind == Kind::Word && t.cap(s) && !t.nl_before);
            strong = strong
                || !headline
                || !next_cap
                || is(first_tok, Test::CommonFirst) && is(last_tok, Test::Surname);
        }
        // (only asked of names not strong, outside headlines: strong ones
        // stay strong)
        let unknown_ok = !strong
            && !headline
            && words.iter().all(|&(k, w)| {
                !is(k, Test::Common) && !is_all_caps(w)
                    || is(k, Test::Surname)
                    || is(k, Test::First)
            });
        if !strong && !headline && unknown_ok && context(ctx, first_tok, b) {
            strong = true;
        }
        // "Unknown Known-first-name ... Known-surname": a given name with a middle name.
        if !strong
            && !headline
            && unknown_ok
            && nw >= 3
            && is(words[1].0, Test::First)
            && is(last_tok, Test::Surname)
            && !toks[first_tok].sent_start
        {
            strong = true;
        }
        // List entries: a line that is just an upper-case name, maybe
        // followed by a number ("NAME<TAB>12345-678").
        if !strong && toks[first_tok].nl_before && nw <= 5 && words.iter().all(|w| is_all_caps(w.1))
        {
            let next = toks.get(b);
            let numbered = next.is_some_and(|t| {
                !t.nl_before && t.text(s).starts_with(|c: char| c.is_ascii_digit())
            });
            let alone = next.is_none_or(|t| t.nl_before);
            let known = words
                .iter()
                .filter(|&&(k, _)| is(k, Test::First) || is(k, Test::Surname))
                .count();
            if numbered || alone && known >= 2 {
                strong = true;
            }
        }
    }
    let gaz = if nw == 1 {
        gaz_single.get(first_tok)
    } else {
        None
    };
    // A known person's bare surname stands alone only with person context.
    if nw == 1 && gaz.is_some() && !headline && context(ctx, first_tok, b) {
        strong = true;
    }
    let (title, title_start) = title.map_or((None, start), |(e, st)| (Some(e), st));
    out.push(PCand {
        start,
        end,
        words: Words::of_pairs(words),
        suffix,
        nick,
        title,
        title_start,
        gaz,
        first_known,
        strong,
        aka: false,
    });
    Some(())
}

/// Person context around the segment `[a, b)`: "Smith, 34," / "Smith said" / "defendant Smith".
fn context(ctx: &Ctx, a: usize, b: usize) -> bool {
    let s = ctx.s;
    let toks = &ctx.toks;
    if let Some(t) = toks.get(b) {
        let w = t.text(s);
        if AFTER_VERBS.contains(w) {
            return true;
        }
        if w == "," {
            if let Some(n) = toks.get(b + 1) {
                let nw = n.text(s);
                if nw.len() <= 3 && nw.bytes().all(|c| c.is_ascii_digit()) || nw == "who" {
                    return true;
                }
            }
        }
    }
    if a > 0 {
        let w = toks[a - 1].text(s);
        if BEFORE_WORDS.contains(w) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{orgs, resolve, tokens, Entities};
    use crate::gazetteer::{Gazetteers, List};
    use crate::text::Text;

    /// The candidates of `text` (as `Entities::recognize` finds them, lone
    /// words deferred or not), one a line, and the people they resolve to.
    fn found(text: &str, gaz: &Gazetteers, defer: bool) -> (Vec<String>, String) {
        let text = Text::new(text);
        let starts: Vec<usize> = text.sentences.iter().map(|s| s.0).collect();
        let [titles, org_hits, people_hits] = gaz.find_lists(
            text.s,
            &text.words,
            [List::Titles, List::Orgs, List::People],
        );
        let toks = tokens::tokenize(text.s, &text.words, &starts);
        let ctx = Ctx::new(&text, gaz, toks, titles);
        let mut e = Entities::default();
        let org_spans = orgs::find(&ctx, &org_hits);
        resolve::orgs(&ctx, &org_spans, &mut e);
        let org_tokens: Vec<(usize, usize)> = org_spans.iter().map(|o| (o.ta, o.tb)).collect();
        let cands = find_lone(&ctx, &org_tokens, &people_hits, defer);
        resolve::people(&ctx, &cands, Some("2024-01-01"), &mut e);
        let lines = cands.iter().map(|c| format!("{c:?}")).collect();
        (lines, format!("{e:?}"))
    }

    #[test]
    fn deferred_lone_words_change_no_person() {
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let mut texts: Vec<String> = Vec::new();
        for (p, t) in crate::corpus_files() {
            if p.extension().is_some_and(|x| x == "txt") {
                texts.push(t);
            }
        }
        for t in [
            "John Smith aka Doe said. Jane Roe, a.k.a. Rollins and Bo testified.",
            "Mary Jones AKA Bobby, and Ray met Jones. Smith, And Judge Roe spoke.",
            "Tom Lee, also known as Bishop, or Duke, left. Lee, Or Duke stayed.",
            "Ana Ruiz f/k/a Ortiz, Ruiz and Ortiz. Kim Park a/k/a Lee Lee. A Smith",
            "Carl Diaz, Aka Diaz said. Diaz\u{a0}aka\u{a0}Bo. Bo, , ,aka Carl Diaz.",
            "Monday Jane Doe and Smith Doe, who said Jane and Doe and DOE and D\u{f3}e.",
            "Defendant Lazo-Sanchez and Edgar Lazo-Sanchez, Lazo said. Sanchez left.",
            "Judge Roe said Roe, Ray Roe\u{2019}s son. Roe\nAka Bo. Bo Roe, a.k.a.\u{2003}Li.",
        ] {
            texts.push(t.to_string());
        }
        for t in &texts {
            let (slow, slow_people) = found(t, &gaz, false);
            let (fast, fast_people) = found(t, &gaz, true);
            assert_eq!(fast_people, slow_people);
            // The candidates kept are those found the slow way, less weak
            // lone words with no title, no list entry and no "aka".
            let mut k = 0;
            for c in &slow {
                if fast.get(k) == Some(c) {
                    k += 1;
                } else {
                    assert!(
                        c.contains("title: None")
                            && c.contains("gaz: None")
                            && c.contains("strong: false")
                            && c.contains("aka: false")
                            && c.contains("Inline([")
                            && c.contains("], 1)"),
                        "{c}"
                    );
                }
            }
            assert_eq!(k, fast.len());
        }
    }

    #[test]
    fn lone_candidate_agrees_with_segments() {
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let mut texts = crate::corpus_texts();
        texts.push(
            "SMITH\nJOHN\n12 Main. X-ray Jo-ann Ann-Marie I A. O\u{2019}Neil \u{c9}mile JR."
                .to_string(),
        );
        for t in &texts {
            let text = Text::new(t);
            let starts: Vec<usize> = text.sentences.iter().map(|s| s.0).collect();
            let toks = tokens::tokenize(text.s, &text.words, &starts);
            let ctx = Ctx::new(&text, &gaz, toks, Vec::new());
            let n = ctx.toks.len();
            let (title_before, gaz_single) = (ByToken::new(n, 0), ByToken::new(n, 0));
            let (mut brk, mut words) = (Vec::new(), Vec::new());
            for &i in &ctx.caps {
                for headline in [false, true] {
                    let mut slow = Vec::new();
                    segments(
                        &ctx,
                        (i, i + 1),
                        (&title_before, &gaz_single),
                        headline,
                        (&mut brk, &mut words),
                        &mut slow,
                    );
                    let fast: Vec<PCand> = lone_candidate(&ctx, i).into_iter().collect();
                    assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{i}");
                }
            }
        }
    }

    #[test]
    fn may_start_place_holds_for_every_place_phrase() {
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let mut texts = crate::corpus_texts();
        let mut places: Vec<&str> = gaz
            .places
            .keys()
            .copied()
            .filter(|p| p.contains(' '))
            .collect();
        places.sort_unstable();
        for p in places {
            texts.push(format!(
                "In {p} and {} x, {}'s \u{c9}{p} x",
                p.to_uppercase(),
                p.to_lowercase()
            ));
        }
        texts.push("NEW YORK CITY. \u{c9}MILE PARIS. \u{1c5}A B. \u{c9}a B C".to_string());
        for t in &texts {
            let text = Text::new(t);
            let starts: Vec<usize> = text.sentences.iter().map(|s| s.0).collect();
            let toks = tokens::tokenize(text.s, &text.words, &starts);
            let ctx = Ctx::new(&text, &gaz, toks, Vec::new());
            let (s, toks) = (ctx.s, &ctx.toks);
            for k in 0..toks.len() {
                if toks[k].kind != Kind::Word || !toks[k].cap {
                    continue;
                }
                for j in [k + 1, k + 2] {
                    let Some(u) = toks.get(j) else { break };
                    let p = &s[toks[k].start..u.core_end];
                    if p.contains(' ') && ctx.is_place(p) {
                        assert!(may_start_place(&ctx, k), "{p:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn fold_filter_holds_what_was_added() {
        let words = [
            "Smith",
            "SMITH",
            "smith",
            "Lazo-Sanchez",
            "Sanchez",
            "N\u{fa}\u{f1}ez",
            "Nunez",
            "O'Brien",
            "Obrien",
            "DeShawn",
            "J.",
            "J",
            "Jr.",
            "A1",
            "x",
            "Zo\u{eb}",
            "-",
            "'",
            "Anne-Marie",
            "ANNE",
            "abcdefghijklmnopq",
            "ABCDEFGHIJKLMNOPQ",
            "Abcdefgh",
        ];
        let first = |w: &str| {
            let f = crate::entities::tokens::fold(w);
            f.split(' ').find(|x| !x.is_empty()).map(str::to_string)
        };
        for a in words {
            let mut filter = FoldFilter::default();
            filter.add(a);
            let parts: Vec<String> = crate::entities::tokens::fold(a)
                .split(' ')
                .map(str::to_string)
                .collect();
            for b in words {
                if first(b).is_some_and(|f| parts.contains(&f)) {
                    assert!(filter.may_hold(b), "{a} {b}");
                }
            }
        }
        // The bits of ASCII words are those of their folded words.
        let long = "x".repeat(33);
        let long2 = format!("Ab-{long}");
        for w in words.iter().chain(&[
            "U.S.",
            "A.B.C.",
            ".",
            "x'y",
            "J.R.R.",
            "3.5",
            "O'Neil's",
            "Mary Ann-Lee",
            " -Ann- ",
            "--",
            "A-\u{e9}",
            "\u{e9}-A",
            "a\tb c",
            long.as_str(),
            long2.as_str(),
        ]) {
            let f = crate::entities::tokens::fold(w);
            let parts: Vec<usize> = f
                .split(' ')
                .filter(|x| !x.is_empty())
                .map(|x| FoldFilter::bit(x.as_bytes()))
                .collect();
            let mut all = Vec::new();
            let whole = FoldFilter::ascii_bits(w.as_bytes(), |b| {
                all.push(b);
                true
            });
            let mut first = Vec::new();
            let one = FoldFilter::ascii_bits(w.as_bytes(), |b| {
                first.push(b);
                false
            });
            if whole.is_some() {
                assert_eq!(all, parts, "{w}");
            } else {
                assert!(parts.starts_with(&all), "{w}");
            }
            if one.is_some() {
                assert_eq!(first, parts[..parts.len().min(1)], "{w}");
            } else {
                assert!(first.is_empty(), "{w}");
            }
            let mut filter = FoldFilter::default();
            filter.add(w);
            let mut slow = FoldFilter::default();
            for &b in &parts {
                slow.bits[b / 64] |= 1 << (b % 64);
            }
            assert_eq!(filter.bits, slow.bits, "{w}");
        }
        for n in 0..40 {
            for c in 0..=255u8 {
                let mut w = vec![b'a'; n];
                if n > 0 {
                    w[n / 2] = c;
                    w[n - 1] = c.wrapping_add(1);
                }
                let slow = FoldFilter::plain(&w).then(|| FoldFilter::bit(&w));
                assert_eq!(FoldFilter::plain_bit(&w), slow, "{w:?}");
                w.make_ascii_uppercase();
                let slow = FoldFilter::plain(&w).then(|| FoldFilter::bit(&w));
                assert_eq!(FoldFilter::plain_bit(&w), slow, "{w:?}");
            }
        }
        for w in words {
            let slow = FoldFilter::plain(w.as_bytes()).then(|| FoldFilter::bit(w.as_bytes()));
            assert_eq!(FoldFilter::plain_bit(w.as_bytes()), slow, "{w}");
        }
    }

    #[test]
    fn word_sets_and_hyphens_agree_with_slow() {
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let mut words: Vec<String> = Vec::new();
        let sets = [
            &PARTICLES,
            &SUFFIXES,
            &STREETS,
            &PLACE_FIRST,
            &PLACE_LAST,
            &AFTER_VERBS,
            &BEFORE_WORDS,
        ];
        for set in sets {
            for w in set.list {
                words.push(w.to_string());
                words.push(w.to_uppercase());
                words.push(w.to_lowercase());
                words.push(format!("{w}s"));
                words.push(w[..w.len() - 1].to_string());
            }
        }
        words.extend(gaz.first_names.keys().take(3000).map(|w| w.to_string()));
        words.extend(gaz.places.keys().take(3000).map(|w| w.to_string()));
        for (p, t) in crate::corpus_files() {
            if p.extension().is_some_and(|x| x == "txt") {
                words.extend(t.split_whitespace().map(str::to_string));
            }
        }
        words.push(String::new());
        assert!(SUFFIXES
            .list
            .iter()
            .all(|w| matches!(w.as_bytes()[0], b'J' | b'S' | b'I')));
        for w in &words {
            for set in sets {
                assert_eq!(set.contains(w), set.list.contains(&w.as_str()), "{w}");
            }
            assert_eq!(has_hyphen(w.as_bytes()), w.contains('-'), "{w}");
        }
        for n in 0..20 {
            for c in 0..=255u8 {
                for pos in 0..n {
                    let mut w = vec![b'a'; n];
                    w[pos] = c;
                    assert_eq!(has_hyphen(&w), w.contains(&b'-'), "{w:?}");
                }
            }
        }
    }

    #[test]
    fn aka_word_scan_agrees_with_contains() {
        for t in [
            "",
            "k",
            "aka",
            "AKA",
            "x a.K.A. y",
            "Osaka",
            "a/k",
            "k/a",
            "f/k/a",
            "F/K/A.",
            "also known",
            "Also Known As",
            "also  known as",
            "a/k/a",
            "Kak\u{e9}aka",
            "\u{e9}k",
            "ak a",
            "a.k.a",
            "kaka",
        ] {
            let lower = t.to_ascii_lowercase();
            let slow = AKA_WORDS[..5].iter().any(|w| lower.contains(w));
            assert_eq!(has_aka_word(t), slow, "{t:?}");
        }
    }

    #[test]
    fn trims_agree_with_std() {
        for t in [
            "",
            " ",
            " , and ",
            "\u{a0}aka\u{a0}",
            "\t\n, or,\r",
            "a/k/a ,",
            " é ",
            ",,",
            "x\u{2003}",
        ] {
            assert_eq!(trim_ws(t), t.trim(), "{t:?}");
            assert!(may_be_short(t, 13), "{t:?}");
            assert_eq!(commas_off(t, true, true), t.trim_matches(','), "{t:?}");
            assert_eq!(
                commas_off(t, true, false),
                t.trim_start_matches(','),
                "{t:?}"
            );
            assert_eq!(commas_off(t, false, true), t.trim_end_matches(','), "{t:?}");
        }
        assert!(!may_be_short(" , he said that the ", 13));
        assert!(may_be_short(" \u{201c}he said that the\u{201d} ", 13));
    }
}

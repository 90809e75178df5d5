//! Organization recognition: gazetteer entries, head-word patterns
//! ("X Police Department", "Department of X", "U.S. Attorney's Office for
//! the ... District of ..."), abbreviations defined in parentheses, and
//! "the nonprofit X" style appositions.

use super::tokens::{has_uncapped_part, is_all_caps, is_cap, Kind, Tok, WordList};
use super::{Ctx, Test};
use crate::gazetteer::Hit;
use rustc_hash::FxHashMap;

/// Words that end (or head) an organization name, with the kind they imply.
const HEADS: &[(&str, &str)] = &[
    ("Department", "government"),
    ("Office", "government"),
    ("Bureau", "government"),
    ("Agency", "government"),
    ("Administration", "government"),
    ("Service", "government"),
    ("Services", "government"),
    ("Commission", "government"),
    ("Division", "government"),
    ("Section", "government"),
    ("Unit", "government"),
    ("Branch", "government"),
    ("Directorate", "government"),
    ("Ministry", "government"),
    ("Secretariat", "government"),
    ("Authority", "government"),
    ("Board", "government"),
    ("Council", "government"),
    ("Committee", "government"),
    ("Senate", "government"),
    ("Legislature", "government"),
    ("Assembly", "government"),
    ("Embassy", "government"),
    ("Consulate", "government"),
    ("Army", "government"),
    ("Navy", "government"),
    ("Corps", "government"),
    ("Reserves", "government"),
    ("Reserve", "government"),
    ("Guard", "government"),
    ("Jail", "government"),
    ("Prison", "government"),
    ("Penitentiary", "government"),
    ("Institution", "government"),
    ("Complex", "government"),
    ("Court", "court"),
    ("Police", "law_enforcement"),
    ("Patrol", "law_enforcement"),
    ("Investigations", "law_enforcement"),
    ("Investigation", "law_enforcement"),
    ("Enforcement", "law_enforcement"),
    ("Operations", "law_enforcement"),
    ("Protection", "law_enforcement"),
    ("Force", "law_enforcement"),
    ("Laboratory", "law_enforcement"),
    ("Foundation", "nonprofit"),
    ("Project", "nonprofit"),
    ("Coalition", "nonprofit"),
    ("Alliance", "nonprofit"),
    ("Association", "nonprofit"),
    ("Society", "nonprofit"),
    ("Federation", "nonprofit"),
    ("Union", "nonprofit"),
    ("League", "nonprofit"),
    ("Fund", "nonprofit"),
    ("Trust", "nonprofit"),
    ("Network", "nonprofit"),
    ("Initiative", "nonprofit"),
    ("Institute", "nonprofit"),
    ("Center", "nonprofit"),
    ("Centre", "nonprofit"),
    ("Ministries", "nonprofit"),
    ("Church", "nonprofit"),
    ("Clinic", "nonprofit"),
    ("Hospital", "nonprofit"),
    ("Humanity", "nonprofit"),
    ("Inc.", "company"),
    ("Inc", "company"),
    ("LLC", "company"),
    ("L.L.C.", "company"),
    ("LLP", "company"),
    ("Corp.", "company"),
    ("Corporation", "company"),
    ("Company", "company"),
    ("Co.", "company"),
    ("Ltd.", "company"),
    ("Group", "company"),
    ("Holdings", "company"),
    ("Industries", "company"),
    ("Enterprises", "company"),
    ("Partners", "company"),
    ("Bank", "company"),
    ("Headquarters", "company"),
    ("Organization", "other"),
    ("Cartel", "other"),
    ("Gang", "other"),
    ("Syndicate", "other"),
    ("Brotherhood", "other"),
    ("Airlines", "company"),
    ("Airways", "company"),
    ("Casino", "company"),
    ("International", "company"),
    ("University", "education"),
    ("College", "education"),
    ("School", "education"),
    ("Academy", "education"),
    ("Party", "political"),
    ("Times", "media"),
    ("Post", "media"),
    ("Journal", "media"),
    ("Tribune", "media"),
    ("Herald", "media"),
    ("Gazette", "media"),
    ("Press", "media"),
    ("News", "media"),
    ("Magazine", "media"),
    ("Ledger", "media"),
    ("Dispatch", "media"),
    ("Chronicle", "media"),
    ("Inquirer", "media"),
    ("Observer", "media"),
    ("Sentinel", "media"),
    ("Courier", "media"),
    ("Globe", "media"),
    ("Bulletin", "media"),
    ("Telegraph", "media"),
];

/// Heads after which "in <Place>" still belongs to the name.
static IN_HEADS: WordList = WordList::new(&[
    "Court",
    "Embassy",
    "Consulate",
    "Institution",
    "Center",
    "Camp",
    "Complex",
    "Penitentiary",
]);

/// Possessors that stay inside a name before "Office" ("Sheriff's Office").
static KEEP_POSS: WordList = WordList::new(&[
    "Attorney",
    "Attorneys",
    "Sheriff",
    "Sheriffs",
    "DA",
    "Defender",
    "Defenders",
    "Examiner",
    "Marshal",
    "Coroner",
    "Governor",
    "Mayor",
    "General",
    "Controller",
    "Comptroller",
    "Auditor",
    "Clerk",
    "Treasurer",
    "Inspector",
    "Commissioner",
    "Children",
    "Women",
    "People",
    "Veterans",
]);

/// Lower-case nouns after which a capitalized name is an organization.
const ORG_NOUNS: &[(&str, &str)] = &[
    ("nonprofit", "nonprofit"),
    ("non-profit", "nonprofit"),
    ("foundation", "nonprofit"),
    ("charity", "nonprofit"),
    ("organization", "nonprofit"),
    ("organisation", "nonprofit"),
    ("coalition", "nonprofit"),
    ("company", "company"),
    ("firm", "company"),
    ("corporation", "company"),
    ("newspaper", "media"),
    ("outlet", "media"),
];

/// A fixed list of at most 128 words, looked up through the sets of list
/// positions per first byte (its low five bits) and per length (lengths
/// of 31 and more share a set): only the words in both are compared (a
/// [`WordList`] compares every word once its filter lets one through).
struct IndexedWords {
    /// The words.
    list: &'static [&'static str],
    /// Per first byte's low five bits: the positions of the words.
    by_first: [u128; 32],
    /// Per length: the positions of the words.
    by_len: [u128; 32],
}

impl IndexedWords {
    /// The index of `list` (at most 128 words).
    const fn new(list: &'static [&'static str]) -> IndexedWords {
        assert!(list.len() <= 128);
        let (mut by_first, mut by_len) = ([0u128; 32], [0u128; 32]);
        let mut i = 0;
        while i < list.len() {
            let b = list[i].as_bytes();
            if !b.is_empty() {
                by_first[(b[0] & 31) as usize] |= 1 << i;
                by_len[if b.len() < 31 { b.len() } else { 31 }] |= 1 << i;
            }
            i += 1;
        }
        IndexedWords {
            list,
            by_first,
            by_len,
        }
    }

    /// `w` is one of the words (never an empty one: the list has none
    /// that the sets hold, and an empty `w` is compared with none).
    #[inline]
    fn contains(&self, w: &str) -> bool {
        let Some(&f) = w.as_bytes().first() else {
            return false;
        };
        let mut m = self.by_first[usize::from(f & 31)] & self.by_len[w.len().min(31)];
        while m != 0 {
            if self.list.get(m.trailing_zeros() as usize) == Some(&w) {
                return true;
            }
            m &= m - 1;
        }
        false
    }
}

/// Words dropped from the start of an organization name.
static LEAD_JUNK: IndexedWords = IndexedWords::new(&[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "Both",
    "Each",
    "Every",
    "Former",
    "Today",
    "Yesterday",
    "Since",
    "When",
    "While",
    "After",
    "Before",
    "Under",
    "In",
    "On",
    "At",
    "By",
    "For",
    "With",
    "From",
    "According",
    "During",
    "Following",
    "Upon",
    "Other",
    "All",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "Then",
    "And",
    "But",
    "Also",
    "As",
    "If",
    "Although",
    "Because",
    "Meanwhile",
    "However",
    "Last",
    "Next",
    "Senior",
    "Acting",
    "Interim",
    "Both",
    "Many",
    "Some",
    "Several",
    "Two",
    "Three",
    "Four",
    "Five",
    "Through",
    "Against",
    "Among",
    "Between",
    "Including",
    "Via",
    "Within",
    "Without",
    "Said",
    "Says",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]);

/// Names built like organizations that are places or rooms.
const NOT_ORGS: &[&str] = &["Oval Office", "Situation Room", "Rose Garden"];

/// Connectors that may sit inside an organization name.
static CONNECT: WordList =
    WordList::new(&["of", "the", "and", "&", "for", "in", "at", "de", "del"]);

/// First words of generic institution names that take their place
/// ("Federal Correctional Institution in Aliceville").
static GENERIC_FIRST: WordList =
    WordList::new(&["Federal", "State", "U.S.", "United", "US", "National"]);

/// One organization mention found in the text.
#[derive(Debug, Clone)]
pub struct OrgSpan {
    /// Byte start.
    pub start: usize,
    /// Byte end (possessive excluded).
    pub end: usize,
    /// First token index.
    pub ta: usize,
    /// One past the last token index.
    pub tb: usize,
    /// Gazetteer entry, if any.
    pub gaz: Option<usize>,
    /// Kind by head word.
    pub kind: &'static str,
    /// Rule name.
    pub rule: &'static str,
    /// Byte start of the span this abbreviation stands for (defined abbreviations).
    pub abbr_of: Option<usize>,
}

/// Most [`HEADS`] of one first byte (its low five bits) and length.
const BUCKET: usize = 8;

/// The [`HEADS`] by first byte (its low five bits) and length: bucket
/// `(f & 31) * 16 + len` (every head has at most 14 bytes) holds their
/// indices plus one, then zeros.
static HEAD_BUCKETS: [[u8; BUCKET]; 512] = {
    let mut b = [[0u8; BUCKET]; 512];
    let mut i = 0;
    while i < HEADS.len() {
        let h = HEADS[i].0.as_bytes();
        let k = (h[0] & 31) as usize * 16 + h.len();
        let mut j = 0;
        while b[k][j] != 0 {
            j += 1;
        }
        b[k][j] = i as u8 + 1;
        i += 1;
    }
    b
};

/// The last bytes (their low five bits) of the [`HEADS`] of each bucket
/// of [`HEAD_BUCKETS`].
static HEAD_LAST: [u32; 512] = {
    let mut m = [0u32; 512];
    let mut i = 0;
    while i < HEADS.len() {
        let h = HEADS[i].0.as_bytes();
        m[(h[0] & 31) as usize * 16 + h.len()] |= 1 << (h[h.len() - 1] & 31);
        i += 1;
    }
    m
};

/// The index of head `w` (first byte `f`, 1 to 14 bytes) in [`HEADS`],
/// if it is one.
#[inline(never)]
fn head_in_bucket(f: u8, w: &str) -> Option<usize> {
    let bucket = HEAD_BUCKETS.get(usize::from(f & 31) * 16 + w.len())?;
    // (the heads of a bucket are as long as `w`: their second and last
    // bytes turn most away before the whole comparison)
    let b = w.as_bytes();
    let (second, last) = (b.get(1), b.last());
    bucket
        .iter()
        .take_while(|&&i| i != 0)
        .map(|&i| usize::from(i) - 1)
        .find(|&i| {
            HEADS.get(i).is_some_and(|(h, _)| {
                let hb = h.as_bytes();
                hb.get(1) == second && hb.last() == last && *h == w
            })
        })
}

/// The index in [`HEADS`] of the head word token `k`'s text without the
/// possessive is, if any: most tokens are turned away by their first byte,
/// length and last byte (heads are capitalized words of at most 14 bytes)
/// before the text is compared.
#[inline(always)]
fn tok_head(toks: &[Tok], s: &str, k: usize) -> Option<usize> {
    let t = toks.get(k)?;
    let n = t.core_end.wrapping_sub(t.start);
    if n > 14 || !t.first.is_ascii_uppercase() {
        return None;
    }
    // (no last bytes when no head has this first byte and length)
    let lasts = HEAD_LAST[usize::from(t.first & 31) * 16 + n];
    if lasts == 0 {
        return None;
    }
    let last = *s.as_bytes().get(t.core_end.checked_sub(1)?)?;
    if lasts >> (last & 31) & 1 == 0 {
        return None;
    }
    head_in_bucket(t.first, s.get(t.start..t.core_end)?)
}

// (a head's index plus one fits a byte)
const _: () = assert!(HEADS.len() < 255);

/// The [`ORG_NOUNS`] kind of token `i`'s text, if it is one.
#[inline]
fn org_noun(toks: &[Tok], s: &str, i: usize) -> Option<&'static str> {
    let t = toks.get(i)?;
    if !matches!(t.first, b'n' | b'f' | b'c' | b'o') {
        return None;
    }
    let w = t.text(s);
    ORG_NOUNS.iter().find(|(n, _)| *n == w).map(|(_, k)| *k)
}

/// The words of a document that organization patterns start from, found
/// in one pass over its capitalized words: the head words ([`tok_head`]
/// of every token) and the [`ORG_NOUNS`] right before a capitalized word.
struct Cues {
    /// Per token: its [`HEADS`] index plus one, or 0.
    at: Vec<u8>,
    /// The tokens that are heads, in order.
    heads: Vec<usize>,
    /// The tokens that are [`ORG_NOUNS`] before a capitalized word, in
    /// order, with their kind.
    nouns: Vec<(usize, &'static str)>,
}

impl Cues {
    /// The cues of `ctx`'s tokens (the heads are all capitalized words).
    fn new(ctx: &Ctx) -> Cues {
        // (the slices held in locals: the loop reloads no field of `ctx`)
        let (toks, s) = (&ctx.toks[..], ctx.s);
        let mut at = vec![0u8; toks.len()];
        let mut heads = Vec::with_capacity(ctx.caps.len() / 8 + 4);
        let mut nouns = Vec::new();
        for &k in &ctx.caps {
            if let Some(i) = tok_head(toks, s, k) {
                if let Some(x) = at.get_mut(k) {
                    // (fewer than 255 heads)
                    *x = i as u8 + 1;
                    heads.push(k);
                }
            }
            if let Some(kind) = k.checked_sub(1).and_then(|i| org_noun(toks, s, i)) {
                nouns.push((k - 1, kind));
            }
        }
        Cues { at, heads, nouns }
    }

    /// The kind of head word (see [`HEADS`]) token `k` is, if any.
    #[inline]
    fn kind(&self, k: usize) -> Option<&'static str> {
        let i = usize::from(*self.at.get(k)?).checked_sub(1)?;
        HEADS.get(i).map(|h| h.1)
    }

    /// Token `k` is a head word.
    #[inline]
    fn is(&self, k: usize) -> bool {
        self.at.get(k).is_some_and(|&i| i != 0)
    }
}

/// Token index holding byte `b` (the first token starting at or after it).
pub fn tok_at(toks: &[Tok], b: usize) -> usize {
    toks.partition_point(|t| t.start < b)
}

/// Find organization spans, given the organization list's matches
/// (`org_hits`, as [`crate::gazetteer::Matcher::find_words`] finds them).
/// Returns them sorted by start, non-overlapping.
pub fn find(ctx: &Ctx, org_hits: &[Hit]) -> Vec<OrgSpan> {
    find_with(ctx, org_hits, true)
}

/// [`find`], skipping the capitalized runs without a head word and
/// trying only the nouns before a capitalized word when `fast` (the tests
/// compare with every run and every word tried).
fn find_with(ctx: &Ctx, org_hits: &[Hit], fast: bool) -> Vec<OrgSpan> {
    let s = ctx.s;
    let toks = &ctx.toks;
    let mut taken = vec![false; toks.len()];
    let mut out: Vec<OrgSpan> = Vec::with_capacity(org_hits.len() + 8);
    let cues = Cues::new(ctx);

    // 1. Gazetteer entries.
    for h in org_hits {
        let ta = tok_at(toks, h.start);
        let mut tb = ta;
        while tb < toks.len() && toks[tb].start < h.end {
            tb += 1;
        }
        // No token starts inside the hit: it lies inside a longer token
        // ("AO" in "¹&AO"), and there may be no token after it.
        if tb == ta {
            continue;
        }
        if toks[tb - 1].end > h.end && toks[tb - 1].core_end != h.end {
            // the hit ends inside a token (e.g. part of a hyphenated word)
            if toks[tb - 1].core_end < h.end {
                continue;
            }
        }
        if toks[ta].start != h.start {
            continue;
        }
        // A bare upper-case alias glued into a longer capitalized run
        // ("ICE Air") is still fine; a title-case single word inside a
        // longer name is not ("Post" in "Washington Post Company" is caught
        // by the pattern below).
        let form = &s[h.start..h.end];
        if !form.contains(' ') && !is_all_caps(form) {
            let prev_cap = ta > 0
                && toks[ta - 1].kind == Kind::Word
                && toks[ta - 1].cap(s)
                && !toks[ta - 1].sent_start
                && !toks[ta].nl_before;
            let next_cap = tb < toks.len() && toks[tb].kind == Kind::Word && toks[tb].cap(s);
            if prev_cap || next_cap {
                continue;
            }
        }
        // "Federal Correctional Institution in Aliceville"
        let mut end = toks[tb - 1].core_end.min(h.end);
        let mut entry = Some(h.entry);
        // "Court of Appeals" + "for the Sixth Circuit"
        if (ta..tb).any(|k| cues.is(k)) {
            if let Some(e) = for_the_district(ctx, tb, toks.len()) {
                let x = toks[e - 1].core_end;
                entry = ctx.gaz.org_matcher.exact(&s[h.start..x]);
                tb = e;
                end = x;
            }
        }
        if IN_HEADS.contains(toks[tb - 1].text(s))
            && GENERIC_FIRST.contains(toks[ta].text(s))
            && tb + 1 < toks.len()
            && matches!(toks[tb].text(s), "in" | "at")
            && toks[tb + 1].cap(s)
            && toks[tb + 1].kind == Kind::Word
            && !toks[tb + 1].nl_before
        {
            let mut e = tb + 2;
            while e < toks.len()
                && e < tb + 3
                && toks[e].kind == Kind::Word
                && toks[e].cap(s)
                && !toks[e - 1].poss
            {
                e += 1;
            }
            tb = e;
            end = toks[e - 1].core_end;
        }
        for t in &mut taken[ta..tb] {
            *t = true;
        }
        out.push(OrgSpan {
            start: h.start,
            end,
            ta,
            tb,
            gaz: entry,
            kind: "",
            rule: "gazetteer:organizations",
            abbr_of: None,
        });
    }

    // 2. Head-word patterns over capitalized runs.
    // (the organizations by end token, and the ones merged away, so that
    // finding the one before a run costs no scan of them all)
    // (only these, found in the list, can take in a name after them: the
    // ones found here have no entry)
    let mut ends: Vec<(usize, usize)> = out.iter().enumerate().map(|(k, o)| (o.tb, k)).collect();
    ends.sort_unstable();
    let mut gone = vec![false; out.len()];
    let mut next = 0;
    // Only a run holding a head word yields organizations, and a run
    // cannot pass a token that is neither a capitalized word nor a
    // connector: each head's runs are tried from the last such token
    // before it (or the first word not tried yet, or the word after the
    // head before), and the runs before, which hold no head, are skipped.
    // (`ci`: the capitalized words tried so far; `hi`: the heads passed)
    let caps = &ctx.caps;
    let (mut phrases, mut found) = (Vec::new(), Vec::new());
    let (mut ci, mut hi) = (0, 0);
    let mut floor = 0;
    loop {
        // The capitalized words to try now: from `from` to `upto`.
        let (from, upto) = if fast {
            while cues.heads.get(hi).is_some_and(|&h| h < next) {
                hi += 1;
            }
            let Some(&h) = cues.heads.get(hi) else {
                break;
            };
            hi += 1;
            let mut c = h;
            while c > floor.max(next) && passable(ctx, c - 1) {
                c -= 1;
            }
            floor = h + 1;
            (c, h)
        } else if ci < caps.len() {
            (0, usize::MAX)
        } else {
            break;
        };
        ci += caps[ci..].partition_point(|&i| i < from);
        while let Some(&i) = caps.get(ci).filter(|&&i| i <= upto) {
            ci += 1;
            if i < next || taken[i] {
                continue;
            }
            let (a, b) = run_at(ctx, &taken, i);
            // (a name has two content words or more: none in a run of one)
            found.clear();
            if b >= a + 2 {
                orgs_in_run(ctx, &cues, (a, b), &mut phrases, &mut found);
            }
            for &(x, y, kind) in &found {
                // "ICE Forensic Document Laboratory": an acronym right before belongs to it.
                let mut x = x;
                if x > 0 && !toks[x].nl_before {
                    let first = ends.partition_point(|e| e.0 < x);
                    let at_x = ends[first..].iter().take_while(|e| e.0 == x);
                    let before = at_x.map(|e| e.1).find(|&p| {
                        let o = &out[p];
                        let t = &toks[o.tb - 1];
                        !gone[p]
                            && o.gaz.is_some()
                            && !t.poss
                            && (o.ta + 1 == x && is_all_caps(t.text(s))
                                || matches!(t.text(s), "University" | "College"))
                    });
                    if let Some(p) = before {
                        x = out[p].ta;
                        gone[p] = true;
                    }
                }
                for t in &mut taken[x..y] {
                    *t = true;
                }
                out.push(OrgSpan {
                    start: toks[x].start,
                    end: toks[y - 1].core_end,
                    ta: x,
                    tb: y,
                    gaz: None,
                    kind,
                    rule: "pattern:org-head",
                    abbr_of: None,
                });
            }
            next = b.max(i + 1);
        }
    }
    if gone.contains(&true) {
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            !gone.get(k - 1).is_some_and(|&g| g)
        });
    }

    // 3. "the nonprofit Can-Do". (Such a noun is a lower-case word of the text.)
    // (the name starts with a capitalized word: only the nouns before one
    // are tried; whether the text uses any such noun is asked once, at the
    // first)
    let mut any_noun = None;
    let every: Vec<(usize, &str)>;
    let tries = if fast {
        &cues.nouns
    } else {
        let last = toks.len().saturating_sub(1);
        every = (0..last)
            .filter_map(|i| Some((i, org_noun(toks, s, i)?)))
            .collect();
        &every
    };
    for &(i, kind) in tries {
        if !*any_noun.get_or_insert_with(|| ORG_NOUNS.iter().any(|(n, _)| ctx.lower.contains(n))) {
            break;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j < i + 5
            && !taken[j]
            && toks[j].kind == Kind::Word
            && toks[j].cap(s)
            && !toks[j].nl_before
            && !ctx.tok(j, Test::NotName)
        {
            let p = toks[j].poss;
            j += 1;
            if p {
                break;
            }
        }
        if j > i + 1 && !ctx.looks_like_person(i + 1, j) {
            for t in &mut taken[i + 1..j] {
                *t = true;
            }
            out.push(OrgSpan {
                start: toks[i + 1].start,
                end: toks[j - 1].core_end,
                ta: i + 1,
                tb: j,
                gaz: None,
                kind,
                rule: "pattern:org-noun",
                abbr_of: None,
            });
        }
    }

    // "Court of Appeals" + "for the" + "Sixth Circuit" (each found alone): one name.
    out.sort_by_key(|o| o.start);
    let mut joined: Vec<OrgSpan> = Vec::with_capacity(out.len());
    for y in out {
        if let Some(x) = joined.last_mut() {
            if y.ta == x.tb + 2 && (x.ta..x.tb).any(|i| cues.is(i)) {
                if let Some(e) = for_the_district(ctx, x.tb, toks.len()) {
                    if e >= y.tb {
                        let end = toks[e - 1].core_end;
                        x.gaz = ctx.gaz.org_matcher.exact(&s[x.start..end]);
                        x.tb = e;
                        x.end = end;
                        continue;
                    }
                }
            }
        }
        joined.push(y);
    }
    let out = joined;

    // "Justice Department's Civil Rights Division": two organizations.
    let mut split = Vec::with_capacity(out.len());
    for o in out {
        match split_possessive(ctx, &cues, &o) {
            Some((a, b)) => {
                split.push(a);
                split.push(b);
            }
            None => split.push(o),
        }
    }
    let mut out = split;
    out.retain(|o| !NOT_ORGS.contains(&&s[o.start..o.end]));
    out.sort_by_key(|o| o.start);

    // 4. Abbreviations defined in parentheses: "Name (ABBR)", "Name (“Short”)".
    let mut defs: Vec<(String, usize)> = Vec::new();
    // (each definition's first start, and the span of the first
    // organization ending at each token, sorted: a parenthesis looks them
    // up instead of scanning them all; the acronyms found below end at
    // their own parenthesis, looked up before)
    let mut def_at: FxHashMap<String, usize> = FxHashMap::default();
    let mut end_spans: Vec<(usize, (usize, usize))> = Vec::new();
    if !ctx.parens.is_empty() {
        end_spans.extend(out.iter().map(|o| (o.tb, (o.start, o.end))));
        // (stable: the first of each end token stays first)
        end_spans.sort_by_key(|e| e.0);
        end_spans.dedup_by_key(|e| e.0);
    }
    let end_span = |i: usize| {
        end_spans
            .binary_search_by_key(&i, |e| e.0)
            .ok()
            .map(|k| end_spans[k].1)
    };
    for &i in &ctx.parens {
        if i < 1 || i + 2 >= toks.len() {
            continue;
        }
        let (ab, close) = if toks[i + 2].text(s) == ")" {
            (toks[i + 1].text(s), i + 2)
        } else if let Some(q) = quoted_short(ctx, i) {
            q
        } else if let Some(q) = short_form(ctx, i, end_span(i)) {
            q
        } else {
            continue;
        };
        let quoted = close != i + 2;
        if !quoted && (!is_all_caps(ab) || ab.len() > 8 || ctx.gaz.places.contains_key(ab)) {
            continue;
        }
        if quoted {
            // only after an organization
            if let Some((start, _)) = end_span(i) {
                if !def_at.contains_key(ab) {
                    def_at.insert(ab.to_string(), start);
                    defs.push((ab.to_string(), start));
                }
            }
            continue;
        }
        // An org ending right before the parenthesis.
        if let Some((start, _)) = end_span(i) {
            if !def_at.contains_key(ab) {
                def_at.insert(ab.to_string(), start);
                defs.push((ab.to_string(), start));
            }
            continue;
        }
        // Otherwise the capitalized words whose initials spell it.
        if let Some(a) = acronym_start(ctx, i, ab) {
            if taken[a..i].iter().any(|t| *t) {
                continue;
            }
            for t in &mut taken[a..i] {
                *t = true;
            }
            out.push(OrgSpan {
                start: toks[a].start,
                end: toks[i - 1].core_end,
                ta: a,
                tb: i,
                gaz: None,
                kind: "",
                rule: "pattern:org-acronym",
                abbr_of: None,
            });
            // (spans never overlap, so one sort at the end orders `out` as
            // a sort after each push did)
            def_at.entry(ab.to_string()).or_insert(toks[a].start);
            defs.push((ab.to_string(), toks[a].start));
        }
    }
    if !defs.is_empty() {
        // Every later use of a defined abbreviation or short name.
        let mut extra = Vec::new();
        // (definition, its start, word count, first word)
        let defs_words: Vec<(&str, usize, usize, &str)> = defs
            .iter()
            .map(|(d, k)| {
                let first = d.split(' ').next().unwrap_or("");
                (d.as_str(), *k, d.split(' ').count(), first)
            })
            .collect();
        // (the definitions by first word, and their word counts: a word is
        // compared only with the definitions its text could spell)
        let mut by_first: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut counts: Vec<usize> = Vec::new();
        for (n, &(_, _, nwords, first)) in defs_words.iter().enumerate() {
            by_first.entry(first).or_default().push(n);
            if !counts.contains(&nwords) {
                counts.push(nwords);
            }
        }
        // (the first bytes of the definitions: a word starting with none
        // of them starts none)
        let mut first_byte = [false; 256];
        for (_, _, _, first) in &defs_words {
            match first.as_bytes().first() {
                Some(&b) => first_byte[usize::from(b)] = true,
                None => first_byte = [true; 256],
            }
        }
        let mut cands: Vec<usize> = Vec::new();
        // (per word: where the text of each definition length from it ends)
        let mut ends: Vec<usize> = Vec::with_capacity(counts.len());
        for &i in &ctx.caps {
            let t = &toks[i];
            if taken[i]
                || !s
                    .as_bytes()
                    .get(t.start)
                    .is_some_and(|&b| first_byte[usize::from(b)])
            {
                continue;
            }
            // A definition of n words matches only the text of the n words
            // from here, whose first word (up to white space) is its own.
            ends.clear();
            ends.extend(
                counts
                    .iter()
                    .filter(|&&n| i + n <= toks.len() && n > 0)
                    .map(|&n| toks[i + n - 1].core_end),
            );
            let far = ends.iter().copied().max().unwrap_or(t.start).max(t.start);
            let ws = s
                .get(t.start..far)
                .and_then(|x| x.find(char::is_whitespace))
                .map_or(far, |w| t.start + w);
            cands.clear();
            for &end in &ends {
                let first = s.get(t.start..ws.min(end).max(t.start));
                if let Some(v) = first.and_then(|f| by_first.get(f)) {
                    cands.extend_from_slice(v);
                }
            }
            cands.sort_unstable();
            cands.dedup();
            for (d, k, nwords, first) in cands.iter().map(|&c| &defs_words[c]) {
                // (the first word must match before the whole text is compared)
                if !s.as_bytes()[t.start..].starts_with(first.as_bytes()) {
                    continue;
                }
                let j = i + nwords;
                if j > toks.len() || taken[i..j].iter().any(|x| *x) {
                    continue;
                }
                let text = &s[t.start..toks[j - 1].core_end];
                if text.split_whitespace().eq(d.split(' ')) {
                    for x in &mut taken[i..j] {
                        *x = true;
                    }
                    extra.push(OrgSpan {
                        start: t.start,
                        end: toks[j - 1].core_end,
                        ta: i,
                        tb: j,
                        gaz: None,
                        kind: "",
                        rule: "pattern:org-abbreviation",
                        abbr_of: Some(*k),
                    });
                    break;
                }
            }
        }
        // Definitions inside the parenthesis themselves.
        for &p in &ctx.parens {
            let i = p + 1;
            if i + 1 >= toks.len() {
                continue;
            }
            let t = &toks[i];
            let w = t.core(s);
            if taken[i] {
                continue;
            }
            if let Some(k) = def_at.get(w) {
                taken[i] = true;
                extra.push(OrgSpan {
                    start: t.start,
                    end: t.core_end,
                    ta: i,
                    tb: i + 1,
                    gaz: None,
                    kind: "",
                    rule: "pattern:org-abbreviation",
                    abbr_of: Some(*k),
                });
            }
        }
        out.extend(extra);
        out.sort_by_key(|o| o.start);
    }
    out
}

/// `(“Gen Re”)` at token `open`: the quoted words (at most three) and the
/// closing parenthesis index.
fn quoted_short<'a>(ctx: &Ctx<'a>, open: usize) -> Option<(&'a str, usize)> {
    let s = ctx.s;
    let toks = &ctx.toks;
    let q = toks.get(open + 1)?;
    if !matches!(q.text(s), "\u{201c}" | "\"") {
        return None;
    }
    let a = open + 2;
    let mut b = a;
    while b < toks.len() && b < a + 3 && toks[b].kind == Kind::Word && toks[b].cap(s) {
        b += 1;
    }
    if b == a
        || !matches!(toks.get(b)?.text(s), "\u{201d}" | "\"")
        || toks.get(b + 1)?.text(s) != ")"
    {
        return None;
    }
    Some((&s[toks[a].start..toks[b - 1].end], b + 1))
}

/// `Name (Gen Re)` at token `open`: capitalized words (at most three), each
/// the start of a word of the organization `org` (start and end) that ends
/// right before.
fn short_form<'a>(
    ctx: &Ctx<'a>,
    open: usize,
    org: Option<(usize, usize)>,
) -> Option<(&'a str, usize)> {
    let s = ctx.s;
    let toks = &ctx.toks;
    let (start, end) = org?;
    let a = open + 1;
    let mut b = a;
    while b < toks.len() && b < a + 3 && toks[b].kind == Kind::Word && toks[b].cap(s) {
        b += 1;
    }
    if b == a || toks.get(b)?.text(s) != ")" {
        return None;
    }
    let org_words: Vec<String> = s[start..end]
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    let fits = (a..b).all(|k| {
        let w = toks[k].text(s).to_lowercase();
        org_words.iter().any(|x| x.starts_with(&w))
    });
    if !fits {
        return None;
    }
    Some((&s[toks[a].start..toks[b - 1].end], b))
}

/// Split an organization at an inner possessive ("Justice Department's
/// Civil Rights Division"): the possessor and the rest, each with its
/// gazetteer entry when it is a known name.
fn split_possessive(ctx: &Ctx, cues: &Cues, o: &OrgSpan) -> Option<(OrgSpan, OrgSpan)> {
    let s = ctx.s;
    let toks = &ctx.toks;
    let k = (o.ta..o.tb.saturating_sub(1)).find(|&k| toks[k].poss && !keeps_possessive(ctx, k))?;
    let known = |a: usize, b: usize| -> Option<usize> {
        let (x, y) = (toks[a].start, toks[b - 1].core_end);
        ctx.gaz.org_matcher.exact(&s[x..y])
    };
    let left_gaz = known(o.ta, k + 1);
    let right_gaz = known(k + 1, o.tb).or(o.gaz);
    let content = |a: usize, b: usize| {
        (a..b)
            .filter(|&i| !CONNECT.contains(toks[i].core(s)))
            .count()
    };
    let left_ok = left_gaz.is_some() || content(o.ta, k + 1) >= 2 && cues.is(k);
    let right_ok = right_gaz.is_some() || content(k + 1, o.tb) >= 2;
    if !left_ok || !right_ok {
        return None;
    }
    let mk = |a: usize, b: usize, gaz: Option<usize>| OrgSpan {
        start: toks[a].start,
        end: toks[b - 1].core_end,
        ta: a,
        tb: b,
        gaz,
        kind: o.kind,
        rule: o.rule,
        abbr_of: None,
    };
    Some((mk(o.ta, k + 1, left_gaz), mk(k + 1, o.tb, right_gaz)))
}

/// Start of the run of capitalized words before token `paren` whose
/// initials spell `ab` (small words skipped).
fn acronym_start(ctx: &Ctx, paren: usize, ab: &str) -> Option<usize> {
    let s = ctx.s;
    let letters: Vec<char> = ab.chars().filter(|c| c.is_alphabetic()).collect();
    let mut k = letters.len();
    let mut i = paren;
    while k > 0 && i > 0 {
        i -= 1;
        let t = &ctx.toks[i];
        if t.kind != Kind::Word || t.nl_before && k > 1 {
            return None;
        }
        let w = t.core(s);
        if matches!(w, "of" | "and" | "the" | "for" | "&") {
            continue;
        }
        if !is_cap(w) {
            return None;
        }
        let c = w.chars().next()?;
        if !c.eq_ignore_ascii_case(&letters[k - 1]) {
            return None;
        }
        k -= 1;
    }
    if k == 0 && paren - i >= 2 {
        Some(i)
    } else {
        None
    }
}

/// The capitalized run starting at `i`: capitalized words, inner
/// connectors followed by a capitalized word; ends after a possessive
/// unless it is "Attorney's Office"-like.
fn run_at(ctx: &Ctx, taken: &[bool], i: usize) -> (usize, usize) {
    let s = ctx.s;
    let toks = &ctx.toks;
    let mut j = i;
    while j < toks.len() && !taken[j] {
        let t = &toks[j];
        if j > i && t.nl_before {
            break;
        }
        // (a word's `cap` is `is_cap` of its text)
        if t.kind == Kind::Word && t.cap {
            j += 1;
            if t.poss && !keeps_possessive(ctx, j - 1) {
                break;
            }
            continue;
        }
        let w = t.text(s);
        if j > i && CONNECT.contains(w) {
            // "for the" only before "... District|Circuit"; "in" only after Court-like heads
            if w == "for" && toks.get(j + 1).is_some_and(|t| t.text(s) == "the") {
                let ok = (j + 2..(j + 7).min(toks.len()))
                    .any(|k| matches!(toks[k].text(s), "District" | "Circuit"));
                if !ok {
                    break;
                }
            }
            if matches!(w, "in" | "at") && !IN_HEADS.contains(toks[j - 1].text(s)) {
                break;
            }
            // connector(s) then a capitalized word
            let mut k = j;
            while k < toks.len() && k < j + 2 && CONNECT.contains(toks[k].text(s)) {
                k += 1;
            }
            if k < toks.len()
                && !taken[k]
                && toks[k].kind == Kind::Word
                && toks[k].cap(s)
                && !toks[k].nl_before
            {
                j = k;
                continue;
            }
        }
        // "Bureau of Alcohol, Tobacco" style commas are left to the gazetteer.
        break;
    }
    (i, j)
}

/// A [`run_at`] run may hold token `k` (no run goes on past any other):
/// a capitalized word or a connector.
#[inline]
fn passable(ctx: &Ctx, k: usize) -> bool {
    let t = &ctx.toks[k];
    t.kind == Kind::Word && t.cap || CONNECT.contains(t.text(ctx.s))
}

/// "for the Southern District of New York" / "for the Ninth Circuit" starting
/// at token `end` (before `limit`): the token index after it.
fn for_the_district(ctx: &Ctx, end: usize, limit: usize) -> Option<usize> {
    let s = ctx.s;
    let toks = &ctx.toks;
    let w = |k: usize| toks[k].core(s);
    if end + 2 >= limit || w(end) != "for" || w(end + 1) != "the" {
        return None;
    }
    let mut f = end + 2;
    while f < limit && f < end + 6 && is_cap(w(f)) && !matches!(w(f), "District" | "Circuit") {
        f += 1;
    }
    if f >= limit || !matches!(w(f), "District" | "Circuit") {
        return None;
    }
    let mut e = f + 1;
    if e + 1 < limit && w(e) == "of" && is_cap(w(e + 1)) {
        e += 1;
        while e < limit && e < f + 6 && is_cap(w(e)) && !toks[e].nl_before {
            e += 1;
            if toks[e - 1].poss {
                break;
            }
        }
    }
    Some(e)
}

/// A possessive that stays inside an organization name: "Sheriff's Office",
/// "Governor's Pardon Advisory Board", "Workers' Compensation".
fn keeps_possessive(ctx: &Ctx, k: usize) -> bool {
    let s = ctx.s;
    let toks = &ctx.toks;
    let t = &toks[k];
    let next_cap = toks
        .get(k + 1)
        .is_some_and(|n| n.kind == Kind::Word && n.cap(s) && !n.nl_before);
    let plural = t.end > t.core_end && !t.text(s).ends_with('s');
    next_cap && (KEEP_POSS.contains(t.core(s)) || plural)
}

/// A token range and a kind.
type Span = (usize, usize, &'static str);

/// Organization spans (token ranges) inside a run, with their kind, into
/// `out` (cleared first; `phrases` is a reused buffer): chains of head
/// phrases ("Criminal Division Fraud Section"), each head with the
/// capitalized words right before it and its "of X" continuation.
fn orgs_in_run(
    ctx: &Ctx,
    cues: &Cues,
    (a, b): (usize, usize),
    phrases: &mut Vec<Span>,
    out: &mut Vec<Span>,
) {
    let s = ctx.s;
    let toks = &ctx.toks;
    let w = |k: usize| toks[k].core(s);
    out.clear();
    // (modifier start, end, kind)
    phrases.clear();
    let mut k = a;
    while k < b {
        let Some(kind) = cues.kind(k) else {
            k += 1;
            continue;
        };
        let lo = phrases.last().map_or(a, |p| p.1);
        let mut m = k;
        loop {
            if m > lo
                && is_cap(w(m - 1))
                && !CONNECT.contains(w(m - 1))
                && !LEAD_JUNK.contains(w(m - 1))
            {
                m -= 1;
            } else if m > lo + 1
                && matches!(w(m - 1), "&" | "and")
                && is_cap(w(m - 2))
                && !cues.is(m - 2)
                && m < k
            {
                // "Tax & Immigration Services", "Fish and Wildlife Foundation"
                m -= 2;
            } else {
                break;
            }
        }
        let mut end = k + 1;
        // "Department of Justice", "Office of the Inspector General"
        while end + 1 < b && w(end) == "of" {
            let mut e = end + 1;
            let the = w(e) == "the";
            if the {
                e += 1;
            }
            // "Office of the U.S. Embassy": another organization follows.
            if the && (e..b).take_while(|&f| is_cap(w(f))).any(|f| cues.is(f)) {
                break;
            }
            let mut f = e;
            while f < b && is_cap(w(f)) && !cues.is(f) {
                f += 1;
                if toks[f - 1].poss && !keeps_possessive(ctx, f - 1) {
                    break;
                }
                // "Narcotics and Dangerous Drugs Control"
                if f + 1 < b && w(f) == "and" && is_cap(w(f + 1)) && !cues.is(f + 1) {
                    f += 1;
                }
            }
            if f == e {
                break;
            }
            end = f;
        }
        // "Office for the Southern District of New York", "Court of Appeals for the Ninth Circuit"
        if let Some(e) = for_the_district(ctx, end, b) {
            end = e;
        }
        // "U.S. District Court in Brooklyn" (generic names only)
        if end + 1 < b
            && matches!(w(end), "in" | "at")
            && IN_HEADS.contains(w(k))
            && GENERIC_FIRST.contains(w(m))
        {
            let mut e = end + 1;
            while e < b && e < end + 3 && is_cap(w(e)) {
                e += 1;
            }
            end = e;
        }
        phrases.push((m, end, kind));
        k = end;
    }
    let content = |x: usize, y: usize| (x..y).filter(|&k| !CONNECT.contains(w(k))).count();
    let mut i = 0;
    while i < phrases.len() {
        let (s0, mut e0, mut kind) = phrases[i];
        let mut j = i + 1;
        while j < phrases.len() {
            let (ms, me, mk) = phrases[j];
            let joined =
                ms == e0 || (e0 < b && w(e0) == "and" && ms == e0 + 1 && content(s0, e0) < 2);
            if !joined {
                break;
            }
            e0 = me;
            kind = mk;
            j += 1;
        }
        i = j;
        // What follows inside the run must not continue the name ("Service Medal").
        if e0 < b {
            let nx = w(e0);
            let ok =
                CONNECT.contains(nx) || ctx.tok(e0, Test::First) || ctx.title_start.contains(&e0);
            if !ok {
                continue;
            }
        }
        let Some((x, y)) = trim(ctx, s0, e0) else {
            continue;
        };
        // Not when every word is used as a common word here ("honest services").
        let all_common = (x..y).filter(|&k| !CONNECT.contains(w(k))).all(|k| {
            ctx.tok(k, Test::Common)
                && !is_all_caps(w(k))
                && !matches!(
                    w(k),
                    "Department" | "Court" | "Police" | "Division" | "Office" | "Bureau"
                )
        });
        if all_common {
            continue;
        }
        let text = &s[toks[x].start..toks[y - 1].core_end];
        if ctx.is_place(text) {
            continue;
        }
        out.push((x, y, kind));
    }
}

/// Drop leading function words and trailing connectors; require two
/// content words (a bare "Department" is not a name).
fn trim(ctx: &Ctx, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let s = ctx.s;
    let toks = &ctx.toks;
    while a < b {
        let w = toks[a].core(s);
        let adjective = has_uncapped_part(w);
        let poss = toks[a].poss && !keeps_possessive(ctx, a);
        if CONNECT.contains(w) || LEAD_JUNK.contains(w) || poss || adjective {
            a += 1;
        } else {
            break;
        }
    }
    while b > a && CONNECT.contains(toks[b - 1].core(s)) {
        b -= 1;
    }
    let content = (a..b)
        .filter(|&k| !CONNECT.contains(toks[k].core(s)))
        .count();
    if content < 2 {
        return None;
    }
    // "Police Department", "Sheriff's Office" with no name before them
    if b == a + 2
        && matches!(
            toks[a].core(s),
            "Police" | "Fire" | "Sheriff" | "Field" | "Federal" | "State" | "County" | "City"
        )
    {
        return None;
    }
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{Gazetteers, List};
    use crate::text::Text;

    #[test]
    fn indexed_words_agree_with_the_list() {
        let list = LEAD_JUNK.list;
        let mut words: Vec<String> = vec![String::new(), "\u{e9}".into()];
        for w in list {
            words.push(w.to_string());
            words.push(w.to_lowercase());
            words.push(format!("{w}s"));
            words.push(w.get(1..).unwrap_or("").to_string());
            words.push(w.get(..w.len() - 1).unwrap_or("").to_string());
        }
        for t in crate::corpus_texts() {
            words.extend(t.split_whitespace().map(str::to_string));
        }
        for w in &words {
            assert_eq!(LEAD_JUNK.contains(w), list.contains(&w.as_str()), "{w:?}");
        }
    }

    /// [`find`] of `s` as the pre-checks find it and as every run and
    /// word tried does.
    fn both_ways(gaz: &Gazetteers, s: &str) -> (String, String) {
        let text = Text::new(s);
        let run = |fast: bool| {
            let [titles, orgs] = gaz.find_lists(text.s, &text.words, [List::Titles, List::Orgs]);
            let starts: Vec<usize> = text.sentences.iter().map(|x| x.0).collect();
            let tokens = super::super::tokens::tokenize(text.s, &text.words, &starts);
            let ctx = Ctx::new(&text, gaz, tokens, titles);
            // (the heads found once are those of every token)
            let cues = Cues::new(&ctx);
            for k in 0..ctx.toks.len() + 1 {
                let one = tok_head(&ctx.toks, s, k).map(|i| HEADS[i].1);
                assert_eq!(cues.kind(k), one, "{k} in {s}");
            }
            format!("{:?}", find_with(&ctx, &orgs, fast))
        };
        (run(true), run(false))
    }

    #[test]
    fn pre_checks_agree_with_trying_everything() {
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let mut texts = crate::corpus_texts();
        texts.extend(
            [
                "The FBI's Field Office and the U.S. Attorney's Office for the Southern District of New York said.",
                "Sheriff's Office Deputy John Smith of the Police Department.\nCourt of Appeals for the Ninth Circuit",
                "A's B's C's D's E's Department of Justice, Smith and Jones Bureau.",
                "the nonprofit Can-Do Coalition, the firm Baker McKenzie, the company Acme Holdings' Board",
                "Federal Correctional Institution in Aliceville and the U.S. District Court in Brooklyn",
                "Mary Jane Watson of the Daily Bugle Times and Peter Parker for the Daily Globe",
                "The Tax & Immigration Services Office of the U.S. Embassy in Paris; Fish and Wildlife Foundation",
            ]
            .map(String::from),
        );
        for s in &texts {
            let (fast, slow) = both_ways(&gaz, s);
            assert_eq!(fast, slow, "{s}");
        }
    }

    #[test]
    fn pre_checks_agree_on_random_runs() {
        // Texts of capitalized words, heads, connectors, possessives,
        // listed names, nouns, punctuation and line breaks.
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let words = [
            "Smith",
            "John",
            "Department",
            "Office",
            "Court",
            "Police",
            "of",
            "the",
            "and",
            "for",
            "in",
            "at",
            "&",
            "Sheriff's",
            "Attorney's",
            "Justice",
            "District",
            "Circuit",
            "U.S.",
            "Federal",
            "State",
            "FBI",
            "ICE",
            "said",
            "company",
            "nonprofit",
            "firm",
            ",",
            ".",
            "(",
            ")",
            "\n",
            "Southern",
            "New",
            "York",
            "Board",
            "Bureau",
            "Investigation",
            "The",
            "Department's",
            "Division",
            "Criminal",
            "Service",
            "Medal",
            "University",
            "College",
            "Institution",
            "Aliceville",
            "Brooklyn",
            "Workers'",
            "Fraud",
            "Section",
            "was",
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut found = 0;
        for _ in 0..3_000 {
            let mut s = String::new();
            let n = 4 + (x >> 60) as usize * 2;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let w = words[(x >> 33) as usize % words.len()];
                if !s.is_empty() && w != "\n" {
                    s.push(' ');
                }
                s.push_str(w);
            }
            let (fast, slow) = both_ways(&gaz, &s);
            assert_eq!(fast, slow, "{s}");
            found += usize::from(fast != "[]");
        }
        assert!(found > 1_000, "{found}");
    }

    #[test]
    fn head_buckets_agree_with_the_list() {
        let slow = |w: &str| HEADS.iter().find(|(h, _)| *h == w).map(|(_, k)| *k);
        let mut words: Vec<String> = Vec::new();
        for (h, _) in HEADS {
            words.push(h.to_string());
            words.push(h.to_uppercase());
            words.push(h.to_lowercase());
            words.push(format!("{h}s"));
            words.push(h[..h.len() - 1].to_string());
            words.push(format!("{}x", &h[..h.len() - 1]));
        }
        for w in &words {
            let text = format!("{w} of");
            let toks = super::super::tokens::tokenize(
                &text,
                &crate::text::words::word_starts(&text),
                &[0],
            )
            .toks;
            assert_eq!(
                tok_head(&toks, &text, 0).map(|i| HEADS[i].1),
                slow(toks[0].core(&text)),
                "{w:?}"
            );
        }
    }
}

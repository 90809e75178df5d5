//! People and organizations: recognition (gazetteers plus patterns) and
//! resolution (alias merging into one entity per document).

mod orgs;
mod people;
mod resolve;
mod tokens;

use crate::gazetteer::{name_word, Gazetteers, Hit, List, ListHits};
use crate::model::{Organization, Person};
use crate::text::Text;
use rustc_hash::FxHashSet;
use std::cell::{Cell, RefCell};
use tokens::{is_all_caps, pack, title_case, Tok};

/// What the recognizers share for one document.
pub(crate) struct Ctx<'a> {
    /// The text.
    pub s: &'a str,
    /// Its tokens.
    pub toks: Vec<Tok>,
    /// Indices of the words that start with a capital, in order.
    pub caps: Vec<usize>,
    /// Indices of the `(` tokens, in order.
    pub parens: Vec<usize>,
    /// Lines: first token, words of more than three bytes ([`tokens::Tokens::lines`]).
    pub lines: Vec<(usize, usize)>,
    /// Lower-case words used in the text.
    pub lower: tokens::LowerSet<'a>,
    /// The lists.
    pub gaz: &'a Gazetteers,
    /// Title matches (one pass of the title matcher).
    pub titles: Vec<Hit>,
    /// Token indices where a title match starts.
    pub title_start: FxHashSet<usize>,
    /// Per token: the [`Test`]s answered so far (two bits each: answered, answer).
    memo: Vec<Cell<u32>>,
    /// Reused buffers for lower-cased and title-cased words.
    scratch: (RefCell<String>, RefCell<String>),
}

/// A word test on one token's text (possessive excluded), memoized per
/// token by [`Ctx::tok`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Test {
    /// A known first name (each part of a hyphenated one), not a
    /// never-name word and not used in lower case here.
    First,
    /// [`Ctx::is_surname`].
    Surname,
    /// [`Ctx::is_not_name`].
    NotName,
    /// Used in lower case here (or with an `s` dropped), or a never-name
    /// word.
    Common,
    /// [`Ctx::is_place`].
    Place,
    /// A common first name: listed with a count of 20,000 or more.
    CommonFirst,
    /// Used as a lower-case word in this document.
    Lower,
    /// May be the first word of a place name of more than one word, as
    /// [`Ctx::is_place`] finds it (as written, or title-cased when in
    /// capitals): certain for ASCII words that start with a capital, set
    /// for some other words without a look-up.
    PlaceHead,
}

impl<'a> Ctx<'a> {
    /// The context of `text`, tokenized as `tokens`, with its title matches.
    fn new(
        text: &'a Text,
        gaz: &'a Gazetteers,
        tokens: tokens::Tokens<'a>,
        titles: Vec<Hit>,
    ) -> Ctx<'a> {
        let tokens::Tokens {
            toks,
            lower,
            caps,
            parens,
            lines,
        } = tokens;
        let title_start = titles
            .iter()
            .map(|h| orgs::tok_at(&toks, h.start))
            .collect();
        Ctx {
            s: text.s,
            memo: vec![Cell::new(0); toks.len()],
            scratch: Default::default(),
            toks,
            lower,
            caps,
            parens,
            lines,
            gaz,
            titles,
            title_start,
        }
    }

    /// The answer of `test` for token `k` (computed once per token).
    #[inline]
    pub fn tok(&self, k: usize, test: Test) -> bool {
        let bit = 2 * test as u32;
        let m = self.memo[k].get();
        if m & (1 << bit) != 0 {
            return m & (2 << bit) != 0;
        }
        match test {
            // (one look-up answers these four)
            Test::First | Test::NotName | Test::Place | Test::CommonFirst | Test::PlaceHead => {
                self.fill(k) & (2 << bit) != 0
            }
            _ => self.tok_first(k, test),
        }
    }

    /// [`Ctx::tok`] the first time for the other tests: compute and
    /// remember the answer.
    #[inline(never)]
    fn tok_first(&self, k: usize, test: Test) -> bool {
        let bit = 2 * test as u32;
        let t = &self.toks[k];
        let w = t.core(self.s);
        let v = match test {
            Test::First | Test::NotName | Test::Place | Test::CommonFirst | Test::PlaceHead => {
                return self.fill(k) & (2 << bit) != 0;
            }
            Test::Surname => self.is_surname(w),
            // (never-name words first: their answer is at hand)
            Test::Common => {
                self.tok(k, Test::NotName)
                    || self.tok(k, Test::Lower)
                    || self.used_lower_singular(w)
            }
            Test::Lower => self.used_lower(w),
        };
        // (re-read: the tests above may have filled other bits)
        let m = self.memo[k].get();
        self.memo[k].set(m | 1 << bit | u32::from(v) << (bit + 1));
        v
    }

    /// Answer [`Test::First`], [`Test::NotName`], [`Test::Place`],
    /// [`Test::CommonFirst`] and [`Test::PlaceHead`] for token `k` at once (one probe of
    /// [`Gazetteers::name_words`] per spelling), and [`Test::Lower`] when
    /// the first-name answer needs it; the new memo.
    #[inline(never)]
    fn fill(&self, k: usize) -> u32 {
        let w = self.toks[k].core(self.s);
        let r = self.word_bits(w);
        let not_name = r & name_word::NOT_NAME != 0;
        let bit = |t: Test, v: bool| (1 | u32::from(v) << 1) << (2 * t as u32);
        // (a first name only when not used in lower case here: that test
        // answered here when not yet, as `tok` would)
        let m0 = self.memo[k].get();
        let mut lower = 0;
        let first = r & name_word::FIRST != 0 && !not_name && {
            let lb = 2 * Test::Lower as u32;
            let used = if m0 & (1 << lb) != 0 {
                m0 & (2 << lb) != 0
            } else {
                let v = self.used_lower(w);
                lower = bit(Test::Lower, v);
                v
            };
            !used
        };
        let m = m0
            | lower
            | bit(Test::First, first)
            | bit(Test::NotName, not_name)
            | bit(Test::Place, r & name_word::PLACE != 0)
            | bit(Test::CommonFirst, r & name_word::COMMON_FIRST != 0)
            | bit(Test::PlaceHead, r & name_word::PLACE_HEAD != 0);
        self.memo[k].set(m);
        m
    }

    /// The lists' facts on `w`, as bits of [`name_word`]: `FIRST` when a
    /// known first name (each part of a hyphenated one), `COMMON_FIRST`
    /// when listed with a count of 20,000 or more (the first spelling
    /// listed), `NOT_NAME` when
    /// [`Ctx::is_not_name`], `PLACE` when [`Ctx::is_place`], `PLACE_HEAD`
    /// as [`Test::PlaceHead`] says. Each spelling [`Ctx::in_set`] tries is
    /// one probe.
    #[inline]
    fn word_bits(&self, w: &str) -> u8 {
        let r0 = self.gaz.name_words.get(w);
        match ascii_shape(w.as_bytes()) {
            // (the common case: no other spelling, no parts)
            Some((false, false)) => r0,
            _ => self.word_bits_slow(w, r0),
        }
    }

    /// [`Ctx::word_bits`] of a word with an inner capital, a hyphen, or
    /// not short ASCII (`r0`: the bits of `w` as written).
    #[inline(never)]
    fn word_bits_slow(&self, w: &str, r0: u8) -> u8 {
        let get = |x: &str| self.gaz.name_words.get(x);
        // The other spellings: title-cased (all capitals or an inner
        // capital), and when not ASCII without accents. `head`: the
        // `PLACE_HEAD` bit. (A phrase in capitals has its first word in
        // capitals: title-cased, that is `r1`'s spelling when it has a
        // capital after its first byte, else itself for an ASCII word
        // that starts with a capital. Other words may be a place's first
        // word.)
        let (r1, r2, all_caps, head) = if w.is_ascii() {
            // (for ASCII, all capitals implies a capital after the first byte)
            let inner_cap = w.as_bytes().iter().skip(1).any(u8::is_ascii_uppercase);
            let r1 = if inner_cap {
                self.with_title_case(w, get)
            } else {
                0
            };
            let head = (r0 | r1) & name_word::PLACE_HEAD;
            (r1, 0, inner_cap && is_all_caps(w), head)
        } else {
            let all_caps = is_all_caps(w);
            let inner_cap = w.chars().skip(1).any(char::is_uppercase);
            let tc = (all_caps || inner_cap).then(|| title_case(w));
            let r1 = tc.as_deref().map_or(0, get);
            // (`deaccent` changes only characters of U+00C0..=U+00FF,
            // whose first byte is 0xc3)
            let x = tc.as_deref().unwrap_or(w);
            let r2 = if x.as_bytes().contains(&0xc3) {
                get(&tokens::deaccent(x))
            } else {
                get(x)
            };
            let head = if tc.is_some() {
                (r0 | r1) & name_word::PLACE_HEAD
            } else {
                name_word::PLACE_HEAD
            };
            (r1, r2, all_caps, head)
        };
        // A first name's count is that of the first spelling listed.
        let first = [r0, r1, r2]
            .into_iter()
            .find(|r| r & name_word::FIRST != 0)
            .map_or(0, |r| r & (name_word::FIRST | name_word::COMMON_FIRST));
        let first = if first == 0 && w.contains('-') && w.split('-').all(|x| self.known_first(x)) {
            name_word::FIRST
        } else {
            first
        };
        let place = if all_caps { r0 | r1 } else { r0 };
        first | (r0 | r1 | r2) & name_word::NOT_NAME | place & name_word::PLACE | head
    }

    /// `w` (no hyphen) is a known first name, as [`Ctx::in_set`] finds it.
    fn known_first(&self, w: &str) -> bool {
        self.in_set(w, |y| {
            (self.gaz.name_words.get(y) & name_word::FIRST != 0).then_some(())
        })
        .is_some()
    }

    /// Call `f` with `w` lower-cased: in a reused buffer when `w` is ASCII,
    /// else allocated.
    fn with_lower<R>(&self, w: &str, f: impl FnOnce(&str) -> R) -> R {
        if w.is_ascii() {
            if let Ok(mut b) = self.scratch.0.try_borrow_mut() {
                b.clear();
                b.push_str(w);
                b.make_ascii_lowercase();
                return f(&b);
            }
        }
        f(&w.to_lowercase())
    }

    /// Call `f` with [`title_case`] of `w`: in a reused buffer when `w` is
    /// ASCII, else allocated.
    fn with_title_case<R>(&self, w: &str, f: impl FnOnce(&str) -> R) -> R {
        if w.is_ascii() {
            if let Ok(mut b) = self.scratch.1.try_borrow_mut() {
                b.clear();
                let mut first = true;
                for c in w.chars() {
                    b.push(if first {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    });
                    first = !c.is_ascii_alphabetic();
                }
                return f(&b);
            }
        }
        f(&title_case(w))
    }

    /// Look `w` up as written, title-cased (all capitals or an inner
    /// capital: `SMITH`, `DeShawn`) and without accents.
    fn in_set<T>(&self, w: &str, f: impl Fn(&str) -> Option<T>) -> Option<T> {
        if let Some(x) = f(w) {
            return Some(x);
        }
        if w.is_ascii() {
            // For ASCII, all capitals implies a capital after the first byte.
            let inner_cap = w.as_bytes().iter().skip(1).any(u8::is_ascii_uppercase);
            return if inner_cap {
                self.with_title_case(w, f)
            } else {
                None
            };
        }
        let inner_cap = w.chars().skip(1).any(char::is_uppercase);
        let tc = (is_all_caps(w) || inner_cap).then(|| title_case(w));
        tc.as_deref()
            .and_then(&f)
            .or_else(|| f(&tokens::deaccent(tc.as_deref().unwrap_or(w))))
    }

    /// `w` (lower-cased) is used as a lower-case word in this document.
    fn used_lower(&self, w: &str) -> bool {
        match pack(w.as_bytes()) {
            Some(k) => self.lower.contains_key(k.lower()),
            None => self.with_lower(w, |l| self.lower.contains(l)),
        }
    }

    /// `w` lower-cased ends with `s`, and is used without it as a
    /// lower-case word in this document.
    fn used_lower_singular(&self, w: &str) -> bool {
        match pack(w.as_bytes()) {
            Some(k) => {
                let l = k.lower();
                l.last() == b's' && l.drop_last().is_some_and(|x| self.lower.contains_key(x))
            }
            None => self.with_lower(w, |l| {
                l.strip_suffix('s').is_some_and(|x| self.lower.contains(x))
            }),
        }
    }

    /// A capitalized word that is never a name.
    pub fn is_not_name(&self, w: &str) -> bool {
        self.in_set(w, |x| {
            (self.gaz.name_words.get(x) & name_word::NOT_NAME != 0).then_some(())
        })
        .is_some()
    }

    /// A known surname (any part of a hyphenated one).
    pub fn is_surname(&self, w: &str) -> bool {
        let hit = |x: &str| {
            self.in_set(x, |y| self.gaz.surnames.get(y).map(|_| ()))
                .is_some()
        };
        hit(w) || (w.contains('-') && w.split('-').any(hit))
    }

    /// How common a surname is (0 when unknown).
    pub fn surname_count(&self, w: &str) -> u32 {
        self.in_set(w, |y| self.gaz.surnames.get(y).copied())
            .unwrap_or(0)
    }

    /// Used in lower case in this document (or a never-name word).
    pub fn is_common(&self, w: &str) -> bool {
        self.used_lower(w) || self.used_lower_singular(w) || self.is_not_name(w)
    }

    /// The title entry spelled exactly `w`, if any.
    fn title_entry(&self, w: &str) -> Option<usize> {
        self.gaz.title_matcher.exact(w)
    }

    /// `w` is a title ("Adviser", "Judge").
    pub fn is_title(&self, w: &str) -> bool {
        self.title_entry(w).is_some()
    }

    /// A one-word title ("Officer", "General"), never the last word of a name.
    pub fn is_title_word(&self, w: &str) -> bool {
        self.title_entry(w)
            .is_some_and(|e| self.gaz.titles[e].kind != "honorific")
            && self.surname_count(w) < 20_000
            && self.word_bits(w) & name_word::COMMON_FIRST == 0
    }

    /// A place name.
    pub fn is_place(&self, w: &str) -> bool {
        let place = |x: &str| self.gaz.name_words.get(x) & name_word::PLACE != 0;
        place(w)
            // Title-casing each word and the whole phrase is the same.
            || is_all_caps(w) && self.with_title_case(w, place)
    }

    /// Tokens `[a, b)` start with a known first name and hold two words or more.
    pub fn looks_like_person(&self, a: usize, b: usize) -> bool {
        b >= a + 2 && self.tok(a, Test::First)
    }
}

/// For an ASCII word of 1 to 16 bytes: whether it has a capital after its
/// first byte, and whether it has a hyphen (`None` for other words).
#[inline]
fn ascii_shape(w: &[u8]) -> Option<(bool, bool)> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let n = w.len();
    if n == 0 || n > 16 {
        return None;
    }
    // Up to eight bytes as a little-endian word, zero-padded (overlapping
    // loads).
    let le = |p: &[u8]| -> u64 {
        let n = p.len();
        let le4 = |q: &[u8]| u64::from(u32::from_le_bytes([q[0], q[1], q[2], q[3]]));
        if n >= 8 {
            u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]])
        } else if n >= 4 {
            le4(p) | le4(&p[n - 4..]) << (8 * (n - 4))
        } else {
            u64::from(p[0])
                | u64::from(p[n / 2]) << (8 * (n / 2))
                | u64::from(p[n - 1]) << (8 * (n - 1))
        }
    };
    let (a, b) = if n > 8 {
        (le(&w[..8]), le(&w[8..]))
    } else {
        (le(w), 0)
    };
    if (a | b) & HIGH != 0 {
        return None;
    }
    // (ASCII bytes: adding cannot carry into the next byte)
    let upper = |x: u64| x.wrapping_add(0x3f * ONES) & !x.wrapping_add(0x25 * ONES) & HIGH;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let inner_cap = (upper(a) & !0x80 | upper(b)) != 0;
    // (the zero padding is no hyphen)
    let hyphen = has_zero(a ^ (0x2d * ONES)) || has_zero(b ^ (0x2d * ONES));
    Some((inner_cap, hyphen))
}

/// One mention of a person or organization.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMention {
    /// Byte start of the name (titles excluded).
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Index into [`Entities::people`] or [`Entities::orgs`].
    pub entity: usize,
    /// The list or pattern that found it.
    pub rule: &'static str,
}

/// The people and organizations of one document.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    /// Distinct people.
    pub people: Vec<Person>,
    /// Distinct organizations.
    pub orgs: Vec<Organization>,
    /// Person mentions, sorted by start.
    pub person_mentions: Vec<EntityMention>,
    /// Organization mentions, sorted by start.
    pub org_mentions: Vec<EntityMention>,
    /// Per person: role from the gazetteer or a title (`president`, `governor`, `judge`...), or empty.
    pub roles: Vec<String>,
}

impl Entities {
    /// Find and resolve the people and organizations of `text`.
    pub fn recognize(text: &Text, gaz: &Gazetteers, date: Option<&str>) -> Entities {
        // (the title, organization and people matches in one pass over
        // the words)
        let [titles, orgs, people] = gaz.find_lists(
            text.s,
            &text.words,
            [List::Titles, List::Orgs, List::People],
        );
        let mut hits = ListHits {
            titles,
            orgs,
            people,
            offenses: Vec::new(),
        };
        Entities::from_hits(text, gaz, date, &mut hits)
    }

    /// [`Entities::recognize`] from the document's list matches, found
    /// beforehand ([`Gazetteers::list_hits`]); their titles, organizations
    /// and people are taken.
    pub fn from_hits(
        text: &Text,
        gaz: &Gazetteers,
        date: Option<&str>,
        hits: &mut ListHits,
    ) -> Entities {
        let starts: Vec<usize> = text.sentences.iter().map(|s| s.0).collect();
        let titles = std::mem::take(&mut hits.titles);
        let org_hits = std::mem::take(&mut hits.orgs);
        let people_hits = std::mem::take(&mut hits.people);
        let ctx = Ctx::new(
            text,
            gaz,
            tokens::tokenize(text.s, &text.words, &starts),
            titles,
        );
        let mut e = Entities::default();
        let org_spans = orgs::find(&ctx, &org_hits);
        resolve::orgs(&ctx, &org_spans, &mut e);
        let org_tokens: Vec<(usize, usize)> = org_spans.iter().map(|o| (o.ta, o.tb)).collect();
        let cands = people::find(&ctx, &org_tokens, &people_hits);
        resolve::people(&ctx, &cands, date, &mut e);
        e
    }

    /// The person holding `role` (`president`, `governor`, `judge`...) in
    /// this document: the most mentioned one, the first on a tie. For
    /// "the President said" or "the governor's decision".
    pub fn person_with_role(&self, role: &str) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, r) in self.roles.iter().enumerate() {
            if r == role && best.is_none_or(|b| self.people[i].mentions > self.people[b].mentions) {
                best = Some(i);
            }
        }
        best
    }

    /// The person mentioned last before byte `pos` (a naive antecedent for
    /// "he", "she" or "the defendant").
    pub fn person_before(&self, pos: usize) -> Option<usize> {
        let k = self.person_mentions.partition_point(|m| m.start < pos);
        k.checked_sub(1).map(|k| self.person_mentions[k].entity)
    }

    /// The person whose mention covers byte `pos`, if any.
    pub fn person_at(&self, pos: usize) -> Option<usize> {
        let k = self.person_mentions.partition_point(|m| m.start <= pos);
        k.checked_sub(1)
            .map(|k| &self.person_mentions[k])
            .filter(|m| pos < m.end)
            .map(|m| m.entity)
    }

    /// Canonical name of person `i`.
    pub fn person_name(&self, i: usize) -> &str {
        self.people.get(i).map_or("", |p| p.name.as_str())
    }

    /// Person mentions that start inside `[a, b)`.
    pub fn person_mentions_in(&self, a: usize, b: usize) -> impl Iterator<Item = &EntityMention> {
        let from = self.person_mentions.partition_point(|m| m.start < a);
        self.person_mentions[from..]
            .iter()
            .take_while(move |m| m.start < b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow answer of [`ascii_shape`].
    fn shape_slow(w: &[u8]) -> Option<(bool, bool)> {
        (!w.is_empty() && w.len() <= 16 && w.is_ascii()).then(|| {
            (
                w.iter().skip(1).any(u8::is_ascii_uppercase),
                w.contains(&b'-'),
            )
        })
    }

    #[test]
    fn ascii_shape_agrees_with_slow() {
        // Every word of up to three bytes over an alphabet of edge bytes,
        // then longer words with one byte varied at each position.
        let alphabet: &[u8] = b"\0-,@AZ[`az{\x7f\x80\xc3";
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=3 {
            let mut idx = vec![0usize; len];
            loop {
                words.push(idx.iter().map(|&i| alphabet[i]).collect());
                let mut p = 0;
                while p < len && idx[p] + 1 == alphabet.len() {
                    idx[p] = 0;
                    p += 1;
                }
                if p == len {
                    break;
                }
                idx[p] += 1;
            }
        }
        for len in 4..=18 {
            for pos in 0..len {
                for &c in alphabet {
                    let mut w = vec![b'a'; len];
                    w[pos] = c;
                    words.push(w.clone());
                    w[0] = b'M';
                    words.push(w);
                }
            }
        }
        for w in &words {
            assert_eq!(ascii_shape(w), shape_slow(w), "{w:?}");
        }
    }

    /// The lists' facts on `w` from the separate maps, as first written.
    fn word_bits_maps(ctx: &Ctx, w: &str) -> u8 {
        let g = ctx.gaz;
        let known = |x: &str| {
            ctx.in_set(x, |y| g.first_names.get(y).map(|_| ()))
                .is_some()
        };
        let first = known(w) || w.contains('-') && w.split('-').all(known);
        let count = ctx
            .in_set(w, |y| g.first_names.get(y).copied())
            .unwrap_or(0);
        let not_name = ctx
            .in_set(w, |x| g.not_names.contains(x).then_some(()))
            .is_some();
        let place = g.places.contains_key(w)
            || is_all_caps(w) && g.places.contains_key(title_case(w).as_str());
        let flag = |b: bool, f: u8| if b { f } else { 0 };
        flag(first, name_word::FIRST)
            | flag(count >= 20_000, name_word::COMMON_FIRST)
            | flag(not_name, name_word::NOT_NAME)
            | flag(place, name_word::PLACE)
    }

    #[test]
    fn word_bits_agree_with_the_lists() {
        let gaz = Gazetteers::builtin().expect("built-in gazetteers");
        let text = Text::new("A text.");
        let ctx = Ctx::new(
            &text,
            &gaz,
            tokens::tokenize(text.s, &text.words, &[0]),
            Vec::new(),
        );
        // Every listed word as written, in capitals, in lower case, and
        // glued to the next with a hyphen; some others.
        let mut listed: Vec<&str> = gaz.first_names.keys().copied().collect();
        listed.extend(gaz.not_names.iter().copied());
        listed.extend(gaz.places.keys().copied());
        listed.extend(gaz.surnames.keys().copied().take(2_000));
        listed.sort_unstable();
        let mut words: Vec<String> = Vec::new();
        for pair in listed.windows(2) {
            let w = pair[0];
            words.push(w.to_string());
            words.push(w.to_uppercase());
            words.push(w.to_lowercase());
            words.push(format!("{w}-{}", pair[1]));
            words.push(format!("{}-{}", w.to_uppercase(), pair[1]));
        }
        for w in [
            "",
            "-",
            "Mary-",
            "-Ann",
            "JOSÉ",
            "José",
            "Jose",
            "NÚÑEZ",
            "DeShawn",
            "McDonald",
            "MCDONALD",
            "O'Brien",
            "A",
            "U.S.",
            "NEW YORK",
            "New York",
            "Anne-Marie",
            "ANNE-MARIE",
            "Jean-Luc",
            "Xq-Zz",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            assert_eq!(
                ctx.word_bits(w) & !name_word::PLACE_HEAD,
                word_bits_maps(&ctx, w),
                "{w:?}"
            );
        }
    }
}

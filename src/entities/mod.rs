//! People and organizations: recognition (gazetteers plus patterns) and
//! resolution (alias merging into one entity per document).

mod orgs;
mod people;
mod resolve;
mod tokens;

use crate::gazetteer::{Gazetteers, Hit};
use crate::model::{Organization, Person};
use crate::text::Text;
use rustc_hash::FxHashSet;
use std::cell::{Cell, RefCell};
use tokens::{is_all_caps, pack, title_case, Tok};

/// What the recognizers share for one document.
pub(crate) struct Ctx<'a> {
    /// The text.
    pub s: &'a str,
    /// Its word starts (for the gazetteer matchers).
    pub words: &'a [crate::text::words::Word],
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
    /// A common first name: [`Ctx::first_count`] of 20,000 or more.
    CommonFirst,
    /// [`Ctx::is_place`] of this token and the next, as written.
    Place2,
    /// [`Ctx::is_place`] of this token and the next two, as written.
    Place3,
    /// Used as a lower-case word in this document.
    Lower,
}

impl Ctx<'_> {
    /// The answer of `test` for token `k` (computed once per token).
    #[inline]
    pub fn tok(&self, k: usize, test: Test) -> bool {
        let bit = 2 * test as u32;
        let m = self.memo[k].get();
        if m & (1 << bit) != 0 {
            return m & (2 << bit) != 0;
        }
        self.tok_first(k, test)
    }

    /// [`Ctx::tok`] the first time: compute and remember the answer.
    #[inline(never)]
    fn tok_first(&self, k: usize, test: Test) -> bool {
        let bit = 2 * test as u32;
        let t = &self.toks[k];
        let w = t.core(self.s);
        let phrase = |n: usize| {
            self.toks
                .get(k + n - 1)
                .is_some_and(|e| self.is_place(&self.s[t.start..e.core_end]))
        };
        // (First and Common share their parts through the memo.)
        let v = match test {
            Test::First => {
                self.known_first(w) && !self.tok(k, Test::NotName) && !self.tok(k, Test::Lower)
            }
            Test::Surname => self.is_surname(w),
            Test::NotName => self.is_not_name(w),
            Test::Common => {
                self.tok(k, Test::Lower)
                    || self.used_lower_singular(w)
                    || self.tok(k, Test::NotName)
            }
            Test::Place => self.is_place(w),
            Test::CommonFirst => self.first_count(w) >= 20_000,
            Test::Place2 => phrase(2),
            Test::Place3 => phrase(3),
            Test::Lower => self.used_lower(w),
        };
        // (re-read: the tests above may have filled other bits)
        let m = self.memo[k].get();
        self.memo[k].set(m | 1 << bit | u32::from(v) << (bit + 1));
        v
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
        self.in_set(w, |x| self.gaz.not_names.contains(x).then_some(()))
            .is_some()
    }

    /// A known first name (each part of a hyphenated one).
    fn known_first(&self, w: &str) -> bool {
        let known = |x: &str| {
            self.in_set(x, |y| self.gaz.first_names.get(y).map(|_| ()))
                .is_some()
        };
        known(w) || w.contains('-') && w.split('-').all(known)
    }

    /// How common a first name is (0 when unknown).
    pub fn first_count(&self, w: &str) -> u32 {
        self.in_set(w, |y| self.gaz.first_names.get(y).map(|c| c.0))
            .unwrap_or(0)
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
            && self.first_count(w) < 20_000
    }

    /// A place name.
    pub fn is_place(&self, w: &str) -> bool {
        self.gaz.places.contains_key(w)
            // Title-casing each word and the whole phrase is the same.
            || is_all_caps(w) && self.with_title_case(w, |t| self.gaz.places.contains_key(t))
    }

    /// Tokens `[a, b)` start with a known first name and hold two words or more.
    pub fn looks_like_person(&self, a: usize, b: usize) -> bool {
        b >= a + 2 && self.tok(a, Test::First)
    }
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
        let starts: Vec<usize> = text.sentences.iter().map(|s| s.0).collect();
        let tokens::Tokens {
            toks,
            lower,
            caps,
            parens,
            lines,
        } = tokens::tokenize(text.s, &starts);
        let titles = gaz.title_matcher.find_words(text.s, &text.words);
        let title_start = titles
            .iter()
            .map(|h| orgs::tok_at(&toks, h.start))
            .collect();
        let ctx = Ctx {
            s: text.s,
            words: &text.words,
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
        };
        let mut e = Entities::default();
        let org_spans = orgs::find(&ctx);
        resolve::orgs(&ctx, &org_spans, &mut e);
        let org_tokens: Vec<(usize, usize)> = org_spans.iter().map(|o| (o.ta, o.tb)).collect();
        let cands = people::find(&ctx, &org_tokens);
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

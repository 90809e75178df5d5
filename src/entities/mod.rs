//! People and organizations: recognition (gazetteers plus patterns) and
//! resolution (alias merging into one entity per document).

mod orgs;
mod people;
mod resolve;
mod tokens;

use crate::gazetteer::{Gazetteers, Hit};
use crate::model::{Organization, Person};
use crate::text::Text;
use std::collections::HashSet;
use tokens::{is_all_caps, title_case, Tok};

/// What the recognizers share for one document.
pub(crate) struct Ctx<'a> {
    /// The text.
    pub s: &'a str,
    /// Its word starts (for the gazetteer matchers).
    pub words: &'a [crate::text::words::Word],
    /// Its tokens.
    pub toks: Vec<Tok>,
    /// Lower-case words used in the text.
    pub lower: HashSet<String>,
    /// The lists.
    pub gaz: &'a Gazetteers,
    /// Title matches (one pass of the title matcher).
    pub titles: Vec<Hit>,
    /// Token indices where a title match starts.
    pub title_start: HashSet<usize>,
}

impl Ctx<'_> {
    /// `w` as written, or title-cased when it is all capitals.
    /// `w`, and its title-cased form for `SMITH` or `DeShawn`.
    fn variants(w: &str) -> (Option<String>, &str) {
        let inner_cap = || w.chars().skip(1).any(char::is_uppercase);
        if is_all_caps(w) || inner_cap() {
            (Some(title_case(w)), w)
        } else {
            (None, w)
        }
    }

    /// Look `w` up as written, title-cased (all capitals) and without accents.
    fn in_set<T>(w: &str, f: impl Fn(&str) -> Option<T>) -> Option<T> {
        let (tc, w) = Self::variants(w);
        f(w).or_else(|| tc.as_deref().and_then(&f)).or_else(|| {
            if w.is_ascii() {
                return None;
            }
            let plain = tokens::deaccent(tc.as_deref().unwrap_or(w));
            f(&plain)
        })
    }

    /// A capitalized word that is never a name.
    pub fn is_not_name(&self, w: &str) -> bool {
        Self::in_set(w, |x| self.gaz.not_names.contains(x).then_some(())).is_some()
    }

    /// A known first name (each part of a hyphenated one), not used as a
    /// common word here.
    pub fn is_first(&self, w: &str) -> bool {
        let known =
            |x: &str| Self::in_set(x, |y| self.gaz.first_names.get(y).map(|_| ())).is_some();
        (known(w) || w.contains('-') && w.split('-').all(known))
            && !self.is_not_name(w)
            && !self.lower.contains(&w.to_lowercase())
    }

    /// How common a first name is (0 when unknown).
    pub fn first_count(&self, w: &str) -> u32 {
        Self::in_set(w, |y| self.gaz.first_names.get(y).map(|c| c.0)).unwrap_or(0)
    }

    /// A known surname (any part of a hyphenated one).
    pub fn is_surname(&self, w: &str) -> bool {
        let hit = |x: &str| Self::in_set(x, |y| self.gaz.surnames.get(y).map(|_| ())).is_some();
        hit(w) || (w.contains('-') && w.split('-').any(hit))
    }

    /// How common a surname is (0 when unknown).
    pub fn surname_count(&self, w: &str) -> u32 {
        Self::in_set(w, |y| self.gaz.surnames.get(y).copied()).unwrap_or(0)
    }

    /// Used in lower case in this document (or a never-name word).
    pub fn is_common(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        self.lower.contains(&l)
            || l.strip_suffix('s').is_some_and(|x| self.lower.contains(x))
            || self.is_not_name(w)
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
        self.surname_count(w) < 20_000
            && self.first_count(w) < 20_000
            && self
                .title_entry(w)
                .is_some_and(|e| self.gaz.titles[e].kind != "honorific")
    }

    /// A place name.
    pub fn is_place(&self, w: &str) -> bool {
        self.gaz.places.contains_key(w)
            || is_all_caps(w) && {
                let t: Vec<String> = w.split(' ').map(title_case).collect();
                self.gaz.places.contains_key(t.join(" ").as_str())
            }
    }

    /// Tokens `[a, b)` start with a known first name and hold two words or more.
    pub fn looks_like_person(&self, a: usize, b: usize) -> bool {
        b >= a + 2 && self.is_first(self.toks[a].core(self.s))
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
    pub rule: String,
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
        let (toks, lower) = tokens::tokenize(text.s, &starts);
        let titles = gaz.title_matcher.find_words(text.s, &text.words);
        let title_start = titles
            .iter()
            .map(|h| orgs::tok_at(&toks, h.start))
            .collect();
        let ctx = Ctx {
            s: text.s,
            words: &text.words,
            toks,
            lower,
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

//! Words and patterns of clemency language: trigger words, status cues,
//! generic-use cues. All regexes are compiled once.

use regex::Regex;
use std::sync::OnceLock;

/// The kind of clemency a trigger word names.
pub fn action_of(word: &str) -> &'static str {
    let w = word.to_ascii_lowercase();
    if w.starts_with("pardon") {
        "pardon"
    } else if w.starts_with("commut") || w.starts_with("reduc") {
        "commutation"
    } else if w.starts_with("repriev") {
        "reprieve"
    } else if w.starts_with("remi") {
        "remission"
    } else {
        "clemency"
    }
}

/// Byte spans of the trigger words of `s`, in order: "pardon(s|ed|ing)",
/// "commut(e|es|ed|ing|ation|ations)", "repriev(e|es|ed)",
/// "remission(s)", "remit(s|ted)", "clemency", and a
/// "reduc(ed|es|ing) his|her|their|the [two words] sentence(s)" phrase as a
/// whole (executive sentence reduction). Case is ignored as a Unicode
/// case-insensitive regex ignores it (`ſ` is an `s`, `K` a `k`); words
/// are delimited by ASCII word boundaries. A hand-written scan: the same
/// matches as the regex in this module's tests, at a fraction of the cost.
pub fn trigger_spans(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = b.get(i..).and_then(|r| {
        r.iter()
            .position(|&c| matches!(c | 0x20, b'p' | b'c' | b'r'))
    }) {
        i += k;
        // Every trigger opens with "pa", "co", "cl" or "re" after a word
        // boundary: most candidates fail these two tests.
        let second = b.get(i + 1).map_or(0, |&c| c | 0x20);
        let opens = match b[i] | 0x20 {
            b'p' => second == b'a',
            b'c' => second == b'o' || second == b'l',
            _ => second == b'e',
        };
        if opens && (i == 0 || !is_word_byte(b[i - 1])) {
            if let Some(e) = trigger_at(s, i) {
                out.push((i, e));
                i = e;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// ASCII word byte, as `(?-u:\b)` sees it.
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Whether an ASCII word boundary lies at byte `i` of `b`.
fn boundary(b: &[u8], i: usize) -> bool {
    let before = i > 0 && b.get(i - 1).is_some_and(|&c| is_word_byte(c));
    let after = b.get(i).is_some_and(|&c| is_word_byte(c));
    before != after
}

/// The end of the lower-case ASCII `word` read at byte `i` of `b`, case
/// folded (`s` also matches `ſ`, `k` also `K`).
fn lit(b: &[u8], mut i: usize, word: &str) -> Option<usize> {
    for &w in word.as_bytes() {
        let c = *b.get(i)?;
        if c | 0x20 == w && c.is_ascii_alphabetic() {
            i += 1;
        } else if w == b's' && b[i..].starts_with("\u{17f}".as_bytes()) {
            i += 2;
        } else if w == b'k' && b[i..].starts_with("\u{212a}".as_bytes()) {
            i += 3;
        } else {
            return None;
        }
    }
    Some(i)
}

/// The first of `suffixes` (in order) read at `i` and followed by a word
/// boundary: the end of the match.
fn suffix_then_boundary(b: &[u8], i: usize, suffixes: &[&str]) -> Option<usize> {
    suffixes
        .iter()
        .find_map(|x| lit(b, i, x).filter(|&e| boundary(b, e)))
}

/// The end of a run of at least one whitespace character at `i`.
fn spaces(s: &str, i: usize) -> Option<usize> {
    let rest = s.get(i..)?;
    let n = rest
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(rest.len(), |(k, _)| k);
    (n > 0).then_some(i + n)
}

/// The end of a run of at least one letter or hyphen at `i` (`[a-z-]+`,
/// case folded).
fn letters(b: &[u8], mut i: usize) -> Option<usize> {
    let start = i;
    loop {
        match b.get(i) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'-' => i += 1,
            Some(_) if b[i..].starts_with("\u{17f}".as_bytes()) => i += 2,
            Some(_) if b[i..].starts_with("\u{212a}".as_bytes()) => i += 3,
            _ => break,
        }
    }
    (i > start).then_some(i)
}

/// The end of the trigger starting at byte `i` (a word start), if any.
fn trigger_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    if let Some(e) = lit(b, i, "pardon") {
        return suffix_then_boundary(b, e, &["s", "ed", "ing", ""]);
    }
    if let Some(e) = lit(b, i, "commut") {
        return suffix_then_boundary(b, e, &["e", "es", "ed", "ing", "ation", "ations"]);
    }
    if let Some(e) = lit(b, i, "repriev") {
        return suffix_then_boundary(b, e, &["e", "es", "ed"]);
    }
    if let Some(e) = lit(b, i, "remission") {
        return suffix_then_boundary(b, e, &["s", ""]);
    }
    if let Some(e) = lit(b, i, "remit") {
        return suffix_then_boundary(b, e, &["s", "ted", ""]);
    }
    if let Some(e) = lit(b, i, "clemency") {
        return boundary(b, e).then_some(e);
    }
    let e = lit(b, i, "reduc")?;
    let e = ["ed", "es", "ing"].iter().find_map(|x| lit(b, e, x))?;
    let e = spaces(s, e)?;
    ["his", "her", "their", "the"].iter().find_map(|p| {
        let e = spaces(s, lit(b, e, p)?)?;
        // Up to two words before "sentence", as many as possible first.
        (0..=2).rev().find_map(|words| {
            let mut e = e;
            for _ in 0..words {
                e = spaces(s, letters(b, e)?)?;
            }
            suffix_then_boundary(b, lit(b, e, "sentence")?, &["s", ""])
        })
    })
}

/// Nouns after a trigger that make it a modifier of an institution or a
/// power rather than an action ("Pardon Attorney", "clemency power").
pub const NON_EVENT_HEADS: &[&str] = &[
    "attorney",
    "attorneys",
    "board",
    "boards",
    "advisory",
    "and",
    "power",
    "powers",
    "authority",
    "clause",
    "process",
    "system",
    "foundation",
    "office",
    "rate",
    "rates",
    "statute",
    "law",
    "laws",
    "policy",
    "project",
    "initiative",
    "unit",
    "committee",
    "commission",
    "council",
    "clinic",
    "program",
    "coalition",
    "advocates",
    "lawyer",
    "lawyers",
    "expert",
    "experts",
];

/// A trigger about people in general: "clemency for people serving ...",
/// "petitions for clemency".
pub fn re_generic_around() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:for|to)\s+(?:(?:all|many|more|other|those|these|some|such|eligible|nonviolent|non-violent|federal|state)\s+)?(?:people|persons|prisoners|inmates|individuals|offenders|anyone|everyone|those|applicants|veterans|families)(?-u:\b)",
        )
        .expect("valid regex")
    })
}

/// Penal context for "commute" verbs (not travel).
pub fn re_context_commute() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)(?:sentences?|terms?|punishment|prison|death|life|execution|clemency)(?-u:\b)")
            .expect("valid regex")
    })
}

/// Penal context for "remission" (not medical).
pub fn re_context_remission() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)(?:fines?|restitution|forfeiture|penalt(?:y|ies)|debts?|sentences?|president|governor|clemency|pardon|owed|assessment)(?-u:\b)")
            .expect("valid regex")
    })
}

/// Penal context for "reprieve" (not "a reprieve from the heat").
pub fn re_context_reprieve() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)(?:execut\w*|death|sentences?|governor|gov\.|president|prison\w*|clemency|board|condemned|inmates?|lethal)(?-u:\b)")
            .expect("valid regex")
    })
}

/// Plural nouns after a trigger that make it generic ("pardon applications").
pub const PLURAL_HEADS: &[&str] = &[
    "petitions",
    "applications",
    "requests",
    "recommendations",
    "cases",
    "hearings",
    "grants",
    "decisions",
    "recipients",
    "seekers",
    "applicants",
    "actions",
];

/// Words right before a trigger that put it inside an organization name
/// ("Board of Pardons", "Office of the Pardon Attorney").
pub fn re_org_before() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:Board|Office|Bureau|Division|Committee|Commission|Council)\s+(?:of|on)\s+(?:the\s+)?(?:Executive\s+)?$")
            .expect("valid regex")
    })
}

/// Negation right before a trigger ("not a pardon", "has not granted
/// clemency", "never commuted").
pub fn re_negation_before() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:not|never|no|n't|without)\s+(?:(?:been|be|a|an|the|any|form|of|yet|granted|issued|given|received|sought|requested|signed|to|full|formal)\s+){0,4}$",
        )
        .expect("valid regex")
    })
}

/// Determiners and quantifiers right before a trigger that make it generic.
pub fn re_generic_before() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:any|every|more|most|all|many|several|similar|such|other|additional|further|fewer|mass|categorical|blanket|those|these|whose)\s+(?:[a-z-]+\s+){0,2}$",
        )
        .expect("valid regex")
    })
}

/// Hypothetical or generic context in a sentence: modals, conditionals,
/// an indefinite office-holder.
pub fn re_hypothetical() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:may|might|could|can|cannot|should|would|if|whether|unless|a\s+president|a\s+governor|presidents|governors|sometimes|often|usually|typically|frequently|routinely|generally|several\s+times|in\s+the\s+past)(?-u:\b)",
        )
        .expect("valid regex")
    })
}

/// Status cues. Group names tell the status.
pub fn re_cue() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?ix)(?-u:\b)(?:
              (?P<denied>den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|declin(?:e|es|ed|ing)|refus(?:e|es|ed|ing)|turn(?:s|ed)?\s+down|voted\s+(?:\d+-\d+\s+)?against|against\s+(?:commuting|granting|pardoning|clemency))
             |(?P<proposed>recommend(?:s|ed|ing|ation)?|consider(?:s|ed|ing)|plans?\s+to|planning\s+to|intends?\s+to|is\s+weighing|expected\s+to|will\s+review|under\s+review)
             |(?P<sought>petition(?:s|ed|ing)?|applica(?:tion|tions)|appl(?:y|ied|ies|ying)|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|campaign(?:s|ed|ing)?|lobb(?:y|ied|ying)|urg(?:e|es|ed|ing)|seek(?:s|ing)?|sought|press(?:es|ed|ing)?\s+(?:gov|governor|president|the)|call(?:s|ed)?\s+for|plead(?:s|ed|ing)?\s+for|bid\s+for)
            )(?-u:\b)",
        )
        .expect("valid regex")
    })
}

/// Phrases in which a denial word is not about the action
/// ("declined to say", "denied wrongdoing").
pub fn re_denial_other() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:declin(?:e|es|ed|ing)|refus(?:e|es|ed|ing))\s+(?:to\s+)?(?:say|comment|discuss|elaborate|specify|confirm|disclose|answer|respond|explain|provide|identify|release|name)(?-u:\b)|(?-u:\b)den(?:y|ies|ied|ying)\s+(?:any\s+)?(?:wrongdoing|the\s+allegations|the\s+charges|guilt|involvement)(?-u:\b)",
        )
        .expect("valid regex")
    })
}

/// A count of people, as in a list announcement ("to six individuals",
/// "the following 1,499 individuals", "three others").
pub fn re_count_people() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?P<n>\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|several|following)\s+(?:[a-z-]+\s+){0,3}?(?:individuals|people|persons|men|women|others|prisoners|inmates|residents|offenders|defendants|convicts|recipients|Americans|veterans|citizens)(?-u:\b)",
        )
        .expect("valid regex")
    })
}

/// The number of a count word ("six", "1,499"), `None` for "several" /
/// "following".
pub fn count_value(w: &str) -> Option<usize> {
    let v = crate::legal::numbers::number_value(w)?;
    (v >= 0.0 && v.fract() == 0.0).then_some(v as usize)
}

/// Office-holder titles before a name (group `role`: president or governor).
pub fn re_office_title() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?:(?-u:\b)(?P<p>President|PRESIDENT)|(?-u:\b)(?P<g>Gov\.|Governor|GOVERNOR))\s+$",
        )
        .expect("valid regex")
    })
}

/// Words before "President" / "Governor" that make it another office
/// ("Vice President", "Senate President", "Lt. Gov.", "company president").
pub fn re_not_office() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:vice|senate|council|board|borough|bar|association|union|court|club|university|college|company|bank|chamber|class|student|parish|county|city|village|township|commission|committee|foundation|society|league|lt\.|lieutenant|deputy|assistant|executive|regional|national|federation|chapter|branch|district|party)\s+$",
        )
        .expect("valid regex")
    })
}

/// Titles before a name that mark someone who is not a clemency recipient
/// in the sentence (officials, lawyers, spokespeople).
pub fn re_other_title() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:judge|justice|sen\.|senator|rep\.|representative|hon\.|attorney|lawyer|lawyers|counsel|prosecutor|prosecutors|spokes(?:person|man|woman)|director|professor|prof\.|sheriff|mayor|detective|agent|officer|warden|historian|reporter|secretary|advis[eo]r|chairman|chairwoman|chair|commissioner|lt\.|lieutenant|vice\s+president|first\s+lady|member|members|founder|president|governor|gov\.)[,]?\s+(?:[A-Z][a-z]+\s+){0,2}$",
        )
        .expect("valid regex")
    })
}

/// A name with an office title, for when the entity recognizer has not
/// found the office-holder ("President George W. Bush", "Gov. Tony Evers",
/// "I, DONALD J. TRUMP, President").
pub fn re_titled_name() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?:(?-u:\b)(?P<t>President|Gov\.|Governor)\s+(?P<n>(?:[A-Z][A-Za-z'’-]*\.?\s){0,3}[A-Z][A-Za-z'’-]+)|(?-u:\b)I,\s+(?P<n2>(?:[A-Z][A-Za-z'’-]*\.?\s){1,3}[A-Z][A-Za-z'’-]+),\s+(?P<t2>President|Governor))",
        )
        .expect("valid regex")
    })
}

/// Section headers of clemency lists ("PARDONS", "Commutations:").
pub fn section_action(line: &str) -> Option<&'static str> {
    let l = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_ascii_lowercase();
    match l.as_str() {
        "pardon" | "pardons" | "full pardons" | "pardons granted" => Some("pardon"),
        "commutation" | "commutations" | "commutations of sentence" | "commutations granted" => {
            Some("commutation")
        }
        "reprieve" | "reprieves" => Some("reprieve"),
        "remission" | "remissions" | "remissions of fines" => Some("remission"),
        _ => None,
    }
}

/// U.S. states and their postal codes (for office-holder lookup).
pub const STATES: &[(&str, &str)] = &[
    ("Alabama", "AL"),
    ("Alaska", "AK"),
    ("Arizona", "AZ"),
    ("Arkansas", "AR"),
    ("California", "CA"),
    ("Colorado", "CO"),
    ("Connecticut", "CT"),
    ("Delaware", "DE"),
    ("Florida", "FL"),
    ("Georgia", "GA"),
    ("Hawaii", "HI"),
    ("Idaho", "ID"),
    ("Illinois", "IL"),
    ("Indiana", "IN"),
    ("Iowa", "IA"),
    ("Kansas", "KS"),
    ("Kentucky", "KY"),
    ("Louisiana", "LA"),
    ("Maine", "ME"),
    ("Maryland", "MD"),
    ("Massachusetts", "MA"),
    ("Michigan", "MI"),
    ("Minnesota", "MN"),
    ("Mississippi", "MS"),
    ("Missouri", "MO"),
    ("Montana", "MT"),
    ("Nebraska", "NE"),
    ("Nevada", "NV"),
    ("New Hampshire", "NH"),
    ("New Jersey", "NJ"),
    ("New Mexico", "NM"),
    ("New York", "NY"),
    ("North Carolina", "NC"),
    ("North Dakota", "ND"),
    ("Ohio", "OH"),
    ("Oklahoma", "OK"),
    ("Oregon", "OR"),
    ("Pennsylvania", "PA"),
    ("Rhode Island", "RI"),
    ("South Carolina", "SC"),
    ("South Dakota", "SD"),
    ("Tennessee", "TN"),
    ("Texas", "TX"),
    ("Utah", "UT"),
    ("Vermont", "VT"),
    ("Virginia", "VA"),
    ("Washington", "WA"),
    ("West Virginia", "WV"),
    ("Wisconsin", "WI"),
    ("Wyoming", "WY"),
];

/// Regex over state names (longest first so "West Virginia" wins).
pub fn re_state() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        let mut names: Vec<&str> = STATES.iter().map(|(n, _)| *n).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Regex::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", names.join("|"))).expect("valid regex")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trigger words as a regex: the specification of [`trigger_spans`].
    fn re_trigger() -> Regex {
        Regex::new(
            r"(?i)(?-u:\b)(pardon(?:s|ed|ing)?|commut(?:e|es|ed|ing|ation|ations)|repriev(?:e|es|ed)|remission(?:s)?|remit(?:s|ted)?|clemency|reduc(?:ed|es|ing)\s+(?:his|her|their|the)\s+(?:[a-z-]+\s+){0,2}sentences?)(?-u:\b)",
        )
        .expect("valid regex")
    }

    /// Compare [`trigger_spans`] with the regex on `n` strings built from
    /// `pieces`; the number of matches seen.
    fn fuzz(pieces: &[&str], n: usize) -> usize {
        let re = re_trigger();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut hits = 0;
        for _ in 0..n {
            let mut t = String::new();
            for _ in 0..next() % 12 + 1 {
                t.push_str(pieces[(next() >> 32) as usize % pieces.len()]);
            }
            let want: Vec<(usize, usize)> =
                re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(trigger_spans(&t), want, "{t:?}");
            hits += want.len();
        }
        hits
    }

    #[test]
    fn trigger_spans_match_the_regex() {
        let words = [
            "pardon",
            "PARDON",
            "Pardon",
            "s",
            "S",
            "\u{17f}",
            "\u{212a}",
            "ed",
            "ing",
            "commut",
            "ation",
            "ations",
            "e",
            "es",
            "repriev",
            "remission",
            "remit",
            "ted",
            "clemency",
            "CLEMENCY",
            "reduc",
            "reduced",
            "reduces",
            "his",
            "her",
            "their",
            "the",
            "sentence",
            "sentences",
            "Sentence",
            " ",
            "  ",
            "\n",
            "\u{2003}",
            "-",
            "x",
            "_",
            "1",
            "\u{e9}",
            ".",
            "prison",
            "a",
            "r",
            "p",
            "c",
            "'",
        ];
        assert!(fuzz(&words, 200_000) > 10_000);
        // Reduction phrases: each slot drawn from a few right and wrong forms.
        let slots: [&[&str]; 9] = [
            &["reduc", "Reduc", "REDUC", "x"],
            &["ed", "es", "ing", "e\u{17f}", "e"],
            &[" ", "  ", "\u{2003}", "", "\n"],
            &["his", "her", "their", "the", "THE", "thei", "a"],
            &[" ", " ", "", "\t"],
            &[
                "prison ",
                "long-term ",
                "",
                "a\u{212a} ",
                "x_y ",
                "\u{e9} ",
                "prison  ",
            ],
            &["life ", "", "de\u{17f}k ", "new- ", "sentence "],
            &["sentence", "\u{17f}entence", "Sentence", "sentenc", "term"],
            &["s", "", "s.", "x", "_", "-based", "\u{17f}", "\u{17f}a"],
        ];
        let mut hits = 0;
        let mut k: usize = 0;
        let re = re_trigger();
        for _ in 0..100_000 {
            let mut t = String::new();
            for slot in &slots {
                k = k
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                t.push_str(slot[(k >> 33) % slot.len()]);
            }
            let want: Vec<(usize, usize)> =
                re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(trigger_spans(&t), want, "{t:?}");
            hits += want.len();
        }
        assert!(hits > 5_000, "{hits}");
        for t in [
            "The governor reduced his prison sentence to time served.",
            "reduced their  sentences",
            "Reduces the sentence-based",
            "reducing her long prison sentences and pardoned him",
            "commutes commuted commutations commutation remits remitted Reprieves",
            "pardonſa pardonſ pardon_ x-pardon",
        ] {
            let want: Vec<(usize, usize)> = re.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(trigger_spans(t), want, "{t:?}");
        }
    }
}

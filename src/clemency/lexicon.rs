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

/// Trigger words. Group 1 is the word itself; a `reduced ... sentence`
/// phrase is matched as a whole (executive sentence reduction).
pub fn re_trigger() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(pardon(?:s|ed|ing)?|commut(?:e|es|ed|ing|ation|ations)|repriev(?:e|es|ed)|remission(?:s)?|remit(?:s|ted)?|clemency|reduc(?:ed|es|ing)\s+(?:his|her|their|the)\s+(?:[a-z-]+\s+){0,2}sentences?)(?-u:\b)",
        )
        .expect("valid regex")
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

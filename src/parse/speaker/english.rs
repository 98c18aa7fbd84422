//! English labels: "Wu Haiping, Director of …:", "MS. JEAN-PIERRE:", "Reporter from China News
//! Agency:", "AFP:", "Follow-up:"; and the [`Shape`] of a run before a colon.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{
    GENERIC_ROLES, HONORIFICS, KNOWN_OUTLETS, NAME_PARTICLES, NOT_NAMES, OUTLET_WORDS, TITLES,
};
use super::{Label, Party, Shape, Strength, readable_case};

static REPORTER_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:a |the )?(?:reporter|journalist|correspondent)s? (?:from|of|with|at) (?:the )?(.+)$").expect("valid regex")
});
/// A reporter's turn named by what it does, not who asks: "Follow-up:", "Journalist adds:",
/// "The journalist clarified:".
static REPORTER_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:follow[- ]?up(?: question)?|(?:the |a )?(?:journalist|reporter|correspondent)s? (?:adds|added|clarified|clarifies|continued|continues|followed up|follows up|asked|asks|further asked|then asked)|question|questions|questioner|audience member)$").expect("valid regex")
});
static OUTLET_REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?)(?:'s|’s)? (?:reporter|journalist|correspondent)(?: (.+))?$")
        .expect("valid regex")
});

pub(super) fn classify_english(raw: &str) -> Option<Label> {
    if raw.is_empty() || raw.chars().any(|c| "?!;\"“”()[]{}<>|/\\=+*#@".contains(c)) {
        return None;
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.len() > 30 || words.iter().any(|w| w.contains('.') && !is_dotted_word(w)) {
        return None;
    }
    if REPORTER_MARK.is_match(raw) {
        return Some(Label::question_mark());
    }
    let lower = raw.to_lowercase();
    if let Some(&(_, party)) = GENERIC_ROLES.iter().find(|(role, _)| *role == lower) {
        return Some(Label {
            name: Some(capitalise_first(&readable_case(raw))),
            role: None,
            outlet: None,
            party,
            strength: Strength::Strong,
        });
    }
    if let Some(label) = reporter_label(raw) {
        return Some(label);
    }
    if raw.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
    if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) {
        return capitals_label(&words);
    }
    mixed_case_label(raw)
}

fn is_dotted_word(w: &str) -> bool {
    let bare = w.trim_end_matches([',', '.']).to_lowercase();
    HONORIFICS.contains(&bare.as_str())
        || [
            "jr", "sr", "st", "prof", "gen", "adm", "sen", "rep", "gov", "amb",
        ]
        .contains(&bare.as_str())
        || w.chars().filter(|c| c.is_alphabetic()).count() <= 2
}

fn reporter_label(raw: &str) -> Option<Label> {
    let reporter = |outlet: Option<String>, name: Option<String>| Label {
        name,
        role: None,
        outlet,
        party: Party::Reporter,
        strength: Strength::Strong,
    };
    let lower = raw.to_lowercase();
    if ["reporter", "journalist", "correspondent"].contains(&lower.as_str()) {
        return Some(reporter(None, None));
    }
    if let Some(c) = REPORTER_FROM.captures(raw) {
        let outlet = c[1].trim();
        return looks_like_outlet_name(outlet).then(|| reporter(Some(outlet.to_string()), None));
    }
    if let Some(c) = OUTLET_REPORTER.captures(raw) {
        let outlet = c[1].trim();
        let name = c.get(2).map(|m| m.as_str().trim());
        if !looks_like_outlet_name(outlet) || name.is_some_and(|n| !looks_like_name(n)) {
            return None;
        }
        return Some(reporter(Some(outlet.to_string()), name.map(str::to_string)));
    }
    if KNOWN_OUTLETS.contains(&lower.as_str()) {
        return Some(reporter(Some(raw.to_string()), None));
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if words.len() <= 6 && OUTLET_WORDS.contains(&last.as_str()) && looks_like_outlet_name(raw) {
        return Some(reporter(Some(raw.to_string()), None));
    }
    None
}

fn looks_like_outlet_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let first = words[0].to_lowercase();
    if [
        "a", "an", "our", "your", "this", "that", "my", "his", "her", "their", "i", "we",
    ]
    .contains(&first.as_str())
        || (first == "the" && words.len() == 1)
    {
        return false;
    }
    words.iter().all(|w| {
        let l = w.to_lowercase();
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || ["of", "the", "and", "for", "de", "&", "on"].contains(&l.as_str())
    })
}

fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            let l = w.trim_end_matches('.').to_lowercase();
            (w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&l.as_str()))
                || NAME_PARTICLES.contains(&l.as_str())
        })
}

/// "MS. JEAN-PIERRE", "SECRETARY MAYORKAS", "SENIOR ADMINISTRATION OFFICIAL", "MODERATOR".
fn capitals_label(words: &[&str]) -> Option<Label> {
    if words.len() > 7 {
        return None;
    }
    let first = words[0].trim_end_matches('.').to_lowercase();
    let honorific = HONORIFICS.contains(&first.as_str());
    let rest: &[&str] = if honorific { &words[1..] } else { words };
    if rest.is_empty() {
        return None;
    }
    let lower: Vec<String> = rest
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    if rest.len() == 1 && !honorific && NOT_NAMES.contains(&lower[0].as_str()) {
        return None;
    }
    // "WHITE" is a title word only in "WHITE HOUSE": "CHIEF WHITE" is Chief White.
    let is_title = |i: usize| {
        TITLES.contains(&lower[i].as_str())
            && (lower[i] != "white" || lower.get(i + 1).is_some_and(|w| w == "house"))
    };
    let titled = (0..lower.len()).take_while(|&i| is_title(i)).count();
    let name_has_title = (titled..lower.len()).any(is_title);
    let (role, name) = if honorific
        || titled == 0
        || titled == rest.len()
        || name_has_title
        || lower[titled - 1] == "the"
    {
        (None, readable_case(&rest.join(" ")))
    } else {
        (
            Some(readable_case(&rest[..titled].join(" "))),
            readable_case(&rest[titled..].join(" ")),
        )
    };
    let strong =
        honorific || words.len() >= 2 || lower.iter().any(|w| TITLES.contains(&w.as_str()));
    Some(official(name, role, strong))
}

/// An official's label: strong when its own words say so (an honorific, a title), else weak.
fn official(name: String, role: Option<String>, strong: bool) -> Label {
    Label {
        name: Some(name),
        role,
        outlet: None,
        party: Party::Official,
        strength: if strong {
            Strength::Strong
        } else {
            Strength::Weak
        },
    }
}

/// "Wu Haiping, Director of …", "Spokesperson Wang Wenbin", "Ms. Halverson", "Wu Haiping".
fn mixed_case_label(raw: &str) -> Option<Label> {
    let (name_part, role_part) = match raw.split_once(',') {
        Some((n, r)) => (n.trim(), Some(r.trim())),
        None => (raw, None),
    };
    let mut words: Vec<&str> = name_part.split_whitespace().collect();
    let honorific = words
        .first()
        .is_some_and(|w| HONORIFICS.contains(&w.trim_end_matches('.').to_lowercase().as_str()));
    if honorific {
        words.remove(0);
    }
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let last_title = lower
        .iter()
        .rposition(|w| TITLES.contains(&w.as_str()) && w != "the");
    let (title_words, name_words) = match last_title {
        Some(t) if t + 1 < words.len() => (&words[..=t], &words[t + 1..]),
        _ => (&words[..0], &words[..]),
    };
    let name = name_words.join(" ");
    if !looks_like_name(&name) || !title_words.iter().all(|w| role_word(w)) {
        return None;
    }
    // "Mr. KIRBY" is Kirby, as "MR. KIRBY" is.
    let name = readable_case(&name);
    let prefix_role = (!title_words.is_empty()).then(|| title_words.join(" "));
    let role = match role_part {
        Some(r) if is_role(r) => Some(match &prefix_role {
            Some(p) => format!("{p}, {r}"),
            None => r.to_string(),
        }),
        Some(_) => return None,
        None => prefix_role,
    };
    let strong = honorific || role.is_some();
    if name_words.len() == 1 && !strong {
        return None;
    }
    Some(official(name, role, strong))
}

/// A title after the name ("Director of the … of Customs"), not a sentence ("the President
/// has been very clear"): every word a title word, capitalised, or a connector.
pub(super) fn is_role(role: &str) -> bool {
    let raw_words: Vec<&str> = role
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> = raw_words
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    !words.is_empty()
        && words.len() <= 30
        && !["i", "we", "you", "he", "she", "they", "it", "i'm", "we're"]
            .contains(&words[0].as_str())
        && raw_words.iter().all(|w| role_word(w))
        && words
            .iter()
            .any(|w| TITLES.contains(&w.as_str()) && w != "the" && w != "white" && w != "house")
}

/// Lower-case words a label may hold between capitalised ones.
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "on", "at", "in", "to", "a", "de", "da", "du", "des", "del", "la",
    "le", "von", "van", "der", "y", "e", "di", "al", "bin", "&", "from", "with",
];

/// A word of a label: capitalised, a number, a connector, or a word that names a role.
fn label_word(w: &str) -> bool {
    let first = w.chars().find(|c| c.is_alphanumeric());
    let lower = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || CONNECTORS.contains(&w.to_lowercase().as_str())
        || ["reporter", "reporters", "journalist", "correspondent"].contains(&lower.as_str())
}

fn role_word(w: &str) -> bool {
    let lower = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    label_word(w) || TITLES.contains(&lower.as_str())
}

/// The typographic form of the run before a colon (see [`Shape`]).
pub(super) fn shape(raw: &str) -> Shape {
    if raw.chars().any(|c| "?!;\"“”()[]{}<>|/\\=+*#@".contains(c)) {
        return Shape::Sentence;
    }
    let (name_part, role_part) = match raw.split_once(',') {
        Some((n, r)) => (n, Some(r)),
        None => (raw, None),
    };
    if role_part.is_some_and(|r| !is_role(r)) {
        return Shape::Sentence;
    }
    let mut words: Vec<&str> = name_part.split_whitespace().collect();
    if words.len() > 1
        && HONORIFICS.contains(&words[0].trim_end_matches('.').to_lowercase().as_str())
    {
        words.remove(0);
    }
    if words.is_empty() || words.len() > 8 {
        return Shape::Sentence;
    }
    let mut letters = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic());
    let first = letters.next();
    if first.is_some_and(char::is_uppercase) && letters.all(char::is_uppercase) {
        return Shape::Caps;
    }
    if words.iter().all(|w| label_word(w)) {
        Shape::Capitalised
    } else {
        Shape::Sentence
    }
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

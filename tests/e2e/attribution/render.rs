//! Renders the English question-and-answer pairs of the parallel foreign-ministry set the way
//! the ministry's site prints them, in several conventions, with the truth of each passage;
//! and scores what briefsearch understood of a rendering against that truth.
//!
//! Conventions: outlet labels before questions and the spokesperson's name before answers
//! (plain text); `Q:`/`A:` (plain text); questions in bold with their outlet label (HTML);
//! questions in bold without a label (Markdown). Every rendering opens with an announcement
//! of the spokesperson (written here, not taken from the set), a question from the same
//! outlet as the one before is a `Follow-up:`, and the question raised after the press
//! conference follows the site's note.

use std::collections::BTreeSet;

use serde_json::Value;

/// What a passage of a rendering is.
#[derive(Debug, Clone)]
pub struct Truth {
    pub kind: &'static str,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    /// The question was printed after its outlet's label.
    pub outlet_labelled: bool,
    pub text: String,
}

/// One rendered transcript.
pub struct Rendered {
    pub file_name: String,
    pub convention: &'static str,
    pub content: String,
    pub truth: Vec<Truth>,
    pub spokesperson: String,
    /// Labels printed in this rendering, to find any left in a passage's text.
    pub labels: BTreeSet<String>,
}

/// The pair whose "questioner" is the site's note, not an outlet.
const AFTER_CONFERENCE: &str = "The following question was raised after the press conference";
const NOTE: &str = "After the press conference, the following question was raised:";
/// A pair of the set whose question holds a page's time stamp, an announcement and a
/// question glued together under the questioner "Updated": the set's own scraping accident,
/// which no rendering of the site would print. It is left out.
const SCRAPING_ACCIDENT: &str = "Updated";

const ANNOUNCEMENT_INTRO: &str = "Let me start with an announcement:";
const ANNOUNCEMENTS: &[&str] = &[
    "At the invitation of the Government of Examplia, the Foreign Minister will pay an official visit to Examplia next week.",
    "The annual forum on maritime cooperation will be held in Xiamen at the end of the month, and representatives of twenty countries are expected to attend.",
    "The Foreign Minister will co-chair the ministerial meeting of the Harbourland cooperation mechanism by video link tomorrow.",
];

const CONVENTIONS: &[&str] = &["outlets.txt", "qa.txt", "bold.html", "bold.md"];

/// Every record in every convention.
pub fn render_all(records: &[Value]) -> Vec<Rendered> {
    let mut out = Vec::new();
    for (i, record) in records.iter().enumerate() {
        for convention in CONVENTIONS {
            out.push(render(i, record, convention));
        }
    }
    out
}

fn str_of<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap_or_default()
}

fn render(index: usize, record: &Value, convention: &'static str) -> Rendered {
    let title = str_of(record, "en_title");
    let date = str_of(record, "date");
    let pairs: Vec<&Value> = record["en_pairs"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let spokesperson = pairs
        .first()
        .map(|p| str_of(p, "spokesperson").to_string())
        .unwrap_or_default();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut truth: Vec<Truth> = Vec::new();
    let mut labels: BTreeSet<String> = ["Q", "A", "Follow-up"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    labels.insert(spokesperson.clone());
    let remark = |text: &str| Truth {
        kind: "remarks",
        speaker: Some(spokesperson.clone()),
        outlet: None,
        outlet_labelled: false,
        text: text.to_string(),
    };
    let announcement = ANNOUNCEMENTS[index % ANNOUNCEMENTS.len()];
    paragraphs.push(ANNOUNCEMENT_INTRO.to_string());
    paragraphs.push(announcement.to_string());
    truth.push(remark(ANNOUNCEMENT_INTRO));
    truth.push(remark(announcement));
    let mut previous: Option<&str> = None;
    for pair in pairs {
        let questioner = str_of(pair, "questioner");
        if questioner == SCRAPING_ACCIDENT {
            continue;
        }
        let (question, answer) = (str_of(pair, "question"), str_of(pair, "answer"));
        let after = questioner == AFTER_CONFERENCE;
        let follow_up = !after && previous == Some(questioner);
        previous = Some(questioner);
        if after {
            paragraphs.push(NOTE.to_string());
            truth.push(Truth {
                kind: "narration",
                speaker: None,
                outlet: None,
                outlet_labelled: false,
                text: NOTE.to_string(),
            });
        }
        let labelled = !after && !follow_up && matches!(convention, "outlets.txt" | "bold.html");
        if labelled {
            labels.insert(questioner.to_string());
        }
        let printed_question = match (convention, after, follow_up) {
            ("qa.txt", _, _) => format!("Q: {question}"),
            (_, true, _) => question.to_string(),
            ("bold.md", false, false) => question.to_string(),
            (_, false, true) => format!("Follow-up: {question}"),
            (_, false, false) => format!("{questioner}: {question}"),
        };
        let bold = matches!(convention, "bold.html" | "bold.md");
        paragraphs.push(if bold {
            format!("\u{1}{printed_question}")
        } else {
            printed_question
        });
        truth.push(Truth {
            kind: "question",
            speaker: None,
            outlet: labelled.then(|| questioner.to_string()),
            outlet_labelled: labelled,
            text: question.to_string(),
        });
        paragraphs.push(if convention == "qa.txt" {
            format!("A: {answer}")
        } else {
            format!("{spokesperson}: {answer}")
        });
        truth.push(Truth {
            kind: "answer",
            speaker: Some(spokesperson.clone()),
            outlet: None,
            outlet_labelled: false,
            text: answer.to_string(),
        });
    }
    let (stem, ext) = convention.split_once('.').unwrap_or((convention, "txt"));
    let content = match ext {
        "html" => html_page(title, date, &paragraphs),
        "md" => markdown(title, date, &paragraphs),
        _ => text(title, date, &paragraphs),
    };
    Rendered {
        file_name: format!("{date}-{stem}.{ext}"),
        convention,
        content,
        truth,
        spokesperson,
        labels,
    }
}

/// A paragraph marked with \u{1} is set in bold.
fn bold_text(p: &str) -> Option<&str> {
    p.strip_prefix('\u{1}')
}

/// "2026-07-28" → "July 28, 2026", as the site prints dates.
fn site_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = iso.split('-').map(|p| p.parse::<usize>().unwrap_or(0));
    let (y, m, d) = (parts.next(), parts.next(), parts.next());
    match (y, m, d) {
        (Some(y), Some(m @ 1..=12), Some(d)) => format!("{} {d}, {y}", MONTHS[m - 1]),
        _ => iso.to_string(),
    }
}

fn text(title: &str, date: &str, paragraphs: &[String]) -> String {
    let mut out = format!("{title}\n\n{}\n\n", site_date(date));
    for p in paragraphs {
        out.push_str(bold_text(p).unwrap_or(p));
        out.push_str("\n\n");
    }
    out
}

fn markdown(title: &str, date: &str, paragraphs: &[String]) -> String {
    let mut out = format!(
        "---\ntitle: \"{}\"\ndate: {date}\n---\n\n# {title}\n\n",
        title.replace('"', "\\\"")
    );
    // Markdown writers escape the characters of its syntax ("*****" separators in answers).
    let escaped = |s: &str| s.replace('*', "\\*").replace('_', "\\_");
    for p in paragraphs {
        match bold_text(p) {
            Some(b) => out.push_str(&format!("**{}**", escaped(b))),
            None => out.push_str(&escaped(p)),
        }
        out.push_str("\n\n");
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_page(title: &str, date: &str, paragraphs: &[String]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <title>{t}_Example Ministry</title>\n<meta name=\"ArticleTitle\" content=\"{t}\">\n\
         <meta name=\"PubDate\" content=\"{date}\">\n</head><body>\n\
         <div class=\"nav\"><a href=\"/eng/\">Home</a> <a href=\"/eng/xw/\">News</a></div>\n\
         <div class=\"content\">\n<h1>{t}</h1>\n<p>Updated: {shown} 19:30</p>\n",
        t = escape(title),
        shown = site_date(date)
    );
    for p in paragraphs {
        match bold_text(p) {
            Some(b) => out.push_str(&format!("<p><strong>{}</strong></p>\n", escape(b))),
            None => out.push_str(&format!("<p>{}</p>\n", escape(p))),
        }
    }
    out.push_str(
        "<p>Contact us Address: No. 2, Harbour Road, Example District, Beijing, 100000 Tel: 86-10-00000000</p>\n\
         <p>Copyright©2026 Example Ministry. All rights reserved.</p>\n</div>\n</body></html>\n",
    );
    out
}

/// What briefsearch understood of one rendering, against its truth.
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub questions: usize,
    pub questions_recognised: usize,
    pub outlet_questions: usize,
    pub outlets_kept: usize,
    pub answers: usize,
    pub answers_attributed: usize,
    pub announcements: usize,
    pub announcements_attributed: usize,
    pub passages: usize,
    pub leftover_labels: usize,
    /// Passages given to a speaker or outlet the rendering never printed as a label.
    pub invented_speakers: usize,
    pub examples: Vec<String>,
}

impl Score {
    pub fn add(&mut self, other: &Score) {
        self.questions += other.questions;
        self.questions_recognised += other.questions_recognised;
        self.outlet_questions += other.outlet_questions;
        self.outlets_kept += other.outlets_kept;
        self.answers += other.answers;
        self.answers_attributed += other.answers_attributed;
        self.announcements += other.announcements;
        self.announcements_attributed += other.announcements_attributed;
        self.passages += other.passages;
        self.leftover_labels += other.leftover_labels;
        self.invented_speakers += other.invented_speakers;
        if self.examples.len() < 12 {
            self.examples.extend(other.examples.iter().take(3).cloned());
        }
    }
}

/// One paragraph of a parsed briefing.
struct Parsed<'a> {
    kind: &'a str,
    speaker: Option<&'a str>,
    outlet: Option<&'a str>,
    text: String,
}

fn normalised(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores the briefing JSON (`inspect --json`) of one rendering.
pub fn score(rendered: &Rendered, briefing: &Value) -> Score {
    let mut parsed: Vec<Parsed> = Vec::new();
    for turn in briefing["turns"].as_array().into_iter().flatten() {
        for line in turn["text"].as_str().unwrap_or_default().lines() {
            parsed.push(Parsed {
                kind: turn["kind"].as_str().unwrap_or_default(),
                speaker: turn["speaker"].as_str(),
                outlet: turn["outlet"].as_str(),
                text: normalised(line),
            });
        }
    }
    let mut s = Score {
        passages: parsed.len(),
        ..Score::default()
    };
    let name = &rendered.file_name;
    for p in &parsed {
        if rendered
            .labels
            .iter()
            .any(|l| p.text.starts_with(&format!("{l}:")))
        {
            s.leftover_labels += 1;
            s.examples
                .push(format!("{name}: label left in: {}", short(&p.text)));
        }
        let known_speaker = p.speaker.is_none_or(|n| n == rendered.spokesperson);
        let known_outlet = p.outlet.is_none_or(|o| rendered.labels.contains(o));
        if !known_speaker || !known_outlet {
            s.invented_speakers += 1;
            s.examples.push(format!(
                "{name}: speaker {:?} outlet {:?}: {}",
                p.speaker,
                p.outlet,
                short(&p.text)
            ));
        }
    }
    let mut cursor = 0;
    for t in &rendered.truth {
        let want = normalised(&t.text);
        let found = (cursor..parsed.len())
            .find(|&i| parsed[i].text == want)
            .or_else(|| (cursor..parsed.len()).find(|&i| parsed[i].text.ends_with(&want)));
        if let Some(i) = found {
            cursor = i + 1;
        }
        let got = found.map(|i| &parsed[i]);
        match t.kind {
            "question" => {
                s.questions += 1;
                let ok = got.is_some_and(|p| p.kind == "question");
                s.questions_recognised += usize::from(ok);
                if !ok {
                    s.examples.push(format!(
                        "{name}: question read as {:?}: {}",
                        got.map(|p| (p.kind, p.speaker)),
                        short(&want)
                    ));
                }
                if t.outlet_labelled {
                    s.outlet_questions += 1;
                    let kept = got
                        .is_some_and(|p| p.kind == "question" && p.outlet == t.outlet.as_deref());
                    s.outlets_kept += usize::from(kept);
                    if !kept {
                        s.examples.push(format!(
                            "{name}: outlet {:?} read as {:?}",
                            t.outlet,
                            got.map(|p| p.outlet)
                        ));
                    }
                }
            }
            "answer" => {
                s.answers += 1;
                let ok =
                    got.is_some_and(|p| p.kind == "answer" && p.speaker == t.speaker.as_deref());
                s.answers_attributed += usize::from(ok);
                if !ok {
                    s.examples.push(format!(
                        "{name}: answer read as {:?}: {}",
                        got.map(|p| (p.kind, p.speaker)),
                        short(&want)
                    ));
                }
            }
            "remarks" => {
                s.announcements += 1;
                let ok =
                    got.is_some_and(|p| p.kind == "remarks" && p.speaker == t.speaker.as_deref());
                s.announcements_attributed += usize::from(ok);
                if !ok {
                    s.examples.push(format!(
                        "{name}: announcement read as {:?}",
                        got.map(|p| (p.kind, p.speaker))
                    ));
                }
            }
            _ => {}
        }
    }
    s
}

fn short(s: &str) -> String {
    s.chars().take(90).collect()
}

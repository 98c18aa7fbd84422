//! Who said it: speaker attribution checked end to end, through `briefsearch inspect --json`.
//!
//! - Transcripts written for these tests (`tests/fixtures/attribution/`), one per convention:
//!   the English site of the foreign ministry (outlet labels, `Q:`/`A:`, questions in bold in
//!   HTML and Markdown, `Follow-up:`, `Journalist adds:`, the note after the press
//!   conference), White House capitals, Chinese pages (`会后有记者问及：`, `追问：`), traditional
//!   Chinese (Taiwan, Hong Kong), a site's listing page. Each `NAME.turns.tsv` lists the turns
//!   the transcript must give.
//! - With `BRIEFSEARCH_REAL` set: the English pairs of the parallel foreign-ministry set,
//!   rendered the way the site prints them (`attribution/render.rs`), scored against the set.
//!   `BRIEFSEARCH_BIN` names another build to score instead (to compare before and after);
//!   its figures are printed, not checked.

mod render;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{bin, run};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution")
}

/// A turn as the expectations list it: kind, speaker, outlet, start of the text, paragraphs.
#[derive(Debug, PartialEq, Eq)]
struct Expected {
    kind: String,
    speaker: Option<String>,
    outlet: Option<String>,
    start: String,
    paragraphs: usize,
}

fn expectations(path: &Path) -> Vec<Expected> {
    let text = fs::read_to_string(path).expect("expectations are readable");
    let field = |s: &str| (s != "-").then(|| s.to_string());
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "{}: {l:?}", path.display());
            Expected {
                kind: f[0].to_string(),
                speaker: field(f[1]),
                outlet: field(f[2]),
                start: f[3].to_string(),
                paragraphs: f[4].parse().expect("paragraph count"),
            }
        })
        .collect()
}

fn inspect_json(cmd: Command) -> Vec<Value> {
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.hits()
}

#[test]
fn test_written_transcripts_give_their_turns_in_every_convention() {
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = fs::read_dir(fixtures())
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".turns.tsv"))
        .collect();
    entries.sort();
    for expected_path in entries {
        let transcript = PathBuf::from(
            expected_path
                .to_string_lossy()
                .trim_end_matches(".turns.tsv"),
        );
        let mut cmd = bin();
        cmd.args(["inspect", "--json"]).arg(&transcript);
        let briefing = &inspect_json(cmd)[0];
        let got: Vec<Expected> = briefing["turns"]
            .as_array()
            .expect("turns")
            .iter()
            .map(|t| {
                let text = t["text"].as_str().unwrap_or_default();
                let first = text.lines().next().unwrap_or_default();
                Expected {
                    kind: t["kind"].as_str().unwrap_or_default().to_string(),
                    speaker: t["speaker"].as_str().map(str::to_string),
                    outlet: t["outlet"].as_str().map(str::to_string),
                    start: first.to_string(),
                    paragraphs: text.lines().count(),
                }
            })
            .collect();
        let want = expectations(&expected_path);
        let name = transcript
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            let same = g.kind == w.kind
                && g.speaker == w.speaker
                && g.outlet == w.outlet
                && g.start.starts_with(&w.start)
                && g.paragraphs == w.paragraphs;
            assert!(same, "{name:?} turn {i}:\n  got  {g:?}\n  want {w:?}");
        }
        assert_eq!(got.len(), want.len(), "{name:?}: {got:#?}");
        checked += 1;
    }
    assert!(checked >= 8, "{checked} transcripts checked");
}

#[test]
fn test_a_listing_page_is_skipped_with_its_reason() {
    let listing = fixtures().join("listing.html");
    let mut cmd = bin();
    cmd.args(["inspect", "--json"]).arg(&listing);
    let r = run(cmd);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("a list of 16 links, not a transcript"),
        "{}",
        r.stderr
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let r = crate::common::index(&dir.path().join("idx"), &[&fixtures()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("listing.html: a list of 16 links"),
        "{}",
        r.stderr
    );
}

fn real() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("BRIEFSEARCH_REAL")?);
    dir.is_dir().then_some(dir)
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

#[test]
fn test_rendered_english_foreign_ministry_pages_are_attributed() {
    let Some(real) = real() else { return };
    let set = fs::read_to_string(real.join("mfa-parallel/mfa_articles.json")).expect("set");
    let records: Vec<Value> = serde_json::from_str(&set).expect("JSON list");
    let rendered = render::render_all(&records);
    let dir = tempfile::tempdir().expect("tempdir");
    for r in &rendered {
        fs::write(dir.path().join(&r.file_name), &r.content).expect("write");
    }
    let other = std::env::var_os("BRIEFSEARCH_BIN");
    let mut cmd = match &other {
        Some(path) => Command::new(path),
        None => bin(),
    };
    cmd.args(["inspect", "--json"])
        .args(rendered.iter().map(|r| dir.path().join(&r.file_name)));
    let briefings: BTreeMap<String, Value> = inspect_json(cmd)
        .into_iter()
        .map(|b| (b["id"].as_str().unwrap_or_default().to_string(), b))
        .collect();
    let mut by_convention: BTreeMap<&str, render::Score> = BTreeMap::new();
    let mut total = render::Score::default();
    for r in &rendered {
        let s = render::score(r, &briefings[&r.file_name]);
        by_convention.entry(r.convention).or_default().add(&s);
        total.add(&s);
    }
    for (convention, s) in by_convention
        .iter()
        .map(|(c, s)| (*c, s))
        .chain([("all", &total)])
    {
        eprintln!(
            "{convention:<11} questions {}/{} ({:.2}%), outlets kept {}/{} ({:.2}%), answers {}/{} ({:.2}%), \
             announcements {}/{}, passages starting with a label {}/{} ({:.2}%), invented speakers {}",
            s.questions_recognised,
            s.questions,
            percent(s.questions_recognised, s.questions),
            s.outlets_kept,
            s.outlet_questions,
            percent(s.outlets_kept, s.outlet_questions),
            s.answers_attributed,
            s.answers,
            percent(s.answers_attributed, s.answers),
            s.announcements_attributed,
            s.announcements,
            s.leftover_labels,
            s.passages,
            percent(s.leftover_labels, s.passages),
            s.invented_speakers,
        );
    }
    for e in &total.examples {
        eprintln!("  {e}");
    }
    if other.is_some() {
        return;
    }
    assert!(percent(total.questions_recognised, total.questions) >= 99.0);
    assert!(percent(total.outlets_kept, total.outlet_questions) >= 97.0);
    assert!(percent(total.answers_attributed, total.answers) >= 99.5);
    assert!(percent(total.announcements_attributed, total.announcements) >= 99.0);
    assert!(percent(total.leftover_labels, total.passages) <= 0.1);
    assert_eq!(total.invented_speakers, 0, "{:#?}", total.examples);
}

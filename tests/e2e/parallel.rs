//! End-to-end: parallel briefings (the English and Chinese versions of one briefing, their
//! passages' counterparts, `show --parallel`, `query --parallel`) and speaker names across
//! scripts (`--speaker 'Mao Ning'` for 毛宁 and the reverse), on briefings written for these
//! tests (`tests/fixtures/parallel/`) and, with `BRIEFSEARCH_REAL`, on the real archives.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{assert_has, bin, index, run, run_with_stdin, str_field, validate};

const EN_MFA: &str = "en/2024-05-14-mfa-press-conference.txt";
const ZH_MFA: &str = "zh/2024-05-14-外交部例行记者会.txt";
const EN_MOFCOM: &str = "en/2024-05-14-mofcom-press-conference.txt";
const ZH_MOFCOM: &str = "zh/2024-05-14-商务部例行新闻发布会.txt";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parallel")
}

/// A copy of the fixtures (so that tests may change them) and an index of them.
struct Indexed {
    dir: TempDir,
}

impl Indexed {
    fn new() -> Indexed {
        let dir = tempfile::tempdir().expect("tempdir");
        for lang in ["en", "zh"] {
            fs::create_dir_all(dir.path().join(lang)).expect("mkdir");
            for entry in fs::read_dir(fixtures().join(lang)).expect("fixtures") {
                let path = entry.expect("entry").path();
                let name = path.file_name().expect("name");
                fs::copy(&path, dir.path().join(lang).join(name)).expect("copy");
            }
        }
        let indexed = Indexed { dir };
        let r = index(
            &indexed.index(),
            &[&indexed.file("en"), &indexed.file("zh")],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        indexed
    }

    fn index(&self) -> PathBuf {
        self.dir.path().join("idx")
    }

    fn file(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = bin();
        c.args(args).arg("--index").arg(self.index());
        c
    }

    fn run(&self, args: &[&str]) -> crate::common::Run {
        run(self.cmd(args))
    }

    /// `show ID --json`'s passages: id → counterpart.
    fn counterparts(&self, id: &str) -> BTreeMap<String, Option<String>> {
        let r = self.run(&["show", id, "--json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let shown = &r.hits()[0];
        validate("show.schema.json", std::slice::from_ref(shown));
        shown["passages"]
            .as_array()
            .expect("passages")
            .iter()
            .map(|p| {
                (
                    str_field(p, "id").to_string(),
                    p["counterpart"].as_str().map(str::to_string),
                )
            })
            .collect()
    }
}

fn id(briefing: &str, n: u32) -> String {
    format!("{briefing}#{n}")
}

fn some(briefing: &str, n: u32) -> Option<String> {
    Some(id(briefing, n))
}

#[test]
fn test_versions_of_one_briefing_align_question_with_question_answer_with_answer() {
    let x = Indexed::new();
    // The English lost the Xinhua question and its answer; its CCTV answer is two
    // paragraphs where the Chinese has one.
    let en = x.counterparts(EN_MFA);
    let expected_en = [
        some(ZH_MFA, 1), // opening remarks
        some(ZH_MFA, 2), // CCTV question
        some(ZH_MFA, 3), // its answer, first paragraph…
        some(ZH_MFA, 3), // …and second
        some(ZH_MFA, 4), // AFP
        some(ZH_MFA, 5),
        some(ZH_MFA, 8), // Bloomberg
        some(ZH_MFA, 9),
    ];
    assert_eq!(
        en.values().cloned().collect::<Vec<_>>(),
        expected_en,
        "{en:?}"
    );
    let zh = x.counterparts(ZH_MFA);
    assert_eq!(
        zh[&id(ZH_MFA, 6)],
        None,
        "the Xinhua question has no English version"
    );
    assert_eq!(zh[&id(ZH_MFA, 7)], None);
    assert_eq!(zh[&id(ZH_MFA, 8)], some(EN_MFA, 7));
    assert_eq!(zh[&id(ZH_MFA, 3)], some(EN_MFA, 3));
    // The other pair of that day, under another presiding speaker.
    let mofcom = x.counterparts(EN_MOFCOM);
    assert!(
        mofcom
            .values()
            .all(|c| c.as_deref().is_some_and(|c| c.starts_with(ZH_MOFCOM))),
        "{mofcom:?}"
    );
    // Briefings of the same date with no version in the other language have no counterpart:
    // the White House briefing, and the single-question statement of the same spokesperson.
    for briefing in [
        "en/2024-05-14-press-briefing.md",
        "zh/2024-05-14-外交部发言人答记者问.txt",
    ] {
        let all = x.counterparts(briefing);
        assert!(all.values().all(Option::is_none), "{briefing}: {all:?}");
    }
}

#[test]
fn test_briefings_of_one_day_on_other_matters_are_not_versions() {
    // corpus/ holds an English and a Chinese briefing of one day under one spokesperson, with
    // as many questions from the same outlets, but on other matters: not translations.
    let mut c = bin();
    c.args([
        "show",
        "corpus/en/2023-04-18-scio-customs-foreign-trade.txt",
        "--json",
        "--index",
    ])
    .arg(crate::common::corpus_index());
    let r = run(c);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let shown = &r.hits()[0];
    let passages = shown["passages"].as_array().expect("passages");
    assert!(passages.len() > 10);
    assert!(
        passages.iter().all(|p| p["counterpart"].is_null()),
        "{shown}"
    );
}

#[test]
fn test_hits_carry_their_counterpart_and_query_parallel_shows_it() {
    let x = Indexed::new();
    let r = x.run(&["query", "Heyu Islands", "--json", "--kind", "answer"]);
    let hits = r.hits();
    validate("hit.schema.json", &hits);
    assert_eq!(str_field(&hits[0], "id"), id(EN_MFA, 6));
    assert_eq!(str_field(&hits[0], "counterpart"), id(ZH_MFA, 5));
    let r = x.run(&[
        "query",
        "和屿群岛",
        "--kind",
        "answer",
        "--json",
        "--fields",
        "id,counterpart",
    ]);
    let first = &r.hits()[0];
    assert_eq!(first.as_object().map(|o| o.len()), Some(2));
    assert_eq!(str_field(first, "counterpart"), id(EN_MFA, 6));
    let r = x.run(&["query", "rail safety", "--json"]);
    assert!(r.hits().iter().all(|h| h["counterpart"].is_null()));

    let r = x.run(&["query", "Heyu Islands", "--kind", "answer", "--parallel"]);
    assert_has(
        &r.stdout,
        &format!(
            "    {}\n    ⇄ zh 单卫东: 和屿群岛是中国固有领土",
            id(EN_MFA, 6)
        ),
    );
    assert_has(&r.stdout, &format!("\n      {}\n", id(ZH_MFA, 5)));
    let plain = x.run(&["query", "Heyu Islands", "--kind", "answer"]);
    assert!(!plain.stdout.contains('⇄'), "only with --parallel");
    let tsv = x.run(&[
        "query",
        "Heyu Islands",
        "--tsv",
        "--fields",
        "id,counterpart",
    ]);
    assert_has(
        &tsv.stdout,
        &format!("{}\t{}", id(EN_MFA, 6), id(ZH_MFA, 5)),
    );
}

#[test]
fn test_show_parallel_prints_both_versions() {
    let x = Indexed::new();
    // Side by side on a wide terminal, both titles on the first line.
    let mut c = x.cmd(&["show", ZH_MFA, "--parallel"]);
    c.env("COLUMNS", "140");
    let wide = run(c);
    assert_eq!(wide.code, 0, "{}", wide.stderr);
    let first = wide.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("2024年5月14日外交部发言人单卫东主持例行记者会"),
        "{first}"
    );
    assert_has(first, " │ Foreign Ministry Spokesperson Shan Weidong");
    assert!(
        wide.stdout.lines().all(|l| unicode_width(l) <= 140),
        "{}",
        wide.stdout
    );
    let row = wide
        .stdout
        .lines()
        .find(|l| l.contains("Reporter, 法新社 [question]"))
        .expect("the AFP row");
    assert_has(row, "│ Reporter, AFP [question]");
    // Turn after turn on a narrow one.
    let mut c = x.cmd(&["show", &id(EN_MFA, 6), "--parallel"]);
    c.env("COLUMNS", "60");
    let narrow = run(c);
    assert_has(
        &narrow.stdout,
        "▶ The Heyu Islands are China's inherent territory.",
    );
    assert_has(&narrow.stdout, "  ⇄ 单卫东");
    assert_has(&narrow.stdout, "\n    ▶ 和屿群岛是中国固有领土");
    assert_has(&narrow.stdout, "Reporter, AFP [question]");
    assert!(
        narrow.stdout.lines().all(|l| unicode_width(l) <= 60),
        "{}",
        narrow.stdout
    );

    let r = x.run(&["show", &id(EN_MFA, 6), "--parallel", "--json"]);
    let shown = &r.hits()[0];
    validate("show.schema.json", std::slice::from_ref(shown));
    let other = &shown["parallel"];
    assert_eq!(other["lang"], "zh");
    let ids: Vec<&str> = other["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .map(|p| str_field(p, "id"))
        .collect();
    assert_eq!(
        ids,
        [id(ZH_MFA, 4), id(ZH_MFA, 5)],
        "the question and the answer"
    );
    assert_eq!(other["passages"][1]["counterpart"], id(EN_MFA, 6));
    assert_eq!(other["passages"][1]["relation"], "focus");

    let md = x.run(&["show", EN_MFA, "--parallel", "--format", "md"]);
    assert_has(&md.stdout, "(answer, en):");
    assert_has(&md.stdout, "(answer, zh):");
    assert_has(&md.stdout, "\n---\n");

    let none = x.run(&["show", "en/2024-05-14-press-briefing.md", "--parallel"]);
    assert_eq!(none.code, 0);
    assert_has(
        &none.stderr,
        "no version of this briefing in the other language",
    );
    assert!(!none.stdout.contains('│'));
}

fn unicode_width(line: &str) -> usize {
    line.chars()
        .map(|c| {
            if ('\u{1100}'..='\u{115F}').contains(&c)
                || ('\u{2E80}'..='\u{A4CF}').contains(&c)
                || ('\u{AC00}'..='\u{D7A3}').contains(&c)
                || ('\u{F900}'..='\u{FAFF}').contains(&c)
                || ('\u{FE30}'..='\u{FE4F}').contains(&c)
                || ('\u{FF00}'..='\u{FF60}').contains(&c)
                || ('\u{FFE0}'..='\u{FFE6}').contains(&c)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn test_the_record_of_versions_is_used_only_for_the_index_it_describes() {
    let x = Indexed::new();
    let path = x.index().join("parallel.json");
    let recorded: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("parallel.json")).expect("JSON");
    let briefings: Vec<&str> = recorded["briefings"]
        .as_array()
        .expect("briefings")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut pairs = [EN_MFA, EN_MOFCOM, ZH_MOFCOM, ZH_MFA];
    pairs.sort();
    assert_eq!(briefings, pairs, "the two pairs, and no other briefing");
    let counterpart = || {
        let r = x.run(&["query", "Heyu Islands", "--json", "--kind", "answer"]);
        r.hits()[0]["counterpart"].as_str().map(str::to_string)
    };
    assert_eq!(counterpart(), some(ZH_MFA, 5));
    // A record of this index that lists no pair is believed (so it is read at all)…
    let mut emptied = recorded.clone();
    emptied["briefings"] = Value::Array(Vec::new());
    fs::write(&path, emptied.to_string()).expect("write");
    assert_eq!(counterpart(), None);
    // …and one of another index (other segments) is not: the pairs are found as without it.
    emptied["segments"] = "another index".into();
    fs::write(&path, emptied.to_string()).expect("write");
    assert_eq!(counterpart(), some(ZH_MFA, 5));
    // Re-indexing writes it again; a stale one left by a run that stopped is ignored, as is
    // one that cannot be read.
    let r = index(&x.index(), &[&x.file("en"), &x.file("zh")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let again: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("parallel.json")).expect("JSON");
    assert_eq!(again, recorded);
    fs::write(&path, "not JSON").expect("write");
    assert_eq!(counterpart(), some(ZH_MFA, 5));
}

#[test]
fn test_counterparts_follow_reindexing_and_stdin() {
    let x = Indexed::new();
    // The Chinese version changes and is indexed again: it keeps its English counterpart.
    let path = x.file(ZH_MFA);
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        text.replace(
            "中国海警依法对该船实施全程监视。",
            "中国海警依法对该船实施全程跟踪监视。",
        ),
    )
    .expect("write");
    let r = index(&x.index(), &[&x.file("zh")]);
    assert_has(&r.stderr, "1 changed");
    assert_eq!(x.counterparts(EN_MFA)[&id(EN_MFA, 6)], some(ZH_MFA, 5));
    assert_eq!(x.counterparts(ZH_MFA)[&id(ZH_MFA, 5)], some(EN_MFA, 6));

    // A version read from stdin pairs with a file's version.
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let r = index(&idx, &[&x.file(EN_MFA)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut c = bin();
    c.args(["inspect", "--json"]).arg(x.file(ZH_MFA));
    let mut record: Value = serde_json::from_str(run(c).stdout.trim()).expect("JSON");
    record["id"] = "mfa-zh".into();
    let mut c = bin();
    c.args(["index", "-", "--index"]).arg(&idx);
    let r = run_with_stdin(c, &format!("{record}\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut c = bin();
    c.args([
        "query",
        "Heyu Islands",
        "--kind",
        "answer",
        "--json",
        "--index",
    ])
    .arg(&idx);
    let hit = &run(c).hits()[0];
    assert_eq!(str_field(hit, "counterpart"), "mfa-zh#5");
}

#[test]
fn test_cross_reaches_passages_through_their_counterpart() {
    let x = Indexed::new();
    // 诺兰 is in no dictionary: only the English version's match leads to the Chinese.
    let plain = x.run(&["query", "Norland", "--lang", "zh", "--json"]);
    assert_eq!(plain.code, 1, "{}", plain.stdout);
    let r = x.run(&["query", "Norland", "--cross", "--lang", "zh", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.hits();
    validate("hit.schema.json", &hits);
    let found: Vec<(&str, &str)> = hits
        .iter()
        .map(|h| (str_field(h, "id"), str_field(h, "via")))
        .collect();
    assert_eq!(
        found,
        [
            (id(ZH_MFA, 1).as_str(), "counterpart"),
            (id(ZH_MFA, 3).as_str(), "counterpart")
        ]
    );
    // Ranked by the match of their counterpart, on the scale of the passages found directly.
    let english = x.run(&["query", "Norland", "--lang", "en", "--json", "--limit", "1"]);
    assert_eq!(str_field(&english.hits()[0], "id"), id(EN_MFA, 1));
    assert_eq!(hits[0]["score"], english.hits()[0]["score"]);
    // Not counted; text output says how they were reached.
    let count = x.run(&["query", "Norland", "--cross", "--lang", "zh", "--count"]);
    assert_eq!(count.stdout.trim(), "0");
    let text = x.run(&["query", "Norland", "--cross", "--lang", "zh"]);
    assert_has(
        &text.stdout,
        "remarks · score 3.13 · through its counterpart",
    );
    assert_has(
        &text.stderr,
        "(2 shown reached through their counterpart, not counted)",
    );
    // Without a language, each version beside the other.
    let both = x.run(&[
        "query", "Norland", "--cross", "--json", "--fields", "id,via",
    ]);
    let ids: Vec<String> = both
        .hits()
        .iter()
        .map(|h| str_field(h, "id").to_string())
        .collect();
    let at = |i: &str| ids.iter().position(|x| x == i).expect(i);
    assert_eq!(at(&id(ZH_MFA, 1)), at(&id(EN_MFA, 1)) + 1, "{ids:?}");
    // A passage the translation reaches is marked so, even when its counterpart matches too.
    let r = x.run(&[
        "query",
        "green hydrogen",
        "--cross",
        "--lang",
        "zh",
        "--json",
    ]);
    assert_eq!(str_field(&r.hits()[0], "id"), id(ZH_MFA, 3));
    assert_eq!(str_field(&r.hits()[0], "via"), "translation");
    // A briefing with no version in the other language leads nowhere.
    let r = x.run(&["query", "Halverson", "--cross", "--lang", "zh", "--json"]);
    assert!(
        r.hits().iter().all(|h| h["via"] != "counterpart"),
        "{}",
        r.stdout
    );
}

// ---- The real archives (BRIEFSEARCH_REAL) ----

/// The real archives' index with the 41 parallel briefings rendered as transcripts and added
/// to it, and where they were rendered.
struct Parallel {
    _dir: TempDir,
    index: PathBuf,
    rendered: PathBuf,
}

fn parallel(test: &str) -> Option<&'static Parallel> {
    let archive = crate::real::archive(test)?;
    let real = crate::real::real(test)?;
    static PARALLEL: OnceLock<Option<Parallel>> = OnceLock::new();
    PARALLEL
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let rendered = dir.path().join("rendered");
            let render = Command::new("python3")
                .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/parallel/render.py"))
                .arg(real.join("mfa-parallel/mfa_articles.json"))
                .arg(&rendered)
                .output();
            if !render.is_ok_and(|o| o.status.success()) {
                crate::common::skipped(test, "python3 could not render the parallel briefings");
                return None;
            }
            // The archive as indexed before, then the parallel briefings added to it.
            let idx = dir.path().join("idx");
            copy_dir(&archive.index, &idx);
            let r = index(&idx, &[&rendered.join("en"), &rendered.join("zh")]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            assert_has(&r.stderr, "82 files: 82 new");
            Some(Parallel {
                _dir: dir,
                index: idx,
                rendered,
            })
        })
        .as_ref()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn on(p: &Parallel, args: &[&str]) -> crate::common::Run {
    let mut c = bin();
    c.args(args).arg("--index").arg(&p.index);
    run(c)
}

/// A passage as `show --json` gives it.
struct Passage {
    id: String,
    text: String,
    counterpart: Option<String>,
}

/// The question (or answer) paragraphs of each pair, from truth.jsonl, resolved to the
/// passages that hold them: (file, pair, kind) → passage ids, first passage first.
fn resolve(
    truth: &str,
    shown: &HashMap<String, Vec<Passage>>,
) -> HashMap<(String, u64, String), Vec<String>> {
    let mut out = HashMap::new();
    let rows: Vec<Value> = truth
        .lines()
        .map(|l| serde_json::from_str(l).expect("truth line"))
        .collect();
    // Each paragraph starts a passage; it runs until the passage where the next one starts.
    let mut by_file: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for row in &rows {
        by_file.entry(str_field(row, "file")).or_default().push(row);
    }
    for (file, rows) in by_file {
        let passages = &shown[file];
        let mut starts: Vec<Option<usize>> = Vec::new();
        let mut from = 0;
        for row in &rows {
            let text = str_field(row, "text");
            let head: String = text.chars().take(40).collect();
            let found = (from..passages.len()).find(|&i| {
                passages[i]
                    .text
                    .char_indices()
                    .take(30)
                    .any(|(at, _)| passages[i].text[at..].starts_with(head.trim()))
            });
            if let Some(i) = found {
                from = i;
            }
            starts.push(found);
        }
        for (k, row) in rows.iter().enumerate() {
            let kind = str_field(row, "kind");
            if !["question", "answer"].contains(&kind) || row.get("embedded").is_some() {
                continue;
            }
            let Some(start) = starts[k] else {
                continue;
            };
            let end = starts[k + 1..]
                .iter()
                .flatten()
                .find(|&&s| s > start)
                .copied()
                .unwrap_or(passages.len());
            let ids = passages[start..end.max(start + 1)]
                .iter()
                .map(|p| p.id.clone())
                .collect();
            let pair = row["pair_index"].as_u64().expect("pair_index");
            out.insert((file.to_string(), pair, kind.to_string()), ids);
        }
    }
    out
}

#[test]
fn test_real_parallel_briefings_align_their_questions_and_answers() {
    let test = "test_real_parallel_briefings_align_their_questions_and_answers";
    let Some(p) = parallel(test) else {
        return;
    };
    let alignment = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/known-item/alignment.tsv"),
    )
    .expect("alignment.tsv");
    let dates: Vec<&str> = {
        let mut d: Vec<&str> = alignment
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        d.dedup();
        d
    };
    assert_eq!(dates.len(), 41);
    let mut shown: HashMap<String, Vec<Passage>> = HashMap::new();
    for date in &dates {
        for lang in ["en", "zh"] {
            let briefing = format!("{lang}/{date}.txt");
            let r = on(p, &["show", &briefing, "--json"]);
            assert_eq!(r.code, 0, "{briefing}: {}", r.stderr);
            let passages = r.hits()[0]["passages"]
                .as_array()
                .expect("passages")
                .iter()
                .map(|v| Passage {
                    id: str_field(v, "id").to_string(),
                    text: str_field(v, "text").to_string(),
                    counterpart: v["counterpart"].as_str().map(str::to_string),
                })
                .collect();
            shown.insert(briefing, passages);
        }
    }
    // No counterpart outside the other version of the same briefing.
    for (briefing, passages) in &shown {
        let other = match briefing.split_once('/') {
            Some(("en", rest)) => format!("zh/{rest}#"),
            Some((_, rest)) => format!("en/{rest}#"),
            None => unreachable!(),
        };
        for passage in passages {
            if let Some(c) = &passage.counterpart {
                assert!(c.starts_with(&other), "{}: {c}", passage.id);
            }
        }
    }
    let truth = fs::read_to_string(p.rendered.join("truth.jsonl")).expect("truth.jsonl");
    let units = resolve(&truth, &shown);
    let counterpart: HashMap<&str, Option<&str>> = shown
        .values()
        .flatten()
        .map(|p| (p.id.as_str(), p.counterpart.as_deref()))
        .collect();
    let (mut right, mut total) = (0usize, 0usize);
    let mut wrong = Vec::new();
    for line in alignment.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Ok(en_pair), Ok(zh_pair)) = (cols[1].parse::<u64>(), cols[2].parse::<u64>()) else {
            continue;
        };
        for kind in ["question", "answer"] {
            let en = units.get(&(format!("en/{}.txt", cols[0]), en_pair, kind.to_string()));
            let zh = units.get(&(format!("zh/{}.txt", cols[0]), zh_pair, kind.to_string()));
            for (from, to) in [(en, zh), (zh, en)] {
                total += 1;
                let ok = match (from, to) {
                    (Some(from), Some(to)) => {
                        counterpart[from[0].as_str()].is_some_and(|c| to.iter().any(|t| t == c))
                    }
                    _ => false,
                };
                if ok {
                    right += 1;
                } else {
                    wrong.push(format!("{} {kind} {en_pair}/{zh_pair}", cols[0]));
                }
            }
        }
    }
    let share = right as f64 / total as f64;
    eprintln!(
        "parallel alignment: {right} of {total} questions and answers ({:.1}%) have the right counterpart",
        100.0 * share
    );
    assert!(share >= 0.95, "{share:.3}: {wrong:?}");

    // The distractors never pair: English White House and Chinese MFA briefings share many
    // dates, under other presiding speakers.
    let r = on(
        p,
        &[
            "query",
            "*",
            "--json",
            "--since",
            "2022-03",
            "--until",
            "2022-04",
            "--limit",
            "100000",
            "--fields",
            "id,counterpart",
        ],
    );
    let hits = r.hits();
    assert!(hits.len() > 1000);
    assert!(hits.iter().all(|h| h["counterpart"].is_null()));
}

#[test]
fn test_real_spokespersons_answer_to_their_pinyin_beside_their_english_versions() {
    let test = "test_real_spokespersons_answer_to_their_pinyin_beside_their_english_versions";
    let Some(p) = parallel(test) else {
        return;
    };
    let speakers = |args: &[&str]| -> HashSet<String> {
        let mut all = vec!["query"];
        all.extend_from_slice(args);
        all.extend(["--json", "--limit", "2000", "--fields", "speaker"]);
        let r = on(p, &all);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r.hits()
            .iter()
            .map(|h| str_field(h, "speaker").to_string())
            .collect()
    };
    let listed = on(p, &["speakers", "--json", "--limit", "100000"]).hits();
    // The spokespersons of the parallel briefings, whose English versions name them: the name
    // in one script finds the other's passages in the other language.
    for (han, pinyin) in [
        ("毛宁", "Mao Ning"),
        ("林剑", "Lin Jian"),
        ("郭嘉昆", "Guo Jiakun"),
    ] {
        let field = format!("speaker:\"{pinyin}\"");
        for args in [
            vec!["*", "--speaker", pinyin, "--lang", "zh"],
            vec![field.as_str(), "--lang", "zh"],
        ] {
            assert_eq!(
                speakers(&args),
                HashSet::from([han.to_string()]),
                "{args:?}"
            );
        }
        let field = format!("speaker:{han}");
        for args in [
            vec!["*", "--speaker", han, "--lang", "en"],
            vec![field.as_str(), "--lang", "en"],
        ] {
            assert_eq!(
                speakers(&args),
                HashSet::from([pinyin.to_string()]),
                "{args:?}"
            );
        }
        // A name the passages searched hold names that speaker alone.
        assert_eq!(
            speakers(&["*", "--speaker", pinyin]),
            HashSet::from([pinyin.to_string()])
        );
        let row = listed
            .iter()
            .find(|s| s["speaker"] == han)
            .unwrap_or_else(|| panic!("{han} listed"));
        assert_eq!(row["other_script"][0], pinyin, "{row}");
        let row = listed
            .iter()
            .find(|s| s["speaker"] == pinyin)
            .unwrap_or_else(|| panic!("{pinyin} listed"));
        assert_eq!(row["other_script"][0], han, "{row}");
    }
}

#[test]
fn test_real_cross_lingual_known_items_are_found_through_their_counterparts() {
    let test = "test_real_cross_lingual_known_items_are_found_through_their_counterparts";
    let Some(p) = parallel(test) else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The targets of benches/known-item/, resolved to this index's passages (the rendered set
    // is all the index holds after 2025).
    let dir = tempfile::tempdir().expect("tempdir");
    let passages = on(
        p,
        &[
            "query",
            "*",
            "--since",
            "2026",
            "--json",
            "--limit",
            "100000",
            "--fields",
            "id,lang,text",
        ],
    );
    assert_eq!(passages.code, 0, "{}", passages.stderr);
    let exported = dir.path().join("passages.jsonl");
    fs::write(&exported, &passages.stdout).expect("write");
    let sets = dir.path().join("sets");
    let resolve = Command::new("python3")
        .arg(root.join("benches/known-item/resolve.py"))
        .arg("--truth")
        .arg(p.rendered.join("truth.jsonl"))
        .arg("--alignment")
        .arg(root.join("benches/known-item/alignment.tsv"))
        .arg("--passages")
        .arg(&exported)
        .arg("--out")
        .arg(&sets)
        .arg(root.join("benches/known-item/queries-en.tsv"))
        .arg(root.join("benches/known-item/queries-zh.tsv"))
        .output()
        .expect("python3 runs");
    assert!(resolve.status.success(), "{resolve:?}");
    for (set, lang) in [("en2zh", "zh"), ("zh2en", "en")] {
        let topics = fs::read_to_string(sets.join(format!("{set}.topics.tsv"))).expect("topics");
        let qrels = fs::read_to_string(sets.join(format!("{set}.qrels.tsv"))).expect("qrels");
        let target: HashMap<&str, &str> = qrels
            .lines()
            .skip(1)
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                (cols.get(2) == Some(&"2")).then(|| (cols[0], cols[1]))
            })
            .collect();
        let mut c = bin();
        c.args([
            "query", "--batch", "--json", "--limit", "10", "--cross", "--lang", lang,
        ])
        .args(["--fields", "query_id,rank,id", "--index"])
        .arg(&p.index);
        let r = run_with_stdin(c, &topics);
        assert!(r.code <= 1, "{}", r.stderr);
        let mut first: HashMap<String, u64> = HashMap::new();
        for hit in r.hits() {
            let query = str_field(&hit, "query_id").to_string();
            if target.get(query.as_str()) == Some(&str_field(&hit, "id")) {
                let rank = hit["rank"].as_u64().expect("rank");
                first.entry(query).or_insert(rank);
            }
        }
        let n = target.len() as f64;
        let mrr = first.values().map(|&r| 1.0 / r as f64).sum::<f64>() / n;
        let recall = first.len() as f64 / n;
        eprintln!(
            "{set}: {} queries, MRR@10 {mrr:.3}, recall@10 {recall:.3}",
            target.len()
        );
        assert!(target.len() > 100);
        assert!(
            mrr >= 0.6 && recall >= 0.8,
            "{set}: MRR {mrr:.3}, recall {recall:.3}"
        );
    }
}

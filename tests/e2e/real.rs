//! End-to-end tests over the real archives. They run when `BRIEFSEARCH_REAL` points at the
//! folder of real archives (`.ci/run` sets it); without it each says that it was skipped, so
//! a fresh clone passes its tests.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{assert_has, bin, index, run, skipped, str_field};

/// The folder of real archives, or `None` after saying that `test` is skipped.
pub(crate) fn real(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("BRIEFSEARCH_REAL").map(PathBuf::from);
    let found = dir.filter(|d| d.is_dir());
    if found.is_none() {
        skipped(test, "BRIEFSEARCH_REAL does not point at the real archives");
    }
    found
}

/// One index of both web archives, built once for the tests below.
pub(crate) struct Archive {
    _dir: TempDir,
    pub(crate) index: PathBuf,
    first_run: String,
    second_run: String,
}

pub(crate) fn archive(test: &str) -> Option<&'static Archive> {
    let real = real(test)?;
    static ARCHIVE: OnceLock<Option<Archive>> = OnceLock::new();
    ARCHIVE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let idx = dir.path().join("idx");
            let roots = [real.join("mfa-zh-html"), real.join("whitehouse-en-md")];
            let paths: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
            let first = index(&idx, &paths);
            assert_eq!(first.code, 0, "{}", first.stderr);
            let second = index(&idx, &paths);
            assert_eq!(second.code, 0, "{}", second.stderr);
            Some(Archive {
                _dir: dir,
                index: idx,
                first_run: first.stderr,
                second_run: second.stderr,
            })
        })
        .as_ref()
}

/// Every passage of one language, as JSON.
fn passages(archive: &Archive, lang: &str) -> Vec<Value> {
    let mut cmd = bin();
    cmd.args([
        "query", "*", "--json", "--limit", "10000000", "--lang", lang, "--index",
    ])
    .arg(&archive.index);
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.hits()
}

fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or_default()
}

#[test]
fn test_real_archives_index_completely_and_reindex_incrementally() {
    let Some(a) = archive("test_real_archives_index_completely_and_reindex_incrementally") else {
        return;
    };
    let first = last_line(&a.first_run);
    assert!(
        first.starts_with("2154 files: 2154 new, 0 changed, 0 unchanged, 0 removed, 0 skipped"),
        "{first}"
    );
    let second = last_line(&a.second_run);
    assert!(
        second.starts_with(
            "2154 files: 0 new, 0 changed, 2154 unchanged, 0 removed, 0 skipped; 0 passages written"
        ),
        "{second}"
    );
}

#[test]
fn test_mfa_pages_give_title_date_speakers_and_outlets() {
    let Some(a) = archive("test_mfa_pages_give_title_date_speakers_and_outlets") else {
        return;
    };
    let Some(real) = real("test_mfa_pages_give_title_date_speakers_and_outlets") else {
        return;
    };
    let tsv = fs::read_to_string(real.join("mfa-zh-html.index.tsv")).expect("index.tsv");
    let expected: HashMap<String, (String, String)> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            let file = f.next()?.rsplit('/').next()?.to_string();
            Some((file, (f.next()?.to_string(), f.next()?.to_string())))
        })
        .collect();
    assert_eq!(expected.len(), 1000);
    let hits = passages(a, "zh");
    let mut briefings: BTreeMap<String, (Option<String>, String)> = BTreeMap::new();
    let mut answer_speakers: HashMap<String, usize> = HashMap::new();
    let (mut questions, mut with_outlet) = (0usize, 0usize);
    let mut outlets: HashSet<String> = HashSet::new();
    for h in &hits {
        let file = str_field(h, "briefing_id")
            .rsplit('/')
            .next()
            .expect("file")
            .to_string();
        briefings.insert(
            file,
            (
                h["date"].as_str().map(str::to_string),
                str_field(h, "title").to_string(),
            ),
        );
        match h["kind"].as_str() {
            Some("answer") => {
                *answer_speakers
                    .entry(h["speaker"].as_str().unwrap_or("").to_string())
                    .or_default() += 1
            }
            Some("question") => {
                questions += 1;
                if let Some(o) = h["outlet"].as_str() {
                    with_outlet += 1;
                    outlets.insert(o.to_string());
                }
            }
            _ => {}
        }
        let text = str_field(h, "text");
        for site_text in [
            "您即将离开",
            "继续访问",
            "<p",
            "<img",
            "</",
            "function(",
            "var ",
            "{color",
            "网站地图",
            "打印本页",
        ] {
            assert!(
                !text.contains(site_text),
                "site text {site_text:?} in {}: {text}",
                h["id"]
            );
        }
    }
    assert_eq!(briefings.len(), 1000, "every page is indexed");
    let unmarked = |t: &str| {
        let t = t.replace("&lt;", "<").replace("&gt;", ">");
        let mut out = String::new();
        let mut in_tag = false;
        for c in t.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    };
    let dates_ok = briefings
        .iter()
        .filter(|(f, (d, _))| d.as_deref() == Some(expected[*f].0.as_str()))
        .count();
    let titles_ok = briefings
        .iter()
        .filter(|(f, (_, t))| *t == unmarked(&expected[*f].1))
        .count();
    assert!(dates_ok >= 995, "date equals PubDate for {dates_ok}/1000");
    assert!(
        titles_ok >= 990,
        "title equals ArticleTitle for {titles_ok}/1000"
    );
    for spokesperson in ["毛宁", "汪文斌", "赵立坚", "华春莹", "林剑"] {
        assert!(
            answer_speakers.get(spokesperson).copied().unwrap_or(0) >= 100,
            "{spokesperson} answers: {answer_speakers:?}"
        );
    }
    assert!(
        with_outlet * 100 >= questions * 97,
        "questions with an outlet: {with_outlet}/{questions}"
    );
    for outlet in ["中新社", "法新社", "路透社", "彭博社", "总台央视"] {
        assert!(outlets.contains(outlet), "{outlet} asks questions");
    }
}

#[test]
fn test_whitehouse_markdown_gives_dates_speakers_and_questions() {
    let Some(a) = archive("test_whitehouse_markdown_gives_dates_speakers_and_questions") else {
        return;
    };
    let Some(real) = real("test_whitehouse_markdown_gives_dates_speakers_and_questions") else {
        return;
    };
    let root = real.join("whitehouse-en-md");
    let mut front_matter_dates: HashMap<String, String> = HashMap::new();
    for month in fs::read_dir(&root).expect("archive") {
        let month = month.expect("entry").path();
        if !month.is_dir() {
            continue;
        }
        for file in fs::read_dir(&month).expect("month") {
            let path = file.expect("entry").path();
            let text = fs::read_to_string(&path).expect("markdown");
            let date = text
                .lines()
                .find_map(|l| l.strip_prefix("date: "))
                .map(|d| d.trim_matches(['\'', '"', ' ']).to_string())
                .expect("front matter date");
            let id = format!(
                "whitehouse-en-md/{}",
                path.strip_prefix(&root).expect("under root").display()
            );
            front_matter_dates.insert(id, date);
        }
    }
    assert_eq!(front_matter_dates.len(), 1154);
    let hits = passages(a, "en");
    let mut seen: HashSet<&str> = HashSet::new();
    let mut answer_speakers: HashMap<&str, usize> = HashMap::new();
    let mut unnamed_questions = 0;
    for h in &hits {
        let id = str_field(h, "briefing_id");
        seen.insert(id);
        assert_eq!(
            h["date"].as_str(),
            front_matter_dates.get(id).map(String::as_str),
            "{id}"
        );
        if h["kind"] == "answer" {
            *answer_speakers
                .entry(h["speaker"].as_str().unwrap_or(""))
                .or_default() += 1;
        }
        if h["kind"] == "question" && h["speaker"].is_null() {
            unnamed_questions += 1;
        }
        let text = str_field(h, "text");
        for note in [
            "(Laughter.)",
            "(Cross-talk.)",
            "[inaudible]",
            "(Inaudible.)",
            "(inaudible)",
        ] {
            assert!(
                !text.contains(note),
                "stage note {note} in {}: {text}",
                h["id"]
            );
        }
    }
    assert_eq!(seen.len(), 1154, "every file is indexed");
    for speaker in ["Jean-Pierre", "Kirby", "Psaki", "Sullivan"] {
        assert!(
            answer_speakers.get(speaker).copied().unwrap_or(0) >= 1000,
            "{speaker}: {:?}",
            answer_speakers.get(speaker)
        );
    }
    assert!(
        unnamed_questions > 40_000,
        "Q turns are questions: {unnamed_questions}"
    );
}

#[test]
fn test_speakers_and_outlets_are_read_from_each_transcript() {
    let Some(a) = archive("test_speakers_and_outlets_are_read_from_each_transcript") else {
        return;
    };
    let mut speakers: HashMap<String, usize> = HashMap::new();
    let mut outlets: HashMap<String, usize> = HashMap::new();
    for lang in ["en", "zh"] {
        for h in passages(a, lang) {
            if let Some(s) = h["speaker"].as_str() {
                *speakers.entry(s.to_string()).or_default() += 1;
            }
            if let Some(o) = h["outlet"].as_str() {
                *outlets.entry(o.to_string()).or_default() += 1;
            }
        }
    }
    // Paragraph openings of the White House transcripts that once became speakers.
    for word in [
        "Look",
        "Republicans",
        "Thus",
        "Assembly",
        "Haiti",
        "Again",
        "Lastly",
        "Additionally",
        "Fundamentally",
        "Interestingly",
        "Council",
        "Ukraine",
        "President",
        "Finally",
        "Today",
    ] {
        assert_eq!(speakers.get(word), None, "{word} is not a speaker");
    }
    let sentence_like: Vec<&String> = speakers
        .keys()
        .filter(|s| s.starts_with(char::is_lowercase) && !s.starts_with("von "))
        .collect();
    assert!(sentence_like.is_empty(), "{sentence_like:?}");
    let mut by_case: HashMap<String, Vec<&String>> = HashMap::new();
    for s in speakers.keys() {
        by_case.entry(s.to_lowercase()).or_default().push(s);
    }
    let twins: Vec<_> = by_case.values().filter(|v| v.len() > 1).collect();
    assert!(
        twins.is_empty(),
        "speakers differing only by case: {twins:?}"
    );
    for slip in [
        "Sullian",
        "Buttitgieg",
        "Berstein",
        "Raimonodo",
        "Mayorakas",
        "Jean-Piere",
    ] {
        assert_eq!(
            speakers.get(slip),
            None,
            "{slip} is folded into its speaker"
        );
    }
    for form in ["问及", "追问", "补充"] {
        assert!(
            !speakers
                .keys()
                .chain(outlets.keys())
                .any(|s| s.contains(form)),
            "{form} names nobody"
        );
    }
    let reporter_in_outlet: Vec<&String> = outlets
        .keys()
        .filter(|o| o.ends_with("记者") || o.ends_with("記者"))
        .collect();
    assert!(reporter_in_outlet.is_empty(), "{reporter_in_outlet:?}");
    assert!(!outlets.contains_key("会后有"));
}

#[test]
fn test_seed_transcript_is_understood() {
    let Some(real) = real("test_seed_transcript_is_understood") else {
        return;
    };
    let seed = real.join("../seeds/000_44fc51c9987e9317.txt");
    if !seed.is_file() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let r = index(&idx, &[&seed]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let query = |args: &[&str]| {
        let mut cmd = bin();
        cmd.args(["query", "--json", "--limit", "100", "--index"])
            .arg(&idx)
            .args(args);
        run(cmd)
    };
    let all = query(&["*"]).hits();
    assert!(all.iter().all(|h| h["date"] == "2023-04-23"));
    assert!(all.iter().all(|h| {
        str_field(h, "title").starts_with("State Council Affairs Office Holds Regular Briefing")
    }));
    let answers: Vec<_> = all.iter().filter(|h| h["kind"] == "answer").collect();
    assert!(answers.len() >= 6);
    assert!(answers.iter().all(|h| h["speaker"] == "Wu Haiping"));
    assert!(answers.iter().all(|h| {
        str_field(h, "role").starts_with("Director of the Comprehensive Business Department")
    }));
    let outlets: Vec<&str> = all
        .iter()
        .filter(|h| h["kind"] == "question")
        .map(|h| str_field(h, "outlet"))
        .collect();
    assert_eq!(outlets, ["China News Agency", "Southern Daily"]);
    for noise in [
        "\"Liu Jian\"",
        "\"Xu Xiang\"",
        "Guoxin",
        "\"Tao Yong\"",
        "Zhenghe",
        "正和港",
        "Quanzhou",
    ] {
        assert_eq!(query(&[noise]).code, 1, "{noise} is page noise");
    }
    let hit = &query(&["59.8"]).hits()[0];
    assert!(str_field(hit, "text").contains("59.8%"));
}

fn on_archive(archive: &Archive, args: &[&str]) -> crate::common::Run {
    let mut cmd = bin();
    cmd.args(args).arg("--index").arg(&archive.index);
    run(cmd)
}

#[test]
fn test_commands_on_the_real_archives() {
    let Some(a) = archive("test_commands_on_the_real_archives") else {
        return;
    };
    let speakers = on_archive(
        a,
        &[
            "facets", "--by", "speaker", "--lang", "zh", "--kind", "answer", "--json", "--limit",
            "5",
        ],
    )
    .hits();
    let top: Vec<&str> = speakers.iter().map(|f| str_field(f, "value")).collect();
    assert!(
        top.contains(&"汪文斌") && top.contains(&"赵立坚"),
        "{top:?}"
    );
    let outlets = on_archive(
        a,
        &[
            "facets", "--by", "outlet", "--kind", "question", "--lang", "zh", "--json", "--limit",
            "3",
        ],
    )
    .hits();
    assert_eq!(outlets[0]["value"], "路透社");

    let years = on_archive(a, &["trend", "*", "--by", "year", "--lang", "en", "--json"]).hits();
    let labels: Vec<&str> = years.iter().map(|b| str_field(b, "label")).collect();
    assert_eq!(labels, ["2021", "2022", "2023", "2024", "2025"]);

    let jean_pierre = on_archive(a, &["speakers", "--json", "--lang", "en", "--limit", "3"]).hits();
    assert_eq!(jean_pierre[0]["speaker"], "Jean-Pierre");
    let typo = on_archive(a, &["query", "inflation", "--speaker", "Jean Pierre"]);
    assert_eq!(typo.code, 2);
    assert_has(&typo.stderr, "did you mean 'Jean-Pierre'");

    let stats = on_archive(a, &["stats", "--json"]).hits();
    assert_eq!(stats[0]["briefings"], 2154);
    assert_eq!(stats[0]["briefings_by_language"]["zh"], 1000);

    let shown = on_archive(a, &["show", "mfa-zh-html/500", "--json"]).hits();
    let passages = shown[0]["passages"].as_array().expect("passages");
    assert!(passages.len() > 10);
    let hit = &on_archive(a, &["query", "北约 战略概念", "--json", "--limit", "1"]).hits()[0];
    let context = on_archive(
        a,
        &["show", str_field(hit, "id"), "--context", "2", "--json"],
    )
    .hits();
    assert!(
        context[0]["passages"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["relation"] == "focus"))
    );

    let count: usize = on_archive(a, &["query", "tariffs", "--count"])
        .stdout
        .trim()
        .parse()
        .expect("count");
    assert!(count > 100, "{count}");
    let files = on_archive(a, &["query", "tariffs", "-l"])
        .stdout
        .lines()
        .count();
    assert!(files > 50 && files <= count);
}

#[test]
fn test_dollars_are_not_heads_of_state_and_the_us_is_not_us() {
    let Some(a) = archive("test_dollars_are_not_heads_of_state_and_the_us_is_not_us") else {
        return;
    };
    // 中美元首 is 中美 / 元首: the dollar (美元) is not in it.
    let dollars = on_archive(a, &["query", "美元", "--json", "--limit", "2000"]).hits();
    assert!(dollars.len() > 50, "{}", dollars.len());
    for hit in &dollars {
        let text = str_field(hit, "text");
        // An answer found through its question's words need not say 美元 itself.
        if hit["via"] == "question" {
            continue;
        }
        assert!(text.replace("中美元首", "").contains("美元"), "{text}");
    }
    // U.S. is the country: no hit is found through the pronoun "us".
    let sanctions = on_archive(a, &["query", "U.S. sanctions", "--json", "--limit", "500"]).hits();
    assert!(sanctions.len() >= 100, "{}", sanctions.len());
    for hit in &sanctions {
        let text = str_field(hit, "text");
        for range in hit["highlights"].as_array().expect("highlights") {
            let (from, to) = (
                range[0].as_u64().expect("from") as usize,
                range[1].as_u64().expect("to") as usize,
            );
            let shown = &text[from..to];
            assert!(
                shown != "us" && shown != "Us",
                "pronoun highlighted in {text}"
            );
        }
        if hit["partial"] == false && hit["via"] != "question" {
            // The acronym, or another name of the country (synonyms).
            let acronym = ["U.S.", "US", "USA", "United States", "America"]
                .iter()
                .any(|form| {
                    text.match_indices(form).any(|(at, _)| {
                        let before = text[..at].chars().next_back();
                        let after = text[at + form.len()..].chars().next();
                        before.is_none_or(|c| !c.is_alphanumeric())
                            && after.is_none_or(|c| !c.is_alphanumeric())
                    })
                });
            assert!(acronym, "no U.S. in {text}");
        }
    }
}

#[test]
fn test_misspellings_and_prefixes_on_the_real_archives() {
    let Some(archive) = archive("test_misspellings_and_prefixes_on_the_real_archives") else {
        return;
    };
    let count = |q: &str| crate::common::count(&archive.index, q);
    // Misspellings that find nothing, with the word the archives write, closest and most
    // frequent first.
    for (typed, meant) in [
        ("Fukushma", "Fukushima"),
        ("Afganistan", "Afghanistan"),
        ("Zelenskiy", "Zelenskyy"),
        ("乌克栏", "乌克兰"),
        ("汪文彬", "汪文斌"),
    ] {
        let r = on_archive(archive, &["query", typed]);
        assert_eq!(r.code, 1, "{typed}: {}", r.stderr);
        assert_has(&r.stderr, &format!("{typed}: did you mean {meant}"));
        assert_has(&r.stderr, "no passage matches the query");
        // The same word, fuzzy, finds what the right spelling finds (but for the synonyms that
        // expand a word typed right).
        let (fuzzy, right) = (count(&format!("{typed}~")), count(meant));
        assert!(
            fuzzy > 0 && fuzzy * 10 >= right * 9,
            "{typed}~: {fuzzy} of {right}"
        );
    }
    // A prefix finds the words that begin so, as written.
    assert!(count("Taiw*") >= count("Taiwan").max(count("Taiwanese")));
    let r = on_archive(
        archive,
        &["query", "Taiw*", "--explain", "--json", "--limit", "1"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.hits();
    let words: Vec<&str> = hits[0]["explain"]["query"][0]["expansions"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["word"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        words.contains(&"taiwan") && words.contains(&"taiwanese"),
        "{words:?}"
    );
    // Chinese: words beginning so (台湾, 台海, 台独…), not 台 inside a word.
    assert!(count("台*") > count("台湾") / 2);
    // A one-letter prefix reaches the cap, and says so.
    let r = on_archive(archive, &["query", "a*", "--count"]);
    assert_eq!(r.code, 0);
    assert_has(&r.stderr, "only the 200 most frequent are searched");
}

#[test]
fn test_the_raw_parallel_archive_points_to_its_conversion() {
    let Some(real) = real("test_the_raw_parallel_archive_points_to_its_conversion") else {
        return;
    };
    let raw = real.join("mfa-parallel").join("mfa_articles.json");
    let dir = tempfile::tempdir().expect("tempdir");
    let r = index(&dir.path().join("idx"), &[&raw]);
    assert_has(&r.stderr, "JSON in another form: a list of ");
    assert_has(&r.stderr, "the README's section Inputs has a `jq` line");
    assert!(!r.stderr.contains("invalid type"), "{}", r.stderr);
}

#[test]
fn test_boilerplate_answers_are_folded_on_the_real_archives() {
    let Some(a) = archive("test_boilerplate_answers_are_folded_on_the_real_archives") else {
        return;
    };
    // 毛宁's answer on US chip controls, word for word on 2023-10-16 and 2023-11-17; and an
    // answer of the briefing of 2022-07-19, published again as of 2022-07-20.
    for (query, kept, folded) in [
        ("芯片 出口管制", "mfa-zh-html/129#12", "mfa-zh-html/101#20"),
        (
            "marriage equality LGBTQ rights",
            "2022-07-19-press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-for-strategic-communications-john-kirby-3.md#268",
            "2022-07-20-press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-for-strategic-communications-john-kirby-3.md#268",
        ),
    ] {
        let hits = on_archive(a, &["query", query, "--json", "--limit", "10"]).hits();
        let ids: Vec<&str> = hits.iter().map(|h| str_field(h, "id")).collect();
        let hit = hits
            .iter()
            .find(|h| str_field(h, "id").ends_with(kept))
            .unwrap_or_else(|| panic!("{kept} not in the top 10 of {query}: {ids:?}"));
        assert_eq!(hit["duplicates"], 1, "{hit}");
        let dup = hit["duplicate_ids"][0].as_str().unwrap_or_default();
        assert!(dup.ends_with(folded), "{hit}");
        assert!(!ids.iter().any(|id| id.ends_with(folded)), "{ids:?}");
        // --all shows it as a hit of its own; the count is the same either way.
        let all = on_archive(a, &["query", query, "--json", "--limit", "10", "--all"]).hits();
        assert!(all.iter().any(|h| str_field(h, "id").ends_with(folded)));
        let count = |extra: &[&str]| {
            let mut args = vec!["query", query, "--count"];
            args.extend_from_slice(extra);
            on_archive(a, &args).stdout
        };
        assert_eq!(count(&[]), count(&["--all"]));
    }
}

#[test]
fn test_fewer_hits_are_the_first_of_more_on_the_real_archives() {
    let Some(a) = archive("test_fewer_hits_are_the_first_of_more_on_the_real_archives") else {
        return;
    };
    // Passages with some of the words are ranked with the matches that cannot make the page
    // skipped, which depends on the page's length: the first hits must not.
    for query in [
        "US naval blockade Iran Beijing steps",
        "Kodai Murata embassy case justice delayed",
        "10家 美国企业 管控名单",
        "RCEP 关税",
    ] {
        let ids = |limit: &str| -> Vec<String> {
            let args = ["query", query, "--json", "--all", "--limit", limit];
            on_archive(a, &args)
                .hits()
                .iter()
                .map(|h| format!("{} {}", str_field(h, "id"), h["score"]))
                .collect()
        };
        let many = ids("40");
        assert!(many.len() == 40, "{query}: {many:?}");
        for limit in [1, 3, 10] {
            assert_eq!(
                ids(&limit.to_string()),
                many[..limit],
                "{query}, --limit {limit}"
            );
        }
    }
}

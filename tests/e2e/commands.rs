//! End-to-end: facets, trend, show, speakers, stats, completions, and the output contracts of
//! `query` (formats, fields, counts, files, sorting, grouping, batches), on the corpus index.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

use crate::common::{
    assert_has, bin, corpus_index, install_list, run, run_with_stdin, str_field, validate,
};

fn cmd(args: &[&str]) -> crate::common::Run {
    let mut c = bin();
    c.args(args).arg("--index").arg(corpus_index());
    run(c)
}

fn lines_json(r: &crate::common::Run) -> Vec<Value> {
    assert!(r.code == 0, "exit {}: {}", r.code, r.stderr);
    r.hits()
}

#[test]
fn test_facets_count_matching_passages_per_value() {
    let facets = lines_json(&cmd(&["facets", "RCEP", "--by", "speaker", "--json"]));
    validate("facet.schema.json", &facets);
    let total: u64 = facets
        .iter()
        .map(|f| f["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(
        total as usize,
        cmd(&["query", "RCEP", "--count"])
            .stdout
            .trim()
            .parse::<usize>()
            .expect("count")
    );
    let counts: Vec<u64> = facets
        .iter()
        .filter(|f| !f["value"].is_null())
        .map(|f| f["count"].as_u64().expect("n"))
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most first: {counts:?}"
    );
    assert!(
        facets.last().is_some_and(|f| f["value"].is_null()),
        "passages without a speaker come last"
    );

    let outlets = lines_json(&cmd(&[
        "facets",
        "intellectual property OR 知识产权",
        "--by",
        "outlet",
        "--kind",
        "question",
        "--json",
    ]));
    assert_eq!(outlets[0]["value"], "Bloomberg");
    assert!(
        outlets.iter().all(|f| !f["value"].is_null()),
        "every question has an outlet here"
    );

    let text = cmd(&["facets", "--by", "lang"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.starts_with("lang  count   share\n"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains('█'), "bars: {}", text.stdout);
    let tsv = cmd(&["facets", "--by", "year", "--tsv"]);
    assert!(
        tsv.stdout.starts_with("year\tcount\tshare\n"),
        "{}",
        tsv.stdout
    );
    let months = lines_json(&cmd(&["facets", "--by", "month", "--json", "--limit", "3"]));
    assert_eq!(months.len(), 3);
}

#[test]
fn test_trend_shows_every_bucket_and_writes_an_svg_chart() {
    let buckets = lines_json(&cmd(&[
        "trend", "*", "--by", "month", "--since", "2023-03", "--until", "2023-06", "--json",
    ]));
    validate("trend.schema.json", &buckets);
    let labels: Vec<&str> = buckets.iter().map(|b| str_field(b, "label")).collect();
    assert_eq!(labels, ["2023-03", "2023-04", "2023-05", "2023-06"]);
    assert_eq!(buckets[0]["passages"], 0);
    assert_eq!(buckets[1]["briefings"], 2, "two briefings on 2023-04-18");
    let weeks = lines_json(&cmd(&["trend", "RCEP", "--by", "week", "--json"]));
    assert!(weeks.iter().all(|b| str_field(b, "label").contains("-W")));
    let years = lines_json(&cmd(&["trend", "*", "--by", "year", "--json"]));
    let labels: Vec<&str> = years.iter().map(|b| str_field(b, "label")).collect();
    assert_eq!(labels, ["2022", "2023", "2024", "2025"]);

    let dir = tempfile::tempdir().expect("tempdir");
    let svg = dir.path().join("rcep.svg");
    let r = cmd(&[
        "trend",
        "RCEP OR 关税",
        "--by",
        "year",
        "--svg",
        svg.to_str().expect("utf8 path"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("passages,"),
        "the terminal chart is printed too: {}",
        r.stdout
    );
    let svg = std::fs::read_to_string(&svg).expect("svg written");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("“RCEP OR 关税”: matching passages per year"));
    assert!(svg.trim_end().ends_with("</svg>"));
    let tsv = cmd(&["trend", "RCEP", "--by", "year", "--tsv"]);
    assert!(
        tsv.stdout.starts_with("year\tstart\tpassages\tbriefings\n"),
        "{}",
        tsv.stdout
    );
}

#[test]
fn test_query_facets_under_the_hits() {
    let r = cmd(&["query", "RCEP", "--facets", "--color", "never"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("\nspeaker ") && r.stdout.contains("\nmonth "),
        "{}",
        r.stdout
    );
    assert_has(&r.stdout, "2024-03 ");
}

#[test]
fn test_show_a_passage_with_its_question_and_context() {
    let hit = &lines_json(&cmd(&["query", "\"bonded logistics park\"", "--json"]))[0];
    let id = str_field(hit, "id").to_string();
    let shown = lines_json(&cmd(&["show", &id, "--context", "1", "--json"]));
    validate("show.schema.json", &shown);
    let passages = shown[0]["passages"].as_array().expect("passages");
    let relation = |rel: &str| passages.iter().filter(|p| p["relation"] == rel).count();
    assert_eq!(relation("focus"), 1);
    assert_eq!(relation("question"), 1, "the Southern Daily question");
    assert!(relation("context") >= 1);
    assert_eq!(shown[0]["focus"], id.as_str());
    let ordinals: Vec<u64> = passages
        .iter()
        .map(|p| p["ordinal"].as_u64().expect("n"))
        .collect();
    assert!(
        ordinals.windows(2).all(|w| w[0] < w[1]),
        "reading order: {ordinals:?}"
    );

    // A question shows the answers it received.
    let question = str_field(hit, "question_id").to_string();
    let shown = lines_json(&cmd(&["show", &question, "--json"]));
    let answers: Vec<&Value> = shown[0]["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .filter(|p| p["relation"] == "answer")
        .collect();
    assert!(answers.len() >= 2 && answers.iter().all(|p| p["speaker"] == "Lin Qiao"));

    let text = cmd(&["show", &id, "--context", "1", "--color", "never"]);
    assert_has(
        &text.stdout,
        "▶ Thank you. Special customs supervision zones",
    );
    assert_has(&text.stdout, "Reporter, Southern Daily [question]");
    let md = cmd(&["show", &id, "--format", "md"]);
    assert!(
        md.stdout
            .starts_with("# State Council Information Office Briefing"),
        "{}",
        md.stdout
    );
    assert_has(&md.stdout, "> Thank you. Special customs");
}

#[test]
fn test_show_a_whole_briefing() {
    let briefing = "corpus/zh/2024-03-12-外交部例行记者会.txt";
    let shown = lines_json(&cmd(&["show", briefing, "--json"]));
    validate("show.schema.json", &shown);
    let passages = shown[0]["passages"].as_array().expect("passages");
    let all = lines_json(&cmd(&["query", "*", "--json", "--limit", "1000"]));
    assert_eq!(
        passages.len(),
        all.iter().filter(|h| h["briefing_id"] == briefing).count()
    );
    assert!(shown[0]["focus"].is_null());
    assert!(passages.iter().all(|p| p.get("relation").is_none()));
    let text = cmd(&["show", briefing, "--color", "never"]);
    assert!(
        text.stdout
            .starts_with("2024年3月12日外交部发言人周岚主持例行记者会\n2024-03-12 · zh · "),
        "{}",
        text.stdout
    );
    for missing in ["nope", "corpus/zh/2024-03-12-外交部例行记者会.txt#999"] {
        let r = cmd(&["show", missing]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr.contains("no briefing, passage or indexed file")
                || r.stderr.contains("has passages 1 to"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn test_speakers_and_stats() {
    let speakers = lines_json(&cmd(&["speakers", "--json"]));
    validate("speaker.schema.json", &speakers);
    let lin = speakers
        .iter()
        .find(|s| s["speaker"] == "Lin Qiao")
        .expect("Lin Qiao");
    assert_eq!(lin["first_date"], "2023-04-18");
    assert!(
        lin["roles"][0]
            .as_str()
            .is_some_and(|r| r.starts_with("Deputy Director General"))
    );
    let passages: Vec<u64> = speakers
        .iter()
        .map(|s| s["passages"].as_u64().expect("n"))
        .collect();
    assert!(passages.windows(2).all(|w| w[0] >= w[1]));
    let zh = lines_json(&cmd(&["speakers", "--lang", "zh", "--json"]));
    assert!(
        zh.iter()
            .all(|s| str_field(s, "speaker").chars().any(|c| c as u32 > 0x2E80)),
        "{zh:?}"
    );
    let text = cmd(&["speakers", "--limit", "3"]);
    assert!(text.stdout.starts_with("speaker "), "{}", text.stdout);
    assert_has(&text.stdout, "more speakers");

    let stats = lines_json(&cmd(&["stats", "--json"]));
    validate("stats.schema.json", &stats);
    let s = &stats[0];
    assert_eq!(s["briefings"], 14);
    // Indexing ended by making every record that queries use.
    for record in ["parallel", "reversed_words", "shared_bands"] {
        assert_eq!(s["records"][record], true, "{record}: {s}");
    }
    let all = cmd(&["query", "*", "--count"])
        .stdout
        .trim()
        .parse::<u64>()
        .expect("count");
    assert_eq!(s["passages"].as_u64(), Some(all));
    assert_eq!(s["first_date"], "2022-01-20");
    assert_eq!(s["last_date"], "2025-05-20");
    assert!(s["size_bytes"].as_u64().is_some_and(|n| n > 10_000));
    let text = cmd(&["stats"]);
    assert_has(&text.stdout, "briefings:  14 (en 7, zh 7)");
}

#[test]
fn test_output_formats_and_fields() {
    let tsv = cmd(&[
        "query",
        "RCEP",
        "--format",
        "tsv",
        "--fields",
        "date,speaker,id",
    ]);
    let mut lines = tsv.stdout.lines();
    assert_eq!(lines.next(), Some("date\tspeaker\tid"));
    assert!(lines.all(|l| l.split('\t').count() == 3));
    let default_tsv = cmd(&["query", "RCEP", "--tsv"]);
    assert!(
        default_tsv
            .stdout
            .starts_with("rank\tscore\tdate\tspeaker\toutlet\tkind\tid\tsnippet\n")
    );
    let json = lines_json(&cmd(&["query", "RCEP", "--json", "--fields", "speaker,id"]));
    for hit in &json {
        let keys: Vec<&String> = hit.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["speaker", "id"]);
    }
    let bad = cmd(&["query", "RCEP", "--fields", "author"]);
    assert_eq!(bad.code, 2);
    assert_has(&bad.stderr, "unknown field 'author'");
    let md = cmd(&["query", "RCEP", "--format", "md"]);
    assert_eq!(md.code, 2, "markdown is for show only");
}

#[test]
fn test_count_files_and_nul_separated_files() {
    let count = cmd(&["query", "RCEP", "--count"]);
    let n: usize = count.stdout.trim().parse().expect("a number");
    // Counts are of the passages that hold the words themselves, not of the answers found
    // through their question.
    let hits = lines_json(&cmd(&["query", "RCEP", "--json", "--limit", "1000"]));
    assert!(hits.iter().any(|h| h["via"] == "question"));
    assert_eq!(n, hits.iter().filter(|h| h["via"].is_null()).count());
    assert_eq!(cmd(&["query", "xylophone", "--count"]).code, 1);

    let files = cmd(&["query", "RCEP", "-l"]);
    let listed: Vec<&str> = files.stdout.lines().collect();
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(listed.windows(2).all(|w| w[0] < w[1]), "sorted, distinct");
    let nul = cmd(&["query", "RCEP", "--files", "-0"]);
    assert_eq!(
        nul.stdout
            .split('\0')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>(),
        listed
    );
    assert!(!nul.stdout.contains('\n'));
}

#[test]
fn test_files_through_xargs_and_hits_through_jq() {
    let index = corpus_index().to_str().expect("utf8 path").to_string();
    let exe = env!("CARGO_BIN_EXE_briefsearch");
    let pipeline =
        format!("'{exe}' query RCEP -l -0 --index '{index}' | xargs -0 grep -l RCEP | wc -l");
    let out = Command::new("sh")
        .arg("-c")
        .arg(&pipeline)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("sh runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "4",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if Command::new("jq").arg("--version").output().is_err() {
        crate::common::skipped("the jq pipeline", "jq is not installed");
        return;
    }
    // Outlets counted through jq agree with `facets --by outlet`.
    let pipeline = format!(
        "'{exe}' query '*' --kind question --json --limit 1000 --index '{index}' | jq -r '.outlet_id // empty' | sort | uniq -c"
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(&pipeline)
        .output()
        .expect("sh runs");
    let from_jq: BTreeMap<String, u64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (n, outlet) = l.trim().split_once(' ')?;
            Some((outlet.to_string(), n.parse().ok()?))
        })
        .collect();
    let facets = lines_json(&cmd(&[
        "facets", "*", "--by", "outlet", "--kind", "question", "--json", "--limit", "1000",
    ]));
    let from_facets: BTreeMap<String, u64> = facets
        .iter()
        .filter(|f| !f["value"].is_null())
        .map(|f| {
            (
                str_field(f, "id").to_string(),
                f["count"].as_u64().expect("count"),
            )
        })
        .collect();
    assert!(!from_jq.is_empty());
    assert_eq!(from_jq, from_facets);
}

#[test]
fn test_sort_offset_and_group() {
    let by_date = lines_json(&cmd(&[
        "query",
        "RCEP OR 关税",
        "--sort",
        "date",
        "--json",
        "--limit",
        "50",
    ]));
    let dates: Vec<&str> = by_date.iter().map(|h| str_field(h, "date")).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(
        by_date
            .iter()
            .all(|h| h["score"].as_f64().is_some_and(|s| s > 0.0)),
        "scores are kept when sorting by date"
    );
    let newest = lines_json(&cmd(&[
        "query",
        "RCEP OR 关税",
        "--sort",
        "-date",
        "--json",
        "--limit",
        "50",
    ]));
    let dates: Vec<&str> = newest.iter().map(|h| str_field(h, "date")).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    let grouped = lines_json(&cmd(&[
        "query",
        "RCEP OR 关税 OR tariffs",
        "--group",
        "briefing",
        "--json",
        "--limit",
        "3",
    ]));
    let mut per_group: BTreeMap<u64, Vec<&str>> = BTreeMap::new();
    for h in &grouped {
        per_group
            .entry(h["group"].as_u64().expect("group"))
            .or_default()
            .push(str_field(h, "briefing_id"));
    }
    assert_eq!(per_group.keys().copied().collect::<Vec<_>>(), [1, 2, 3]);
    for ids in per_group.values() {
        assert!(
            ids.len() <= 3 && ids.windows(2).all(|w| w[0] == w[1]),
            "{ids:?}"
        );
    }
    let ranks: Vec<u64> = grouped
        .iter()
        .map(|h| h["rank"].as_u64().expect("rank"))
        .collect();
    assert_eq!(ranks, (1..=grouped.len() as u64).collect::<Vec<_>>());
    let text = cmd(&["query", "RCEP", "--group", "briefing", "--color", "never"]);
    assert!(
        text.stdout.starts_with("1. "),
        "a header per briefing: {}",
        text.stdout
    );
}

#[test]
fn test_batch_queries_carry_their_ids() {
    let mut cmd = bin();
    cmd.args(["query", "--batch", "--limit", "2", "--index"])
        .arg(corpus_index());
    let r = run_with_stdin(
        cmd,
        "q1\tRCEP\n知识产权\n\nbad\t\"unclosed\nq4\txylophone\n",
    );
    let lines = r.hits();
    validate("batch.schema.json", &lines);
    let ids: Vec<&str> = lines
        .iter()
        .filter(|l| l.get("id").is_some())
        .map(|h| str_field(h, "query_id"))
        .collect();
    assert_eq!(ids, ["q1", "q1", "2", "2"]);
    assert_eq!(
        r.code, 2,
        "a bad query makes the batch fail, after the others ran"
    );
    assert_has(&r.stderr, "line 4: bad query: unclosed quote");
}

#[test]
fn test_unknown_speaker_suggests_and_empty_filters_explain() {
    let r = cmd(&["query", "RCEP", "--speaker", "Lin Qio"]);
    assert_eq!(r.code, 2);
    assert_has(
        &r.stderr,
        "no speaker 'Lin Qio' in the index; did you mean 'Lin Qiao'?",
    );
    let r = cmd(&["speakers", "--speaker", "毛"]);
    assert_eq!(r.code, 2);
    let r = cmd(&["query", "RCEP", "--outlet", "Reuter"]);
    assert_has(&r.stderr, "did you mean 'Reuters'?");
    let r = cmd(&["query", "RCEP", "--speaker", "Lin Qiao", "--since", "2024"]);
    assert_eq!(r.code, 1);
    assert_has(
        &r.stderr,
        "no hit with these filters, though the query alone matches 8 passages; without --speaker 'Lin Qiao', or without --since 2024-01-01 there would be hits",
    );
    let r = cmd(&["query", "xylophone", "--since", "2024"]);
    assert_eq!(r.code, 1);
    assert!(
        !r.stderr.contains("with these filters"),
        "no note about filters when the query alone has no hit either: {}",
        r.stderr
    );
    assert_eq!(r.stderr, "briefsearch: no passage matches the query\n");
}

#[test]
fn test_terminal_safety_of_corpus_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("evil.txt");
    std::fs::write(
        &file,
        "Title \u{1b}[2J with escapes\n\nModerator:\n\nThe \u{1b}]0;owned\u{7} mango \u{202e}gnirts\u{202c} question \u{1b}[31mred.\n",
    )
    .expect("write");
    let idx = dir.path().join("idx");
    assert_eq!(crate::common::index(&idx, &[&file]).code, 0);
    let query = |args: &[&str]| {
        let mut c = bin();
        c.args(args).arg("--index").arg(&idx);
        run(c)
    };
    for args in [
        &["query", "mango", "--color", "always"][..],
        &["query", "mango", "--color", "never"][..],
        &["show", "evil.txt"][..],
        &["speakers"][..],
        &["facets", "--by", "briefing"][..],
    ] {
        let r = query(args);
        assert!(
            !r.stdout.contains("\u{1b}[2J")
                && !r.stdout.contains("\u{1b}]0;")
                && !r.stdout.contains('\u{202e}')
                && !r.stdout.contains('\u{7}'),
            "{args:?}: {:?}",
            r.stdout
        );
    }
    let shown = query(&["query", "mango", "--color", "never"]);
    assert!(
        shown.stdout.contains("\\u{1b}]0;owned"),
        "escapes are shown, not obeyed: {}",
        shown.stdout
    );
    let json = query(&["query", "mango", "--json"]);
    let hit: Value = serde_json::from_str(json.stdout.trim()).expect("JSON stays valid");
    assert!(
        str_field(&hit, "text").contains('\u{202e}'),
        "JSON keeps the text as it is"
    );
}

#[test]
fn test_completions_man_page_and_help() {
    for shell in ["bash", "zsh", "fish"] {
        let mut c = bin();
        c.args(["completions", shell]);
        let r = run(c);
        assert_eq!(r.code, 0);
        assert!(
            r.stdout.contains("briefsearch") && r.stdout.contains("speaker"),
            "{shell}"
        );
    }
    let mut c = bin();
    c.arg("man");
    let man = run(c);
    assert!(
        man.stdout.contains(".TH briefsearch 1") && man.stdout.contains("query"),
        "{}",
        man.stdout
    );
    let mut c = bin();
    c.args(["man", "query"]);
    assert!(run(c).stdout.contains(".TH briefsearch-query 1"));
    let mut c = bin();
    c.arg("--help");
    let help = run(c);
    assert!(
        help.stdout.contains("| jq")
            && help.stdout.contains("xargs -0")
            && help.stdout.contains("uniq -c"),
        "{}",
        help.stdout
    );
}

#[test]
fn test_speaker_aliases_match_every_name_of_a_speaker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let r = crate::common::index(&idx, &[&crate::common::corpus()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let q = |args: &[&str]| {
        let mut c = bin();
        c.arg("query").arg("--index").arg(&idx).args(args);
        run(c)
    };
    let speakers = |r: &crate::common::Run| -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for h in lines_json(r) {
            *out.entry(str_field(&h, "speaker").to_string()).or_default() += 1;
        }
        out
    };
    let chinese = speakers(&q(&["*", "--speaker", "林桥", "--json", "--limit", "500"]));
    let english = speakers(&q(&[
        "*",
        "--speaker",
        "Lin Qiao",
        "--json",
        "--limit",
        "500",
    ]));
    assert_eq!(chinese.keys().collect::<Vec<_>>(), ["林桥"]);
    assert_eq!(english.keys().collect::<Vec<_>>(), ["Lin Qiao"]);

    // A bad list is refused with its line, and changes nothing.
    let list = dir.path().join("aliases.txt");
    std::fs::write(&list, "# customs\n林桥 = Lin Qiao\nLin Qiao\n").expect("write");
    let r = install_list(&idx, "--aliases", &list);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "aliases.txt:3:");

    std::fs::write(&list, "# customs\n林桥 = Lin Qiao\n").expect("write");
    let r = install_list(&idx, "--aliases", &list);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(idx.join("aliases.txt").is_file());

    let both: BTreeMap<String, usize> = chinese.into_iter().chain(english).collect();
    for name in ["林桥", "lin qiao"] {
        let by_filter = speakers(&q(&["*", "--speaker", name, "--json", "--limit", "500"]));
        assert_eq!(by_filter, both, "--speaker {name}");
        let quoted = format!("speaker:\"{name}\"");
        let by_field = speakers(&q(&[&quoted, "--json", "--limit", "500"]));
        assert_eq!(by_field, both, "{quoted}");
    }
    // Other speakers are untouched, and a misspelt name is still an error with a suggestion.
    let other = speakers(&q(&[
        "*",
        "--speaker",
        "He Yun",
        "--json",
        "--limit",
        "500",
    ]));
    assert_eq!(other.keys().collect::<Vec<_>>(), ["He Yun"]);
    let r = q(&["*", "--speaker", "Lin Qiaoo"]);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "did you mean 'Lin Qiao'");
    // Facets and the speaker list count a speaker once, under the first name of the list.
    let mut c = bin();
    c.args(["facets", "--by", "speaker", "--json", "--index"])
        .arg(&idx);
    let facets = lines_json(&run(c));
    let count_of = |name: &str| {
        facets
            .iter()
            .find(|f| f["value"] == name)
            .and_then(|f| f["count"].as_u64())
    };
    assert_eq!(count_of("Lin Qiao"), None, "merged into 林桥");
    assert_eq!(
        count_of("林桥"),
        Some(both.values().sum::<usize>() as u64),
        "{facets:?}"
    );
    let mut c = bin();
    c.args(["speakers", "--json", "--index"]).arg(&idx);
    let listed = lines_json(&run(c));
    let lin = listed
        .iter()
        .find(|s| s["speaker"] == "林桥")
        .expect("林桥 listed");
    assert_eq!(lin["aliases"], serde_json::json!(["Lin Qiao"]));
    assert!(listed.iter().all(|s| s["speaker"] != "Lin Qiao"));
    // A rebuild keeps the list.
    let mut c = bin();
    c.args(["index", "--rebuild", "--index"])
        .arg(&idx)
        .arg(crate::common::corpus());
    assert_eq!(run(c).code, 0);
    let after = speakers(&q(&["*", "--speaker", "林桥", "--json", "--limit", "500"]));
    assert_eq!(after, both);
}

#[test]
fn test_one_outlet_under_every_spelling() {
    // The corpus names China News Service in English and as 中新社(记者) in Chinese.
    let by_json = |args: &[&str]| lines_json(&cmd(args));
    for spelling in [
        "China News Service",
        "中新社",
        "中新社记者",
        "china news service",
    ] {
        let hits = by_json(&[
            "query", "*", "--outlet", spelling, "--json", "--limit", "100",
        ]);
        assert!(
            hits.iter().all(|h| h["outlet_id"] == "China News Service"),
            "{spelling}"
        );
        let written: std::collections::BTreeSet<&str> =
            hits.iter().map(|h| str_field(h, "outlet")).collect();
        assert!(
            written.iter().any(|o| o.contains("中新社")) && written.contains("China News Agency"),
            "{spelling}: both scripts, as written: {written:?}"
        );
    }
    let facets = by_json(&["facets", "--by", "outlet", "--json", "--limit", "100"]);
    let values: Vec<&str> = facets.iter().filter_map(|f| f["value"].as_str()).collect();
    assert_eq!(
        values
            .iter()
            .filter(|v| **v == "China News Service")
            .count(),
        1
    );
    assert!(
        !values
            .iter()
            .any(|v| v.contains("中新社") || v.ends_with("记者"))
    );
    validate("facet.schema.json", &facets);
    let r = cmd(&["query", "*", "--outlet", "China Newz Service"]);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "did you mean 'China News Service'");
}

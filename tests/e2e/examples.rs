//! End-to-end: every example of `briefsearch --help` (and of each subcommand's help) and of the
//! README runs, in a shell, on an index of `corpus/`, and prints what it claims: it succeeds,
//! prints something, prints no `null` and no header word where values are promised, and shows
//! what its comment says. README blocks that show a command's output (`$ briefsearch …`, then
//! the output) and the JSON hit example must match what the command prints today.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{Run, bin, corpus, run, skipped};

/// "Today" for the examples, so that relative dates give the same answer every day: a few
/// days after the corpus's last briefing (2025-05-20), as if it were current.
const TODAY: &str = "2025-06-01";

/// Words that are TSV header names, never values.
const HEADER_WORDS: &[&str] = &[
    "rank", "score", "id", "date", "speaker", "outlet", "kind", "snippet", "role", "text",
    "query_id", "value", "count", "share",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A folder holding the binary under its own name, for the examples' `PATH`.
fn bin_dir() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        std::os::unix::fs::symlink(
            env!("CARGO_BIN_EXE_briefsearch"),
            dir.path().join("briefsearch"),
        )
        .expect("symlink");
        dir
    })
    .path()
}

fn has_jq() -> bool {
    Command::new("jq")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A fresh folder where the examples run as a reader would run them: `corpus/` beside an
/// index of it in `.briefsearch`, and the files the reader is assumed to have (`archive/`, their
/// own transcripts, here the corpus again; an archive in another JSON form; a judged query set).
fn workspace() -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(corpus(), dir.path().join("corpus")).expect("symlink");
    std::os::unix::fs::symlink(corpus(), dir.path().join("archive")).expect("symlink");
    let mut c = bin();
    c.current_dir(dir.path()).args(["index", "corpus/"]);
    let r = run(c);
    assert_eq!(r.code, 0, "{}", r.stderr);
    fs::write(dir.path().join("mfa_articles.json"), PARALLEL_ARCHIVE).expect("write");
    judged_set(dir.path());
    dir
}

/// Two briefings in the shape of the parallel foreign-ministry archive (text written here).
const PARALLEL_ARCHIVE: &str = r#"[
 {"date": "2026-01-05", "en_url": "https://example.invalid/en/1", "cn_url": "https://example.invalid/cn/1",
  "en_title": "Foreign Ministry Spokesperson's Regular Press Conference on January 5, 2026",
  "cn_title": "2026年1月5日外交部发言人例行记者会",
  "en_pairs": [{"questioner": "AFP", "spokesperson": "Zhou Lan", "question": "Will the orchard talks resume?", "answer": "The orchard talks will resume next month."}],
  "cn_pairs": [{"questioner": "法新社", "spokesperson": "周岚", "question": "果园会谈会恢复吗？", "answer": "果园会谈将于下月恢复。"}]}
]"#;

/// The first line of `lines` (a header), and those whose first column is one of `ids`.
fn header_and<'a>(lines: impl Iterator<Item = &'a str>, ids: &[&str]) -> Vec<&'a str> {
    lines
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.split('\t').next().is_some_and(|id| ids.contains(&id)))
        .map(|(_, l)| l)
        .collect()
}

/// `my-queries.tsv` and `my-judgments.tsv`: the judged queries of `tests/relevance/` whose
/// answers are in `corpus/`.
fn judged_set(dir: &Path) {
    let read =
        |name: &str| fs::read_to_string(repo().join("tests/relevance").join(name)).expect("read");
    let judgments = read("judgments-en.tsv");
    let mut kept_judgments: Vec<&str> = judgments.lines().take(1).collect();
    let mut answered: Vec<&str> = Vec::new();
    for line in judgments.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 && cols[1].starts_with("corpus/") {
            kept_judgments.push(line);
            if cols[2] == "2" {
                answered.push(cols[0]);
            }
        }
    }
    let queries = read("queries-en.tsv");
    let kept_queries = header_and(queries.lines(), &answered);
    let kept_judgments = header_and(kept_judgments.into_iter(), &answered);
    fs::write(dir.join("my-queries.tsv"), kept_queries.join("\n") + "\n").expect("write");
    fs::write(
        dir.join("my-judgments.tsv"),
        kept_judgments.join("\n") + "\n",
    )
    .expect("write");
}

/// Runs `command` with bash (pipelines fail when any part fails) in `dir`.
fn shell(dir: &Path, command: &str) -> Run {
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = Command::new("bash");
    c.args(["-o", "pipefail", "-c", command])
        .current_dir(dir)
        .env("PATH", path)
        .env("BRIEFSEARCH_TODAY", TODAY)
        .env_remove("BRIEFSEARCH_INDEX")
        .env_remove("NO_COLOR");
    run(c)
}

/// Whether `command` runs briefsearch (at the start of a pipeline part).
fn runs_briefsearch(command: &str) -> bool {
    command
        .split(['|', ';', '&', '('])
        .any(|part| part.trim_start().starts_with("briefsearch "))
}

/// The quote (`'` or `"`) left open at the end of `text`, if any, as a shell reads it.
fn open_quote(text: &str) -> Option<char> {
    let mut open: Option<char> = None;
    let mut chars = text.chars();
    let mut previous = '\n';
    while let Some(c) = chars.next() {
        match (open, c) {
            (Some('\''), '\'') => open = None,
            (Some('\''), _) => {}
            (Some('"'), '"') => open = None,
            (_, '\\') => {
                chars.next();
            }
            (Some(_), _) => {}
            (None, '\'' | '"') => open = Some(c),
            (None, '#') if previous.is_whitespace() => {
                // A comment, to the end of its line.
                for rest in chars.by_ref() {
                    if rest == '\n' {
                        break;
                    }
                }
            }
            (None, _) => {}
        }
        previous = c;
    }
    open
}

/// The shell commands of a block of lines: `\` continuations and quotes over several lines
/// joined, here-documents kept with their command, comment lines and blank lines dropped.
fn commands(block: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = block.iter();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut command = line.to_string();
        // The line break stays: bash reads `\` + line break, or one inside quotes, as the shell
        // of a reader would.
        while command.ends_with('\\') || open_quote(&command).is_some() {
            match lines.next() {
                Some(next) => command.push_str(&format!("\n{next}")),
                None => break,
            }
        }
        if let Some(at) = command.find("<<") {
            let word = command[at + 2..]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .trim_matches(['\'', '"'])
                .to_string();
            for next in lines.by_ref() {
                command.push('\n');
                command.push_str(next);
                if next.trim() == word {
                    break;
                }
            }
        }
        out.push(command);
    }
    out
}

/// Whether `command` writes a file that the next examples read (`cat > aliases.txt <<…`,
/// `printf '…' > my-lexicon.tsv`).
fn writes_input(command: &str) -> bool {
    let command = command.trim_start();
    command.starts_with("cat >")
        || (command.starts_with("printf ") && redirected_to(command).is_some())
}

/// The file that a command's stdout is redirected to, if any (`… > answers.tsv`).
fn redirected_to(command: &str) -> Option<String> {
    let (before, file) = command.rsplit_once('>')?;
    if before.ends_with('2') || before.ends_with('<') || file.contains('|') {
        return None;
    }
    // Without a comment after it.
    let file = file.split_once(" #").map_or(file, |(f, _)| f).trim();
    (!file.is_empty() && !file.contains(' ')).then(|| file.to_string())
}

/// What the comment or the form of an example promises, beyond succeeding and printing.
fn claims(command: &str) -> Vec<&'static str> {
    let table: &[(&str, &[&str])] = &[
        ("--speaker 'Lin Qiao' --tsv", &["林桥", "Lin Qiao"]),
        (
            "--lang zh --kind answer --speaker 林桥",
            &["林桥", "answer"],
        ),
        ("query 产权", &["知识⟦产权⟧"]),
        ("--context 1", &["▶"]),
        ("--per 1000", &["per 1000 passages"]),
        (
            "跨境电商 -x --lang en",
            &["⟦cross-border e-commerce⟧", "through the translation"],
        ),
        ("--batch", &["q1\t", "q2\t"]),
        ("--svg rcep.svg", &["wrote rcep.svg"]),
    ];
    table
        .iter()
        .filter(|(key, _)| command.contains(key))
        .flat_map(|(_, wanted)| wanted.iter().copied())
        .collect()
}

/// Checks one example's run; returns what is wrong with it, if anything.
fn check(dir: &Path, command: &str, r: &Run) -> Vec<String> {
    let mut wrong = Vec::new();
    if r.code != 0 {
        wrong.push(format!("exit status {}: {}", r.code, r.stderr.trim()));
        return wrong;
    }
    let writes_index = command.contains("briefsearch index");
    if let Some(file) = redirected_to(command) {
        if fs::metadata(dir.join(&file)).map_or(0, |m| m.len()) == 0 {
            wrong.push(format!("{file} is empty"));
        }
    } else if writes_index {
        let installed = [
            "speaker aliases from",
            "synonyms from",
            "lexicon from",
            "words from",
        ];
        if !r.stderr.contains("the index holds") && !installed.iter().any(|s| r.stderr.contains(s))
        {
            wrong.push(format!("no summary on stderr: {}", r.stderr));
        }
    } else if !command.trim_start().starts_with("cat ") && r.stdout.trim().is_empty() {
        wrong.push(format!("prints nothing (stderr: {})", r.stderr.trim()));
    }
    let all = format!("{}{}", r.stdout, r.stderr);
    if r.stdout.split_whitespace().any(|w| w == "null") {
        wrong.push("prints null".to_string());
    }
    if command.contains("uniq -c") {
        for line in r.stdout.lines() {
            let value = line
                .trim_start()
                .split_once(' ')
                .map_or("", |(_, v)| v.trim());
            if value.is_empty() || HEADER_WORDS.contains(&value) {
                wrong.push(format!("counts a header word or an empty value: {line:?}"));
            }
        }
    }
    if command.contains("xargs -0 grep -c") {
        for line in r.stdout.lines() {
            if line.rsplit_once(':').is_none_or(|(_, n)| n == "0") {
                wrong.push(format!("a listed file does not hold the word: {line}"));
            }
        }
    }
    for wanted in claims(command) {
        if !all.contains(wanted) {
            wrong.push(format!("does not show {wanted:?}"));
        }
    }
    wrong
}

/// Runs `commands` in order in one workspace; panics listing every example that fails.
fn run_examples(source: &str, commands: &[String]) {
    let jq = has_jq();
    let dir = workspace();
    let mut failures = Vec::new();
    for command in commands {
        if command.contains("jq ") && !jq {
            skipped(&format!("{source}: {command}"), "jq is not installed");
            continue;
        }
        let r = shell(dir.path(), command);
        for wrong in check(dir.path(), command, &r) {
            failures.push(format!("{source}: `{command}`: {wrong}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The examples of a help text: indented lines that run briefsearch.
fn help_examples(help: &str) -> Vec<String> {
    help.lines()
        .filter(|l| l.starts_with("  ") && runs_briefsearch(l.trim()))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn test_every_help_example_prints_what_it_claims() {
    let help = |args: &[&str]| {
        let mut c = bin();
        c.args(args);
        run(c).stdout
    };
    let main = help_examples(&help(&["--help"]));
    assert!(
        main.len() >= 10,
        "the examples of --help are found: {main:?}"
    );
    let mut all = main;
    for sub in [
        "index", "query", "facets", "trend", "show", "speakers", "stats", "inspect", "evaluate",
    ] {
        all.extend(help_examples(&help(&[sub, "--help"])));
    }
    run_examples("--help", &all);
}

/// The README's fenced blocks: (info string, lines).
fn readme_blocks() -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(repo().join("README.md")).expect("README");
    let mut blocks = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_string(), Vec::new())),
            (Some(_), Some(_)) => blocks.extend(current.take()),
            (Some((_, lines)), None) => lines.push(line.to_string()),
            (None, None) => {}
        }
    }
    blocks
}

#[test]
fn test_every_readme_example_prints_what_it_claims() {
    let blocks = readme_blocks();
    let mut ran = 0;
    for (n, (info, lines)) in blocks.iter().enumerate() {
        if info != "sh" {
            continue;
        }
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let runnable: Vec<String> = commands(&lines)
            .into_iter()
            .filter(|c| runs_briefsearch(c) || writes_input(c))
            .collect();
        if runnable.iter().any(|c| runs_briefsearch(c)) {
            ran += runnable.len();
            run_examples(&format!("README block {n}"), &runnable);
        }
    }
    assert!(ran >= 25, "the README's examples are found ({ran})");
}

#[test]
fn test_readme_outputs_are_what_the_commands_print() {
    let dir = workspace();
    let mut shown = 0;
    for (_, lines) in readme_blocks() {
        let Some(command) = lines.first().and_then(|l| l.strip_prefix("$ ")) else {
            continue;
        };
        shown += 1;
        let r = shell(dir.path(), command);
        assert_eq!(r.code, 0, "{command}: {}", r.stderr);
        let printed = format!("{}{}", r.stdout, r.stderr);
        let mut rest = printed.lines();
        for expected in lines.iter().skip(1).filter(|l| l.trim() != "…") {
            assert!(
                rest.any(|line| line.trim_end() == expected.trim_end()),
                "README shows {expected:?} for `{command}`, which prints:\n{printed}"
            );
        }
    }
    assert!(shown >= 3, "output examples found: {shown}");
}

#[test]
fn test_readme_json_hit_is_what_the_query_prints() {
    let text = fs::read_to_string(repo().join("README.md")).expect("README");
    let block = text
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a JSON example");
    let shown: Value = serde_json::from_str(block).expect("the example is JSON");
    let command = text
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("(`").nth(1))
        .and_then(|rest| rest.split('`').next())
        .expect("the command under the example");
    let dir = workspace();
    let r = shell(dir.path(), &format!("{command} --limit 1"));
    assert_eq!(r.code, 0, "{command}: {}", r.stderr);
    let printed: Value = serde_json::from_str(r.stdout.trim()).expect("one hit");
    let shown = shown.as_object().expect("an object");
    for (field, value) in shown {
        if field == "text" {
            let start = value.as_str().expect("text").trim_end_matches('…');
            assert!(
                printed[field]
                    .as_str()
                    .is_some_and(|t| t.starts_with(start))
            );
            continue;
        }
        assert_eq!(&printed[field], value, "field {field} of `{command}`");
    }
    let printed_fields: Vec<&String> = printed.as_object().expect("object").keys().collect();
    let shown_fields: Vec<&String> = shown.keys().collect();
    assert_eq!(
        printed_fields, shown_fields,
        "the example shows every field, in order"
    );
}

#[test]
fn test_commands_are_split_as_a_shell_reads_them() {
    let block = [
        "# a comment",
        "briefsearch query RCEP      # ranked",
        "cat > list.txt <<'LIST'",
        "a = b",
        "LIST",
        "jq -c '.[]' \\",
        "   file.json | briefsearch index -",
        "",
    ];
    let found = commands(&block);
    assert_eq!(found.len(), 3, "{found:?}");
    let quoted = commands(&[
        "jq -c '.[] | ({id: .date,",
        "  title})' \\",
        "  a.json | briefsearch index -",
    ]);
    assert_eq!(quoted.len(), 1, "{quoted:?}");
    assert_eq!(open_quote("show 'corpus/x.txt#9' # it's a comment"), None);
    assert_eq!(found[1], "cat > list.txt <<'LIST'\na = b\nLIST");
    assert!(runs_briefsearch(&found[2]));
    assert!(!runs_briefsearch(
        "benches/snapshot.sh --compare OLD target/release/briefsearch"
    ));
    assert_eq!(
        redirected_to("briefsearch man > briefsearch.1").as_deref(),
        Some("briefsearch.1")
    );
    assert_eq!(
        redirected_to("briefsearch query x 2>/dev/null | wc -l"),
        None
    );
    let printf = "printf 'a\\tb\\n' > my-lexicon.tsv   # TAB-separated";
    assert_eq!(redirected_to(printf).as_deref(), Some("my-lexicon.tsv"));
    assert!(writes_input(printf) && !writes_input("printf 'a\\n' | briefsearch index -"));
}

#[test]
fn test_the_checks_catch_examples_that_do_not_print_what_they_claim() {
    // Examples like those this help once had: no hit, `null`s, a header word counted.
    let dir = workspace();
    for bad in [
        "briefsearch query 稳外贸 --lang zh --kind answer --speaker 林桥 --strict",
        "briefsearch query RCEP --json | jq -r .speaker | sort | uniq -c",
        "briefsearch query RCEP --format tsv --fields date,speaker,id | sort | cut -f2 | uniq -c",
    ] {
        if bad.contains("jq ") && !has_jq() {
            continue;
        }
        let r = shell(dir.path(), bad);
        assert!(
            !check(dir.path(), bad, &r).is_empty(),
            "{bad} passes the checks"
        );
    }
}

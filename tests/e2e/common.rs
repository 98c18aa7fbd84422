//! Helpers shared by the end-to-end tests: run the real binary on real files in temporary
//! folders, feed it stdin, validate its JSON against the schemas.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;
use tempfile::TempDir;

pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefsearch"));
    cmd.env_remove("BRIEFSEARCH_INDEX").env_remove("NO_COLOR");
    cmd
}

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub fn schema(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("schema file is readable");
    serde_json::from_str(&text).expect("schema file is JSON")
}

/// The result of one run: exit status and both streams.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(o.stderr).expect("stderr is UTF-8"),
        }
    }
}

impl Run {
    /// The JSON Lines of stdout, parsed.
    pub fn hits(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("invalid JSON line {l:?}: {e}"))
            })
            .collect()
    }
}

pub fn run(mut cmd: Command) -> Run {
    cmd.output().expect("binary runs").into()
}

/// Indexes `paths` into `index`.
pub fn index(index: &Path, paths: &[&Path]) -> Run {
    let mut cmd = bin();
    cmd.arg("index").arg("--index").arg(index).args(paths);
    run(cmd)
}

/// An index folder `idx` in a temporary folder kept in `cell`, made by `build` the first time
/// and shared (read-only) by the tests after.
pub fn built_once(cell: &'static OnceLock<TempDir>, build: impl FnOnce(&Path)) -> &'static Path {
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        build(&dir.path().join("idx"));
        dir
    })
    .path()
    .join("idx")
    .leak()
}

/// An index of the project's corpus, built once and shared (read-only) by the tests.
pub fn corpus_index() -> &'static Path {
    static INDEX: OnceLock<TempDir> = OnceLock::new();
    built_once(&INDEX, |idx| {
        let r = index(idx, &[&corpus()]);
        assert_eq!(r.code, 0, "indexing the corpus failed: {}", r.stderr);
    })
}

/// An index of `passages` (see [`index_passages`]), built once in `cell` and shared
/// (read-only) by the tests.
pub fn passages_index(
    cell: &'static OnceLock<TempDir>,
    lang: &str,
    passages: &[(&str, &str)],
) -> &'static Path {
    built_once(cell, |idx| index_passages(idx, lang, passages))
}

/// `briefsearch index --index INDEX OPTION LIST`: installs a list (`--words`, `--aliases`,
/// `--synonyms`, `--lexicon`) in an index.
pub fn install_list(index: &Path, option: &str, list: &Path) -> Run {
    let mut cmd = bin();
    cmd.args(["index", "--index"])
        .arg(index)
        .arg(option)
        .arg(list);
    run(cmd)
}

/// `briefsearch query --index <corpus index> --json ARGS...`
pub fn query_json(args: &[&str]) -> Run {
    let mut cmd = bin();
    cmd.arg("query")
        .arg("--index")
        .arg(corpus_index())
        .arg("--json")
        .args(args);
    run(cmd)
}

/// `briefsearch query --index <corpus index> ARGS...` (text output)
pub fn query_text(args: &[&str]) -> Run {
    let mut cmd = bin();
    cmd.arg("query")
        .arg("--index")
        .arg(corpus_index())
        .args(args);
    run(cmd)
}

pub fn str_field<'a>(hit: &'a Value, name: &str) -> &'a str {
    hit[name]
        .as_str()
        .unwrap_or_else(|| panic!("{name} is not a string in {hit}"))
}

/// Writes `n` small generated briefings under `dir` (100 per folder, in walk order), each with
/// three passages and the unique word `mk{i}`, so tests can tell exactly which are indexed.
pub fn write_archive(dir: &Path, n: usize) {
    for i in 0..n {
        let folder = dir.join(format!("g{:03}", i / 100));
        std::fs::create_dir_all(&folder).expect("mkdir");
        let text = format!(
            "Trade Briefing {i}\n\nOn March {day}, 2024, the ministry held a briefing.\n\n\
             Moderator:\n\nWelcome to briefing mk{i} on trade and tariffs.\n\n\
             Reporter from Agency {agency}:\n\nWhat about exports of {good}?\n\n\
             Li Wen, Spokesperson:\n\nExports of {good} grew by {pct}.{frac}% this quarter.\n",
            day = 1 + i % 28,
            agency = i % 7,
            good = ["steel", "grain", "chips", "textiles", "ships"][i % 5],
            pct = i % 40,
            frac = i % 10,
        );
        std::fs::write(folder.join(format!("d{i:05}.txt")), text).expect("write");
    }
}

/// `briefsearch stats --json` of an index: (briefings, passages), or None if it fails.
pub fn index_counts(index: &Path) -> Option<(u64, u64)> {
    let mut cmd = bin();
    cmd.args(["stats", "--json", "--index"]).arg(index);
    let r = run(cmd);
    if r.code != 0 {
        return None;
    }
    let v: Value = serde_json::from_str(r.stdout.trim()).ok()?;
    Some((v["briefings"].as_u64()?, v["passages"].as_u64()?))
}

/// Number of passages matching `query` (0 when none).
pub fn count(index: &Path, query: &str) -> usize {
    let mut cmd = bin();
    cmd.args(["query", "--count", "--index"])
        .arg(index)
        .arg(query);
    run(cmd).stdout.trim().parse().unwrap_or(0)
}

/// Runs `cmd` with `input` on its stdin.
pub fn run_with_stdin(mut cmd: Command, input: &str) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("writes");
    child.wait_with_output().expect("exits").into()
}

/// Checks every value against the JSON Schema `schema/NAME`, naming the first that fails.
pub fn validate(schema_file: &str, values: &[Value]) {
    let mut validator = crate::schema::Validator::new(schema_file);
    assert!(
        !values.is_empty(),
        "nothing to validate against {schema_file}"
    );
    for v in values {
        if let Err(e) = validator.validate(v) {
            panic!("output does not follow {schema_file}: {e}\n{v}");
        }
    }
}

/// Says on the test process's own stderr (which the test harness does not capture) that
/// `test` was skipped, and why.
pub fn skipped(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped {test}: {why}");
}

/// Asserts that `haystack` holds `needle`, showing the haystack when it does not.
#[track_caller]
pub fn assert_has(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected {needle:?} in:\n{haystack}"
    );
}

/// Indexes one briefing per `(id, text)` into `index`, from JSON Lines on stdin: passage
/// `id#1` holds `text` alone. For probe sets of short passages written in the test.
pub fn index_passages(index: &Path, lang: &str, passages: &[(&str, &str)]) {
    let lines: Vec<String> = passages
        .iter()
        .map(|(id, text)| {
            serde_json::json!({
                "id": id, "title": "probe", "date": "2024-01-02", "lang": lang,
                "turns": [{"speaker": "Li Wen", "kind": "answer", "text": text}],
            })
            .to_string()
        })
        .collect();
    let mut cmd = bin();
    cmd.arg("index").arg("--index").arg(index).arg("-");
    let r = run_with_stdin(cmd, &(lines.join("\n") + "\n"));
    assert_eq!(
        r.code, 0,
        "indexing the probe passages failed: {}",
        r.stderr
    );
}

/// The ids of the briefings whose passages match `query` (with `args`), in rank order.
pub fn matching_ids(index: &Path, query: &str, args: &[&str]) -> Vec<String> {
    let mut cmd = bin();
    cmd.args(["query", "--json", "--strict", "--limit", "1000", "--index"])
        .arg(index)
        .args(args)
        .arg("--")
        .arg(query);
    let r = run(cmd);
    assert!(r.code == 0 || r.code == 1, "{query}: {}", r.stderr);
    r.hits()
        .iter()
        .map(|h| str_field(h, "briefing_id").to_string())
        .collect()
}

//! End-to-end: exit statuses and error messages, the contract that scripts rely on.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::common::{assert_has, bin, corpus_index, query_json, run};

#[test]
fn test_hit_is_0_no_hit_is_1() {
    assert_eq!(query_json(&["RCEP"]).code, 0);
    let none = query_json(&["xylophone"]);
    assert_eq!(none.code, 1);
    assert!(
        none.stdout.is_empty() && none.stderr.is_empty(),
        "{}",
        none.stderr
    );
}

#[test]
fn test_bad_query_syntax_is_2_and_says_where() {
    for (query, message) in [
        ("RCEP \"bonded", "unclosed quote at column 6"),
        ("(RCEP OR trade", "unbalanced '('"),
        ("RCEP)", "unbalanced ')'"),
        ("author:wang", "unknown field 'author:'"),
        ("", "empty query"),
        ("，。", "no searchable words"),
    ] {
        let r = query_json(&[query]);
        assert_eq!(r.code, 2, "{query}");
        assert!(r.stderr.contains(message), "{query}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn test_bad_options_are_2() {
    for (args, message) in [
        (
            &["RCEP", "--since", "2024", "--until", "2023"][..],
            "--since 2024-01-01 is after --until 2023-12-31",
        ),
        (&["RCEP", "--since", "2023-02-30"][..], "not a valid date"),
        (
            &["RCEP", "--since", "someday"][..],
            "'someday' is not a date; use one of:",
        ),
        (&["RCEP", "--lang", "fr"][..], "invalid value 'fr'"),
        (&["RCEP", "--limit", "0"][..], "--limit must be at least 1"),
    ] {
        let r = query_json(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn test_missing_index_is_2_with_a_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = bin();
    cmd.args(["query", "RCEP"]).current_dir(dir.path());
    let r = run(cmd);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no index at .briefsearch") && r.stderr.contains("briefsearch index"),
        "{}",
        r.stderr
    );
}

#[test]
fn test_unreadable_path_is_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = bin();
    cmd.arg("index")
        .arg("--index")
        .arg(dir.path().join("idx"))
        .arg(dir.path().join("missing.txt"));
    let r = run(cmd);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "missing.txt: no such file or folder");
}

#[test]
fn test_closed_pipe_ends_quietly() {
    for format in ["--json", "--color=never"] {
        let mut child = bin()
            .args(["query", "*", "--limit", "1000", format, "--index"])
            .arg(corpus_index())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("one line");
        // dropping the reader closes the pipe while the binary still writes
        let out = child.wait_with_output().expect("exits");
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "{format}: no error text"
        );
    }
}

//! End-to-end: bad files are named with their reason, every good file beside them is
//! indexed, and memory stays bounded; bad queries are clear errors, never panics.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;

use crate::common::{assert_has, bin, count, index_counts, run};

const GOOD: &str = "Trade Briefing\n\nModerator:\n\nThe persimmon question.\n";

/// Builds the folder of bad files (and two good ones) and returns the paths to index.
fn bad_archive(dir: &Path) -> Vec<std::path::PathBuf> {
    let a = dir.join("archive");
    fs::create_dir_all(a.join("sub")).expect("mkdir");
    let write = |name: &str, bytes: &[u8]| fs::write(a.join(name), bytes).expect("write");
    write("good.txt", GOOD.as_bytes());
    write(
        "sub/good.md",
        b"---\ntitle: Good\ndate: 2024-01-02\n---\n\nMS. LEE:  The quince answer.\n",
    );
    write("empty.txt", b"");
    write("blank.txt", b"  \n\n\t \n");
    write(
        "noise.txt",
        "Title\n\nEditor/Dai Jun\n\n(photographed by Liu Jian)\n\n版权所有 某某公司\n".as_bytes(),
    );
    // A folder walk leaves .png and .zip alone; named on the command line they are read, and
    // a file without extension is read whatever it holds.
    write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    write("archive.zip", b"PK\x03\x04\x14\0\0\0\x08\0");
    write("photo", b"\xff\xd8\xff\xe0\0\x10JFIF\0");
    write("latin1.txt", b"Caf\xe9 \x80\x81 r\xe9sum\xe9 \xff\xfe\xfd");
    write("truncated.html", "<html><head><meta name=\"ArticleTitle\" content=\"截断的页面\"></head><body><div id=\"News_Body_Txt_A\"><p>毛宁：我们注意到有关报道，枇杷".as_bytes());
    write(
        "nested.html",
        format!(
            "<html><body>{}<p>毛宁：很深。</p></body></html>",
            "<div>".repeat(50_000)
        )
        .as_bytes(),
    );
    write("malformed.json", b"{\"title\": \"x\", \"turns\": [");
    write("types.json", b"{\"title\": 42, \"turns\": \"none\"}");
    write("lines.jsonl", b"{\"id\": \"ok\", \"title\": \"T\", \"turns\": [{\"speaker\": \"A B\", \"text\": \"The loquat line.\"}]}\n{\"id\": 5}\n");
    // A turn of 1 MB, and a file of 100 MB that is one line.
    let turn = "The fig policy continues. ".repeat(40_000);
    write(
        "big-turn.txt",
        format!("Big\n\nModerator:\n\n{turn}\n").as_bytes(),
    );
    let huge = fs::File::create(a.join("huge.txt")).expect("create");
    huge.set_len(100 * 1024 * 1024).expect("100 MB");
    // Unreadable (unless we are root), gone, and looping.
    write(
        "locked.txt",
        GOOD.replace("persimmon", "kumquat").as_bytes(),
    );
    fs::set_permissions(a.join("locked.txt"), fs::Permissions::from_mode(0o000)).expect("chmod");
    symlink(a.join("deleted.txt"), a.join("gone.txt")).expect("symlink");
    symlink(&a, a.join("sub").join("loop")).expect("symlink");
    vec![
        a.clone(),
        a.join("image.png"),
        a.join("archive.zip"),
        dir.join("does-not-exist"),
    ]
}

#[test]
fn test_every_bad_file_is_named_and_every_good_file_indexed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = bad_archive(dir.path());
    let idx = dir.path().join("idx");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.is_file() {
        let mut c = Command::new(time);
        c.args(["-f", "peak-rss-kb %M"])
            .arg(env!("CARGO_BIN_EXE_briefsearch"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_briefsearch"))
    };
    cmd.arg("index")
        .arg("--index")
        .arg(&idx)
        .args(&paths)
        .env_remove("BRIEFSEARCH_INDEX");
    let r = run(cmd);
    assert_eq!(
        r.code, 2,
        "a path that does not exist makes the run fail, after the rest: {}",
        r.stderr
    );
    let root_reads_everything = fs::read(paths[0].join("locked.txt")).is_ok();
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("noise.txt", "no speech found"),
        ("image.png", "binary data"),
        ("archive.zip", "binary data"),
        ("photo", "binary data"),
        ("latin1.txt", "cannot decode the text"),
        ("nested.html", "HTML nested 50002 elements deep"),
        ("malformed.json", "invalid JSON: line 1:"),
        (
            "types.json",
            "invalid JSON: line 1: title: invalid type: integer `42`",
        ),
        (
            "lines.jsonl:2",
            "invalid JSON: id: invalid type: integer `5`, expected a string",
        ),
        ("huge.txt", "too large (104.9 MB; the limit is 32.0 MB"),
        ("gone.txt", "No such file or directory"),
        ("loop", "symbolic link loop"),
    ] {
        let line = r
            .stderr
            .lines()
            .find(|l| l.starts_with("skipped") && l.contains(file));
        let line = line.unwrap_or_else(|| panic!("{file} is not named:\n{}", r.stderr));
        assert!(
            line.contains(reason),
            "{file}: expected '{reason}' in: {line}"
        );
    }
    assert_eq!(
        r.stderr.matches("does-not-exist").count(),
        1,
        "a missing path is reported once: {}",
        r.stderr
    );
    assert!(r.stderr.contains("does-not-exist: no such file or folder"));
    if !root_reads_everything {
        assert_has(&r.stderr, "locked.txt: cannot read: Permission denied");
    }
    for word in ["persimmon", "quince", "loquat", "枇杷", "fig"] {
        assert_eq!(
            count(&idx, word).min(1),
            1,
            "{word}: good content is indexed"
        );
    }
    let fig_passages = count(&idx, "fig");
    assert!(
        fig_passages > 400,
        "the 1 MB turn is cut into passages: {fig_passages}"
    );
    assert!(index_counts(&idx).is_some());
    if let Some(kb) = r
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kb "))
    {
        let kb: u64 = kb.trim().parse().expect("a number");
        assert!(kb < 400 * 1024, "peak memory {kb} KB");
    }
    // Running again changes nothing and names the same files.
    let mut again = bin();
    again.arg("index").arg("--index").arg(&idx).arg(&paths[0]);
    let r2 = run(again);
    assert_eq!(r2.code, 0, "{}", r2.stderr);
    assert_has(&r2.stderr, "0 new, 0 changed");
}

#[test]
fn test_bad_queries_are_clear_errors() {
    let idx = crate::common::corpus_index();
    let long = "trade ".repeat(20_000);
    for (query, message) in [
        ("\"unclosed", "unclosed quote"),
        ("((RCEP)", "unbalanced '('"),
        ("RCEP))", "unbalanced ')'"),
        ("author:x", "unknown field 'author:'"),
        ("", "empty query"),
        ("   ", "empty query"),
        (long.as_str(), "query is longer than"),
        ("RCEP\u{7}", "control character U+0007"),
        ("RCEP \u{1b}[31m", "control character U+001B"),
        ("AND", "AND / OR needs a term"),
        ("-", "must be followed by"),
    ] {
        let mut cmd = bin();
        cmd.arg("query").arg("--index").arg(idx).arg(query);
        let r = run(cmd);
        assert_eq!(r.code, 2, "{query:.40}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{query:.40}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    for (args, message) in [
        (&["--since", "2023-13"][..], "not a valid date"),
        (&["--until", "23"][..], "'23' is not a date; use one of:"),
        (
            &["--since", "2025", "--until", "2024"][..],
            "is after --until",
        ),
    ] {
        let mut cmd = bin();
        cmd.args(["query", "RCEP", "--index"]).arg(idx).args(args);
        let r = run(cmd);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
    }
}

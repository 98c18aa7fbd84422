//! End-to-end: query expansion. Synonyms (the shipped list, `index --synonyms`,
//! `--no-synonyms`), British and American spellings, and cross-lingual search (`--cross`),
//! on briefings written for these tests.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{assert_has, bin, index, install_list, run, str_field};

/// Three English briefings naming one country three ways, and a Chinese one on tariffs.
fn archive(dir: &Path) -> PathBuf {
    let files = [
        (
            "a.txt",
            "Briefing on Korea, March 4, 2024\n\nQ: What about the ROK?\n\nSpokesperson Li Wen: The ROK is a close neighbour. Labour exchanges continue.\n",
        ),
        (
            "b.txt",
            "Briefing on trade, March 5, 2024\n\nQ: And South Korea?\n\nSpokesperson Li Wen: South Korea and China held talks on tariffs and labor mobility.\n",
        ),
        (
            "c.txt",
            "Briefing on diplomacy, March 6, 2024\n\nQ: Any visit planned?\n\nSpokesperson Li Wen: The Republic of Korea will send its foreign minister next week.\n",
        ),
        (
            "d.txt",
            "2024年3月7日外交部发言人李文主持例行记者会\n\n记者：关于关税有何评论？\n\n李文：中方对加征关税坚决反对，关税战没有赢家。\n",
        ),
    ];
    let root = dir.join("archive");
    fs::create_dir_all(&root).expect("mkdir");
    for (name, text) in files {
        fs::write(root.join(name), text).expect("write");
    }
    let idx = dir.join("idx");
    let r = index(&idx, &[&root]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    idx
}

fn files(idx: &Path, args: &[&str]) -> BTreeSet<String> {
    let mut c = bin();
    c.arg("query").arg("--index").arg(idx).args(args);
    c.args(["--json", "--limit", "100", "--strict"]);
    let r = run(c);
    r.hits()
        .iter()
        .map(|h| {
            let id = str_field(h, "briefing_id");
            id.rsplit('/').next().unwrap_or(id).to_string()
        })
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn test_one_name_finds_every_name_of_its_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = archive(dir.path());
    for q in ["ROK", "South Korea", "republic of korea"] {
        assert_eq!(files(&idx, &[q]), set(&["a.txt", "b.txt", "c.txt"]), "{q}");
    }
    assert_eq!(files(&idx, &["ROK", "--no-synonyms"]), set(&["a.txt"]));
    assert_eq!(
        files(&idx, &["\"South Korea\""]),
        set(&["b.txt"]),
        "a quoted phrase stays as typed"
    );
    // Counts agree with the hits.
    let mut c = bin();
    c.args(["query", "ROK", "--count", "--index"]).arg(&idx);
    let count: usize = run(c).stdout.trim().parse().expect("a number");
    let mut c = bin();
    c.args(["query", "ROK", "--strict", "--json", "--index"])
        .arg(&idx);
    assert_eq!(count, run(c).hits().len());
}

#[test]
fn test_british_and_american_spellings_find_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = archive(dir.path());
    assert_eq!(files(&idx, &["labour"]), set(&["a.txt", "b.txt"]));
    assert_eq!(files(&idx, &["labor"]), set(&["a.txt", "b.txt"]));
    assert_eq!(files(&idx, &["labor", "--no-synonyms"]), set(&["b.txt"]));
}

#[test]
fn test_the_index_synonym_list_extends_the_shipped_one_and_survives_a_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = archive(dir.path());
    let list = dir.path().join("synonyms.txt");
    fs::write(
        &list,
        "# ours\nforeign minister = top diplomat\nclose neighbour\n",
    )
    .expect("write");
    let r = install_list(&idx, "--synonyms", &list);
    assert_eq!(r.code, 2, "a line without '=' is refused");
    assert_has(&r.stderr, "synonyms.txt:3:");
    assert!(!idx.join("synonyms.txt").exists());

    fs::write(&list, "# ours\nforeign minister = top diplomat\n").expect("write");
    let r = install_list(&idx, "--synonyms", &list);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(files(&idx, &["top diplomat"]), set(&["c.txt"]));
    assert_eq!(
        files(&idx, &["ROK"]).len(),
        3,
        "the shipped list still applies"
    );
    let mut c = bin();
    c.args(["index", "--rebuild", "--index"])
        .arg(&idx)
        .arg(dir.path().join("archive"));
    assert_eq!(run(c).code, 0);
    assert_eq!(files(&idx, &["top diplomat"]), set(&["c.txt"]));
}

#[test]
fn test_cross_lingual_search_reaches_the_other_language_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = archive(dir.path());
    assert_eq!(files(&idx, &["tariffs", "--lang", "zh"]), set(&[]));
    assert_eq!(
        files(&idx, &["tariffs", "--lang", "zh", "--cross"]),
        set(&["d.txt"])
    );
    assert_eq!(
        files(&idx, &["关税", "-x", "--lang", "en"]),
        set(&["b.txt"])
    );
    // Hits of the other language are marked; those of the query's own are not.
    let mut c = bin();
    c.args(["query", "tariffs", "--cross", "--json", "--index"])
        .arg(&idx);
    let hits = run(c).hits();
    for h in &hits {
        let expected = if h["lang"] == "zh" {
            serde_json::json!("translation")
        } else {
            serde_json::Value::Null
        };
        assert_eq!(h["via"], expected, "{h}");
    }
    assert!(hits.iter().any(|h| h["lang"] == "zh") && hits.iter().any(|h| h["lang"] == "en"));
    // Without --cross, one line says what the other language holds.
    let mut c = bin();
    c.args(["query", "tariffs", "--color", "never", "--index"])
        .arg(&idx);
    let r = run(c);
    assert_has(
        &r.stderr,
        "passages in Chinese match the query's translation: add --cross (-x)",
    );
}

#[test]
fn test_a_user_lexicon_translates_what_no_dictionary_knows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = archive(dir.path());
    // 关税战 is in the Chinese briefing; "levy fight" is in no dictionary.
    assert_eq!(files(&idx, &["levy fight", "--lang", "zh", "-x"]), set(&[]));
    let lexicon = dir.path().join("mine.tsv");
    fs::write(&lexicon, "# mine\n关税战\tlevy fight\ttariff war\n").expect("write");
    let r = install_list(&idx, "--lexicon", &lexicon);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(&r.stderr, "1 Chinese term");
    assert_eq!(
        files(&idx, &["levy fight", "--lang", "zh", "-x"]),
        set(&["d.txt"])
    );
    // A bad line is named, and the installed lexicon stays.
    fs::write(&lexicon, "关税战\tlevy fight\nno Chinese here\tat all\n").expect("write");
    let r = install_list(&idx, "--lexicon", &lexicon);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "mine.tsv:2:");
    assert_eq!(
        files(&idx, &["tariff war", "--lang", "zh", "-x"]),
        set(&["d.txt"])
    );
    // It survives a rebuild.
    let mut c = bin();
    c.args(["index", "--rebuild", "--index"])
        .arg(&idx)
        .arg(dir.path().join("archive"));
    assert_eq!(run(c).code, 0);
    assert!(idx.join("lexicon.tsv").is_file());
}

#[test]
fn test_the_licences_of_the_built_in_data_are_printed() {
    let mut c = bin();
    c.arg("licenses");
    let r = run(c);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for notice in [
        "ECDICT",
        "MIT License",
        "CC-CEDICT",
        "Attribution-ShareAlike 4.0",
        "OpenCC",
        "Apache License 2.0",
        "jieba",
    ] {
        assert_has(&r.stdout, notice);
    }
    let mut c = bin();
    c.arg("--version");
    let r = run(c);
    assert_has(&r.stdout, "briefsearch licenses");
}

//! End-to-end: speaker names across scripts (`--speaker 'Mao Ning'` for 毛宁 and the
//! reverse, `speaker:` in queries, `speakers` with both forms), on briefings written for these
//! tests (`tests/fixtures/parallel/`, both languages of one day) and, with `BRIEFSEARCH_REAL`,
//! on the real archives.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::common::{assert_has, bin, index, run, str_field, validate};

/// An index of the fixtures.
struct Fixtures {
    dir: TempDir,
}

impl Fixtures {
    fn new() -> Fixtures {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parallel");
        let r = index(
            &dir.path().join("idx"),
            &[&root.join("en"), &root.join("zh")],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        Fixtures { dir }
    }

    fn run(&self, args: &[&str]) -> crate::common::Run {
        let mut c: Command = bin();
        c.args(args).arg("--index").arg(self.dir.path().join("idx"));
        run(c)
    }
}

/// The speakers of the hits of `query ARGS` on `index`.
fn speakers_in(index: &Path, args: &[&str]) -> HashSet<String> {
    let mut c = bin();
    c.arg("query")
        .args(args)
        .args([
            "--json", "--limit", "2000", "--fields", "speaker", "--index",
        ])
        .arg(index);
    let r = run(c);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.hits()
        .iter()
        .map(|h| str_field(h, "speaker").to_string())
        .collect()
}

#[test]
fn test_speaker_names_answer_in_either_script() {
    let x = Fixtures::new();
    let speakers_of = |args: &[&str]| -> HashSet<String> {
        let mut all = vec!["query"];
        all.extend_from_slice(args);
        all.extend(["--json", "--limit", "100"]);
        let r = x.run(&all);
        assert!(r.code <= 1, "{args:?}: {}", r.stderr);
        r.hits()
            .iter()
            .map(|h| str_field(h, "speaker").to_string())
            .collect()
    };
    let both = |a: &str, b: &str| HashSet::from([a.to_string(), b.to_string()]);
    let one = |a: &str| HashSet::from([a.to_string()]);
    // Where the passages searched hold no speaker of the name as typed, pinyin finds the
    // Chinese name (surnames read as surnames: 单 Shan, 曾 Zeng) and the Chinese name the
    // English transcripts' pinyin.
    assert_eq!(
        speakers_of(&["*", "--speaker", "Shan Weidong", "--lang", "zh"]),
        one("单卫东")
    );
    assert_eq!(
        speakers_of(&["speaker:\"Shan Weidong\"", "--lang", "zh"]),
        one("单卫东")
    );
    assert_eq!(
        speakers_of(&["*", "--speaker", "单卫东", "--lang", "en"]),
        one("Shan Weidong")
    );
    assert_eq!(
        speakers_of(&["speaker:曾蔚", "--lang", "en"]),
        one("Zeng Wei")
    );
    // A spelling that no speaker of the index has finds the person in both scripts.
    assert_eq!(
        speakers_of(&["*", "--speaker", "Shan Wei-dong"]),
        both("Shan Weidong", "单卫东")
    );
    assert_eq!(
        speakers_of(&["*", "--speaker", "Wei Zeng"]),
        both("Zeng Wei", "曾蔚")
    );
    assert_eq!(
        speakers_of(&["speaker:\"zeng-wei\""]),
        both("Zeng Wei", "曾蔚")
    );
    // A name the passages searched hold names that speaker alone: linked names are not
    // aliases (an alias list merges them).
    assert_eq!(
        speakers_of(&["*", "--speaker", "Shan Weidong"]),
        one("Shan Weidong")
    );
    assert_eq!(speakers_of(&["*", "--speaker", "单卫东"]), one("单卫东"));
    assert_eq!(speakers_of(&["speaker:\"Zeng Wei\""]), one("Zeng Wei"));
    // A reading that is not the surname's finds nothing.
    let r = x.run(&["query", "*", "--speaker", "Dan Weidong"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_has(&r.stderr, "no speaker 'Dan Weidong' in the index");

    let r = x.run(&["speakers", "--json"]);
    let listed = r.hits();
    validate("speaker.schema.json", &listed);
    let other = |name: &str| {
        listed
            .iter()
            .find(|s| s["speaker"] == name)
            .map(|s| s["other_script"].clone())
            .unwrap_or_else(|| panic!("{name} listed"))
    };
    assert_eq!(other("单卫东"), serde_json::json!(["Shan Weidong"]));
    assert_eq!(other("Shan Weidong"), serde_json::json!(["单卫东"]));
    assert_eq!(other("曾蔚"), serde_json::json!(["Zeng Wei"]));
    assert_eq!(other("Halverson"), serde_json::json!([]));
    let text = x.run(&["speakers"]);
    assert_has(&text.stdout, "单卫东 (Shan Weidong)");
    // Counted apart: linked names are not aliases.
    assert_eq!(other("单卫东").as_array().map(Vec::len), Some(1));
    assert!(listed.iter().any(|s| s["speaker"] == "Shan Weidong"));
}

// ---- The real archives (BRIEFSEARCH_REAL) ----

#[test]
fn test_real_spokespersons_answer_to_their_pinyin() {
    let test = "test_real_spokespersons_answer_to_their_pinyin";
    let Some(archive) = crate::real::archive(test) else {
        return;
    };
    let index: PathBuf = archive.index.clone();
    let mut c = bin();
    c.args(["speakers", "--json", "--limit", "100000", "--index"])
        .arg(&index);
    let listed = run(c).hits();
    // Every spokesperson of the Chinese pages: no English transcript of the archives names
    // them, so the pinyin finds them whatever the filters, in any spelling.
    for (han, pinyin) in [
        ("汪文斌", "Wang Wenbin"),
        ("赵立坚", "Zhao Lijian"),
        ("毛宁", "Mao Ning"),
        ("华春莹", "Hua Chunying"),
        ("林剑", "Lin Jian"),
    ] {
        let field = format!("speaker:\"{pinyin}\"");
        let spelt = pinyin.to_uppercase().replacen(' ', "-", 1);
        let with_word = format!("{field} 台湾");
        for args in [
            vec!["*", "--speaker", pinyin],
            vec!["*", "--speaker", spelt.as_str()],
            vec![field.as_str()],
            vec![with_word.as_str()],
        ] {
            assert_eq!(
                speakers_in(&index, &args),
                HashSet::from([han.to_string()]),
                "{args:?}"
            );
        }
        let row = listed
            .iter()
            .find(|s| s["speaker"] == han)
            .unwrap_or_else(|| panic!("{han} listed"));
        assert_eq!(row["other_script"][0], pinyin, "{row}");
    }
}

//! End-to-end: the input formats, encodings and incremental indexing of `briefsearch index`.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{assert_has, bin, index, run, run_with_stdin, str_field, validate};

fn all(idx: &Path) -> Vec<Value> {
    let mut cmd = bin();
    cmd.args(["query", "*", "--json", "--limit", "100000", "--index"])
        .arg(idx);
    run(cmd).hits()
}

fn index_stdin(idx: &Path, input: &str) -> crate::common::Run {
    let mut cmd = bin();
    cmd.args(["index", "-", "--index"]).arg(idx);
    run_with_stdin(cmd, input)
}

const MFA_PAGE: &str = r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="ArticleTitle" content="2021年5月6日外交部发言人汪晓峰主持例行记者会"><meta name="PubDate" content="2021-05-06">
<script>var popup = "您即将离开外交部门户网站";</script><style>.nav{color:red}</style></head>
<body><div class="nav"><a href="/">首页</a> <a href="/eng/">English</a></div>
<div id="News_Body_Txt_A"><p><img src="a.jpg"></p>
<p>　　<strong>法新社记者：有报道称某国将举行军演，中方有何评论？</strong></p>
<p>　　汪晓峰：我们敦促有关方面停止挑衅。</p>
<p>　　<strong>路透社记者：中方是否会派代表出席？</strong></p>
<p>　　汪晓峰：我没有可以发布的消息。</p></div>
<div class="popup"><p>您即将离开外交部门户网站，跳转到其他网站，<br>是否继续访问？</p><a>继续访问</a><a>放弃</a></div>
</body></html>"#;

#[test]
fn test_html_page_in_gbk_without_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(MFA_PAGE);
    assert!(!unmappable);
    fs::create_dir(dir.path().join("pages")).expect("mkdir");
    fs::write(dir.path().join("pages").join("1000"), &gbk).expect("write");
    let idx = dir.path().join("idx");
    let r = index(&idx, &[&dir.path().join("pages")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = all(&idx);
    assert_eq!(hits.len(), 4);
    assert!(hits.iter().all(
        |h| h["title"] == "2021年5月6日外交部发言人汪晓峰主持例行记者会"
            && h["date"] == "2021-05-06"
    ));
    let turns: Vec<(&str, Option<&str>, Option<&str>)> = hits
        .iter()
        .map(|h| {
            (
                str_field(h, "kind"),
                h["speaker"].as_str(),
                h["outlet"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        turns,
        [
            ("question", None, Some("法新社")),
            ("answer", Some("汪晓峰"), None),
            ("question", None, Some("路透社")),
            ("answer", Some("汪晓峰"), None),
        ]
    );
    for h in &hits {
        let text = str_field(h, "text");
        assert!(
            !text.contains("您即将离开") && !text.contains("English") && !text.contains('<'),
            "{text}"
        );
    }
}

#[test]
fn test_utf16_and_undeclared_gb18030_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "发布会\n\n主持人：\n\n今天我们介绍稳外贸的政策措施。\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(dir.path().join("utf16.txt"), utf16).expect("write");
    let other = text.replace("稳外贸", "跨境电商");
    let (gb, _, _) = encoding_rs::GB18030.encode(&other);
    fs::write(dir.path().join("gb18030.txt"), gb).expect("write");
    fs::write(
        dir.path().join("garbage.txt"),
        [0x80u8, 0x80, 0x80, b' ', 0xFF, 0xFE, 0x81],
    )
    .expect("write");
    let idx = dir.path().join("idx");
    let r = index(&idx, &[dir.path()]);
    assert_has(&r.stderr, "garbage.txt: cannot decode the text");
    assert!(
        r.stderr.contains("2 new") && r.stderr.contains("1 skipped"),
        "{}",
        r.stderr
    );
    let texts: Vec<String> = all(&idx)
        .iter()
        .map(|h| str_field(h, "text").to_string())
        .collect();
    assert!(texts.iter().any(|t| t.contains("稳外贸")));
    assert!(texts.iter().any(|t| t.contains("跨境电商")));
}

#[test]
fn test_json_and_json_lines_files_with_errors_naming_line_and_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let one = r#"{"title": "Trade Briefing", "date": "2024-05-06", "turns": [
        {"speaker": "Li Wen", "role": "Spokesperson", "text": "Good morning. We start with the mango harvest."},
        {"outlet": "AFP", "text": "What about exports?"},
        {"speaker": "Li Wen", "text": "Exports of mangoes grew."}]}"#;
    fs::write(dir.path().join("one.json"), one).expect("write");
    let lines = [
        r#"{"id": "r1", "title": "First", "date": "2024-01-02", "turns": [{"speaker": "A B", "text": "The papaya question."}]}"#,
        r#"{"id": "r2", "title": "Second", "turns": [{"speaker": "A B", "kind": "answr", "text": "x"}]}"#,
        r#"{"id": "r3", "title": "Third", "date": "2024-13-01", "turns": [{"text": "y"}]}"#,
        r#"{"id": "r4", "title": "Fourth", "turns": [{"speaker": "C D", "text": "The guava answer."}]}"#,
    ]
    .join("\n");
    fs::write(dir.path().join("many.jsonl"), lines).expect("write");
    fs::write(
        dir.path().join("broken.json"),
        "{\"title\": \"x\",\n \"turns\": [\n",
    )
    .expect("write");
    let idx = dir.path().join("idx");
    let r = index(&idx, &[dir.path()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(
        &r.stderr,
        "many.jsonl:2: invalid JSON: turns[0].kind: unknown variant `answr`",
    );
    assert_has(
        &r.stderr,
        "many.jsonl:3: invalid JSON: date: '2024-13-01' is not a date",
    );
    assert_has(&r.stderr, "broken.json: invalid JSON: line 3:");
    let hits = all(&idx);
    let ids: Vec<&str> = hits.iter().map(|h| str_field(h, "briefing_id")).collect();
    assert!(
        ids.contains(&"r1")
            && ids.contains(&"r4")
            && ids.iter().any(|id| id.ends_with("/one.json")),
        "{ids:?}"
    );
    let kinds: Vec<&str> = hits
        .iter()
        .filter(|h| str_field(h, "briefing_id").ends_with("/one.json"))
        .map(|h| str_field(h, "kind"))
        .collect();
    assert_eq!(kinds, ["remarks", "question", "answer"]);
}

#[test]
fn test_json_lines_from_stdin_replace_by_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let idx = dir.path().join("idx");
    let a = r#"{"id": "b-1", "title": "One", "date": "2025-01-01", "turns": [{"speaker": "X Y", "text": "The kiwi policy."}]}"#;
    let b = r#"{"id": "b-2", "title": "Two", "date": "2025-01-02", "turns": [{"speaker": "X Y", "text": "The plum policy."}]}"#;
    let r = index_stdin(&idx, &format!("{a}\n{b}\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_has(&r.stderr, "2 new");
    let b2 = b.replace("plum", "cherry");
    let r = index_stdin(&idx, &format!("{a}\n{b2}\n"));
    assert_has(&r.stderr, "0 new, 1 changed, 1 unchanged");
    let texts: Vec<String> = all(&idx)
        .iter()
        .map(|h| str_field(h, "text").to_string())
        .collect();
    assert_eq!(texts, ["The kiwi policy.", "The cherry policy."]);
}

#[test]
fn test_inspect_json_follows_the_schema_and_round_trips() {
    let mut cmd = bin();
    cmd.arg("inspect").arg("--json").args(
        fs::read_dir(crate::common::corpus().join("zh"))
            .expect("corpus")
            .map(|e| e.expect("entry").path()),
    );
    let r = run(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    validate("briefing.schema.json", &r.hits());
    let dir = tempfile::tempdir().expect("tempdir");
    let from_files = dir.path().join("files");
    assert_eq!(
        index(&from_files, &[&crate::common::corpus().join("zh")]).code,
        0
    );
    let from_json = dir.path().join("json");
    assert_eq!(index_stdin(&from_json, &r.stdout).code, 0);
    let texts = |idx: &Path| {
        let mut t: Vec<(String, String)> = all(idx)
            .iter()
            .map(|h| {
                (
                    str_field(h, "text").to_string(),
                    h["speaker"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        t.sort();
        t
    };
    assert_eq!(texts(&from_files), texts(&from_json));
}

#[test]
fn test_prune_rebuild_and_stable_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("archive");
    fs::create_dir_all(archive.join("2024")).expect("mkdir");
    let write = |name: &str, word: &str| {
        fs::write(
            archive.join("2024").join(name),
            format!("Briefing\n\nModerator:\n\nThe {word} question.\n"),
        )
        .expect("write")
    };
    write("a.txt", "apricot");
    write("b.txt", "banana");
    let idx = dir.path().join("idx");
    assert_eq!(index(&idx, &[&archive]).code, 0);
    let ids = |idx: &Path| {
        let mut v: Vec<String> = all(idx)
            .iter()
            .map(|h| str_field(h, "id").to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&idx), ["archive/2024/a.txt#1", "archive/2024/b.txt#1"]);
    write("c.txt", "cherry");
    let r = index(&idx, &[&archive]);
    assert_has(&r.stderr, "3 files: 1 new, 0 changed, 2 unchanged");
    assert_eq!(
        ids(&idx),
        [
            "archive/2024/a.txt#1",
            "archive/2024/b.txt#1",
            "archive/2024/c.txt#1"
        ]
    );

    fs::remove_file(archive.join("2024").join("a.txt")).expect("remove");
    let r = index(&idx, &[&archive]);
    assert!(
        r.stderr.contains("0 removed"),
        "without --prune nothing is removed: {}",
        r.stderr
    );
    assert_eq!(ids(&idx).len(), 3);
    let mut cmd = bin();
    cmd.args(["index", "--prune", "--index"])
        .arg(&idx)
        .arg(&archive);
    let r = run(cmd);
    assert_has(&r.stderr, "removed archive/2024/a.txt");
    assert_has(&r.stderr, "1 removed");
    assert_eq!(ids(&idx), ["archive/2024/b.txt#1", "archive/2024/c.txt#1"]);

    let mut cmd = bin();
    cmd.args(["index", "--rebuild", "--index"])
        .arg(&idx)
        .arg(archive.join("2024").join("b.txt"));
    let r = run(cmd);
    assert_has(&r.stderr, "1 file: 1 new");
    assert_eq!(ids(&idx), ["b.txt#1"]);
}

#[test]
fn test_speaker_conventions_of_other_archives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("conventions.txt");
    fs::write(
        &file,
        "Briefing on Many Things\n\n\
         MODERATOR:  Welcome, everyone.\n\n\
         SENIOR ADMINISTRATION OFFICIAL:  Thanks.  Let me start with the rail deal.\n\n\
         Q:  Will the deal pass?\n\n\
         MR. KIRBY:  We think so.\n\n\
         Q    And the tariffs?\n\n\
         MS. JEAN-PIERRE:  No change.\n\n\
         Spokesperson Wang Wenbin: China welcomes it.\n\n\
         Q: One more?\n\n\
         A: No.\n",
    )
    .expect("write");
    let idx = dir.path().join("idx");
    assert_eq!(index(&idx, &[&file]).code, 0);
    let turns: Vec<(String, String)> = all(&idx)
        .iter()
        .map(|h| {
            (
                str_field(h, "kind").to_string(),
                h["speaker"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let expected = [
        ("remarks", "Moderator"),
        ("remarks", "Senior Administration Official"),
        ("question", "-"),
        ("answer", "Kirby"),
        ("question", "-"),
        ("answer", "Jean-Pierre"),
        ("answer", "Wang Wenbin"),
        ("question", "-"),
        ("answer", "-"),
    ];
    let turns: Vec<(&str, &str)> = turns
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(turns, expected);
}

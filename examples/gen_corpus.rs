//! A deterministic generator of realistic bilingual briefing archives, for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --briefings 25000 --seed 7 --out /tmp/archive
//! ```
//!
//! Writes briefings in the shapes real archives take (scraped plain text with captions,
//! credits and footers; Markdown with front matter and hard-wrapped `MS. X:` / `Q` turns;
//! foreign-ministry-style Chinese with `中新社记者：` / `毛宁：` turns; HTML pages), half English and
//! half Chinese, dated 2015 to 2025, with officials, reporters and outlets. Words follow a
//! Zipf distribution over the vocabulary of the project's own `corpus/` plus a long tail of
//! invented words, so postings and term statistics look like a real archive's. The same
//! arguments always give the same files. About 40 passages per briefing: 25,000 briefings
//! make about 1,000,000 passages and 1 GB.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

struct Args {
    briefings: usize,
    seed: u64,
    out: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        briefings: 1000,
        seed: 1,
        out: PathBuf::from("generated-archive"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--briefings" => a.briefings = value.parse().expect("--briefings N"),
            "--seed" => a.seed = value.parse().expect("--seed S"),
            "--out" => a.out = PathBuf::from(value),
            other => panic!("unknown option {other} (use --briefings N --seed S --out DIR)"),
        }
    }
    a
}

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Words with a Zipf distribution: rank r has weight 1 / (r + 2)^1.2, so the few thousand
/// words of the corpus make most of the text and invented words the long tail.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(mut counted: Vec<(String, usize)>, tail: Vec<String>) -> Vocabulary {
        counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let words: Vec<String> = counted.into_iter().map(|(w, _)| w).chain(tail).collect();
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / (r as f64 + 2.0).powf(1.2);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self
            .cumulative
            .partition_point(|&c| c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }
}

fn corpus_texts(lang: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(lang);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("corpus/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| fs::read_to_string(f).expect("corpus is UTF-8"))
        .collect()
}

fn english_vocabulary(rng: &mut Rng) -> Vocabulary {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for text in corpus_texts("en") {
        for word in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '\'') {
            if word.len() > 1 || word == "a" {
                *counts.entry(word.to_lowercase()).or_default() += 1;
            }
        }
    }
    const SYLLABLES: &[&str] = &[
        "tra", "de", "por", "in", "ex", "con", "sta", "bi", "li", "ty", "ment", "tion", "al", "ic",
        "ver", "pro", "gre", "sion", "ance", "mar", "ket", "ro", "na", "ter", "ism", "ize", "able",
        "ful", "graph", "nom",
    ];
    let tail = (0..60_000)
        .map(|_| {
            (0..2 + rng.below(3))
                .map(|_| *rng.pick(SYLLABLES))
                .collect::<String>()
        })
        .collect();
    Vocabulary::new(counts.into_iter().collect(), tail)
}

fn chinese_vocabulary(rng: &mut Rng) -> Vocabulary {
    let jieba = jieba_rs::Jieba::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut chars: Vec<char> = Vec::new();
    for text in corpus_texts("zh") {
        for run in text
            .split(|c: char| !('\u{4E00}'..='\u{9FFF}').contains(&c))
            .filter(|r| !r.is_empty())
        {
            chars.extend(run.chars());
            for token in jieba.cut(run, true) {
                *counts.entry(token.word.to_string()).or_default() += 1;
            }
        }
    }
    chars.sort_unstable();
    chars.dedup();
    let tail = (0..40_000)
        .map(|_| {
            (0..2 + rng.below(2))
                .map(|_| *rng.pick(&chars))
                .collect::<String>()
        })
        .collect();
    Vocabulary::new(counts.into_iter().collect(), tail)
}

struct Cast {
    en_officials: Vec<(&'static str, &'static str, &'static str)>,
    zh_officials: Vec<(&'static str, &'static str)>,
    en_outlets: Vec<&'static str>,
    zh_outlets: Vec<&'static str>,
}

fn cast() -> Cast {
    Cast {
        en_officials: vec![
            (
                "Lin Qiao",
                "LIN",
                "Deputy Director General of the Department of Port Control",
            ),
            ("He Yun", "HE", "Spokesperson of the Ministry of Commerce"),
            ("Dana Halverson", "HALVERSON", "Press Secretary"),
            ("John Okafor", "OKAFOR", "NSC Spokesman"),
            (
                "Pei Xiaolin",
                "PEI",
                "Spokesperson of the Ministry of Ecology and Environment",
            ),
            (
                "Zhang Lixin",
                "ZHANG",
                "Director General of the Intellectual Property Protection Department",
            ),
            ("Maria Castell", "CASTELL", "Secretary of Commerce"),
            ("Tom Reyes", "REYES", "National Economic Advisor"),
        ],
        zh_officials: vec![
            ("周岚", "外交部发言人"),
            ("汪晓峰", "外交部发言人"),
            ("林桥", "海关总署口岸监管司副司长"),
            ("贺云", "商务部新闻发言人"),
            ("裴晓林", "生态环境部新闻发言人"),
            ("张立新", "国家知识产权局知识产权保护司司长"),
            ("陈默", "国家发展改革委新闻发言人"),
            ("吴佳", "财政部新闻发言人"),
        ],
        en_outlets: vec![
            "China News Agency",
            "Southern Daily",
            "Economic Daily",
            "Bloomberg",
            "Reuters",
            "AFP",
            "CCTV",
            "China Daily",
            "Global Times",
            "Xinhua News Agency",
            "The Paper",
            "Guangming Daily",
        ],
        zh_outlets: vec![
            "中新社",
            "法新社",
            "路透社",
            "彭博社",
            "总台央视",
            "环球时报",
            "经济日报",
            "南方日报",
            "澎湃新闻",
            "新华社",
            "光明日报",
            "凤凰卫视",
            "日本广播协会",
            "21世纪经济报道",
        ],
    }
}

fn english_sentence(rng: &mut Rng, vocab: &Vocabulary) -> String {
    let n = 8 + rng.below(18);
    let mut s = String::new();
    for i in 0..n {
        let w = vocab.sample(rng);
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
        if i + 1 < n && rng.chance(0.06) {
            s.push(',');
        }
    }
    if rng.chance(0.1) {
        let _ = write!(s, " by {}.{}%", rng.below(60), rng.below(10));
    }
    s.push(if rng.chance(0.08) { '?' } else { '.' });
    s
}

fn chinese_sentence(rng: &mut Rng, vocab: &Vocabulary) -> String {
    let n = 8 + rng.below(20);
    let mut s = String::new();
    for i in 0..n {
        s.push_str(vocab.sample(rng));
        if i + 1 < n && rng.chance(0.12) {
            s.push('，');
        }
    }
    if rng.chance(0.1) {
        let _ = write!(s, "，同比增长{}.{}%", rng.below(60), rng.below(10));
    }
    s.push(if rng.chance(0.08) { '？' } else { '。' });
    s
}

fn paragraph(rng: &mut Rng, sentence: &dyn Fn(&mut Rng) -> String, join: &str) -> String {
    (0..3 + rng.below(7))
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(join)
}

/// Hard-wraps `text` at about 72 columns (Markdown exports do).
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    for word in text.split(' ') {
        if col + word.len() > 72 && col > 0 {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.len();
    }
    out
}

fn main() {
    let args = args();
    let mut rng = Rng(args.seed);
    let en = english_vocabulary(&mut rng);
    let zh = chinese_vocabulary(&mut rng);
    let cast = cast();
    let en_sentence = |r: &mut Rng| english_sentence(r, &en);
    let zh_sentence = |r: &mut Rng| chinese_sentence(r, &zh);
    let (mut bytes, mut paragraphs) = (0usize, 0usize);
    for b in 0..args.briefings {
        let year = 2015 + rng.below(11) as i32;
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let dir = args.out.join(format!("{year}")).join(format!("{month:02}"));
        fs::create_dir_all(&dir).expect("output folder");
        let turns = 6 + rng.below(12);
        let chinese = rng.chance(0.5);
        let (name, text) = match (chinese, rng.below(3)) {
            (false, 0) => {
                // Scraped plain text, SCIO style.
                let (official, _, role) = *rng.pick(&cast.en_officials);
                let mut t = format!(
                    "Press Briefing on {} {}\n\n",
                    en.sample(&mut rng),
                    en.sample(&mut rng)
                );
                let _ = writeln!(
                    t,
                    "On the morning of {} {day}, {year}, a press conference was held. {official} answered questions.\n",
                    month_name(month)
                );
                let _ = writeln!(t, "Press conference venue (photographed by Qiu Shanhe)\n");
                let _ = writeln!(
                    t,
                    "{official}, {role}:\n\n{}\n",
                    paragraph(&mut rng, &en_sentence, " ")
                );
                paragraphs += 2;
                for _ in 0..turns {
                    let _ = writeln!(
                        t,
                        "Reporter from {}:\n\n{}\n",
                        rng.pick(&cast.en_outlets),
                        paragraph(&mut rng, &en_sentence, " ")
                    );
                    let _ = writeln!(t, "{official}:\n");
                    for _ in 0..1 + rng.below(4) {
                        let _ = writeln!(t, "{}\n", paragraph(&mut rng, &en_sentence, " "));
                        paragraphs += 1;
                    }
                    paragraphs += 1;
                }
                t.push_str("Source/State Council Information Office\n\nEditor/Fang Jiayi\n\nCopyright Harbourline Trading Co., Ltd\n");
                (format!("{b:06}.txt"), t)
            }
            (false, _) => {
                // Markdown export with front matter, White House style.
                let (official, caps, role) = *rng.pick(&cast.en_officials);
                let mut t = format!(
                    "---\ndate: '{year}-{month:02}-{day:02}'\ntitle: \"Press Briefing by {role} {official}\"\nsource_url: https://example.org/briefings/{b}\n---\n\n1:05 P.M. EST\n\n"
                );
                let _ = writeln!(
                    t,
                    "{}\n",
                    wrap(&format!(
                        "MR. {caps}:  {}",
                        paragraph(&mut rng, &en_sentence, "  ")
                    ))
                );
                paragraphs += 1;
                for _ in 0..turns {
                    let _ = writeln!(
                        t,
                        "{}\n",
                        wrap(&format!("Q    {}", paragraph(&mut rng, &en_sentence, "  ")))
                    );
                    let _ = writeln!(
                        t,
                        "{}\n",
                        wrap(&format!(
                            "MR. {caps}:  {}",
                            paragraph(&mut rng, &en_sentence, "  ")
                        ))
                    );
                    if rng.chance(0.1) {
                        t.push_str("(Laughter.)\n\n");
                    }
                    paragraphs += 2;
                }
                t.push_str("END 1:52 P.M. EST\n");
                (format!("{b:06}.md"), t)
            }
            (true, 0) => {
                // Foreign-ministry style web page, as HTML.
                let (official, role) = *rng.pick(&cast.zh_officials);
                let title = format!("{year}年{month}月{day}日{role}{official}主持例行记者会");
                let mut t = format!(
                    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"ArticleTitle\" content=\"{title}\"><meta name=\"PubDate\" content=\"{year}-{month:02}-{day:02}\"><title>{title}</title><script>var nav=1;</script></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><div id=\"News_Body_Txt_A\">"
                );
                for _ in 0..turns {
                    let _ = write!(
                        t,
                        "<p><strong>{}记者：{}</strong></p>",
                        rng.pick(&cast.zh_outlets),
                        paragraph(&mut rng, &zh_sentence, "")
                    );
                    let _ = write!(
                        t,
                        "<p>{official}：{}</p>",
                        paragraph(&mut rng, &zh_sentence, "")
                    );
                    for _ in 0..rng.below(3) {
                        let _ = write!(t, "<p>{}</p>", paragraph(&mut rng, &zh_sentence, ""));
                        paragraphs += 1;
                    }
                    paragraphs += 2;
                }
                t.push_str("</div><div class=\"popup\"><p>您即将离开外交部门户网站</p></div></body></html>\n");
                (format!("{b:06}"), t)
            }
            (true, _) => {
                // Scraped Chinese plain text, SCIO style.
                let (official, role) = *rng.pick(&cast.zh_officials);
                let mut t = format!(
                    "国务院新闻办公室举行{}{}发布会\n\n",
                    zh.sample(&mut rng),
                    zh.sample(&mut rng)
                );
                let _ = writeln!(
                    t,
                    "{year}年{month}月{day}日上午，国务院新闻办公室举行新闻发布会，{role}{official}介绍有关情况。\n"
                );
                let _ = writeln!(t, "发布会现场（摄影：邱山河）\n");
                let _ = writeln!(
                    t,
                    "{role}{official}：\n\n{}\n",
                    paragraph(&mut rng, &zh_sentence, "")
                );
                paragraphs += 2;
                for _ in 0..turns {
                    let _ = writeln!(
                        t,
                        "{}记者：\n\n{}\n",
                        rng.pick(&cast.zh_outlets),
                        paragraph(&mut rng, &zh_sentence, "")
                    );
                    let _ = writeln!(t, "{official}：\n");
                    for _ in 0..1 + rng.below(4) {
                        let _ = writeln!(t, "{}\n", paragraph(&mut rng, &zh_sentence, ""));
                        paragraphs += 1;
                    }
                    paragraphs += 1;
                }
                t.push_str("来源：国新网\n\n责任编辑：王小川\n\n版权所有 港湾线贸易有限公司\n");
                (format!("{b:06}.txt"), t)
            }
        };
        bytes += text.len();
        fs::write(dir.join(name), text).expect("writable output");
    }
    eprintln!(
        "wrote {} briefings, about {paragraphs} passages, {:.1} MB to {}",
        args.briefings,
        bytes as f64 / 1e6,
        args.out.display()
    );
}

fn month_name(m: usize) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][m - 1]
}

//! YAML front matter (`---` … `---` at the top of a Markdown export).
//!
//! Only the keys briefsearch uses are read (`title`, `date`, `source_url`); the rest is ignored.
//! Values written by exporters can be folded over lines and carry YAML escapes (`\_` for a
//! no-break space), so a real YAML parser reads them.

use yaml_rust2::{Yaml, YamlLoader};

#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source_url: Option<String>,
}

/// The front matter of `text` and the line (1-based) where the body starts, or `None` when
/// the text does not open with `---`. An unterminated or invalid header is an error naming
/// its line.
pub(crate) fn split(text: &str) -> Result<Option<(FrontMatter, usize)>, (usize, String)> {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return Ok(None),
    }
    let mut yaml = String::new();
    for (i, line) in lines.enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let matter = parse(&yaml).map_err(|(line, msg)| (line + 1, msg))?;
            return Ok(Some((matter, i + 3)));
        }
        yaml.push_str(line);
    }
    Err((
        1,
        "front matter opened with '---' is never closed".to_string(),
    ))
}

fn parse(yaml: &str) -> Result<FrontMatter, (usize, String)> {
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| (e.marker().line(), e.to_string()))?;
    let Some(doc) = docs.first() else {
        return Ok(FrontMatter::default());
    };
    let get = |key: &str| -> Option<String> {
        let value = match &doc[key] {
            Yaml::String(s) => s.clone(),
            Yaml::Integer(i) => i.to_string(),
            Yaml::Real(r) => r.clone(),
            _ => return None,
        };
        let clean = value.split_whitespace().collect::<Vec<_>>().join(" ");
        (!clean.is_empty()).then_some(clean)
    };
    Ok(FrontMatter {
        title: get("title"),
        date: get("date"),
        source_url: get("source_url").or_else(|| get("url")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_folded_title_with_yaml_escapes() {
        let text = "---\ntags: press-briefings\ndate: '2022-03-02'\ntitle: \"Press Briefing by White\\_House\\\n  \\ Officials, March 2,\\_\\\n  2022\"\n---\n \nbody\n";
        let (matter, body_line) = split(text).expect("valid").expect("present");
        assert_eq!(matter.date.as_deref(), Some("2022-03-02"));
        assert_eq!(
            matter.title.as_deref(),
            Some(
                "Press Briefing by White\u{a0}House Officials, March 2,\u{a0}2022"
                    .replace('\u{a0}', " ")
                    .as_str()
            )
        );
        assert_eq!(body_line, 8);
    }

    #[test]
    fn test_unquoted_date_and_missing_front_matter() {
        let (matter, _) = split("---\ndate: 2025-05-20\ntitle: 生态环境部\n---\n")
            .expect("ok")
            .expect("some");
        assert_eq!(matter.date.as_deref(), Some("2025-05-20"));
        assert_eq!(matter.title.as_deref(), Some("生态环境部"));
        assert_eq!(split("Title\n---\n").expect("ok"), None);
    }

    #[test]
    fn test_unclosed_front_matter_is_an_error() {
        assert!(split("---\ntitle: x\n").is_err());
    }
}

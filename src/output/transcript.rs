//! A briefing as a person reads it: title, date and source, then each turn with its speaker
//! and paragraphs. For a passage in context, the passage asked for is marked, and gaps in the
//! transcript are shown as "…". Text for the terminal, or Markdown.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::sanitize::for_terminal;
use crate::search::show::{Relation, Shown, ShownPassage};

/// Who is speaking, as a heading.
fn who(p: &ShownPassage) -> String {
    let name = match (&p.speaker, &p.outlet) {
        (Some(s), Some(o)) => format!("{s} ({o})"),
        (Some(s), None) => s.clone(),
        (None, Some(o)) => format!("Reporter, {o}"),
        (None, None) if p.kind == "question" => "Reporter".to_string(),
        (None, None) if p.kind == "narration" => "Narration".to_string(),
        (None, None) => "Speaker".to_string(),
    };
    match (&p.role, &p.speaker) {
        (Some(role), Some(_)) => format!("{name}, {role}"),
        _ => name,
    }
}

/// Groups passages into runs of one turn (consecutive ordinals of the same turn).
fn turns(passages: &[ShownPassage]) -> Vec<&[ShownPassage]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=passages.len() {
        let split = i == passages.len()
            || passages[i].turn != passages[i - 1].turn
            || passages[i].kind != passages[i - 1].kind
            || passages[i].ordinal != passages[i - 1].ordinal + 1;
        if split {
            out.push(&passages[start..i]);
            start = i;
        }
    }
    out
}

pub fn text(out: &mut impl Write, shown: &Shown, color: bool) -> io::Result<()> {
    let paint = |style: Style, s: &str| {
        if color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    };
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let focus_style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
    writeln!(out, "{}", paint(bold, &for_terminal(&shown.title)))?;
    let date = shown.date.as_deref().unwrap_or("(no date)");
    writeln!(
        out,
        "{}",
        paint(
            dim,
            &format!("{date} · {} · {}", shown.lang, for_terminal(&shown.source))
        )
    )?;
    if let Some(url) = &shown.source_url {
        writeln!(out, "{}", paint(dim, &for_terminal(url)))?;
    }
    let mut previous: Option<u64> = None;
    for run in turns(&shown.passages) {
        let first = &run[0];
        if previous.is_some_and(|p| first.ordinal > p + 1)
            || (previous.is_none() && first.ordinal > 1 && shown.focus.is_some())
        {
            writeln!(out, "\n    …")?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{} {}",
            paint(bold, &for_terminal(&who(first))),
            paint(dim, &format!("[{}]", first.kind))
        )?;
        for p in run {
            let marker = if p.relation == Some(Relation::Focus) {
                "▶ "
            } else {
                "  "
            };
            let body = for_terminal(&p.text);
            let body = if p.relation == Some(Relation::Focus) {
                paint(focus_style, &body)
            } else {
                body.into_owned()
            };
            writeln!(out, "{marker}{body}")?;
            writeln!(out, "{}", paint(dim, &format!("  {}", for_terminal(&p.id))))?;
        }
        previous = run.last().map(|p| p.ordinal);
    }
    Ok(())
}

pub fn markdown(out: &mut impl Write, shown: &Shown) -> io::Result<()> {
    writeln!(out, "# {}\n", md(&shown.title))?;
    let date = shown.date.as_deref().unwrap_or("no date");
    match &shown.source_url {
        Some(url) => writeln!(out, "*{date}* · [{}]({url})", md(&shown.source))?,
        None => writeln!(out, "*{date}* · `{}`", shown.source.replace('`', "'"))?,
    }
    let mut previous: Option<u64> = None;
    for run in turns(&shown.passages) {
        let first = &run[0];
        if previous.is_some_and(|p| first.ordinal > p + 1)
            || (previous.is_none() && first.ordinal > 1 && shown.focus.is_some())
        {
            writeln!(out, "\n…")?;
        }
        writeln!(out, "\n**{}** ({}):\n", md(&who(first)), first.kind)?;
        for p in run {
            if p.relation == Some(Relation::Focus) {
                writeln!(out, "> {}\n", md(&p.text))?;
            } else {
                writeln!(out, "{}\n", md(&p.text))?;
            }
        }
        previous = run.last().map(|p| p.ordinal);
    }
    Ok(())
}

/// Escapes the characters that would start Markdown markup.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '#' | '<' | '>' | '\\') {
            out.push('\\');
        }
        if !c.is_control() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(
        ordinal: u64,
        turn: u64,
        kind: &str,
        speaker: Option<&str>,
        relation: Option<Relation>,
    ) -> ShownPassage {
        ShownPassage {
            id: format!("b#{ordinal}"),
            ordinal,
            turn,
            paragraph: 1,
            speaker: speaker.map(str::to_string),
            role: None,
            outlet: None,
            kind: kind.to_string(),
            text: format!("text {ordinal}"),
            question_id: None,
            relation,
        }
    }

    fn shown() -> Shown {
        Shown {
            briefing_id: "b".into(),
            title: "Briefing *one*".into(),
            date: Some("2024-03-12".into()),
            lang: "en".into(),
            source: "b.txt".into(),
            source_url: None,
            focus: Some("b#5".into()),
            passages: vec![
                passage(2, 1, "question", None, Some(Relation::Question)),
                passage(4, 2, "answer", Some("Zhou Lan"), Some(Relation::Context)),
                passage(5, 2, "answer", Some("Zhou Lan"), Some(Relation::Focus)),
            ],
        }
    }

    #[test]
    fn test_text_marks_the_focus_and_the_gaps() {
        let mut out = Vec::new();
        text(&mut out, &shown(), false).expect("write");
        let t = String::from_utf8(out).expect("utf8");
        assert!(
            t.starts_with("Briefing *one*\n2024-03-12 · en · b.txt\n"),
            "{t}"
        );
        assert!(t.contains("Reporter [question]\n  text 2\n"), "{t}");
        assert!(
            t.contains("    …\n\nZhou Lan [answer]\n  text 4\n  b#4\n▶ text 5\n"),
            "{t}"
        );
    }

    #[test]
    fn test_markdown_escapes_and_quotes_the_focus() {
        let mut out = Vec::new();
        markdown(&mut out, &shown()).expect("write");
        let t = String::from_utf8(out).expect("utf8");
        assert!(
            t.starts_with("# Briefing \\*one\\*\n\n*2024-03-12* · `b.txt`\n"),
            "{t}"
        );
        assert!(
            t.contains("**Zhou Lan** (answer):\n\ntext 4\n\n> text 5\n"),
            "{t}"
        );
    }
}

//! A briefing as a person reads it: title, date and source, then each turn with its speaker
//! and paragraphs. For a passage in context, the passage asked for is marked, and gaps in the
//! transcript are shown as "…". Text for the terminal, or Markdown.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::sanitize::{for_terminal, md};
use crate::search::show::{Relation, Shown, ShownPassage};

/// `show`: text for people, Markdown, or one JSON object (`schema/show.schema.json`). TSV
/// has no rows to give: it is refused before.
pub(crate) fn print(out: &mut impl Write, style: super::Style, shown: &Shown) -> io::Result<()> {
    if let Some(view) = &shown.parallel {
        match style {
            super::Style::Markdown => return super::parallel::markdown(out, shown, view),
            super::Style::Text { color } => {
                let width = super::parallel::terminal_width();
                return super::parallel::text(out, shown, view, color, width);
            }
            super::Style::Json | super::Style::Tsv => {}
        }
    }
    match style {
        super::Style::Json => super::json::shown(out, shown),
        super::Style::Markdown => markdown(out, shown),
        super::Style::Text { color } => text(out, shown, color),
        super::Style::Tsv => text(out, shown, false),
    }
}

/// Groups passages into runs of one turn (consecutive ordinals of the same turn).
fn turns(passages: &[ShownPassage]) -> Vec<&[ShownPassage]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=passages.len() {
        let split = i == passages.len() || {
            let (p, before) = (&passages[i].passage, &passages[i - 1].passage);
            p.turn != before.turn || p.kind != before.kind || p.ordinal != before.ordinal + 1
        };
        if split {
            out.push(&passages[start..i]);
            start = i;
        }
    }
    out
}

pub(crate) fn text(out: &mut impl Write, shown: &Shown, color: bool) -> io::Result<()> {
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
    let Some(head) = shown.passages.first().map(|s| &s.passage) else {
        return Ok(());
    };
    writeln!(out, "{}", paint(bold, &for_terminal(&head.title)))?;
    let date = head
        .date
        .map_or_else(|| "(no date)".to_string(), |d| d.to_string());
    writeln!(
        out,
        "{}",
        paint(
            dim,
            &format!("{date} · {} · {}", head.lang, for_terminal(&head.source))
        )
    )?;
    if let Some(url) = &head.source_url {
        writeln!(out, "{}", paint(dim, &for_terminal(url)))?;
    }
    let mut previous: Option<u64> = None;
    for run in turns(&shown.passages) {
        let first = &run[0].passage;
        if previous.is_some_and(|p| first.ordinal > p + 1)
            || (previous.is_none() && first.ordinal > 1 && shown.focus.is_some())
        {
            writeln!(out, "\n    …")?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{} {}",
            paint(bold, &for_terminal(&first.who_heading())),
            paint(dim, &format!("[{}]", first.kind))
        )?;
        for shown_passage in run {
            let p = &shown_passage.passage;
            let focus = shown_passage.relation == Some(Relation::Focus);
            let marker = if focus { "▶ " } else { "  " };
            let body = for_terminal(&p.text);
            let body = if focus {
                paint(focus_style, &body)
            } else {
                body.into_owned()
            };
            writeln!(out, "{marker}{body}")?;
            writeln!(out, "{}", paint(dim, &format!("  {}", for_terminal(&p.id))))?;
        }
        previous = run.last().map(|p| p.passage.ordinal);
    }
    Ok(())
}

pub(crate) fn markdown(out: &mut impl Write, shown: &Shown) -> io::Result<()> {
    let Some(head) = shown.passages.first().map(|s| &s.passage) else {
        return Ok(());
    };
    writeln!(out, "# {}\n", md(&head.title))?;
    let date = head
        .date
        .map_or_else(|| "no date".to_string(), |d| d.to_string());
    match &head.source_url {
        Some(url) => writeln!(out, "*{date}* · [{}]({url})", md(&head.source))?,
        None => writeln!(out, "*{date}* · `{}`", head.source.replace('`', "'"))?,
    }
    let mut previous: Option<u64> = None;
    for run in turns(&shown.passages) {
        let first = &run[0].passage;
        if previous.is_some_and(|p| first.ordinal > p + 1)
            || (previous.is_none() && first.ordinal > 1 && shown.focus.is_some())
        {
            writeln!(out, "\n…")?;
        }
        writeln!(
            out,
            "\n**{}** ({}):\n",
            md(&first.who_heading()),
            first.kind
        )?;
        for p in run {
            if p.relation == Some(Relation::Focus) {
                writeln!(out, "> {}\n", md(&p.passage.text))?;
            } else {
                writeln!(out, "{}\n", md(&p.passage.text))?;
            }
        }
        previous = run.last().map(|p| p.passage.ordinal);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Kind;
    use crate::search::passage::tests::passage;

    fn shown_passage(
        ordinal: u64,
        turn: u64,
        kind: Kind,
        speaker: Option<&str>,
        relation: Option<Relation>,
    ) -> ShownPassage {
        let mut passage = passage(ordinal, kind, speaker);
        passage.turn = turn;
        passage.title = "Briefing *one*".into();
        passage.date = crate::date::Date::new(2024, 3, 12);
        ShownPassage {
            passage,
            relation,
            counterpart: None,
        }
    }

    fn shown() -> Shown {
        Shown {
            focus: Some("b#5".into()),
            passages: vec![
                shown_passage(2, 1, Kind::Question, None, Some(Relation::Question)),
                shown_passage(
                    4,
                    2,
                    Kind::Answer,
                    Some("Zhou Lan"),
                    Some(Relation::Context),
                ),
                shown_passage(5, 2, Kind::Answer, Some("Zhou Lan"), Some(Relation::Focus)),
            ],
            parallel: None,
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

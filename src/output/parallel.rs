//! The two versions of a parallel briefing for people (`show --parallel`): in text, side by
//! side in two columns when the terminal is wide enough, else each turn followed by the turn
//! of the other version aligned with it; in Markdown, always the latter.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar;

use super::sanitize::{for_terminal, md};
use super::table;
use crate::search::show::{ParallelView, Relation, Shown, ShownPassage};

/// Narrower than this, two columns would hold too few words a line: turns alternate instead.
const MIN_COLUMNS_WIDTH: usize = 90;
/// The width assumed when neither the terminal nor `COLUMNS` says.
const DEFAULT_WIDTH: usize = 100;
const SEPARATOR: &str = " │ ";
/// Display cells of [`SEPARATOR`].
const SEPARATOR_CELLS: usize = 3;

/// The width to fit: `COLUMNS` if set, else the terminal's, else 100 cells.
pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(DEFAULT_WIDTH)
}

/// One line of a column, and how to paint it.
struct Line {
    text: String,
    style: Style,
}

struct Paint {
    color: bool,
}

impl Paint {
    fn apply(&self, line: &Line) -> String {
        if self.color && line.style != Style::new() {
            format!(
                "{}{}{}",
                line.style.render(),
                line.text,
                line.style.render_reset()
            )
        } else {
            line.text.clone()
        }
    }
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const FOCUS: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));

/// Text for people, fitted to `width` cells.
pub(crate) fn text(
    out: &mut impl Write,
    shown: &Shown,
    view: &ParallelView,
    color: bool,
    width: usize,
) -> io::Result<()> {
    let paint = Paint { color };
    let (Some(left), Some(right)) = (shown.passages.first(), view.passages.first()) else {
        return Ok(());
    };
    let two_columns = width >= MIN_COLUMNS_WIDTH;
    let column = if two_columns {
        (width - SEPARATOR_CELLS) / 2
    } else {
        width.max(20)
    };
    // The title, then the date, language and file, each block level with its twin.
    let heading = |s: &ShownPassage, cells: usize| -> [Vec<Line>; 2] {
        let p = &s.passage;
        let title = wrap(&for_terminal(&p.title), cells)
            .into_iter()
            .map(|text| Line { text, style: BOLD })
            .collect();
        let date = p
            .date
            .map_or_else(|| "(no date)".to_string(), |d| d.to_string());
        let meta = format!("{date} · {} · {}", p.lang, for_terminal(&p.source));
        let meta = wrap(&meta, cells)
            .into_iter()
            .map(|text| Line { text, style: DIM })
            .collect();
        [title, meta]
    };
    if two_columns {
        let [left_title, left_meta] = heading(left, column);
        let [right_title, right_meta] = heading(right, column);
        columns(out, &paint, left_title, right_title, column)?;
        columns(out, &paint, left_meta, right_meta, column)?;
    } else {
        for line in heading(left, column).into_iter().flatten() {
            writeln!(out, "{}", paint.apply(&line))?;
        }
        for line in heading(right, column.saturating_sub(4))
            .into_iter()
            .flatten()
        {
            writeln!(out, "    {}", paint.apply(&line))?;
        }
    }
    for (left, right) in &view.rows {
        let left: Vec<&ShownPassage> = left.iter().map(|&i| &shown.passages[i]).collect();
        let right: Vec<&ShownPassage> = right.iter().map(|&j| &view.passages[j]).collect();
        writeln!(out)?;
        if two_columns {
            columns(
                out,
                &paint,
                cell(&left, column),
                cell(&right, column),
                column,
            )?;
        } else {
            for line in cell(&left, column) {
                writeln!(out, "{}", paint.apply(&line))?;
            }
            for (k, line) in cell(&right, column.saturating_sub(4)).iter().enumerate() {
                let lead = if k == 0 { "  ⇄ " } else { "    " };
                writeln!(out, "{lead}{}", paint.apply(line))?;
            }
        }
    }
    Ok(())
}

/// Two columns of lines, the left padded to `column` cells.
fn columns(
    out: &mut impl Write,
    paint: &Paint,
    left: Vec<Line>,
    right: Vec<Line>,
    column: usize,
) -> io::Result<()> {
    let rows = left.len().max(right.len());
    let blank = || Line {
        text: String::new(),
        style: Style::new(),
    };
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    for _ in 0..rows {
        let l = left.next().unwrap_or_else(blank);
        let r = right.next().unwrap_or_else(blank);
        let pad = " ".repeat(column.saturating_sub(table::width(&l.text)));
        let line = format!("{}{pad}{SEPARATOR}{}", paint.apply(&l), paint.apply(&r));
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The lines of one turn's passages in a column of `cells`: who speaks, each paragraph
/// (`▶` marks the passage asked for and its counterpart), each passage's id.
fn cell(passages: &[&ShownPassage], cells: usize) -> Vec<Line> {
    let Some(first) = passages.first() else {
        return Vec::new();
    };
    let inner = cells.saturating_sub(2).max(10);
    let mut lines = vec![Line {
        text: table::pad(
            &format!(
                "{} [{}]",
                for_terminal(&first.passage.who_heading()),
                first.passage.kind
            ),
            cells,
        )
        .trim_end()
        .to_string(),
        style: BOLD,
    }];
    for s in passages {
        let focus = s.relation == Some(Relation::Focus);
        for (k, text) in wrap(&for_terminal(&s.passage.text), inner)
            .into_iter()
            .enumerate()
        {
            let marker = if focus && k == 0 { "▶ " } else { "  " };
            lines.push(Line {
                text: format!("{marker}{text}"),
                style: if focus { FOCUS } else { Style::new() },
            });
        }
        lines.push(Line {
            text: format!(
                "  {}",
                table::pad(&for_terminal(&s.passage.id), inner).trim_end()
            ),
            style: DIM,
        });
    }
    lines
}

/// `text` in lines of at most `cells` display cells: Latin-script words kept whole (unless
/// longer than a line), Chinese broken between any two characters.
fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(4);
    let wide = |c: char| c.width().unwrap_or(0) == 2;
    // Atoms: a wide (Chinese) character, or a run of other characters between spaces; each
    // with whether a space precedes it.
    let mut atoms: Vec<(String, bool)> = Vec::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        match atoms.last_mut() {
            Some((atom, _)) if !space && !wide(c) && !atom.ends_with(wide) => atom.push(c),
            _ => atoms.push((c.to_string(), space)),
        }
        space = false;
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for (atom, spaced) in atoms {
        let w = table::width(&atom);
        let gap = usize::from(spaced && !line.is_empty());
        if !line.is_empty() && used + gap + w > cells {
            lines.push(std::mem::take(&mut line));
            used = 0;
        } else if gap == 1 {
            line.push(' ');
            used += 1;
        }
        if w <= cells {
            line.push_str(&atom);
            used += w;
            continue;
        }
        // A word longer than a line is cut.
        for c in atom.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > cells && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Markdown: the headings of both versions, then each turn followed by the turn of the other
/// version aligned with it, rows separated by rules.
pub(crate) fn markdown(out: &mut impl Write, shown: &Shown, view: &ParallelView) -> io::Result<()> {
    let (Some(left), Some(right)) = (shown.passages.first(), view.passages.first()) else {
        return Ok(());
    };
    for s in [left, right] {
        let p = &s.passage;
        let date = p
            .date
            .map_or_else(|| "no date".to_string(), |d| d.to_string());
        writeln!(out, "# {}\n", md(&p.title))?;
        match &p.source_url {
            Some(url) => writeln!(out, "*{date}* · {} · [{}]({url})\n", p.lang, md(&p.source))?,
            None => writeln!(
                out,
                "*{date}* · {} · `{}`\n",
                p.lang,
                p.source.replace('`', "'")
            )?,
        }
    }
    for (k, (left, right)) in view.rows.iter().enumerate() {
        if k > 0 {
            writeln!(out, "---\n")?;
        }
        let left: Vec<&ShownPassage> = left.iter().map(|&i| &shown.passages[i]).collect();
        let right: Vec<&ShownPassage> = right.iter().map(|&j| &view.passages[j]).collect();
        for turn in [left, right] {
            let Some(first) = turn.first() else {
                continue;
            };
            writeln!(
                out,
                "**{}** ({}, {}):\n",
                md(&first.passage.who_heading()),
                first.passage.kind,
                first.passage.lang
            )?;
            for s in turn {
                if s.relation == Some(Relation::Focus) {
                    writeln!(out, "> {}\n", md(&s.passage.text))?;
                } else {
                    writeln!(out, "{}\n", md(&s.passage.text))?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_wrap_keeps_words_and_breaks_chinese_anywhere() {
        assert_eq!(
            wrap("The two sides will sign documents", 12),
            ["The two", "sides will", "sign", "documents"]
        );
        assert_eq!(
            wrap("我们欢迎此访，期待成果。", 10),
            ["我们欢迎此", "访，期待成", "果。"]
        );
        assert_eq!(wrap("中方同DeepSeek合作", 40), ["中方同DeepSeek合作"]);
        assert_eq!(
            wrap("a supercalifragilistic word", 8),
            ["a", "supercal", "ifragili", "stic", "word"]
        );
    }
}

//! Aligned tables for people, with proportional bars: facet counts and speaker lists.
//! Column widths count display cells, so Chinese names line up with Latin ones.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::sanitize::for_terminal;

/// Width of the longest bar, in cells.
const BAR_WIDTH: usize = 30;

/// Display width of `s` on a terminal.
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to `cells` display cells (or cut, with "…", if wider).
pub(crate) fn pad(s: &str, cells: usize) -> String {
    let w = width(s);
    if w <= cells {
        return format!("{s}{}", " ".repeat(cells - w));
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
        if used + cw + 1 > cells {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    used += 1;
    format!("{out}{}", " ".repeat(cells.saturating_sub(used)))
}

/// `s` padded to `cells` display cells, or whole if wider.
pub(crate) fn pad_or_overflow(s: &str, cells: usize) -> String {
    if width(s) >= cells {
        s.to_string()
    } else {
        pad(s, cells)
    }
}

/// A bar of `value` against `max`, in eighths of a cell.
pub(crate) fn bar(value: usize, max: usize, cells: usize) -> String {
    if max == 0 || value == 0 {
        return String::new();
    }
    let eighths = (value * cells * 8).div_ceil(max).max(1);
    let mut s = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[eighths % 8]);
    s
}

/// Widest label column; wider labels move to the end of the line.
const MAX_LABEL_CELLS: usize = 40;

/// Writes `rows` of (label, count) as an aligned table with bars and shares of `total`.
/// Labels are never cut, since people copy them (a briefing id into `show`, an outlet into
/// `--outlet`): when one is wider than 40 cells, the labels go last, after the bars.
pub(crate) fn counts(
    out: &mut impl Write,
    heading: &str,
    rows: &[(String, usize)],
    total: usize,
) -> io::Result<()> {
    let labels: Vec<String> = rows
        .iter()
        .map(|(l, _)| for_terminal(l).into_owned())
        .collect();
    let widest = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    let label_width = widest.max(width(heading));
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let count_width = max.to_string().len().max(5);
    let share = |n: usize| {
        if total > 0 {
            100.0 * n as f64 / total as f64
        } else {
            0.0
        }
    };
    if widest > MAX_LABEL_CELLS {
        writeln!(
            out,
            "{:>count_width$}  {:>6}  {:BAR_WIDTH$}  {heading}",
            "count", "share", ""
        )?;
        for (label, (_, n)) in labels.iter().zip(rows) {
            writeln!(
                out,
                "{n:>count_width$}  {:>5.1}%  {:<BAR_WIDTH$}  {label}",
                share(*n),
                bar(*n, max, BAR_WIDTH)
            )?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "{}  {:>count_width$}  {:>6}",
        pad(heading, label_width),
        "count",
        "share"
    )?;
    for (label, (_, n)) in labels.iter().zip(rows) {
        writeln!(
            out,
            "{}  {n:>count_width$}  {:>5.1}%  {}",
            pad(label, label_width),
            share(*n),
            bar(*n, max, BAR_WIDTH)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_padding_counts_display_cells() {
        assert_eq!(pad("毛宁", 6), "毛宁  ");
        assert_eq!(pad("Kirby", 6), "Kirby ");
        assert_eq!(width(&pad("国家知识产权局知识产权保护司", 10)), 10);
    }

    #[test]
    fn test_bars_are_proportional() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 1000, 4), "▏");
        assert_eq!(bar(0, 10, 4), "");
    }

    #[test]
    fn test_count_table_aligns_chinese_and_latin() {
        let mut out = Vec::new();
        let rows = vec![("毛宁".to_string(), 30), ("Kirby".to_string(), 10)];
        counts(&mut out, "speaker", &rows, 40).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "speaker  count   share");
        assert_eq!(
            lines[1],
            format!("毛宁        30   75.0%  {}", "█".repeat(30))
        );
        assert_eq!(
            lines[2],
            format!("Kirby       10   25.0%  {}", "█".repeat(10))
        );
    }

    #[test]
    fn test_pad_or_overflow_keeps_a_long_name_whole() {
        assert_eq!(pad_or_overflow("毛宁", 6), "毛宁  ");
        let long = "Deputy Director General Lin Qiao of the Customs Office";
        assert_eq!(pad_or_overflow(long, 30), long);
    }

    #[test]
    fn test_long_labels_are_never_cut_and_go_last() {
        let long = "corpus/zh/2022-01-20-国家知识产权局新闻发布会.txt".to_string();
        let mut out = Vec::new();
        let rows = vec![(long.clone(), 12), ("short".to_string(), 3)];
        counts(&mut out, "briefing", &rows, 15).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("count   share") && lines[0].ends_with("  briefing"));
        assert!(lines[1].ends_with(&format!("  {long}")), "{text}");
        assert!(lines[1].starts_with("   12   80.0%  "), "{text}");
        assert!(!text.contains('…'));
    }
}

//! Text output for people: rank, date, who spoke (and in what role), the briefing, and a
//! snippet with the matches highlighted: in colour on a terminal, else between ⟦ and ⟧, which
//! transcripts never use (their own brackets say `[inaudible]` or `【纠错】`).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::round4;
use super::sanitize::for_terminal;
use crate::search::StoredPassage;
use crate::search::UnitSummary;
use crate::search::hit::{Explanation, Via};
use crate::search::query::syntax::{Equivalence, Variant};
use crate::search::{Duplicate, Hit};

/// Marks around a match in plain text: mathematical white square brackets, found in no
/// transcript, so that `[inaudible]` or a quoted `[sic]` is never taken for a match.
const MARK_OPEN: char = '⟦';
const MARK_CLOSE: char = '⟧';

/// Longest role shown in text output, in characters.
const MAX_ROLE_CHARS: usize = 70;

pub(crate) struct TextPrinter<W: Write> {
    out: W,
    color: bool,
    printed: usize,
    /// A hit with only some of the query's words was printed (and the line before it).
    partial: bool,
    /// An answer found through its question was printed (and the line before it).
    through_question: bool,
    /// The briefing group of the last hit (`--group briefing`).
    group: Option<usize>,
}

struct Styles {
    rank: Style,
    date: Style,
    speaker: Style,
    dim: Style,
    title: Style,
    matched: Style,
}

const STYLES: Styles = Styles {
    rank: Style::new().bold(),
    date: Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green))),
    speaker: Style::new().bold(),
    dim: Style::new().dimmed(),
    title: Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan))),
    matched: Style::new()
        .bold()
        .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red))),
};

impl<W: Write> TextPrinter<W> {
    pub(crate) fn new(out: W, color: bool) -> TextPrinter<W> {
        TextPrinter {
            out,
            color,
            printed: 0,
            partial: false,
            through_question: false,
            group: None,
        }
    }

    fn styled(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{}{}", style.render(), text, style.render_reset())
        } else {
            text.to_string()
        }
    }

    pub(crate) fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        if self.printed > 0 {
            writeln!(self.out)?;
        }
        self.printed += 1;
        if hit.via == Some(Via::Question) && !self.through_question {
            self.through_question = true;
            let line = "── answers to questions with these words ──";
            writeln!(self.out, "    {}\n", self.styled(STYLES.dim, line))?;
        }
        if hit.partial && !self.partial {
            self.partial = true;
            let line = "── passages with only some of the words ──";
            writeln!(self.out, "    {}\n", self.styled(STYLES.dim, line))?;
        }
        let p = &hit.passage;
        let date = p
            .date
            .map_or_else(|| "(no date)".to_string(), |d| d.to_string());
        if hit.group.is_some() && hit.group != self.group {
            self.group = hit.group;
            let header = format!(
                "{}. {} · {date}",
                hit.group.unwrap_or(0),
                for_terminal(&p.title)
            );
            writeln!(self.out, "{}", self.styled(STYLES.title.bold(), &header))?;
        }
        let rank = self.styled(STYLES.rank, &format!("{:>2}.", hit.rank));
        let date = self.styled(STYLES.date, &date);
        let who = self.styled(STYLES.speaker, &for_terminal(&p.who()));
        let role = match (&p.role, p.speaker.is_some()) {
            (Some(role), true) => format!(", {}", for_terminal(&shorten(role, MAX_ROLE_CHARS))),
            _ => String::new(),
        };
        let translated = match hit.via {
            Some(Via::Translation) => " · through the translation",
            Some(Via::Counterpart) => " · through its counterpart",
            _ => "",
        };
        let meta = self.styled(
            STYLES.dim,
            &format!(
                "{} · score {:.2}{translated}",
                p.kind,
                round4(f64::from(hit.score))
            ),
        );
        writeln!(self.out, "{rank} {date}  {who}{role}  {meta}")?;
        if hit.group.is_none() {
            let title = self.styled(STYLES.title, &for_terminal(&p.title));
            writeln!(self.out, "    {title}")?;
        }
        writeln!(
            self.out,
            "    {}",
            self.highlighted(&hit.snippet, &hit.snippet_highlights)
        )?;
        if let Some(why) = &hit.explain {
            writeln!(self.out, "    {}", self.styled(STYLES.dim, &why_line(why)))?;
        }
        if let Some(question) = &hit.question_snippet {
            let asked = self.highlighted(&question.text, &question.highlights);
            writeln!(
                self.out,
                "    {} {asked}",
                self.styled(STYLES.dim, "↳ asked:")
            )?;
        }
        let id = self.styled(STYLES.dim, &for_terminal(&p.id));
        writeln!(self.out, "    {id}")?;
        if let Some(other) = &hit.counterpart {
            self.counterpart(other, hit.snippet.chars().count().max(80))?;
        }
        if !hit.duplicates.is_empty() {
            let more = self.styled(STYLES.dim, &more_like_this(&hit.duplicates));
            writeln!(self.out, "    {more}")?;
        }
        Ok(())
    }

    /// The same passage in the other language (`--parallel`): who said it, its opening, its id.
    fn counterpart(&mut self, other: &StoredPassage, chars: usize) -> io::Result<()> {
        let who = self.styled(STYLES.speaker, &for_terminal(&other.who()));
        let opening = shorten(&other.text.replace('\n', " "), chars);
        writeln!(
            self.out,
            "    ⇄ {} {who}: {}",
            self.styled(STYLES.dim, other.lang.as_str()),
            for_terminal(&opening)
        )?;
        let id = self.styled(STYLES.dim, &for_terminal(&other.id));
        writeln!(self.out, "      {id}")
    }

    fn highlighted(&self, text: &str, ranges: &[[usize; 2]]) -> String {
        let mut out = String::with_capacity(text.len() + ranges.len() * 12);
        let mut at = 0;
        for [from, to] in merge_across_spaces(text, ranges) {
            if from < at
                || to > text.len()
                || !text.is_char_boundary(from)
                || !text.is_char_boundary(to)
            {
                continue;
            }
            out.push_str(&for_terminal(&text[at..from]));
            let matched = for_terminal(&text[from..to]);
            if self.color {
                out.push_str(&self.styled(STYLES.matched, &matched));
            } else {
                out.push(MARK_OPEN);
                out.push_str(&matched);
                out.push(MARK_CLOSE);
            }
            at = to;
        }
        out.push_str(&for_terminal(&text[at..]));
        out.replace('\n', " ")
    }

    pub(crate) fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Dates of near-duplicates listed after "+N more like this", at most.
const MAX_DUPLICATE_DATES: usize = 5;

/// "+3 more like this (2022-07-19, 2022-07-20, 2023-01-05)": the near-duplicates folded into a
/// hit, by their distinct dates (they are in date order).
fn more_like_this(duplicates: &[Duplicate]) -> String {
    let mut dates: Vec<String> = Vec::new();
    for d in duplicates {
        let date = d
            .date
            .map_or_else(|| "no date".to_string(), |d| d.to_string());
        if !dates.contains(&date) {
            dates.push(date);
        }
    }
    let shown = dates.len().min(MAX_DUPLICATE_DATES);
    let more = if dates.len() > shown { ", …" } else { "" };
    format!(
        "+{} more like this ({}{more})",
        duplicates.len(),
        dates[..shown].join(", ")
    )
}

/// A hit's score by part: `rcep 5.12 + 关税 3.40 + title 0.31 = 8.83 × length 0.95`.
fn why_line(why: &Explanation) -> String {
    let parts: Vec<String> = why
        .units
        .iter()
        .map(|(unit, score)| format!("{} {score:.2}", for_terminal(unit)))
        .chain(
            why.boosts
                .iter()
                .filter(|(_, score)| *score > 0.0)
                .map(|(name, score)| format!("{name} {score:.2}")),
        )
        .collect();
    let sum: f32 =
        why.units.iter().map(|u| u.1).sum::<f32>() + why.boosts.iter().map(|b| b.1).sum::<f32>();
    let prior = if why.length_prior < 1.0 {
        format!(" × length {:.2}", why.length_prior)
    } else {
        String::new()
    };
    format!("why: {} = {sum:.2}{prior}", parts.join(" + "))
}

/// How the query was analysed, one line per unit (`--explain`).
pub(crate) fn analysis(out: &mut impl Write, units: &[UnitSummary], color: bool) -> io::Result<()> {
    let dim = |s: String| {
        if color {
            format!("{}{s}{}", STYLES.dim.render(), STYLES.dim.render_reset())
        } else {
            s
        }
    };
    writeln!(out, "{}", dim("query, unit by unit:".to_string()))?;
    for u in units {
        let mut line = format!("  {}: words {}", for_terminal(&u.typed), u.words.join(" "));
        if !u.bigrams.is_empty() {
            line.push_str(&format!("; sub-words {}", u.bigrams.join(" ")));
        }
        for (kind, name) in [
            (Equivalence::Synonym, "other names"),
            (Equivalence::Translation, "translations"),
        ] {
            let of_kind: Vec<String> = u
                .alternatives
                .iter()
                .filter(|a| a.equivalence == kind)
                .map(|a| format!("{} ({:.2})", for_terminal(&a.text), a.weight))
                .collect();
            if !of_kind.is_empty() {
                line.push_str(&format!("; {name} {}", of_kind.join(", ")));
            }
        }
        if let Some(of) = &u.variants {
            line.push_str(&variants(of));
        }
        writeln!(out, "{}", dim(line))?;
    }
    writeln!(out)
}

/// Most words of a prefix or fuzzy word shown by `--explain`.
const SHOWN_VARIANTS: usize = 20;

/// The words a prefix or fuzzy word stands for, with their passages: `; stands for taiwan
/// (5120), taiwanese (311)`.
fn variants(variants: &[Variant]) -> String {
    if variants.is_empty() {
        return "; stands for no word of the index".to_string();
    }
    let shown: Vec<String> = variants
        .iter()
        .take(SHOWN_VARIANTS)
        .map(|v| format!("{} ({})", for_terminal(&v.surface), v.passages))
        .collect();
    let more = variants.len().saturating_sub(SHOWN_VARIANTS);
    let rest = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("; stands for {}{rest}", shown.join(", "))
}

/// Matches separated only by spaces are shown as one: "⟦bonded logistics park⟧".
fn merge_across_spaces(text: &str, ranges: &[[usize; 2]]) -> Vec<[usize; 2]> {
    let mut merged: Vec<[usize; 2]> = Vec::with_capacity(ranges.len());
    for &r in ranges {
        match merged.last_mut() {
            Some(last)
                if r[0] >= last[1]
                    && text
                        .get(last[1]..r[0])
                        .is_some_and(|gap| gap.chars().all(|c| c == ' ')) =>
            {
                last[1] = r[1]
            }
            _ => merged.push(r),
        }
    }
    merged
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Kind;
    use crate::search::hit::tests::hit_of;
    use crate::search::passage::tests::passage;

    fn hit() -> Hit {
        let mut passage = passage(3, Kind::Answer, Some("Lin Qiao"));
        passage.role = Some("Deputy Director General".into());
        passage.text = "We apply RCEP rules.".into();
        Hit {
            snippet: "We apply RCEP rules.".into(),
            highlights: vec![[9, 13]],
            snippet_highlights: vec![[9, 13]],
            ..hit_of(passage)
        }
    }

    fn render(hit: &Hit, color: bool) -> String {
        let mut out = Vec::new();
        let mut p = TextPrinter::new(&mut out, color);
        p.hit(hit).expect("write");
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn test_plain_text_marks_matches_with_white_square_brackets() {
        let text = render(&hit(), false);
        assert!(
            text.contains("2023-04-18  Lin Qiao, Deputy Director General  answer · score 2.50"),
            "{text}"
        );
        assert!(text.contains("We apply ⟦RCEP⟧ rules."), "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn test_adjacent_matches_are_marked_as_one() {
        let mut h = hit();
        h.snippet = "the bonded logistics park".into();
        h.snippet_highlights = vec![[4, 10], [11, 20], [21, 25]];
        assert!(render(&h, false).contains("the ⟦bonded logistics park⟧"));
    }

    #[test]
    fn test_transcript_brackets_are_not_taken_for_highlights() {
        let mut h = hit();
        h.snippet = "[inaudible] RCEP".into();
        h.snippet_highlights = vec![[12, 16]];
        assert!(render(&h, false).contains("[inaudible] ⟦RCEP⟧"));
    }

    #[test]
    fn test_colour_uses_escape_codes_only_when_asked() {
        assert!(render(&hit(), true).contains('\u{1b}'));
    }

    #[test]
    fn test_corpus_text_cannot_reach_the_terminal_raw() {
        let mut h = hit();
        h.passage.title = "evil \u{1b}[2J title".into();
        h.snippet = "clear \u{1b}[2J screen".into();
        h.snippet_highlights.clear();
        let text = render(&h, true);
        assert!(!text.contains("\u{1b}[2J"), "{text}");
        assert!(text.contains("\\u{1b}[2J"));
    }

    #[test]
    fn test_partial_hits_come_under_a_line_said_once() {
        let mut a = hit();
        a.rank = 1;
        let mut b = hit();
        b.rank = 2;
        b.partial = true;
        let mut c = b.clone();
        c.rank = 3;
        let mut out = Vec::new();
        let mut printer = TextPrinter::new(&mut out, false);
        for h in [&a, &b, &c] {
            printer.hit(h).expect("write");
        }
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text.matches("only some of the words").count(), 1);
        let line = text.find("only some of the words").expect("line");
        assert!(text.find(" 1. ").expect("hit 1") < line);
        assert!(line < text.find(" 2. ").expect("hit 2"));
    }

    #[test]
    fn test_counterpart_is_shown_under_the_hit() {
        let mut h = hit();
        let mut other = passage(4, Kind::Answer, Some("林桥"));
        other.lang = crate::briefing::Lang::Zh;
        other.id = "zh#4".into();
        other.text = "我们适用RCEP规则。".into();
        h.counterpart = Some(other);
        let text = render(&h, false);
        assert!(
            text.contains("    b#3\n    ⇄ zh 林桥: 我们适用RCEP规则。\n      zh#4\n"),
            "{text}"
        );
    }

    #[test]
    fn test_folded_duplicates_are_counted_with_their_dates() {
        let dup = |id: &str, date: Option<(i32, u32, u32)>| Duplicate {
            id: id.into(),
            date: date.and_then(|(y, m, d)| crate::date::Date::new(y, m, d)),
        };
        let mut h = hit();
        assert!(!render(&h, false).contains("more like this"));
        h.duplicates = vec![
            dup("a#1", Some((2022, 7, 20))),
            dup("b#2", Some((2022, 7, 20))),
            dup("c#3", Some((2023, 1, 5))),
            dup("d#4", None),
        ];
        let text = render(&h, false);
        assert!(
            text.ends_with("b#3\n    +4 more like this (2022-07-20, 2023-01-05, no date)\n"),
            "{text}"
        );
        h.duplicates = (1..=7)
            .map(|d| dup(&format!("x#{d}"), Some((2024, 1, d))))
            .collect();
        assert!(render(&h, false).contains(
            "+7 more like this (2024-01-01, 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, …)"
        ));
    }

    #[test]
    fn test_unnamed_reporter_is_shown_by_outlet() {
        let mut h = hit();
        h.passage.speaker = None;
        h.passage.role = None;
        h.passage.outlet = Some("China News Agency".into());
        h.passage.kind = Kind::Question;
        assert!(render(&h, false).contains("Reporter, China News Agency"));
    }
}

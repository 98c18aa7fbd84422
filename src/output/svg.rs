//! A trend as an SVG bar chart, fit to paste into a report: title, subtitle, y axis with
//! round ticks and grid lines, dated x axis, a bar per bucket with its count. Written by hand:
//! a few primitives need no charting library.

use std::fmt::Write;

use super::plural;
use crate::search::trend::{Bucket, Trend};

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 480.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 80.0;
const BOTTOM: f64 = 90.0;
const BAR_COLOR: &str = "#3b6ea5";

/// The plotting area, and the top and tick step of its y axis.
struct Plot {
    width: f64,
    height: f64,
    step: f64,
    top: f64,
}

impl Plot {
    fn new(max: f64, whole: bool) -> Plot {
        let (step, top) = nice_axis(max, whole);
        Plot {
            width: WIDTH - LEFT - RIGHT,
            height: HEIGHT - TOP - BOTTOM,
            step,
            top,
        }
    }

    /// The y coordinate of the value `v`.
    fn y(&self, v: f64) -> f64 {
        TOP + self.height
            - if self.top > 0.0 {
                v / self.top * self.height
            } else {
                0.0
            }
    }
}

/// What the bars measure: matching passages, or passages per `per` passages of the period.
struct Measure {
    per: Option<u32>,
}

impl Measure {
    fn value(&self, b: &Bucket) -> f64 {
        match self.per {
            Some(per) => b.rate(per).unwrap_or(0.0),
            None => b.passages as f64,
        }
    }

    fn axis_title(&self) -> String {
        match self.per {
            Some(per) => format!("passages per {per}"),
            None => "passages".to_string(),
        }
    }

    /// The number written over a bar.
    fn label(&self, b: &Bucket) -> String {
        match self.per {
            Some(_) => format!("{:.1}", self.value(b)),
            None => b.passages.to_string(),
        }
    }

    /// The tooltip of a bar.
    fn tooltip(&self, b: &Bucket) -> String {
        let counts = format!(
            "{}, {}",
            plural(b.passages, "passage", "passages"),
            plural(b.briefings, "briefing", "briefings")
        );
        match (self.per, b.period_passages) {
            (Some(per), Some(all)) => format!(
                "{}: {:.1} per {per} passages ({counts} of {all})",
                b.label,
                self.value(b)
            ),
            _ => format!("{}: {counts}", b.label),
        }
    }
}

/// The SVG document for `trend`, titled `title`; bars show rates per `per` passages of each
/// period when `per` is given, else counts.
pub(crate) fn trend(trend: &Trend, per: Option<u32>, title: &str, subtitle: &str) -> String {
    let measure = Measure { per };
    let max = trend
        .buckets
        .iter()
        .map(|b| measure.value(b))
        .fold(0.0, f64::max);
    let plot = Plot::new(max, per.is_none());
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, 'Noto Sans CJK SC', 'PingFang SC', sans-serif">"#
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="34" font-size="20" font-weight="bold" fill="#222">{}</text>"##,
        xml(title)
    );
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="58" font-size="13" fill="#555">{}</text>"##,
        xml(subtitle)
    );
    y_axis(&mut s, &plot, &measure.axis_title());
    bars(&mut s, &plot, trend, &measure);
    s.push_str("</svg>\n");
    s
}

/// Grid lines, round ticks and the axis title.
fn y_axis(s: &mut String, plot: &Plot, title: &str) {
    let mut tick = 0.0;
    while tick <= plot.top + 1e-9 {
        let ty = plot.y(tick);
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="{}" stroke-width="1"/>"##,
            WIDTH - RIGHT,
            if tick == 0.0 { "#444" } else { "#e3e3e3" }
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#444" text-anchor="end">{}</text>"##,
            LEFT - 8.0,
            ty + 4.0,
            tick_label(tick, plot.step)
        );
        tick += plot.step;
    }
    let _ = writeln!(
        s,
        r##"<text transform="translate(18 {:.1}) rotate(-90)" font-size="13" fill="#444" text-anchor="middle">{}</text>"##,
        TOP + plot.height / 2.0,
        xml(title)
    );
}

/// Bars, their counts, and x labels (thinned so they never overlap).
fn bars(s: &mut String, plot: &Plot, trend: &Trend, measure: &Measure) {
    let n = trend.buckets.len().max(1);
    let slot = plot.width / n as f64;
    let bar_w = (slot * 0.8).max(1.0);
    let label_every = (n as f64 / (plot.width / 28.0)).ceil().max(1.0) as usize;
    let rotate = trend.buckets.iter().any(|b| b.label.len() > 4) && n > 12;
    for (i, b) in trend.buckets.iter().enumerate() {
        let x = LEFT + i as f64 * slot + (slot - bar_w) / 2.0;
        let top_y = plot.y(measure.value(b));
        if b.passages > 0 {
            let _ = writeln!(
                s,
                r#"<rect x="{x:.1}" y="{top_y:.1}" width="{bar_w:.1}" height="{:.1}" fill="{BAR_COLOR}"><title>{}</title></rect>"#,
                TOP + plot.height - top_y,
                xml(&measure.tooltip(b)),
            );
            if n <= 40 {
                let _ = writeln!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#333" text-anchor="middle">{}</text>"##,
                    x + bar_w / 2.0,
                    top_y - 4.0,
                    measure.label(b)
                );
            }
        }
        if i % label_every == 0 {
            let (lx, ly) = (x + bar_w / 2.0, TOP + plot.height + 18.0);
            let place = if rotate {
                format!(
                    r##"transform="translate({lx:.1} {ly:.1}) rotate(-45)" font-size="11" fill="#444" text-anchor="end""##
                )
            } else {
                format!(
                    r##"x="{lx:.1}" y="{ly:.1}" font-size="11" fill="#444" text-anchor="middle""##
                )
            };
            let _ = writeln!(s, "<text {place}>{}</text>", xml(&b.label));
        }
    }
}

/// A round tick step (1, 2 or 5 times a power of ten; at least 1 for `whole` numbers) and the
/// axis top for values up to `max`.
fn nice_axis(max: f64, whole: bool) -> (f64, f64) {
    if max <= 0.0 {
        return (1.0, 1.0);
    }
    let rough = max / 5.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    let step = if whole { step.max(1.0) } else { step };
    (step, (max / step).ceil() * step)
}

/// A tick's number, with the decimals its step needs.
fn tick_label(tick: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    format!("{tick:.decimals$}")
}

fn xml(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::trend::Interval;

    fn sample() -> Trend {
        Trend {
            by: Interval::Year,
            buckets: (2020..2025)
                .map(|y| Bucket {
                    label: y.to_string(),
                    start: format!("{y}-01-01"),
                    passages: (y as usize - 2019) * 7,
                    briefings: 2,
                    period_passages: Some(1000),
                })
                .collect(),
            undated: 0,
        }
    }

    #[test]
    fn test_axis_ticks_are_round() {
        assert_eq!(nice_axis(35.0, true), (10.0, 40.0));
        assert_eq!(nice_axis(7.0, true), (2.0, 8.0));
        assert_eq!(nice_axis(1234.0, true), (500.0, 1500.0));
        assert_eq!(nice_axis(0.0, true), (1.0, 1.0));
        assert_eq!(nice_axis(2.0, true), (1.0, 2.0));
        let (step, top) = nice_axis(0.7, false);
        assert!((step - 0.2).abs() < 1e-9 && (top - 0.8).abs() < 1e-9);
        assert_eq!(tick_label(0.4, 0.2), "0.4");
        assert_eq!(tick_label(40.0, 10.0), "40");
    }

    #[test]
    fn test_chart_has_title_labels_bars_and_escapes_text() {
        let svg = trend(&sample(), None, "RCEP & <tariffs>", "passages per year");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("RCEP &amp; &lt;tariffs&gt;"));
        assert_eq!(svg.matches("<rect x=").count(), 5);
        for year in 2020..2025 {
            assert!(svg.contains(&format!(">{year}</text>")));
        }
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn test_rate_chart_labels_bars_with_rates() {
        let svg = trend(&sample(), Some(1000), "RCEP", "per 1000 passages");
        // 2024: 35 matching passages of 1000.
        assert!(svg.contains(">35.0</text>"), "{svg}");
        assert!(svg.contains("2024: 35.0 per 1000 passages (35 passages, 2 briefings of 1000)"));
        assert!(svg.contains(">passages per 1000</text>"));
    }
}

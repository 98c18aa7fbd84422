//! Options shared by several subcommands: filters, output format, colour.
//!
//! Every command that searches takes the same [`FilterArgs`] and resolves them the same way,
//! so `--speaker`, `--since` and the rest behave alike everywhere.

use std::env;
use std::io::IsTerminal;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use crate::briefing::{Kind, Lang};
use crate::date::{Date, Period};
use crate::output::{Style, plural};
use crate::search::facets::Dimension;
use crate::search::trend::Interval;
use crate::search::{Expansion, Filters, Searcher, Sort, vocabulary};

#[derive(Debug, Clone, Args, Default)]
pub(crate) struct FilterArgs {
    /// Only passages by this speaker (canonical name, any case); repeat for any of several.
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Only passages by reporters of this outlet (any case); repeat for any of several.
    #[arg(long, value_name = "NAME")]
    pub outlet: Vec<String>,

    /// Only passages of this kind; repeat for any of several.
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<KindArg>,

    /// Only briefings on or after this date (the first day of a month or year): 2023,
    /// 2023-04, 2023-04-01, 2023/4/1, 'April 2023', 2023年4月, 'last year', 'this month',
    /// 'last 30 days'.
    #[arg(long, value_name = "DATE", value_parser = parse_period)]
    pub since: Option<Period>,

    /// Only briefings on or before this date (the last day of a month or year); the same
    /// forms as --since.
    #[arg(long, value_name = "DATE", value_parser = parse_period)]
    pub until: Option<Period>,

    /// Only briefings in this language.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// How a query's words are matched, beyond the words themselves.
#[derive(Debug, Clone, Args, Default)]
pub(crate) struct MatchArgs {
    /// Match the words only as typed: no synonyms (`ROK` then finds ROK, not South Korea).
    #[arg(long)]
    pub no_synonyms: bool,
}

impl MatchArgs {
    /// The expansion asked for; `cross` adds translations into the other language.
    pub(crate) fn expansion(&self, cross: bool) -> Expansion {
        Expansion {
            synonyms: !self.no_synonyms,
            cross,
        }
    }
}

impl FilterArgs {
    /// The filters, checked against the index: a speaker or outlet the index does not know is
    /// an error that suggests the closest names.
    pub(crate) fn resolve(&self, searcher: &Searcher) -> Result<Filters> {
        if let (Some(since), Some(until)) = (self.since, self.until)
            && since.first_day() > until.last_day()
        {
            bail!(
                "--since {} is after --until {}",
                since.first_day(),
                until.last_day()
            );
        }
        // A name of the alias list (or a name in the other script of a speaker) is known when
        // any name of its speaker is.
        let unknown_alias: Vec<String> = if self.speaker.is_empty() {
            Vec::new()
        } else {
            let aliases = searcher.aliases()?;
            self.speaker
                .iter()
                .filter(|s| aliases.names(s).len() < 2)
                .cloned()
                .collect()
        };
        check_known(
            "speaker",
            &unknown_alias,
            searcher,
            searcher.fields().speaker,
        )?;
        let unknown_outlets: Vec<String> = self
            .outlet
            .iter()
            .filter(|o| searcher.outlet_ids(o).is_ok_and(|ids| ids.is_empty()))
            .cloned()
            .collect();
        check_known(
            "outlet",
            &unknown_outlets,
            searcher,
            searcher.fields().outlet_id,
        )?;
        Ok(Filters {
            speakers: self.speaker.clone(),
            outlets: self.outlet.clone(),
            kinds: self.kind.iter().map(|&k| k.into()).collect(),
            since: self.since.map(Period::first_day),
            until: self.until.map(Period::last_day),
            lang: self.lang.map(Lang::from),
        })
    }
}

/// `--since`/`--until`: a date in any accepted form; relative forms count from [`today`].
fn parse_period(s: &str) -> Result<Period, String> {
    Period::parse(s, today)
}

/// Today: `BRIEFSEARCH_TODAY` (YYYY-MM-DD) when set, so that scripts and tests can fix it;
/// else the system clock's date in UTC.
fn today() -> Result<Date, String> {
    if let Some(fixed) = env::var_os("BRIEFSEARCH_TODAY").filter(|v| !v.is_empty()) {
        let fixed = fixed.to_string_lossy();
        return fixed
            .parse::<Period>()
            .ok()
            .filter(|p| p.first_day() == p.last_day())
            .map(Period::first_day)
            .ok_or_else(|| format!("BRIEFSEARCH_TODAY='{fixed}' is not a day (YYYY-MM-DD)"));
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| "the system clock is before 1970".to_string())?
        .as_secs();
    Date::from_days_since_epoch((seconds / 86_400) as i64)
        .ok_or_else(|| "the system clock is outside the years 1900–2199".to_string())
}

fn check_known(
    what: &str,
    names: &[String],
    searcher: &Searcher,
    field: tantivy::schema::Field,
) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let known = vocabulary::values(searcher.tantivy(), field)?;
    let lower: std::collections::HashSet<String> =
        known.iter().map(|k| k.trim().to_lowercase()).collect();
    for name in names {
        if lower.contains(&name.trim().to_lowercase()) {
            continue;
        }
        let suggestions = vocabulary::suggest(name, &known);
        let hint = match suggestions.as_slice() {
            [] => format!("see `briefsearch {what}s`"),
            [one] => format!("did you mean '{one}'?"),
            many => format!(
                "did you mean {}?",
                many.iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        };
        let hint = if what == "outlet" && suggestions.is_empty() {
            "see `briefsearch facets --by outlet`".to_string()
        } else {
            hint
        };
        bail!("no {what} '{name}' in the index; {hint}");
    }
    Ok(())
}

/// Mirrors a domain enum as a command-line choice: clap's derive stays out of the library's
/// types, and each value converts to its domain twin.
macro_rules! choice {
    ($(#[$meta:meta])* $arg:ident => $domain:ty { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
        pub(crate) enum $arg {
            $($(#[$vmeta])* $variant),+
        }

        impl From<$arg> for $domain {
            fn from(value: $arg) -> $domain {
                match value {
                    $($arg::$variant => <$domain>::$variant),+
                }
            }
        }
    };
}

choice!(
    /// `--kind`.
    KindArg => Kind { Question, Answer, Remarks, Narration }
);

choice!(
    /// `--lang`.
    LangArg => Lang { En, Zh }
);

choice!(
    /// `facets --by`.
    DimensionArg => Dimension { Speaker, Outlet, Kind, Lang, Year, Month, Briefing }
);

choice!(
    /// `trend --by`.
    IntervalArg => Interval {
        Year,
        Month,
        /// ISO weeks, Monday to Sunday.
        Week,
    }
);

choice!(
    /// `query --sort`.
    SortArg => Sort {
        /// Most relevant first (the default; `*` is listed by date).
        Score,
        /// Oldest first.
        Date,
        /// Newest briefing first, each briefing's passages in reading order.
        #[value(name = "-date")]
        DateDesc,
    }
);

/// Output formats. Not every command has every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
    Tsv,
    /// Markdown (`show`).
    Md,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Short for --format json.
    #[arg(long, conflicts_with_all = ["format", "tsv"])]
    pub json: bool,

    /// Short for --format tsv.
    #[arg(long, conflicts_with_all = ["format", "json"])]
    pub tsv: bool,

    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

impl FormatArgs {
    /// The chosen format, which must be one of `allowed` (the first is the default), with the
    /// colour decided.
    pub(crate) fn resolve(&self, command: &str, allowed: &[Format]) -> Result<Style> {
        let chosen = if self.json {
            Format::Json
        } else if self.tsv {
            Format::Tsv
        } else {
            self.format.unwrap_or(allowed[0])
        };
        if !allowed.contains(&chosen) {
            let names: Vec<String> = allowed
                .iter()
                .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
                .collect();
            bail!("`briefsearch {command}` prints {}", names.join(", "));
        }
        Ok(match chosen {
            Format::Text => Style::Text {
                color: self.color.enabled(),
            },
            Format::Json => Style::Json,
            Format::Tsv => Style::Tsv,
            Format::Md => Style::Markdown,
        })
    }
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub(crate) fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Tells on stderr why filters left nothing, when the query alone has hits (and whether it
/// did).
pub(super) fn explain_empty(searcher: &Searcher, query: &str, filters: &Filters) -> Result<bool> {
    let Some((unfiltered, culprits)) = searcher.why_empty(query, filters)? else {
        return Ok(false);
    };
    let which = if culprits.is_empty() {
        "no single filter is to blame: together they leave none".to_string()
    } else {
        let names: Vec<String> = culprits.iter().map(|f| filters.describe(*f)).collect();
        format!(
            "without {} there would be hits",
            names.join(", or without ")
        )
    };
    let unfiltered = plural(unfiltered, "passage", "passages");
    eprintln!(
        "briefsearch: no hit with these filters, though the query alone matches {unfiltered}; {which}"
    );
    Ok(true)
}

/// What the counting commands (`facets`, `speakers`, `trend`) share: which passages, how the
/// query's words are expanded, and the output format.
#[derive(Debug, Args)]
pub(crate) struct CountingArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub matching: MatchArgs,

    #[command(flatten)]
    pub format: FormatArgs,
}

impl CountingArgs {
    /// The style `command` prints in, the index opened with the query's expansion, and the
    /// filters resolved against it.
    pub(crate) fn open(
        &self,
        command: &str,
        index_dir: &std::path::Path,
    ) -> Result<(Style, Searcher, Filters)> {
        let style = self
            .format
            .resolve(command, &[Format::Text, Format::Json, Format::Tsv])?;
        let mut searcher = Searcher::open(index_dir)?;
        searcher.set_expansion(self.matching.expansion(false));
        let filters = self.filters.resolve(&searcher)?;
        Ok((style, searcher, filters))
    }
}

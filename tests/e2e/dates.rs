//! End-to-end: dates as people write them in `--since`/`--until` (absolute spellings, and
//! periods counted from a today fixed by `BRIEFSEARCH_TODAY`), and `trend --per`.

use serde_json::Value;

use crate::common::{assert_has, bin, corpus_index, run, str_field, validate};

/// `briefsearch ARGS --index <corpus>`, with today fixed to `today`.
fn on(today: &str, args: &[&str]) -> crate::common::Run {
    let mut c = bin();
    c.env("BRIEFSEARCH_TODAY", today)
        .args(args)
        .arg("--index")
        .arg(corpus_index());
    run(c)
}

fn count(today: &str, since: &str, until: &str) -> usize {
    let r = on(
        today,
        &["query", "*", "--count", "--since", since, "--until", until],
    );
    assert!(r.code <= 1, "--since {since} --until {until}: {}", r.stderr);
    r.stdout.trim().parse().expect("a count")
}

/// The dates of every passage between `since` and `until`.
fn dates(today: &str, since: &str, until: &str) -> Vec<String> {
    let r = on(
        today,
        &[
            "query", "*", "--json", "--limit", "1000", "--since", since, "--until", until,
        ],
    );
    r.hits()
        .iter()
        .map(|h| str_field(h, "date").to_string())
        .collect()
}

#[test]
fn test_the_same_day_and_month_in_every_accepted_spelling() {
    let day = count("2026-01-01", "2023-04-18", "2023-04-18");
    assert!(day > 0);
    for spelling in [
        "2023/04/18",
        "2023-4-18",
        "2023.4.18",
        "April 18, 2023",
        "18 April 2023",
        "2023年4月18日",
    ] {
        assert_eq!(count("2026-01-01", spelling, spelling), day, "{spelling}");
    }
    let month = count("2026-01-01", "2023-04", "2023-04");
    for spelling in [
        "April 2023",
        "Apr 2023",
        "apr. 2023",
        "2023年4月",
        "2023/4",
        "2023-4",
    ] {
        assert_eq!(count("2026-01-01", spelling, spelling), month, "{spelling}");
    }
    assert_eq!(
        count("2026-01-01", "2023年", "2023年"),
        count("2026-01-01", "2023", "2023")
    );
}

#[test]
fn test_since_takes_the_first_day_and_until_the_last() {
    // The corpus has briefings on 2024-02-14 and 2024-03-12.
    let february = dates("2026-01-01", "Feb 2024", "Feb 2024");
    assert!(!february.is_empty() && february.iter().all(|d| d == "2024-02-14"));
    let through_february = dates("2026-01-01", "2024", "February 2024");
    assert!(through_february.iter().all(|d| d.as_str() <= "2024-02-29"));
    assert!(through_february.contains(&"2024-02-14".to_string()));
}

#[test]
fn test_relative_periods_count_from_briefsearch_today() {
    // On 2025-06-15, last year is 2024 and this year 2025, whichever end they stand for.
    assert_eq!(
        count("2025-06-15", "last year", "last year"),
        count("2025-06-15", "2024", "2024")
    );
    let since_last_year = on(
        "2025-06-15",
        &["query", "*", "--count", "--since", "last year"],
    );
    let since_2024 = on("2025-06-15", &["query", "*", "--count", "--since", "2024"]);
    assert_eq!(since_last_year.stdout, since_2024.stdout);
    let until_last_year = on(
        "2025-06-15",
        &["query", "*", "--count", "--until", "last year"],
    );
    let until_2024 = on("2025-06-15", &["query", "*", "--count", "--until", "2024"]);
    assert_eq!(until_last_year.stdout, until_2024.stdout);
    assert_eq!(
        count("2025-06-15", "this year", "this year"),
        count("2025-06-15", "2025", "2025")
    );
    // The corpus's last two briefings are on 2025-04-24 and 2025-05-20.
    let recent = dates("2025-05-25", "last 30 days", "today");
    assert!(
        !recent.is_empty() && recent.iter().all(|d| d == "2025-05-20"),
        "{recent:?}"
    );
    let this_month = dates("2025-05-31", "this month", "this month");
    assert!(!this_month.is_empty() && this_month.iter().all(|d| d == "2025-05-20"));
    let last_month = dates("2025-05-31", "last month", "last month");
    assert!(!last_month.is_empty() && last_month.iter().all(|d| d == "2025-04-24"));
}

#[test]
fn test_an_unknown_date_lists_the_accepted_forms() {
    let r = on("2026-01-01", &["query", "RCEP", "--since", "next tuesday"]);
    assert_eq!(r.code, 2);
    for form in [
        "'next tuesday' is not a date",
        "April 2023",
        "2023年4月1日",
        "last 30 days",
    ] {
        assert_has(&r.stderr, form);
    }
    let r = on("2026-01-01", &["query", "RCEP", "--until", "2023-02-30"]);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "'2023-02-30' is not a valid date");
}

#[test]
fn test_a_malformed_briefsearch_today_is_an_error_only_for_relative_dates() {
    let r = on("soon", &["query", "RCEP", "--since", "last year"]);
    assert_eq!(r.code, 2);
    assert_has(&r.stderr, "BRIEFSEARCH_TODAY='soon' is not a day");
    assert_eq!(on("soon", &["query", "RCEP", "--since", "2023"]).code, 0);
}

#[test]
fn test_trend_per_thousand_passages_of_each_period() {
    let r = on(
        "2026-01-01",
        &["trend", "RCEP", "--by", "year", "--per", "1000", "--json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let buckets = r.hits();
    validate("trend.schema.json", &buckets);
    for b in &buckets {
        let year = str_field(b, "label");
        let all = b["period_passages"].as_u64().expect("period_passages");
        assert_eq!(all as usize, count("2026-01-01", year, year), "{year}");
        let passages = b["passages"].as_f64().expect("passages");
        let rate = b["rate"].as_f64().expect("rate");
        assert!((rate - passages * 1000.0 / all as f64).abs() < 1e-3, "{b}");
        assert_eq!(b["per"], 1000);
    }
    let plain = on("2026-01-01", &["trend", "RCEP", "--by", "year", "--json"]);
    assert!(plain.hits().iter().all(|b: &Value| b.get("rate").is_none()));

    let text = on(
        "2026-01-01",
        &["trend", "RCEP", "--by", "year", "--per", "1000"],
    );
    assert_has(&text.stdout, " per 1000 passages (");
    let tsv = on(
        "2026-01-01",
        &["trend", "RCEP", "--by", "year", "--per", "1000", "--tsv"],
    );
    assert!(
        tsv.stdout
            .starts_with("year\tstart\tpassages\tbriefings\tperiod_passages\trate\n"),
        "{}",
        tsv.stdout
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let svg = dir.path().join("rate.svg");
    let r = on(
        "2026-01-01",
        &[
            "trend",
            "RCEP",
            "--by",
            "year",
            "--per",
            "1000",
            "--svg",
            svg.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(r.code, 0);
    let chart = std::fs::read_to_string(&svg).expect("svg written");
    assert_has(&chart, ">passages per 1000</text>");
    assert_has(&chart, "per 1000 passages of each year");
    let zero = on("2026-01-01", &["trend", "RCEP", "--per", "0"]);
    assert_eq!(zero.code, 2);
}

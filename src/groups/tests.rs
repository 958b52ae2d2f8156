//! The grouper: keys, order, the whole run, bad keys and bad dates.

use serde_json::{Value, json};

use super::*;
use crate::report::ReportBuilder;

/// A report of `sentences` sentences, `uncertain` of them uncertain, dated `date`.
fn report(id: &str, date: Option<&str>, sentences: usize, uncertain: usize) -> ArticleReport {
    let mut report = ReportBuilder::default().finish(id, date);
    report.sentences = sentences;
    report.uncertain_sentences = uncertain;
    report.words = 10 * sentences;
    report.certainty = (sentences > 0).then_some(0.7);
    report
}

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn grouper(keys: &[&str], period: Option<Period>) -> Grouper {
    let spec = GroupSpec {
        keys: names(keys),
        period,
    };
    Grouper::new(spec, Category::COUNTED)
}

#[test]
fn groups_sort_by_kind_then_value_with_missing_values_and_no_date_last() {
    let mut g = grouper(&["n"], Some(Period::Month));
    let columns = names(&["n"]);
    let rows: &[(Value, Option<&str>)] = &[
        (json!("b"), Some("2024-02-03")),
        (json!(10), Some("2024-01-09")),
        (json!(9.5), Some("2024-01-09")),
        (Value::Null, None),
        (json!("a"), Some("2023-12-31")),
        (json!(""), Some("2024-01-01")),
        (json!("a"), None),
        (json!(true), Some("2024-01-01")),
    ];
    for (i, (value, date)) in rows.iter().enumerate() {
        let r = report(&format!("r{i}"), *date, 2, 1);
        g.add(&r, &columns, std::slice::from_ref(value), "t.csv")
            .unwrap();
    }
    let table = g.finish();
    let labels: Vec<&str> = table.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "true · 2024-01",
            "9.5 · 2024-01",
            "10 · 2024-01",
            "a · 2023-12",
            "a · no date",
            "b · 2024-02",
            "(missing) · 2024-01",
            "(missing) · no date",
        ]
    );
    assert_eq!(table.all.tally.articles, 8);
    assert_eq!(table.all.label, "all");
    assert_eq!(table.all.key, vec![KeyValue::Missing, KeyValue::Missing]);
}

#[test]
fn the_whole_run_is_the_sum_of_its_groups() {
    let mut g = grouper(&["folder"], None);
    let inputs = ["news/a.txt", "news/b.txt", "blogs/c.txt", "d.txt", "-"];
    for (i, input) in inputs.iter().enumerate() {
        let r = report(input, None, i + 1, i / 2);
        g.add(&r, &[], &[], input).unwrap();
    }
    let table = g.finish();
    let labels: Vec<&str> = table.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, ["-", ".", "blogs", "news"]);
    let mut sum = Tally::new(Category::COUNTED.len());
    for group in &table.groups {
        sum.merge(&group.tally);
    }
    assert_eq!(sum, table.all.tally);
    assert_eq!(table.all.tally.sentences, 15);
}

#[test]
fn an_unknown_key_is_a_usage_error_naming_the_columns() {
    let mut g = grouper(&["outlet"], None);
    let r = report("a", None, 1, 0);
    let error = g
        .add(
            &r,
            &names(&["source", "input_date"]),
            &[json!("x"), json!("y")],
            "t.csv",
        )
        .unwrap_err();
    assert_eq!(error.kind(), crate::ErrorKind::Usage);
    let message = error.to_string();
    assert!(message.contains("no column outlet"), "{message}");
    assert!(message.contains("source, input_date"), "{message}");
    // Text inputs have no columns at all.
    let mut g = grouper(&["outlet"], None);
    let message = g.add(&r, &[], &[], "a.txt").unwrap_err().to_string();
    assert!(message.contains("the inputs have no columns"), "{message}");
}

#[test]
fn a_renamed_column_is_found_by_its_input_name_and_a_column_named_folder_wins() {
    let mut g = grouper(&["date", "folder"], None);
    let columns = names(&["input_date", "folder"]);
    let r = report("a", None, 1, 0);
    g.add(&r, &columns, &[json!("2024"), json!("mine")], "x/t.csv")
        .unwrap();
    assert_eq!(g.finish().groups[0].label, "2024 · mine");
}

#[test]
fn dates_that_are_no_day_go_to_the_no_date_group_and_are_counted() {
    let mut g = grouper(&[], Some(Period::Year));
    for (id, date) in [
        ("a", Some("2023-02-30")),
        ("b", Some("2023-02-28")),
        ("c", None),
        ("d", Some("2023-13-01")),
    ] {
        g.add(&report(id, date, 1, 0), &[], &[], "t").unwrap();
    }
    let (count, first) = g.bad_dates();
    assert_eq!(count, 2);
    assert_eq!(first, Some(&("a".to_string(), "2023-02-30".to_string())));
    let table = g.finish();
    let rows: Vec<(&str, u64)> = table
        .groups
        .iter()
        .map(|g| (g.label.as_str(), g.tally.articles))
        .collect();
    assert_eq!(rows, [("2023", 1), ("no date", 3)]);
}

#[test]
fn key_column_names_avoid_the_rows_own() {
    let spec = GroupSpec {
        keys: names(&["outlet", "articles", "group"]),
        period: Some(Period::Week),
    };
    let own = names(&["group", "articles", "period"]);
    assert_eq!(
        spec.column_names(&own),
        ["outlet", "input_articles", "input_group", "period"]
    );
}

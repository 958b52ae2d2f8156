//! The figures of an evaluation with their 95% intervals, as data: the
//! object `hedgescore eval --format json` writes for each file and the
//! Python binding's `evaluate` returns, built in one place so that both
//! have the same fields.

use serde_json::{Map, Value, json};

use super::bootstrap::{Interval, Intervals};
use super::eval::Evaluation;

/// The figures of `e` with the intervals `i`. With `ratings`, precision,
/// recall and F1 mean nothing and their intervals are null.
pub fn figures_json(e: &Evaluation, i: &Intervals, ratings: bool) -> Map<String, Value> {
    let pair = |interval: Interval, of_classes: bool| {
        if of_classes && ratings {
            Value::Null
        } else {
            json!([interval.low, interval.high])
        }
    };
    let figures = json!({
        "ratings": ratings,
        "sentences": e.sentences,
        "uncertain_gold": e.true_positives + e.false_negatives,
        "true_positives": e.true_positives,
        "false_positives": e.false_positives,
        "false_negatives": e.false_negatives,
        "true_negatives": e.true_negatives,
        "precision": e.precision(),
        "recall": e.recall(),
        "f1": e.f1(),
        "pearson": e.pearson,
        "spearman": e.spearman,
        "precision_interval": pair(i.precision, true),
        "recall_interval": pair(i.recall, true),
        "f1_interval": pair(i.f1, true),
        "pearson_interval": pair(i.pearson, false),
        "spearman_interval": pair(i.spearman, false),
    });
    match figures {
        Value::Object(map) => map,
        _ => unreachable!("json! of braces is an object"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_have_no_class_intervals() {
        let interval = Interval {
            low: 0.25,
            high: 0.75,
        };
        let intervals = Intervals {
            precision: interval,
            recall: interval,
            f1: interval,
            pearson: interval,
            spearman: interval,
        };
        let e = Evaluation {
            sentences: 4,
            true_positives: 1,
            false_negatives: 2,
            ..Evaluation::default()
        };
        let classes = figures_json(&e, &intervals, false);
        assert_eq!(classes["uncertain_gold"], json!(3));
        assert_eq!(classes["f1_interval"], json!([0.25, 0.75]));
        let ratings = figures_json(&e, &intervals, true);
        assert_eq!(ratings["f1_interval"], Value::Null);
        assert_eq!(ratings["spearman_interval"], json!([0.25, 0.75]));
    }
}

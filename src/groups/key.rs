//! One value of a group's key, and the order groups come out in.

use std::cmp::Ordering;

use serde_json::Value;

/// One value of a group's key.
#[derive(Debug, Clone)]
pub enum KeyValue {
    /// A carried value (never null).
    Value(Value),
    /// A period's key (`2024-03`), which sorts as periods do.
    Period(String),
    /// A carried column with no value in the row (empty, null or absent).
    Missing,
    /// The group of articles without a date.
    NoDate,
}

/// How the group of articles without a date is named.
pub const NO_DATE: &str = "no date";

/// How a missing value is named.
pub const MISSING: &str = "(missing)";

impl KeyValue {
    /// The key value of a carried value: an empty text is no value.
    pub fn of(value: &Value) -> KeyValue {
        match value {
            Value::Null => KeyValue::Missing,
            Value::String(s) if s.trim().is_empty() => KeyValue::Missing,
            other => KeyValue::Value(other.clone()),
        }
    }

    /// The value as people read it.
    pub fn label(&self) -> String {
        match self {
            KeyValue::Value(Value::String(s)) => s.clone(),
            KeyValue::Value(other) => other.to_string(),
            KeyValue::Period(key) => key.clone(),
            KeyValue::Missing => MISSING.to_string(),
            KeyValue::NoDate => NO_DATE.to_string(),
        }
    }

    /// Values sort by kind, then within it: numbers by size, text and
    /// periods by their characters; a missing value and the no-date group
    /// come last.
    fn rank(&self) -> u8 {
        match self {
            KeyValue::Value(Value::Bool(_)) => 0,
            KeyValue::Value(Value::Number(_)) => 1,
            KeyValue::Value(Value::String(_)) => 2,
            KeyValue::Value(_) => 3,
            KeyValue::Period(_) => 4,
            KeyValue::Missing => 5,
            KeyValue::NoDate => 6,
        }
    }
}

impl Ord for KeyValue {
    fn cmp(&self, other: &KeyValue) -> Ordering {
        let by_kind = self.rank().cmp(&other.rank());
        by_kind.then_with(|| match (self, other) {
            (KeyValue::Value(Value::Bool(a)), KeyValue::Value(Value::Bool(b))) => a.cmp(b),
            (KeyValue::Value(Value::Number(a)), KeyValue::Value(Value::Number(b))) => {
                let (a, b) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
                a.total_cmp(&b)
            }
            (KeyValue::Value(Value::String(a)), KeyValue::Value(Value::String(b))) => a.cmp(b),
            (KeyValue::Period(a), KeyValue::Period(b)) => a.cmp(b),
            (KeyValue::Value(a), KeyValue::Value(b)) => a.to_string().cmp(&b.to_string()),
            _ => Ordering::Equal,
        })
    }
}

impl PartialOrd for KeyValue {
    fn partial_cmp(&self, other: &KeyValue) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for KeyValue {
    fn eq(&self, other: &KeyValue) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for KeyValue {}

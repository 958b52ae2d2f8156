//! One JSON line as an object's members: in the order written, each value
//! exactly as written (serde_json's `arbitrary_precision` keeps a number's
//! text, `preserve_order` a nested object's key order), and a key written
//! twice kept twice so that it can be reported. What is wrong with a line
//! that is not a JSON object is said in a reader's words.

use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// The members of one JSON object, in the order written.
pub struct Members(pub Vec<(String, Value)>);

impl Members {
    /// Parses a line, or says what is wrong with it.
    pub fn parse(line: &str) -> Result<Members, String> {
        serde_json::from_str(line).map_err(|e| problem(&e))
    }

    /// The value of `key` (its last, if written twice).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A key written more than once, with a message naming it.
    pub fn duplicate(&self) -> Option<String> {
        let mut seen = HashSet::with_capacity(self.0.len());
        let key = self.0.iter().map(|(k, _)| k).find(|k| !seen.insert(*k))?;
        Some(format!(
            "the key {key:?} appears twice in the object; its last value was used"
        ))
    }
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Members, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Members, M::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8));
        while let Some(member) = map.next_entry::<String, Value>()? {
            members.push(member);
        }
        Ok(Members(members))
    }
}

/// The keys of one JSON object, in the order written; its values are
/// checked but not kept.
pub struct Keys(pub Vec<String>);

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Keys, D::Error> {
        deserializer.deserialize_map(KeysVisitor)
    }
}

struct KeysVisitor;

impl<'de> Visitor<'de> for KeysVisitor {
    type Value = Keys;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Keys, M::Error> {
        let mut keys = Vec::new();
        while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
            keys.push(key);
        }
        Ok(Keys(keys))
    }
}

/// What is wrong with a line that is not a JSON object, in a reader's
/// words: the line and file are named by whoever reports it.
pub fn problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => "not a JSON object (each line must be one {...} object)".to_string(),
        Category::Eof => "not JSON: the line ends before its object is closed".to_string(),
        Category::Syntax | Category::Io => {
            let full = e.to_string();
            let what = full.split(" at line ").next().unwrap_or(&full);
            format!("not JSON: {} at column {}", in_words(what), e.column())
        }
    }
}

/// serde_json's name for a syntax error, as a reader would say it.
fn in_words(what: &str) -> &str {
    match what {
        "key must be a string" => "a key without double quotes",
        "expected ident" => "a word that is not true, false or null (text needs double quotes)",
        "expected value" => "something that is not a JSON value",
        "trailing characters" => "more text after the object's closing brace",
        "expected `:`" => "a key without a colon after it",
        "expected `,` or `}`" => "a missing comma or closing brace",
        "expected `,` or `]`" => "a missing comma or closing bracket",
        "invalid escape" => "a backslash escape JSON does not have",
        "invalid number" => "a number JSON cannot read",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a control character inside a string (write it as \\n, \\t or \\u00XX)"
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_order_duplicates_and_numbers_as_written() {
        let members = Members::parse(
            r#"{"b":1.50,"a":1.0e-400,"b":{"y":1,"x":2},"c":12345678901234567890123456789}"#,
        )
        .unwrap();
        let written: Vec<String> = members.0.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            written,
            [
                "b=1.50",
                "a=1.0e-400",
                r#"b={"y":1,"x":2}"#,
                "c=12345678901234567890123456789"
            ]
        );
        assert_eq!(members.get("b").unwrap().to_string(), r#"{"y":1,"x":2}"#);
        assert!(members.duplicate().unwrap().contains("\"b\" appears twice"));
    }

    #[test]
    fn problems_in_words() {
        let cases = [
            (
                "[1]",
                "not a JSON object (each line must be one {...} object)",
            ),
            (
                "{text: 'no'}",
                "not JSON: a key without double quotes at column 2",
            ),
            (
                "{\"a\": nope}",
                "not JSON: a word that is not true, false or null (text needs double quotes) at column 8",
            ),
            (
                "{\"a\":1",
                "not JSON: the line ends before its object is closed",
            ),
            (
                "{\"a\":1} x",
                "not JSON: more text after the object's closing brace at column 9",
            ),
            (
                "<p>",
                "not JSON: something that is not a JSON value at column 1",
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(
                Members::parse(line).err().as_deref(),
                Some(expected),
                "{line}"
            );
        }
    }
}

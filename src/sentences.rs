//! TEMPORARY naive splitter so the rest of the crate builds; helper-1 replaces this file.
use std::ops::Range;
use std::sync::LazyLock;
/// Splitter.
pub struct SentenceSplitter;
static ENGLISH: LazyLock<SentenceSplitter> = LazyLock::new(|| SentenceSplitter);
impl SentenceSplitter {
    /// English.
    pub fn english() -> &'static SentenceSplitter {
        &ENGLISH
    }
    /// Split into a new vector.
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        let mut v = Vec::new();
        self.split_into(text, &mut v);
        v
    }
    /// Split.
    pub fn split_into(&self, text: &str, out: &mut Vec<Range<usize>>) {
        let mut start = None;
        for (i, c) in text.char_indices() {
            if start.is_none() && !c.is_whitespace() {
                start = Some(i);
            }
            if matches!(c, '.' | '?' | '!') {
                if let Some(s) = start.take() {
                    out.push(s..i + 1);
                }
            }
        }
        if let Some(s) = start {
            let t = text[s..].trim_end();
            if !t.is_empty() {
                out.push(s..s + t.len());
            }
        }
    }
}

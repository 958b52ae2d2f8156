//! The form of a word-list file, such as `lexicons/en/abbreviations.txt`:
//! one entry per line, `#` starts a comment that runs to the end of the
//! line, and blank lines are skipped. An entry is the rest of the line
//! with its surrounding white space trimmed; what its fields mean is up to
//! the list (an abbreviation may carry a kind after it, other lists hold
//! one word).
//!
//! ```
//! use hedgescore::text::word_list::entries;
//! let list = "# reporting verbs\nsaid\n\n  told   # a comment\n";
//! let found: Vec<(u32, &str)> = entries(list).collect();
//! assert_eq!(found, [(2, "said"), (4, "told")]);
//! ```

/// The entries of word-list text with their 1-based line numbers, in order.
pub fn entries(text: &str) -> impl Iterator<Item = (u32, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().zip(1u32..).filter_map(|(line, number)| {
        let entry = line.split('#').next().unwrap_or("").trim();
        (!entry.is_empty()).then_some((number, entry))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_crlf_and_a_byte_order_mark() {
        let text = "\u{feff}a\r\n# whole line\r\n\r\n b c \t# after\r\n#\nd#e\n";
        let found: Vec<(u32, &str)> = entries(text).collect();
        assert_eq!(found, [(1, "a"), (4, "b c"), (6, "d")]);
    }
}

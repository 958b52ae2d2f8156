//! Control characters made visible, for what is written to a terminal
//! (the text table, `explain`, messages on standard error): ESC, OSC and
//! the other C0 and C1 controls in article text, file names, column names
//! or cues would otherwise retitle, clear or reprogram the reader's
//! terminal, and bidirectional overrides would reorder what is shown.
//! Files in CSV, JSON, HTML and xlsx keep the text as it is.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character but line feed and tab written as
/// an escape: `\x1b` for C0 and DEL, `\u{9b}` for C1 and the bidirectional
/// controls. Text without any is returned as it is.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_visible(&mut shown, c);
    }
    Cow::Owned(shown)
}

/// `text` made visible as [`visible`] does, line feeds too (`\x0a`): for
/// one line of a table.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    let shown = visible(text);
    if !shown.contains('\n') {
        return shown;
    }
    Cow::Owned(shown.replace('\n', "\\x0a"))
}

/// True for a character that must not reach a terminal as it is.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || bidi_control(c)
}

/// The characters that change the order text is shown in (the "Trojan
/// Source" ones): embeddings, overrides and isolates.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_visible(out: &mut String, c: char) {
    if !hidden(c) {
        out.push(c);
    } else if (c as u32) < 0x80 {
        let _ = write!(out, "\\x{:02x}", c as u32);
    } else {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        let cases = [
            ("It may rain.", "It may rain."),
            ("a\tb\nc", "a\tb\nc"),
            ("\x1b]0;PWNED\x07\x1b[2J", "\\x1b]0;PWNED\\x07\\x1b[2J"),
            ("\r\x00\x7f", "\\x0d\\x00\\x7f"),
            ("\u{9b}31m", "\\u{9b}31m"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("naïve — 東京", "naïve — 東京"),
        ];
        for (text, shown) in cases {
            assert_eq!(visible(text), shown, "{text:?}");
        }
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible_line("a\nb\x1b"), "a\\x0ab\\x1b");
    }
}

//! White-space folding for one-line output: every run of white space
//! (Unicode's, as [`char::is_whitespace`] has it) becomes one space, with
//! none at either end, so a sentence or a cue fits one spreadsheet cell or
//! table row.
//!
//! Sentence rows fold every sentence they write, so this runs over most of
//! the text at sentence level: it copies whole runs of ordinary bytes at a
//! time and decodes a character only at a non-ASCII byte.

/// Calls `emit` with the pieces of `text` folded: runs of text, and a
/// single `" "` between two of them.
pub fn fold_pieces<'a>(text: &'a str, mut emit: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let mut written = false;
    let mut i = 0;
    loop {
        while i < bytes.len() {
            let (c, n) = char_at(text, i);
            if !c.is_whitespace() {
                break;
            }
            i += n;
        }
        if i == bytes.len() {
            return;
        }
        // The run goes on to the next white space. A single space between
        // ordinary bytes stays inside it: folding would write it as it is,
        // and a run per word would cost a copy per word.
        let start = i;
        while i < bytes.len() {
            let b = bytes[i];
            if is_ordinary(b) {
                i += 1;
            } else if b == b' ' && bytes.get(i + 1).copied().is_some_and(is_ordinary) {
                i += 2;
            } else {
                let (c, n) = char_at(text, i);
                if c.is_whitespace() {
                    break;
                }
                i += n;
            }
        }
        if written {
            emit(" ");
        }
        emit(&text[start..i]);
        written = true;
    }
}

/// Like [`fold_pieces`], for text that sits between other text on a line
/// (the gap between two highlighted cues): a run of white space at either
/// end becomes one space too, rather than none.
pub fn fold_pieces_between<'a>(text: &'a str, mut emit: impl FnMut(&'a str)) {
    let mut first = true;
    fold_pieces(text, |piece| {
        if first && text.starts_with(char::is_whitespace) {
            emit(" ");
        }
        first = false;
        emit(piece);
    });
    // Text all of white space gives its one space here.
    if text.ends_with(char::is_whitespace) {
        emit(" ");
    }
}

/// Printable ASCII other than the space: never white space.
fn is_ordinary(b: u8) -> bool {
    b > b' ' && b < 0x80
}

/// The character at byte `i` (a char boundary) and its length.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().expect("i is a char boundary");
    (c, c.len_utf8())
}

/// `text` folded, as a new string.
pub fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_pieces(text, |piece| out.push_str(piece));
    out
}

/// Appends `text` folded to `out`.
pub fn push_folded(text: &str, out: &mut Vec<u8>) {
    fold_pieces(text, |piece| out.extend_from_slice(piece.as_bytes()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: the words of `split_whitespace`, joined by one space.
    fn fold_simply(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn table() {
        let table = [
            ("", ""),
            ("   ", ""),
            ("one", "one"),
            ("  two  words  ", "two words"),
            ("line\nbreak\r\n\ttab\u{b}vt\u{c}ff", "line break tab vt ff"),
            ("no\u{a0}break\u{2028}sep\u{3000}ideo", "no break sep ideo"),
            ("café, «non»", "café, «non»"),
            ("ctrl\u{1}char\u{1f}", "ctrl\u{1}char\u{1f}"),
        ];
        for (text, folded) in table {
            assert_eq!(fold_whitespace(text), folded, "{text:?}");
            let mut bytes = b"x".to_vec();
            push_folded(text, &mut bytes);
            assert_eq!(&bytes[1..], folded.as_bytes(), "{text:?}");
        }
    }

    #[test]
    fn between_keeps_one_space_for_a_run_at_either_end() {
        let table = [
            ("", ""),
            ("  ", " "),
            ("\n\t", " "),
            ("one", "one"),
            (" that  it\r\n", " that it "),
            ("] (", "] ("),
            ("\u{a0}x", " x"),
        ];
        for (text, folded) in table {
            let mut out = String::new();
            fold_pieces_between(text, |piece| out.push_str(piece));
            assert_eq!(out, folded, "{text:?}");
        }
    }

    #[test]
    fn matches_the_simple_definition_on_random_text() {
        let pieces = [
            "a", " ", "  ", "\n", "\r\n", "\t", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{2009}",
            "\u{3000}", "é", "可能", "🙂", "\u{1}", "\u{1c}", ",", "\"", "word",
        ];
        let mut state = 99u64;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..state % 40 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(fold_whitespace(&text), fold_simply(&text), "{text:?}");
            let mut between = String::new();
            fold_pieces_between(&text, |piece| between.push_str(piece));
            let ends = |found: bool| if found { " " } else { "" };
            let simply = match fold_simply(&text) {
                folded if folded.is_empty() => ends(!text.is_empty()).to_string(),
                folded => format!(
                    "{}{folded}{}",
                    ends(text.starts_with(char::is_whitespace)),
                    ends(text.ends_with(char::is_whitespace))
                ),
            };
            assert_eq!(between, simply, "{text:?}");
        }
    }
}

//! Where to cut an input into pieces: between sentences for article
//! text (so that the pieces split into sentences as the whole would), at
//! line ends in lines mode. Works on bytes in memory; never reads.

use std::ops::Range;

use crate::text::sentences::{SentenceSplitter, starts_after_space};

/// Where to cut the bytes read of an input in lines mode, at most
/// `piece_bytes` in: after the last line end within a piece's size;
/// after a line longer than a piece (read to its end), that line's end,
/// so the lines read after it wait for the next piece; at the end of an
/// input that has ended. `None` when a pipe has not sent the rest of a
/// line yet: wait for more.
pub(super) fn line_cut(pending: &[u8], piece_bytes: usize, eof: bool) -> Option<usize> {
    let within = &pending[..pending.len().min(piece_bytes)];
    match memchr::memrchr(b'\n', within).or_else(|| memchr::memchr(b'\n', pending)) {
        Some(at) => Some(at + 1),
        None if eof => Some(pending.len()),
        None => None,
    }
}

/// Where to cut a buffer of article text, and the sentences before the cut
/// when finding it took splitting them.
pub(super) struct Cut {
    pub(super) at: usize,
    pub(super) sentences: Option<Vec<Range<usize>>>,
}

/// Where to cut a buffer of article text that goes on, so that the pieces
/// split into sentences as the whole would: after the last paragraph break
/// (a blank line always ends a sentence), else at the start of the last
/// sentence the splitter finds (the one that may run on) that follows
/// ASCII white space ([`starts_after_space`]), else after the last line
/// break or space, else at the last character boundary. Always at an ASCII
/// byte or a character start, so no UTF-8 sequence is cut. The buffer
/// begins `line_before` bytes into a line.
pub(super) fn article_cut(buffer: &[u8], splitter: &SentenceSplitter, line_before: usize) -> Cut {
    let paragraph = buffer
        .windows(2)
        .rposition(|w| w == b"\n\n" || w == b"\r\r")
        .map(|at| at + 2)
        .or_else(|| {
            buffer
                .windows(3)
                .rposition(|w| w == b"\n\r\n")
                .map(|at| at + 3)
        });
    let last_sentence = || {
        let valid = match std::str::from_utf8(buffer) {
            Ok(text) => text,
            // Only a character cut at the end of the buffer; invalid bytes
            // inside leave the cut to the fallbacks.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&buffer[..e.valid_up_to()]).expect("valid prefix")
            }
            Err(_) => return None,
        };
        let mut sentences = splitter.split_within_line(valid, line_before);
        // The last sentence may run on: the cut is before it at the latest.
        let n = sentences.len();
        let k = cut_sentence(buffer, |k| sentences[k].start, n, n.checked_sub(1)?)?;
        let at = sentences[k].start;
        sentences.truncate(k);
        Some(Cut {
            at,
            sentences: Some(sentences),
        })
    };
    let line = || buffer.iter().rposition(|&b| b == b'\n').map(|at| at + 1);
    let space = || {
        buffer
            .iter()
            .rposition(|b| b.is_ascii_whitespace())
            .map(|at| at + 1)
    };
    let boundary = || {
        buffer
            .iter()
            .rposition(|&b| (b as i8) >= -0x40)
            .filter(|&at| at > 0)
    };
    let cut = |at| Cut {
        at,
        sentences: None,
    };
    match paragraph {
        Some(at) => cut(at),
        None => last_sentence().unwrap_or_else(|| {
            cut(line()
                .or_else(space)
                .or_else(boundary)
                .unwrap_or(buffer.len()))
        }),
    }
}

/// Which of `n` sentences (`start` gives where each starts in `bytes`) to
/// cut before, the pieces to split as the whole: the last start, up to
/// the `max`-th, that follows ASCII white space; else the first such
/// after it; none if no sentence but the first starts so.
pub(super) fn cut_sentence(
    bytes: &[u8],
    start: impl Fn(usize) -> usize,
    n: usize,
    max: usize,
) -> Option<usize> {
    let cuttable = |k: &usize| starts_after_space(bytes, start(*k));
    (1..=max.min(n.saturating_sub(1)))
        .rev()
        .find(cuttable)
        .or_else(|| (max + 1..n).find(cuttable))
}

/// Lines in a run of whole lines (a last line without a newline counts).
pub(super) fn line_count(text: &str) -> usize {
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_are_safe() {
        let cut = |buffer: &[u8]| article_cut(buffer, SentenceSplitter::english(), 0).at;
        assert_eq!(cut(b"a.\n\nb. c"), 4);
        assert_eq!(cut(b"a.\r\n\r\nb. c"), 6);
        assert_eq!(
            cut(b"It rains all day long in the hills. It could well\npour"),
            36
        );
        assert_eq!(cut(b"a\nb"), 2);
        assert_eq!(cut(b"a b"), 2);
        assert_eq!(cut("aé".as_bytes()), 1);
        assert_eq!(line_count(""), 0);
        assert_eq!(line_count("a\nb"), 2);
        assert_eq!(line_count("a\n\n"), 2);
    }
}

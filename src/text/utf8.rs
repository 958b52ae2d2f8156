//! Input bytes as text: UTF-8 with invalid bytes repaired, and a map from
//! offsets in the repaired text back to bytes of the input.
//!
//! An archive holds files in other encodings. Each invalid sequence is
//! replaced by U+FFFD, as [`String::from_utf8_lossy`] does, and U+FFFD
//! takes three bytes where the sequence took one to three, so after a
//! repair an offset in the text is no longer one in the input. Output
//! offsets are bytes of the input, so the repairs are remembered. Valid
//! text, the usual case, is taken as it is: no copy and no map.
//!
//! ```
//! use hedgescore::text::utf8::{Start, decode};
//!
//! let (text, repairs) = decode(b"Caf\xe9 may close. It may rain.".to_vec(), Start::default());
//! assert_eq!(text, "Caf\u{fffd} may close. It may rain.");
//! let second = text.find("It").unwrap();
//! assert_eq!((second, repairs.input_offset(second)), (18, 16));
//! assert_eq!(repairs.first_bad_byte(), Some(3));
//! ```

/// Where in its input a run of bytes starts, for an input decoded in
/// pieces: the bytes of text decoded before it, and how many more that is
/// than the input bytes they came from. An input's start is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Start {
    /// Bytes of text decoded before the run.
    pub text: usize,
    /// Bytes the repairs before the run added to the text.
    pub gained: usize,
}

/// The repairs made in decoding a run of bytes: maps offsets in the input's
/// text to offsets in the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repairs(
    /// `None` while the input has had nothing to repair (the usual case):
    /// then its text and its bytes have the same offsets.
    Option<Box<Map>>,
);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Map {
    /// Bytes the repairs before the run added.
    before: usize,
    /// For each U+FFFD put in: the offset in the input's text just after
    /// it, and the bytes added up to there (with `before`).
    marks: Vec<(usize, usize)>,
}

impl Map {
    #[inline(never)]
    fn input_offset(&self, at: usize) -> usize {
        let passed = self.marks.partition_point(|&(after, _)| after <= at);
        let gained = match passed {
            0 => self.before,
            n => self.marks[n - 1].1,
        };
        at - gained
    }
}

const REPLACEMENT: char = char::REPLACEMENT_CHARACTER;

impl Repairs {
    /// The offset in the input of byte `at` of the input's text. `at` is a
    /// character boundary of the run's text (or where the run starts).
    #[inline]
    pub fn input_offset(&self, at: usize) -> usize {
        // Inlined to a test and a branch for valid text, which is written
        // at every sentence and cue of a sentence-level run.
        match &self.0 {
            None => at,
            Some(map) => map.input_offset(at),
        }
    }

    /// Where the input has its first invalid byte in the run, if it has one.
    pub fn first_bad_byte(&self) -> Option<usize> {
        let map = self.0.as_ref()?;
        let &(after, _) = map.marks.first()?;
        Some(self.input_offset(after - REPLACEMENT.len_utf8()))
    }

    /// Where the input's next run starts, after a run of `text_len` bytes
    /// of text that began at `start`.
    pub fn next_start(&self, start: Start, text_len: usize) -> Start {
        let gained = self.0.as_ref().map_or(0, |map| {
            map.marks.last().map_or(map.before, |&(_, gained)| gained)
        });
        Start {
            text: start.text + text_len,
            gained,
        }
    }
}

/// Decodes `bytes`, which begin at `start` of their input, as UTF-8, each
/// invalid sequence replaced by U+FFFD.
pub fn decode(bytes: Vec<u8>, start: Start) -> (String, Repairs) {
    let mut map = Map {
        before: start.gained,
        marks: Vec::new(),
    };
    let bytes = match String::from_utf8(bytes) {
        Ok(text) if start.gained == 0 => return (text, Repairs(None)),
        Ok(text) => return (text, Repairs(Some(Box::new(map)))),
        Err(e) => e.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len() + REPLACEMENT.len_utf8());
    let mut gained = start.gained;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        text.push(REPLACEMENT);
        // An invalid sequence is one to three bytes, never more than the
        // character that replaces it.
        gained += REPLACEMENT.len_utf8() - invalid.len();
        map.marks.push((start.text + text.len(), gained));
    }
    (text, Repairs(Some(Box::new(map))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_as_from_utf8_lossy_and_maps_offsets_back_table() {
        // (input, where a run of it starts, offsets in the text and the
        // input's offsets for them, the first bad byte)
        type Case = (
            &'static [u8],
            Start,
            &'static [(usize, usize)],
            Option<usize>,
        );
        let table: &[Case] = &[
            (b"plain", Start::default(), &[(0, 0), (5, 5)], None),
            (
                b"\xffa",
                Start::default(),
                &[(0, 0), (3, 1), (4, 2)],
                Some(0),
            ),
            (
                b"a\xe2\x80b",
                Start::default(),
                &[(1, 1), (4, 3), (5, 4)],
                Some(1),
            ),
            (
                b"a\xf0\x9f\x98b",
                Start::default(),
                &[(4, 4), (5, 5)],
                Some(1),
            ),
            (
                b"\xe9\xe9 x",
                Start::default(),
                &[(3, 1), (6, 2), (8, 4)],
                Some(0),
            ),
            // A later run of an input whose earlier runs gained 4 bytes.
            (
                b"ab\x80c",
                Start {
                    text: 10,
                    gained: 4,
                },
                &[(10, 6), (12, 8), (15, 9), (16, 10)],
                Some(8),
            ),
            (
                b"abc",
                Start {
                    text: 10,
                    gained: 4,
                },
                &[(10, 6), (13, 9)],
                None,
            ),
        ];
        for (bytes, start, offsets, first_bad) in table {
            let (text, repairs) = decode(bytes.to_vec(), *start);
            assert_eq!(text, String::from_utf8_lossy(bytes), "{bytes:?}");
            for &(at, input) in *offsets {
                assert_eq!(repairs.input_offset(at), input, "{bytes:?} at {at}");
            }
            assert_eq!(repairs.first_bad_byte(), *first_bad, "{bytes:?}");
            let next = repairs.next_start(*start, text.len());
            assert_eq!(
                next.text - next.gained,
                start.text - start.gained + bytes.len(),
                "{bytes:?}"
            );
        }
    }
}

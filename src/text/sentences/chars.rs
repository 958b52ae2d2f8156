//! What a byte or character is to the splitter: plain text it skips, a
//! stop where a rule may apply, a terminator, an opener, a closer.

/// ASCII bytes that need no decision: not white space, not punctuation
/// that may end a sentence, not the start of a multi-byte character.
pub(super) fn is_plain(b: u8) -> bool {
    PLAIN[usize::from(b)]
}

/// [`is_plain`] as a table: the test runs on nearly every byte.
pub(super) static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x21;
    while b < 0x80 {
        table[b] = !matches!(b as u8, b'.' | b'?' | b'!');
        b += 1;
    }
    table
};

/// Whether the scan must stop at `b` inside a sentence: a terminator, a
/// control byte (line breaks and the white space other than the space are
/// among them; the others are rare, and stopping at them is harmless), or
/// a byte of a multi-byte character (which may be white space, a
/// terminator or a bullet). Everything else is part of a word or a single
/// space between words, and the scan skips it; see [`Scan::skipped`].
pub(super) fn is_stop(b: u8) -> bool {
    !(0x20..0x80).contains(&b) || matches!(b, b'.' | b'?' | b'!')
}

/// The first stop byte ([`is_stop`]) at or after `from`, or the length.
///
/// Stops come every few dozen bytes in prose, and a byte-wise loop, even
/// with a table, costs several instructions a byte; so this tests
/// [`CHUNK`] bytes at once with integer arithmetic (no `unsafe`, so no
/// SIMD intrinsics).
#[inline(never)] // keeps the constants of `stops` in registers
pub(super) fn next_stop(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from..];
    let mut chunks = rest.chunks_exact(CHUNK);
    let mut offset = from;
    for chunk in &mut chunks {
        let mask = stops(Chunk::from_le_bytes(chunk.try_into().unwrap_or_default()));
        if mask != 0 {
            // Little-endian: the lowest flagged byte comes first.
            return offset + (mask.trailing_zeros() / 8) as usize;
        }
        offset += CHUNK;
    }
    let tail = chunks.remainder();
    offset + tail.iter().position(|&b| is_stop(b)).unwrap_or(tail.len())
}

/// The bytes [`next_stop`] tests at once, as one integer: a `u128` is two
/// registers, and the arithmetic of [`stops`] never carries from one byte
/// into the next, so it does not matter where they split.
pub(super) type Chunk = u128;
pub(super) const CHUNK: usize = size_of::<Chunk>();
/// `0x01` in every byte.
pub(super) const ONES: Chunk = Chunk::from_le_bytes([1; CHUNK]);
/// The high bit of every byte.
pub(super) const HIGH: Chunk = ONES * 0x80;
/// The low seven bits of every byte.
pub(super) const LOW: Chunk = !HIGH;

/// The high bit of each byte of `x` that is a stop byte ([`is_stop`]).
///
/// Works on the low seven bits of each byte, where adding at most 0x7F
/// cannot carry into the next byte, so every flag is exact (and the lowest
/// one is the first stop). Bytes from 0x80 are stops whatever their low
/// bits.
pub(super) fn stops(x: Chunk) -> Chunk {
    let low = x & LOW;
    // Adding 0x7F sets the high bit of every byte that is not zero, so of
    // every byte that differs from `b`.
    let differs = |b: u8| (low ^ (ONES * Chunk::from(b))) + LOW;
    // Adding 0x60 sets the high bit of every byte from 0x20 up.
    let not_control = low + ONES * 0x60;
    let other = differs(b'.') & differs(b'?') & differs(b'!') & not_control;
    (x | !other) & HIGH
}

/// Characters that may end a sentence.
pub(super) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '?'
            | '!'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '。'
            | '｡'
            | '！'
            | '？'
            | '।'
            | '॥'
            | '؟'
            | '۔'
    )
}

/// Sentence ends of scripts written without spaces (or with an unambiguous
/// full stop): always a boundary.
pub(super) fn is_strong(c: char) -> bool {
    matches!(c, '。' | '｡' | '！' | '？' | '।' | '॥' | '؟' | '۔')
}

pub(super) fn is_question(c: char) -> bool {
    matches!(c, '?' | '!' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Quotes and brackets that close a sentence when right after its end.
pub(super) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）'
    )
}

/// Quotes and brackets that may open a sentence.
pub(super) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '„'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
    )
}

/// List bullets: each starts a new sentence.
pub(super) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '●' | '■' | '►' | '➢' | '∙')
}

/// A line ending in one of these continues on the next line.
pub(super) fn continues(c: char) -> bool {
    is_terminal(c) || matches!(c, ',' | ';' | '-' | '–' | '—' | '&' | '/' | '(' | '+' | '=')
}

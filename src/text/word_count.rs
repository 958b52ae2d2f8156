//! Counting words: the white-space separated tokens that hold a letter or
//! a digit, as reports count them.

/// Counts white-space separated tokens that hold a letter or a digit.
/// It runs over every byte of every article, so it works on 64 bytes at a
/// time: bit masks of the spaces and of the letters, and one addition that
/// carries each space's mark across the punctuation after it to the first
/// letter or space that follows; a letter so marked starts a counted word.
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    // True when the next letter starts a word not yet counted (as after a
    // space, and at the start of the text).
    let mut uncounted = true;
    let mut count_block = |spaces: u64, letters: u64, in_block: u64| {
        let punctuation = !(spaces | letters) & in_block;
        let marks = (spaces << 1) | u64::from(uncounted);
        let first_after_mark = punctuation.wrapping_add(marks) & !punctuation;
        words += (first_after_mark & letters).count_ones() as usize;
        let relevant = spaces | letters;
        if relevant != 0 {
            let last = 63 - relevant.leading_zeros();
            uncounted = (spaces >> last) & 1 == 1;
        }
    };
    let mut blocks = text.as_bytes().chunks_exact(64);
    for block in &mut blocks {
        let (spaces, letters) = class_masks(block.try_into().expect("64 bytes"));
        count_block(spaces, letters, u64::MAX);
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        // Padding is punctuation: neither a space nor a letter.
        let mut block = [b'.'; 64];
        block[..rest.len()].copy_from_slice(rest);
        let (spaces, letters) = class_masks(&block);
        count_block(spaces, letters, u64::MAX >> (64 - rest.len()));
    }
    words
}

/// The white-space and letter masks of a block, bit `i` for byte `i`.
/// Written as comparisons into byte arrays, then packed eight bytes at a
/// time, so the compiler can use vector instructions; a table lookup per
/// byte could not be vectorised and cost twice as much.
#[inline(always)]
fn class_masks(block: &[u8; 64]) -> (u64, u64) {
    let mut spaces = [0u8; 64];
    let mut letters = [0u8; 64];
    for ((b, space), letter) in block.iter().zip(&mut spaces).zip(&mut letters) {
        *space = u8::from(is_space_byte(*b));
        *letter = u8::from(is_letter_byte(*b));
    }
    (pack_flags(&spaces), pack_flags(&letters))
}

/// ASCII white space as [`u8::is_ascii_whitespace`] has it: space, tab,
/// line feed, form feed, carriage return (not vertical tab).
#[inline(always)]
fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0C | b'\r')
}

/// An ASCII letter or digit, or the first byte of a character of a script
/// with letters. A non-ASCII character is judged by its first byte: those
/// that start U+0080–U+00BF (0xC2: no-break space, «, °), U+2000–U+2FFF
/// (0xE2: dashes, curly quotes, ellipsis, symbols) and the emoji planes
/// (0xF0) are not letters; the other scripts' lead bytes are. (Range tests
/// as one wrapping subtraction and compare each.)
#[inline(always)]
fn is_letter_byte(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26
        || b.wrapping_sub(b'0') < 10
        || b.wrapping_sub(0xC3) <= 0xE1 - 0xC3
        || b.wrapping_sub(0xE3) <= 0xEF - 0xE3
        || b.wrapping_sub(0xF1) <= 0xF4 - 0xF1
}

/// Packs 64 flags of 0 or 1 into a mask, bit `i` for flag `i`: each eight
/// flags are one multiplication that gathers their low bits into the top
/// byte (flag `j` lands on bit 56 + j, and no two products overlap).
#[inline(always)]
fn pack_flags(flags: &[u8; 64]) -> u64 {
    let mut mask = 0;
    for (k, eight) in flags.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        mask |= (word.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain byte-by-byte count, the reference for the block version.
    fn count_words_simply(text: &str) -> usize {
        text.split_ascii_whitespace()
            .filter(|w| w.bytes().any(is_letter_byte))
            .count()
    }

    #[test]
    fn block_word_count_matches_the_simple_count() {
        let pieces = [
            "a", " ", "—", "-", "x1", "\n", "..", "é", "🙂", "可能", "\t", "(", "ok)", "\u{b}",
            "\u{c}", "\r", "\u{a0}", "Z", "_", "9",
        ];
        let mut state = 12345u64;
        for _ in 0..3000 {
            let mut text = String::new();
            let len = (state % 150) as usize;
            for _ in 0..len {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(count_words(&text), count_words_simply(&text), "{text:?}");
        }
    }

    #[test]
    fn word_count_table() {
        let table: &[(&str, usize)] = &[
            ("", 0),
            ("one", 1),
            ("  two words ", 2),
            ("a - b — c", 3),
            ("line\nbreak\ttab", 3),
            ("Минск 可能 🙂", 2),
            ("“Yes” – «non» café…", 3),
            ("15,000 troops.", 2),
            ("... !!", 0),
        ];
        for (text, words) in table {
            assert_eq!(count_words(text), *words, "{text:?}");
        }
    }
}

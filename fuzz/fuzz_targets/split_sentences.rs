//! Sentence splitting: any text splits into ranges that are in order,
//! non-overlapping, non-empty, on char boundaries, trimmed, and that cover
//! every non-white-space character.
#![no_main]

use libfuzzer_sys::fuzz_target;

use hedgescore::text::sentences::SentenceSplitter;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let ranges = SentenceSplitter::english().split(text);

    // `split_into` appends: what was in the vector stays.
    let mut appended = vec![0..0];
    SentenceSplitter::english().split_into(text, &mut appended);
    assert_eq!(appended.remove(0), 0..0, "split_into must append");
    assert_eq!(appended, ranges, "split and split_into disagree on {text:?}");

    let mut covered = 0;
    for r in &ranges {
        assert!(r.start < r.end, "empty range {r:?} in {text:?}");
        assert!(covered <= r.start, "overlap or disorder at {r:?} in {text:?}");
        assert!(r.end <= text.len(), "range {r:?} past the end of {text:?}");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "range {r:?} not on char boundaries in {text:?}"
        );
        let between = &text[covered..r.start];
        assert!(
            between.chars().all(char::is_whitespace),
            "non-white-space {between:?} before {r:?} is in no sentence, in {text:?}"
        );
        let sentence = &text[r.clone()];
        assert_eq!(
            sentence.trim(),
            sentence,
            "untrimmed sentence {r:?} in {text:?}"
        );
        covered = r.end;
    }
    let tail = &text[covered..];
    assert!(
        tail.chars().all(char::is_whitespace),
        "non-white-space tail {tail:?} is in no sentence, in {text:?}"
    );
});

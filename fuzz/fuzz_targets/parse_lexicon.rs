//! Lexicon parsing: any text is accepted or rejected with an error, never a
//! panic; a lexicon that parses builds a scorer whose certainties stay in
//! [0, 1]. The first byte picks the kind of file: a lexicon or categories
//! table, a LIWC `.dic` or a `.dicx` dictionary.
#![no_main]

use libfuzzer_sys::fuzz_target;

use hedgescore::{Lexicon, ScoreParams, ScoredText, Scorer};

const SENTENCE: &str = "It may well be, as some suggest, that the plan could fail; \
    it is also possible that it will certainly not work, no doubt about 5 May.";

fuzz_target!(|data: &[u8]| {
    let Some((&kind, data)) = data.split_first() else {
        return;
    };
    let origin = match kind % 3 {
        0 => "fuzz.tsv",
        1 => "fuzz.dic",
        _ => "fuzz.dicx",
    };
    let text = String::from_utf8_lossy(data);
    let mut lexicon = Lexicon::new();
    if lexicon.add_text(origin, &text).is_err() {
        assert!(lexicon.is_empty(), "a failed add_text must add nothing");
        return;
    }
    if lexicon.is_empty() {
        return;
    }
    // Every cue of the lexicon, joined into one sentence, so the fuzzer's own
    // cues are matched (the fixed sentence alone rarely holds them).
    let mut own = String::new();
    for (i, cue) in lexicon.iter().enumerate() {
        own.push_str(if i % 2 == 0 { " " } else { " 12 " });
        own.push_str(&cue.text);
        if cue.prefix {
            own.push_str("ing");
        }
    }
    own.push('.');
    let Ok(scorer) = Scorer::new(lexicon, ScoreParams::default()) else {
        return;
    };
    let mut scored = ScoredText::default();
    for text in [SENTENCE, own.as_str()] {
        scorer.score_text(text, &mut scored);
        check(text, &scored);
        scorer.score_as_sentence(text, &mut scored);
        check(text, &scored);
    }
});

fn check(text: &str, scored: &ScoredText) {
    for s in &scored.sentences {
        assert!(
            (0.0..=1.0).contains(&s.certainty),
            "certainty {} (hedge {}, boost {}) outside [0, 1] for {:?}",
            s.certainty,
            s.hedge,
            s.boost,
            &text[s.span.clone()]
        );
        for cue in scored.cues_of(s) {
            assert!(
                s.span.start <= cue.span.start && cue.span.end <= s.span.end,
                "cue {:?} outside its sentence {:?} in {text:?}",
                cue.span,
                s.span
            );
        }
    }
}

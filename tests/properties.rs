//! Invariants that must hold for any input, checked with proptest.

use std::path::PathBuf;

use hedgescore::input::{Limits, Source};
use hedgescore::matching::is_word_char;
use hedgescore::output::{JsonRows, Level, ReportWriter};
use hedgescore::run::{RunOptions, run};
use hedgescore::text::sentences::SentenceSplitter;
use hedgescore::{ScoredText, Scorer};
use proptest::prelude::*;

/// Text made of words that are cues, near-cues and plain words, with the
/// punctuation, abbreviations, numbers and white space that split sentences,
/// and some non-Latin scripts, emoji and combining marks.
fn texty() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("may"),
        Just("May"),
        Just("might"),
        Just("could"),
        Just("possibly"),
        Just("suggest"),
        Just("speculation"),
        Just("it is also possible"),
        Just("not"),
        Just("no doubt"),
        Just("clearly"),
        Just("is convinced"),
        Just("about"),
        Just("approximately"),
        Just("15,000"),
        Just("3.5"),
        Just("Dr."),
        Just("U.S."),
        Just("e.g."),
        Just("the"),
        Just("troops"),
        Just("maybe"),
        Just("dismay"),
        Just("."),
        Just("?"),
        Just("!"),
        Just("..."),
        Just("\""),
        Just(","),
        Just("\n"),
        Just("\n\n"),
        Just("\r\n"),
        Just("  "),
        Just("Минск"),
        Just("可能"),
        Just("🙂"),
        Just("e\u{301}"),
        Just("'"),
        Just("(1)"),
    ];
    proptest::collection::vec(token, 0..60).prop_map(|tokens| tokens.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sentence_spans_are_ordered_disjoint_and_cover_all_text(text in texty()) {
        let spans = SentenceSplitter::english().split(&text);
        let mut covered = vec![false; text.len()];
        let mut previous_end = 0;
        for span in &spans {
            prop_assert!(span.start >= previous_end, "overlap or disorder: {spans:?}");
            prop_assert!(span.start < span.end, "empty span");
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let sentence = &text[span.clone()];
            prop_assert_eq!(sentence.trim(), sentence, "untrimmed span");
            covered[span.clone()].iter_mut().for_each(|c| *c = true);
            previous_end = span.end;
        }
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() {
                prop_assert!(covered[i], "byte {i} ({c:?}) not in any sentence: {spans:?}");
            }
        }
    }

    #[test]
    fn cues_lie_inside_their_sentence_on_word_boundaries_and_certainty_is_bounded(text in texty()) {
        let scorer = Scorer::english();
        let mut scored = ScoredText::default();
        scorer.score_text(&text, &mut scored);
        for sentence in &scored.sentences {
            prop_assert!((0.0..=1.0).contains(&sentence.certainty));
            for cue in scored.cues_of(sentence) {
                prop_assert!(sentence.span.start <= cue.span.start && cue.span.end <= sentence.span.end);
                let before = text[..cue.span.start].chars().next_back();
                let first = text[cue.span.clone()].chars().next().unwrap();
                let last = text[cue.span.clone()].chars().next_back().unwrap();
                let after = text[cue.span.end..].chars().next();
                prop_assert!(!(before.is_some_and(is_word_char) && is_word_char(first)), "cue starts inside a word");
                prop_assert!(!(after.is_some_and(is_word_char) && is_word_char(last)), "cue ends inside a word");
            }
        }
        // Scoring is deterministic.
        let mut again = ScoredText::default();
        scorer.score_text(&text, &mut again);
        prop_assert_eq!(&scored.sentences, &again.sentences);
    }
}

struct TempFiles(PathBuf);

impl Drop for TempFiles {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_to_string(sources: &[Source], level: Level, options: RunOptions) -> String {
    let writer = ReportWriter::new(Vec::new(), Box::new(JsonRows::lines(level)));
    let (_, out) = run(&Scorer::english(), sources, options, writer, &|_| {}, None).unwrap();
    String::from_utf8(out).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn output_does_not_depend_on_threads_or_piece_size(
        texts in proptest::collection::vec(texty(), 1..6),
        case in 0u32..1_000_000,
    ) {
        let dir = std::env::temp_dir().join(format!("hedgescore-prop-{}-{case}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let _cleanup = TempFiles(dir.clone());
        // Paragraph breaks give the pieces somewhere to be cut: with pieces
        // longer than any paragraph, every cut falls on one.
        let texts: Vec<String> = texts.iter().map(|t| t.replace(". ", ".\n\n")).collect();
        let longest_paragraph = texts
            .iter()
            .flat_map(|t| t.split("\n\n"))
            .map(str::len)
            .max()
            .unwrap_or(0);
        let sources: Vec<Source> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let path = dir.join(format!("{i}.txt"));
                std::fs::write(&path, text).unwrap();
                Source::File(path)
            })
            .collect();
        for level in [Level::Article, Level::Sentence] {
            let one = run_to_string(&sources, level, RunOptions::new(1));
            let three = run_to_string(&sources, level, RunOptions::new(3));
            prop_assert_eq!(&one, &three);
            let small_pieces = RunOptions {
                piece_bytes: longest_paragraph + 4,
                ..RunOptions::new(2)
            };
            if level == Level::Sentence {
                // Pieces cut after a few sentences each (as a run of very
                // short sentences is): the rows are the same, in order.
                for piece_sentences in [1, 2, 5] {
                    let few = RunOptions {
                        piece_sentences,
                        ..RunOptions::new(2)
                    };
                    prop_assert_eq!(&run_to_string(&sources, level, few), &one, "{} sentences a piece", piece_sentences);
                }
            }
            if level == Level::Article {
                // Per-article figures do not depend on where inputs were cut.
                let cut = run_to_string(&sources, level, small_pieces);
                let strip = |s: &str| -> Vec<serde_json::Value> {
                    s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
                };
                let (whole, cut) = (strip(&one), strip(&cut));
                prop_assert_eq!(whole.len(), cut.len(), "one row per article");
                for (w, c) in whole.iter().zip(&cut) {
                    prop_assert_eq!(&w["article"], &c["article"]);
                    prop_assert_eq!(&w["words"], &c["words"]);
                    prop_assert_eq!(&w["boosters"], &c["boosters"]);
                    prop_assert_eq!(&w["sentences"], &c["sentences"]);
                    prop_assert_eq!(&w["uncertain_sentences"], &c["uncertain_sentences"]);
                    prop_assert_eq!(&w["hedges"], &c["hedges"]);
                }
            }
        }
    }

    #[test]
    fn output_does_not_depend_on_how_inputs_are_grouped_into_runs(
        texts in proptest::collection::vec(texty(), 2..5),
        case in 0u32..1_000_000,
    ) {
        let dir = std::env::temp_dir().join(format!("hedgescore-group-{}-{case}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let _cleanup = TempFiles(dir.clone());
        let sources: Vec<Source> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let path = dir.join(format!("{i}.txt"));
                std::fs::write(&path, text).unwrap();
                Source::File(path)
            })
            .collect();
        for level in [Level::Article, Level::Sentence] {
            let options = RunOptions::new(2);
            let together = run_to_string(&sources, level, options.clone());
            let apart: String = sources
                .iter()
                .map(|s| run_to_string(std::slice::from_ref(s), level, options.clone()))
                .collect();
            prop_assert_eq!(together, apart);
        }
    }
}

/// Bytes that are not valid UTF-8: a stray lead or continuation byte, and
/// sequences cut short, which are repaired as one U+FFFD of three bytes.
fn bad_bytes() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![
        Just(&b"\xe9"[..]),
        Just(&b"\x80"[..]),
        Just(&b"\xff\xfe"[..]),
        Just(&b"\xe2\x80"[..]),
        Just(&b"\xf0\x9f\x98"[..]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// Offsets are bytes of the input, also where invalid UTF-8 was
    /// repaired and where the input was cut into pieces: each sentence's
    /// and cue's input bytes, decoded, are the text its row shows.
    #[test]
    fn offsets_point_into_the_input_after_invalid_utf8_is_repaired(
        text in texty(),
        bad in proptest::collection::vec((any::<proptest::sample::Index>(), bad_bytes()), 1..6),
        piece_bytes in 16usize..400,
        case in 0u32..1_000_000,
    ) {
        let dir = std::env::temp_dir().join(format!("hedgescore-repair-{}-{case}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let _cleanup = TempFiles(dir.clone());
        // Bad bytes go between characters: before, inside and after
        // sentences, and so on either side of where pieces are cut.
        let mut input = text.into_bytes();
        for (at, bytes) in &bad {
            let boundaries: Vec<usize> = (0..=input.len())
                .filter(|&i| i == input.len() || (input[i] as i8) >= -0x40)
                .collect();
            let at = boundaries[at.index(boundaries.len())];
            input.splice(at..at, bytes.iter().copied());
        }
        let path = dir.join("input.txt");
        std::fs::write(&path, &input).unwrap();
        let input_text = |start: usize, end: usize| {
            let bytes = input.get(start..end)?;
            Some(String::from_utf8_lossy(bytes).split_whitespace().collect::<Vec<_>>().join(" "))
        };
        // The last: lines cut short at 8 bytes, their rest dropped.
        for (lines, piece_bytes, line_bytes) in [(false, 1 << 20, 1 << 20), (false, piece_bytes, 1 << 20), (true, piece_bytes, 1 << 20), (true, piece_bytes, 8)] {
            let options = RunOptions {
                lines,
                piece_bytes,
                limits: Limits { line_bytes, ..Limits::default() },
                ..RunOptions::new(2)
            };
            let out = run_to_string(&[Source::File(path.clone())], Level::Sentence, options);
            for row in out.lines() {
                let row: serde_json::Value = serde_json::from_str(row).unwrap();
                let at = |value: &serde_json::Value| value.as_u64().unwrap() as usize;
                prop_assert_eq!(input_text(at(&row["start"]), at(&row["end"])), row["text"].as_str().map(str::to_string), "{}", row);
                for cue in row["cues"].as_array().unwrap() {
                    prop_assert_eq!(input_text(at(&cue["start"]), at(&cue["end"])), cue["text"].as_str().map(str::to_string), "{}", cue);
                }
            }
        }
    }
}

/// Sentences of words that are cues, negators, boosters, neutral entries
/// and group nouns, so that every context rule has a say in the fit.
fn cue_sentence() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("may"),
        Just("might"),
        Just("could"),
        Just("not"),
        Just("no doubt"),
        Just("clearly"),
        Just("some"),
        Just("economists"),
        Just("genes"),
        Just("about"),
        Just("300"),
        Just("said"),
        Just("would"),
        Just("not only"),
        Just("suggest"),
        Just("the"),
        Just("plant"),
    ];
    proptest::collection::vec(word, 1..8).prop_map(|w| format!("{}.", w.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the labels, the file a fit writes, read back on the
    /// default lexicon, scores every sentence as the fit computed (the fit
    /// checks this itself and fails otherwise).
    #[test]
    fn a_fitted_file_reproduces_the_fit(
        sentences in proptest::collection::vec((cue_sentence(), 0..2u8), 60..90),
        seed in 0..1000u64,
    ) {
        use hedgescore::tune::bootstrap::Bootstrap;
        use hedgescore::tune::eval::GoldSentence;
        use hedgescore::tune::fit::{self, FitOptions, Goal, Labelled, write};
        let uncertain = sentences.iter().filter(|(_, l)| *l == 1).count();
        prop_assume!((5..=sentences.len() - 5).contains(&uncertain));
        let gold = sentences
            .iter()
            .enumerate()
            .map(|(i, (text, label))| GoldSentence {
                line: i as u64 + 1,
                label: f64::from(*label),
                text: text.clone(),
            })
            .collect();
        let labelled = Labelled { paths: vec!["gold.tsv".into()], gold, goal: Goal::F1 };
        let options = FitOptions { seed, min_net: 1, ..FitOptions::default() };
        let start = hedgescore::Lexicon::english();
        let fitted = fit::fit(&start, Default::default(), labelled, &options).unwrap();
        let summary = fitted.summary(&Bootstrap { resamples: 50, seed });
        let provenance = write::Provenance {
            command: "test".into(),
            date: "2026-01-01".into(),
            default_lexicon: true,
            scoring_flags: String::new(),
        };
        let file = write::lexicon_file(&fitted, &summary, &provenance);
        prop_assert!(write::verify(&fitted, &file, true).is_ok(), "{file}");
    }
}

/// The default lexicon with a made-up dictionary over it: phrases, a
/// wildcard, a contraction, a word in two categories, a negator category.
fn dictionary_scorer() -> Scorer {
    let mut lexicon = hedgescore::Lexicon::english();
    let dic = "%\n1\tprop_tentat\n2\tprop_cog\n3\tprop_negate\n%\n\
               maybe\t1\t2\nkind of\t1\nit is also\t2\nposs*\t1\ncouldn't\t1\nnot\t3\nthe\t2\n";
    lexicon.add_text("prop.dic", dic).unwrap();
    lexicon.declare("prop_tentat=hedge".parse().unwrap());
    lexicon.declare("prop_negate=negator".parse().unwrap());
    Scorer::new(lexicon, hedgescore::ScoreParams::default()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn percentages_of_words_stay_within_0_and_100_and_agree_with_the_counts(
        text in texty(),
        extra in proptest::collection::vec(
            prop_oneof![Just("kind of"), Just("kind\nof"), Just("couldn't"), Just("could n't"), Just("possibly")],
            0..6,
        ),
    ) {
        let text = format!("{text} {}", extra.join(" "));
        let scorer = dictionary_scorer();
        let article = hedgescore::Article::new("a", &text);
        let mut scored = ScoredText::default();
        scorer.score_text(article.body(), &mut scored);
        let report = hedgescore::ArticleReport::new(&scorer, &article, &scored);
        let covered = report.cue_word_percent();
        prop_assert!((0.0..=100.0).contains(&covered), "{covered} in {text:?}");
        let mut most = 0.0f64;
        for (category, tally) in &report.by_category {
            let percent = report.category_percent(*category);
            prop_assert!((0.0..=100.0 + 1e-9).contains(&percent), "{category}: {percent}");
            prop_assert!(tally.words >= tally.cues, "{category}: {tally:?}");
            most = most.max(percent);
        }
        prop_assert!(most <= covered + 1e-9, "{most} > {covered} in {text:?}");
        prop_assert_eq!(report.cue_words == 0, report.by_category.is_empty());
    }
}

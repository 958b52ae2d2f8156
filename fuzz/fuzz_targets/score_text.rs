//! Scoring and rendering: any text scores to certainties in [0, 1] with cue
//! spans inside their sentences, and renders in every format and level
//! without a panic; JSON output parses.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

use hedgescore::output::{
    self, ArticleRow, Carried, Dialect, Format, Level, Place, ReportWriter, RowContext, Scratch, ScoredPiece,
};
use hedgescore::{Article, ArticleReport, ScoredText, Scorer};

static SCORER: LazyLock<Scorer> = LazyLock::new(Scorer::english);

const FORMATS: [Format; 4] = [Format::Csv, Format::Json, Format::Jsonl, Format::Text];
const LEVELS: [Level; 2] = [Level::Article, Level::Sentence];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let scorer = &*SCORER;
    let mut scored = ScoredText::default();

    scorer.score_text(text, &mut scored);
    check(text, &scored, false);
    scorer.score_as_sentence(text, &mut scored);
    check(text, &scored, true);

    let article = Article::new("x", text);
    let body = article.body();
    assert!(
        text.get(article.body_offset()..) == Some(body),
        "body is not the text from body_offset {} in {text:?}",
        article.body_offset()
    );
    scorer.score_text(body, &mut scored);
    check(body, &scored, false);
    let report = ArticleReport::new(scorer, &article, &scored);
    assert_eq!(report.sentences, scored.sentences.len());
    for c in [report.certainty, report.min_certainty].into_iter().flatten() {
        assert!((0.0..=1.0).contains(&c), "article certainty {c} outside [0, 1] for {text:?}");
    }
    let carried = Carried::default();
    let context = RowContext {
        article: article.id(),
        date: article.date(),
        offset: article.body_offset(),
        repairs: &hedgescore::text::utf8::Repairs::default(),
        carried: &carried,
    };

    for format in FORMATS {
        for level in LEVELS {
            let printer = output::printer(format, level, Dialect::CSV);
            let (mut scratch, mut rows) = (Scratch::default(), Vec::new());
            let place = Place { article: 1, first_sentence: 1, whole: true };
            let piece = ScoredPiece { scorer, context, text: body, scored: &scored, place };
            printer.piece(&mut scratch, &piece, &mut rows);
            let row = ArticleRow {
                report: &report,
                status: None,
                carried: &carried,
                categories: hedgescore::Category::COUNTED,
                liwc_measures: true,
                number: 1,
                input: "fuzz.txt",
            };
            if printer.needs().articles {
                printer.article(&mut scratch, &row, &mut rows);
            }
            let mut writer = ReportWriter::new(Vec::new(), printer);
            writer.write_rows(&rows).expect("writing to memory");
            let whole = writer.finish().expect("writing to memory");
            match format {
                Format::Jsonl => {
                    let rows = std::str::from_utf8(&rows).expect("JSONL is UTF-8");
                    let mut count = 0;
                    for line in rows.lines() {
                        let value: serde_json::Value = serde_json::from_str(line)
                            .unwrap_or_else(|e| panic!("bad JSONL line {line:?}: {e}; text {text:?}"));
                        assert!(value.is_object(), "JSONL row {line:?} is not an object");
                        count += 1;
                    }
                    let expected = match level {
                        Level::Article => 1,
                        Level::Sentence => scored.sentences.len(),
                        Level::Group => unreachable!("group rows come after a run, not a piece"),
                    };
                    assert_eq!(count, expected, "JSONL rows for {level:?} of {text:?}:\n{rows}");
                }
                Format::Json => {
                    let value: serde_json::Value = serde_json::from_slice(&whole)
                        .unwrap_or_else(|e| {
                            panic!("bad JSON {:?}: {e}; text {text:?}", String::from_utf8_lossy(&whole))
                        });
                    assert!(value.is_array(), "JSON output is not an array");
                }
                Format::Csv | Format::Text | Format::Html => {
                    std::str::from_utf8(&whole).expect("output is UTF-8");
                }
                // A workbook per input would be slow: tests/spreadsheets.rs reads ours back.
                Format::Xlsx => unreachable!("not in FORMATS"),
            }
        }
    }

    // The HTML report: valid UTF-8, and no markup from the input survives.
    let mut html = Vec::new();
    hedgescore::output::html::document_start(article.id(), &mut html);
    let place = hedgescore::output::html::Place { article: 1, first_sentence: 1, whole: true };
    hedgescore::output::html::article_section(scorer, context, body, &scored, place, &mut html);
    hedgescore::output::html::summary_table(&[(1, report)], &mut html);
    hedgescore::output::html::document_end(&mut html);
    let html = std::str::from_utf8(&html).expect("HTML is UTF-8");
    assert!(!html.to_ascii_lowercase().contains("<script"), "input markup leaked into the report");
});

/// Certainties in [0, 1]; sentences in order, on char boundaries; cue spans
/// inside their sentence and on char boundaries.
fn check(text: &str, scored: &ScoredText, one_sentence: bool) {
    if one_sentence {
        assert_eq!(scored.sentences.len(), 1, "score_as_sentence must give one sentence");
    }
    let mut end = 0;
    for s in &scored.sentences {
        assert!(
            (0.0..=1.0).contains(&s.certainty),
            "certainty {} outside [0, 1] in {text:?}",
            s.certainty
        );
        assert!(end <= s.span.start && s.span.start <= s.span.end, "sentence {:?} out of order", s.span);
        end = s.span.end;
        assert!(
            text.get(s.span.clone()).is_some(),
            "sentence {:?} not on char boundaries in {text:?}",
            s.span
        );
        assert!(s.cues.end <= scored.cues.len(), "sentence cues {:?} past the end", s.cues);
        for cue in scored.cues_of(s) {
            assert!(
                s.span.start <= cue.span.start && cue.span.start < cue.span.end && cue.span.end <= s.span.end,
                "cue {:?} not inside its sentence {:?} in {text:?}",
                cue.span,
                s.span
            );
            assert!(
                text.get(cue.span.clone()).is_some(),
                "cue {:?} not on char boundaries in {text:?}",
                cue.span
            );
            assert!(cue.cue < SCORER.lexicon().len(), "cue index {} past the lexicon", cue.cue);
        }
    }
}

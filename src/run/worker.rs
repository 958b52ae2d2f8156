//! The worker: scores a piece and renders what it shows through the
//! format's printer (its sentence rows, an HTML section), and the row of
//! an article it holds whole. Never reads or writes; each thread keeps
//! its own worker, with its buffers.

use super::decode;
use super::options::RunOptions;
use super::piece::{ArticlePart, Done, Origin, Piece, ReadEvent, Scored, Text, article_status};
use crate::output::{self, ArticleRow, Needs, Place, Printer, RowContext, Schema, Scratch};
use crate::report::ReportBuilder;
use crate::scoring::{ScoredText, Scorer};

/// Scores pieces; each thread keeps its own, with its buffers.
pub(super) struct Worker<'a> {
    scorer: &'a Scorer,
    printer: &'a dyn Printer,
    needs: Needs,
    lines: bool,
    schema: &'a Schema,
    scratch: Scratch,
    scored: ScoredText,
}

impl<'a> Worker<'a> {
    /// A worker for one thread, rendering with `printer` article rows of
    /// `schema`.
    pub(super) fn new(
        scorer: &'a Scorer,
        printer: &'a dyn Printer,
        options: &RunOptions,
        schema: &'a Schema,
    ) -> Worker<'a> {
        Worker {
            scorer,
            printer,
            needs: printer.needs(),
            lines: options.lines,
            schema,
            scratch: Scratch::default(),
            scored: ScoredText::default(),
        }
    }

    /// Scores a piece; a problem or a table's end passes through.
    pub(super) fn process(&mut self, event: ReadEvent) -> Done {
        match event {
            ReadEvent::Piece(piece) => Done::Scored(Box::new(self.score(piece))),
            ReadEvent::Problem(problem) => Done::Problem(problem),
            ReadEvent::TableEnd(seq) => Done::TableEnd(seq),
        }
    }

    fn score(&mut self, piece: Piece) -> Scored {
        let Piece {
            mut origin,
            text,
            first_number,
            ..
        } = piece;
        let text = decode::ready(text, &mut origin, self.lines);
        let place = Place {
            article: origin.article,
            first_sentence: first_number,
            whole: origin.extent.whole(),
        };
        // Room for the rows made once: sentence rows (and HTML) run to
        // about twice their text (CSV 1.9 times). Grown from empty, the
        // buffer was copied some ten times per piece, which cost 3% of a
        // sentence-level run on one thread and 8% on two.
        let capacity = if self.needs.sentences {
            2 * text.text.len() + 256
        } else {
            0
        };
        let mut rows = Vec::with_capacity(capacity);
        let article = if self.lines {
            self.score_lines(&origin, &text, place, &mut rows);
            ArticlePart::None
        } else {
            self.score_text(&origin, &text, place, &mut rows)
        };
        Scored {
            origin,
            rows,
            article,
            bytes: text.text.len(),
        }
    }

    /// Scores each line as one sentence.
    fn score_lines(&mut self, origin: &Origin, text: &Text, place: Place, rows: &mut Vec<u8>) {
        let mut line_offset = 0;
        for (i, line) in text.text.split_inclusive('\n').enumerate() {
            let line_text = line.trim_end_matches(['\n', '\r']);
            self.scorer.score_as_sentence(line_text, &mut self.scored);
            let piece = output::ScoredPiece {
                scorer: self.scorer,
                context: context(origin, text, text.offset + line_offset),
                text: line_text,
                scored: &self.scored,
                place: Place {
                    first_sentence: place.first_sentence + i,
                    ..place
                },
            };
            self.printer.piece(&mut self.scratch, &piece, rows);
            line_offset += line.len();
        }
    }

    /// Scores article text, and gives its part of the article's report
    /// when the format has article rows.
    fn score_text(
        &mut self,
        origin: &Origin,
        text: &Text,
        place: Place,
        rows: &mut Vec<u8>,
    ) -> ArticlePart {
        match &text.sentences {
            Some(sentences) => {
                self.scorer
                    .score_split_text(&text.text, sentences, &mut self.scored)
            }
            // A piece cut inside a line measures that line as the whole.
            None if text.line_before > 0 => {
                let splitter = self.scorer.splitter();
                let sentences = splitter.split_within_line(&text.text, text.line_before);
                self.scorer
                    .score_split_text(&text.text, &sentences, &mut self.scored)
            }
            None => self.scorer.score_text(&text.text, &mut self.scored),
        }
        let piece = output::ScoredPiece {
            scorer: self.scorer,
            context: context(origin, text, text.offset),
            text: &text.text,
            scored: &self.scored,
            place,
        };
        self.printer.piece(&mut self.scratch, &piece, rows);
        if !self.needs.articles {
            return ArticlePart::None;
        }
        let mut builder = ReportBuilder::default();
        builder.add(self.scorer, &text.text, &self.scored);
        if !place.whole {
            return ArticlePart::Part(builder);
        }
        // A whole article's row is rendered here rather than by the
        // assembler, which runs under a lock: finishing the report
        // (sorting its cues) is work that scales with threads.
        let report = builder.finish(&origin.name, origin.date.as_deref());
        let status = article_status(origin);
        let article = ArticleRow {
            report: &report,
            status: status.as_deref(),
            carried: &origin.carried,
            categories: &self.schema.categories,
            liwc_measures: self.schema.liwc_measures,
            number: origin.article,
            input: &origin.input,
        };
        let mut row = Vec::with_capacity(512);
        self.printer.article(&mut self.scratch, &article, &mut row);
        ArticlePart::Whole { report, row }
    }
}

/// What rows say about the article a piece is from; `offset` is where the
/// scored text starts in the input's text.
fn context<'a>(origin: &'a Origin, text: &'a Text, offset: usize) -> RowContext<'a> {
    RowContext {
        article: &origin.name,
        date: origin.date.as_deref(),
        offset,
        repairs: &text.repairs,
        carried: &origin.carried,
    }
}

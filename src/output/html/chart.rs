//! The inline SVG chart of a section: the certainty of each sentence,
//! x the sentence number, y the certainty from 0 to 1, with a dashed line
//! at the neutral certainty; each point links to its sentence.

use super::markup::{escape, put};
use crate::output::columns::{ScoredPiece, label};

/// The chart's drawing area, in SVG user units (it scales to the page).
const CHART_WIDTH: f64 = 720.0;
const CHART_HEIGHT: f64 = 150.0;
const CHART_LEFT: f64 = 40.0;
const CHART_RIGHT: f64 = 14.0;
const CHART_TOP: f64 = 10.0;
const CHART_BOTTOM: f64 = 24.0;

/// Point colours: certain and uncertain sentences (both at least 4.5:1
/// against white).
pub(super) const CERTAIN_COLOUR: &str = "#1f5fa8";
pub(super) const UNCERTAIN_COLOUR: &str = "#b3261e";

/// Where the chart puts things, for a run of sentences.
struct Plot {
    /// Sentences shown.
    n: usize,
    first_number: usize,
}

impl Plot {
    const WIDTH: f64 = CHART_WIDTH - CHART_LEFT - CHART_RIGHT;
    const HEIGHT: f64 = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM;

    /// The x of the `i`th sentence shown.
    fn x(&self, i: usize) -> f64 {
        if self.n == 1 {
            CHART_LEFT + Plot::WIDTH / 2.0
        } else {
            CHART_LEFT + Plot::WIDTH * i as f64 / (self.n - 1) as f64
        }
    }

    /// The y of a certainty.
    fn y(&self, certainty: f64) -> f64 {
        CHART_TOP + Plot::HEIGHT * (1.0 - certainty.clamp(0.0, 1.0))
    }

    fn last_number(&self) -> usize {
        self.first_number + self.n - 1
    }
}

/// Writes the chart of a piece's sentences (at least one) for the section
/// `section`.
pub(super) fn chart(piece: &ScoredPiece, section: &str, out: &mut Vec<u8>) {
    let plot = Plot {
        n: piece.scored.sentences.len(),
        first_number: piece.place.first_sentence,
    };
    let (first_number, last_number) = (plot.first_number, plot.last_number());
    out.extend_from_slice(b"<figure class=\"chart\">\n");
    put(
        out,
        format_args!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {CHART_WIDTH} {CHART_HEIGHT}\" \
             role=\"img\" aria-label=\"Certainty of sentences {first_number} to {last_number} of "
        ),
    );
    escape(piece.context.article, out);
    out.extend_from_slice(b"\" font-size=\"11\" font-family=\"system-ui, sans-serif\">\n");
    let neutral = piece.scorer.params().neutral;
    axes(&plot, neutral, out);
    end_labels(&plot, out);
    if plot.n > 1 {
        line(&plot, piece, out);
    }
    points(&plot, piece, section, out);
    out.extend_from_slice(b"</svg>\n");
    put(
        out,
        format_args!(
            "<figcaption>Certainty by sentence: <span style=\"color:{UNCERTAIN_COLOUR}\">●</span> uncertain, \
             <span style=\"color:{CERTAIN_COLOUR}\">●</span> certain; the dashed line is a sentence \
             with no cues ({neutral}).</figcaption>\n</figure>\n"
        ),
    );
}

/// Grid lines at 0, 0.5 and 1, and the dashed line at `neutral`.
fn axes(plot: &Plot, neutral: f64, out: &mut Vec<u8>) {
    for (value, name) in [(0.0, "0"), (0.5, "0.5"), (1.0, "1")] {
        put(
            out,
            format_args!(
                "<line x1=\"{CHART_LEFT}\" x2=\"{x2}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e2e2e2\"/>\
                 <text x=\"{tx}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#555\">{name}</text>\n",
                x2 = CHART_WIDTH - CHART_RIGHT,
                y = plot.y(value),
                tx = CHART_LEFT - 6.0,
                ty = plot.y(value) + 4.0,
            ),
        );
    }
    put(
        out,
        format_args!(
            "<line class=\"neutral\" x1=\"{CHART_LEFT}\" x2=\"{x2}\" y1=\"{y:.1}\" y2=\"{y:.1}\" \
             stroke=\"#666\" stroke-dasharray=\"5 4\"><title>neutral certainty {neutral}</title></line>\
             <text x=\"{x2}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#555\">neutral {neutral}</text>\n",
            x2 = CHART_WIDTH - CHART_RIGHT,
            y = plot.y(neutral),
            ty = plot.y(neutral) - 4.0,
        ),
    );
}

/// Sentence numbers at both ends of the x axis.
fn end_labels(plot: &Plot, out: &mut Vec<u8>) {
    let label_y = CHART_HEIGHT - 6.0;
    let first_number = plot.first_number;
    put(
        out,
        format_args!(
            "<text x=\"{x0:.1}\" y=\"{label_y}\" text-anchor=\"{a0}\" fill=\"#555\">sentence {first_number}</text>\n",
            x0 = plot.x(0),
            a0 = if plot.n == 1 { "middle" } else { "start" },
        ),
    );
    if plot.n > 1 {
        put(
            out,
            format_args!(
                "<text x=\"{x1:.1}\" y=\"{label_y}\" text-anchor=\"end\" fill=\"#555\">{last}</text>\n",
                x1 = plot.x(plot.n - 1),
                last = plot.last_number(),
            ),
        );
    }
}

/// The line through the sentences' points.
fn line(plot: &Plot, piece: &ScoredPiece, out: &mut Vec<u8>) {
    out.extend_from_slice(
        b"<polyline fill=\"none\" stroke=\"#9aa5b1\" stroke-width=\"1\" points=\"",
    );
    for (i, sentence) in piece.scored.sentences.iter().enumerate() {
        put(
            out,
            format_args!("{:.1},{:.1} ", plot.x(i), plot.y(sentence.certainty)),
        );
    }
    out.extend_from_slice(b"\"/>\n");
}

/// A point per sentence, linking to it.
fn points(plot: &Plot, piece: &ScoredPiece, section: &str, out: &mut Vec<u8>) {
    let radius = match plot.n {
        0..=60 => 4.0,
        61..=200 => 3.0,
        _ => 1.8,
    };
    for (i, sentence) in piece.scored.sentences.iter().enumerate() {
        let number = plot.first_number + i;
        put(
            out,
            format_args!(
                "<a href=\"#{section}-s{number}\"><circle class=\"point {label}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" \
                 r=\"{radius}\" fill=\"{fill}\"><title>Sentence {number}: certainty {c:.4}, {label}</title></circle></a>\n",
                label = label(sentence),
                cx = plot.x(i),
                cy = plot.y(sentence.certainty),
                fill = if sentence.uncertain {
                    UNCERTAIN_COLOUR
                } else {
                    CERTAIN_COLOUR
                },
                c = sentence.certainty,
            ),
        );
    }
}

//! The chart of a section: the certainty of each sentence shown, left to
//! right, with the grid at 0, 0.5 and 1 and a dashed line at the neutral
//! certainty; each point links to its sentence. Labels sit outside the
//! drawing area, so no point covers one.

use super::markup::put;
use super::plot::{Frame, STRETCH_WIDTH, x_percent};
use crate::output::columns::{ScoredPiece, label};
use crate::scoring::Sentence;

/// A section shows a chart from this many sentences: one or two are read
/// faster than charted.
pub(super) const MIN_SENTENCES: usize = 3;

const FRAME: Frame = Frame {
    top: 8.0,
    height: 110.0,
    bottom: 20.0,
};

/// Points are inset this many percent of the width from the plot's ends.
const INSET: f64 = 1.0;

/// Point colours: certain and uncertain sentences (both at least 4.5:1
/// against white); the stylesheet fills the points by class.
pub(super) const CERTAIN_COLOUR: &str = "#1f5fa8";
pub(super) const UNCERTAIN_COLOUR: &str = "#b3261e";

/// Writes the chart of the first `shown` sentences of a piece, whose
/// sentences' ids start with `ids` ([`sentence_ids`](super::markup::sentence_ids)).
pub(super) fn chart(piece: &ScoredPiece, ids: &str, shown: usize, out: &mut Vec<u8>) {
    let first = piece.place.first_sentence;
    let last = first + shown - 1;
    let neutral = piece.scorer.params().neutral;
    out.extend_from_slice(b"<figure class=\"chart\">");
    let described = format!(
        "Certainty of sentences {first} to {last} of {}",
        piece.context.article
    );
    FRAME.open(&y_labels(neutral), 1.0, &described, out);
    let y = FRAME.y(neutral, 1.0);
    put(
        out,
        format_args!(
            "<line class=\"neutral\" x1=\"0\" x2=\"100%\" y1=\"{y:.1}\" y2=\"{y:.1}\">\
             <title>neutral certainty {neutral}: a sentence with no cues</title></line>"
        ),
    );
    let sentences = &piece.scored.sentences[..shown];
    trace(sentences, out);
    points(sentences, first, ids, out);
    let label_y = FRAME.label_y();
    put(
        out,
        format_args!(
            "<text x=\"{INSET}%\" y=\"{label_y}\">sentence {first}</text>\
             <text x=\"{x}%\" y=\"{label_y}\" text-anchor=\"end\">{last}</text>",
            x = 100.0 - INSET
        ),
    );
    Frame::close(out);
    put(
        out,
        format_args!(
            "<figcaption>Certainty by sentence: <span style=\"color:{UNCERTAIN_COLOUR}\">●</span> uncertain, \
             <span style=\"color:{CERTAIN_COLOUR}\">●</span> certain; the dashed line is a sentence \
             with no cues ({neutral}).</figcaption></figure>\n"
        ),
    );
}

/// The y axis's labels: 0, 0.5 and 1, and the neutral certainty unless it
/// would crowd one of them.
fn y_labels(neutral: f64) -> Vec<(f64, String)> {
    let mut labels = vec![
        (1.0, "1".to_string()),
        (0.5, "0.5".to_string()),
        (0.0, "0".to_string()),
    ];
    if [0.0, 0.5, 1.0]
        .iter()
        .all(|v: &f64| (v - neutral).abs() > 0.1)
    {
        labels.push((neutral, format!("{neutral}")));
    }
    labels
}

/// The line through the sentences' points, in the stretched SVG.
fn trace(sentences: &[Sentence], out: &mut Vec<u8>) {
    FRAME.open_stretched(out);
    out.extend_from_slice(
        b"<polyline class=\"trace\" vector-effect=\"non-scaling-stroke\" points=\"",
    );
    for (i, sentence) in sentences.iter().enumerate() {
        let x = STRETCH_WIDTH * x_percent(i, sentences.len(), INSET) / 100.0;
        let y = FRAME.stretched_y(sentence.certainty, 1.0);
        put(out, format_args!("{x:.1},{y:.1} "));
    }
    out.extend_from_slice(b"\"/></svg>");
}

/// A point per sentence, numbered from `first`, linking to it.
fn points(sentences: &[Sentence], first: usize, ids: &str, out: &mut Vec<u8>) {
    let radius = if sentences.len() <= 60 { 4 } else { 3 };
    for (i, sentence) in sentences.iter().enumerate() {
        let number = first + i;
        let label = label(sentence);
        put(
            out,
            format_args!(
                "<a href=\"#{ids}{number}\"><circle class=\"point {label}\" cx=\"{x:.2}%\" cy=\"{y:.1}\" r=\"{radius}\">\
                 <title>Sentence {number}: certainty {c:.4}, {label}</title></circle></a>",
                x = x_percent(i, sentences.len(), INSET),
                y = FRAME.y(sentence.certainty, 1.0),
                c = sentence.certainty,
            ),
        );
    }
}

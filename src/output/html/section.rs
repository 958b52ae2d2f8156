//! A section of the HTML report: one article (or one part of a long
//! article), with its chart and every sentence, cues highlighted by
//! category.

use super::chart::{MIN_SENTENCES, chart};
use super::markup::{escape, plural, put, section_id, sentence_ids};
use crate::lexicon::CategoryEffect;
use crate::output::columns::{ScoredPiece, label};
use crate::scoring::{CueMatch, Effect, Scorer, Sentence};

/// A section shows an article's first this many sentences: the size of a
/// section, and the memory the report keeps it in, stay bounded whatever
/// the article's length (its summary row has its totals).
pub const SECTION_SENTENCES: usize = 200;

/// Bytes of a sentence's text shown; the rest is cut, and said to be.
pub const SENTENCE_BYTES: usize = 2000;

/// The sentences of a piece that its section shows: those up to the
/// article's [`SECTION_SENTENCES`]th.
pub(super) fn shown(piece: &ScoredPiece) -> usize {
    let room = (SECTION_SENTENCES + 1).saturating_sub(piece.place.first_sentence);
    piece.scored.sentences.len().min(room)
}

/// Writes one article's section, or a piece of a long article: when its
/// first sentence is not the article's first, the piece continues the
/// article before it and gets no heading. Shows the certainty chart and
/// the sentences up to the article's [`SECTION_SENTENCES`]th, numbered
/// from its place's first sentence, with its certainty and label and its
/// cues highlighted by category; nothing for a piece beyond them.
pub(super) fn section(piece: &ScoredPiece, out: &mut Vec<u8>) {
    let id = section_id(piece.place.article, piece.context.article);
    let continued = piece.place.first_sentence > 1;
    let shown = shown(piece);
    if continued && shown == 0 {
        return;
    }
    heading(piece, &id, continued, out);
    meta(piece, &id, continued, shown, out);
    if piece.scored.sentences.is_empty() {
        if !continued {
            out.extend_from_slice(b"<p class=\"empty\">No text to score.</p>\n");
        }
        out.extend_from_slice(b"</section>\n");
        return;
    }
    let ids = sentence_ids(piece.place.article);
    if shown >= MIN_SENTENCES {
        chart(piece, &ids, shown, out);
    }
    put(out, format_args!("<ol class=\"sentences\">\n"));
    let mut previous_end = None;
    for (i, sentence) in piece.scored.sentences[..shown].iter().enumerate() {
        // A blank line between two sentences starts a new paragraph.
        let para = previous_end
            .and_then(|end| piece.text.get(end..sentence.span.start))
            .is_some_and(|gap: &str| gap.matches('\n').count() >= 2);
        previous_end = Some(sentence.span.end);
        let number = piece.place.first_sentence + i;
        sentence_row(piece, &ids, sentence, number, para, out);
    }
    out.extend_from_slice(b"</ol>\n</section>\n");
}

/// The section's opening: with a heading, unless it continues an article.
fn heading(piece: &ScoredPiece, id: &str, continued: bool, out: &mut Vec<u8>) {
    if continued {
        out.extend_from_slice(b"<section class=\"article-section continued\" aria-label=\"");
        escape(piece.context.article, out);
        out.extend_from_slice(b", continued\">\n");
    } else {
        put(
            out,
            format_args!("<section class=\"article-section\" id=\"{id}\">\n<h2>"),
        );
        escape(piece.context.article, out);
        out.extend_from_slice(
            b"<a class=\"back\" href=\"#summary\">back to the summary</a></h2>\n",
        );
    }
}

/// The line under the heading: the date, the sentences, the carried
/// columns and how many sentences are uncertain: the article's, or for a
/// part of a long article, those shown.
fn meta(piece: &ScoredPiece, id: &str, continued: bool, shown: usize, out: &mut Vec<u8>) {
    let (first_number, whole) = (piece.place.first_sentence, piece.place.whole);
    let all = &piece.scored.sentences;
    let n = if whole { all.len() } else { shown };
    let uncertain = all[..n].iter().filter(|s| s.uncertain).count();
    out.extend_from_slice(b"<p class=\"meta\">");
    if continued {
        out.extend_from_slice(b"continued: ");
        sentence_range(first_number, n, out);
    } else {
        match piece.context.date {
            Some(date) => {
                out.extend_from_slice(b"dated ");
                escape(date, out);
            }
            None => out.extend_from_slice(b"no date"),
        }
        if whole {
            put(out, format_args!(" · {n} sentence{}", plural(n)));
        } else {
            // The article's totals are known only once its last part is
            // scored; its summary row has them.
            out.extend_from_slice(" · ".as_bytes());
            sentence_range(first_number, n, out);
            put(
                out,
                format_args!(
                    " of a long article, read in parts (<a href=\"#{id}-summary\">its totals</a>)"
                ),
            );
        }
        let carried = piece.context.carried;
        for (name, value) in carried.columns.iter().zip(&carried.values) {
            out.extend_from_slice(" · ".as_bytes());
            escape(name, out);
            out.extend_from_slice(b": ");
            match value {
                serde_json::Value::String(s) => escape(s, out),
                other => escape(&other.to_string(), out),
            }
        }
    }
    let of_them = if whole { "" } else { " of them" };
    put(out, format_args!(" · {uncertain}{of_them} uncertain</p>\n"));
}

/// The numbers of `n` sentences from `first`: "sentences 7–9".
fn sentence_range(first: usize, n: usize, out: &mut Vec<u8>) {
    match n {
        0 => out.extend_from_slice(b"no sentences"),
        1 => put(out, format_args!("sentence {first}")),
        _ => put(out, format_args!("sentences {first}–{}", first + n - 1)),
    }
}

/// One sentence: its number, certainty and label, and its text with the
/// cues highlighted.
fn sentence_row(
    piece: &ScoredPiece,
    ids: &str,
    sentence: &Sentence,
    number: usize,
    para: bool,
    out: &mut Vec<u8>,
) {
    let (context, text) = (piece.context, piece.text);
    put(
        out,
        format_args!(
            "<li class=\"sentence {label}{para}\" id=\"{ids}{number}\">\
             <span class=\"num\" title=\"bytes {start}–{end} of the input\">{number}</span>\
             <span class=\"score\">{certainty:.3} <span class=\"label\">{label}</span></span>\
             <span class=\"text\">",
            label = label(sentence),
            para = if para { " para" } else { "" },
            start = context.input_offset(sentence.span.start),
            end = context.input_offset(sentence.span.end),
            certainty = sentence.certainty,
        ),
    );
    let end = cut_at(text, sentence.span.start, sentence.span.end);
    let mut at = sentence.span.start;
    for cue in piece.scored.cues_of(sentence) {
        // Cues come in text order without overlaps; skip any that do not,
        // rather than show text twice.
        let (Some(before), Some(matched)) =
            (text.get(at..cue.span.start), text.get(cue.span.clone()))
        else {
            continue;
        };
        if cue.span.end > end {
            break;
        }
        escape(before, out);
        highlight(piece.scorer, cue, matched, out);
        at = cue.span.end;
    }
    escape(text.get(at..end).unwrap_or(""), out);
    if end < sentence.span.end {
        let cut = text[end..sentence.span.end].chars().count();
        put(
            out,
            format_args!("<span class=\"more\"> … ({cut} more characters)</span>"),
        );
    }
    out.extend_from_slice(b"</span></li>\n");
}

/// Where a sentence's shown text ends: at most [`SENTENCE_BYTES`] after
/// `start`, on a character's boundary.
fn cut_at(text: &str, start: usize, end: usize) -> usize {
    if end - start <= SENTENCE_BYTES {
        return end;
    }
    let mut cut = start + SENTENCE_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// A cue as a `<mark>` with its category's class and, in its title, the
/// lexicon entry, category, weight and effect.
fn highlight(scorer: &Scorer, cue: &CueMatch, matched: &str, out: &mut Vec<u8>) {
    let entry = scorer.lexicon().cue(cue.cue);
    let category = entry.category;
    let booster = scorer.lexicon().effect(category) == CategoryEffect::Booster;
    let flipped = match cue.effect {
        Effect::Hedge => booster,
        Effect::Boost => !booster,
        Effect::Neutral => false,
    };
    let effect = match cue.effect {
        Effect::Hedge => "hedge (lowers certainty)",
        Effect::Boost => "boost (raises certainty)",
        Effect::Neutral => "none (counted in its category, moves nothing)",
    };
    // A category of the user's own gets a prefix, so that its name never
    // takes a class of the page's style ("negated", "flipped").
    let own = if category.is_builtin() { "" } else { "own-" };
    put(
        out,
        format_args!("<mark class=\"cue {own}{}", category.as_str()),
    );
    if cue.negated() {
        out.extend_from_slice(b" negated");
    }
    if flipped {
        out.extend_from_slice(b" flipped");
    }
    out.extend_from_slice(b"\" title=\"entry: ");
    escape(&entry.display_text(), out);
    put(
        out,
        format_args!(
            "&#10;category: {}&#10;weight: {}&#10;effect: {}{}\">",
            category.as_str(),
            cue.weight,
            effect,
            match (cue.negated(), flipped) {
                (true, true) => ", turned around by a negator",
                (true, false) => ", after a negator",
                _ => "",
            }
        ),
    );
    escape(matched, out);
    out.extend_from_slice(b"</mark>");
}

//! A self-contained HTML report: every article's sentences with their cues
//! highlighted, a chart of certainty per sentence, and a summary table.
//!
//! The report streams like the other formats: [`document_start`], then one
//! [`article_section`] per scored piece in input order, then
//! [`summary_table`] (which needs every article, so it is written last) and
//! [`document_end`]. The stylesheet shows the summary first all the same:
//! the body is a flex column in which the summary has `order: -1`.
//!
//! The page needs nothing from the network and runs no script; a
//! Content-Security-Policy meta tag forbids scripts and remote loads, as a
//! second line of defence behind escaping every piece of input text.
//!
//! ```
//! use hedgescore::{Article, ArticleReport, Scorer, ScoredText};
//! use hedgescore::output::html;
//! use hedgescore::output::{Carried, RowContext};
//! use hedgescore::text::utf8::Repairs;
//!
//! let scorer = Scorer::english();
//! let article = Article::new("a.txt", "The bridge could reopen in May. It is open.");
//! let mut scored = ScoredText::default();
//! scorer.score_text(article.body(), &mut scored);
//! let carried = Carried::default();
//! let context = RowContext {
//!     article: article.id(),
//!     date: article.date(),
//!     offset: article.body_offset(),
//!     repairs: &Repairs::default(),
//!     carried: &carried,
//! };
//! let mut out = Vec::new();
//! let place = html::Place { article: 1, first_sentence: 1, whole: true };
//! html::document_start("hedgescore report", &mut out);
//! html::article_section(&scorer, context, article.body(), &scored, place, &mut out);
//! html::summary_table(&[(1, ArticleReport::new(&scorer, &article, &scored))], &mut out);
//! html::document_end(&mut out);
//! let page = String::from_utf8(out).unwrap();
//! assert!(page.contains(r#"<mark class="cue modal""#));
//! ```

use std::fmt;
use std::io::Write as _;

use crate::lexicon::Category;
use crate::output::RowContext;
use crate::report::ArticleReport;
use crate::scoring::{CueMatch, Effect, ScoredText, Scorer, Sentence};

/// The categories a highlighted cue can have, in legend order, with what
/// each means to a reader.
const LEGEND: [(Category, &str); 8] = [
    (Category::Modal, "may, might, could"),
    (Category::Verb, "suggest, appear, seem"),
    (Category::Adjective, "possible, likely, unclear"),
    (Category::Adverb, "perhaps, probably"),
    (Category::Approximator, "about 300, nearly"),
    (Category::VagueSource, "some experts, reportedly"),
    (Category::Conditional, "if, unless"),
    (Category::Booster, "clearly, no doubt (raise certainty)"),
];

/// Characters of the least certain sentence shown in the summary table;
/// the whole sentence is in the cell's title.
const SUMMARY_SENTENCE_CHARS: usize = 160;

/// The chart's drawing area, in SVG user units (it scales to the page).
const CHART_WIDTH: f64 = 720.0;
const CHART_HEIGHT: f64 = 150.0;
const CHART_LEFT: f64 = 40.0;
const CHART_RIGHT: f64 = 14.0;
const CHART_TOP: f64 = 10.0;
const CHART_BOTTOM: f64 = 24.0;

/// Point colours: certain and uncertain sentences (both at least 4.5:1
/// against white).
const CERTAIN_COLOUR: &str = "#1f5fa8";
const UNCERTAIN_COLOUR: &str = "#b3261e";

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #d6d6d6; }
* { box-sizing: border-box; }
html { background: #f6f6f4; }
body { display: flex; flex-direction: column; max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
body > header { order: -2; }
body > .summary { order: -1; }
h1 { font-size: 1.6rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.25rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
a { color: #1a4f8b; }
.intro { color: var(--muted); margin: 0 0 .5rem; }
.legend { display: flex; flex-wrap: wrap; gap: .35rem .9rem; padding: 0; margin: .5rem 0 1rem; list-style: none; font-size: .9rem; }
.legend li { color: var(--muted); }
.cue { color: var(--ink); border-radius: 3px; padding: 0 .15em; border-bottom: 2px solid rgba(0,0,0,.35); }
.cue.modal { background: #ffe08a; }
.cue.verb { background: #ffc9ae; }
.cue.adjective { background: #f7bddb; }
.cue.adverb { background: #dccbf7; }
.cue.approximator { background: #bfe0fa; }
.cue.vague_source { background: #e8d7b5; }
.cue.conditional { background: #bdebdc; }
.cue.booster { background: #a9e3a4; font-weight: 600; border-bottom-color: #1d6b2a; }
.cue.negated { outline: 2px dashed #8a1c14; outline-offset: 1px; margin: 0 .2em; font-style: italic; }
.cue.flipped { text-decoration: underline wavy #8a1c14; text-underline-offset: 3px; }
.summary { margin: 0 0 1.5rem; }
.table-wrap { overflow-x: auto; border: 1px solid var(--rule); border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: .875rem; }
caption { text-align: left; font-weight: 600; font-size: 1.1rem; padding: .25rem 0 .5rem; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
th { background: #eef1f5; font-weight: 600; }
th.n { text-align: right; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
td.article { overflow-wrap: break-word; max-width: 16rem; }
td.quote { width: 30%; color: #333; }
.article-section { border-top: 3px solid #c9d3df; padding-top: 1rem; margin-top: 1.5rem; }
.article-section.continued { border-top: 1px dashed var(--rule); margin-top: .5rem; padding-top: .5rem; }
.meta { color: var(--muted); margin: 0 0 .5rem; font-size: .9rem; }
.chart { margin: .25rem 0 .75rem; }
.chart svg { display: block; width: 100%; height: auto; max-height: 12rem; }
.chart figcaption { color: var(--muted); font-size: .8rem; }
ol.sentences { list-style: none; padding: 0; margin: 0; }
.sentence { display: grid; grid-template-columns: 2.75rem 7.5rem 1fr; gap: .5rem; padding: .3rem .5rem; border-left: 4px solid #b9c4d0; margin: 0 0 .2rem; }
.sentence.uncertain { border-left-color: #b3261e; background: #fdf1ef; }
.sentence.para { margin-top: .8rem; }
.sentence .num { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; }
.sentence .score { font-variant-numeric: tabular-nums; font-size: .85rem; white-space: nowrap; padding-top: .1rem; }
.sentence.uncertain .label { color: #8a1c14; font-weight: 600; }
.sentence.certain .label { color: var(--muted); }
.sentence .text { overflow-wrap: anywhere; }
.back { font-size: .8rem; font-weight: normal; margin-left: .5rem; }
.empty { color: var(--muted); font-style: italic; }
"#;

/// Writes formatted text into the output buffer.
fn put(out: &mut Vec<u8>, args: fmt::Arguments) {
    out.write_fmt(args).expect("writing to memory cannot fail");
}

/// Appends `text` with the five characters that mean something in HTML
/// (`& < > " '`) replaced by references, so it is safe both as element
/// text and inside a quoted attribute.
fn escape(text: &str, out: &mut Vec<u8>) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        out.extend_from_slice(match rest.as_bytes()[i] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => b"&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest.as_bytes());
}

/// Starts the document: doctype, character set, title, the stylesheet,
/// and a header with the title and the legend of cue colours.
pub fn document_start(title: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(
        b"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
          <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
          <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
          <title>",
    );
    escape(title, out);
    out.extend_from_slice(b"</title>\n<style>");
    out.extend_from_slice(STYLE.as_bytes());
    out.extend_from_slice(b"</style>\n</head>\n<body>\n<header>\n<h1>");
    escape(title, out);
    out.extend_from_slice(
        b"</h1>\n<p class=\"intro\">Each sentence has a certainty between 0 and 1; \
          hedges pull it down, boosters push it up. Hover over a highlighted cue \
          for its lexicon entry, weight and effect.</p>\n<ul class=\"legend\">",
    );
    for (category, examples) in LEGEND {
        put(
            out,
            format_args!(
                "<li><span class=\"cue {0}\">{0}</span> {1}</li>",
                category.as_str(),
                examples
            ),
        );
    }
    out.extend_from_slice(
        b"<li><span class=\"cue booster negated flipped\">negated</span> \
          turned around by a negator (not certain, no doubt)</li></ul>\n</header>\n",
    );
}

/// Where a section's sentences sit in the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The article's number in the run, from 1, the same for every
    /// section of a long article: names may repeat (a table's id column,
    /// a file given twice), numbers do not.
    pub article: u64,
    /// The number of the section's first sentence in its article, from 1.
    pub first_sentence: usize,
    /// True when the section holds its whole article; false for each part
    /// of an article long enough to be scored in pieces, whose figures are
    /// the part's, not the article's.
    pub whole: bool,
}

/// The `id` attribute of the section of the run's article number
/// `article`, named `name`: the number keeps it unique in the page, the
/// name keeps it readable. In the name, letters, digits, `-` and `.` are
/// kept and every other byte is written `_XX` (hex), so the id needs no
/// escaping in a link.
pub fn section_id(article: u64, name: &str) -> String {
    let mut id = String::with_capacity(name.len() + 16);
    id.push_str(&format!("article-{article}-"));
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            id.push(b as char);
        } else {
            id.push_str(&format!("_{b:02X}"));
        }
    }
    id
}

/// Writes one article's section, or a piece of a long article: when its
/// first sentence is not the article's first, the piece continues the
/// article before it and gets no heading. Shows the certainty chart and
/// every sentence, numbered from `place.first_sentence`, with its
/// certainty and label and its cues highlighted by category.
pub fn article_section(
    scorer: &Scorer,
    context: RowContext,
    text: &str,
    scored: &ScoredText,
    place: Place,
    out: &mut Vec<u8>,
) {
    let id = section_id(place.article, context.article);
    let first_number = place.first_sentence;
    let continued = first_number > 1;
    if continued {
        out.extend_from_slice(b"<section class=\"article-section continued\" aria-label=\"");
        escape(context.article, out);
        out.extend_from_slice(b", continued\">\n");
    } else {
        put(
            out,
            format_args!("<section class=\"article-section\" id=\"{id}\">\n<h2>"),
        );
        escape(context.article, out);
        out.extend_from_slice(
            b"<a class=\"back\" href=\"#summary\">back to the summary</a></h2>\n",
        );
    }
    let n = scored.sentences.len();
    let uncertain = scored.sentences.iter().filter(|s| s.uncertain).count();
    out.extend_from_slice(b"<p class=\"meta\">");
    if continued {
        out.extend_from_slice(b"continued: ");
        sentence_range(first_number, n, out);
    } else {
        match context.date {
            Some(date) => {
                out.extend_from_slice(b"dated ");
                escape(date, out);
            }
            None => out.extend_from_slice(b"no date"),
        }
        if place.whole {
            put(out, format_args!(" · {n} sentence{}", plural(n)));
        } else {
            // The article's totals are known only once its last part is
            // scored; its summary row has them.
            out.extend_from_slice(" · ".as_bytes());
            sentence_range(first_number, n, out);
            put(
                out,
                format_args!(
                    " of a long article, shown in parts (<a href=\"#{id}-summary\">its totals</a>)"
                ),
            );
        }
        for (name, value) in context.carried.columns.iter().zip(&context.carried.values) {
            out.extend_from_slice(" · ".as_bytes());
            escape(name, out);
            out.extend_from_slice(b": ");
            match value {
                serde_json::Value::String(s) => escape(s, out),
                other => escape(&other.to_string(), out),
            }
        }
    }
    let of_them = if place.whole { "" } else { " of them" };
    put(out, format_args!(" · {uncertain}{of_them} uncertain</p>\n"));
    if n == 0 {
        if !continued {
            out.extend_from_slice(b"<p class=\"empty\">No text to score.</p>\n");
        }
        out.extend_from_slice(b"</section>\n");
        return;
    }
    chart(scorer, &id, context.article, scored, first_number, out);
    put(out, format_args!("<ol class=\"sentences\">\n"));
    let mut previous_end = None;
    for (i, sentence) in scored.sentences.iter().enumerate() {
        // A blank line between two sentences starts a new paragraph.
        let para = previous_end
            .and_then(|end| text.get(end..sentence.span.start))
            .is_some_and(|gap: &str| gap.matches('\n').count() >= 2);
        previous_end = Some(sentence.span.end);
        sentence_row(
            scorer,
            &id,
            context,
            text,
            scored,
            sentence,
            first_number + i,
            para,
            out,
        );
    }
    out.extend_from_slice(b"</ol>\n</section>\n");
}

/// The numbers of `n` sentences from `first`: "sentences 7–9".
fn sentence_range(first: usize, n: usize, out: &mut Vec<u8>) {
    match n {
        0 => out.extend_from_slice(b"no sentences"),
        1 => put(out, format_args!("sentence {first}")),
        _ => put(out, format_args!("sentences {first}–{}", first + n - 1)),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn label(sentence: &Sentence) -> &'static str {
    crate::output::label(sentence)
}

/// One sentence: its number, certainty and label, and its text with the
/// cues highlighted.
#[allow(clippy::too_many_arguments)]
fn sentence_row(
    scorer: &Scorer,
    section: &str,
    context: RowContext,
    text: &str,
    scored: &ScoredText,
    sentence: &Sentence,
    number: usize,
    para: bool,
    out: &mut Vec<u8>,
) {
    put(
        out,
        format_args!(
            "<li class=\"sentence {label}{para}\" id=\"{section}-s{number}\">\
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
    let mut at = sentence.span.start;
    for cue in scored.cues_of(sentence) {
        // Cues come in text order without overlaps; skip any that do not,
        // rather than show text twice.
        let (Some(before), Some(matched)) =
            (text.get(at..cue.span.start), text.get(cue.span.clone()))
        else {
            continue;
        };
        escape(before, out);
        highlight(scorer, cue, matched, out);
        at = cue.span.end;
    }
    escape(text.get(at..sentence.span.end).unwrap_or(""), out);
    out.extend_from_slice(b"</span></li>\n");
}

/// A cue as a `<mark>` with its category's class and, in its title, the
/// lexicon entry, category, weight and effect.
fn highlight(scorer: &Scorer, cue: &CueMatch, matched: &str, out: &mut Vec<u8>) {
    let entry = scorer.lexicon().cue(cue.cue);
    let category = entry.category;
    let flipped = match cue.effect {
        Effect::Hedge => !category.is_hedge(),
        Effect::Boost => category != Category::Booster,
    };
    let effect = match cue.effect {
        Effect::Hedge => "hedge (lowers certainty)",
        Effect::Boost => "boost (raises certainty)",
    };
    put(out, format_args!("<mark class=\"cue {}", category.as_str()));
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

/// An inline SVG chart of the sentences' certainty: x is the sentence
/// number, y the certainty from 0 to 1, with a dashed line at the neutral
/// certainty; each point links to its sentence.
fn chart(
    scorer: &Scorer,
    section: &str,
    article: &str,
    scored: &ScoredText,
    first_number: usize,
    out: &mut Vec<u8>,
) {
    let n = scored.sentences.len();
    let last_number = first_number + n - 1;
    let plot_w = CHART_WIDTH - CHART_LEFT - CHART_RIGHT;
    let plot_h = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM;
    let x = |i: usize| {
        if n == 1 {
            CHART_LEFT + plot_w / 2.0
        } else {
            CHART_LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |c: f64| CHART_TOP + plot_h * (1.0 - c.clamp(0.0, 1.0));
    let radius = match n {
        0..=60 => 4.0,
        61..=200 => 3.0,
        _ => 1.8,
    };
    out.extend_from_slice(b"<figure class=\"chart\">\n");
    put(
        out,
        format_args!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {CHART_WIDTH} {CHART_HEIGHT}\" \
             role=\"img\" aria-label=\"Certainty of sentences {first_number} to {last_number} of "
        ),
    );
    escape(article, out);
    out.extend_from_slice(b"\" font-size=\"11\" font-family=\"system-ui, sans-serif\">\n");
    // Axes and grid lines at 0, 0.5 and 1.
    for (value, name) in [(0.0, "0"), (0.5, "0.5"), (1.0, "1")] {
        put(
            out,
            format_args!(
                "<line x1=\"{CHART_LEFT}\" x2=\"{x2}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e2e2e2\"/>\
                 <text x=\"{tx}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#555\">{name}</text>\n",
                x2 = CHART_WIDTH - CHART_RIGHT,
                y = y(value),
                tx = CHART_LEFT - 6.0,
                ty = y(value) + 4.0,
            ),
        );
    }
    let neutral = scorer.params().neutral;
    put(
        out,
        format_args!(
            "<line class=\"neutral\" x1=\"{CHART_LEFT}\" x2=\"{x2}\" y1=\"{y:.1}\" y2=\"{y:.1}\" \
             stroke=\"#666\" stroke-dasharray=\"5 4\"><title>neutral certainty {neutral}</title></line>\
             <text x=\"{x2}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#555\">neutral {neutral}</text>\n",
            x2 = CHART_WIDTH - CHART_RIGHT,
            y = y(neutral),
            ty = y(neutral) - 4.0,
        ),
    );
    // Sentence numbers at both ends of the x axis.
    let label_y = CHART_HEIGHT - 6.0;
    put(
        out,
        format_args!(
            "<text x=\"{x0:.1}\" y=\"{label_y}\" text-anchor=\"{a0}\" fill=\"#555\">sentence {first_number}</text>\n",
            x0 = x(0),
            a0 = if n == 1 { "middle" } else { "start" },
        ),
    );
    if n > 1 {
        put(
            out,
            format_args!(
                "<text x=\"{x1:.1}\" y=\"{label_y}\" text-anchor=\"end\" fill=\"#555\">{last_number}</text>\n",
                x1 = x(n - 1),
            ),
        );
        out.extend_from_slice(
            b"<polyline fill=\"none\" stroke=\"#9aa5b1\" stroke-width=\"1\" points=\"",
        );
        for (i, sentence) in scored.sentences.iter().enumerate() {
            put(
                out,
                format_args!("{:.1},{:.1} ", x(i), y(sentence.certainty)),
            );
        }
        out.extend_from_slice(b"\"/>\n");
    }
    for (i, sentence) in scored.sentences.iter().enumerate() {
        let number = first_number + i;
        put(
            out,
            format_args!(
                "<a href=\"#{section}-s{number}\"><circle class=\"point {label}\" cx=\"{cx:.1}\" cy=\"{cy:.1}\" \
                 r=\"{radius}\" fill=\"{fill}\"><title>Sentence {number}: certainty {c:.4}, {label}</title></circle></a>\n",
                label = label(sentence),
                cx = x(i),
                cy = y(sentence.certainty),
                fill = if sentence.uncertain {
                    UNCERTAIN_COLOUR
                } else {
                    CERTAIN_COLOUR
                },
                c = sentence.certainty,
            ),
        );
    }
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

/// Writes the summary table, one row per article, each article's name
/// linking to its section; each report comes with its article's number
/// in the run (its [`Place::article`]). It is written after the sections
/// but shown first (see the module docs).
pub fn summary_table(reports: &[(u64, ArticleReport)], out: &mut Vec<u8>) {
    let sentences: usize = reports.iter().map(|(_, r)| r.sentences).sum();
    let uncertain: usize = reports.iter().map(|(_, r)| r.uncertain_sentences).sum();
    put(
        out,
        format_args!(
            "<section class=\"summary\" id=\"summary\">\n<div class=\"table-wrap\">\n<table>\n\
             <caption>Summary: {articles} article{ap}, {sentences} sentence{sp}, {uncertain} uncertain</caption>\n\
             <thead><tr><th scope=\"col\">article</th><th scope=\"col\">date</th>\
             <th scope=\"col\" class=\"n\">sentences</th><th scope=\"col\" class=\"n\">words</th>\
             <th scope=\"col\" class=\"n\">uncertain</th><th scope=\"col\" class=\"n\">share</th>\
             <th scope=\"col\" class=\"n\">certainty</th><th scope=\"col\" class=\"n\">lowest</th>\
             <th scope=\"col\" class=\"n\" title=\"hedges per 1,000 words\">hedges /1k</th>\
             <th scope=\"col\" class=\"n\" title=\"boosters per 1,000 words\">boosters /1k</th>\
             <th scope=\"col\">top cues</th><th scope=\"col\">least certain sentence</th></tr></thead>\n<tbody>\n",
            articles = reports.len(),
            ap = plural(reports.len()),
            sp = plural(sentences),
        ),
    );
    for (article, report) in reports {
        summary_row(*article, report, out);
    }
    out.extend_from_slice(b"</tbody>\n</table>\n</div>\n</section>\n");
}

fn summary_row(article: u64, report: &ArticleReport, out: &mut Vec<u8>) {
    let optional = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.3}"));
    put(
        out,
        format_args!(
            "<tr id=\"{id}-summary\"><td class=\"article\"><a href=\"#{id}\">",
            id = section_id(article, &report.id)
        ),
    );
    escape(&report.id, out);
    out.extend_from_slice(b"</a></td><td class=\"date\">");
    escape(report.date.as_deref().unwrap_or("–"), out);
    put(
        out,
        format_args!(
            "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{:.0}%</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{:.1}</td><td class=\"n\">{:.1}</td><td class=\"cues\">",
            report.sentences,
            report.words,
            report.uncertain_sentences,
            100.0 * report.uncertain_share(),
            optional(report.certainty),
            optional(report.min_certainty),
            report.hedges_per_1000_words(),
            report.boosters_per_1000_words(),
        ),
    );
    for (i, (cue, count)) in report.top_cues.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        escape(cue, out);
        put(out, format_args!("&nbsp;×{count}"));
    }
    out.extend_from_slice(b"</td><td class=\"quote\"");
    if let Some(sentence) = &report.least_certain {
        let shown: String = sentence.chars().take(SUMMARY_SENTENCE_CHARS).collect();
        if shown.len() < sentence.len() {
            out.extend_from_slice(b" title=\"");
            escape(sentence, out);
            out.extend_from_slice(b"\">");
            escape(&shown, out);
            out.extend_from_slice("…".as_bytes());
        } else {
            out.push(b'>');
            escape(sentence, out);
        }
    } else {
        out.push(b'>');
    }
    out.extend_from_slice(b"</td></tr>\n");
}

/// Closes the document.
pub fn document_end(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</body>\n</html>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Carried;
    use crate::report::Article;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        escape(text, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escape_table() {
        let table: &[(&str, &str)] = &[
            ("", ""),
            ("plain text", "plain text"),
            ("a & b", "a &amp; b"),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("say \"hi\"", "say &quot;hi&quot;"),
            ("it's", "it&#39;s"),
            ("&amp;", "&amp;amp;"),
            (
                "\"><img src=x onerror=alert(1)>",
                "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
            ),
            ("café – «ü» 可能", "café – «ü» 可能"),
            ("<<>>", "&lt;&lt;&gt;&gt;"),
        ];
        for (text, expected) in table {
            assert_eq!(escaped(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn section_id_table() {
        let table: &[(u64, &str, &str)] = &[
            (1, "a.txt", "article-1-a.txt"),
            (2, "dir/a b.txt", "article-2-dir_2Fa_20b.txt"),
            (3, "a_b", "article-3-a_5Fb"),
            (4, "\"><x", "article-4-_22_3E_3Cx"),
            (5, "é", "article-5-_C3_A9"),
            (6, "", "article-6-"),
            (12, "3-a", "article-12-3-a"),
        ];
        for (article, name, id) in table {
            assert_eq!(section_id(*article, name), *id, "{name:?}");
        }
        // `_` is itself escaped, so names cannot collide...
        assert_ne!(section_id(1, "a_2Fb"), section_id(1, "a/b"));
        // ...and a repeated name is another article.
        assert_ne!(section_id(1, "a"), section_id(2, "a"));
    }

    /// A small lexicon of our own, so the tests do not move with the
    /// built-in one.
    fn scorer() -> Scorer {
        let mut lexicon = crate::Lexicon::new();
        lexicon
            .add_text(
                "test.tsv",
                "cue\tweight\tcategory\trules\n\
                 could\t1\tmodal\t\n\
                 might\t1\tmodal\t\n\
                 certain\t1\tbooster\t\n\
                 clearly\t1\tbooster\t\n\
                 doubt\t1\tverb\tnegation_flips\n\
                 not\t1\tnegator\t\n\
                 no\t1\tnegator\t\n",
            )
            .unwrap();
        Scorer::new(lexicon, crate::ScoreParams::default()).unwrap()
    }

    /// A whole article's section, or (from a later first sentence) a
    /// later part's.
    fn render(name: &str, text: &str, first_sentence: usize) -> (String, ArticleReport) {
        let place = Place {
            article: 1,
            first_sentence,
            whole: first_sentence == 1,
        };
        render_at(name, text, place)
    }

    fn render_at(name: &str, text: &str, place: Place) -> (String, ArticleReport) {
        let scorer = scorer();
        let article = Article::new(name, text);
        let mut scored = ScoredText::default();
        scorer.score_text(article.body(), &mut scored);
        let carried = Carried::default();
        let context = RowContext {
            article: article.id(),
            date: article.date(),
            offset: article.body_offset(),
            repairs: &crate::text::utf8::Repairs::default(),
            carried: &carried,
        };
        let mut out = Vec::new();
        article_section(&scorer, context, article.body(), &scored, place, &mut out);
        let report = ArticleReport::new(&scorer, &article, &scored);
        (String::from_utf8(out).unwrap(), report)
    }

    #[test]
    fn cues_are_highlighted_with_class_and_title() {
        let (html, _) = render(
            "a.txt",
            "date 2024-01-02 The bridge could reopen. It is not certain. It clearly works. It is open. There is no doubt.",
            1,
        );
        assert!(html.contains("<section class=\"article-section\" id=\"article-1-a.txt\">"));
        assert!(html.contains("dated 2024-01-02"));
        assert!(html.contains(
            "<mark class=\"cue modal\" title=\"entry: could&#10;category: modal&#10;weight: 1&#10;effect: hedge (lowers certainty)\">could</mark>"
        ), "{html}");
        assert!(
            html.contains("<mark class=\"cue booster negated flipped\""),
            "{html}"
        );
        assert!(
            html.contains("turned around by a negator\">certain</mark>"),
            "{html}"
        );
        assert!(html.contains("<mark class=\"cue booster\""), "{html}");
        assert!(
            html.contains("<mark class=\"cue verb negated flipped\""),
            "{html}"
        );
        assert!(html.contains(
            "effect: boost (raises certainty), turned around by a negator\">doubt</mark>"
        ));
        assert!(html.contains("<li class=\"sentence uncertain\" id=\"article-1-a.txt-s1\">"));
        assert!(html.contains("<li class=\"sentence certain\" id=\"article-1-a.txt-s4\">"));
        assert!(
            html.contains("0.415 <span class=\"label\">uncertain</span>"),
            "{html}"
        );
        // The chart: one point per sentence, a dashed neutral line.
        assert_eq!(html.matches("<circle ").count(), 5);
        assert!(html.contains("stroke-dasharray"));
        assert!(html.contains("<title>Sentence 1: certainty 0.4146, uncertain</title>"));
        assert!(html.contains(&format!("fill=\"{UNCERTAIN_COLOUR}\"")));
        assert!(html.contains(&format!("fill=\"{CERTAIN_COLOUR}\"")));
    }

    #[test]
    fn continuation_has_no_heading_or_id() {
        let (html, _) = render("a.txt", "It might rain. It is open.", 7);
        assert!(!html.contains("<h2>"));
        assert!(!html.contains("id=\"article-1-a.txt\""));
        assert!(html.contains("continued: sentences 7–8"));
        assert!(html.contains("id=\"article-1-a.txt-s7\""));
        assert!(html.contains("<title>Sentence 8: certainty"));
    }

    #[test]
    fn parts_of_a_long_article_give_their_sentences_not_the_articles() {
        let text = "date 2024-01-02 It might rain. It is open.";
        let first = Place {
            article: 3,
            first_sentence: 1,
            whole: false,
        };
        let (html, _) = render_at("a.txt", text, first);
        assert!(html.contains("<h2>a.txt"), "{html}");
        assert!(
            html.contains(
                "<p class=\"meta\">dated 2024-01-02 · sentences 1–2 of a long article, shown in parts \
                 (<a href=\"#article-3-a.txt-summary\">its totals</a>) · 1 of them uncertain</p>"
            ),
            "{html}"
        );
        let (html, _) = render("a.txt", "It might rain.", 9);
        assert!(
            html.contains("<p class=\"meta\">continued: sentence 9 · 1 of them uncertain</p>"),
            "{html}"
        );
        // A whole article says how many sentences it has.
        let (html, report) = render("a.txt", text, 1);
        assert!(
            html.contains("dated 2024-01-02 · 2 sentences · 1 uncertain</p>"),
            "{html}"
        );
        let mut table = Vec::new();
        summary_table(&[(3, report)], &mut table);
        let table = String::from_utf8(table).unwrap();
        assert!(
            table.contains("<tr id=\"article-3-a.txt-summary\">"),
            "{table}"
        );
    }

    #[test]
    fn empty_article_has_a_section_and_no_chart() {
        let (html, report) = render("e.txt", "  ", 1);
        assert!(html.contains("id=\"article-1-e.txt\""));
        assert!(!html.contains("<svg"));
        let mut out = Vec::new();
        summary_table(&[(1, report)], &mut out);
        let table = String::from_utf8(out).unwrap();
        assert!(table.contains("<td class=\"n\">–</td>"), "{table}");
    }

    #[test]
    fn script_in_text_and_name_stays_text() {
        let name = "<script>alert(1)</script>.txt";
        let text =
            "The <script>alert(1)</script> might run. \"Quotes\" & 'ampersands' are <b>text</b>.";
        let (html, report) = render(name, text, 1);
        let mut table = Vec::new();
        summary_table(&[(1, report)], &mut table);
        let table = String::from_utf8(table).unwrap();
        for page in [&html, &table] {
            assert!(!page.contains("<script"), "{page}");
            assert!(!page.contains("<b>"), "{page}");
            assert!(
                page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{page}"
            );
        }
        assert!(html.contains("&quot;Quotes&quot; &amp; &#39;ampersands&#39;"));
        assert!(table.contains(&format!("href=\"#{}\"", section_id(1, name))));
        let mut start = Vec::new();
        document_start("<script>alert(1)</script>", &mut start);
        let start = String::from_utf8(start).unwrap();
        assert!(!start.contains("<script"));
        assert!(start.contains("<title>&lt;script&gt;"));
    }

    #[test]
    fn summary_links_each_article_and_is_shown_first() {
        let (_, a) = render("a.txt", "date 2024-01-02 It might rain. It could snow.", 1);
        let (_, b) = render("b & c.txt", "It is open.", 1);
        let mut out = Vec::new();
        document_start("report", &mut out);
        summary_table(&[(1, a), (2, b)], &mut out);
        document_end(&mut out);
        let page = String::from_utf8(out).unwrap();
        assert!(page.contains("body > .summary { order: -1; }"));
        assert!(page.contains("<a href=\"#article-1-a.txt\">a.txt</a>"));
        assert!(page.contains("<a href=\"#article-2-b_20_26_20c.txt\">b &amp; c.txt</a>"));
        assert!(page.contains("<td class=\"date\">2024-01-02</td>"));
        assert!(page.contains("<td class=\"n\">100%</td>"));
        assert!(page.contains("2 articles, 3 sentences, 2 uncertain"));
        assert!(page.trim_end().ends_with("</html>"));
    }
}

//! A self-contained HTML report: every article's sentences with their cues
//! highlighted, a chart of certainty per sentence, and a summary table.
//!
//! The report streams like the other formats ([`HtmlReport`] is its
//! printer): [`document_start`], then one [`article_section`] per scored
//! piece in input order, then [`summary_table`] (which needs every article,
//! so it is written last) and [`document_end`]. The stylesheet shows the
//! summary first all the same: the body is a flex column in which the
//! summary has `order: -1`.
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

mod chart;
mod corpus;
mod document;
mod markup;
mod plot;
mod section;
mod summary;

use crate::lexicon::Category;
use crate::output::columns::{ArticleRow, Carried, GroupRow, RowContext, ScoredPiece};
use crate::output::printer::{Document, Needs, Printer, Scratch};
use crate::report::ArticleReport;
use crate::scoring::{ScoredText, Scorer};
use markup::{escape, put};

pub use crate::output::columns::Place;
pub use document::Budget;
pub use markup::section_id;
pub use section::{SECTION_SENTENCES, SENTENCE_BYTES};

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

const STYLE: &str = include_str!("style.css");

/// The HTML report: the corpus view when the run groups its articles, a
/// summary row per article, and the sections of the least certain
/// articles, whatever the level.
#[derive(Debug, Clone)]
pub struct HtmlReport {
    title: String,
    budget: Budget,
}

impl HtmlReport {
    /// A report with `title`, showing the default [`Budget`] of articles.
    pub fn new(title: &str) -> HtmlReport {
        HtmlReport {
            title: title.to_string(),
            budget: Budget::default(),
        }
    }

    /// The report showing at most `articles` articles in full.
    pub fn with_articles(mut self, articles: usize) -> HtmlReport {
        self.budget.articles = articles;
        self
    }
}

impl Printer for HtmlReport {
    fn needs(&self) -> Needs {
        Needs {
            sentences: true,
            articles: true,
        }
    }

    fn piece(&self, _scratch: &mut Scratch, piece: &ScoredPiece, out: &mut Vec<u8>) {
        if self.budget.articles > 0 {
            section::section(piece, out);
        }
    }

    fn article(&self, _scratch: &mut Scratch, row: &ArticleRow, out: &mut Vec<u8>) {
        summary::summary_cells(row, out);
    }

    /// Nothing: the document draws the groups in its corpus view.
    fn group(&self, _scratch: &mut Scratch, _row: &GroupRow, _out: &mut Vec<u8>) {}

    fn document(&self) -> Box<dyn Document> {
        Box::new(document::HtmlDocument::new(&self.title, self.budget))
    }
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
    out.extend_from_slice(b"</title>\n<style>\n");
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

/// Writes one article's section, or a piece of a long article: when its
/// first sentence is not the article's first, the piece continues the
/// article before it and gets no heading. Shows the certainty chart and
/// the sentences up to the article's [`SECTION_SENTENCES`]th, numbered
/// from `place.first_sentence`, with its certainty and label and its cues
/// highlighted by category.
pub fn article_section(
    scorer: &Scorer,
    context: RowContext,
    text: &str,
    scored: &ScoredText,
    place: Place,
    out: &mut Vec<u8>,
) {
    let piece = ScoredPiece {
        scorer,
        context,
        text,
        scored,
        place,
    };
    section::section(&piece, out);
}

/// Writes the summary table, one row per article, each article's name
/// linking to its section; each report comes with its article's number
/// in the run (its [`Place::article`]).
pub fn summary_table(reports: &[(u64, ArticleReport)], out: &mut Vec<u8>) {
    let carried = Carried::default();
    let rows: Vec<ArticleRow> = reports
        .iter()
        .map(|(number, report)| ArticleRow {
            report,
            status: None,
            carried: &carried,
            categories: &[],
            liwc_measures: false,
            number: *number,
            input: &report.id,
        })
        .collect();
    let mut totals = summary::Totals::default();
    rows.iter().for_each(|row| totals.add(row));
    summary::table_start(totals, "Every article is shown in full below.", out);
    for row in &rows {
        summary::row_start(row.number, &row.report.id, true, out);
        summary::summary_cells(row, out);
    }
    summary::table_end(out);
}

/// Closes the document.
pub fn document_end(out: &mut Vec<u8>) {
    out.extend_from_slice(b"</body>\n</html>\n");
}

#[cfg(test)]
mod tests {
    use super::chart::{CERTAIN_COLOUR, UNCERTAIN_COLOUR};
    use super::*;
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
        assert!(html.contains("<li class=\"sentence uncertain\" id=\"a1-s1\">"));
        assert!(html.contains("<li class=\"sentence certain\" id=\"a1-s4\">"));
        assert!(
            html.contains("0.415 <span class=\"label\">uncertain</span>"),
            "{html}"
        );
        // The chart: one point per sentence, linking to it, and a dashed
        // neutral line.
        assert_eq!(html.matches("<circle ").count(), 5);
        assert!(html.contains("<line class=\"neutral\""));
        assert!(html.contains("<title>Sentence 1: certainty 0.4146, uncertain</title>"));
        assert!(html.contains("<a href=\"#a1-s1\"><circle class=\"point uncertain\""));
        assert!(html.contains("<a href=\"#a1-s4\"><circle class=\"point certain\""));
        assert!(html.contains(&format!("color:{UNCERTAIN_COLOUR}")));
        assert!(html.contains(&format!("color:{CERTAIN_COLOUR}")));
    }

    /// One or two sentences are read faster than charted: no empty chart.
    #[test]
    fn a_chart_needs_three_sentences() {
        for (text, charts) in [
            ("It might rain.", 0),
            ("It might rain. It is dry.", 0),
            ("It might rain. It is dry. It is cold.", 1),
        ] {
            let (html, _) = render("a.txt", text, 1);
            assert_eq!(
                html.matches("<figure class=\"chart\">").count(),
                charts,
                "{text}"
            );
        }
    }

    /// A sentence longer than SENTENCE_BYTES is cut, and says by how much.
    #[test]
    fn a_very_long_sentence_is_cut() {
        let text = format!("It might {} rain.", "very ".repeat(1000));
        let (html, _) = render("a.txt", &text, 1);
        let shown = html.split("<span class=\"text\">").nth(1).unwrap();
        let shown = &shown[..shown.find("<span class=\"more\">").unwrap()];
        assert!(shown.len() <= SENTENCE_BYTES + 200, "{}", shown.len());
        assert!(html.contains(" more characters)</span>"), "{html}");
        assert!(html.contains("<mark class=\"cue modal\""));
    }

    #[test]
    fn continuation_has_no_heading_or_id() {
        let (html, _) = render("a.txt", "It might rain. It is open. It is dry.", 7);
        assert!(!html.contains("<h2>"));
        assert!(!html.contains("id=\"article-1-a.txt\""));
        assert!(html.contains("continued: sentences 7–9"));
        assert!(html.contains("id=\"a1-s7\""));
        assert!(html.contains("<title>Sentence 9: certainty"));
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
                "<p class=\"meta\">dated 2024-01-02 · sentences 1–2 of a long article, read in parts \
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
        assert!(page.find("<header>").unwrap() < page.find("<section class=\"summary\"").unwrap());
        assert!(page.contains("<a href=\"#article-1-a.txt\">a.txt</a>"));
        assert!(page.contains("<a href=\"#article-2-b_20_26_20c.txt\">b &amp; c.txt</a>"));
        assert!(page.contains("<td class=\"date\">2024-01-02</td>"));
        assert!(page.contains("<td class=\"n\">100%</td>"));
        assert!(page.contains("2 articles, 3 sentences, 2 uncertain"));
        assert!(page.trim_end().ends_with("</html>"));
    }
}

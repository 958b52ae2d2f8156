//! The HTML report in a real browser: builds a whole document through the
//! `html` API, then has headless Chromium load it (`tests/browser/check.sh`)
//! and checks the DOM it built. Skips with a message when no browser can be
//! installed or run here.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TempDir, corpus, run, stderr, stdout};

use hedgescore::output::html;
use hedgescore::output::{Carried, RowContext};
use hedgescore::{Article, ArticleReport, ScoreParams, ScoredText, Scorer};

/// Two small articles written for this test: one with hedges, boosters and
/// a negated booster, one whose text and name try to inject markup.
const ARTICLES: [(&str, &str); 2] = [
    (
        "city/bridge.txt",
        "date 2024-03-01 Engineers say the bridge could reopen in about 3 weeks, \
         although some experts doubt it. The council is clearly determined. \
         It is not certain that the budget will hold.\n\n\
         If the repairs go well, traffic might return by June. The bridge is closed.",
    ),
    (
        "<script>alert(1)</script>.txt",
        "The page shows <script>alert(1)</script> as text. \
         \"Quotes\" & ampersands & 'apostrophes' might break a careless report. \
         <b>Bold</b> stays literal too.",
    ),
];

/// A lexicon of our own, so the test does not move with the built-in one.
fn scorer() -> Scorer {
    let mut lexicon = hedgescore::Lexicon::new();
    lexicon
        .add_text(
            "test.tsv",
            "cue\tweight\tcategory\trules\n\
             could\t1\tmodal\t\n\
             might\t1\tmodal\t\n\
             doubt\t1\tverb\tnegation_flips\n\
             about\t0.5\tapproximator\tbefore_number\n\
             some experts\t1\tvague_source\t\n\
             if\t0.5\tconditional\t\n\
             clearly\t1\tbooster\t\n\
             certain\t1\tbooster\t\n\
             not\t1\tnegator\t\n",
        )
        .unwrap();
    Scorer::new(lexicon, ScoreParams::default()).unwrap()
}

fn build_document() -> String {
    let scorer = scorer();
    let carried = Carried::default();
    let mut out = Vec::new();
    let mut reports = Vec::new();
    html::document_start(
        "hedgescore: <script>alert(1)</script> test report",
        &mut out,
    );
    for (number, (name, text)) in (1..).zip(ARTICLES) {
        let article = Article::new(name, text);
        let mut scored = ScoredText::default();
        scorer.score_text(article.body(), &mut scored);
        let context = RowContext {
            article: article.id(),
            date: article.date(),
            offset: article.body_offset(),
            repairs: &hedgescore::text::utf8::Repairs::default(),
            carried: &carried,
        };
        let place = html::Place {
            article: number,
            first_sentence: 1,
            whole: true,
        };
        html::article_section(&scorer, context, article.body(), &scored, place, &mut out);
        reports.push((number, ArticleReport::new(&scorer, &article, &scored)));
    }
    html::summary_table(&reports, &mut out);
    html::document_end(&mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn document_is_escaped_before_any_browser() {
    let page = build_document();
    assert!(!page.to_lowercase().contains("<script"));
    assert!(!page.contains("<b>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&quot;Quotes&quot; &amp; ampersands &amp; &#39;apostrophes&#39;"));
    for class in [
        "modal",
        "verb",
        "approximator",
        "vague_source",
        "conditional",
        "booster",
    ] {
        assert!(
            page.contains(&format!("<mark class=\"cue {class}")),
            "no {class} cue"
        );
    }
}

#[test]
fn report_renders_in_a_headless_browser() {
    let dir = TempDir::new("html-browser");
    let file = dir.write("report.html", build_document());
    let classes = [
        "modal",
        "verb",
        "approximator",
        "vague_source",
        "conditional",
        "booster",
    ];
    browser_check(&dir, &file, &classes, &[]);
}

/// The report of the made-up corpus by outlet and month: its corpus view
/// and layout at 420 and 1,400 px. With `HEDGESCORE_SHOTS=FOLDER` the
/// page and its screenshots are kept there to look at.
#[test]
fn grouped_report_renders_in_a_headless_browser() {
    let dir = TempDir::new("html-browser-groups");
    let table = dir.write("corpus.csv", corpus::csv(&corpus::articles(1, 10)));
    let lexicon = dir.write("corpus-lexicon.tsv", corpus::LEXICON);
    let out = run(
        &[
            "score",
            "--no-default-lexicon",
            "--lexicon",
            lexicon.to_str().unwrap(),
            "--format",
            "html",
            "--id-column",
            "id",
            "--group-by",
            "outlet",
            "--period",
            "month",
            table.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = dir.write("corpus-report.html", stdout(&out));
    browser_check(
        &dir,
        &file,
        &["modal", "verb", "adverb"],
        &[("CORPUS", "1")],
    );
}

/// Runs `tests/browser/check.sh` on `file`; skips visibly when it cannot
/// run here.
fn browser_check(dir: &TempDir, file: &Path, classes: &[&str], env: &[(&str, &str)]) {
    let script: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check.sh");
    let shots = std::env::var_os("HEDGESCORE_SHOTS").map(PathBuf::from);
    if let Some(shots) = &shots {
        std::fs::create_dir_all(shots).unwrap();
        std::fs::copy(file, shots.join(file.file_name().unwrap())).unwrap();
    }
    let output = match Command::new("bash")
        .arg(&script)
        .arg(file)
        .args(classes)
        .envs(env.iter().copied())
        .env("SHOTS", shots.as_deref().unwrap_or(&dir.0))
        .output()
    {
        Ok(output) => output,
        Err(e) => {
            common::skip(format!("cannot run bash for {}: {e}", script.display()));
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    match output.status.code() {
        Some(0) => println!("{stdout}"),
        Some(77) => common::skip(stdout.trim().trim_start_matches("skipping: ")),
        _ => {
            let kept = std::env::temp_dir().join(file.parent().unwrap().file_name().unwrap());
            std::fs::create_dir_all(&kept).ok();
            std::fs::copy(file, kept.join("report.html")).ok();
            panic!(
                "the browser check failed ({}); report kept in {}\n{stdout}{stderr}",
                output.status,
                kept.display()
            )
        }
    }
}

/// The values of every `attribute="…"` in `html`, in order.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let opening = format!(" {attribute}=\"");
    html.match_indices(&opening)
        .map(|(at, _)| {
            let value = &html[at + opening.len()..];
            &value[..value.find('"').unwrap()]
        })
        .collect()
}

/// The text of some HTML, its tags left out (cues are marked inside sentences).
fn without_tags(html: &str) -> String {
    html.split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, text)| text))
        .collect()
}

/// Checks a page from the binary: ids are unique, every link finds its
/// target, each summary row links to the section holding its least
/// certain sentence, and a section's chart points link into it.
fn check_links(page: &str) {
    let ids = attribute_values(page, "id");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "repeated ids: {ids:?}");
    for href in attribute_values(page, "href") {
        let target = href.strip_prefix('#').unwrap();
        assert!(unique.contains(target), "no id {target:?} for a link");
    }
    // Sections, the parts of a long article after its first included
    // (they have no id of their own: their sentences carry the article's).
    let sections: Vec<&str> = page
        .split("<section class=\"article-section")
        .skip(1)
        .map(|s| &s[..s.find("</section>").unwrap()])
        .collect();
    let section = |id: &str| {
        *sections
            .iter()
            .find(|s| s.starts_with(&format!("\" id=\"{id}\"")))
            .unwrap_or_else(|| panic!("no section {id}"))
    };
    // Sentence ids are `a{number}-s{sentence}`, after the article's number.
    let mut sentences = String::new();
    for body in &sections {
        let ids = attribute_values(body, "id");
        if !body.starts_with(" continued") {
            let number = ids[0]
                .strip_prefix("article-")
                .unwrap()
                .split('-')
                .next()
                .unwrap();
            sentences = format!("#a{number}-s");
        }
        let inside: HashSet<&str> = ids.into_iter().collect();
        for href in attribute_values(body, "href") {
            if href == "#summary" || href.ends_with("-summary") {
                continue;
            }
            assert!(href.starts_with(&sentences), "{href} in {sentences}");
            assert!(inside.contains(&href[1..]), "{href} not in its section");
        }
    }
    let summary = &page[page.find("<tbody>").unwrap()..page.find("</tbody>").unwrap()];
    for row in summary.split("<tr").skip(1) {
        let Some(target) = attribute_values(row, "href").first().map(|h| &h[1..]) else {
            continue;
        };
        let quote = attribute_values(row, "title").last().copied().unwrap();
        let quote = quote.trim_end_matches('…');
        let text = without_tags(section(target))
            .replace("&#39;", "'")
            .replace("&quot;", "\"");
        let quote = quote.replace("&#39;", "'").replace("&quot;", "\"");
        assert!(text.contains(&quote), "{target} lacks {quote:?}: {text}");
    }
}

#[test]
fn ids_are_unique_when_article_names_repeat() {
    let dir = TempDir::new("htmlids");
    let table = dir.write(
        "dup.csv",
        "id,text\nA,It might rain. It could snow.\nA,It rains.\nB,It is clearly wet.\n",
    );
    let table = table.to_str().unwrap();
    let out = run(
        &["score", "--format", "html", "--id-column", "id", table],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert_eq!(
        page.matches("<section class=\"article-section\"").count(),
        3
    );
    check_links(&page);
    // The same file twice: two articles of one name.
    let text = dir.write("a.txt", "It may rain. It is open.");
    let text = text.to_str().unwrap();
    let out = run(&["score", "--format", "html", text, text], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    check_links(&stdout(&out));
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    &text[from..from + text[from..].find(end).unwrap()]
}

/// A long article read in parts shows its first `SECTION_SENTENCES`
/// sentences, says how many it has, and links to its totals: the page
/// stays small whatever the article's length.
#[test]
fn a_long_article_in_parts_shows_its_first_sentences_and_says_so() {
    let dir = TempDir::new("htmlparts");
    // Over 2 MB, so it is scored in three or more pieces of about 1 MB.
    let mut text = String::from("date 2024-05-01\n");
    for paragraph in 0..6000 {
        for line in 0..10 {
            let n = paragraph * 10 + line;
            if n % 3 == 0 {
                text.push_str(&format!("Report {n} says the bridge might reopen soon. "));
            } else {
                text.push_str(&format!("Report {n} says the bridge is open again. "));
            }
        }
        text.push_str("\n\n");
    }
    assert!(text.len() > 2 << 20);
    let file = dir.write("long.txt", &text);
    let file = file.to_str().unwrap();
    let out = run(&["score", "--format", "html", file], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    check_links(&page);
    assert!(page.len() < 300_000, "{} bytes", page.len());
    let sections: Vec<&str> = page
        .split("<section class=\"article-section")
        .skip(1)
        .collect();
    assert_eq!(sections.len(), 1);
    let shown = html::SECTION_SENTENCES;
    let meta = between(sections[0], "<p class=\"meta\">", "</p>");
    assert!(
        meta.starts_with(&format!(
            "dated 2024-05-01 · sentences 1–{shown} of a long article"
        )),
        "{meta}"
    );
    let uncertain = sections[0]
        .matches("<li class=\"sentence uncertain")
        .count();
    assert!(
        meta.contains(&format!(" · {uncertain} of them uncertain")),
        "{meta}"
    );
    assert_eq!(sections[0].matches("<li class=\"sentence ").count(), shown);
    assert!(
        page.contains(&format!(
            "The first {shown} of its 60000 sentences are shown"
        )),
        "no note"
    );
    // The article's totals are in its summary row, which the section links to.
    let row = between(&page, "<tr id=\"article-1-", "</tr>");
    assert!(row.contains("<td class=\"n\">60000</td>"), "{row}");
    assert!(sections[0].contains("href=\"#article-1-"));
}

/// `--html-articles N` shows the N least certain articles in full, least
/// certain first; the summary lists every article and links those shown.
#[test]
fn the_least_certain_articles_are_shown_and_the_page_says_so() {
    let dir = TempDir::new("htmlbudget");
    let texts = [
        ("a.txt", "It is open. It is dry."),
        ("b.txt", "It might possibly rain. It may snow."),
        ("c.txt", "It could rain. It is dry."),
        (
            "d.txt",
            "Perhaps it might possibly rain. It may perhaps snow.",
        ),
        ("e.txt", "It is wet."),
    ];
    for (name, text) in texts {
        dir.write(name, text);
    }
    let folder = dir.0.to_str().unwrap();
    let out = run(
        &["score", "--format", "html", "--html-articles", "2", folder],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    check_links(&page);
    let shown: Vec<&str> = page
        .split("<section class=\"article-section\" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].ends_with("d.txt") && shown[1].ends_with("b.txt"),
        "{shown:?}"
    );
    assert!(page.contains("The 2 least certain of the 5 articles are shown in full below"));
    let summary = between(&page, "<tbody>", "</tbody>");
    assert_eq!(summary.matches("<tr").count(), 5);
    assert_eq!(summary.matches("<a href=").count(), 2);
    // None in full: the summary alone.
    let out = run(
        &["score", "--format", "html", "--html-articles", "0", folder],
        b"",
    );
    let page = stdout(&out);
    assert!(!page.contains("<section class=\"article-section"));
    assert!(
        page.contains("The 0 least certain of the 5 articles"),
        "{page}"
    );
    check_links(&page);
}

/// Grouped, the report opens with the corpus view: a chart over time with
/// a line per group (the eight largest and `other`), a comparison of the
/// groups and a histogram, each followed by its table.
#[test]
fn a_grouped_report_has_a_corpus_view_with_charts_and_tables() {
    let dir = TempDir::new("htmlcorpus");
    let mut table = String::from("desk,date,text\n");
    for desk in 0..10 {
        for month in 1..=3 {
            for k in 0..=desk {
                let hedged = if k % 2 == 0 {
                    "It might rain."
                } else {
                    "It rains."
                };
                table.push_str(&format!(
                    "desk{desk},2024-0{month}-1{k},{hedged} It is cold.\n"
                ));
            }
        }
    }
    let table = dir.write("desks.csv", table);
    let args = [
        "score",
        "--format",
        "html",
        "--group-by",
        "desk",
        "--period",
        "month",
    ];
    let out = run(&[&args[..], &[table.to_str().unwrap()]].concat(), b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    check_links(&page);
    let corpus = between(
        &page,
        "<section class=\"corpus\" id=\"corpus\">",
        "</section>",
    );
    assert_eq!(corpus.matches("<figure>").count(), 3);
    assert_eq!(corpus.matches("<details class=\"fallback\">").count(), 3);
    // Eight lines: the seven largest desks and `other`, each in the legend.
    let legend = between(corpus, "<ul class=\"keys\">", "</ul>");
    assert_eq!(legend.matches("<li>").count(), 8, "{legend}");
    assert!(legend.contains("desk9") && legend.contains("other") && !legend.contains("desk0<"));
    assert_eq!(corpus.matches("<polyline class=\"line\"").count(), 8);
    assert!(corpus.contains("<polygon class=\"band\""));
    assert!(corpus.contains("<title>desk9, 2024-02: "));
    // The comparison: ten desks and the whole run.
    assert!(
        corpus.contains(">desk0 — ") && corpus.contains(">all — "),
        "{corpus}"
    );
    assert_eq!(corpus.matches("<rect class=\"bar\"").count(), 20);
    assert!(page.find("id=\"corpus\"").unwrap() < page.find("id=\"summary\"").unwrap());
}

//! The HTML report in a real browser: builds a whole document through the
//! `html` API, then has headless Chromium load it (`tests/browser/check.sh`)
//! and checks the DOM it built. Skips with a message when no browser can be
//! installed or run here.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TempDir, run, stderr, stdout};

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
    let dir = std::env::temp_dir().join(format!("hedgescore-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.html");
    std::fs::write(&file, build_document()).unwrap();
    let script: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check.sh");
    let output = match Command::new("bash")
        .arg(&script)
        .arg(&file)
        .args([
            "modal",
            "verb",
            "approximator",
            "vague_source",
            "conditional",
            "booster",
        ])
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
        Some(0) => {
            println!("{stdout}");
            std::fs::remove_dir_all(&dir).ok();
        }
        Some(77) => {
            common::skip(stdout.trim().trim_start_matches("skipping: "));
            std::fs::remove_dir_all(&dir).ok();
        }
        _ => panic!(
            "the browser check failed ({}); report kept at {}\n{stdout}{stderr}",
            output.status,
            file.display()
        ),
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
    let mut article = "";
    for body in &sections {
        let ids = attribute_values(body, "id");
        if !body.starts_with(" continued") {
            article = ids[0];
        }
        let inside: HashSet<&str> = ids.into_iter().collect();
        for href in attribute_values(body, "href") {
            if href == "#summary" || href.ends_with("-summary") {
                continue;
            }
            assert!(
                href.starts_with(&format!("#{article}-s")),
                "{href} in {article}"
            );
            assert!(inside.contains(&href[1..]), "{href} not in its section");
        }
    }
    let summary = &page[page.find("<tbody>").unwrap()..];
    for row in summary.split("<tr>").skip(1) {
        let target = &attribute_values(row, "href")[0][1..];
        let quote = row.rsplit("<td class=\"quote\">").next().unwrap();
        let quote = &quote[..quote.find("</td>").unwrap()];
        let text = without_tags(section(target));
        assert!(text.contains(quote), "{target} lacks {quote:?}: {text}");
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

#[test]
fn a_long_article_in_parts_labels_each_part_with_its_sentences() {
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
    let out = run(&["score", "--format", "csv", file], b"");
    let sentences: usize = stdout(&out)
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(3)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(sentences, 60_000);
    let out = run(&["score", "--format", "html", file], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    check_links(&page);
    let sections: Vec<&str> = page
        .split("<section class=\"article-section")
        .skip(1)
        .collect();
    assert!(sections.len() >= 3, "{} sections", sections.len());
    let mut next = 1;
    for (i, section) in sections.iter().enumerate() {
        let meta = between(section, "<p class=\"meta\">", "</p>");
        let shown = section.matches("<li class=\"sentence ").count();
        let uncertain = section.matches("<li class=\"sentence uncertain").count();
        let range = format!("sentences {next}–{}", next + shown - 1);
        assert!(
            meta.contains(&range),
            "part {i} should say {range:?}: {meta}"
        );
        assert!(
            meta.contains(&format!(" · {uncertain} of them uncertain")),
            "part {i}: {uncertain} uncertain: {meta}"
        );
        if i == 0 {
            assert!(meta.starts_with("dated 2024-05-01 · "), "{meta}");
            assert!(!meta.contains(&format!("{shown} sentences")), "{meta}");
            assert!(meta.contains("of a long article"), "{meta}");
        }
        next += shown;
    }
    assert_eq!(next - 1, sentences);
    // The article's totals are in its summary row, which the first part links to.
    let row = between(&page, "<tr id=\"article-1-", "</tr>");
    assert!(
        row.contains(&format!("<td class=\"n\">{sentences}</td>")),
        "{row}"
    );
    assert!(
        sections[0].contains("href=\"#article-1-"),
        "{}",
        &sections[0][..600]
    );
}

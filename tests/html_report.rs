//! The HTML report in a real browser: builds a whole document through the
//! `html` API, then has headless Chromium load it (`tests/browser/check.sh`)
//! and checks the DOM it built. Skips with a message when no browser can be
//! installed or run here.

use std::path::{Path, PathBuf};
use std::process::Command;

use hedgescore::html;
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
    for (name, text) in ARTICLES {
        let article = Article::new(name, text);
        let mut scored = ScoredText::default();
        scorer.score_text(article.body(), &mut scored);
        let context = RowContext {
            article: article.id(),
            date: article.date(),
            offset: article.body_offset(),
            carried: &carried,
        };
        html::article_section(&scorer, context, article.body(), &scored, 1, &mut out);
        reports.push(ArticleReport::new(&scorer, &article, &scored));
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
            println!("skipping: cannot run bash for {}: {e}", script.display());
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
        Some(77) => println!("{stdout}"),
        _ => panic!(
            "the browser check failed ({}); report kept at {}\n{stdout}{stderr}",
            output.status,
            file.display()
        ),
    }
}

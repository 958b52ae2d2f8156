//! The public API of `hedgescore::tune::check` (lexicon check and list) and
//! `hedgescore::tune::explain`, on the built-in lexicons and the default scorer.

use hedgescore::tune::check::{Finding, Severity, check_lexicon, has_errors, write_lexicon_tsv};
use hedgescore::tune::explain::explain;
use hedgescore::{Lexicon, ScoreParams, ScoredText, Scorer};

/// The default lexicon and the default with each built-in pack added, as
/// `--pack NAME` builds them.
fn builtin_lexicons() -> Vec<(String, Lexicon)> {
    let mut all = vec![("en".to_string(), Lexicon::english())];
    for pack in Lexicon::builtin_packs() {
        let mut lexicon = Lexicon::english();
        lexicon.extend(Lexicon::builtin(pack).expect("listed packs exist"));
        all.push((format!("en+{pack}"), lexicon));
    }
    all
}

/// (text, prefix, weight, category, rules) of every entry, sorted.
fn entries(lexicon: &Lexicon) -> Vec<(String, bool, String, String, String)> {
    let mut all: Vec<_> = lexicon
        .iter()
        .map(|c| {
            (
                c.text.clone(),
                c.prefix,
                c.weight.to_string(),
                c.category.to_string(),
                c.rules.to_field(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn listing_the_builtin_lexicons_reads_back_to_equal_lexicons() {
    for (name, lexicon) in builtin_lexicons() {
        let mut out = Vec::new();
        write_lexicon_tsv(&lexicon, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text.lines().nth(1),
            Some("cue\tweight\tcategory\trules\tnote")
        );
        let mut back = Lexicon::new();
        back.add_text("list.tsv", &text)
            .unwrap_or_else(|e| panic!("{name}: the listing does not parse: {e}"));
        assert_eq!(entries(&back), entries(&lexicon), "{name}");
        assert!(
            back.overridden().is_empty(),
            "{name}: the listing repeats a cue"
        );
        // Sorted by category, then cue.
        let keys: Vec<(usize, String)> = back
            .iter()
            .map(|c| {
                let rank = hedgescore::Category::ALL
                    .iter()
                    .position(|k| *k == c.category)
                    .unwrap();
                (rank, c.text.clone())
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{name}: not sorted");
    }
}

#[test]
fn checking_the_builtin_lexicons_names_real_files_and_lines() {
    for (name, lexicon) in builtin_lexicons() {
        let findings = check_lexicon(&lexicon);
        for finding in &findings {
            assert!(finding.file.starts_with("builtin:"), "{name}: {finding}");
            assert!(finding.line > 0, "{name}: {finding}");
            let shown = finding.to_string();
            assert!(
                shown.starts_with(&format!("{}:{}: ", finding.file, finding.line)),
                "{shown}"
            );
        }
        eprintln!("{name}: {} finding(s)", findings.len());
        for finding in &findings {
            eprintln!("  {finding}");
        }
    }
}

#[test]
fn a_user_file_overriding_the_default_is_a_warning_and_a_repeat_within_it_an_error() {
    let mut lexicon = Lexicon::english();
    lexicon
        .add_text(
            "mine.tsv",
            "cue\tweight\tcategory\nmight\t0.5\tmodal\nreportedly\t1\tvague_source\nreportedly\t1\tvague_source\n",
        )
        .unwrap();
    let findings: Vec<Finding> = check_lexicon(&lexicon)
        .into_iter()
        .filter(|f| f.file == "mine.tsv")
        .collect();
    let summary: Vec<(Severity, u32, &str)> = findings
        .iter()
        .map(|f| (f.severity, f.line, f.cue.as_str()))
        .collect();
    assert!(
        summary.contains(&(Severity::Warning, 2, "might")),
        "{findings:#?}"
    );
    assert!(
        summary.contains(&(Severity::Error, 4, "reportedly")),
        "{findings:#?}"
    );
    let might = findings.iter().find(|f| f.cue == "might").unwrap();
    assert!(
        might
            .message
            .contains("replaces the entry at builtin:en/modals.tsv:"),
        "{might}"
    );
    assert!(might.message.contains("weight"), "{might}");
    assert!(has_errors(&findings));
}

/// The value after `prefix` on the line that starts with it, up to the
/// first space, as a number.
fn shown_number(shown: &str, prefix: &str, last: bool) -> f64 {
    let line = shown
        .lines()
        .find(|l| l.trim_start().starts_with(prefix))
        .unwrap_or_else(|| panic!("no line {prefix:?} in\n{shown}"));
    let value = if last {
        line.rsplit(' ').next().unwrap()
    } else {
        line.trim_start()[prefix.len()..].split(' ').next().unwrap()
    };
    value.parse().unwrap_or_else(|_| panic!("{line:?}"))
}

#[test]
fn explain_shows_the_numbers_the_scorer_computed() {
    let scorer = Scorer::english();
    let params = *scorer.params();
    let sentences = [
        "It is not certain that the drug could help.",
        "Officials said the bridge will clearly reopen in May.",
        "There is no doubt that some experts suggest it might be about 300 people.",
        "The bridge reopened.",
    ];
    for text in sentences {
        let mut scored = ScoredText::default();
        scorer.score_text(text, &mut scored);
        assert_eq!(scored.sentences.len(), 1, "{text}");
        let s = &scored.sentences[0];
        let shown = explain(&scorer, text, false);
        let round = |x: f64| format!("{x:.4}").parse::<f64>().unwrap();
        assert_eq!(
            shown_number(&shown, "H = ", true),
            round(s.hedge),
            "{shown}"
        );
        assert_eq!(
            shown_number(&shown, "B = ", true),
            round(s.boost),
            "{shown}"
        );
        assert_eq!(
            shown_number(&shown, "certainty = ", true),
            round(s.certainty),
            "{shown}"
        );
        assert_eq!(params.certainty(s.hedge, s.boost), s.certainty);
        assert_eq!(params.is_uncertain(s.hedge, s.boost), s.uncertain);
        let label = if s.uncertain { "uncertain" } else { "certain" };
        assert!(shown.contains(&format!("label = {label} (")), "{shown}");
        // Every counted cue is listed with its weight.
        for cue in scored.cues_of(s) {
            let entry = scorer.lexicon().cue(cue.cue);
            assert!(
                shown
                    .lines()
                    .any(|l| l.trim_start().starts_with(&text[cue.span.clone()])
                        && l.contains(entry.category.as_str())
                        && l.contains(&cue.weight.to_string())),
                "{shown}"
            );
        }
    }
}

#[test]
fn explain_uses_the_scorers_constants() {
    let params = ScoreParams {
        neutral: 0.5,
        alpha: 1.0,
        uncertain_at: 2.0,
        ..ScoreParams::default()
    };
    let scorer = Scorer::new(Lexicon::english(), params).unwrap();
    let text = "It might rain.";
    let mut scored = ScoredText::default();
    scorer.score_text(text, &mut scored);
    let shown = explain(&scorer, text, false);
    assert!(
        shown.contains("neutral 0.5, alpha 1, threshold 2"),
        "{shown}"
    );
    let s = &scored.sentences[0];
    assert_eq!(
        shown_number(&shown, "certainty = ", true),
        format!("{:.4}", s.certainty).parse::<f64>().unwrap()
    );
    assert!(shown.contains(&format!(
        "label = {}",
        if s.uncertain { "uncertain" } else { "certain" }
    )));
}

#[test]
fn explain_in_colour_keeps_the_text_and_drops_the_carets() {
    let scorer = Scorer::english();
    let shown = explain(&scorer, "The cause was not clearly established.", true);
    assert!(shown.contains("\x1b[4;"), "{shown}");
    assert!(!shown.contains('^'), "{shown}");
    let plain = explain(&scorer, "The cause was not clearly established.", false);
    assert!(
        plain.contains("The cause was [not] [clearly] established."),
        "{plain}"
    );
    assert!(plain.contains("negated by 'not'"), "{plain}");
}

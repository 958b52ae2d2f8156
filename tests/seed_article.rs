//! The reference article: the first thing a user scores. It lives in
//! ../shared (not ours to copy), so the test skips when it is absent.

mod common;

use std::path::PathBuf;

use hedgescore::{Article, Effect, ScoredText, Scorer};

fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/seed/belarus-border-2022-06-06.txt")
}

/// (text, certainty, uncertain, cue texts with their effect)
type Row = (String, f64, bool, Vec<(String, Effect)>);

fn scored_seed() -> Option<Vec<Row>> {
    let path = seed_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        common::skip(format!("{} not found", path.display()));
        return None;
    };
    let scorer = Scorer::english();
    let article = Article::new("seed", &text);
    assert_eq!(article.date(), Some("2022-06-06"));
    let mut scored = ScoredText::default();
    scorer.score_text(article.body(), &mut scored);
    let body = article.body();
    Some(
        scored
            .sentences
            .iter()
            .map(|s| {
                let cues = scored
                    .cues_of(s)
                    .iter()
                    .map(|c| (body[c.span.clone()].to_lowercase(), c.effect))
                    .collect();
                (
                    body[s.span.clone()].to_string(),
                    s.certainty,
                    s.uncertain,
                    cues,
                )
            })
            .collect(),
    )
}

fn find<'a>(rows: &'a [Row], needle: &str) -> &'a Row {
    let matching: Vec<&Row> = rows.iter().filter(|r| r.0.contains(needle)).collect();
    assert_eq!(
        matching.len(),
        1,
        "sentences containing {needle:?}: {matching:#?}"
    );
    matching[0]
}

#[test]
fn seed_article_hedged_sentences_are_uncertain() {
    let Some(rows) = scored_seed() else { return };
    for needle in [
        "some speculating",
        "could provide a pretext",
        "The agency suggested",
        "It is also possible",
        "is possible",
        "skeptical",
        "approximately 15,000",
    ] {
        let row = find(&rows, needle);
        assert!(row.2, "{needle:?} should be uncertain: {row:#?}");
    }
}

#[test]
fn seed_article_boosted_sentences_score_above_a_plain_assertion() {
    let Some(rows) = scored_seed() else { return };
    let neutral = hedgescore::scoring::NEUTRAL_CERTAINTY;
    let plain = find(&rows, "explained the troop build-up");
    assert_eq!(plain.1, neutral, "{plain:#?}");
    for needle in ["is convinced", "They know quite well"] {
        let row = find(&rows, needle);
        assert!(
            row.1 > plain.1,
            "{needle:?} should score above a plain assertion: {row:#?}"
        );
    }
}

#[test]
fn seed_article_can_watch_and_should_know_are_not_hedges() {
    let Some(rows) = scored_seed() else { return };
    for (needle, word) in [("can watch", "can"), ("should know", "should")] {
        let row = find(&rows, needle);
        assert!(
            !row.3
                .iter()
                .any(|(cue, effect)| cue == word && *effect == Effect::Hedge),
            "{word:?} counted as a hedge: {row:#?}"
        );
        assert!(!row.2, "{needle:?} should not be uncertain: {row:#?}");
    }
}

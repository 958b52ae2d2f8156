//! New entries to try: the gaps `hedgescore lexicon stats` lists.

use std::path::PathBuf;

use crate::error::Result;
use crate::lexicon::{Category, CategoryEffect, Lexicon};
use crate::scoring::{ScoreParams, Scorer};
use crate::tune::stats::{StatKind, lexicon_stats};

/// How many of the gaps, best first, are tried.
pub const MAX_PROPOSALS: usize = 30;

/// The cue texts to try, best first: the gap rows of the statistics of
/// `lexicon` on the gold files (annotated cues no entry matched, phrases
/// frequent in missed uncertain sentences).
pub fn candidates(
    lexicon: &Lexicon,
    params: ScoreParams,
    paths: &[PathBuf],
) -> Result<Vec<String>> {
    let scorer = Scorer::new(lexicon.clone(), params)?;
    Ok(lexicon_stats(&scorer, paths)?
        .into_iter()
        .filter(|row| row.kind != StatKind::Entry)
        .map(|row| row.cue)
        .take(MAX_PROPOSALS)
        .collect())
}

/// `lexicon` with `phrase` added as a hedge of weight 1, or `None` when it
/// is an entry already or no cue a lexicon file can hold.
pub fn with_entry(lexicon: &Lexicon, phrase: &str) -> Option<Lexicon> {
    let category = category_for(lexicon, phrase);
    let mut trial = lexicon.clone();
    let text = format!("cue\tweight\tcategory\n{phrase}\t1\t{category}\n");
    trial.add_text("proposed", &text).ok()?;
    (trial.len() > lexicon.len()).then_some(trial)
}

/// A category for a new hedge: that of the longest hedge entry whose words
/// it holds ("may well" is a modal); else an adverb for one word in "-ly",
/// else a vague source. Only the by-category counts of reports see it.
fn category_for(lexicon: &Lexicon, phrase: &str) -> Category {
    let padded = format!(" {phrase} ");
    lexicon
        .iter()
        .filter(|c| lexicon.effect(c.category) == CategoryEffect::Hedge && !c.prefix)
        .filter(|c| padded.contains(&format!(" {} ", c.text)))
        .max_by_key(|c| (c.text.len(), std::cmp::Reverse(c.text.clone())))
        .map(|c| c.category)
        .unwrap_or(if !phrase.contains(' ') && phrase.ends_with("ly") {
            Category::Adverb
        } else {
            Category::VagueSource
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposals_take_the_category_of_a_hedge_inside_them() {
        let lexicon = Lexicon::english();
        let table = [
            ("might just", Category::Modal),
            ("vaguely", Category::Adverb),
            ("word has it", Category::VagueSource),
        ];
        for (phrase, category) in table {
            assert_eq!(category_for(&lexicon, phrase), category, "{phrase}");
            let added = with_entry(&lexicon, phrase).unwrap();
            assert_eq!(added.len(), lexicon.len() + 1);
        }
        assert!(with_entry(&lexicon, "might").is_none(), "an entry already");
        assert!(with_entry(&lexicon, "--").is_none(), "no cue");
    }
}

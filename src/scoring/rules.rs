//! The context rules: whether a cue counts where it stands, and at what
//! weight (see the module docs of [`crate::scoring`]). The words the rules
//! look for come from the lexicon's word lists ([`WordListName`]), each a
//! plain file under `lexicons/en/`.

use std::ops::Range;

use crate::lexicon::{Lexicon, WordListName};
use crate::matching::is_word_char;

/// The words of one list as a rule looks them up: in lower case, compared
/// with ASCII case folded. The lists are short and a rule looks one up
/// only next to a cue, so a scan beats hashing a lower-cased copy; the
/// first letters and the lengths of the words, kept as bit sets, turn most
/// words away before the scan.
#[derive(Debug, Clone, Default)]
struct Words {
    words: Box<[Box<str>]>,
    first_letters: u32,
    lengths: u64,
}

impl Words {
    fn new(words: impl Iterator<Item = String>) -> Words {
        let words: Box<[Box<str>]> = words.map(String::into_boxed_str).collect();
        Words {
            first_letters: words.iter().fold(0, |set, w| set | first_letter_bit(w)),
            lengths: words.iter().fold(0, |set, w| set | length_bit(w)),
            words,
        }
    }

    /// True when `word` is listed, ASCII case aside.
    fn has(&self, word: &str) -> bool {
        self.first_letters & first_letter_bit(word) != 0
            && self.lengths & length_bit(word) != 0
            && self.words.iter().any(|w| w.eq_ignore_ascii_case(word))
    }
}

/// A word's bit in a set of first letters: one per ASCII letter, any case,
/// and one shared by every other first byte.
fn first_letter_bit(word: &str) -> u32 {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii_alphabetic() => 1 << (b.to_ascii_lowercase() - b'a'),
        _ => 1 << 31,
    }
}

/// A word's bit in a set of lengths: one per length in bytes up to 62, and
/// one shared by all longer words.
fn length_bit(word: &str) -> u64 {
    1 << word.len().min(63)
}

/// The word lists of the context rules, read from a lexicon.
#[derive(Debug, Clone)]
pub(super) struct RuleWords {
    number_words: Words,
    lab_units: Words,
    reporting_verbs: Words,
    question_words: Words,
    condition_words: Words,
    person_words: Words,
    modal_verbs: Words,
    modal_bridges: Words,
    non_person_ists: Words,
}

impl RuleWords {
    /// The lexicon's lists.
    pub(super) fn new(lexicon: &Lexicon) -> RuleWords {
        let list = |name| Words::new(lexicon.word_list(name).words());
        RuleWords {
            number_words: list(WordListName::NumberWords),
            lab_units: list(WordListName::LabUnits),
            reporting_verbs: list(WordListName::ReportingVerbs),
            question_words: list(WordListName::QuestionWords),
            condition_words: list(WordListName::ConditionWords),
            person_words: list(WordListName::PersonWords),
            modal_verbs: list(WordListName::ModalVerbs),
            modal_bridges: list(WordListName::ModalBridges),
            non_person_ists: list(WordListName::NonPersonIsts),
        }
    }

    /// True when a number word (the first after a cue) carries or is
    /// followed by a unit of laboratory measurement (`lab-units.txt`):
    /// "3-fold", "2.3kb", "50 kDa".
    fn is_lab_measurement(&self, number: &str, next: Option<&str>) -> bool {
        let unit = |word: &str| {
            let word = word
                .trim_start_matches(['-', '–'])
                .trim_end_matches(|c: char| c.is_ascii_punctuation())
                .to_lowercase();
            self.lab_units.has(&word)
        };
        let attached =
            number.trim_start_matches(|c: char| c.is_ascii_digit() || ".,-–".contains(c));
        if attached.is_empty() {
            next.is_some_and(unit)
        } else {
            unit(attached)
        }
    }

    /// True when the words after a cue begin with a quantity: a number
    /// ("15,000", "$2m", "3.5%") or a number word (`number-words.txt`),
    /// possibly after "a"/"an" ("a dozen"), but not a laboratory
    /// measurement ("3-fold", "50 kDa").
    pub(super) fn quantity_follows(&self, after: &str) -> bool {
        let mut words = after.split_whitespace();
        let mut peek = after.split_whitespace();
        let (first, second) = (peek.next(), peek.next());
        let measured = first.is_some_and(|number| {
            number.starts_with(|c: char| c.is_ascii_digit())
                && self.is_lab_measurement(number, second)
        });
        if measured {
            return false;
        }
        let is_quantity = |word: &str| {
            let word = word.trim_start_matches(['$', '£', '€', '¥', '~', '(', '"', '\'']);
            if word.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
            let bare: String = word
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '-')
                .collect::<String>()
                .to_lowercase();
            let head = bare.split('-').next().unwrap_or("");
            self.number_words.has(head)
        };
        match words.next() {
            Some(w) if is_quantity(w) => true,
            Some(w) if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an") => {
                words.next().is_some_and(is_quantity)
            }
            _ => false,
        }
    }

    /// True when `before` (the sentence up to a cue) ends in the complement
    /// of a verb of saying (`reporting-verbs.txt`) at most
    /// [`REPORTED_WINDOW`] words back, with no question word between
    /// (`question-words.txt`), no condition word before it in the clause
    /// (`condition-words.txt`), and no clause mark between. An aside in
    /// brackets of at most [`REPORTED_WINDOW`] words between them is passed
    /// over ("said the price index (CPI) would rise"; a longer one ends the
    /// clause, as an opening bracket does), and quotation marks round a word
    /// are no part of it ("Blair 'said he would stand down'"). Reads at most
    /// twice the window of words back from the cue, and a window's worth in
    /// asides, so a long unpunctuated text costs no more per cue than a
    /// short one.
    pub(super) fn is_reported(&self, before: &str) -> bool {
        let mut verb_found = false;
        let mut words = 0;
        let mut word_end = None;
        let mut check = |word: &str| -> Option<bool> {
            let word = word.trim_matches('\'');
            words += 1;
            let is = |list: &Words| list.has(word);
            if verb_found {
                if is(&self.condition_words) {
                    return Some(false);
                }
                return (words > 2 * REPORTED_WINDOW).then_some(true);
            }
            if words > REPORTED_WINDOW || is(&self.question_words) {
                return Some(false);
            }
            verb_found = is(&self.reporting_verbs);
            None
        };
        // How many brackets closed after the cue's clause are still open,
        // reading back, and the spaces read inside them: the words inside
        // are an aside, unless there are too many for one.
        let (mut aside, mut aside_spaces) = (0_usize, 0);
        for (i, c) in before.char_indices().rev() {
            if aside > 0 {
                aside = aside + usize::from(c == ')') - usize::from(c == '(');
                aside_spaces += usize::from(c.is_whitespace());
                if aside_spaces > REPORTED_WINDOW {
                    return verb_found;
                }
                continue;
            }
            if is_word_char(c) || c == '\'' {
                word_end.get_or_insert(i + c.len_utf8());
                continue;
            }
            if let Some(end) = word_end.take()
                && let Some(answer) = check(&before[i + c.len_utf8()..end])
            {
                return answer;
            }
            if c == ')' {
                aside = 1;
                continue;
            }
            if ends_reported_clause(c) {
                return verb_found;
            }
        }
        if let Some(end) = word_end
            && let Some(answer) = check(&before[..end])
        {
            return answer;
        }
        verb_found
    }

    /// True when the last word of `before` (the sentence up to a cue) names a
    /// person (`person-words.txt`), with nothing but white space after it
    /// ("we, can" has a comma between and does not count).
    pub(super) fn follows_person(&self, before: &str) -> bool {
        let trimmed = before.trim_end();
        let word_start = trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| !(is_word_char(c) || c == '\''))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[word_start..];
        self.person_words.has(word)
    }

    /// True when `word` may stand between a modal and the cue: a modal
    /// bridge (`modal-bridges.txt`) or an adverb in "-ly" ("clearly",
    /// "finally").
    fn is_modal_bridge(&self, word: &str) -> bool {
        let adverb = word.len() > 4
            && word
                .get(word.len() - 2..)
                .is_some_and(|end| end.eq_ignore_ascii_case("ly"));
        adverb || self.modal_bridges.has(word)
    }

    /// True when the end of `before` (the sentence up to a cue) puts the cue
    /// under a modal or the infinitive "to", with no clause mark between:
    /// - "to" right before the cue, or "to be" or "to have" before it
    ///   ("needed to confirm", "has yet to be proved"); a "to" further back
    ///   is taken for a preposition ("closest to me know", "rose to 500
    ///   confirmed");
    /// - a modal verb (`modal-verbs.txt`) right before the cue, or with at
    ///   most [`MODAL_GAP`] words between, each a modal bridge
    ///   (`modal-bridges.txt`) or an adverb in "-ly" ("can be demonstrated", "could have been confirmed").
    ///
    /// A negator between the modal and the cue ("would not confirm", "could
    /// never prove") is no bridge word, so the cue is not skipped and negation
    /// turns it into a hedge, as it does after "couldn't" or "cannot", which
    /// are no modals here; "could not" is a negator of its own.
    pub(super) fn follows_modal(&self, before: &str) -> bool {
        let mut nearest: Option<&str> = None;
        // A token of quotation marks or dashes is no word ("have to
        // \"demonstrate\"").
        let words = before
            .split_whitespace()
            .rev()
            .filter(|t| t.contains(is_word_char) || t.contains(is_clause_mark))
            .take(MODAL_GAP + 1);
        for (back, token) in words.enumerate() {
            if token.ends_with(is_clause_mark) {
                return false;
            }
            let word = token.trim_start_matches(|c: char| !is_word_char(c));
            if self.modal_verbs.has(word) {
                return true;
            }
            if word.eq_ignore_ascii_case("to") {
                let be_or_have =
                    |w: &str| w.eq_ignore_ascii_case("be") || w.eq_ignore_ascii_case("have");
                return back == 0 || (back == 1 && nearest.is_some_and(be_or_have));
            }
            if token.contains(is_clause_mark) || !self.is_modal_bridge(word) {
                return false;
            }
            nearest.get_or_insert(word);
        }
        false
    }

    /// True when `word` names a group of people by its form: a plural of
    /// belief, trade or origin ending in "-ists" or "-ians" ("economists",
    /// "musicians", "Christians"), or a capitalised one ending in "-ans"
    /// ("Americans", "Republicans"). A lower-case "-ans" is too often a thing
    /// ("plans", "organs", "means"). Words in "-ists" with fewer than three
    /// letters before the ending ("lists", "twists", "exists") and those of
    /// `non-person-ists.txt` ("insists", "agonists") name no people.
    fn is_group_noun(&self, word: &str) -> bool {
        // The length of the stem before `ending` (ASCII, any case), if the
        // word ends so; no allocation, as this runs at every "some" and "many".
        let stem_len = |ending: &str| {
            let stem = word.len().checked_sub(ending.len())?;
            let tail = word.get(stem..)?;
            tail.eq_ignore_ascii_case(ending)
                .then(|| word[..stem].chars().count())
        };
        if let Some(stem) = stem_len("ists") {
            let verb_or_ligand = self.non_person_ists.has(word);
            return stem >= 3 && !verb_or_ligand;
        }
        if stem_len("ians").is_some_and(|stem| stem >= 2) {
            return true;
        }
        let capitalised = word.starts_with(|c: char| c.is_uppercase())
            && word.chars().skip(1).all(|c| c.is_lowercase());
        capitalised && stem_len("ans").is_some_and(|stem| stem >= 2)
    }

    /// True when the words after a cue name a group of people: a group
    /// noun (see [`RuleWords::is_group_noun`]) first, or second after one
    /// modifier ("many jazz musicians", "some local Republicans"), with no
    /// punctuation between.
    pub(super) fn group_follows(&self, after: &str) -> bool {
        for word in after.split_whitespace().take(2) {
            let bare = word.trim_end_matches(|c: char| !is_word_char(c));
            if self.is_group_noun(bare) {
                return true;
            }
            if bare.len() != word.len() || !bare.chars().all(|c| c.is_alphabetic() || c == '-') {
                return false;
            }
        }
        false
    }
}

/// True when a match of "may" is the month: written "May" and either not
/// the sentence's first word or followed by a number ("May 5", "May 2021").
pub(super) fn is_month_may(text: &str, sentence: &Range<usize>, cue: &Range<usize>) -> bool {
    let word = &text[cue.clone()];
    if !word.starts_with('M') {
        return false;
    }
    let before = &text[sentence.start..cue.start];
    let first_word = !before.chars().any(is_word_char);
    let next = text[cue.end..sentence.end].trim_start();
    let number_follows = next.starts_with(|c: char| c.is_ascii_digit());
    // All capitals ("MAY") in running text is emphasis, not the month.
    let shouted = word == "MAY" && !first_word;
    !shouted && (!first_word || number_follows)
}

/// How many words a reporting verb may stand before the cue it reports.
const REPORTED_WINDOW: usize = 12;

/// Marks that end the clause a cue is reported in: a colon, semicolon,
/// opening bracket or quotation mark (direct speech); a closing bracket
/// ends an aside that is passed over instead.
fn ends_reported_clause(c: char) -> bool {
    matches!(c, ';' | ':' | '(' | '"' | '“' | '”')
}

/// How many words [`RuleWords::follows_modal`] lets stand between a modal and the
/// cue: "could have been confirmed".
const MODAL_GAP: usize = 2;

/// Marks that end a clause: nothing before one governs a cue after it.
fn is_clause_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')')
}

/// True when a negator whose text ends where `gap` starts reaches the cue
/// after `gap`: at most `window - 1` words between, and no clause break.
pub(super) fn negator_reaches(gap: &str, window: usize) -> bool {
    if gap.contains(is_clause_mark) {
        return false;
    }
    let words = gap
        .split_whitespace()
        .filter(|w| w.chars().any(is_word_char))
        .count();
    words < window
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_any_ascii_case_and_only_they() {
        let words = Words::new(["said", "µm", "°c", "a"].map(String::from).into_iter());
        for found in ["said", "SAID", "Said", "µm", "µM", "°c", "°C", "A"] {
            assert!(words.has(found), "{found}");
        }
        for missing in ["", "sai", "saidx", "aid", "μm", "c", "b", "an", "ſaid"] {
            assert!(!words.has(missing), "{missing}");
        }
        let long = "x".repeat(70);
        let words = Words::new([long.clone()].into_iter());
        assert!(words.has(&long.to_uppercase()) && !words.has(&long[1..]));
    }
}

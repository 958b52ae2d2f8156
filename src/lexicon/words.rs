//! The word lists of the context rules and the sentence splitter: which
//! verbs report speech, which words name people, which abbreviations do
//! not end a sentence, and so on. Each is a plain file beside the
//! lexicon's `.tsv` files (`lexicons/en/reporting-verbs.txt`), one entry
//! per line in the form of [`crate::text::word_list`], and a file of the
//! same name in a `--lexicon` folder or a pack replaces the whole list.
//!
//! ```
//! use hedgescore::lexicon::{Lexicon, WordList, WordListName};
//! let mut lexicon = Lexicon::english();
//! let verbs = lexicon.word_list(WordListName::ReportingVerbs);
//! assert!(verbs.words().any(|w| w == "said"));
//! lexicon.set_word_list(WordList::new(WordListName::ReportingVerbs, "mine.txt", "Wrote\n"));
//! let verbs: Vec<String> = lexicon.word_list(WordListName::ReportingVerbs).words().collect();
//! assert_eq!(verbs, ["wrote"]);
//! ```

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, LazyLock};

use super::{BUILTIN_PACKS, DEFAULT_PACK};
use crate::text::word_list;

/// Which word list a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordListName {
    /// Abbreviations whose period need not end a sentence (the splitter).
    Abbreviations,
    /// Words that usually open a sentence (the splitter).
    SentenceStarters,
    /// Domain endings that writers capitalise in names (the splitter).
    DomainEndings,
    /// Number words that make a quantity (rule `before_number`).
    NumberWords,
    /// Units of laboratory measurement (rule `before_number`).
    LabUnits,
    /// Verbs of saying in the past tense (rule `not_reported`).
    ReportingVerbs,
    /// Words that open an embedded question (rule `not_reported`).
    QuestionWords,
    /// Words that make a clause a condition (rule `not_reported`).
    ConditionWords,
    /// Pronouns and nouns for people (rule `not_after_person`).
    PersonWords,
    /// Modal verbs (rule `not_after_modal`).
    ModalVerbs,
    /// Words between a modal and its verb (rule `not_after_modal`).
    ModalBridges,
    /// Words in -ists that name no people (rule `full_before_group`).
    NonPersonIsts,
}

impl WordListName {
    /// Every list, in the order `lexicon list` names them.
    pub const ALL: [WordListName; 12] = [
        WordListName::Abbreviations,
        WordListName::SentenceStarters,
        WordListName::DomainEndings,
        WordListName::NumberWords,
        WordListName::LabUnits,
        WordListName::ReportingVerbs,
        WordListName::QuestionWords,
        WordListName::ConditionWords,
        WordListName::PersonWords,
        WordListName::ModalVerbs,
        WordListName::ModalBridges,
        WordListName::NonPersonIsts,
    ];

    /// The list's name: its file name without `.txt`.
    pub fn as_str(self) -> &'static str {
        match self {
            WordListName::Abbreviations => "abbreviations",
            WordListName::SentenceStarters => "sentence-starters",
            WordListName::DomainEndings => "domain-endings",
            WordListName::NumberWords => "number-words",
            WordListName::LabUnits => "lab-units",
            WordListName::ReportingVerbs => "reporting-verbs",
            WordListName::QuestionWords => "question-words",
            WordListName::ConditionWords => "condition-words",
            WordListName::PersonWords => "person-words",
            WordListName::ModalVerbs => "modal-verbs",
            WordListName::ModalBridges => "modal-bridges",
            WordListName::NonPersonIsts => "non-person-ists",
        }
    }

    /// What reads the list: the sentence splitter or a context rule.
    pub fn used_by(self) -> &'static str {
        match self {
            WordListName::Abbreviations
            | WordListName::SentenceStarters
            | WordListName::DomainEndings => "the sentence splitter",
            WordListName::NumberWords | WordListName::LabUnits => "the rule before_number",
            WordListName::ReportingVerbs
            | WordListName::QuestionWords
            | WordListName::ConditionWords => "the rule not_reported",
            WordListName::PersonWords => "the rule not_after_person",
            WordListName::ModalVerbs | WordListName::ModalBridges => "the rule not_after_modal",
            WordListName::NonPersonIsts => "the rule full_before_group",
        }
    }

    /// The list a file of this name holds (`reporting-verbs.txt`), if any.
    pub fn from_file_name(file: &str) -> Option<WordListName> {
        let name = file.strip_suffix(".txt")?;
        WordListName::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

impl fmt::Display for WordListName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WordListName {
    type Err = String;

    /// A list by its name, with or without `.txt`.
    fn from_str(s: &str) -> Result<WordListName, String> {
        let name = s.trim().strip_suffix(".txt").unwrap_or(s.trim());
        WordListName::ALL
            .into_iter()
            .find(|l| l.as_str() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = WordListName::ALL.iter().map(|l| l.as_str()).collect();
                format!(
                    "there is no word list {name:?}; the lists are: {}",
                    names.join(", ")
                )
            })
    }
}

/// One word list, as read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct WordList {
    name: WordListName,
    source: Arc<str>,
    text: Arc<str>,
}

impl WordList {
    /// The list `name` read from `text`; `origin` names the file in
    /// messages (`builtin:PACK/FILE` for a compiled-in one). Any text is a
    /// list: `hedgescore lexicon check` reports entries that cannot match.
    pub fn new(name: WordListName, origin: &str, text: &str) -> WordList {
        WordList {
            name,
            source: Arc::from(origin),
            text: Arc::from(text),
        }
    }

    /// Which list it is.
    pub fn name(&self) -> WordListName {
        self.name
    }

    /// The file it was read from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Its text as read, comments included.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its entries, each with its 1-based line.
    pub fn entries(&self) -> impl Iterator<Item = (u32, &str)> {
        word_list::entries(&self.text)
    }

    /// Its entries in lower case, as the rules look them up.
    pub fn words(&self) -> impl Iterator<Item = String> {
        self.entries().map(|(_, entry)| entry.to_lowercase())
    }
}

/// The built-in English lists, read on first use.
static ENGLISH: LazyLock<Vec<WordList>> =
    LazyLock::new(|| builtin_lists(DEFAULT_PACK).collect::<Vec<_>>());

/// The word lists of a built-in pack.
pub(super) fn builtin_lists(pack: &str) -> impl Iterator<Item = WordList> {
    BUILTIN_PACKS
        .iter()
        .filter(move |(name, _)| *name == pack)
        .flat_map(|(name, files)| {
            files.iter().filter_map(move |(file, text)| {
                let list = WordListName::from_file_name(file)?;
                Some(WordList::new(list, &format!("builtin:{name}/{file}"), text))
            })
        })
}

/// The built-in English list `name`.
pub(super) fn english(name: WordListName) -> &'static WordList {
    ENGLISH
        .iter()
        .find(|l| l.name == name)
        .expect("the default pack holds every word list (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pack_holds_every_list_once_and_names_round_trip() {
        for name in WordListName::ALL {
            let lists: Vec<&WordList> = ENGLISH.iter().filter(|l| l.name == name).collect();
            assert_eq!(lists.len(), 1, "{name}");
            assert!(lists[0].entries().next().is_some(), "{name} is empty");
            let file = format!("{name}.txt");
            assert_eq!(WordListName::from_file_name(&file), Some(name));
            assert_eq!(file.parse::<WordListName>(), Ok(name));
            assert_eq!(name.as_str().parse::<WordListName>(), Ok(name));
        }
        assert_eq!(ENGLISH.len(), WordListName::ALL.len());
        assert_eq!(WordListName::from_file_name("reporting-verbs.tsv"), None);
        let err = "verbs".parse::<WordListName>().unwrap_err();
        assert!(err.contains("reporting-verbs"), "{err}");
    }

    #[test]
    fn built_in_headers_are_short() {
        for list in ENGLISH.iter() {
            let header = list.text().lines().take_while(|l| l.starts_with('#'));
            assert!(header.count() <= 10, "{} has a long header", list.name);
        }
    }
}

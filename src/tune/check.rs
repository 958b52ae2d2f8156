//! Lexicon checking and listing: `hedgescore lexicon check` and
//! `hedgescore lexicon list`.
//!
//! [`check_lexicon`] looks at a lexicon that parsed (malformed lines, unknown
//! categories and unknown rules are already parse errors, reported with
//! file and line) for entries that do not do what their author meant:
//!
//! - duplicates: two entries of the same cue (the later one wins; within
//!   one file that is an error, a file overriding another is a warning; an
//!   entry spelled with a curly apostrophe is the same cue as the straight
//!   spelling);
//! - shadowing that is real under the matcher's rules: a whole cue with the
//!   same category, weight and rules as the prefix cue of the same text is
//!   redundant. (A prefix cue `suggest*` does not hide a whole cue
//!   `suggests`: the longer match wins, and at equal length the whole cue.)
//! - spellings the matcher cannot find: a cue that begins with a combining
//!   mark (it would have to follow a non-word character), invisible
//!   characters, apostrophes written as ‘ or ʼ, and letters outside ASCII written in
//!   lower case only, since the automaton folds ASCII case only;
//! - a neutral entry that blocks nothing: no other cue starts inside it;
//! - weight 0 on an entry that counts, and rules that have no effect where
//!   they are written;
//! - in the word lists of the rules and the splitter ([`WordList`]): an
//!   entry that can never match (words with spaces where the list holds
//!   single words, abbreviations too long or of an unknown kind, sentence
//!   starters that are not ASCII letters), a word listed twice, and an
//!   empty list.
//!
//! [`write_lexicon_tsv`] writes the effective lexicon as a lexicon file,
//! and [`write_word_list`] one of its word lists.
//!
//! ```
//! use hedgescore::tune::check::{Severity, check_lexicon};
//! let mut lexicon = hedgescore::Lexicon::new();
//! lexicon
//!     .add_text("mine.tsv", "cue\tweight\tcategory\nlikely\t1\tadjective\nlikely\t0.5\tadjective\n")
//!     .unwrap();
//! let findings = check_lexicon(&lexicon);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].severity, Severity::Error);
//! assert_eq!(
//!     findings[0].to_string(),
//!     "mine.tsv:3: error: likely: duplicate of line 2 in the same file, with a different weight (1 → 0.5); line 3 wins"
//! );
//! ```

use std::collections::HashMap;
use std::fmt;
use std::io::Write;

use crate::lexicon::{Category, CategoryDef, Cue, Lexicon, WordList, WordListName};
use crate::matching::is_word_char;
use crate::output::csv::{CsvLine, Dialect, push_record};
use crate::output::weight_text;
use crate::scoring::FULL_WEIGHT;
use crate::text::sentences::SplitterList;

/// How serious a finding is: errors make `lexicon check` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The lexicon does not do what it says: fix it.
    Error,
    /// Probably a mistake, or worth knowing; the lexicon still works.
    Warning,
}

impl Severity {
    /// The name used in messages: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a lexicon.
///
/// It displays as one line, `file:line: severity: cue: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// The lexicon file of the entry concerned (`builtin:PACK/FILE` for a
    /// compiled-in one).
    pub file: String,
    /// The 1-based line of the entry in `file`.
    pub line: u32,
    /// The cue as written in a lexicon file (with `*` for a prefix cue), or
    /// the entry of a word list (the list's name when it is empty).
    pub cue: String,
    /// What is wrong and what to do, as a sentence.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}: {}",
            self.file, self.line, self.severity, self.cue, self.message
        )
    }
}

impl Finding {
    fn new(severity: Severity, cue: &Cue, message: String) -> Finding {
        Finding {
            severity,
            file: cue.source.file.to_string(),
            line: cue.source.line,
            cue: cue.display_text(),
            message,
        }
    }

    fn in_list(
        severity: Severity,
        list: &WordList,
        line: u32,
        entry: &str,
        message: String,
    ) -> Finding {
        Finding {
            severity,
            file: list.source().to_string(),
            line,
            cue: entry.to_string(),
            message,
        }
    }
}

/// True when any finding is an error (`lexicon check` then exits non-zero).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Checks a lexicon that parsed; see the module docs for what is checked.
/// The findings come in file and line order.
pub fn check_lexicon(lexicon: &Lexicon) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_duplicates(lexicon, &mut findings);
    check_redundant_whole_cues(lexicon, &mut findings);
    for cue in lexicon.iter() {
        check_spelling(cue, &mut findings);
        check_weight_and_rules(cue, &mut findings);
    }
    check_neutral_entries(lexicon, &mut findings);
    for list in lexicon.word_lists() {
        check_word_list(list, &mut findings);
    }
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.severity, &a.cue, &a.message)
            .cmp(&(&b.file, b.line, b.severity, &b.cue, &b.message))
    });
    findings
}

/// `file:line`, or `line N` when the entry is in the same file.
fn place(cue: &Cue, same_file: bool) -> String {
    if same_file {
        format!("line {}", cue.source.line)
    } else {
        format!("{}:{}", cue.source.file, cue.source.line)
    }
}

/// What differs between two entries of the same cue, as ", with …", or "".
fn differences(old: &Cue, new: &Cue) -> String {
    let mut parts = Vec::new();
    if old.weight != new.weight {
        parts.push(format!(
            "weight ({} → {})",
            weight_text(old.weight),
            weight_text(new.weight)
        ));
    }
    if old.category != new.category {
        parts.push(format!("category ({} → {})", old.category, new.category));
    }
    if old.rules != new.rules {
        let field = |c: &Cue| match c.rules.to_field() {
            f if f.is_empty() => "none".to_string(),
            f => f,
        };
        parts.push(format!("rules ({} → {})", field(old), field(new)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(", with a different {}", parts.join(" and "))
    }
}

/// Entries the lexicon replaced with a later entry of the same cue.
fn check_duplicates(lexicon: &Lexicon, findings: &mut Vec<Finding>) {
    for (old, new) in lexicon.overridden() {
        let same_file = old.source.file == new.source.file;
        let diff = differences(old, new);
        let (severity, message) = if same_file {
            (
                Severity::Error,
                format!(
                    "duplicate of {} in the same file{diff}; line {} wins",
                    place(old, true),
                    new.source.line
                ),
            )
        } else {
            (
                Severity::Warning,
                format!("replaces the entry at {}{diff}", place(old, false)),
            )
        };
        findings.push(Finding::new(severity, new, message));
    }
}

/// A whole cue next to the prefix cue of the same text, with the same
/// category, weight and rules, adds nothing: the prefix cue matches the
/// bare word too, with the same span.
fn check_redundant_whole_cues(lexicon: &Lexicon, findings: &mut Vec<Finding>) {
    let prefixes: HashMap<&str, &Cue> = lexicon
        .iter()
        .filter(|c| c.prefix)
        .map(|c| (c.text.as_str(), c))
        .collect();
    for whole in lexicon.iter().filter(|c| !c.prefix) {
        let Some(prefix) = prefixes.get(whole.text.as_str()) else {
            continue;
        };
        if differences(whole, prefix).is_empty() {
            findings.push(Finding::new(
                Severity::Warning,
                whole,
                format!(
                    "redundant: the prefix cue '{}' ({}) matches this word too, with the same category, weight and rules",
                    prefix.display_text(),
                    place(prefix, prefix.source.file == whole.source.file)
                ),
            ));
        }
    }
}

/// True for characters that are invisible in an editor and rare in text:
/// controls and the common format characters.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}'
        )
}

/// Spellings the matcher cannot find the way the cue is written.
fn check_spelling(cue: &Cue, findings: &mut Vec<Finding>) {
    let mut add = |severity, message: String| findings.push(Finding::new(severity, cue, message));
    let first = cue.text.chars().next().unwrap_or(' ');
    if is_word_char(first) && !first.is_alphanumeric() && first != '_' {
        add(
            Severity::Error,
            format!(
                "the cue begins with the combining character U+{:04X}, which in text follows a letter, so the cue never starts a word; write the whole word",
                first as u32
            ),
        );
    }
    if let Some(c) = cue.text.chars().find(|&c| is_invisible(c)) {
        add(
            Severity::Warning,
            format!(
                "the cue contains the invisible character U+{:04X} and matches only text that has it in the same place; delete it",
                c as u32
            ),
        );
    }
    // A curly apostrophe (’) is read as a straight one; these others are
    // not, so the cue matches only text that has them.
    if cue.text.contains(['\u{2018}', '\u{02BC}']) {
        add(
            Severity::Warning,
            "the cue has an apostrophe written as ‘ or ʼ; write every apostrophe straight (') and the matcher searches the curly (’) spelling too".to_string(),
        );
    }
    let cased = cue
        .text
        .chars()
        .find(|c| !c.is_ascii() && c.is_lowercase() && c.to_uppercase().ne(Some(*c)));
    if let Some(c) = cased {
        let upper: String = c.to_uppercase().collect();
        add(
            Severity::Warning,
            format!(
                "the matcher folds ASCII letters only, so '{c}' matches only in lower case (not '{upper}'); text in capitals is missed"
            ),
        );
    }
}

/// Weight 0 on an entry that counts, and rules that do nothing where written.
fn check_weight_and_rules(cue: &Cue, findings: &mut Vec<Finding>) {
    let mut warn = |message: String| findings.push(Finding::new(Severity::Warning, cue, message));
    let counts = !matches!(cue.category, Category::Negator | Category::Neutral);
    if !counts {
        let rules = cue.rules.to_field();
        if !rules.is_empty() {
            warn(format!(
                "rules ({rules}) are ignored on a {} entry; remove them",
                cue.category
            ));
        }
        return;
    }
    // Before a group, full_before_group gives even weight 0 full weight.
    if cue.weight == 0.0 && !cue.rules.full_before_group {
        warn(format!(
            "weight 0 switches the {} entry off: it counts nowhere but still blocks the shorter cues inside it; use category neutral to say that is its job",
            cue.category
        ));
    }
    if cue.rules.negation_flips && cue.category == Category::Booster {
        warn("negation_flips does nothing on a booster: a negated booster always turns into a hedge; remove the rule".to_string());
    }
    if cue.rules.full_before_group && cue.weight >= FULL_WEIGHT {
        warn(format!(
            "full_before_group does nothing on an entry of weight {FULL_WEIGHT} or more; remove the rule or lower the weight"
        ));
    }
    if cue.rules.not_month && cue.text != "may" {
        let effect = if cue.text.starts_with('m') {
            format!(
                "here it skips every '{}' written with a capital M after a sentence's first word, as if it were the month",
                capitalise(&cue.text)
            )
        } else {
            "here it has no effect".to_string()
        };
        warn(format!(
            "not_month is meant for \"may\" only; {effect}; remove the rule"
        ));
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A neutral entry exists to win over the cues that start inside it; one
/// that no other cue starts inside blocks nothing, unless it switches off
/// an earlier entry of its own cue (as a fitted lexicon does).
fn check_neutral_entries(lexicon: &Lexicon, findings: &mut Vec<Finding>) {
    let others: Vec<&Cue> = lexicon
        .iter()
        .filter(|c| c.category != Category::Neutral)
        .collect();
    let switches_off = |neutral: &Cue| {
        (lexicon.overridden().iter())
            .any(|(old, new)| new.source == neutral.source && old.category != Category::Neutral)
    };
    for neutral in lexicon.iter().filter(|c| c.category == Category::Neutral) {
        if !others.iter().any(|other| blocks(neutral, other)) && !switches_off(neutral) {
            findings.push(Finding::new(
                Severity::Warning,
                neutral,
                "the neutral entry blocks nothing: no other cue starts inside it; remove it, or add the cue it was meant to block".to_string(),
            ));
        }
    }
}

/// True when `other` can match at a word start inside `neutral`'s text
/// (ending at a word end inside it, or running on past its end), so that a
/// match of the neutral entry hides it. At the neutral entry's own start
/// only a cue no longer than it is hidden: a longer one wins.
fn blocks(neutral: &Cue, other: &Cue) -> bool {
    let (n, o) = (&neutral.text, &other.text);
    let Some(o_first) = o.chars().next() else {
        return false;
    };
    n.char_indices().any(|(p, _)| {
        let before = n[..p].chars().next_back();
        if before.is_some_and(|b| is_word_char(b) && is_word_char(o_first)) {
            return false;
        }
        let rest = &n[p..];
        if rest.len() > o.len() {
            // Ends inside the neutral text: needs a word end there, which a
            // prefix cue finds by running on.
            rest.starts_with(o.as_str()) && (other.prefix || !joins(o, &rest[o.len()..]))
        } else if rest.len() == o.len() {
            // At the neutral's start the same text can only be the prefix
            // cue of it (the whole cue would be a duplicate).
            rest == o && (p > 0 || other.prefix)
        } else {
            // Runs on past the neutral's end, where the neutral must be
            // able to end before the rest of the cue.
            p > 0 && o.starts_with(rest) && !joins(rest, &o[rest.len()..])
        }
    })
}

/// True when `left` followed by `right` has a word character on each side
/// of the join, so that no word boundary falls between them.
fn joins(left: &str, right: &str) -> bool {
    let l = left.chars().next_back();
    let r = right.chars().next();
    matches!((l, r), (Some(l), Some(r)) if is_word_char(l) && is_word_char(r))
}

/// The splitter's list that a word list is, if it is one of the splitter's.
fn splitter_list(name: WordListName) -> Option<SplitterList> {
    match name {
        WordListName::Abbreviations => Some(SplitterList::Abbreviations),
        WordListName::SentenceStarters => Some(SplitterList::SentenceStarters),
        WordListName::DomainEndings => Some(SplitterList::DomainEndings),
        _ => None,
    }
}

/// Why an entry of a word list can never match, if it cannot.
fn word_list_problem(name: WordListName, entry: &str) -> Option<String> {
    match splitter_list(name) {
        Some(list) => list.problem(entry),
        None if entry.contains(char::is_whitespace) => Some(format!(
            "{} looks up single words, so an entry with a space never matches; write one word per line",
            name.used_by()
        )),
        None => None,
    }
}

/// The word a list entry stands for, as its list compares words: an
/// abbreviation without its kind and final period.
fn list_key(name: WordListName, entry: &str) -> String {
    let word = match name {
        WordListName::Abbreviations => {
            let first = entry.split_whitespace().next().unwrap_or("");
            first.strip_suffix('.').unwrap_or(first)
        }
        _ => entry,
    };
    word.to_lowercase()
}

/// Entries of a word list that cannot match, words listed twice, and an
/// empty list.
fn check_word_list(list: &WordList, findings: &mut Vec<Finding>) {
    let name = list.name();
    let mut first_line: HashMap<String, u32> = HashMap::new();
    for (line, entry) in list.entries() {
        if let Some(problem) = word_list_problem(name, entry) {
            findings.push(Finding::in_list(
                Severity::Error,
                list,
                line,
                entry,
                problem,
            ));
        }
        let first = *first_line.entry(list_key(name, entry)).or_insert(line);
        if first != line {
            let message = format!("listed again (first at line {first}); remove one");
            findings.push(Finding::in_list(
                Severity::Warning,
                list,
                line,
                entry,
                message,
            ));
        }
    }
    if first_line.is_empty() {
        let message = format!(
            "the list is empty, so {} finds none of its words; add one word per line or remove the file",
            name.used_by()
        );
        findings.push(Finding::in_list(
            Severity::Warning,
            list,
            1,
            name.as_str(),
            message,
        ));
    }
}

/// The header of a file written by [`write_lexicon_tsv`].
pub const LIST_HEADER: &str = "cue\tweight\tcategory\trules\tnote";

/// Writes the effective lexicon as a lexicon file: a comment line, the
/// header [`LIST_HEADER`], and one row per entry sorted by category (in
/// [`Category::ALL`] order) then cue, with a note saying where the entry was
/// read. The output reads back with [`Lexicon::add_text`] into the same
/// entries, so it is a starting point for a user's own copy.
///
/// A cue beginning with `#` would read as a comment in the first column,
/// so when the lexicon has one the cue column is written third instead
/// (the parser takes the columns in any order).
///
/// Comment lines at the end name the word lists of the rules, with the
/// file each was read from ([`write_word_list`] writes one).
///
/// ```
/// let mut out = Vec::new();
/// hedgescore::tune::check::write_lexicon_tsv(&hedgescore::Lexicon::english(), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.lines().any(|l| l.starts_with("might\t")));
/// ```
pub fn write_lexicon_tsv(lexicon: &Lexicon, out: &mut impl Write) -> std::io::Result<()> {
    let mut cues: Vec<&Cue> = lexicon.iter().collect();
    cues.sort_by(|a, b| (a.category, &a.text, a.prefix).cmp(&(b.category, &b.text, b.prefix)));
    let hash_cue = cues.iter().any(|c| c.text.starts_with('#'));
    let mut tsv = format!(
        "# hedgescore lexicon: {} entries; the note says where each was read\n",
        cues.len()
    )
    .into_bytes();
    let header = if hash_cue {
        "weight\tcategory\tcue\trules\tnote"
    } else {
        LIST_HEADER
    };
    push_record(header.split('\t'), Dialect::LEXICON, &mut tsv);
    for cue in cues {
        let text = cue.display_text();
        let note =
            format!("{}:{}", cue.source.file, cue.source.line).replace(char::is_control, " ");
        let mut line = CsvLine::new(&mut tsv, Dialect::LEXICON);
        let categories = cue.categories_field();
        let weight = weight_text(cue.weight);
        if hash_cue {
            line.text(&weight).text(&categories).text(&text);
        } else {
            line.text(&text).text(&weight).text(&categories);
        }
        line.text(&cue.rules.to_field()).text(&note).end();
    }
    out.write_all(&tsv)?;
    write_word_list_names(lexicon, out)?;
    out.flush()
}

/// Writes the categories a lexicon knows as a categories file (`category`,
/// `effect`, `weight`, `note`): the built-in ones, then those declared or
/// named by a dictionary, in the order first named. Saved beside a listing
/// of the lexicon, it lets the listing read back.
///
/// ```
/// let mut out = Vec::new();
/// hedgescore::tune::check::write_categories_tsv(&hedgescore::Lexicon::english(), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.lines().any(|l| l == "booster\tbooster\t1\tbuilt in"));
/// ```
pub fn write_categories_tsv(lexicon: &Lexicon, out: &mut impl Write) -> std::io::Result<()> {
    let mut tsv =
        b"# hedgescore categories: the effect of each, and the weight of its dictionary entries\n"
            .to_vec();
    push_record(
        ["category", "effect", "weight", "note"],
        Dialect::LEXICON,
        &mut tsv,
    );
    let own = lexicon
        .category_defs()
        .filter(|(d, _)| !d.category.is_builtin());
    let builtin = Category::ALL.into_iter().map(|c| {
        let declared = lexicon.category_defs().find(|(d, _)| d.category == c);
        declared.unwrap_or((CategoryDef::undeclared(c), false))
    });
    for (def, declared) in builtin.chain(own) {
        let note = match (def.category.is_builtin(), declared) {
            (true, _) => "built in",
            (false, true) => "declared",
            (false, false) => "from a dictionary; not declared",
        };
        let mut line = CsvLine::new(&mut tsv, Dialect::LEXICON);
        line.display(def.category)
            .display(def.effect)
            .display(def.weight);
        line.text(note).end();
    }
    out.write_all(&tsv)?;
    out.flush()
}

/// The comment lines that end a lexicon listing: each word list, its size,
/// where it was read and what uses it.
fn write_word_list_names(lexicon: &Lexicon, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# word lists: `hedgescore lexicon list --words NAME` prints one; saved as NAME.txt in a --lexicon folder it replaces the list"
    )?;
    for list in lexicon.word_lists() {
        let source = list.source().replace(char::is_control, " ");
        writeln!(
            out,
            "# {}: {} entries from {source}, for {}",
            list.name(),
            list.entries().count(),
            list.name().used_by()
        )?;
    }
    Ok(())
}

/// Writes the word list `name` of a lexicon as it was read, comments
/// included: saved as its file name in a `--lexicon` folder, it is the
/// start of a user's own list.
///
/// ```
/// use hedgescore::lexicon::{Lexicon, WordListName};
/// let mut out = Vec::new();
/// hedgescore::tune::check::write_word_list(&Lexicon::english(), WordListName::ReportingVerbs, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().lines().any(|l| l == "said"));
/// ```
pub fn write_word_list(
    lexicon: &Lexicon,
    name: WordListName,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let text = lexicon.word_list(name).text();
    out.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(files: &[(&str, &str)]) -> Lexicon {
        let mut lexicon = Lexicon::new();
        for (name, rows) in files {
            let text = format!("cue\tweight\tcategory\trules\n{rows}");
            lexicon.add_text(name, &text).unwrap();
        }
        lexicon
    }

    /// (name, files as (file name, rows after the header), expected findings
    /// as (severity, line, cue, a part of the message)). Lines count the header.
    type CheckCase = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static [(Severity, u32, &'static str, &'static str)],
    );

    const E: Severity = Severity::Error;
    const W: Severity = Severity::Warning;

    const TABLE: &[CheckCase] = &[
        (
            "clean",
            &[(
                "a.tsv",
                "may\t1\tmodal\tnot_month\nnot\t1\tnegator\nnot only\t0\tneutral\nsuggest*\t1\tverb\nsuggests\t0.5\tverb\n",
            )],
            &[],
        ),
        (
            "duplicate in one file",
            &[("a.tsv", "likely\t1\tadjective\nlikely\t1\tadjective\n")],
            &[(
                E,
                3,
                "likely",
                "duplicate of line 2 in the same file; line 3 wins",
            )],
        ),
        (
            "duplicate with conflicts",
            &[("a.tsv", "likely\t1\tadjective\nlikely\t0.5\tadverb\n")],
            &[(
                E,
                3,
                "likely",
                "weight (1 → 0.5) and category (adjective → adverb)",
            )],
        ),
        (
            "override across files",
            &[
                ("a.tsv", "about\t1\tapproximator\tbefore_number\n"),
                ("b.tsv", "about\t0.5\tapproximator\n"),
            ],
            &[(
                W,
                2,
                "about",
                "replaces the entry at a.tsv:2, with a different weight (1 → 0.5) and rules (before_number → none)",
            )],
        ),
        (
            "prefix and whole of one text are not duplicates",
            &[("a.tsv", "suggest*\t1\tverb\nsuggest\t0.5\tverb\n")],
            &[],
        ),
        (
            "whole cue redundant beside its prefix cue",
            &[("a.tsv", "suggest*\t1\tverb\nsuggest\t1\tverb\n")],
            &[(
                W,
                3,
                "suggest",
                "redundant: the prefix cue 'suggest*' (line 2)",
            )],
        ),
        (
            "curly twin read after the straight one is a duplicate",
            &[("a.tsv", "don't\t1\tnegator\ndon’t\t1\tnegator\n")],
            &[(E, 3, "don't", "duplicate of line 2 in the same file")],
        ),
        (
            "curly twin in another file is overridden",
            &[
                ("a.tsv", "don’t\t1\tnegator\n"),
                ("b.tsv", "don't\t0.5\tnegator\n"),
            ],
            &[(W, 2, "don't", "replaces the entry at a.tsv:2")],
        ),
        (
            "curly apostrophe alone is read as straight",
            &[("a.tsv", "don’t\t1\tnegator\n")],
            &[],
        ),
        (
            "other apostrophe characters",
            &[("a.tsv", "don‘t\t1\tnegator\n")],
            &[(W, 2, "don‘t", "write every apostrophe straight")],
        ),
        (
            "combining mark at the start",
            &[("a.tsv", "\u{301}tre\t1\tverb\n")],
            &[(E, 2, "\u{301}tre", "never starts a word")],
        ),
        (
            "invisible character",
            &[("a.tsv", "may\u{200B}be\t1\tadverb\n")],
            &[(W, 2, "may\u{200B}be", "U+200B")],
        ),
        (
            "non-ASCII letters match in lower case only",
            &[("a.tsv", "Naïve\t1\tadjective\n")],
            &[(W, 2, "naïve", "'ï' matches only in lower case (not 'Ï')")],
        ),
        (
            "weight 0 on a hedge but not on a negator or neutral",
            &[(
                "a.tsv",
                "possible\t0\tadjective\nnot\t0\tnegator\nmake possible\t0\tneutral\n",
            )],
            &[(W, 2, "possible", "weight 0")],
        ),
        (
            "negation_flips on a booster",
            &[("a.tsv", "clear\t1\tbooster\tnegation_flips\n")],
            &[(W, 2, "clear", "negation_flips does nothing on a booster")],
        ),
        (
            "full_before_group on a whole hedge",
            &[(
                "a.tsv",
                "some\t0.5\tvague_source\tfull_before_group\nseveral\t1\tvague_source\tfull_before_group\n",
            )],
            &[(W, 3, "several", "full_before_group does nothing")],
        ),
        (
            "before_number on a booster takes effect",
            &[("a.tsv", "exactly\t1\tbooster\tbefore_number\n")],
            &[],
        ),
        (
            "not_month on another word",
            &[(
                "a.tsv",
                "might\t1\tmodal\tnot_month\ncould\t1\tmodal\tnot_month\n",
            )],
            &[
                (
                    W,
                    2,
                    "might",
                    "skips every 'Might' written with a capital M",
                ),
                (W, 3, "could", "here it has no effect"),
            ],
        ),
        (
            "rules on a negator",
            &[("a.tsv", "not\t1\tnegator\tbefore_number\n")],
            &[(
                W,
                2,
                "not",
                "rules (before_number) are ignored on a negator",
            )],
        ),
        (
            "neutral blocking nothing",
            &[(
                "a.tsv",
                "possible\t1\tadjective\nthe rest\t0\tneutral\nimpossible\t0\tneutral\n",
            )],
            &[
                (W, 3, "the rest", "blocks nothing"),
                (W, 4, "impossible", "blocks nothing"),
            ],
        ),
        (
            "neutral blocking a cue inside, at its start, or running past its end",
            &[(
                "a.tsv",
                "possible\t1\tadjective\nspeculat*\t1\tverb\nonly if\t1\tconditional\nas soon as possible\t0\tneutral\nspeculation market\t0\tneutral\nnot only\t0\tneutral\n",
            )],
            &[],
        ),
        (
            "a neutral entry that switches off an earlier entry of its cue",
            &[
                ("a.tsv", "possible\t1\tadjective\n"),
                ("b.tsv", "possible\t0\tneutral\n"),
            ],
            &[(W, 2, "possible", "replaces the entry at a.tsv:2")],
        ),
        (
            "weight 0 that still counts before a group",
            &[("a.tsv", "some\t0\tvague_source\tfull_before_group\n")],
            &[],
        ),
        (
            "neutral does not block a longer cue at its start",
            &[(
                "a.tsv",
                "known as\t0\tneutral\nknown as possible\t1\tadjective\n",
            )],
            &[(W, 2, "known as", "blocks nothing")],
        ),
    ];

    #[test]
    fn check_table() {
        for (name, files, expected) in TABLE {
            let findings = check_lexicon(&lexicon(files));
            assert_eq!(findings.len(), expected.len(), "case {name}: {findings:#?}");
            for (found, (severity, line, cue, part)) in findings.iter().zip(expected.iter()) {
                assert_eq!(
                    (found.severity, found.line, found.cue.as_str()),
                    (*severity, *line, *cue),
                    "case {name}: {found}"
                );
                assert!(found.message.contains(part), "case {name}: {found}");
            }
        }
    }

    /// (list, its text, expected findings as (severity, line, entry, a part
    /// of the message)).
    type ListCase = (
        WordListName,
        &'static str,
        &'static [(Severity, u32, &'static str, &'static str)],
    );

    const LIST_TABLE: &[ListCase] = &[
        (
            WordListName::ReportingVerbs,
            "# verbs\nsaid\nsaid to\nSaid\n",
            &[
                (E, 3, "said to", "single words"),
                (W, 4, "Said", "listed again (first at line 2)"),
            ],
        ),
        (
            WordListName::Abbreviations,
            "Dr\tprepositive\nzz nonsense\nabcdefghijklmnopq\ndr.\nNo number extra\n",
            &[
                (E, 2, "zz nonsense", "unknown kind \"nonsense\""),
                (E, 3, "abcdefghijklmnopq", "longer than 16 bytes"),
                (W, 4, "dr.", "listed again (first at line 1)"),
                (E, 5, "No number extra", "one abbreviation per line"),
            ],
        ),
        (
            WordListName::SentenceStarters,
            "the\nÉté\nthe end\n",
            &[
                (E, 2, "Été", "ASCII letters"),
                (E, 3, "the end", "single words"),
            ],
        ),
        (
            WordListName::DomainEndings,
            "com\ncommerce\n",
            &[(E, 2, "commerce", "at most 5 ASCII letters")],
        ),
        (
            WordListName::PersonWords,
            "# nobody yet\n",
            &[(W, 1, "person-words", "the list is empty")],
        ),
    ];

    #[test]
    fn word_list_table() {
        for (name, text, expected) in LIST_TABLE {
            let mut lexicon = lexicon(&[("a.tsv", "likely\t1\tadjective\n")]);
            lexicon.set_word_list(WordList::new(*name, "mine.txt", text));
            let findings = check_lexicon(&lexicon);
            assert_eq!(findings.len(), expected.len(), "{name}: {findings:#?}");
            for (found, (severity, line, entry, part)) in findings.iter().zip(*expected) {
                assert_eq!(found.file, "mine.txt", "{name}: {found}");
                assert_eq!(
                    (found.severity, found.line, found.cue.as_str()),
                    (*severity, *line, *entry),
                    "{name}: {found}"
                );
                assert!(found.message.contains(part), "{name}: {found}");
            }
        }
    }

    #[test]
    fn the_built_in_word_lists_are_clean() {
        let findings = check_lexicon(&Lexicon::english());
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn listing_reads_back_to_the_same_entries() {
        let original = lexicon(&[
            (
                "a.tsv",
                "may\t1.5\tmodal\tnot_month\nspeculat*\t0.3333333333333333\tverb\nno doubt\t1\tbooster\ndoubt\t1\tverb\tnegation_flips\nn't\t1\tnegator\n",
            ),
            ("b.tsv", "may\t1\tmodal\tnot_month\nnot only\t0\tneutral\n"),
        ]);
        let mut out = Vec::new();
        write_lexicon_tsv(&original, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().nth(1), Some(LIST_HEADER));
        assert_eq!(
            text.lines().nth(2),
            Some("may\t1\tmodal\tnot_month\tb.tsv:2")
        );
        let mut back = Lexicon::new();
        back.add_text("list.tsv", &text).unwrap();
        assert_eq!(entries(&back), entries(&original));
        assert!(back.overridden().is_empty());
    }

    #[test]
    fn a_cue_starting_with_a_hash_moves_the_cue_column() {
        let mut with_hash = lexicon(&[("a.tsv", "maybe\t1\tadverb\n")]);
        with_hash
            .add_text("b.tsv", "weight\tcategory\tcue\n1\tverb\t#maybe\n")
            .unwrap();
        let mut out = Vec::new();
        write_lexicon_tsv(&with_hash, &mut out).unwrap();
        let mut back = Lexicon::new();
        back.add_text("list.tsv", std::str::from_utf8(&out).unwrap())
            .unwrap();
        assert_eq!(entries(&back), entries(&with_hash));
    }

    fn entries(lexicon: &Lexicon) -> Vec<(String, bool, String, Category, String)> {
        let mut all: Vec<_> = lexicon
            .iter()
            .map(|c| {
                (
                    c.text.clone(),
                    c.prefix,
                    weight_text(c.weight),
                    c.category,
                    c.rules.to_field(),
                )
            })
            .collect();
        all.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        all
    }
}

//! `hedgescore man`: the manual page, made from the flags' own definitions
//! (every subcommand and its flags), the column schema, the built-in packs
//! and the exit codes, so that it cannot drift from what the binary does.

use std::fmt::Write as _;

use clap::{Arg, Command, CommandFactory};

use hedgescore::Lexicon;
use hedgescore::lexicon::Category;
use hedgescore::output::{Level, Schema};

use super::args::Cli;

/// What each output column holds, for the manual; a test checks that every
/// column of the schema is here. The per-category counts are described
/// together.
const COLUMN_DOCS: &[(&str, &str)] = &[
    (
        "article",
        "The article's name: its file, FILE:LINE for a table row, or the --id-column value.",
    ),
    (
        "date",
        "The article's date: its 'date YYYY-MM-DD' first line, else a table's date column (or --date-column) when it holds an ISO date or date-time.",
    ),
    (
        "words_per_sentence",
        "Words per sentence (with --measures liwc).",
    ),
    (
        "dictionary_words_pct",
        "The words of every counted cue, each once, as a percentage of words: how much of the text the lexicon covers (with --measures liwc).",
    ),
    (
        "status",
        "ok; repaired for an article whose invalid UTF-8 was replaced with U+FFFD (scored, and reported on standard error); empty for an article with no text; missing text, empty text or 'error: ' and the reason for a table row without text.",
    ),
    ("sentences", "Sentences in the article."),
    ("words", "Words in the article."),
    ("uncertain_sentences", "Sentences labelled uncertain."),
    ("uncertain_share", "uncertain_sentences / sentences."),
    (
        "certainty",
        "The mean certainty of the article's sentences, 0 (uncertain) to 1 (certain); empty for an empty article.",
    ),
    (
        "min_certainty",
        "The certainty of the least certain sentence.",
    ),
    ("hedges", "Cues that lower certainty (hedges), counted."),
    ("boosters", "Cues that raise certainty (boosters), counted."),
    ("hedges_per_1000_words", "hedges per 1,000 words."),
    ("boosters_per_1000_words", "boosters per 1,000 words."),
    (
        "top_cues",
        "The five most frequent cues, as cue:count; in JSON a list of {cue, count}.",
    ),
    ("least_certain", "The text of the least certain sentence."),
    (
        "sentence",
        "The sentence's number in its article, from 1 (the line number with --lines).",
    ),
    ("start", "The sentence's first byte in the input, from 0."),
    ("end", "The byte after the sentence's last, in the input."),
    ("label", "uncertain or certain."),
    (
        "hedge_weight",
        "The summed weight of the sentence's hedges.",
    ),
    (
        "booster_weight",
        "The summed weight of the sentence's boosters.",
    ),
    (
        "cues",
        "The cues found, as text(category weight); in JSON objects with their offsets.",
    ),
    ("text", "The sentence, white space folded to single spaces."),
];

/// What the columns of group rows hold where it differs from an article
/// row's; an interval's ends (`_low`, `_high`) and the categories' rates
/// are described together.
const GROUP_COLUMN_DOCS: &[(&str, &str)] = &[
    (
        "group",
        "The group: its values joined by ' · ', or all for the row of the whole run (the last row). A column per --group-by follows, named as given, then period with --period ('no date' for the articles without one).",
    ),
    ("articles", "Articles in the group."),
    ("sentences", "Sentences of its articles."),
    ("words", "Words of its articles."),
    ("uncertain_sentences", "Sentences labelled uncertain."),
    (
        "uncertain_share",
        "uncertain_sentences / sentences, pooled over the group's articles.",
    ),
    (
        "certainty",
        "The mean of its articles' certainty (of those with sentences).",
    ),
    ("hedges", "Hedges in its articles."),
    ("boosters", "Boosters in its articles."),
    ("hedges_per_1000_words", "hedges per 1,000 of its words."),
    (
        "boosters_per_1000_words",
        "boosters per 1,000 of its words.",
    ),
];

/// The description of group-row column `name`.
fn group_column_doc(name: &str) -> Option<String> {
    if let Some((_, doc)) = GROUP_COLUMN_DOCS.iter().find(|(n, _)| *n == name) {
        return Some(doc.to_string());
    }
    for (end, side) in [("_low", "lower"), ("_high", "upper")] {
        if let Some(figure) = name.strip_suffix(end) {
            return Some(format!(
                "The {side} end of the 95% interval of {figure} (articles as the unit of sampling; empty for fewer than two articles, or a share of 0 or 1)."
            ));
        }
    }
    let category = name.strip_suffix("_per_1000_words")?;
    Category::COUNTED
        .iter()
        .any(|c| c.as_str() == category)
        .then(|| format!("Cues of the category {category} per 1,000 words."))
}

/// The manual page, in roff.
pub fn page() -> String {
    let mut cli = Cli::command();
    // Built, every argument knows how many values it takes.
    cli.build();
    let mut page = String::new();
    let version = cli.get_version().unwrap_or_default();
    let _ = writeln!(
        page,
        ".TH HEDGESCORE 1 \"\" \"hedgescore {version}\" \"User Commands\""
    );
    section(&mut page, "NAME");
    page.push_str("hedgescore \\- measure hedging and uncertainty in English text\n");
    synopsis(&cli, &mut page);
    section(&mut page, "DESCRIPTION");
    paragraph(
        &mut page,
        &text_of(cli.get_long_about().or(cli.get_about())),
    );
    section(&mut page, "COMMANDS");
    for (name, command) in leaf_commands(&cli) {
        subcommand(&name, command, &mut page);
    }
    columns(&mut page);
    lexicon_format(&mut page);
    packs(&mut page);
    exit_status(&mut page);
    section(&mut page, "ENVIRONMENT");
    term(&mut page, "NO_COLOR", "When set, explain writes no colour.");
    term(
        &mut page,
        "COLUMNS",
        "The width of the text table when standard output is not a terminal (80 when unset).",
    );
    section(&mut page, "SEE ALSO");
    paragraph(
        &mut page,
        "The README and docs/ in the source: GUIDE.md (every subcommand, input forms), LEXICON.md (lexicon files, word lists, packs, tuning), SCORING.md (the formula), VALIDATION.md (accuracy), PERFORMANCE.md, RELIABILITY.md.",
    );
    page
}

/// Every subcommand that runs something, with its full name
/// (`hedgescore lexicon check`), in the order of `--help`.
fn leaf_commands(cli: &Command) -> Vec<(String, &Command)> {
    let mut leaves = Vec::new();
    for command in cli.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = format!("hedgescore {}", command.get_name());
        if command.has_subcommands() {
            for inner in command.get_subcommands().filter(|c| c.get_name() != "help") {
                leaves.push((format!("{name} {}", inner.get_name()), inner));
            }
        } else {
            leaves.push((name, command));
        }
    }
    leaves
}

fn synopsis(cli: &Command, page: &mut String) {
    section(page, "SYNOPSIS");
    for (name, command) in leaf_commands(cli) {
        let positionals: Vec<String> = command
            .get_positionals()
            .map(|a| format!("[\\fI{}\\fR]", escape(&value_names(a))))
            .collect();
        let _ = writeln!(
            page,
            "\\fB{}\\fR [\\fIOPTIONS\\fR] {}\n.br",
            escape(&name),
            positionals.join(" ")
        );
    }
}

/// A subcommand: what it does, then each of its flags.
fn subcommand(name: &str, command: &Command, page: &mut String) {
    let _ = writeln!(page, ".SS \"{}\"", escape(name));
    paragraph(
        page,
        &text_of(command.get_long_about().or(command.get_about())),
    );
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        term(page, &flag_name(arg), &flag_help(arg));
    }
    if let Some(examples) = command.get_after_help() {
        page.push_str(".PP\n.nf\n");
        page.push_str(&escape(&examples.to_string()));
        page.push_str("\n.fi\n");
    }
}

/// A flag as typed: `-o, --output FILE`, or a positional `PATH...`.
fn flag_name(arg: &Arg) -> String {
    let mut names = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(format!("-{short}"));
    }
    if let Some(long) = arg.get_long() {
        names.push(format!("--{long}"));
    }
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let value = value_names(arg);
    match (names.is_empty(), takes_value) {
        (true, _) => value,
        (false, true) => format!("{} {value}", names.join(", ")),
        (false, false) => names.join(", "),
    }
}

fn value_names(arg: &Arg) -> String {
    match arg.get_value_names() {
        Some(names) => names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        None => arg.get_id().as_str().to_uppercase(),
    }
}

/// A flag's help, with its possible values and default.
fn flag_help(arg: &Arg) -> String {
    let mut help = text_of(arg.get_long_help().or(arg.get_help()));
    if !help.ends_with('.') {
        help.push('.');
    }
    if !arg.get_num_args().is_some_and(|n| n.takes_values()) {
        return help;
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !possible.is_empty() {
        let _ = write!(help, " One of: {}.", possible.join(", "));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        let _ = write!(help, " Default: {}.", defaults.join(", "));
    }
    help
}

fn columns(page: &mut String) {
    section(page, "OUTPUT COLUMNS");
    paragraph(
        page,
        "CSV headers and JSON keys, in order; columns carried from a table input follow. Numbers have four decimal places and a point as the decimal separator.",
    );
    let schema = Schema::new(Category::COUNTED);
    for (title, level) in [
        ("Article rows", Level::Article),
        ("Sentence rows", Level::Sentence),
    ] {
        let _ = writeln!(page, ".SS \"{title}\"");
        for name in schema.names(level) {
            match column_doc(&name) {
                Some(doc) => term(page, &name, doc),
                None => term(
                    page,
                    &name,
                    "The count of cues of this category (in JSON, a key of by_category); the categories of dictionaries and categories files follow the built-in ones.",
                ),
            }
        }
    }
    let _ = writeln!(page, ".SS \"{}\"", escape("With --measures liwc"));
    paragraph(
        page,
        "Article rows then hold, after the category counts (docs/GUIDE.md):",
    );
    for name in measure_columns(&schema) {
        let doc = column_doc(&name).unwrap_or(
            "The words of this category's cues as a percentage of words (a phrase counts its words), as LIWC reports a category.",
        );
        term(page, &name, doc);
    }
    let _ = writeln!(
        page,
        ".SS \"Group rows (--group-by, --period, --level group)\""
    );
    for name in schema.names(Level::Group) {
        let doc = group_column_doc(&name).unwrap_or_default();
        term(page, &name, &doc);
    }
}

/// The columns --measures liwc adds to article rows of `schema`.
fn measure_columns(schema: &Schema) -> Vec<String> {
    let plain = schema.names(Level::Article);
    let measured = Schema {
        liwc_measures: true,
        ..schema.clone()
    };
    (measured.names(Level::Article).into_iter())
        .filter(|name| !plain.contains(name))
        .collect()
}

/// The description of column `name`, if it is not a category's count.
fn column_doc(name: &str) -> Option<&'static str> {
    COLUMN_DOCS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, doc)| *doc)
}

fn lexicon_format(page: &mut String) {
    section(page, "LEXICON FORMAT");
    paragraph(
        page,
        "A lexicon file is tab-separated text with a header line: cue, weight, category, rules, note. A cue is a word or phrase (its spaces match any white space; a final * matches any word that starts with it); weight is a number (0 switches an entry off); category is one of modal, verb, adjective, adverb, approximator, vague_source, conditional, booster (raises certainty), negator (reverses the cue after it), neutral (blocks the cues inside it), or a category of your own declared with --category NAME=EFFECT[:WEIGHT] or a categories file (columns category, effect, weight; effect hedge, booster, neutral or negator); several categories are written with commas. Lines starting with # are comments. LIWC dictionaries (.dic, .dicx) are read too, their categories counted in columns of their own (docs/LEXICON.md). Give files or folders with --lexicon; `hedgescore lexicon list` prints the effective lexicon to start your own, and `hedgescore lexicon check` finds problems. Word lists used by the context rules (reporting verbs, abbreviations, ...) are plain text files of the same folders; `hedgescore lexicon list --words NAME` prints one.",
    );
}

fn packs(page: &mut String) {
    section(page, "PACKS");
    paragraph(
        page,
        "Built-in packs add to the default lexicon with --pack NAME:",
    );
    for (name, description) in Lexicon::builtin_pack_descriptions() {
        term(page, name, description);
    }
}

fn exit_status(page: &mut String) {
    section(page, "EXIT STATUS");
    term(page, "0", "Every input was scored.");
    term(
        page,
        "1",
        "Some input could not be read or had to be repaired; the others were scored.",
    );
    term(
        page,
        "2",
        "A usage error, a bad lexicon, or output that could not be written.",
    );
}

fn section(page: &mut String, name: &str) {
    let _ = writeln!(page, ".SH {name}");
}

fn paragraph(page: &mut String, text: &str) {
    page.push_str(".PP\n");
    page.push_str(&escape(text));
    page.push('\n');
}

/// A term and its description (`.TP`).
fn term(page: &mut String, name: &str, text: &str) {
    let _ = writeln!(page, ".TP\n\\fB{}\\fR\n{}", escape(name), escape(text));
}

fn text_of(text: Option<&clap::builder::StyledStr>) -> String {
    text.map(|t| t.to_string()).unwrap_or_default()
}

/// Text as roff shows it: backslashes and dashes escaped, no line starting
/// with a control character.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|line| {
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new column needs a line here, or the manual says nothing of it.
    #[test]
    fn every_column_but_the_category_counts_is_described() {
        let schema = Schema::new(Category::COUNTED);
        let counts: Vec<&str> = Category::COUNTED.iter().map(|c| c.as_str()).collect();
        let percents: Vec<&str> = (Category::COUNTED.iter())
            .map(|c| c.percent_column())
            .collect();
        let measures = measure_columns(&schema);
        let names = (schema.names(Level::Article).into_iter())
            .chain(schema.names(Level::Sentence))
            .chain(measures.iter().cloned());
        for name in names {
            let name = name.as_str();
            assert!(
                column_doc(name).is_some() || counts.contains(&name) || percents.contains(&name),
                "{name} has no line in COLUMN_DOCS"
            );
        }
        assert!(measures.contains(&"words_per_sentence".to_string()));
        for name in schema.names(Level::Group) {
            assert!(
                group_column_doc(&name).is_some(),
                "{name} has no line in GROUP_COLUMN_DOCS"
            );
        }
    }

    #[test]
    fn the_page_covers_every_subcommand_the_packs_and_the_exit_codes() {
        let page = page();
        let mut cli = Cli::command();
        cli.build();
        for (name, _) in leaf_commands(&cli) {
            let heading = format!(".SS \"{}\"", escape(&name));
            assert!(page.contains(&heading), "{heading}");
        }
        for (name, _) in Lexicon::builtin_pack_descriptions() {
            assert!(page.contains(&format!("\\fB{name}\\fR")), "{name}");
        }
        for needed in [
            ".SH EXIT STATUS",
            ".SH OUTPUT COLUMNS",
            ".SH LEXICON FORMAT",
            "uncertain_share",
            "\\-\\-threshold",
        ] {
            assert!(page.contains(needed), "{needed}");
        }
        assert!(!page.contains("../shared"));
    }

    #[test]
    fn roff_escapes_table() {
        let table = [
            ("--level", "\\-\\-level"),
            (".hidden", "\\&.hidden"),
            ("a\\b", "a\\eb"),
            ("'quote", "\\&'quote"),
        ];
        for (text, roff) in table {
            assert_eq!(escape(text), roff, "{text}");
        }
    }
}

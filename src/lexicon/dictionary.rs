//! Dictionaries in the formats researchers already have: LIWC 2007/2015
//! (`.dic`) and LIWC-22 (`.dicx`). Their categories become categories of
//! the lexicon, and each word an entry counted in every category it is
//! filed under; an entry's weight is its category's default weight, and
//! its effect the category's (see [`super::CategoryDef`]).
//!
//! A `.dic` file opens with a table of category numbers and names between
//! two lines holding `%`, then has one entry per line: the word or phrase,
//! a tab, and its category numbers (separated by tabs or spaces).
//!
//! ```text
//! %
//! 1<TAB>tentat
//! 2<TAB>certitude
//! %
//! perhaps<TAB>1
//! hope*<TAB>1
//! kind of<TAB>1
//! definite*<TAB>2
//! ```
//!
//! A `.dicx` file is CSV: a header whose first cell names the word column
//! (LIWC-22 writes `DicTerm`) and whose other cells name the categories,
//! then one row per word with `X` (or `1`) under each of its categories.
//!
//! A trailing `*` is a wildcard, a prefix as LIWC means it: `hope*`
//! matches "hope", "hopes", "hoped" and "hopeful". Words are matched as the
//! lexicon's cues are: whole words, case-insensitively.

use std::path::Path;
use std::sync::Arc;

use super::{Category, Cue, CueRules, CueSource, DEFAULT_CATEGORY_WEIGHT, normalize_cue};
use crate::error::{Error, Result};

/// A dictionary read: its categories in the order named, and its entries.
#[derive(Debug)]
pub(super) struct Dictionary {
    pub(super) categories: Vec<Category>,
    pub(super) cues: Vec<Cue>,
}

/// Parses a `.dic` dictionary; the first malformed line is an error naming
/// it.
pub(super) fn parse_dic(origin: &str, text: &str) -> Result<Dictionary> {
    let path = Path::new(origin);
    let file: Arc<str> = Arc::from(origin);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut table: Vec<(u32, Category)> = Vec::new();
    let mut opened = None;
    let mut closed = false;
    let mut cues = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index as u64 + 1;
        let line = line.trim_end_matches('\r');
        let bad = |message: String| Error::lexicon(path, line_no, message);
        if line.trim().is_empty() {
            continue;
        }
        if line.trim() == "%" && !closed {
            match opened {
                None => opened = Some(line_no),
                Some(_) if table.is_empty() => {
                    return Err(bad(
                        "the category table is empty; list each category as a number, a tab and a name".to_string(),
                    ));
                }
                Some(_) => closed = true,
            }
            continue;
        }
        match (opened, closed) {
            (None, _) => {
                return Err(bad(
                    "a .dic dictionary begins with a line holding only '%', then its category table (number, tab, name), then another '%' line".to_string(),
                ));
            }
            (Some(_), false) => table.push(table_line(line, &table).map_err(bad)?),
            (Some(_), true) => {
                let (term, ids) = split_entry(line);
                let categories = entry_categories(&ids, &table).map_err(bad)?;
                cues.push(dictionary_cue(term, categories, &file, line_no).map_err(bad)?);
            }
        }
    }
    check_table(path, opened, closed, text.lines().count())?;
    Ok(Dictionary {
        categories: table.iter().map(|&(_, c)| c).collect(),
        cues,
    })
}

/// One line of a `.dic` category table: a number and a name.
fn table_line(
    line: &str,
    table: &[(u32, Category)],
) -> std::result::Result<(u32, Category), String> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let [number, name] = fields[..] else {
        return Err(format!(
            "a line of the category table holds a number and a name (like \"1\ttentat\"), not {} field(s)",
            fields.len()
        ));
    };
    let number: u32 = number
        .parse()
        .map_err(|_| {
            format!(
                "category number {number:?} is not a whole number (does the category table lack its closing '%' line?)"
            )
        })?;
    if table.iter().any(|&(n, _)| n == number) {
        return Err(format!("category number {number} is in the table twice"));
    }
    Ok((number, Category::named(name)?))
}

/// The table's own problems: never opened, or never closed.
fn check_table(path: &Path, opened: Option<u64>, closed: bool, lines: usize) -> Result<()> {
    let Some(opened) = opened else {
        return Err(Error::lexicon(
            path,
            1,
            "the dictionary is empty: a .dic dictionary begins with a line holding only '%', then its category table, then another '%' line",
        ));
    };
    if !closed {
        return Err(Error::lexicon(
            path,
            lines.max(1) as u64,
            format!(
                "the category table opened by '%' on line {opened} is never closed by another '%' line"
            ),
        ));
    }
    Ok(())
}

/// An entry line split into its word (or phrase) and its category numbers:
/// the word ends at the first tab; a line without a tab ends its word at
/// the first token of digits (so "kind of 3" is "kind of" in category 3).
fn split_entry(line: &str) -> (&str, Vec<&str>) {
    if let Some((term, ids)) = line.split_once('\t') {
        return (term.trim(), ids.split_whitespace().collect());
    }
    let line = line.trim();
    let first_number = line
        .split_whitespace()
        .position(|t| t.bytes().all(|b| b.is_ascii_digit()));
    match first_number {
        Some(k) => {
            let mut tokens = line.split_whitespace();
            let term_end = tokens.by_ref().take(k).last().map_or(0, |last| {
                last.as_ptr() as usize - line.as_ptr() as usize + last.len()
            });
            (line[..term_end].trim(), tokens.collect())
        }
        None => (line, Vec::new()),
    }
}

/// The categories an entry's numbers name, in order, each once.
fn entry_categories(
    ids: &[&str],
    table: &[(u32, Category)],
) -> std::result::Result<Vec<Category>, String> {
    if ids.is_empty() {
        return Err(
            "the entry has no category number; write the word, a tab and its category numbers"
                .to_string(),
        );
    }
    let mut categories = Vec::new();
    for id in ids {
        if id.contains(['(', ')', '/']) {
            return Err(format!(
                "{id:?} is a LIWC 2007 conditional category, which is not read; give the word its category numbers plainly or remove the line"
            ));
        }
        let number: u32 = id
            .parse()
            .map_err(|_| format!("{id:?} is not a category number"))?;
        let (_, category) = table.iter().find(|&&(n, _)| n == number).ok_or_else(|| {
            format!("category number {number} is not in the table at the top of the file")
        })?;
        if !categories.contains(category) {
            categories.push(*category);
        }
    }
    Ok(categories)
}

/// A dictionary entry: the word or phrase (a trailing `*` a wildcard) in
/// `categories`, weighing its category's default weight.
fn dictionary_cue(
    term: &str,
    categories: Vec<Category>,
    file: &Arc<str>,
    line_no: u64,
) -> std::result::Result<Cue, String> {
    let (text, prefix) = normalize_cue(term)?;
    let category = categories[0];
    let listed = if categories.len() > 1 {
        categories
    } else {
        Vec::new()
    };
    Ok(Cue {
        text,
        prefix,
        weight: DEFAULT_CATEGORY_WEIGHT,
        category,
        rules: CueRules::default(),
        source: CueSource {
            file: file.clone(),
            line: line_no.min(u64::from(u32::MAX)) as u32,
        },
        listed,
        weight_from_category: true,
    })
}

/// Parses a `.dicx` dictionary (CSV); the first malformed row is an error
/// naming its line.
pub(super) fn parse_dicx(origin: &str, text: &str) -> Result<Dictionary> {
    let path = Path::new(origin);
    let file: Arc<str> = Arc::from(origin);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut categories: Vec<Category> = Vec::new();
    let mut cues = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(index as u64 + 1, |p| p.line());
            Error::lexicon(path, line, format!("not readable as CSV: {e}"))
        })?;
        let line_no = record.position().map_or(index as u64 + 1, |p| p.line());
        let bad = |message: String| Error::lexicon(path, line_no, message);
        if index == 0 {
            categories = dicx_header(&record).map_err(bad)?;
            continue;
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let marked = dicx_marks(&record, &categories).map_err(bad)?;
        cues.push(dictionary_cue(&record[0], marked, &file, line_no).map_err(bad)?);
    }
    if categories.is_empty() {
        return Err(Error::lexicon(
            path,
            1,
            "the dictionary is empty: a .dicx dictionary begins with a header row, the word column then one column per category",
        ));
    }
    Ok(Dictionary { categories, cues })
}

/// The categories a `.dicx` header names, after the word column.
fn dicx_header(record: &csv::StringRecord) -> std::result::Result<Vec<Category>, String> {
    if record.len() < 2 {
        return Err(
            "the header of a .dicx dictionary names the word column, then one column per category"
                .to_string(),
        );
    }
    let mut categories = Vec::new();
    for name in record.iter().skip(1) {
        let category = Category::named(name)?;
        if categories.contains(&category) {
            return Err(format!("category {category} is named twice in the header"));
        }
        categories.push(category);
    }
    Ok(categories)
}

/// The categories a `.dicx` row marks: `X` or `1` marks one, an empty
/// cell (or `0`) does not.
fn dicx_marks(
    record: &csv::StringRecord,
    categories: &[Category],
) -> std::result::Result<Vec<Category>, String> {
    if record.len() > categories.len() + 1 {
        return Err(format!(
            "found {} cells but the header names {} columns",
            record.len(),
            categories.len() + 1
        ));
    }
    let mut marked = Vec::new();
    for (cell, &category) in record.iter().skip(1).zip(categories) {
        match cell.trim() {
            "" | "0" => {}
            "X" | "x" | "1" => marked.push(category),
            other => {
                return Err(format!(
                    "cell {other:?} under {category}: a .dicx dictionary marks a word's categories with X and leaves the others empty (weighted dictionaries are not read)"
                ));
            }
        }
    }
    if marked.is_empty() {
        return Err("the word has no category marked; put an X under at least one".to_string());
    }
    Ok(marked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cue: &Cue) -> String {
        cue.categories_field()
    }

    #[test]
    fn a_dic_file_has_its_table_then_entries() {
        let text = "%\n1\tdic_tentat\n02\tdic_certitude\n%\nperhaps\t1\nhope*\t1\t2\nkind of\t1\nsure 2\nkind of 1 2\n";
        let dictionary = parse_dic("t.dic", text).unwrap();
        let table: Vec<&str> = dictionary.categories.iter().map(|c| c.as_str()).collect();
        assert_eq!(table, ["dic_tentat", "dic_certitude"]);
        let entries: Vec<(&str, bool, String, u32)> = dictionary
            .cues
            .iter()
            .map(|c| (c.text.as_str(), c.prefix, names(c), c.source.line))
            .collect();
        assert_eq!(
            entries,
            [
                ("perhaps", false, "dic_tentat".to_string(), 5),
                ("hope", true, "dic_tentat,dic_certitude".to_string(), 6),
                ("kind of", false, "dic_tentat".to_string(), 7),
                ("sure", false, "dic_certitude".to_string(), 8),
                ("kind of", false, "dic_tentat,dic_certitude".to_string(), 9),
            ]
        );
        assert!(dictionary.cues.iter().all(Cue::weight_from_category));
    }

    #[test]
    fn malformed_dic_lines_name_the_line() {
        let table = "%\n1\tdic_a\n%\n";
        let bad: &[(&str, &str, u64)] = &[
            ("no opening %", "1\tdic_a\n%\nx\t1\n", 1),
            ("unclosed table", "%\n1\tdic_a\n", 2),
            ("empty table", "%\n%\nx\t1\n", 2),
            ("table line of three", "%\n1\tdic_a\textra\n%\n", 2),
            ("table number not a number", "%\none\tdic_a\n%\n", 2),
            ("table number twice", "%\n1\tdic_a\n1\tdic_b\n%\n", 3),
            ("bad category name", "%\n1\tdic_a!\n%\n", 2),
            ("entry without number", &format!("{table}maybe\n"), 4),
            ("unknown number", &format!("{table}maybe\t7\n"), 4),
            ("not a number", &format!("{table}maybe\tone\n"), 4),
            ("conditional", &format!("{table}like\t(02 134)1/5\n"), 4),
            ("star inside", &format!("{table}ma*be\t1\n"), 4),
            ("no letters", &format!("{table}:)\t1\n"), 4),
            ("second bad", &format!("{table}maybe\t1\n\nx\t9\n"), 6),
        ];
        for (name, text, line) in bad {
            let err = parse_dic("bad.dic", text).unwrap_err();
            assert_eq!(err.line(), Some(*line), "{name}: {err}");
            assert!(err.to_string().starts_with("bad.dic:"), "{name}: {err}");
        }
        assert!(parse_dic("empty.dic", "\n").is_err());
    }

    #[test]
    fn a_dicx_file_marks_categories_with_x() {
        let text = "DicTerm,dicx_tentat,dicx_certitude\nperhaps,X,\n\"kind of\",x,\nsure*,,1\nboth,X,X\n,,\n";
        let dictionary = parse_dicx("t.dicx", text).unwrap();
        let entries: Vec<(String, String, u32)> = dictionary
            .cues
            .iter()
            .map(|c| (c.display_text(), names(c), c.source.line))
            .collect();
        assert_eq!(
            entries,
            [
                ("perhaps".to_string(), "dicx_tentat".to_string(), 2),
                ("kind of".to_string(), "dicx_tentat".to_string(), 3),
                ("sure*".to_string(), "dicx_certitude".to_string(), 4),
                (
                    "both".to_string(),
                    "dicx_tentat,dicx_certitude".to_string(),
                    5
                ),
            ]
        );
    }

    #[test]
    fn malformed_dicx_rows_name_the_line() {
        let bad: &[(&str, &str, u64)] = &[
            ("header alone", "DicTerm\n", 1),
            ("header twice", "DicTerm,dicx_a,dicx_a\n", 1),
            ("weighted", "DicTerm,dicx_a\nmaybe,0.5\n", 2),
            ("no mark", "DicTerm,dicx_a\nmaybe,\n", 2),
            ("too many cells", "DicTerm,dicx_a\nmaybe,X,X\n", 2),
            ("bad word", "DicTerm,dicx_a\nma*be,X\n", 2),
            ("third line", "DicTerm,dicx_a\nmaybe,X\nperhaps,Y\n", 3),
        ];
        for (name, text, line) in bad {
            let err = parse_dicx("bad.dicx", text).unwrap_err();
            assert_eq!(err.line(), Some(*line), "{name}: {err}");
        }
        assert!(parse_dicx("empty.dicx", "").is_err());
    }
}

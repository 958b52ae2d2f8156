//! Categories: what a cue is counted as, and which way it pushes.
//!
//! Ten categories are built in, with fixed names, order and effects
//! (`modal` … `neutral`, [`Category::ALL`]). Any other name is a category
//! of its own, from a dictionary or a categories file; its effect and
//! default weight are the lexicon's ([`super::Lexicon::effect`]), declared
//! in a categories file or with `--category NAME=EFFECT[:WEIGHT]`
//! ([`CategoryDef`]).
//!
//! A category is a small number, so that scoring compares no names: a
//! name is looked up once, when a file is read. The names of categories
//! that are not built in are kept for the life of the process, in the
//! order first seen (a process reads few: those of its dictionaries), so
//! that a category is `Copy` and names itself anywhere.

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::RwLock;

use crate::error::Error;

/// A category of cues: one of the ten built in, or one named in a
/// dictionary or a categories file.
///
/// Categories sort by number: the built-in ones in the order of
/// [`Category::ALL`], then the others in the order first named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Category(u16);

/// Which way the cues of a category push their sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CategoryEffect {
    /// Lowers certainty: the weight adds to the hedge sum `H`.
    Hedge,
    /// Raises certainty: the weight adds to the booster sum `B`.
    Booster,
    /// Moves nothing: the cue is counted (a built-in `neutral` entry
    /// only blocks the shorter cues inside it).
    Neutral,
    /// Turns the effect of a cue after it (a custom negator category is
    /// also counted).
    Negator,
}

/// The built-in categories: name, percentage column, rate column and
/// effect, in order.
const BUILTIN: [(&str, &str, &str, CategoryEffect); 10] = [
    (
        "modal",
        "modal_pct",
        "modal_per_1000_words",
        CategoryEffect::Hedge,
    ),
    (
        "verb",
        "verb_pct",
        "verb_per_1000_words",
        CategoryEffect::Hedge,
    ),
    (
        "adjective",
        "adjective_pct",
        "adjective_per_1000_words",
        CategoryEffect::Hedge,
    ),
    (
        "adverb",
        "adverb_pct",
        "adverb_per_1000_words",
        CategoryEffect::Hedge,
    ),
    (
        "approximator",
        "approximator_pct",
        "approximator_per_1000_words",
        CategoryEffect::Hedge,
    ),
    (
        "vague_source",
        "vague_source_pct",
        "vague_source_per_1000_words",
        CategoryEffect::Hedge,
    ),
    (
        "conditional",
        "conditional_pct",
        "conditional_per_1000_words",
        CategoryEffect::Hedge,
    ),
    (
        "booster",
        "booster_pct",
        "booster_per_1000_words",
        CategoryEffect::Booster,
    ),
    (
        "negator",
        "negator_pct",
        "negator_per_1000_words",
        CategoryEffect::Negator,
    ),
    (
        "neutral",
        "neutral_pct",
        "neutral_per_1000_words",
        CategoryEffect::Neutral,
    ),
];

/// The longest category name, in characters.
const MAX_NAME_CHARS: usize = 64;

/// The names of the categories that are not built in, by number less
/// ten: (name, percentage column, rate column), kept for the life of the
/// process.
static NAMED: RwLock<Vec<(&str, &str, &str)>> = RwLock::new(Vec::new());

// The built-in categories keep the names of the variants of the closed
// enum they once were, so that code can match on them as on variants.
#[allow(non_upper_case_globals)]
impl Category {
    /// Epistemic modals: may, might, could.
    pub const Modal: Category = Category(0);
    /// Hedging verbs: suggest, appear, seem, speculate.
    pub const Verb: Category = Category(1);
    /// Hedging adjectives: possible, likely, unclear.
    pub const Adjective: Category = Category(2);
    /// Hedging adverbs: perhaps, probably, apparently.
    pub const Adverb: Category = Category(3);
    /// Approximators: approximately, nearly, about + a number.
    pub const Approximator: Category = Category(4);
    /// Vague sources: some experts, it is believed, reportedly.
    pub const VagueSource: Category = Category(5);
    /// Conditionals: if, whether, unless.
    pub const Conditional: Category = Category(6);
    /// Boosters, which raise certainty: clearly, is convinced, no doubt.
    pub const Booster: Category = Category(7);
    /// Words that negate the cue after them: not, no, never.
    pub const Negator: Category = Category(8);
    /// Phrases that only block a shorter cue inside them ("not only").
    pub const Neutral: Category = Category(9);
}

impl Category {
    /// The built-in categories, in the order reports list them (ascending,
    /// a test checks).
    pub const ALL: [Category; 10] = [
        Category::Modal,
        Category::Verb,
        Category::Adjective,
        Category::Adverb,
        Category::Approximator,
        Category::VagueSource,
        Category::Conditional,
        Category::Booster,
        Category::Negator,
        Category::Neutral,
    ];

    /// The built-in categories whose cues count in reports (all but
    /// negators and neutral entries, which only change or block other
    /// cues), in [`Category::ALL`] order: the first by-category columns of
    /// article rows.
    pub const COUNTED: &'static [Category] = &[
        Category::Modal,
        Category::Verb,
        Category::Adjective,
        Category::Adverb,
        Category::Approximator,
        Category::VagueSource,
        Category::Conditional,
        Category::Booster,
    ];

    /// The category of a name: a built-in one, or the one of that name
    /// (made on first use). Names are case-insensitive, and `-` and spaces
    /// read as `_`; a name is letters, digits and `_`, with a letter.
    ///
    /// ```
    /// use hedgescore::Category;
    /// assert_eq!(Category::named("Vague source"), Ok(Category::VagueSource));
    /// let tentat = Category::named("Tentat").unwrap();
    /// assert_eq!((tentat.as_str(), tentat.is_builtin()), ("tentat", false));
    /// assert!(Category::named("no good!").is_err());
    /// ```
    pub fn named(name: &str) -> Result<Category, String> {
        // Built-in names as written in the built-in lexicon, without the
        // copy that folding takes (a lexicon names one on every line).
        let written = name.trim();
        if let Some(i) = BUILTIN.iter().position(|(n, _, _, _)| *n == written) {
            return Ok(Category(i as u16));
        }
        let name = written.to_lowercase().replace(['-', ' '], "_");
        if let Some(i) = BUILTIN.iter().position(|(n, _, _, _)| *n == name) {
            return Ok(Category(i as u16));
        }
        check_name(&name)?;
        if let Some(found) = find_named(&name) {
            return Ok(found);
        }
        let mut named = NAMED.write().unwrap_or_else(|e| e.into_inner());
        // Another thread may have named it since the look-up above.
        if let Some(i) = named.iter().position(|(n, _, _)| *n == name) {
            return Ok(Category((BUILTIN.len() + i) as u16));
        }
        let number = u16::try_from(BUILTIN.len() + named.len())
            .map_err(|_| "too many categories (at most 65,535 in one run)".to_string())?;
        let percent = format!("{name}_pct");
        let rate = format!("{name}_per_1000_words");
        named.push((leak(name), leak(percent), leak(rate)));
        Ok(Category(number))
    }

    /// The name used in lexicon files and output.
    pub fn as_str(self) -> &'static str {
        self.names().0
    }

    /// The name of the category's column of percentages of words
    /// (`modal_pct`).
    pub fn percent_column(self) -> &'static str {
        self.names().1
    }

    /// The name of the category's column of cues per 1,000 words in group
    /// rows (`modal_per_1000_words`).
    pub fn rate_column(self) -> &'static str {
        self.names().2
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match BUILTIN.get(self.index()) {
            Some((name, percent, rate, _)) => (name, percent, rate),
            None => {
                let named = NAMED.read().unwrap_or_else(|e| e.into_inner());
                named[self.index() - BUILTIN.len()]
            }
        }
    }

    /// The category numbered `index` ([`Category::index`]), for a table
    /// indexed by category.
    pub(crate) fn from_index(index: usize) -> Category {
        Category(u16::try_from(index).expect("category numbers fit 16 bits"))
    }

    /// True for the ten built-in categories.
    pub fn is_builtin(self) -> bool {
        self.index() < BUILTIN.len()
    }

    /// The effect of a built-in category; `None` for the others, whose
    /// effect is the lexicon's.
    pub fn builtin_effect(self) -> Option<CategoryEffect> {
        BUILTIN.get(self.index()).map(|(_, _, _, effect)| *effect)
    }

    /// True unless the category is the built-in negator or neutral one,
    /// whose entries only change or block other cues and have no column.
    pub fn is_counted(self) -> bool {
        self != Category::Negator && self != Category::Neutral
    }

    /// The category's number: the built-in ones from 0 in
    /// [`Category::ALL`] order, then the others in the order first named,
    /// so that tables can be indexed by category.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

fn find_named(name: &str) -> Option<Category> {
    let named = NAMED.read().unwrap_or_else(|e| e.into_inner());
    let i = named.iter().position(|(n, _, _)| *n == name)?;
    Some(Category((BUILTIN.len() + i) as u16))
}

/// Keeps a category name for the life of the process (see the module
/// docs).
fn leak(name: String) -> &'static str {
    Box::leak(name.into_boxed_str())
}

/// Checks a normalised category name: letters, digits and `_`, with a
/// letter, so that it serves as a column name in every format.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the category is empty".to_string());
    }
    let ok = name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && name.chars().any(char::is_alphabetic)
        && name.chars().count() <= MAX_NAME_CHARS;
    if ok {
        return Ok(());
    }
    Err(format!(
        "category {name:?} is not a name: use letters, digits and _ (at most {MAX_NAME_CHARS} characters, with a letter)"
    ))
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;

    fn from_str(s: &str) -> Result<Category, String> {
        Category::named(s)
    }
}

impl CategoryEffect {
    /// Every effect, in the order messages name them.
    pub const ALL: [CategoryEffect; 4] = [
        CategoryEffect::Hedge,
        CategoryEffect::Booster,
        CategoryEffect::Neutral,
        CategoryEffect::Negator,
    ];

    /// The name used in categories files and flags.
    pub fn as_str(self) -> &'static str {
        match self {
            CategoryEffect::Hedge => "hedge",
            CategoryEffect::Booster => "booster",
            CategoryEffect::Neutral => "neutral",
            CategoryEffect::Negator => "negator",
        }
    }
}

impl fmt::Display for CategoryEffect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CategoryEffect {
    type Err = String;

    fn from_str(s: &str) -> Result<CategoryEffect, String> {
        let s = s.trim().to_ascii_lowercase();
        CategoryEffect::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = CategoryEffect::ALL.iter().map(|e| e.as_str()).collect();
                format!("unknown effect {s:?}; expected one of {}", names.join(", "))
            })
    }
}

/// The weight of a dictionary entry whose category declares none.
pub const DEFAULT_CATEGORY_WEIGHT: f64 = 1.0;

/// A category's effect and default weight, as a categories file or a
/// `--category` flag declares them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CategoryDef {
    /// The category.
    pub category: Category,
    /// Which way its cues push.
    pub effect: CategoryEffect,
    /// The weight of its dictionary entries, which have none of their own.
    pub weight: f64,
}

impl CategoryDef {
    /// A declaration; a built-in category keeps its effect (only its
    /// default weight may be declared), and the weight is a number from 0
    /// to [`super::MAX_WEIGHT`].
    pub fn new(category: Category, effect: CategoryEffect, weight: f64) -> Result<Self, String> {
        if let Some(own) = category.builtin_effect()
            && own != effect
        {
            return Err(format!(
                "{category} is a built-in category whose effect is {own}, not {effect}; give your own category another name"
            ));
        }
        if !(weight.is_finite() && (0.0..=super::MAX_WEIGHT).contains(&weight)) {
            return Err(format!(
                "weight {weight} is not a number from 0 to {}",
                super::MAX_WEIGHT
            ));
        }
        Ok(CategoryDef {
            category,
            effect,
            weight,
        })
    }

    /// What a dictionary's category is until declared: counted, moving
    /// nothing (a built-in one keeps its effect).
    pub fn undeclared(category: Category) -> CategoryDef {
        CategoryDef {
            category,
            effect: category.builtin_effect().unwrap_or(CategoryEffect::Neutral),
            weight: DEFAULT_CATEGORY_WEIGHT,
        }
    }
}

impl FromStr for CategoryDef {
    type Err = String;

    /// `NAME=EFFECT[:WEIGHT]`, as `--category tentat=hedge:0.5` gives it.
    fn from_str(s: &str) -> Result<CategoryDef, String> {
        let form = "write it as NAME=EFFECT or NAME=EFFECT:WEIGHT, like tentat=hedge:1";
        let (name, rest) = s
            .split_once('=')
            .ok_or_else(|| format!("{s:?} has no '='; {form}"))?;
        let (effect, weight) = match rest.split_once(':') {
            Some((effect, weight)) => (effect, Some(weight)),
            None => (rest, None),
        };
        let weight = match weight {
            Some(w) => w
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("weight {w:?} is not a number; {form}"))?,
            None => DEFAULT_CATEGORY_WEIGHT,
        };
        CategoryDef::new(Category::named(name)?, effect.parse()?, weight)
    }
}

/// The columns a categories file's header may name.
const COLUMNS: [&str; 4] = ["category", "effect", "weight", "note"];

/// Parses a categories file: tab-separated, `#` comments, a header naming
/// `category` and `effect` (and optionally `weight` and `note`), then one
/// declaration per line; an empty weight is [`DEFAULT_CATEGORY_WEIGHT`].
/// The first malformed line is an error naming it.
pub(super) fn parse_categories(origin: &str, text: &str) -> Result<Vec<CategoryDef>, Error> {
    let path = Path::new(origin);
    let mut header: Option<Vec<String>> = None;
    let mut defs = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.lines().enumerate() {
        let line_no = index as u64 + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let bad = |message: String| Error::lexicon(path, line_no, message);
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let Some(names) = &header else {
            header = Some(categories_header(&fields).map_err(bad)?);
            continue;
        };
        let field = |name: &str| {
            let i = names.iter().position(|n| n == name);
            i.and_then(|i| fields.get(i)).copied().unwrap_or("")
        };
        if fields.len() > names.len() {
            return Err(bad(format!(
                "found {} fields but the header names {} columns",
                fields.len(),
                names.len()
            )));
        }
        defs.push(declaration(field("category"), field("effect"), field("weight")).map_err(bad)?);
    }
    Ok(defs)
}

/// The column names of a categories file's header.
fn categories_header(fields: &[&str]) -> Result<Vec<String>, String> {
    let names: Vec<String> = fields.iter().map(|n| n.to_ascii_lowercase()).collect();
    if let Some(unknown) = names.iter().find(|n| !COLUMNS.contains(&n.as_str())) {
        return Err(format!(
            "unknown column {unknown:?} in the header of a categories file; its tab-separated columns are: {}",
            COLUMNS.join(", ")
        ));
    }
    if !names.iter().any(|n| n == "category") {
        return Err("the header of a categories file names a \"category\" column (and \"effect\", optionally \"weight\" and \"note\")".to_string());
    }
    Ok(names)
}

/// One line of a categories file.
fn declaration(name: &str, effect: &str, weight: &str) -> Result<CategoryDef, String> {
    let weight = if weight.is_empty() {
        DEFAULT_CATEGORY_WEIGHT
    } else {
        weight
            .parse()
            .map_err(|_| format!("weight {weight:?} is not a number (write it like 1 or 0.5)"))?
    };
    CategoryDef::new(Category::named(name)?, effect.parse()?, weight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_sort_in_the_order_of_all() {
        let mut sorted = Category::ALL;
        sorted.sort();
        assert_eq!(sorted, Category::ALL);
        let ranks: Vec<usize> = Category::ALL.iter().map(|c| c.index()).collect();
        assert_eq!(ranks, (0..Category::ALL.len()).collect::<Vec<_>>());
    }

    #[test]
    fn counted_categories_are_all_but_negators_and_neutral() {
        let expected: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| c.is_counted())
            .collect();
        assert_eq!(Category::COUNTED, expected.as_slice());
    }

    #[test]
    fn names_table() {
        // (written, the name it reads as, or None for an error)
        let table: &[(&str, Option<&str>)] = &[
            ("modal", Some("modal")),
            (" Vague-Source ", Some("vague_source")),
            ("tentat", Some("tentat")),
            ("Certitude", Some("certitude")),
            ("emo pos", Some("emo_pos")),
            ("gefühl", Some("gefühl")),
            ("x2", Some("x2")),
            ("", None),
            ("42", None),
            ("a,b", None),
            ("we'd", None),
            (&"x".repeat(65), None),
        ];
        for (written, expected) in table {
            let got = Category::named(written).map(|c| c.as_str());
            assert_eq!(got.ok(), *expected, "{written:?}");
        }
    }

    #[test]
    fn a_name_is_one_category_with_its_percentage_column() {
        let a = Category::named("wonder_a").unwrap();
        let b = Category::named("WONDER-A").unwrap();
        assert_eq!(a, b);
        assert!(!a.is_builtin() && a.is_counted());
        assert_eq!(a.builtin_effect(), None);
        assert_eq!(a.percent_column(), "wonder_a_pct");
        assert_eq!(Category::Modal.percent_column(), "modal_pct");
        assert!(a > Category::Neutral);
    }

    #[test]
    fn declarations_table() {
        // (flag, category, effect, weight), or an error
        let ok: &[(&str, &str, CategoryEffect, f64)] = &[
            ("tentat=hedge", "tentat", CategoryEffect::Hedge, 1.0),
            (
                "certitude=booster:0.5",
                "certitude",
                CategoryEffect::Booster,
                0.5,
            ),
            ("negate = negator", "negate", CategoryEffect::Negator, 1.0),
            ("modal=hedge:2", "modal", CategoryEffect::Hedge, 2.0),
        ];
        for (flag, name, effect, weight) in ok {
            let def: CategoryDef = flag.parse().unwrap();
            assert_eq!(def.category.as_str(), *name, "{flag}");
            assert_eq!((def.effect, def.weight), (*effect, *weight), "{flag}");
        }
        let bad = [
            "tentat",
            "tentat=maybe",
            "tentat=hedge:x",
            "tentat=hedge:-1",
            "tentat=hedge:1e9",
            "modal=booster",
            "=hedge",
        ];
        for flag in bad {
            assert!(flag.parse::<CategoryDef>().is_err(), "{flag}");
        }
    }

    #[test]
    fn categories_files_declare_and_name_bad_lines() {
        let text = "# mine\ncategory\teffect\tweight\tnote\ntentat\thedge\t0.5\tmaybe\ncertitude\tbooster\t\t\n";
        let defs = parse_categories("c.tsv", text).unwrap();
        let got: Vec<(&str, CategoryEffect, f64)> = defs
            .iter()
            .map(|d| (d.category.as_str(), d.effect, d.weight))
            .collect();
        assert_eq!(
            got,
            [
                ("tentat", CategoryEffect::Hedge, 0.5),
                ("certitude", CategoryEffect::Booster, 1.0)
            ]
        );
        let header = "category\teffect\tweight\n";
        let bad: &[(&str, u64)] = &[
            ("tentat\tsometimes\n", 2),
            ("tentat\thedge\tlots\n", 2),
            ("modal\tbooster\n", 2),
            ("ten tat!\thedge\n", 2),
            ("a\thedge\t1\tx\n", 2),
            ("a\thedge\n\nb\tnope\n", 4),
        ];
        for (body, line) in bad {
            let err = parse_categories("c.tsv", &format!("{header}{body}")).unwrap_err();
            assert_eq!(err.line(), Some(*line), "{body:?}: {err}");
            assert!(err.to_string().starts_with("c.tsv:"), "{err}");
        }
        let err = parse_categories("c.tsv", "name\teffect\n").unwrap_err();
        assert!(err.to_string().contains("unknown column"), "{err}");
    }
}

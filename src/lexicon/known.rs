//! The categories a lexicon knows beyond the built-in ones: declared in a
//! categories file or with `--category`, or named by a dictionary. Each has
//! an effect and a default weight; the entries of a dictionary take theirs
//! from it, whenever it is declared.

use super::{Category, CategoryDef, CategoryEffect, Cue};

/// A lexicon's categories, in the order first named.
#[derive(Debug, Clone, Default)]
pub(super) struct KnownCategories {
    known: Vec<Known>,
}

#[derive(Debug, Clone, Copy)]
struct Known {
    def: CategoryDef,
    /// False for a dictionary's category that no declaration has named
    /// (its effect is then neutral, its weight the default).
    declared: bool,
}

impl KnownCategories {
    /// Records a declaration, replacing an earlier one of the category.
    pub(super) fn declare(&mut self, def: CategoryDef) {
        let known = Known {
            def,
            declared: true,
        };
        match self.position(def.category) {
            Some(i) => self.known[i] = known,
            None => self.known.push(known),
        }
    }

    /// Makes a dictionary's category known, as it is until declared.
    pub(super) fn know(&mut self, category: Category) {
        if self.position(category).is_none() {
            self.known.push(Known {
                def: CategoryDef::undeclared(category),
                declared: false,
            });
        }
    }

    /// True when the category was declared or named by a dictionary.
    pub(super) fn knows(&self, category: Category) -> bool {
        self.position(category).is_some()
    }

    /// The category's effect and default weight.
    pub(super) fn def(&self, category: Category) -> CategoryDef {
        match self.position(category) {
            Some(i) => self.known[i].def,
            None => CategoryDef::undeclared(category),
        }
    }

    /// Every category, with true when declared, in the order first named.
    pub(super) fn iter(&self) -> impl Iterator<Item = (CategoryDef, bool)> + '_ {
        self.known.iter().map(|k| (k.def, k.declared))
    }

    /// Gives an entry of several categories the first whose effect is not
    /// neutral (else the first) as the one that decides its effect, and a
    /// dictionary entry that category's default weight.
    pub(super) fn resolve(&self, cue: &mut Cue) {
        if let Some(&first) = cue.listed.first() {
            cue.category = cue
                .listed
                .iter()
                .copied()
                .find(|&c| self.def(c).effect != CategoryEffect::Neutral)
                .unwrap_or(first);
        }
        if cue.weight_from_category {
            cue.weight = self.def(cue.category).weight;
        }
    }

    fn position(&self, category: Category) -> Option<usize> {
        self.known.iter().position(|k| k.def.category == category)
    }
}

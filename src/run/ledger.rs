//! The reader's account of a run, kept across its inputs: the sequence
//! numbers that put results back in input order, the articles' numbers,
//! and the carried columns, which the run's first input fixes. Holds no
//! input; only the reader's thread touches it.

use std::sync::Arc;

use super::piece::{Problem, ReadEvent};
use crate::error::Error;
use crate::output::Schema;

/// The run's order and columns, as the reader keeps them.
pub(super) struct Ledger {
    seq: u64,
    /// Articles begun so far: table rows and other inputs.
    articles: u64,
    /// The run's own columns, which carried columns must not clash with.
    schema: Schema,
    /// The carried columns, fixed by the first piece.
    columns: Option<RunColumns>,
}

/// The carried columns of a run, fixed by its first input.
pub(super) struct RunColumns {
    /// As named in the output.
    pub(super) names: Arc<[String]>,
    /// As named in the input, to find them in the run's later tables.
    pub(super) sources: Vec<String>,
}

impl Ledger {
    /// The account of a run whose own columns are `schema`'s.
    pub(super) fn new(schema: &Schema) -> Ledger {
        Ledger {
            seq: 0,
            articles: 0,
            schema: schema.clone(),
            columns: None,
        }
    }

    /// The next place in the run's order.
    pub(super) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Begins an article; its number in the run.
    pub(super) fn begin_article(&mut self) -> u64 {
        self.articles += 1;
        self.articles
    }

    /// The number of the article begun last.
    pub(super) fn article(&self) -> u64 {
        self.articles
    }

    /// The run's carried columns, fixed the first time they are asked for:
    /// those of the first input if it is a table (`first`), else none,
    /// renamed where they clash ([`Schema::carried_names`]).
    pub(super) fn columns(&mut self, first: &[String]) -> &RunColumns {
        let schema = &self.schema;
        self.columns.get_or_insert_with(|| RunColumns {
            names: schema.carried_names(first).into(),
            sources: first.to_vec(),
        })
    }

    /// A problem with an input, in its place in the run's order;
    /// `fatal_for_input` when the input produced nothing.
    pub(super) fn problem(&mut self, error: Error, fatal_for_input: bool) -> ReadEvent {
        ReadEvent::Problem(Problem {
            seq: self.next_seq(),
            error,
            fatal_for_input,
        })
    }
}

//! hedgescore for Python: the native module `hedgescore._hedgescore`.
//!
//! A thin layer over the library: [`scorer::NativeScorer`] builds a
//! scorer with [`hedgescore::ScorerOptions`] (the command line's choices
//! and messages), scores lists of texts on every core with the GIL
//! released ([`parallel`]), and turns each row's typed cells, as the
//! column schema hands them ([`rows`]), into Python objects: dicts with
//! the JSON output's fields, or columns with the CSV's for pandas. The
//! pandas glue and the public API are Python, in `hedgescore/`.
//!
//! No panic crosses into Python: each entry point runs under
//! [`errors::guard`], which turns one into `hedgescore.InternalError`.

use pyo3::prelude::*;

mod errors;
mod evaluate;
mod explain;
mod inputs;
mod parallel;
mod py_json;
mod rows;
mod scorer;

/// The native part of hedgescore; use the `hedgescore` package.
#[pymodule]
mod _hedgescore {
    #[pymodule_export]
    use super::errors::panic_for_tests;
    #[pymodule_export]
    use super::errors::{InternalError, LexiconError};
    #[pymodule_export]
    use super::scorer::NativeScorer;

    #[pymodule_init]
    fn init(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        m.add("DECIMALS", hedgescore::output::DECIMALS)?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}

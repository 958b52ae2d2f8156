//! Errors as Python exceptions, with the command line's messages, and the
//! guard that keeps panics from crossing into Python.

use std::panic::{AssertUnwindSafe, catch_unwind};

use hedgescore::{Error, ErrorKind};
use pyo3::create_exception;
use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyPermissionError, PyRuntimeError, PyValueError,
};
use pyo3::prelude::*;

create_exception!(
    _hedgescore,
    LexiconError,
    PyValueError,
    "A lexicon file is malformed; the message names its file and line, as the command line does."
);
create_exception!(
    _hedgescore,
    InternalError,
    PyRuntimeError,
    "A bug in hedgescore (a Rust panic, caught before it reached Python); please report it with the message."
);

/// The Python exception for a library error, its message the one the
/// command line prints after `hedgescore: error: `.
pub fn to_py(error: Error) -> PyErr {
    let message = error.to_string();
    match error.kind() {
        ErrorKind::Lexicon => LexiconError::new_err(message),
        ErrorKind::Io => io_error(&error, message),
        ErrorKind::Usage | ErrorKind::InputFormat | ErrorKind::Notice => {
            PyValueError::new_err(message)
        }
    }
}

/// An I/O error as the `OSError` subclass Python would raise for it.
fn io_error(error: &Error, message: String) -> PyErr {
    let kind = std::error::Error::source(error)
        .and_then(|e| e.downcast_ref::<std::io::Error>())
        .map(std::io::Error::kind);
    match kind {
        Some(std::io::ErrorKind::NotFound) => PyFileNotFoundError::new_err(message),
        Some(std::io::ErrorKind::PermissionDenied) => PyPermissionError::new_err(message),
        _ => PyOSError::new_err(message),
    }
}

/// Runs `f`, turning a panic into `InternalError`: an entry point's
/// body runs under this so that no panic unwinds into Python (PyO3 would
/// raise `PanicException`, which `except Exception` does not catch).
pub fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(internal_error(&*payload)))
}

/// The exception for a panic's payload.
pub fn internal_error(payload: &(dyn std::any::Any + Send)) -> PyErr {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string());
    InternalError::new_err(format!(
        "hedgescore: internal error (a bug, please report it): {what}"
    ))
}

/// Panics on purpose, for the tests that check a panic becomes an
/// exception: `where_` is `"caller"` (the calling thread, holding the
/// GIL) or `"worker"` (a scoring thread, with the GIL released).
#[pyfunction]
#[pyo3(name = "_panic_for_tests")]
pub fn panic_for_tests(py: Python<'_>, where_: &str) -> PyResult<()> {
    guard(|| match where_ {
        "caller" => panic!("a test panic in the calling thread"),
        "worker" => {
            let items: Vec<usize> = (0..64).collect();
            py.detach(|| {
                crate::parallel::map_ordered(&items, 2, |_: &mut (), &i| {
                    assert!(i != 40, "a test panic in a worker thread");
                })
            });
            Ok(())
        }
        _ => Err(PyValueError::new_err("where_ is 'caller' or 'worker'")),
    })
}

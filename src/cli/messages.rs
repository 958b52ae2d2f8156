//! The one place that decides what the user sees when something goes
//! wrong, and the exit status it ends with.
//!
//! Exit status: 0 when every input was scored; 1 when some input failed
//! or had to be repaired (the others are still scored); 2 for a usage
//! error, a bad lexicon, or output that could not be written.

use std::io::Write;
use std::process::ExitCode;

use hedgescore::text::visible::visible;
use hedgescore::{Error, ErrorKind};

/// Every input was scored.
pub const EXIT_OK: u8 = 0;
/// Some input could not be read or had to be repaired.
pub const EXIT_INPUT_FAILED: u8 = 1;
/// A usage error, a bad lexicon or an output that failed.
pub const EXIT_FATAL: u8 = 2;

/// How a command that did not finish ended.
pub enum Failure {
    /// Nothing useful could be done: the error says why.
    Fatal(Error),
    /// The reader of our output went away: stop quietly.
    BrokenPipe,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        if e.is_broken_pipe() {
            Failure::BrokenPipe
        } else {
            Failure::Fatal(e)
        }
    }
}

impl From<std::io::Error> for Failure {
    /// An error writing our own output (standard output, which has no path).
    fn from(e: std::io::Error) -> Failure {
        Failure::from(Error::io(None, e))
    }
}

/// What a command returns: its exit status, or how it failed.
pub type Outcome = Result<u8, Failure>;

/// The exit status of a finished command, with its failure reported.
pub fn exit(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(Failure::BrokenPipe) => ExitCode::from(EXIT_OK),
        Err(Failure::Fatal(e)) => {
            say_visible(&format!("hedgescore: error: {e}\n"));
            ExitCode::from(fatal_status(e.kind()))
        }
    }
}

/// The exit status of a fatal error of `kind`.
fn fatal_status(kind: ErrorKind) -> u8 {
    match kind {
        // An input error is fatal only where the input is the command's
        // own request (a gold file for eval); it is still the user's to fix.
        ErrorKind::Usage | ErrorKind::Lexicon | ErrorKind::Io | ErrorKind::InputFormat => {
            EXIT_FATAL
        }
        ErrorKind::Notice => EXIT_OK,
    }
}

/// Reports a problem with one input, or a notice; the run goes on.
pub fn warn(e: &Error) {
    if e.kind() == ErrorKind::Notice {
        say_visible(&format!("hedgescore: note: {e}\n"));
    } else {
        say_visible(&format!("hedgescore: {e}\n"));
    }
}

/// Writes a message that may hold text from the input (a file or column
/// name, a line of a table) with its control characters made visible:
/// standard error is most often a terminal.
pub fn say_visible(message: &str) {
    say(format_args!("{}", visible(message)));
}

/// Writes to standard error, which may be closed or a pipe whose reader
/// left (`2>&1 | head`): then there is no one to tell, and the run goes
/// on (`eprintln!` would panic).
pub fn say(text: std::fmt::Arguments) {
    let _ = std::io::stderr().lock().write_fmt(text);
}

/// A usage error as a failure.
pub fn usage(message: impl Into<String>) -> Failure {
    Failure::Fatal(Error::usage(message))
}

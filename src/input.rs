//! Reading inputs: files, folders (recursively) and standard input.
//!
//! Large archives hold every kind of bad file, so nothing here stops a run:
//! each problem comes back as an [`Error`] naming the file, and the caller
//! reports it and goes on with the next input.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One input to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The name used in output rows and messages.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// The path, for a file.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File(path) => Some(path),
        }
    }
}

/// Expands paths into the inputs to score: `-` is standard input, a folder
/// stands for every file below it that is not hidden (in name order,
/// symbolic links followed once, loops skipped). Problems are returned
/// beside the inputs that could be listed.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut visited = HashSet::new();
                walk(path, &mut visited, &mut sources, &mut errors);
            }
            Ok(_) => sources.push(Source::File(path.clone())),
            Err(e) => errors.push(Error::io(Some(path), e)),
        }
    }
    (sources, errors)
}

fn walk(
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    sources: &mut Vec<Source>,
    errors: &mut Vec<Error>,
) {
    // Canonical paths catch a symbolic link that leads back up the tree.
    match std::fs::canonicalize(dir) {
        Ok(canonical) => {
            if !visited.insert(canonical) {
                errors.push(Error::input(
                    Some(dir),
                    None,
                    "this folder was already visited (a symbolic link loop?); skipped",
                ));
                return;
            }
        }
        Err(e) => {
            errors.push(Error::io(Some(dir), e));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(Error::io(Some(dir), e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    paths.push(entry.path());
                }
            }
            Err(e) => errors.push(Error::io(Some(dir), e)),
        }
    }
    paths.sort();
    for path in paths {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, visited, sources, errors),
            Ok(meta) if meta.is_file() => sources.push(Source::File(path)),
            Ok(_) => errors.push(Error::input(
                Some(&path),
                None,
                "not a regular file (a FIFO, socket or device?); skipped inside a folder",
            )),
            Err(e) => errors.push(Error::io(Some(&path), e)),
        }
    }
}

/// The text of an input, with a warning when it had to be repaired.
#[derive(Debug)]
pub struct InputText {
    /// The text, with a leading UTF-8 byte order mark removed.
    pub text: String,
    /// Set when the bytes were not valid UTF-8 and were decoded lossily.
    pub warning: Option<Error>,
}

/// How many leading bytes are checked for NUL to recognise a binary file.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Reads an input whole. Invalid UTF-8 is decoded with replacement
/// characters and a warning; a binary file (a NUL byte near the start) is
/// an error.
pub fn read_source(source: &Source) -> Result<InputText> {
    let mut bytes = Vec::new();
    match source {
        Source::Stdin => {
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(None, e))?;
        }
        Source::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| Error::io(Some(path), e))?;
            if meta.is_dir() {
                return Err(Error::input(Some(path), None, "is a folder, not a file"));
            }
            let mut file = std::fs::File::open(path).map_err(|e| Error::io(Some(path), e))?;
            file.read_to_end(&mut bytes)
                .map_err(|e| Error::io(Some(path), e))?;
        }
    }
    decode(source.path(), bytes)
}

/// Decodes input bytes: strips a byte order mark, refuses binary content and
/// repairs invalid UTF-8 with a warning.
pub fn decode(path: Option<&Path>, bytes: Vec<u8>) -> Result<InputText> {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if let Some(at) = sniff.iter().position(|&b| b == 0) {
        return Err(Error::input(
            path,
            None,
            format!("looks like a binary file (a NUL byte at offset {at}); skipped"),
        ));
    }
    let (text, warning) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let warning = Error::input(
                path,
                None,
                format!(
                    "is not valid UTF-8 (first bad byte at offset {at}); scored with the bad bytes replaced by U+FFFD"
                ),
            );
            (text, Some(warning))
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(InputText { text, warning })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_table() {
        // (bytes, ok, warned, text)
        let table: &[(&[u8], bool, bool, &str)] = &[
            (b"plain", true, false, "plain"),
            (b"\xEF\xBB\xBFbom", true, false, "bom"),
            (b"bad \xFF byte", true, true, "bad \u{FFFD} byte"),
            (b"nul\x00inside", false, false, ""),
            (b"", true, false, ""),
        ];
        for (bytes, ok, warned, text) in table {
            let result = decode(Some(Path::new("f.txt")), bytes.to_vec());
            assert_eq!(result.is_ok(), *ok, "{bytes:?}");
            if let Ok(input) = result {
                assert_eq!(input.warning.is_some(), *warned, "{bytes:?}");
                assert_eq!(input.text, *text);
                if let Some(w) = input.warning {
                    assert!(w.to_string().starts_with("f.txt: "), "{w}");
                }
            }
        }
    }
}

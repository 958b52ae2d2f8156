//! Reading inputs: files, folders (recursively) and standard input.
//!
//! Large archives hold every kind of bad file, so nothing here stops a run:
//! each problem comes back as an [`Error`] naming the file, and the caller
//! reports it and goes on with the next input.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::Error;

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
            Source::File(path) => path.to_string_lossy().into_owned(),
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
    // The file type comes from the directory listing itself; only symbolic
    // links (and file systems that do not say) need a stat of their own.
    let mut listed: Vec<(OsString, Option<std::fs::FileType>)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name();
                if !name.as_encoded_bytes().starts_with(b".") {
                    let kind = entry.file_type().ok().filter(|t| !t.is_symlink());
                    listed.push((name, kind));
                }
            }
            Err(e) => errors.push(Error::io(Some(dir), e)),
        }
    }
    // Names in one folder sort as their paths would, and comparing names
    // is a plain byte comparison where comparing paths walks components.
    listed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in listed {
        let path = dir.join(name);
        if let Some(kind) = kind {
            if kind.is_file() {
                sources.push(Source::File(path));
                continue;
            }
            if kind.is_dir() {
                walk(&path, visited, sources, errors);
                continue;
            }
        }
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

//! Reading inputs: files, folders (recursively) and standard input.
//!
//! Large archives hold every kind of bad file, so nothing here stops a run:
//! each problem comes back as an [`Error`] naming the file, and the caller
//! reports it and goes on with the next input.

use std::collections::{HashSet, VecDeque};
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

/// The inputs named by some paths, listed as they are needed: `-` is
/// standard input, a folder stands for every file below it that is not
/// hidden (in name order, symbolic links followed once, loops skipped), and
/// a problem (an unreadable folder, a path that does not exist) comes in
/// its place in that order. Memory holds one folder listing for each level
/// of the folder being walked, not every path below it, and scoring can
/// begin before the walk ends.
#[derive(Debug)]
pub struct Inputs {
    paths: std::vec::IntoIter<PathBuf>,
    /// The listings of the folders being walked, innermost last.
    stack: Vec<Listing>,
    /// Canonical paths of the folders visited under the current path.
    visited: HashSet<PathBuf>,
    /// Problems met while listing a folder, given out before its entries.
    problems: VecDeque<Error>,
}

/// A folder's entries not yet given out, in name order.
#[derive(Debug)]
struct Listing {
    dir: PathBuf,
    entries: std::vec::IntoIter<(OsString, Option<std::fs::FileType>)>,
}

impl Inputs {
    /// The inputs named by `paths`, in order.
    pub fn new(paths: Vec<PathBuf>) -> Inputs {
        Inputs {
            paths: paths.into_iter(),
            stack: Vec::new(),
            visited: HashSet::new(),
            problems: VecDeque::new(),
        }
    }

    /// Lists folder `dir` onto the stack, or notes why it cannot be.
    fn enter(&mut self, dir: PathBuf) {
        // Canonical paths catch a symbolic link that leads back up the tree.
        match std::fs::canonicalize(&dir) {
            Ok(canonical) => {
                if !self.visited.insert(canonical) {
                    self.problems.push_back(Error::input(
                        Some(&dir),
                        None,
                        "this folder was already visited (a symbolic link loop?); skipped",
                    ));
                    return;
                }
            }
            Err(e) => {
                self.problems.push_back(Error::io(Some(&dir), e));
                return;
            }
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push_back(Error::io(Some(&dir), e));
                return;
            }
        };
        // The file type comes from the directory listing itself; only
        // symbolic links (and file systems that do not say) need a stat of
        // their own.
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
                Err(e) => self.problems.push_back(Error::io(Some(&dir), e)),
            }
        }
        // Names in one folder sort as their paths would, and comparing
        // names is a plain byte comparison where comparing paths walks
        // components.
        listed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.stack.push(Listing {
            dir,
            entries: listed.into_iter(),
        });
    }

    /// What an entry of a folder being walked stands for: a file to score,
    /// or nothing when it is a folder (now on the stack) or a problem (now
    /// noted).
    fn entry(&mut self, path: PathBuf, kind: Option<std::fs::FileType>) -> Option<Source> {
        if let Some(kind) = kind {
            if kind.is_file() {
                return Some(Source::File(path));
            }
            if kind.is_dir() {
                self.enter(path);
                return None;
            }
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => self.enter(path),
            Ok(meta) if meta.is_file() => return Some(Source::File(path)),
            Ok(_) => self.problems.push_back(Error::input(
                Some(&path),
                None,
                "not a regular file (a FIFO, socket or device?); skipped inside a folder",
            )),
            Err(e) => self.problems.push_back(Error::io(Some(&path), e)),
        }
        None
    }
}

impl Iterator for Inputs {
    type Item = std::result::Result<Source, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(problem) = self.problems.pop_front() {
                return Some(Err(problem));
            }
            if let Some(listing) = self.stack.last_mut() {
                match listing.entries.next() {
                    Some((name, kind)) => {
                        let path = listing.dir.join(name);
                        if let Some(source) = self.entry(path, kind) {
                            return Some(Ok(source));
                        }
                    }
                    None => {
                        self.stack.pop();
                    }
                }
                continue;
            }
            let path = self.paths.next()?;
            if path.as_os_str() == "-" {
                return Some(Ok(Source::Stdin));
            }
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    self.visited.clear();
                    self.enter(path);
                }
                Ok(_) => return Some(Ok(Source::File(path))),
                Err(e) => return Some(Err(Error::io(Some(&path), e))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_tree(name: &str, files: &[&str]) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("hedgescore-inputs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "text").unwrap();
        }
        root
    }

    fn names(
        root: &Path,
        inputs: impl Iterator<Item = std::result::Result<Source, Error>>,
    ) -> Vec<String> {
        inputs
            .map(|input| match input.unwrap() {
                Source::File(path) => path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                Source::Stdin => "-".to_string(),
            })
            .collect()
    }

    #[test]
    fn folders_are_walked_depth_first_in_name_order_without_hidden_files() {
        let root = temp_tree(
            "order",
            &[
                "b/2.txt",
                "b/1.txt",
                "a.txt",
                "c/d/e.txt",
                "c/0.txt",
                ".hidden",
                "b/.x/y.txt",
            ],
        );
        let listed = names(&root, Inputs::new(vec![root.clone(), PathBuf::from("-")]));
        assert_eq!(
            listed,
            ["a.txt", "b/1.txt", "b/2.txt", "c/0.txt", "c/d/e.txt", "-"]
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_folder_is_listed_only_when_the_walk_reaches_it() {
        // What makes memory flat: the listing of `b` is read after the
        // inputs before it are given out, so a file added to it meanwhile
        // is found, and the paths of a huge tree are never all held.
        let root = temp_tree("lazy", &["a/1.txt", "b/1.txt"]);
        let mut inputs = Inputs::new(vec![root.clone()]);
        let first = inputs.next().unwrap().unwrap();
        assert_eq!(first, Source::File(root.join("a/1.txt")));
        std::fs::write(root.join("b/2.txt"), "added").unwrap();
        assert_eq!(names(&root, inputs), ["b/1.txt", "b/2.txt"]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn problems_come_in_their_place_and_the_walk_goes_on() {
        let root = temp_tree("problems", &["a.txt", "z.txt"]);
        let missing = root.join("missing.txt");
        let listed: Vec<std::result::Result<Source, String>> =
            Inputs::new(vec![missing.clone(), root.clone(), missing])
                .map(|input| input.map_err(|e| e.to_string()))
                .collect();
        assert_eq!(listed.len(), 4);
        assert!(listed[0].as_ref().is_err_and(|e| e.contains("missing.txt")));
        assert_eq!(listed[1], Ok(Source::File(root.join("a.txt"))));
        assert_eq!(listed[2], Ok(Source::File(root.join("z.txt"))));
        assert!(listed[3].is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }
}

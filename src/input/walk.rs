//! Reading inputs: files, folders (recursively) and standard input.
//!
//! Large archives hold every kind of bad file, so nothing here stops a run:
//! each problem comes back as an [`Error`] naming the file, and the caller
//! reports it and goes on with the next input.

use std::collections::{HashMap, VecDeque};
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
/// hidden (in name order, symbolic links followed), and a problem (an
/// unreadable folder, a path that does not exist, a symbolic link to a
/// folder that holds it: a loop) comes in its place in that order. A
/// folder reached a second time through a symbolic link that is no loop
/// (a link to a sibling) is skipped with a
/// [notice](crate::ErrorKind::Notice) naming
/// both paths, so its files are listed once. Memory holds one folder listing for each level
/// of the folder being walked, not every path below it, and scoring can
/// begin before the walk ends.
#[derive(Debug)]
pub struct Inputs {
    paths: std::vec::IntoIter<PathBuf>,
    /// The listings of the folders being walked, innermost last.
    stack: Vec<Listing>,
    /// Canonical paths of the folders visited under the current path,
    /// each with the path it was first reached by.
    visited: HashMap<PathBuf, PathBuf>,
    /// Problems met while listing a folder, given out before its entries.
    problems: VecDeque<Error>,
}

/// A folder's entries not yet given out, in name order.
#[derive(Debug)]
struct Listing {
    dir: PathBuf,
    /// The folder's canonical path: the folders on the stack are the
    /// ancestors of the one being walked.
    canonical: PathBuf,
    entries: std::vec::IntoIter<(OsString, Option<std::fs::FileType>)>,
}

impl Inputs {
    /// The inputs named by `paths`, in order.
    pub fn new(paths: Vec<PathBuf>) -> Inputs {
        Inputs {
            paths: paths.into_iter(),
            stack: Vec::new(),
            visited: HashMap::new(),
            problems: VecDeque::new(),
        }
    }

    /// Lists folder `dir` onto the stack, or notes why it cannot be.
    fn enter(&mut self, dir: PathBuf) {
        // Canonical paths catch a symbolic link to a folder seen before.
        let canonical = match std::fs::canonicalize(&dir) {
            Ok(canonical) => canonical,
            Err(e) => {
                self.problems.push_back(Error::io(Some(&dir), e));
                return;
            }
        };
        if self.stack.iter().any(|l| l.canonical == canonical) {
            self.problems.push_back(Error::input(
                Some(&dir),
                None,
                "a symbolic link loop (it leads back to a folder that holds it); skipped",
            ));
            return;
        }
        // Not an ancestor, so its walk is over: its files were listed.
        if let Some(first) = self.visited.get(&canonical) {
            self.problems.push_back(Error::notice(
                &dir,
                format!(
                    "the same folder as {}, whose files are scored once; skipped",
                    first.display()
                ),
            ));
            return;
        }
        self.visited.insert(canonical.clone(), dir.clone());
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
            canonical,
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
    fn a_folder_reached_again_through_a_link_is_skipped_with_a_notice() {
        let root = temp_tree("again", &["b/1.txt", "d/2.txt"]);
        // "a" comes first, so "b" is walked through it, then reached again.
        std::os::unix::fs::symlink("b", root.join("a")).unwrap();
        std::os::unix::fs::symlink("d", root.join("e")).unwrap();
        let listed: Vec<std::result::Result<Source, Error>> =
            Inputs::new(vec![root.clone()]).collect();
        let files: Vec<&Source> = listed.iter().filter_map(|l| l.as_ref().ok()).collect();
        assert_eq!(
            files,
            [
                &Source::File(root.join("a/1.txt")),
                &Source::File(root.join("d/2.txt"))
            ]
        );
        let notices: Vec<String> = listed
            .iter()
            .filter_map(|l| l.as_ref().err())
            .inspect(|e| assert_eq!(e.kind(), crate::ErrorKind::Notice, "{e}"))
            .map(|e| e.to_string())
            .collect();
        assert_eq!(notices.len(), 2, "{notices:?}");
        let named = |text: &str, a: &str, b: &str| {
            text.starts_with(&root.join(a).display().to_string())
                && text.contains(&root.join(b).display().to_string())
        };
        assert!(named(&notices[0], "b", "a"), "{notices:?}");
        assert!(named(&notices[1], "e", "d"), "{notices:?}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_link_to_a_folder_that_holds_it_is_a_loop() {
        let root = temp_tree("ancestor", &["sub/1.txt"]);
        std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(".", root.join("sub/here")).unwrap();
        let listed: Vec<std::result::Result<Source, Error>> =
            Inputs::new(vec![root.clone()]).collect();
        let problems: Vec<&Error> = listed.iter().filter_map(|l| l.as_ref().err()).collect();
        assert_eq!(problems.len(), 2, "{listed:?}");
        for problem in problems {
            assert_ne!(problem.kind(), crate::ErrorKind::Notice, "{problem}");
            assert!(
                problem.to_string().contains("symbolic link loop"),
                "{problem}"
            );
        }
        assert_eq!(listed.iter().filter(|l| l.is_ok()).count(), 1);
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

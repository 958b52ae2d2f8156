//! Reading inputs: files, folders (recursively) and standard input.
//!
//! Large archives hold every kind of bad file, so nothing here stops a run:
//! each problem comes back as an [`Error`] naming the file, and the caller
//! reports it and goes on with the next input.

use std::collections::{HashMap, HashSet, VecDeque};
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

pub use crate::error::path_name;

impl Source {
    /// The name used in output rows and messages.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(path) => path_name(path).into_owned(),
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
    /// The folders on the stack: the ancestors of the one being walked.
    ancestors: HashSet<FileId>,
    /// The folders visited under the current path, each with the path it
    /// was first reached by.
    visited: HashMap<FileId, PathBuf>,
    /// Files never to read: the run's own output.
    excluded: HashSet<FileId>,
    /// Problems met while listing a folder, given out before its entries.
    problems: VecDeque<Error>,
}

/// A file or folder however it is reached: its device and inode. One stat
/// finds it, where a canonical path takes a stat per component of the
/// path, which made walking deep trees cubic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The identity of what `meta` describes (`None` where the platform
    /// does not give one: there, links that loop are not caught).
    pub fn of(meta: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId {
                device: meta.dev(),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }

    /// The identity of the file or folder at `path`, links followed.
    pub fn of_path(path: &Path) -> std::io::Result<Option<FileId>> {
        std::fs::metadata(path).map(|meta| FileId::of(&meta))
    }
}

/// A folder's entries not yet given out, in name order.
#[derive(Debug)]
struct Listing {
    dir: PathBuf,
    /// The folder's identity, among the ancestors while it is listed.
    id: Option<FileId>,
    entries: std::vec::IntoIter<Entry>,
}

/// An entry of a folder listing, as the listing itself describes it.
#[derive(Debug)]
struct Entry {
    name: OsString,
    /// Its type, unless it is a symbolic link (or the file system does
    /// not say), which takes a stat of its own.
    kind: Option<std::fs::FileType>,
    /// Its identity, from the listing and the folder's device.
    id: Option<FileId>,
}

impl Inputs {
    /// The inputs named by `paths`, in order.
    pub fn new(paths: Vec<PathBuf>) -> Inputs {
        Inputs {
            paths: paths.into_iter(),
            stack: Vec::new(),
            ancestors: HashSet::new(),
            visited: HashMap::new(),
            excluded: HashSet::new(),
            problems: VecDeque::new(),
        }
    }

    /// Never lists the files `files`, wherever they are met: each is
    /// skipped with a notice. For the run's own output, which read back
    /// would feed on itself.
    pub fn excluding(mut self, files: impl IntoIterator<Item = FileId>) -> Inputs {
        self.excluded.extend(files);
        self
    }

    /// `path`, unless it is excluded (then noted).
    fn unless_excluded(&mut self, path: PathBuf, id: Option<FileId>) -> Option<Source> {
        if id.is_some_and(|id| self.excluded.contains(&id)) {
            self.problems.push_back(Error::notice(
                &path,
                "is this run's output; skipped, so the output does not feed on itself",
            ));
            return None;
        }
        Some(Source::File(path))
    }

    /// Lists folder `dir` onto the stack, or notes why it cannot be.
    fn enter(&mut self, dir: PathBuf, id: Option<FileId>) {
        if let Some(id) = id {
            if self.ancestors.contains(&id) {
                self.problems.push_back(Error::input(
                    Some(&dir),
                    None,
                    "a symbolic link loop (it leads back to a folder that holds it); skipped",
                ));
                return;
            }
            // Not an ancestor, so its walk is over: its files were listed.
            if let Some(first) = self.visited.get(&id) {
                self.problems.push_back(Error::notice(
                    &dir,
                    format!(
                        "the same folder as {}, whose files are scored once; skipped",
                        first.display()
                    ),
                ));
                return;
            }
            self.visited.insert(id, dir.clone());
            self.ancestors.insert(id);
        }
        let entries = self.list(&dir, id);
        self.stack.push(Listing {
            dir,
            id,
            entries: entries.into_iter(),
        });
    }

    /// The entries of folder `dir` but hidden ones, in name order; problems
    /// reading it are noted.
    fn list(&mut self, dir: &Path, id: Option<FileId>) -> Vec<Entry> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push_back(Error::io(Some(dir), e));
                return Vec::new();
            }
        };
        let mut listed = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let name = entry.file_name();
                    if !name.as_encoded_bytes().starts_with(b".") {
                        let kind = entry.file_type().ok().filter(|t| !t.is_symlink());
                        let id = id.and_then(|folder| entry_id(&entry, folder));
                        listed.push(Entry { name, kind, id });
                    }
                }
                Err(e) => self.problems.push_back(Error::io(Some(dir), e)),
            }
        }
        // Names in one folder sort as their paths would, and comparing
        // names is a plain byte comparison where comparing paths walks
        // components.
        listed.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        listed
    }

    /// What an entry of a folder being walked stands for: a file to score,
    /// or nothing when it is a folder (now on the stack) or a problem (now
    /// noted).
    fn entry(&mut self, path: PathBuf, entry: Entry) -> Option<Source> {
        if let Some(kind) = entry.kind {
            if kind.is_file() {
                return self.unless_excluded(path, entry.id);
            }
            if kind.is_dir() {
                match FileId::of_path(&path) {
                    Ok(id) => self.enter(path, id),
                    Err(e) => self.problems.push_back(Error::io(Some(&path), e)),
                }
                return None;
            }
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => self.enter(path, FileId::of(&meta)),
            Ok(meta) if meta.is_file() => return self.unless_excluded(path, FileId::of(&meta)),
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

/// The identity of a file in a folder from the listing alone: its inode,
/// on the folder's device. A folder's own is taken when it is entered (a
/// mount point is a folder on another device).
fn entry_id(entry: &std::fs::DirEntry, folder: FileId) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirEntryExt;
        Some(FileId {
            device: folder.device,
            inode: entry.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (entry, folder);
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
                    Some(entry) => {
                        let path = listing.dir.join(&entry.name);
                        if let Some(source) = self.entry(path, entry) {
                            return Some(Ok(source));
                        }
                    }
                    None => {
                        if let Some(id) = self.stack.pop().and_then(|l| l.id) {
                            self.ancestors.remove(&id);
                        }
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
                    self.enter(path, FileId::of(&meta));
                }
                Ok(meta) => {
                    if let Some(source) = self.unless_excluded(path, FileId::of(&meta)) {
                        return Some(Ok(source));
                    }
                }
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

    /// Deep trees are walked in time linear in their depth: with a
    /// canonical path per folder, 1,000 levels took 30 s.
    #[test]
    fn regression_a_deep_tree_is_walked_in_linear_time() {
        let depth = 1000;
        let nested = vec!["d"; depth].join("/");
        let root = temp_tree("deep", &[&format!("{nested}/bottom.txt")]);
        let started = std::time::Instant::now();
        let listed = names(&root, Inputs::new(vec![root.clone()]));
        assert_eq!(listed, [format!("{nested}/bottom.txt")]);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn excluded_files_are_skipped_with_a_notice_wherever_they_are_met() {
        let root = temp_tree("excluded", &["a.txt", "out.csv", "sub/b.txt"]);
        let out = root.join("out.csv");
        let id = FileId::of_path(&out).unwrap().unwrap();
        let listed: Vec<_> = Inputs::new(vec![root.clone(), out.clone()])
            .excluding([id])
            .collect();
        let files: Vec<_> = listed.iter().filter_map(|l| l.as_ref().ok()).collect();
        assert_eq!(
            files,
            [
                &Source::File(root.join("a.txt")),
                &Source::File(root.join("sub/b.txt"))
            ]
        );
        let notices: Vec<_> = listed.iter().filter_map(|l| l.as_ref().err()).collect();
        assert_eq!(notices.len(), 2, "{notices:?}");
        for notice in notices {
            assert_eq!(notice.kind(), crate::ErrorKind::Notice);
            assert!(notice.to_string().contains("this run's output"), "{notice}");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}

//! Compiles the lexicon folders under `lexicons/` (their `.tsv` lexicon
//! files and `.txt` word lists) into the binary, so that hedgescore runs
//! with no files beside it and a new lexicon file is picked up without
//! touching the source.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut packs: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut folders: Vec<_> = std::fs::read_dir(&root)
        .expect("lexicons/ is part of the repository")
        .map(|e| e.expect("readable lexicons/ entry").path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        println!("cargo:rerun-if-changed={}", folder.display());
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .expect("readable lexicon folder")
            .map(|e| e.expect("readable lexicon file").path())
            .filter(|p| p.extension().is_some_and(|e| e == "tsv" || e == "txt"))
            .collect();
        files.sort();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let files = files
            .into_iter()
            .map(|f| {
                println!("cargo:rerun-if-changed={}", f.display());
                let file = f.file_name().unwrap().to_string_lossy().into_owned();
                (file, f.display().to_string())
            })
            .collect();
        packs.push((name, files));
    }
    let mut code = String::from("/// Built-in lexicon packs: name → (file name, contents).\n");
    code.push_str("pub(crate) static BUILTIN_PACKS: &[(&str, &[(&str, &str)])] = &[\n");
    for (name, files) in &packs {
        write!(code, "    ({name:?}, &[").unwrap();
        for (file, path) in files {
            write!(code, "({file:?}, include_str!({path:?})), ").unwrap();
        }
        code.push_str("]),\n");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_lexicons.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}

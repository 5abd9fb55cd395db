//! The parse-only floor, shared by the scale benchmark and `examples/parse_only.rs`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Every `*.toml` file under `dir`.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    out
}

/// Reads and parses every file on all cores (`toml::de::DeTable::parse`); returns how many
/// parsed.
pub fn parse_all(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            toml::de::DeTable::parse(&text).is_ok()
        })
        .count()
}

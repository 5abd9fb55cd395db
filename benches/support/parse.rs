//! The parse-only floor, shared by the scale benchmark and `examples/parse_only.rs`.

use std::path::PathBuf;

use rayon::prelude::*;

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

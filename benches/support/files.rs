//! The TOML files under a folder, shared by the scale benchmark, `examples/parse_only.rs`, the Rego
//! peer and `tests/it/properties.rs`.

use std::path::{Path, PathBuf};

/// Every `*.toml` file under `dir`, in path order.
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
    out.sort();
    out
}

//! Finding the files of a run (files as given, folders walked) and reading them as UTF-8 text,
//! with the input error a file that cannot be read is.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::diag::InputError;
use crate::base::fs::{display_path, read_bytes, read_head};
use crate::base::i18n::common as msg;

/// The files a run reads, as far as they can be known before it runs: the org files found under
/// `paths` and the pack files named by `packs`.
pub fn inputs_of(paths: &[PathBuf], packs: &[String]) -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = discover(paths).found.into_iter().map(|f| f.path).collect();
    inputs.extend(packs.iter().map(PathBuf::from).filter(|p| p.is_file()));
    inputs
}

/// A file found for checking, with the path as shown and whether the user named it.
pub(crate) struct Found {
    pub(crate) shown: String,
    pub(crate) path: PathBuf,
    /// The folder argument it was found under; `None` when the user named the file itself.
    pub(crate) root: Option<usize>,
}

/// The files a run checks, before any is read.
pub(crate) struct Discovered {
    pub(crate) found: Vec<Found>,
    /// The folder arguments, as shown.
    pub(crate) roots: Vec<String>,
    /// Missing paths and unreadable folders.
    pub(crate) errors: Vec<InputError>,
}

/// Finds the files under `paths`: files as given, folders recursively (`*.toml`, skipping hidden
/// folders and `target/`), each file once.
pub(crate) fn discover(paths: &[PathBuf]) -> Discovered {
    let mut errors = Vec::new();
    let mut found = Vec::new();
    let mut roots = Vec::new();
    let mut links = false;
    for p in paths {
        let shown = display_path(p);
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let before = found.len();
                let mut walk_cx = Walk {
                    root: roots.len(),
                    found: &mut found,
                    errors: &mut errors,
                    links: &mut links,
                    visited: std::collections::HashSet::new(),
                };
                walk_cx.dir(p);
                found[before..].sort_by(|a: &Found, b: &Found| a.shown.cmp(&b.shown));
                roots.push(shown);
            }
            Ok(_) => found.push(Found {
                shown,
                path: p.clone(),
                root: None,
            }),
            Err(e) => errors.push(InputError::path(&shown, msg::cannot_read(&shown, &e))),
        }
    }
    // The same file named twice (as a file and inside a folder, or through a link) is checked
    // once. One path walked without links names each file once: no need to ask the file system.
    if paths.len() == 1 && !links {
        return Discovered {
            found,
            roots,
            errors,
        };
    }
    let canonical: Vec<PathBuf> = found
        .par_iter()
        .map(|f| std::fs::canonicalize(&f.path).unwrap_or(f.path.clone()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut canonical = canonical.into_iter();
    found.retain(|_| canonical.next().is_some_and(|c| seen.insert(c)));
    Discovered {
        found,
        roots,
        errors,
    }
}

/// The start of a file, enough to hold its `[unit]` table as files are usually written.
pub(crate) fn read_head_text(path: &Path) -> Option<String> {
    let mut buf = read_head(path, 4096).ok()?;
    // Cut at the last newline so that a character split by the limit is not half read.
    let cut = buf.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    buf.truncate(cut);
    String::from_utf8(buf).ok()
}

/// Reads a file as UTF-8 text; a byte that is not UTF-8 is an error at its line and column.
pub(crate) fn read_text(path: &Path, shown: &str) -> Result<String, Box<InputError>> {
    let bytes =
        read_bytes(path).map_err(|e| Box::new(InputError::path(shown, e.message(shown))))?;
    decode_text(bytes, shown)
}

/// A file's bytes as UTF-8 text; a byte that is not UTF-8 is an error at its line and column.
pub(crate) fn decode_text(bytes: Vec<u8>, shown: &str) -> Result<String, Box<InputError>> {
    String::from_utf8(bytes).map_err(|e| Box::new(not_utf8(shown, e)))
}

/// A file that is not UTF-8 text, with the place of its first bad byte: the text before it is
/// valid, so its line and column are known.
pub(crate) fn not_utf8(shown: &str, e: std::string::FromUtf8Error) -> InputError {
    let valid = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    let prefix = String::from_utf8_lossy(&bytes[..valid]);
    let line = prefix.matches('\n').count() + 1;
    let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    InputError::path(shown, msg::not_utf8_at(line, col)).with_line_col(line, col)
}

/// One folder argument being walked.
struct Walk<'a> {
    root: usize,
    found: &'a mut Vec<Found>,
    errors: &'a mut Vec<InputError>,
    /// Set when a symbolic link was met.
    links: &'a mut bool,
    /// The folders walked, by their real path: each is walked once, however many links lead to
    /// it. Links to a folder above (a loop) or two links to one folder would otherwise make the
    /// walk run until paths grow too long, and find the same files again and again.
    visited: std::collections::HashSet<PathBuf>,
}

impl Walk<'_> {
    /// Collects the `*.toml` files under `dir`.
    fn dir(&mut self, dir: &Path) {
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.visited.insert(real) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                let shown = display_path(dir);
                self.errors
                    .push(InputError::path(&shown, msg::cannot_read(&shown, &e)));
                return;
            }
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            *self.links |= kind.is_symlink();
            if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
                if name.starts_with('.') || name == "target" || name == "node_modules" {
                    continue;
                }
                self.dir(&path);
            } else if name.ends_with(".toml") {
                self.found.push(Found {
                    shown: display_path(&path),
                    path,
                    root: Some(self.root),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(d: &Discovered) -> Vec<&str> {
        d.found.iter().map(|f| f.shown.as_str()).collect()
    }

    #[test]
    fn a_file_named_twice_is_found_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "[unit]\n").unwrap();
        std::fs::write(dir.path().join("b.toml"), "[unit]\n").unwrap();
        let walked = discover(&[dir.path().to_path_buf()]);
        assert_eq!(walked.found.len(), 2);
        let both = discover(&[dir.path().to_path_buf(), a.clone()]);
        assert_eq!(both.found.len(), 2, "{:?}", shown(&both));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_reached_through_a_link_is_found_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "[unit]\n").unwrap();
        std::os::unix::fs::symlink(&a, dir.path().join("same.toml")).unwrap();
        let walked = discover(&[dir.path().to_path_buf()]);
        assert_eq!(walked.found.len(), 1, "{:?}", shown(&walked));
    }
}

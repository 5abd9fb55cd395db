//! Reading a large roster a piece at a time.
//!
//! A parsed TOML document costs about 33 times its text (a `[[person]]` table of 105 bytes
//! becomes B-tree nodes of spanned keys and values, about 3.3 KB, as `tests/memory.rs` counts):
//! a 45 MB roster held 2.2 GB, most of it the parsed document kept until the whole file was read
//! into the model (docs/benchmarks.md). A large file is therefore read in two kinds of pieces: its runs of
//! `[[person]]` tables, about [`CHUNK_BYTES`] at a time, each parsed, read into persons and
//! dropped before the next; and the rest of the file, parsed with each run made one comment of
//! the same length (so every other span stays where it is).
//! What the pieces give is what the whole file gives (a test in `tests.rs` compares them on every
//! example); a file whose roster is written any other way (`person` as a key, an inline array,
//! sub-tables of a person) is read whole.

use std::ops::Range;

use crate::base::diag::InputError;
use crate::base::source::Span;
use crate::model::Person;

/// Files from this size on are read in pieces; smaller ones are read whole.
pub(super) const CHUNKED_FROM: usize = 4 << 20;
/// About how many bytes of `[[person]]` tables are parsed at once.
pub(super) const CHUNK_BYTES: usize = 256 << 10;

/// Where the lexer is at the start of a line.
#[derive(Default)]
struct Lexer {
    /// Inside a multi-line string, and which one (`"""` or `'''`).
    multi: Option<&'static str>,
    /// Open brackets and braces of a value written over several lines.
    depth: usize,
}

impl Lexer {
    fn top_level(&self) -> bool {
        self.multi.is_none() && self.depth == 0
    }

    /// Goes over one line of keys and values (not a header).
    fn line(&mut self, line: &str) {
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if let Some(close) = self.multi {
                if close == "\"\"\"" && b[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if b[i..].starts_with(close.as_bytes()) {
                    self.multi = None;
                    i += 3;
                    // A closing `""""` ends with one quote inside the string.
                    while b.get(i) == Some(&close.as_bytes()[0]) {
                        i += 1;
                    }
                } else {
                    i += 1;
                }
                continue;
            }
            match b[i] {
                b'#' => return,
                b'"' if b[i..].starts_with(b"\"\"\"") => {
                    self.multi = Some("\"\"\"");
                    i += 3;
                }
                b'\'' if b[i..].starts_with(b"'''") => {
                    self.multi = Some("'''");
                    i += 3;
                }
                b'"' => {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                b'\'' => {
                    i += 1;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                }
                b'[' | b'{' => {
                    self.depth += 1;
                    i += 1;
                }
                b']' | b'}' => {
                    self.depth = self.depth.saturating_sub(1);
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
}

/// What a header line opens.
enum Header {
    Person,
    Other,
}

/// The header a line is, if it is one; `Err` for a header of a table under `person` (or a
/// quoted or spaced spelling of it), which this reading does not split.
fn header(line: &str) -> Option<Result<Header, ()>> {
    let t = line.trim_start_matches('\u{feff}').trim();
    if !t.starts_with('[') {
        return None;
    }
    if let Some(rest) = t.strip_prefix("[[person]]") {
        let rest = rest.trim_start();
        return Some(if rest.is_empty() || rest.starts_with('#') {
            Ok(Header::Person)
        } else {
            Err(())
        });
    }
    // The header's own text, before a comment (a `#` in a quoted key is rare enough to refuse).
    let head = t.split('#').next().unwrap_or(t);
    Some(if head.contains("person") {
        Err(())
    } else {
        Ok(Header::Other)
    })
}

/// Whether a line before the first header sets a root key `person` (in any quoting).
fn root_person_key(line: &str) -> bool {
    let t = line.trim_start_matches('\u{feff}').trim_start();
    ["person", "\"person\"", "'person'"]
        .iter()
        .any(|k| t.starts_with(k))
}

/// The byte ranges of `text` that are whole runs of `[[person]]` tables (each from its header to
/// the next header), cut into pieces of about `chunk` bytes at table boundaries; empty when there
/// are none; `None` when the roster is written in a way this does not split (see the module).
#[cfg(test)]
pub(super) fn person_runs(text: &str, chunk: usize) -> Option<Vec<Range<usize>>> {
    person_tables(text, chunk).map(|(runs, _)| runs)
}

/// [`person_runs`], and how many `[[person]]` tables they hold (the roster's size, to make its
/// vector once: grown by doubling, it would hold half again as much while it is copied).
pub(super) fn person_tables(text: &str, chunk: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let mut tables = 0;
    let mut lexer = Lexer::default();
    let mut runs: Vec<Range<usize>> = Vec::new();
    // The run being gathered: where it starts, and where its current table starts.
    let mut open: Option<usize> = None;
    let mut seen_header = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if !lexer.top_level() {
            lexer.line(line);
            continue;
        }
        match header(line) {
            Some(Err(())) => return None,
            Some(Ok(Header::Person)) => {
                seen_header = true;
                tables += 1;
                match open {
                    Some(s) if start - s >= chunk => {
                        runs.push(s..start);
                        open = Some(start);
                    }
                    Some(_) => {}
                    None => open = Some(start),
                }
            }
            Some(Ok(Header::Other)) => {
                seen_header = true;
                if let Some(s) = open.take() {
                    runs.push(s..start);
                }
            }
            None => {
                if !seen_header && root_person_key(line) {
                    return None;
                }
                lexer.line(line);
            }
        }
    }
    if let Some(s) = open {
        runs.push(s..text.len());
    }
    // A file that ends inside a string or a bracket is broken: read whole, for its syntax error.
    lexer.top_level().then_some((runs, tables))
}

/// `text` with each of `runs` made one comment of the same length (`#`, spaces, and the run's
/// last line end), so that every other byte stays where it is. One comment, not blank lines: the
/// parser holds a token for each line, and a blanked roster cost about ten times its size.
pub(super) fn skeleton(text: &str, runs: &[Range<usize>]) -> Option<String> {
    let mut b = text.as_bytes().to_vec();
    for r in runs {
        let Some(last) = r.end.checked_sub(1).filter(|&l| l >= r.start) else {
            continue;
        };
        let ends_line = b[last] == b'\n';
        b[r.clone()].fill(b' ');
        b[r.start] = b'#';
        if ends_line && last > r.start {
            b[last] = b'\n';
        }
    }
    String::from_utf8(b).ok()
}

fn moved(s: &mut Span, by: usize) {
    s.start += by;
    s.end += by;
}

/// An error found in a piece that starts `by` bytes into the file, moved to its place in the file.
pub(super) fn move_error(e: &mut InputError, by: usize) {
    if let Some(s) = &mut e.span {
        moved(s, by);
    }
    for l in &mut e.labels {
        moved(&mut l.span, by);
    }
}

/// A person read from a piece that starts `by` bytes into the file, moved to its place in the file.
pub(super) fn move_person(p: &mut Person, by: usize) {
    // Every field, so that a field added to `Person` without a line here fails to compile.
    let Person {
        span,
        id,
        name,
        body,
        establishment,
        fiscally_funded,
        title,
        grade,
        rank,
        enforcement_certified,
        upper_post,
        concurrent,
        cs_managed,
        seconded,
    } = p;
    moved(span, by);
    moved(&mut id.span, by);
    moved(&mut body.span, by);
    moved(&mut establishment.span, by);
    moved(&mut fiscally_funded.span, by);
    for s in [name, title, upper_post].into_iter().flatten() {
        moved(&mut s.span, by);
    }
    if let Some(g) = grade {
        moved(&mut g.span, by);
    }
    if let Some(r) = rank {
        moved(&mut r.span, by);
    }
    for b in [enforcement_certified, cs_managed, seconded]
        .into_iter()
        .flatten()
    {
        moved(&mut b.span, by);
    }
    for c in concurrent {
        moved(&mut c.span, by);
    }
}

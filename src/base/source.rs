//! Source files and byte spans.
//!
//! Every value the loader reads keeps the byte range it came from, so a finding can point at the exact
//! TOML that causes it. Lines and columns are computed here, columns in characters (not bytes), because
//! miette's byte columns are wrong after Chinese text.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len()).into()
    }
}

/// A value together with the span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A file given in memory rather than read from a disk (the offline page's files): its text
/// where it is UTF-8, shared with the [`SourceFile`] each check makes of it, so that a file is
/// held once however many checks see it; its bytes otherwise (an input error saying where).
#[derive(Debug, Clone)]
pub enum Given {
    Text(Arc<str>),
    Bytes(Arc<[u8]>),
}

impl Given {
    pub fn new(bytes: Vec<u8>) -> Given {
        match String::from_utf8(bytes) {
            Ok(text) => Given::Text(text.into()),
            Err(e) => Given::Bytes(e.into_bytes().into()),
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Given::Text(t) => t.as_bytes(),
            Given::Bytes(b) => b,
        }
    }

    /// The text, where the file is UTF-8.
    pub fn text(&self) -> Option<&str> {
        match self {
            Given::Text(t) => Some(t),
            Given::Bytes(_) => None,
        }
    }
}

/// One source file: its display path and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to users (forward slashes, relative as given).
    pub path: String,
    pub text: Arc<str>,
    /// Where each line starts, built on first use: most files of a large run never need it.
    line_starts: OnceLock<Vec<usize>>,
    /// The path on disk where `path` cannot say it: a file name that is not UTF-8 (shown with
    /// U+FFFD). What reads the file again (its git baseline) uses it.
    pub os_path: Option<std::path::PathBuf>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            os_path: None,
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// 1-based line and 1-based column in Unicode scalar values for a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// The column in UTF-16 code units (for LSP-style consumers).
    pub fn utf16_col(&self, offset: usize) -> usize {
        let (line, _) = self.line_col(offset);
        let start = self.line_starts()[line - 1];
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.text[start..end].encode_utf16().count() + 1
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// All files of one run: org files and pack files.
///
/// A file's text is either held in memory, or (for the files of a large `check`, see
/// [`Sources::add_on_disk`]) read again from disk when a report asks for it: a run over tens of
/// thousands of files then holds the text of only the few files being reported at a time.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<Slot>,
    /// The disk-backed files whose text is loaded now, oldest first.
    loaded: Mutex<VecDeque<u32>>,
}

#[derive(Debug)]
struct Slot {
    /// The path as shown to users.
    path: String,
    held: Held,
}

#[derive(Debug)]
enum Held {
    Memory(Arc<SourceFile>),
    Disk {
        at: PathBuf,
        cache: Mutex<Option<Arc<SourceFile>>>,
    },
}

/// How many disk-backed texts stay loaded (at least; more with many threads, each of which goes
/// through its own run of files): reports go through findings file by file, and a finding's labels
/// point into at most a file or two more.
const LOADED_AT_ONCE: usize = 16;

fn loaded_at_once() -> usize {
    LOADED_AT_ONCE.max(4 * rayon::current_num_threads())
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(Slot {
            path: file.path.clone(),
            held: Held::Memory(Arc::new(file)),
        });
        FileId((self.files.len() - 1) as u32)
    }

    /// A file whose text is read from `at` when it is needed (and dropped again when other files
    /// have been needed since). A file that can no longer be read has an empty text then.
    pub fn add_on_disk(&mut self, shown: impl Into<String>, at: PathBuf) -> FileId {
        self.files.push(Slot {
            path: shown.into(),
            held: Held::Disk {
                at,
                cache: Mutex::new(None),
            },
        });
        FileId((self.files.len() - 1) as u32)
    }

    /// The path of a file as shown to users.
    pub fn path(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].path
    }

    /// A file with its text.
    pub fn get(&self, id: FileId) -> Arc<SourceFile> {
        let slot = &self.files[id.0 as usize];
        let (at, cache) = match &slot.held {
            Held::Memory(file) => return Arc::clone(file),
            Held::Disk { at, cache } => (at, cache),
        };
        if let Some(file) = lock(cache).as_ref() {
            return Arc::clone(file);
        }
        // Read again as it was first read (through the size and file-type checks); it was valid
        // UTF-8 then, and a file changed since reads as empty rather than as different text.
        let text = crate::base::fs::read_bytes(at)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        let file = Arc::new(SourceFile::new(slot.path.clone(), text));
        *lock(cache) = Some(Arc::clone(&file));
        // No lock is held while another is taken, so threads reporting at once cannot deadlock.
        let evicted: Vec<u32> = {
            let mut loaded = lock(&self.loaded);
            loaded.push_back(id.0);
            let over = loaded.len().saturating_sub(loaded_at_once());
            loaded.drain(..over).collect()
        };
        for k in evicted {
            if let Held::Disk { cache, .. } = &self.files[k as usize].held {
                *lock(cache) = None;
            }
        }
        file
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl Clone for Sources {
    /// The copy holds the same files; disk-backed ones start unloaded.
    fn clone(&self) -> Self {
        let files = self
            .files
            .iter()
            .map(|slot| Slot {
                path: slot.path.clone(),
                held: match &slot.held {
                    Held::Memory(file) => Held::Memory(Arc::clone(file)),
                    Held::Disk { at, .. } => Held::Disk {
                        at: at.clone(),
                        cache: Mutex::new(None),
                    },
                },
            })
            .collect();
        Sources {
            files,
            loaded: Mutex::default(),
        }
    }
}

/// A poisoned lock only means another thread panicked while reporting; the cache is still sound.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("a.toml", "name = \"盛泽镇\"\nx = 1\n");
        let off = f.text.find('x').unwrap();
        assert_eq!(f.line_col(off), (2, 1));
        let q = f.text.rfind('"').unwrap();
        assert_eq!(f.line_col(q), (1, 12));
        assert_eq!(f.utf16_col(q), 12);
    }

    fn is_loaded(sources: &Sources, id: FileId) -> bool {
        match &sources.files[id.0 as usize].held {
            Held::Memory(_) => true,
            Held::Disk { cache, .. } => lock(cache).is_some(),
        }
    }

    #[test]
    fn disk_backed_texts_are_read_when_needed_and_dropped_after() {
        let dir = tempfile::tempdir().unwrap();
        let mut sources = Sources::default();
        let held = sources.add(SourceFile::new("held.toml", "a = 1\n"));
        let ids: Vec<FileId> = (0..loaded_at_once() + 2)
            .map(|k| {
                let at = dir.path().join(format!("{k}.toml"));
                std::fs::write(&at, format!("# file {k}\nid = \"镇{k}\"\n")).unwrap();
                sources.add_on_disk(format!("f/{k}.toml"), at)
            })
            .collect();
        assert!(!is_loaded(&sources, ids[0]));
        assert_eq!(sources.path(ids[3]), "f/3.toml");
        for (k, &id) in ids.iter().enumerate() {
            let file = sources.get(id);
            assert_eq!(file.path, format!("f/{k}.toml"));
            let q = file.text.rfind('"').unwrap();
            assert_eq!(file.line_col(q), (2, 8 + k.to_string().len()));
        }
        // The oldest ones were dropped; the newest are still loaded; held text never goes.
        assert!(!is_loaded(&sources, ids[0]));
        assert!(!is_loaded(&sources, ids[1]));
        assert!(is_loaded(&sources, ids[loaded_at_once() + 1]));
        assert!(is_loaded(&sources, held));
        // Dropped texts come back the same, and a copy reads them for itself.
        assert_eq!(&*sources.get(ids[0]).text, "# file 0\nid = \"镇0\"\n");
        let copy = sources.clone();
        assert!(!is_loaded(&copy, ids[0]));
        assert_eq!(copy.get(ids[5]).text, sources.get(ids[5]).text);
    }

    #[test]
    fn a_file_gone_from_disk_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let mut sources = Sources::default();
        let id = sources.add_on_disk("gone.toml", dir.path().join("gone.toml"));
        let file = sources.get(id);
        assert_eq!(&*file.text, "");
        assert_eq!(file.line_col(10), (1, 1));
    }
}

//! Every file bianzhi reads or writes goes through here.
//!
//! Reading: only regular files, never larger than the limit (`--max-file-size`), opened so that a
//! FIFO or device swapped in at the last moment cannot block the run. Writing: through a fresh
//! temporary file in the target's folder, created exclusively (a planted link is never followed),
//! synced, given the old file's mode (and owner where allowed), then renamed over the target; a
//! link is written through to the file it names; a file whose bytes would not change is not
//! touched.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::base::diag::InputError;
use crate::base::i18n::{common as msg, Text};
use crate::text;

/// The default size limit of one input file: 64 MiB (the largest county file measured is a few
/// hundred KiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// Sets the size limit of input files for this process (`--max-file-size`).
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes.max(1), Ordering::Relaxed);
}

/// The size limit of input files.
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Parses a size: bytes, or a number with `K`, `M`, `G` (powers of 1024; `KiB`, `MB` … accepted).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("expected a size such as 64M or 1G, got `{s}`"))?;
    let mul: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("unknown size unit in `{s}`: use K, M or G")),
    };
    n.checked_mul(mul)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("size `{s}` is out of range"))
}

/// A size for messages: "64 MiB", "1.5 KiB", "12 bytes".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let v = bytes as f64 / size as f64;
            return if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{v:.1} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// What a path that is not a regular file is, for messages.
fn kind_of(ft: &std::fs::FileType) -> Text {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return text!("a FIFO (named pipe)", "命名管道（FIFO）");
        }
        if ft.is_socket() {
            return text!("a socket", "套接字");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return text!("a device", "设备文件");
        }
    }
    if ft.is_dir() {
        return text!("a folder", "文件夹");
    }
    text!("not a regular file", "非普通文件")
}

/// The error that a path which is not a regular file is.
pub fn not_regular(shown: &str, ft: &std::fs::FileType) -> Text {
    let kind = kind_of(ft);
    Text {
        en: format!("{shown} is {}, not a regular file: not read", kind.en),
        zh: format!("{shown} 是{}，不是普通文件：未读取", kind.zh),
    }
}

fn too_large(shown: &str, size: u64) -> Text {
    let limit = human_size(max_file_size());
    let size = human_size(size);
    text!(
        "{shown} is larger than the limit of {limit} ({size}): not read; raise the limit with --max-file-size",
        "{shown} 超过 {limit} 的大小上限（{size}）：未读取；可用 --max-file-size 提高上限"
    )
}

/// Why a file could not be read, as an input error about `shown`.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    NotRegular(std::fs::FileType),
    TooLarge(u64),
}

impl ReadError {
    pub fn message(&self, shown: &str) -> Text {
        match self {
            ReadError::Io(e) => msg::cannot_read(shown, e),
            ReadError::NotRegular(ft) => not_regular(shown, ft),
            ReadError::TooLarge(n) => too_large(shown, *n),
        }
    }

    pub fn into_input_error(self, shown: &str) -> InputError {
        InputError::path(shown, self.message(shown))
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Opens a regular file for reading: anything else (FIFO, device, socket, folder) is refused
/// before it is opened, and again after (on the open handle), so that it never blocks or streams.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(meta.file_type()));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading blocks until a writer comes; non-blocking it returns at once
        // and the check on the handle below refuses it.
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(meta.file_type()));
    }
    Ok((file, meta.len()))
}

/// Reads a whole input file: a regular file no larger than the limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let limit = max_file_size();
    let (file, len) = open_regular(path)?;
    if len > limit {
        return Err(ReadError::TooLarge(len));
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

/// Reads at most `n` bytes from the start of a regular file.
pub fn read_head(path: &Path, n: u64) -> Result<Vec<u8>, ReadError> {
    let (file, _) = open_regular(path)?;
    let mut buf = Vec::with_capacity(n as usize);
    file.take(n).read_to_end(&mut buf)?;
    Ok(buf)
}

/// The file a path names in the end: a symbolic link is followed (repeatedly) to its target, so
/// that writing replaces the target, not the link. A dangling link gives its target path.
pub fn resolve_links(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&p) {
                Ok(target) => {
                    p = match p.parent() {
                        Some(dir) if target.is_relative() => dir.join(target),
                        _ => target,
                    };
                }
                Err(_) => return p,
            },
            _ => return p,
        }
    }
    p
}

/// Whether two paths name the same existing file (through links, `..` and hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
        false
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// The files a run reads, as far as they can be known before it runs: the org files found under
/// `paths` and the pack files named by `packs`.
pub fn inputs_of(paths: &[PathBuf], packs: &[String]) -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = discover(paths).found.into_iter().map(|f| f.path).collect();
    inputs.extend(packs.iter().map(PathBuf::from).filter(|p| p.is_file()));
    inputs
}

/// Refuses an output path (`-o`, `--output`) that names one of `inputs`: a report written over an
/// org file or pack would destroy what the user wrote.
pub fn refuse_input_as_output(out: &Path, inputs: &[PathBuf]) -> Result<(), Text> {
    let target = resolve_links(out);
    if std::fs::metadata(&target).is_ok() && inputs.iter().any(|i| same_file(&target, i)) {
        let shown = display_path(out);
        return Err(text!(
            "{shown} is one of the input files: not overwritten; write the output elsewhere",
            "{shown} 是输入文件之一：不覆盖；请将输出写到别处"
        ));
    }
    Ok(())
}

/// Writes an output file of any command ([`write_atomic`]), the error said as users see it.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Text> {
    write_atomic(path, bytes).map_err(|e| {
        let shown = display_path(path);
        text!("cannot write {shown}: {e}", "无法写入 {shown}：{e}")
    })
}

/// Writes `bytes` to `path` atomically: every command's `-o`/`--output` and `import` write this
/// way. Missing folders are created. The old file (the target of a link, if `path` is one) keeps
/// its mode and, where the system allows, its owner; when its bytes equal `bytes` it is left
/// untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = resolve_links(path);
    let old = std::fs::metadata(&target).ok();
    if let Some(m) = &old {
        if m.is_dir() {
            return Err(std::io::Error::other(format!(
                "{} is a folder",
                target.display()
            )));
        }
        if !m.is_file() {
            return Err(std::io::Error::other(format!(
                "{} is not a regular file",
                target.display()
            )));
        }
        if m.len() == bytes.len() as u64 {
            if let Ok(current) = read_bytes(&target) {
                if current == bytes {
                    return Ok(());
                }
            }
        }
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let (tmp, mut file) = create_temp(&dir, &name)?;
    let done = (|| {
        file.write_all(bytes)?;
        if let Some(m) = &old {
            keep_mode_and_owner(&file, m)?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &target)?;
        // The rename is durable once the folder is synced; not every system can sync a folder.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// A new temporary file in `dir`, created exclusively: an existing file or link of that name makes
/// it try another name, never open what is there.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    use std::sync::atomic::AtomicU32;
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let pid = std::process::id();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.bianzhi-{pid}-{nanos:x}-{n}.tmp"));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&tmp) {
            Ok(f) => {
                #[cfg(unix)]
                {
                    // A new file gets the usual mode (0666 less the umask), set once written.
                    use std::os::unix::fs::PermissionsExt;
                    let umask = current_umask();
                    f.set_permissions(std::fs::Permissions::from_mode(0o666 & !umask))?;
                }
                return Ok((tmp, f));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("cannot create a temporary file")))
}

#[cfg(unix)]
fn current_umask() -> u32 {
    // umask can only be read by setting it; set it straight back. Done once per process.
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        // SAFETY: umask has no memory effects; the value is restored at once.
        let old = unsafe { libc::umask(0o022) };
        unsafe { libc::umask(old) };
        old as u32
    })
}

fn keep_mode_and_owner(file: &std::fs::File, old: &std::fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(old.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let new = file.metadata()?;
        if new.uid() != old.uid() || new.gid() != old.gid() {
            // Only root may give a file away; a user keeps the group where they belong to it.
            // Failing here is not an error: the mode is kept, the owner is the writer.
            let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()))
                .or_else(|_| std::os::unix::fs::fchown(file, None, Some(old.gid())));
        }
    }
    Ok(())
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
                walk(p, roots.len(), &mut found, &mut errors, &mut links);
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
    let bytes = read_bytes(path).map_err(|e| Box::new(e.into_input_error(shown)))?;
    String::from_utf8(bytes).map_err(|e| {
        // Point at the first bad byte: the text before it is valid, so its line and column are known.
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        let line = prefix.matches('\n').count() + 1;
        let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Box::new(InputError::path(shown, msg::not_utf8_at(line, col)).with_line_col(line, col))
    })
}

/// Collects the `*.toml` files under `dir`; `links` is set when a symbolic link was met.
fn walk(
    dir: &Path,
    root: usize,
    found: &mut Vec<Found>,
    errors: &mut Vec<InputError>,
    links: &mut bool,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let shown = display_path(dir);
            errors.push(InputError::path(&shown, msg::cannot_read(&shown, &e)));
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
        *links |= kind.is_symlink();
        if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            walk(&path, root, found, errors, links);
        } else if name.ends_with(".toml") {
            found.push(Found {
                shown: display_path(&path),
                path,
                root: Some(root),
            });
        }
    }
}

/// A path as shown to users: as given, with forward slashes and without a leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12X").is_err());
        assert_eq!(human_size(64 << 20), "64 MiB");
    }

    #[test]
    fn an_unchanged_file_is_not_rewritten_and_a_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        std::fs::write(&real, "a").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink("real.toml", &link).unwrap();
            write_atomic(&link, b"b").unwrap();
            assert!(std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(std::fs::read(&real).unwrap(), b"b");
        }
        let before = std::fs::metadata(&real).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_atomic(&real, &std::fs::read(&real).unwrap()).unwrap();
        assert_eq!(
            std::fs::metadata(&real).unwrap().modified().unwrap(),
            before
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), if cfg!(unix) { 2 } else { 1 });
    }

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

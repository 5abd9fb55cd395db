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

pub fn too_large(shown: &str, size: u64) -> Text {
    let limit = human_size(max_file_size());
    let size = human_size(size);
    if crate::base::i18n::on_page() {
        return crate::base::i18n::page::too_large(shown, &limit, &size);
    }
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

/// Refuses an output path (`-o`, `--output`) that names one of `inputs`: a report written over an
/// org file or pack would destroy what the user wrote.
pub fn refuse_input_as_output(out: &Path, inputs: &[PathBuf]) -> Result<(), Text> {
    let target = resolve_links(out);
    if std::fs::metadata(&target).is_ok_and(|m| m.is_file() && is_standard_stream(&m)) {
        let shown = display_path(out);
        return Err(text!(
            "{shown} is where standard output or error goes: a file put in its place would lose the redirection; leave out the output option and redirect instead",
            "{shown} 是标准输出或标准错误所写入的文件：以新文件替换会使重定向失效；请去掉输出选项，改用重定向"
        ));
    }
    if std::fs::metadata(&target).is_ok() && inputs.iter().any(|i| same_file(&target, i)) {
        let shown = display_path(out);
        return Err(text!(
            "{shown} is one of the input files: not overwritten; write the output elsewhere",
            "{shown} 是输入文件之一：不覆盖；请将输出写到别处"
        ));
    }
    Ok(())
}

/// What a file held when it was read, to write over it only if it still holds that: another
/// `import` that wrote in between, or the file replaced by a symbolic link, makes the write
/// refused instead of losing an update or writing through the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadStamp {
    len: usize,
    hash: u64,
    /// The path was a symbolic link when it was read.
    link: bool,
}

impl ReadStamp {
    /// The stamp of `bytes`, read from `path` just now.
    pub fn of(path: &Path, bytes: &[u8]) -> ReadStamp {
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        ReadStamp {
            link,
            ..ReadStamp::given(bytes)
        }
    }

    /// The stamp of bytes given by the caller (the page), not read from a path.
    pub fn given(bytes: &[u8]) -> ReadStamp {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        ReadStamp {
            len: bytes.len(),
            hash: h.finish(),
            link: false,
        }
    }
}

/// [`write_output`] over a file read before: refused where the file is read-only, was replaced
/// by a symbolic link, or no longer holds what was read (another writer came first).
pub fn write_output_over(path: &Path, read: ReadStamp, bytes: &[u8]) -> Result<(), Text> {
    let shown = display_path(path);
    let now = std::fs::symlink_metadata(path).map_err(|e| write_error(path, &e))?;
    if now.file_type().is_symlink() && !read.link {
        return Err(text!(
            "{shown} was replaced by a symbolic link after it was read: not written; run the command again",
            "{shown} 在读取后被替换为符号链接：未写入；请重新运行该命令"
        ));
    }
    let target = std::fs::metadata(path).map_err(|e| write_error(path, &e))?;
    if target.permissions().readonly() {
        return Err(text!(
            "{shown} is read-only: not replaced; make it writable first if it is to be changed",
            "{shown} 为只读文件：未替换；如需修改，请先取消只读"
        ));
    }
    let current = read_bytes(path).map_err(|e| e.message(&shown))?;
    if ReadStamp::of(path, &current) != read {
        return Err(text!(
            "{shown} changed after it was read (another import, or an editor): not written, so that nothing is lost; run the command again",
            "{shown} 在读取后已被修改（另一次导入或编辑器）：未写入，以免覆盖他人的修改；请重新运行该命令"
        ));
    }
    write_output(path, bytes)
}

/// Writes an output file of any command ([`write_atomic`]), the error said as users see it.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Text> {
    write_atomic(path, bytes).map_err(|e| write_error(path, &e))
}

/// A failed write as users are told it: the file, and why. A folder the temporary file could not
/// be created in is named as the reason, since the target itself may well be writable.
pub fn write_error(path: &Path, e: &std::io::Error) -> Text {
    let shown = display_path(path);
    match e
        .get_ref()
        .and_then(|r| r.downcast_ref::<FolderNotWritable>())
    {
        Some(FolderNotWritable(dir)) => msg::folder_not_writable(&shown, &display_path(dir)),
        None => msg::cannot_write(&shown, e),
    }
}

/// The folder a temporary file was to be created in refused it (permissions, a read-only file
/// system): the reason [`write_error`] gives.
#[derive(Debug)]
struct FolderNotWritable(PathBuf);

impl std::fmt::Display for FolderNotWritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the folder {} is not writable", display_path(&self.0))
    }
}

impl std::error::Error for FolderNotWritable {}

/// [`write_output`] of what `write` writes as it goes ([`write_atomic_with`]): a report of a
/// million findings is never held as one string.
pub fn write_output_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Text> {
    write_atomic_with(path, write).map_err(|e| write_error(path, &e))
}

/// Writes `bytes` to `path` atomically: every command's `-o`/`--output` and `import` write this
/// way. Missing folders are created. The old file (the target of a link, if `path` is one) keeps
/// its mode and, where the system allows, its owner; when its bytes equal `bytes` it is left
/// untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (target, old) = output_target(path)?;
    if let Some(m) = &old {
        if m.len() == bytes.len() as u64 {
            if let Ok(current) = read_bytes(&target) {
                if current == bytes {
                    return Ok(());
                }
            }
        }
    }
    replace(&target, old.as_ref(), &mut |w| w.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes as it goes, with the same guarantees: the file is
/// replaced at once when everything was written, and left untouched when its bytes are the same.
pub fn write_atomic_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let (target, old) = output_target(path)?;
    replace(&target, old.as_ref(), write)
}

/// The file an output path writes to (the target of a link), and its metadata if it exists; a
/// folder or anything but a regular file is refused.
fn output_target(path: &Path) -> std::io::Result<(PathBuf, Option<std::fs::Metadata>)> {
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
        // `-o /dev/stdout` with standard output redirected to a file: a rename would put a new
        // file in its place and the shell's would be lost. Refused, as the shell does better.
        if is_standard_stream(m) {
            return Err(std::io::Error::other(format!(
                "{} is where standard output or error goes: leave out the output option and redirect instead",
                path.display()
            )));
        }
    }
    Ok((target, old))
}

/// Whether `m` is the file standard output or standard error is written to.
fn is_standard_stream(m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let same = |fd: std::os::fd::BorrowedFd<'_>| {
            fd.try_clone_to_owned()
                .map(std::fs::File::from)
                .and_then(|f| f.metadata())
                .is_ok_and(|s| s.dev() == m.dev() && s.ino() == m.ino())
        };
        same(std::io::stdout().as_fd()) || same(std::io::stderr().as_fd())
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        false
    }
}

/// Writes a fresh temporary file beside `target` and renames it over `target`, keeping the old
/// file's mode and owner; an old file with the same bytes is left as it is.
fn replace(
    target: &Path,
    old: Option<&std::fs::Metadata>,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::PermissionDenied || e.raw_os_error() == Some(EROFS) {
            // The folder that refused is the nearest one that exists.
            let refusing = dir.ancestors().find(|a| a.is_dir()).unwrap_or(&dir);
            std::io::Error::new(e.kind(), FolderNotWritable(refusing.to_path_buf()))
        } else {
            e
        }
    })?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let (pending, file) = create_temp(&dir, &name).map_err(|e| {
        let refused =
            e.kind() == std::io::ErrorKind::PermissionDenied || e.raw_os_error() == Some(EROFS);
        if refused {
            std::io::Error::new(e.kind(), FolderNotWritable(dir.clone()))
        } else {
            e
        }
    })?;
    let tmp = pending.0.clone();
    let done = (|| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out)?;
        let file = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        if let Some(m) = old {
            if m.len() == file.metadata()?.len() && same_bytes(&tmp, target)? {
                drop(file);
                let _ = std::fs::remove_file(&tmp);
                return Ok(());
            }
            keep_mode_and_owner(&file, m)?;
        } else {
            #[cfg(unix)]
            {
                // A new file gets the usual mode (0666 less the umask), once written.
                use std::os::unix::fs::PermissionsExt;
                let umask = current_umask();
                file.set_permissions(std::fs::Permissions::from_mode(0o666 & !umask))?;
            }
        }
        file.sync_all()?;
        drop(file);
        pending.rename_to(target)?;
        // The rename is durable once the folder is synced; not every system can sync a folder.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    drop(pending);
    done
}

/// "Read-only file system": a folder that cannot take a new file whatever its mode.
#[cfg(unix)]
const EROFS: i32 = libc::EROFS;
#[cfg(not(unix))]
const EROFS: i32 = 30;

/// The temporary files being written now: what SIGINT, SIGTERM or SIGHUP removes before the
/// process ends ([`remove_temporaries_on_signal`]), so that an interrupted write leaves neither a
/// partial output nor a 0600 copy of a roster behind.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A temporary file listed in [`PENDING`] while it exists under its temporary name: listed by
/// [`create_temp`] as it is created, under the list's lock, so that no signal finds it made and
/// not yet listed.
struct Pending(PathBuf);

impl Pending {
    /// Renames the file over `target` and takes it off the list in one step as the signal thread
    /// sees it: it either removes the temporary file before the rename (which then fails, and
    /// the process is ending) or finds the file already renamed, never a finished output.
    fn rename_to(&self, target: &Path) -> std::io::Result<()> {
        let mut list = pending();
        std::fs::rename(&self.0, target)?;
        list.retain(|p| p != &self.0);
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        pending().retain(|p| p != &self.0);
    }
}

/// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files being written before the process
/// ends, as it would have without this (the shell still sees the signal: 130, 143). Called first
/// thing in `main`, before any other thread exists: the signals are blocked in every thread and
/// taken by one thread of their own with `sigwait`, where removing files is safe (a signal
/// handler may not take a lock or allocate). Children (`git`) start with no signal blocked:
/// the standard library clears the mask when it spawns them.
pub fn remove_temporaries_on_signal() {
    #[cfg(unix)]
    // SAFETY: sigset_t is plain data initialised by sigemptyset; the calls only read the set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, sig);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .stack_size(64 * 1024)
            .spawn(move || loop {
                let mut sig: libc::c_int = 0;
                if libc::sigwait(&set, &mut sig) != 0 {
                    continue;
                }
                // Kept locked: no write finishes its rename after this.
                let list = pending();
                for tmp in list.iter() {
                    let _ = std::fs::remove_file(tmp);
                }
                std::mem::forget(list);
                libc::signal(sig, libc::SIG_DFL);
                let mut one: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut one);
                libc::sigaddset(&mut one, sig);
                libc::pthread_sigmask(libc::SIG_UNBLOCK, &one, std::ptr::null_mut());
                libc::raise(sig);
                std::process::exit(128 + sig);
            });
        if spawned.is_err() {
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        }
    }
}

/// An exclusive advisory lock (`flock`) on a file that is read and then written back (`import
/// --write`), held until it is dropped: a second import into the same file waits for the first
/// and reads what it wrote, so neither update is lost. Editors take no such lock; the
/// [`ReadStamp`] check still refuses a file they changed.
pub struct UpdateLock {
    _file: Option<std::fs::File>,
}

/// How long [`lock_for_update`] waits for another import to finish.
pub const UPDATE_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Takes the [`UpdateLock`] of `path` (the file a link names), waiting up to
/// [`UPDATE_LOCK_WAIT`]. A file that cannot be opened is not locked: reading it says why. A
/// file system without locks is not locked either; the [`ReadStamp`] check remains.
pub fn lock_for_update(path: &Path) -> Result<UpdateLock, Text> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::MetadataExt;
        let start = std::time::Instant::now();
        loop {
            let Ok((file, _)) = open_regular(path) else {
                return Ok(UpdateLock { _file: None });
            };
            // SAFETY: flock on a descriptor this function owns.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::WouldBlock {
                    return Ok(UpdateLock { _file: None });
                }
                if start.elapsed() >= UPDATE_LOCK_WAIT {
                    return Err(msg::being_updated(&display_path(path)));
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
                continue;
            }
            // The import that held the lock renamed a new file over the path: lock that one.
            let held = file.metadata();
            let now = std::fs::metadata(path);
            if let (Ok(a), Ok(b)) = (held, now) {
                if a.dev() == b.dev() && a.ino() == b.ino() {
                    return Ok(UpdateLock { _file: Some(file) });
                }
            } else {
                return Ok(UpdateLock { _file: None });
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(UpdateLock { _file: None })
    }
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    let (mut a, mut b) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut x, mut y) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = read_full(&mut a, &mut x)?;
        let m = read_full(&mut b, &mut y)?;
        if n != m || x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Reads until `buf` is full or the file ends.
fn read_full(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// A new temporary file in `dir`, created exclusively: an existing file or link of that name makes
/// it try another name, never open what is there.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(Pending, std::fs::File)> {
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
        // Created and listed in one step as the signal thread sees it.
        let mut list = pending();
        match opts.open(&tmp) {
            // 0600 while it is written: what it will replace may be a roster only its owner reads.
            Ok(f) => {
                list.push(tmp.clone());
                return Ok((Pending(tmp), f));
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

/// A path as shown to users: as given, with forward slashes and without a leading `./`.
pub fn display_path(p: &Path) -> String {
    // Paths are shown with `/` on every system; on Unix a backslash is a character of a file
    // name, not a separator: `orgs\hq.toml` is not `orgs/hq.toml`.
    let s = p.to_string_lossy();
    let s = if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    };
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {

    /// Issue 20, item 1: the temporary file is 0600 from its first byte, whatever it replaces.
    #[cfg(unix)]
    #[test]
    fn a_temporary_file_is_private_from_its_first_byte() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (tmp, f) = create_temp(dir.path(), "roster.toml").unwrap();
        let tmp = tmp.0.clone();
        assert_eq!(f.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        drop(f);
        std::fs::remove_file(tmp).unwrap();
        // A new file still gets the usual mode once written.
        let new = dir.path().join("new.toml");
        write_atomic(&new, b"x").unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !current_umask());
    }

    /// Issue 20, item 1: a file written over what was read refuses when another writer came
    /// first, when a link was planted in its place, and when it is read-only.
    #[cfg(unix)]
    #[test]
    fn a_write_over_what_was_read_refuses_what_changed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let org = dir.path().join("org.toml");
        std::fs::write(&org, b"old").unwrap();
        let read = ReadStamp::of(&org, b"old");
        // Another import wrote first.
        std::fs::write(&org, b"theirs").unwrap();
        assert!(write_output_over(&org, read, b"mine").is_err());
        assert_eq!(std::fs::read(&org).unwrap(), b"theirs");
        // Unchanged: written.
        let read = ReadStamp::of(&org, b"theirs");
        write_output_over(&org, read, b"mine").unwrap();
        assert_eq!(std::fs::read(&org).unwrap(), b"mine");
        // Replaced by a link to another file holding the same bytes.
        let elsewhere = dir.path().join("elsewhere.toml");
        std::fs::write(&elsewhere, b"mine").unwrap();
        let read = ReadStamp::of(&org, b"mine");
        std::fs::remove_file(&org).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &org).unwrap();
        assert!(write_output_over(&org, read, b"new").is_err());
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"mine");
        // Read-only.
        std::fs::remove_file(&org).unwrap();
        std::fs::write(&org, b"ro").unwrap();
        std::fs::set_permissions(&org, std::fs::Permissions::from_mode(0o444)).unwrap();
        let read = ReadStamp::of(&org, b"ro");
        let e = write_output_over(&org, read, b"new").unwrap_err();
        assert!(e.en.contains("read-only"), "{}", e.en);
        assert_eq!(std::fs::read(&org).unwrap(), b"ro");
    }

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
}

//! Reading a file as it was at a git revision, through the `git` command.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::base::i18n::Text;
use crate::text;

fn run<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> Result<std::process::Output, Text> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| text!("cannot run git: {e}", "无法运行 git：{e}"))
}

fn stderr_line(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Runs `git ARGS --end-of-options OBJECT` in `dir`.
fn on_object(
    dir: &Path,
    args: &[&str],
    object: &std::ffi::OsStr,
) -> Result<std::process::Output, Text> {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push("--end-of-options".as_ref());
    all.push(object);
    run(dir, &all)
}

/// `{rev}:{prefix}{name}` as git reads it: the name's own bytes on Unix, so that a file name that
/// is not UTF-8 names the same file at the revision.
fn object_spec(rev: &str, prefix: &[u8], name: &std::ffi::OsStr) -> std::ffi::OsString {
    let mut spec = std::ffi::OsString::from(format!("{rev}:"));
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        spec.push(std::ffi::OsStr::from_bytes(prefix));
    }
    #[cfg(not(unix))]
    spec.push(String::from_utf8_lossy(prefix).as_ref());
    spec.push(name);
    spec
}

/// Why git cannot compare with `rev` in the repository `dir` lies in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevProblem {
    /// `dir` is in no repository.
    NoRepository,
    /// The repository (its top folder) has no such commit.
    Unknown { top: String },
    /// git could not be run, or refused (its own words).
    Git(Text),
}

/// Whether `rev` names a commit of the repository `dir` lies in: asked once, before any file is
/// compared, for a revision the project file gives.
pub fn verify_rev(dir: &Path, rev: &str) -> Result<(), RevProblem> {
    let top = run(dir, &["rev-parse", "--show-toplevel"]).map_err(RevProblem::Git)?;
    if !top.status.success() {
        let why = stderr_line(&top);
        return Err(if why.is_empty() || why.contains("not a git repository") {
            RevProblem::NoRepository
        } else {
            RevProblem::Git(Text::same(why))
        });
    }
    let top = String::from_utf8_lossy(&top.stdout).trim().to_string();
    let spec = format!("{rev}^{{commit}}");
    let out = run(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    .map_err(RevProblem::Git)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(RevProblem::Unknown { top })
    }
}

/// The text of `path` (as the user gave it) at revision `rev` of the repository it lies in;
/// `None` when the file did not exist at that revision. `named` is how the user gave the
/// revision (`--baseline-rev main`, or the project file's `[baseline] rev`): each error begins
/// with it.
pub fn show_at_rev(
    path: &Path,
    rev: &str,
    named: &Text,
    verified: &mut BTreeMap<String, bool>,
) -> Result<Option<String>, Text> {
    let (we, wz) = (&named.en, &named.zh);
    let shown = crate::base::fs::display_path(path);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let Some(name) = path.file_name() else {
        return Err(text!("{shown} is not a file", "{shown} 不是文件"));
    };
    let top = run(&dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        // git's own reason: "not a git repository", or a repository it refuses for its owner
        // ("detected dubious ownership"), whose fix (`safe.directory`) it names.
        let why = stderr_line(&top);
        if why.is_empty() || why.contains("not a git repository") {
            return Err(text!(
                "{we}: {shown} is not in a git repository",
                "{wz}：{shown} 不在 git 仓库中"
            ));
        }
        let hint = if why.contains("dubious ownership") {
            text!(
                "; git refuses a repository owned by another user: if you trust it, run `git config --global --add safe.directory <the repository's folder>`",
                "；git 拒绝读取其他用户拥有的仓库：如信任该仓库，请运行 `git config --global --add safe.directory <仓库所在文件夹>`"
            )
        } else {
            text!("", "")
        };
        let (h_en, h_zh) = (hint.en, hint.zh);
        return Err(text!(
            "{we}: {shown} could not be read from git: {why}{h_en}",
            "{wz}：无法从 git 读取 {shown}：{why}{h_zh}"
        ));
    }
    let top = String::from_utf8_lossy(&top.stdout).trim().to_string();
    let ok = match verified.get(&top) {
        Some(&ok) => ok,
        None => {
            let spec = format!("{rev}^{{commit}}");
            let out = run(
                &dir,
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    "--end-of-options",
                    &spec,
                ],
            )?;
            let ok = out.status.success();
            verified.insert(top.clone(), ok);
            ok
        }
    };
    if !ok {
        return Err(text!(
            "{we}: no such revision in the git repository at {top}",
            "{wz}：git 仓库 {top} 中没有这个版本"
        ));
    }
    let prefix = run(&dir, &["rev-parse", "--show-prefix"])?;
    if !prefix.status.success() {
        let why = stderr_line(&prefix);
        return Err(text!(
            "{we}: cannot locate {shown} in its repository: {why}",
            "{wz}：无法确定 {shown} 在仓库中的位置：{why}"
        ));
    }
    let prefix = prefix.stdout.trim_ascii();
    let rel = format!(
        "{}{}",
        String::from_utf8_lossy(prefix),
        name.to_string_lossy()
    );
    let object = object_spec(rev, prefix, name);
    // Its size, asked before it is read (the same size limit as every input); git's refusal means
    // the file did not exist at that revision.
    let size = on_object(&dir, &["cat-file", "-s"], &object)?;
    if !size.status.success() {
        return Ok(None);
    }
    let size: u64 = String::from_utf8_lossy(&size.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    let limit = crate::base::fs::max_file_size();
    if size > limit {
        return Err(text!(
            "{we}: {rel} at revision {rev} is {size} bytes, more than the limit of {limit} bytes (--max-file-size)",
            "{wz}：版本 {rev} 中的 {rel} 有 {size} 字节，超过 {limit} 字节的上限（--max-file-size）"
        ));
    }
    let out = on_object(&dir, &["show"], &object)?;
    if !out.status.success() {
        return Err(text!(
            "{we}: {rel} does not exist at revision {rev}",
            "{wz}：版本 {rev} 中没有 {rel}"
        ));
    }
    String::from_utf8(out.stdout).map(Some).map_err(|_| {
        text!(
            "{we}: {rel} at revision {rev} is not valid UTF-8 text",
            "{wz}：版本 {rev} 中的 {rel} 不是有效的 UTF-8 文本"
        )
    })
}

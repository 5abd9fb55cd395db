//! Reading a file as it was at a git revision, through the `git` command.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::base::i18n::Text;
use crate::text;

fn run(dir: &Path, args: &[&str]) -> Result<std::process::Output, Text> {
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

/// The text of `path` (as the user gave it) at revision `rev` of the repository it lies in;
/// `None` when the file did not exist at that revision.
pub fn show_at_rev(
    path: &Path,
    rev: &str,
    verified: &mut BTreeMap<String, bool>,
) -> Result<Option<String>, Text> {
    let shown = crate::base::fs::display_path(path);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(text!("{shown} is not a file", "{shown} 不是文件"));
    };
    let top = run(&dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(text!(
            "--baseline-rev {rev}: {shown} is not in a git repository",
            "--baseline-rev {rev}：{shown} 不在 git 仓库中"
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
            "--baseline-rev {rev}: no such revision in the git repository at {top}",
            "--baseline-rev {rev}：git 仓库 {top} 中没有这个版本"
        ));
    }
    let prefix = run(&dir, &["rev-parse", "--show-prefix"])?;
    if !prefix.status.success() {
        let why = stderr_line(&prefix);
        return Err(text!(
            "--baseline-rev {rev}: cannot locate {shown} in its repository: {why}",
            "--baseline-rev {rev}：无法确定 {shown} 在仓库中的位置：{why}"
        ));
    }
    let prefix = String::from_utf8_lossy(&prefix.stdout).trim().to_string();
    let rel = format!("{prefix}{name}");
    let object = format!("{rev}:{rel}");
    let exists = run(&dir, &["cat-file", "-e", "--end-of-options", &object])?;
    if !exists.status.success() {
        return Ok(None);
    }
    let out = run(&dir, &["show", "--end-of-options", &object])?;
    if !out.status.success() {
        return Err(text!(
            "--baseline-rev {rev}: {rel} does not exist at revision {rev}",
            "--baseline-rev {rev}：版本 {rev} 中没有 {rel}"
        ));
    }
    String::from_utf8(out.stdout).map(Some).map_err(|_| {
        text!(
            "--baseline-rev {rev}: {rel} at revision {rev} is not valid UTF-8 text",
            "--baseline-rev {rev}：版本 {rev} 中的 {rel} 不是有效的 UTF-8 文本"
        )
    })
}

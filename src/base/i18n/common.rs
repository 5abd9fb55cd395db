//! Messages shared by the pack reader and the command line.

use crate::base::i18n::Text;
use crate::text;

/// A wrong type in a pack: the loader's type names (`super::msg::toml_type`), so that a float is
/// 小数 in both.
pub fn wrong_type(expected: &str, found: &str) -> Text {
    let (e, f) = (
        super::msg::toml_type(expected),
        super::msg::toml_type(found),
    );
    let (ee, fe, ez, fz) = (&e.en, &f.en, &e.zh, &f.zh);
    text!("expected {ee}, found {fe}", "应为{ez}，实为{fz}")
}

pub use super::msg::{did_you_mean, unknown_key};

pub fn not_utf8() -> Text {
    text!(
        "the file is not valid UTF-8 text",
        "文件不是有效的 UTF-8 文本"
    )
}

pub fn cannot_read(path: &str, err: &std::io::Error) -> Text {
    if err.kind() == std::io::ErrorKind::NotFound {
        text!(
            "no such file or folder: {path}",
            "文件或文件夹不存在：{path}"
        )
    } else {
        text!("cannot read {path}: {err}", "无法读取 {path}：{err}")
    }
}

/// A file that could not be written: the one wording of every command's `-o`, `--output`, `init`,
/// `import` and `schema --output`.
pub fn cannot_write(path: &str, err: &dyn std::fmt::Display) -> Text {
    text!("cannot write {path}: {err}", "无法写入 {path}：{err}")
}

/// A document that could not be made, and the part of its package (a zip entry such as
/// `word/document.xml`) that failed.
pub fn cannot_write_part(path: &str, part: &str, err: &dyn std::fmt::Display) -> Text {
    text!(
        "cannot write {path}: the part {part} of the package failed: {err}",
        "无法写入 {path}：包内部件 {part} 出错：{err}"
    )
}

/// A workbook that could not be made because of one of its sheets.
pub fn cannot_write_sheet(path: &str, sheet: &str, err: &dyn std::fmt::Display) -> Text {
    text!(
        "cannot write {path}: the sheet {sheet} failed: {err}",
        "无法写入 {path}：工作表 {sheet} 出错：{err}"
    )
}

/// A write refused by the folder it goes to: the temporary file written first could not be
/// created there.
pub fn folder_not_writable(path: &str, dir: &str) -> Text {
    text!(
        "cannot write {path}: the folder {dir} is not writable (the file is written there first under a temporary name); make the folder writable or write elsewhere",
        "无法写入 {path}：文件夹 {dir} 不可写（文件须先以临时名称写入该文件夹）；请使该文件夹可写，或写到别处"
    )
}

/// Another `import` held the file's lock for longer than bianzhi waits.
pub fn being_updated(path: &str) -> Text {
    text!(
        "{path} is being written by another bianzhi import that has not finished: not written; run the command again when it has",
        "{path} 正由另一次 bianzhi 导入写入，尚未完成：未写入；请待其完成后重新运行该命令"
    )
}

pub fn not_utf8_at(line: usize, col: usize) -> Text {
    text!(
        "the file is not valid UTF-8 text: bad byte at line {line}, column {col}",
        "文件不是有效的 UTF-8 文本：第 {line} 行第 {col} 列有无效字节"
    )
}

pub fn no_org_files(path: &str) -> Text {
    text!(
        "no org files found in {path}: an org file is a .toml file with a [unit] table",
        "{path} 中没有找到组织文件：组织文件是含 [unit] 表的 .toml 文件"
    )
}

/// The candidate closest to `word`, when it is close enough to be a likely typo rather than another
/// word: within max(2, len/3) edits, and fewer edits than the word is long. The one place
/// "did you mean" hints come from (the loader, packs, references, the command line).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|&(d, _)| d <= limit && d < len)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// The name closest to `v`, where it is close: a character or two off for a long name, one
/// for a short one (宣传办 is not 党政办), or `v` shortened or lengthened keeping at least half of
/// it (党政办 for 党政办公室, 综合执法局 for 综合行政执法局). Chinese names are short, so the
/// allowance of [`closest`] (two edits of three characters) is too wide.
pub fn closest_name<'n>(v: &str, names: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    fn within(short: &str, long: &str) -> bool {
        let mut long = long.chars();
        short.chars().all(|c| long.any(|l| l == c))
    }
    let len = |s: &str| s.chars().count();
    names
        .filter_map(|n| {
            let d = levenshtein(v, n);
            let (short, long) = if len(v) <= len(n) { (v, n) } else { (n, v) };
            let typo = d <= (len(short) / 3).max(1) && d < len(short);
            let shortened = len(short) >= 2 && 2 * len(short) >= len(long) && within(short, long);
            (typo || shortened).then_some((d, n))
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n)
}

/// Edit distance in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("nmae", ["name", "kind"]), Some("name"));
        assert_eq!(closest("zzzz", ["name", "kind"]), None);
    }
}

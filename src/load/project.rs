//! The project file, `bianzhi.toml`: a repository's defaults for the command line (rule packs,
//! language, the org files to check, `deny`, the baseline, the issuing office), found upward from
//! the working folder as ruff finds its configuration. Its keys are declared once, in
//! [`PROJECT_FILE`]: the reader below, its "did you mean" and the JSON Schema come from there.
//! A flag given on the command line overrides the file.

use std::path::{Path, PathBuf};

use toml::de::DeTable;

use super::decl::{d, opt, Catalog, Doc, Table, Ty};
use super::reader::{Choice, Cx, Tbl};
use crate::base::diag::InputError;
use crate::base::i18n::{msg, Lang};
use crate::base::source::{FileId, SourceFile, Span};

/// The project file's name.
pub const PROJECT_FILE_NAME: &str = "bianzhi.toml";

pub static LANG: Catalog = Catalog {
    name: "ProjectLang",
    doc: d(
        "Language of messages and reports: zh (Chinese) or en (English).",
        "消息和报告的语言：zh（中文）或 en（英文）。",
    ),
    values: || vec!["zh", "en"],
};

pub static DENY: Catalog = Catalog {
    name: "ProjectDeny",
    doc: d(
        "`warnings`: warnings fail the check (exit 1), as `--deny warnings`.",
        "`warnings`：有警告即不通过（退出码 1），同 `--deny warnings`。",
    ),
    values: || vec!["warnings"],
};

/// The document root.
pub static PROJECT_FILE: Table = Table {
    name: "bianzhi project file",
    doc: Doc {
        en: "bianzhi.toml: the repository's defaults for bianzhi's commands, found upward from the working folder. A flag on the command line overrides the file. Paths are relative to this file.",
        zh: "bianzhi.toml：本仓库 bianzhi 各命令的默认设置，从当前文件夹向上查找。命令行参数优先于本文件。路径相对于本文件所在文件夹。",
    },
    keys: &[
        opt(
            "rules",
            Ty::Strings,
            d(
                "Rule packs in force when `--rules` is not given: built-in ids (`national`, `jiangsu-2017`) or pack files, layered in order.",
                "未给出 `--rules` 时生效的规则包：内置规则包 id（`national`、`jiangsu-2017`）或规则包文件，按顺序叠加。",
            ),
        ),
        opt("lang", Ty::Choice(&LANG), None),
        opt(
            "paths",
            Ty::Strings,
            d(
                "Org files and folders `check` and `report` read when none are named (default: `orgs`).",
                "`check` 和 `report` 未指定文件时读取的组织文件和文件夹（默认 `orgs`）。",
            ),
        ),
        opt("deny", Ty::Choice(&DENY), None),
        opt(
            "office",
            Ty::String,
            d(
                "The issuing office named on reports, e.g. 某某县委机构编制委员会办公室.",
                "报告上署名的出具单位，如“某某县委机构编制委员会办公室”。",
            ),
        ),
        opt(
            "baseline",
            Ty::Table(&BASELINE),
            d(
                "The baseline plans are compared with (BZ104, BZ501, BZ502) when no `--baseline` or `--baseline-rev` is given.",
                "未给出 `--baseline` 或 `--baseline-rev` 时，方案所比较的基线（BZ104、BZ501、BZ502）。",
            ),
        ),
    ],
};

pub static BASELINE: Table = Table {
    name: "ProjectBaseline",
    doc: Doc {
        en: "The baseline: org files (`files`) or a git revision (`rev`), not both.",
        zh: "基线：组织文件（`files`）或 git 版本（`rev`），二者择一。",
    },
    keys: &[
        opt(
            "files",
            Ty::Strings,
            d(
                "Org files of the units' current structure, as `--baseline FILE`.",
                "各单位现状的组织文件，同 `--baseline FILE`。",
            ),
        ),
        opt(
            "rev",
            Ty::String,
            d(
                "A git revision (commit, branch or tag) whose files are the baseline, as `--baseline-rev REV`.",
                "以某个 git 版本（提交、分支或标签）中的同名文件为基线，同 `--baseline-rev REV`。",
            ),
        ),
    ],
};

/// The language a project file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ProjectLang(Lang);

impl Choice for ProjectLang {
    const NAME: &'static str = "ProjectLang";
    fn parse_str(s: &str) -> Option<Self> {
        match s {
            "zh" => Some(ProjectLang(Lang::Zh)),
            "en" => Some(ProjectLang(Lang::En)),
            _ => None,
        }
    }
    fn spellings() -> Vec<String> {
        vec!["zh".into(), "en".into()]
    }
}

/// `deny = "warnings"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DenyWarnings;

impl Choice for DenyWarnings {
    const NAME: &'static str = "ProjectDeny";
    fn parse_str(s: &str) -> Option<Self> {
        (s == "warnings").then_some(DenyWarnings)
    }
    fn spellings() -> Vec<String> {
        vec!["warnings".into()]
    }
}

/// A project file as read: every path already relative to the working folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Project {
    /// The file itself, as shown in messages.
    pub path: PathBuf,
    /// Rule pack specs (ids as written, files joined to the project's folder).
    pub rules: Vec<String>,
    pub lang: Option<Lang>,
    pub paths: Vec<PathBuf>,
    pub deny_warnings: bool,
    pub baseline_files: Vec<PathBuf>,
    pub baseline_rev: Option<String>,
    /// Where `[baseline] rev`'s value is written in the file: a revision git does not know is
    /// reported there, once, rather than against every org file.
    pub baseline_rev_span: Option<Span>,
    /// The file's text, for errors found after it was read (an unknown `[baseline] rev`).
    pub text: String,
    /// The issuing office (出具单位) named on reports.
    pub office: Option<String>,
}

/// Reads a project file; `dir` is its folder as the working folder sees it (empty for the
/// working folder itself). Every problem of the file is reported, each at its place.
pub fn load_project(
    file: FileId,
    src: &SourceFile,
    path: &Path,
    dir: &Path,
) -> Result<Project, Vec<InputError>> {
    let (doc, syntax) = DeTable::parse_recoverable(&src.text);
    if !syntax.is_empty() {
        return Err(super::syntax_errors(file, src, &syntax));
    }
    let mut cx = Cx::new(file);
    let root = Tbl {
        name: std::rc::Rc::from(""),
        span: Span::default(),
        entries: doc.get_ref(),
        decl: Some(&PROJECT_FILE),
    };
    cx.check_keys(&root);
    // A pack file or an org path is relative to the project file; a built-in pack id is not.
    let join = |s: &str| dir.join(s);
    let rules = cx
        .strings(&root, "rules")
        .map(|v| {
            v.value
                .into_iter()
                .map(|s| {
                    if s.value.ends_with(".toml") || s.value.contains('/') {
                        join(&s.value).to_string_lossy().into_owned()
                    } else {
                        s.value
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let lang = cx.choice::<ProjectLang>(&root, "lang").map(|l| l.value.0);
    let paths = cx
        .strings(&root, "paths")
        .map(|v| v.value.iter().map(|s| join(&s.value)).collect())
        .unwrap_or_default();
    let deny_warnings = cx.choice::<DenyWarnings>(&root, "deny").is_some();
    let office = cx.string(&root, "office").map(|s| s.value);
    let (mut baseline_files, mut baseline_rev) = (Vec::new(), None);
    if let Some(b) = cx.table(&root, "baseline") {
        baseline_files = cx
            .strings(&b, "files")
            .map(|v| v.value.iter().map(|s| join(&s.value)).collect())
            .unwrap_or_default();
        baseline_rev = cx.string(&b, "rev");
        if let (false, Some(rev)) = (baseline_files.is_empty(), &baseline_rev) {
            cx.error(rev.span, msg::project_baseline_both());
        }
    }
    if !cx.errors.is_empty() {
        cx.errors.sort_by_key(|e| e.span);
        return Err(cx.errors);
    }
    Ok(Project {
        path: path.to_path_buf(),
        rules,
        lang,
        paths,
        deny_warnings,
        baseline_files,
        baseline_rev_span: baseline_rev.as_ref().map(|r| r.span),
        baseline_rev: baseline_rev.map(|r| r.value),
        text: src.text.to_string(),
        office,
    })
}

/// The nearest `bianzhi.toml` at `start` or above: its path and its folder, both relative to
/// `start` (`bianzhi.toml` and an empty folder when it is in `start` itself, `../bianzhi.toml` and
/// `..` one level up). `start` must be absolute for the folders above it to be found.
pub fn find_project(start: &Path) -> Option<(PathBuf, PathBuf)> {
    let mut up = PathBuf::new();
    for dir in start.ancestors() {
        let candidate = dir.join(PROJECT_FILE_NAME);
        // Anything by that name is the project file: a folder, a FIFO or a link to nowhere is an
        // error when it is read, never passed over for a project file further up.
        if std::fs::symlink_metadata(&candidate).is_ok() {
            return Some((up.join(PROJECT_FILE_NAME), up));
        }
        up.push("..");
    }
    None
}

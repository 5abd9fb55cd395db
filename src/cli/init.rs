//! `bianzhi init [DIR]`: a new org-chart repository — an example town, a pack extending
//! `jiangsu-2017` with one custom rule and its tests, a GitHub Actions workflow, a README, the
//! project file `bianzhi.toml` (which names the pack, so `bianzhi check` applies it), and the
//! JSON Schemas with the settings that attach them in editors (`.taplo.toml`,
//! `.vscode/settings.json`).
//!
//! Nothing a user wrote is ever overwritten: when any of the files exists, nothing is written.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::base::fs::display_path;
use crate::base::i18n::{common, msg, Lang};
use crate::cli::{print_stdout, CliError, LangFlag, Prefix, EXIT_OK};
use crate::render::findings::HOME_URL;
use crate::render::schema::render;
use crate::schema::all_schemas;

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language of messages and of the files written: comments, README, workflow (default: from LANG/LC_ALL)")))]
pub struct InitArgs {
    /// The folder to create the repository in (created if missing; default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub lang: LangFlag,
}

/// The files `init` writes: path in the new repository, contents.
pub const FILES: &[(&str, &str)] = &[
    (
        "orgs/qingshui.toml",
        include_str!("../../templates/init/town.toml"),
    ),
    (
        "rules/local.toml",
        include_str!("../../templates/init/local.toml"),
    ),
    (
        "rules/tests/clean.toml",
        include_str!("../../templates/init/tests/clean.toml"),
    ),
    (
        "rules/tests/clean.expect.toml",
        include_str!("../../templates/init/tests/clean.expect.toml"),
    ),
    (
        "rules/tests/few-certified.toml",
        include_str!("../../templates/init/tests/few-certified.toml"),
    ),
    (
        "rules/tests/few-certified.expect.toml",
        include_str!("../../templates/init/tests/few-certified.expect.toml"),
    ),
    (
        ".github/workflows/bianzhi.yml",
        include_str!("../../templates/init/bianzhi.yml"),
    ),
    ("README.md", include_str!("../../templates/init/README.md")),
    (
        "bianzhi.toml",
        include_str!("../../templates/init/bianzhi.toml"),
    ),
    (
        ".taplo.toml",
        include_str!("../../templates/init/taplo.toml"),
    ),
    (
        ".vscode/settings.json",
        include_str!("../../templates/init/vscode-settings.json"),
    ),
];

/// The same files with Chinese comments, README and workflow steps (`init --lang zh`); the TOML
/// itself is the same (a test says so).
pub const FILES_ZH: &[(&str, &str)] = &[
    (
        "orgs/qingshui.toml",
        include_str!("../../templates/init/zh/town.toml"),
    ),
    (
        "rules/local.toml",
        include_str!("../../templates/init/zh/local.toml"),
    ),
    (
        "rules/tests/clean.toml",
        include_str!("../../templates/init/zh/tests/clean.toml"),
    ),
    (
        "rules/tests/clean.expect.toml",
        include_str!("../../templates/init/zh/tests/clean.expect.toml"),
    ),
    (
        "rules/tests/few-certified.toml",
        include_str!("../../templates/init/zh/tests/few-certified.toml"),
    ),
    (
        "rules/tests/few-certified.expect.toml",
        include_str!("../../templates/init/zh/tests/few-certified.expect.toml"),
    ),
    (
        ".github/workflows/bianzhi.yml",
        include_str!("../../templates/init/zh/bianzhi.yml"),
    ),
    (
        "README.md",
        include_str!("../../templates/init/zh/README.md"),
    ),
    (
        "bianzhi.toml",
        include_str!("../../templates/init/zh/bianzhi.toml"),
    ),
    (
        ".taplo.toml",
        include_str!("../../templates/init/zh/taplo.toml"),
    ),
    (
        ".vscode/settings.json",
        include_str!("../../templates/init/vscode-settings.json"),
    ),
];

/// The files `init` writes in `lang`, before [`filled`].
pub fn files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    lang.select(FILES, FILES_ZH)
}

/// Where the workflow installs bianzhi from. The crate is not on crates.io, so the workflow builds
/// the tag of this version from the repository this binary was built from; a build whose
/// Cargo.toml has no `repository` would write a workflow that cannot install anything.
const REPOSITORY: &str = HOME_URL;
const _: () = assert!(
    !REPOSITORY.is_empty(),
    "Cargo.toml needs `repository`: bianzhi init's workflow installs bianzhi from it"
);

/// A template as written: its `{repository}` and `{version}` are this binary's (the workflow's
/// `BIANZHI_GIT` and `BIANZHI_VERSION`, the README's link).
pub fn filled(template: &str) -> String {
    template
        .replace("{repository}", REPOSITORY)
        .replace("{version}", env!("CARGO_PKG_VERSION"))
}

pub fn run(args: InitArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    // The JSON Schemas the editor settings attach, as this version of bianzhi reads the files.
    let schemas: Vec<(String, String)> = all_schemas()
        .iter()
        .map(|(name, schema)| (format!("schema/{name}"), render(schema)))
        .collect();
    let templates: Vec<(&str, String)> = files(lang)
        .iter()
        .map(|(rel, text)| (*rel, filled(text)))
        .collect();
    let files: Vec<(&str, &str)> = templates
        .iter()
        .map(|(rel, text)| (*rel, text.as_str()))
        .chain(
            schemas
                .iter()
                .map(|(rel, text)| (rel.as_str(), text.as_str())),
        )
        .collect();
    let targets: Vec<(PathBuf, &str)> = files
        .iter()
        .map(|(rel, text)| (args.dir.join(rel), *text))
        .collect();
    let existing: Vec<&Path> = targets
        .iter()
        .map(|(p, _)| p.as_path())
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        let list: Vec<String> = existing
            .iter()
            .map(|p| format!("  {}", p.display()))
            .collect();
        let list = list.join("\n");
        return Err(CliError::said(
            Prefix::Error,
            &msg::init_files_exist(&list),
            lang,
        ));
    }
    for (path, text) in &targets {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| {
                // `create_new`: a file that appeared since the check above is still not overwritten.
                use std::io::Write;
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(path)
                    .and_then(|mut f| f.write_all(text.as_bytes()))
            });
        if let Err(e) = written {
            let message = common::cannot_write(&display_path(path), &e);
            return Err(CliError::Write { message, lang });
        }
    }
    let dir = args.dir.display().to_string();
    let list: String = files.iter().map(|(rel, _)| format!("  {rel}\n")).collect();
    print_stdout(msg::init_created(&dir, &list).get(lang));
    Ok(EXIT_OK)
}

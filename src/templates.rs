//! What `bianzhi init` writes into a new org-chart repository: an example town, a pack extending
//! `jiangsu-2017` with one custom rule and its tests, a GitHub Actions workflow, a README, the
//! project file `bianzhi.toml`, and the JSON Schemas with the settings that attach them in editors.
//! The command line writes them (`cli::init`); the tests read them here.

use crate::base::i18n::Lang;
use crate::render::findings::HOME_URL;

/// The files `init` writes: path in the new repository, contents.
pub const FILES: &[(&str, &str)] = &[
    (
        "orgs/qingshui.toml",
        include_str!("../templates/init/town.toml"),
    ),
    (
        "rules/local.toml",
        include_str!("../templates/init/local.toml"),
    ),
    (
        "rules/tests/clean.toml",
        include_str!("../templates/init/tests/clean.toml"),
    ),
    (
        "rules/tests/clean.expect.toml",
        include_str!("../templates/init/tests/clean.expect.toml"),
    ),
    (
        "rules/tests/few-certified.toml",
        include_str!("../templates/init/tests/few-certified.toml"),
    ),
    (
        "rules/tests/few-certified.expect.toml",
        include_str!("../templates/init/tests/few-certified.expect.toml"),
    ),
    (
        ".github/workflows/bianzhi.yml",
        include_str!("../templates/init/bianzhi.yml"),
    ),
    ("README.md", include_str!("../templates/init/README.md")),
    (
        "bianzhi.toml",
        include_str!("../templates/init/bianzhi.toml"),
    ),
    (".taplo.toml", include_str!("../templates/init/taplo.toml")),
    (
        ".vscode/settings.json",
        include_str!("../templates/init/vscode-settings.json"),
    ),
];

/// The same files with Chinese comments, README and workflow steps (`init --lang zh`); the TOML
/// itself is the same (a test says so).
pub const FILES_ZH: &[(&str, &str)] = &[
    (
        "orgs/qingshui.toml",
        include_str!("../templates/init/zh/town.toml"),
    ),
    (
        "rules/local.toml",
        include_str!("../templates/init/zh/local.toml"),
    ),
    (
        "rules/tests/clean.toml",
        include_str!("../templates/init/zh/tests/clean.toml"),
    ),
    (
        "rules/tests/clean.expect.toml",
        include_str!("../templates/init/zh/tests/clean.expect.toml"),
    ),
    (
        "rules/tests/few-certified.toml",
        include_str!("../templates/init/zh/tests/few-certified.toml"),
    ),
    (
        "rules/tests/few-certified.expect.toml",
        include_str!("../templates/init/zh/tests/few-certified.expect.toml"),
    ),
    (
        ".github/workflows/bianzhi.yml",
        include_str!("../templates/init/zh/bianzhi.yml"),
    ),
    ("README.md", include_str!("../templates/init/zh/README.md")),
    (
        "bianzhi.toml",
        include_str!("../templates/init/zh/bianzhi.toml"),
    ),
    (
        ".taplo.toml",
        include_str!("../templates/init/zh/taplo.toml"),
    ),
    (
        ".vscode/settings.json",
        include_str!("../templates/init/vscode-settings.json"),
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

/// Every file `init` writes in `lang`, as written: path in the new repository, contents (the
/// templates filled, then the JSON Schemas the editor settings attach, as this version of bianzhi
/// reads the files).
pub fn init_files(lang: Lang) -> Vec<(String, String)> {
    files(lang)
        .iter()
        .map(|(rel, text)| (rel.to_string(), filled(text)))
        .chain(crate::schema::all_schemas().iter().map(|(name, schema)| {
            (
                format!("schema/{name}"),
                crate::render::schema::render(schema),
            )
        }))
        .collect()
}

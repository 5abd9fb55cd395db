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
use crate::base::i18n::{common, msg};
use crate::cli::{print_stdout, CliError, LangFlag, Prefix, EXIT_OK};

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language of messages and of the files written: comments, README, workflow (default: from LANG/LC_ALL)")))]
pub struct InitArgs {
    /// The folder to create the repository in (created if missing; default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub lang: LangFlag,
}

pub fn run(args: InitArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    let files = crate::templates::init_files(lang);
    let targets: Vec<(PathBuf, &str)> = files
        .iter()
        .map(|(rel, text)| (args.dir.join(rel), text.as_str()))
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

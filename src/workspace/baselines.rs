//! The baselines a plan is compared with besides the snapshots among the files checked:
//! `--baseline FILE` and `--baseline-rev REV`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[cfg(feature = "cli")]
use super::git;
use super::Workspace;
use crate::base::diag::InputError;
use crate::base::fs::display_path;
use crate::base::source::{FileId, SourceFile};
use crate::base::walk::read_text;
use crate::load;
use crate::model::OrgFile;
use crate::text;

/// Where the baselines of a run come from, besides the snapshots among the files checked.
#[derive(Debug, Clone, Default)]
pub struct BaselineSource {
    /// `--baseline FILE` (repeatable: one per unit).
    pub files: Vec<PathBuf>,
    /// `--baseline-rev REV`.
    pub rev: Option<String>,
    /// The project file (as shown) when `rev` is its `[baseline] rev` rather than a flag: errors
    /// then name the revision in the file's terms.
    pub rev_from: Option<String>,
}

impl Workspace {
    /// Reads the baselines `src` names into the workspace (their sources too, so that findings can
    /// label them). Returns the input errors: an unreadable or invalid baseline, two baselines for
    /// one unit, a baseline for no unit checked; for `--baseline-rev`, no git repository, an unknown
    /// revision, or a checked path absent at that revision.
    pub fn add_baselines(&mut self, src: &BaselineSource) -> Vec<InputError> {
        let mut errors = Vec::new();
        for path in &src.files {
            self.add_baseline_file(path, &mut errors);
        }
        if let Some(rev) = &src.rev {
            let named = match &src.rev_from {
                Some(file) => crate::base::i18n::msg::project_rev_named(file, rev),
                None => text!("--baseline-rev {rev}", "--baseline-rev {rev}"),
            };
            self.add_rev_baselines(rev, &named, &mut errors);
        }
        errors
    }

    /// Loads `text` as a baseline org file shown as `shown`.
    fn load_baseline(
        &mut self,
        shown: String,
        text: String,
        errors: &mut Vec<InputError>,
    ) -> Option<OrgFile> {
        let id = self.sources.add(SourceFile::new(shown, text));
        match load::load_org(id, &self.sources.get(id), true) {
            load::Loaded::Org(org) => Some(*org),
            load::Loaded::NotOrg => {
                let shown = self.sources.path(id);
                errors.push(InputError::path(
                    shown,
                    text!(
                        "{shown} is not an org file: it has no [unit] table",
                        "{shown} 不是组织文件：没有 [unit] 表"
                    ),
                ));
                None
            }
            load::Loaded::Invalid(errs) => {
                errors.extend(errs);
                None
            }
        }
    }

    fn add_baseline_file(&mut self, path: &Path, errors: &mut Vec<InputError>) {
        let shown = display_path(path);
        let text = match read_text(path, &shown) {
            Ok(t) => t,
            Err(e) => {
                errors.push(*e);
                return;
            }
        };
        let Some(org) = self.load_baseline(shown, text, errors) else {
            return;
        };
        let id = org.unit.id.value.clone();
        let shown = self.sources.path(org.file);
        if let Some(prev) = self.external_baselines.get(&id) {
            let first = self.sources.path(prev.file);
            errors.push(InputError::at(
                org.file,
                org.unit.id.span,
                text!(
                    "a second baseline for unit `{id}`: {first} is one already",
                    "单位 `{id}` 指定了第二个现状文件：已有 {first}"
                ),
            ));
            return;
        }
        if self.snapshots(&id).is_empty() {
            errors.push(
                InputError::at(
                    org.file,
                    org.unit.id.span,
                    text!(
                        "the baseline {shown} is of unit `{id}`, which none of the files checked describes",
                        "现状文件 {shown} 所属单位 `{id}` 不在所检查的文件之中"
                    ),
                )
                .with_help(text!(
                    "check the plan of unit `{id}` together with its baseline, or give the baseline of the unit checked",
                    "将单位 `{id}` 的方案与该现状一并检查，或改用所检查单位的现状"
                )),
            );
            return;
        }
        self.external_baselines.insert(id, org);
    }

    fn add_rev_baselines(
        &mut self,
        rev: &str,
        named: &crate::base::i18n::Text,
        errors: &mut Vec<InputError>,
    ) {
        // Revisions already verified, per repository root.
        let mut verified: BTreeMap<String, bool> = BTreeMap::new();
        let checked: Vec<(FileId, PathBuf)> = self
            .orgs
            .iter()
            .map(|o| {
                let src = self.sources.get(o.file);
                let path = src
                    .os_path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(&src.path));
                (o.file, path)
            })
            .collect();
        for (file, path) in checked {
            let shown = crate::base::fs::display_path(&path);
            #[cfg(feature = "cli")]
            let fetched = git::show_at_rev(&path, rev, named, &mut verified);
            #[cfg(not(feature = "cli"))]
            let fetched: Result<Option<String>, crate::base::i18n::Text> = {
                let _ = (&path, &mut verified, named);
                Err(crate::base::i18n::msg::no_git_here())
            };
            let text = match fetched {
                Ok(Some(t)) => t,
                // A file added since that revision has no baseline: new, not an error (a pull
                // request that adds a town is checked as the plan of a new unit).
                Ok(None) => continue,
                Err(message) => {
                    errors.push(InputError::path(shown, message));
                    self.rev_unread.insert(file, rev.to_string());
                    continue;
                }
            };
            match self.load_baseline(format!("{rev}:{shown}"), text, errors) {
                Some(org) => {
                    self.rev_baselines.insert(file, org);
                }
                None => {
                    self.rev_unread.insert(file, rev.to_string());
                }
            }
        }
    }
}

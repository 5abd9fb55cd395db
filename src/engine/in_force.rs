//! The rules in force as reports describe them.

use crate::base::diag::{Finding, Level};
use crate::base::i18n::{Lang, Text};
use crate::pack::RuleSet;
use crate::rules::{RuleMeta, Scope};

/// Where the rules' documentation lives: a rule's help URI is this with `#` and its code, lower case
/// (`…#bz001`), the anchor of its entry in the rule reference (generated from the catalog).
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

/// A rule in force as reports describe it (SARIF's rule list, JUnit's test cases): built-in rules
/// carry their documentation; a pack's own rules only what the pack says.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub code: String,
    pub name: String,
    /// The level the packs put it at.
    pub level: Level,
    pub cite: Text,
    /// Which units it looks at.
    pub scope: Scope,
    /// The rule's facts and documentation (a copy: a custom rule's belong to its rule set);
    /// `None` for a rule a finding names that is not in force.
    pub meta: Option<RuleMeta>,
    /// One line saying what it checks (a custom rule's message).
    pub summary: Text,
}

impl RuleInfo {
    pub fn builtin(meta: &RuleMeta, level: Level, cite: &Text, scope: Scope) -> Self {
        RuleInfo {
            code: meta.code.to_string(),
            name: meta.name.to_string(),
            level,
            cite: cite.clone(),
            scope,
            meta: Some(meta.clone()),
            summary: Text::new(meta.summary(false), meta.summary(true)),
        }
    }

    /// The rule's documentation as Markdown (a custom rule: its summary and citation).
    pub fn doc_markdown(&self, lang: Lang) -> String {
        match &self.meta {
            Some(meta) => crate::rules::docs::markdown(meta, lang),
            None if self.cite.get(lang).is_empty() => self.summary.get(lang).to_string(),
            None => format!("{}\n\n{}", self.summary.get(lang), self.cite.get(lang)),
        }
    }

    /// The URL of the rule's documentation.
    pub fn help_uri(&self) -> String {
        format!("{DOCS_URL}#{}", self.code.to_lowercase())
    }

    /// Whether the rule looks at this unit (its scope, or the pack's `applies_to`).
    pub fn applies_to(&self, unit: &crate::model::Unit) -> bool {
        self.scope.covers(unit)
    }
}

/// The rules a rule set puts in force, ordered by code.
pub fn rules_in_force(set: &RuleSet) -> Vec<RuleInfo> {
    let mut rules: Vec<RuleInfo> = set
        .rules
        .iter()
        .map(|a| RuleInfo::builtin(a.rule.meta(), a.level, &a.cite, a.scope))
        .collect();
    rules.sort_by(|a, b| a.code.cmp(&b.code));
    rules
}

/// The rules in force plus any rule a finding names that is not among them (so every finding has
/// its rule), in order of code.
pub fn rules_of_findings<F: std::ops::Deref<Target = Finding>>(
    rules: &[RuleInfo],
    findings: impl IntoIterator<Item = F>,
) -> Vec<RuleInfo> {
    let mut all = rules.to_vec();
    for f in findings {
        if all.iter().any(|r| *r.code == *f.code) {
            continue;
        }
        let info = match crate::rules::lookup(&f.code) {
            Some(def) => RuleInfo::builtin(def.meta, def.meta.level, &f.cite, def.meta.scope),
            None => RuleInfo {
                code: f.code.to_string(),
                name: f.name.to_string(),
                level: f.level,
                cite: Text::clone(&f.cite),
                scope: Scope::All,
                meta: None,
                summary: Text::same(&*f.name),
            },
        };
        all.push(info);
    }
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all
}

//! `bianzhi explain CODE|NAME`: a rule's documentation, from its doc comment.

use clap::Args;

use crate::base::i18n::{common, msg, words, Lang};
use crate::base::source::Sources;
use crate::cli::{print_stdout, CliError, LangFlag, PackFlags, Prefix, EXIT_OK};
use crate::pack;
use crate::rules::{self, docs, RuleMeta};

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language (default: from LANG/LC_ALL)")))]
#[command(mut_arg("rules", |a| a.help("Rule packs whose custom rules to look in as well: a built-in id or a pack file; repeatable")))]
pub struct ExplainArgs {
    /// A rule code (BZ001) or name (functional-body-limit); with `--rules`, a custom rule of those
    /// packs too.
    pub rule: String,
    #[command(flatten)]
    pub packs: PackFlags,
    #[command(flatten)]
    pub lang: LangFlag,
}

pub fn run(mut args: ExplainArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    args.packs = args.packs.resolved();
    // A pack named is read and validated before anything is explained: a broken pack is said,
    // never passed over because the rule asked for is a built-in one.
    let set = if args.packs.rules.is_empty() {
        None
    } else {
        let mut sources = Sources::default();
        match pack::load(&args.packs.rules, &mut sources) {
            Ok(set) => Some(set),
            Err(errors) => {
                return Err(CliError::Drawn {
                    text: crate::cli::rules::pack_errors(sources, &errors, lang),
                    color: false,
                });
            }
        }
    };
    if let Some(def) = rules::lookup(&args.rule) {
        print_stdout(&explain(def.meta, lang));
        return Ok(EXIT_OK);
    }
    // Owned: a pack's custom rules are suggested too, and their names go with the pack.
    let mut names: Vec<String> = rules::catalog()
        .iter()
        .flat_map(|d| [d.meta.code.to_string(), d.meta.name.to_string()])
        .collect();
    if let Some(set) = set {
        let metas: Vec<&RuleMeta> = set.rules.iter().map(|r| r.rule.meta()).collect();
        if let Some(meta) = metas
            .iter()
            .find(|m| m.code == args.rule || m.name == args.rule)
        {
            print_stdout(&explain(meta, lang));
            return Ok(EXIT_OK);
        }
        names.extend(
            metas
                .iter()
                .flat_map(|m| [m.code.to_string(), m.name.to_string()]),
        );
    }
    let closest = common::closest(&args.rule, names.iter().map(String::as_str));
    let t = msg::unknown_rule(&args.rule, closest, lang, args.packs.rules.is_empty());
    Err(CliError::said(Prefix::Error, &t, lang))
}

/// The documentation in one language: scope, level and cite, the full titles of the documents
/// cited, then the rule's own sections under localized headings.
pub fn explain(meta: &RuleMeta, lang: Lang) -> String {
    let level = meta.level.name(lang);
    let (scope, cite) = (meta.scope.describe(), meta.cite.get(lang));
    let (scope, name) = (scope.get(lang), meta.scope.as_str());
    let (code, rule) = (&*meta.code, &*meta.name);
    let mut out = msg::explain_head(code, rule, &meta.title.zh, level, name, scope, cite)
        .get(lang)
        .to_string();
    for source in docs::sources_of(&meta.cite.text()) {
        out.push_str(msg::explain_source(&source.describe(lang)).get(lang));
    }
    for (title, section) in docs::localized_sections(meta, lang) {
        out.push_str(&format!("\n{title}\n"));
        for line in section.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    let defaults = rules::lookup(&meta.code)
        .map(|d| (d.default_params)())
        .unwrap_or_default();
    if let Some(catalog) = defaults
        .get("titles")
        .and_then(|v| docs::catalog_table(v, lang))
    {
        out.push_str(&format!("\n{}\n", words::titles::heading(lang)));
        for line in catalog.lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

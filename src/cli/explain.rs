//! `bianzhi explain CODE|NAME`: a rule's documentation, from its doc comment.

use clap::Args;

use crate::base::i18n::{common as msg, Lang};
use crate::base::source::Sources;
use crate::cli::{print_stderr, print_stdout, LangFlag, PackFlags, EXIT_INPUT, EXIT_OK};
use crate::pack;
use crate::rules::{self, docs, RuleMeta};
use crate::text;

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

pub fn run(args: ExplainArgs) -> u8 {
    let lang = args.lang.resolve();
    if let Some(def) = rules::lookup(&args.rule) {
        print_stdout(&explain(def.meta, lang));
        return EXIT_OK;
    }
    // Owned: a pack's custom rules are suggested too, and their names go with the pack.
    let mut names: Vec<String> = rules::catalog()
        .iter()
        .flat_map(|d| [d.meta.code.to_string(), d.meta.name.to_string()])
        .collect();
    if !args.packs.rules.is_empty() {
        let mut sources = Sources::default();
        let set = match pack::load(&args.packs.rules, &mut sources) {
            Ok(set) => set,
            Err(errors) => {
                crate::cli::rules::print_errors(sources, &errors, lang);
                return EXIT_INPUT;
            }
        };
        let metas: Vec<&RuleMeta> = set.rules.iter().map(|r| r.rule.meta()).collect();
        if let Some(meta) = metas
            .iter()
            .find(|m| m.code == args.rule || m.name == args.rule)
        {
            print_stdout(&explain(meta, lang));
            return EXIT_OK;
        }
        names.extend(
            metas
                .iter()
                .flat_map(|m| [m.code.to_string(), m.name.to_string()]),
        );
    }
    let r = &args.rule;
    let mut t = text!("unknown rule `{r}`", "未知的规则 `{r}`");
    if let Some(c) = msg::closest(r, names.iter().map(String::as_str)) {
        let h = msg::did_you_mean(c);
        t = text!("{} ({})", "{}（{}）", t.get(lang), h.get(lang));
    }
    if args.packs.rules.is_empty() {
        t = text!(
            "{}; a custom rule is explained with its pack: --rules PACK",
            "{}；自定义规则须用 --rules 指定其规则包",
            t.get(lang)
        );
    }
    print_stderr(&format!("error: {}\n", t.get(lang)));
    EXIT_INPUT
}

/// The documentation in one language: scope, level and cite, the full titles of the documents
/// cited, then the rule's own sections under localized headings.
pub fn explain(meta: &RuleMeta, lang: Lang) -> String {
    let level = match lang {
        Lang::En => meta.level.as_str(),
        Lang::Zh => meta.level.zh(),
    };
    let (scope, cite) = (meta.scope.describe(), meta.cite.get(lang));
    let (scope, name) = (scope.get(lang), meta.scope.as_str());
    let mut out = match lang {
        Lang::En => format!(
            "{} {}\ndefault level: {level}; scope: {name} ({scope}); cites: {cite}\n",
            meta.code, meta.name
        ),
        Lang::Zh => format!(
            "{} {}\n默认级别：{level}；适用范围：{scope}（{name}）；依据：{cite}\n",
            meta.code, meta.name
        ),
    };
    for source in docs::sources_of(&meta.cite.text()) {
        let head = match lang {
            Lang::En => "source: ",
            Lang::Zh => "出处：",
        };
        out.push_str(&format!("{head}{}\n", source.describe(lang)));
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
    out
}

//! `bianzhi explain CODE|NAME`: a rule's documentation, from its doc comment.

use clap::Args;

use crate::cli::{print_stderr, print_stdout, LangArg, EXIT_INPUT, EXIT_OK};
use crate::i18n::{common as msg, Lang};
use crate::rules::{self, RuleMeta};
use crate::text;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (BZ001) or name (functional-body-limit).
    pub rule: String,
    /// Language (default: from LANG/LC_ALL).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

pub fn run(args: ExplainArgs) -> u8 {
    let lang = LangArg::resolve(args.lang);
    match rules::lookup(&args.rule) {
        Some(def) => {
            print_stdout(&explain(def.meta, lang));
            EXIT_OK
        }
        None => {
            let r = &args.rule;
            let names = rules::catalog()
                .iter()
                .flat_map(|d| [d.meta.code, d.meta.name]);
            let mut t = text!("unknown rule `{r}`", "未知的规则 `{r}`");
            if let Some(c) = msg::closest(r, names) {
                let h = msg::did_you_mean(c);
                t = text!("{} ({})", "{}（{}）", t.get(lang), h.get(lang));
            }
            print_stderr(&format!("error: {}\n", t.get(lang)));
            EXIT_INPUT
        }
    }
}

/// The documentation in one language: the rule's own sections under localized headings.
pub fn explain(meta: &RuleMeta, lang: Lang) -> String {
    let sections: &[(&str, &str)] = match lang {
        Lang::En => &[
            ("## What it checks", "What it checks"),
            ("## Why", "Why"),
            ("## Example", "Example (fails)"),
            ("## Passing example", "Passing example"),
            ("## Parameters", "Parameters"),
        ],
        Lang::Zh => &[
            ("## 检查内容", "检查内容"),
            ("## 依据", "依据"),
            ("## Example", "违规示例"),
            ("## Passing example", "合规示例"),
            ("## Parameters", "参数"),
        ],
    };
    let level = match lang {
        Lang::En => meta.level.as_str(),
        Lang::Zh => meta.level.zh(),
    };
    let mut out = match lang {
        Lang::En => format!(
            "{} {}\ndefault level: {level}; cites: {}\n",
            meta.code, meta.name, meta.cite
        ),
        Lang::Zh => format!(
            "{} {}\n默认级别：{level}；依据：{}\n",
            meta.code, meta.name, meta.cite
        ),
    };
    for (heading, title) in sections {
        out.push_str(&format!("\n{title}\n"));
        for line in meta.doc_section(heading).lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    out
}

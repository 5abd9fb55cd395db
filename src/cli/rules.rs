//! `bianzhi rules`: the rules in force, as a table.

use clap::Args;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{peaker::Priority, Modify, Style, Width};

use crate::base::diag::InputError;
use crate::base::i18n::{msg, words, Lang};
use crate::base::source::Sources;
use crate::cli::{errors_text, print_stdout, CliError, LangFlag, PackFlags, EXIT_OK};
use crate::pack;
use crate::rules::docs;
use crate::workspace::Workspace;

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language (default: from LANG/LC_ALL)")))]
#[command(mut_arg("rules", |a| a.help("Rule pack: a built-in id or a pack file; repeat to layer packs")))]
pub struct RulesArgs {
    #[command(flatten)]
    pub packs: PackFlags,
    /// Show every parameter in full, and the title catalog as a table below.
    #[arg(long)]
    pub verbose: bool,
    #[command(flatten)]
    pub lang: LangFlag,
}

/// A parameter value as shown in the table: long tables and arrays are summarised.
fn show_value(v: &toml::Value, lang: Lang) -> String {
    match v {
        toml::Value::Table(t) if t.len() > 3 => msg::table_entries(t.len()).get(lang).to_string(),
        toml::Value::Array(a) if a.len() > 3 => msg::array_items(a.len()).get(lang).to_string(),
        other => other.to_string(),
    }
}

pub fn run(mut args: RulesArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    args.packs = args.packs.resolved();
    let mut sources = Sources::default();
    let set = match pack::load(&args.packs.rules, &mut sources) {
        Ok(set) => set,
        Err(errors) => {
            return Err(CliError::Drawn {
                text: pack_errors(sources, &errors, lang),
                color: false,
            });
        }
    };
    use words::rules as w;
    let mut b = Builder::default();
    // Chinese shows the rule's Chinese title beside its name (the name stays its id in packs).
    let mut head = vec![w::code(lang)];
    if lang == Lang::Zh {
        head.push(w::title(lang));
    }
    head.extend([
        w::name(lang),
        w::scope(lang),
        w::level(lang),
        w::parameters(lang),
        w::citation(lang),
    ]);
    let columns = head.len();
    let mut widths: Vec<usize> = head
        .iter()
        .map(|h| textwrap::core::display_width(h))
        .collect();
    b.push_record(head);
    for r in &set.rules {
        let meta = r.rule.meta();
        let mut row = vec![meta.code.to_string()];
        if lang == Lang::Zh {
            row.push(meta.title.get(lang).to_string());
        }
        row.extend([
            meta.name.to_string(),
            r.scope.describe().get(lang).to_string(),
            r.level.name(lang).to_string(),
            r.rule
                .params()
                .iter()
                .map(|(k, v)| {
                    let v = if args.verbose && docs::catalog_table(v, lang).is_none() {
                        v.to_string()
                    } else {
                        show_value(v, lang)
                    };
                    format!("{k} = {v}")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            r.cite.get(lang).to_string(),
        ]);
        for (w, cell) in widths.iter_mut().zip(&row) {
            let longest = cell.lines().map(textwrap::core::display_width).max();
            *w = (*w).max(longest.unwrap_or(0));
        }
        b.push_record(row);
    }
    let mut table = b.build();
    table.with(Style::sharp());
    if let Some(width) = terminal_width() {
        // Codes, titles, names, scopes and levels stay whole; the parameters and the citation
        // (the last two columns) share what is left of the terminal, wrapped at spaces where
        // they have any.
        let fixed: usize = widths[..columns - 2].iter().map(|w| w + 3).sum::<usize>() + 1;
        let left = width.saturating_sub(fixed + 6) / 2;
        for (i, w) in widths.iter().enumerate().skip(columns - 2) {
            let share = left.max(16);
            if *w > share {
                table.with(
                    Modify::new(Columns::new(i..i + 1)).with(Width::wrap(share).keep_words(true)),
                );
            }
        }
        // Where the whole columns alone are wider than the terminal (a narrow window, a long
        // title), the widest columns give way until the table fits: a table wider than the
        // window wraps every line in the middle and reads as noise.
        if table.total_width() > width {
            table.with(
                Width::wrap(width)
                    .priority(Priority::max(true))
                    .keep_words(true),
            );
        }
    }
    let packs = set.packs.join(" → ");
    let mut head = msg::rules_in_force(&packs).get(lang).to_string();
    for (id, title) in set.packs.iter().zip(&set.titles) {
        if title.get(lang) != id {
            head.push_str(msg::pack_title(id, title.get(lang)).get(lang));
        }
    }
    let mut catalogs = String::new();
    if args.verbose {
        for r in &set.rules {
            let params = r.rule.params();
            if let Some(t) = params
                .get("titles")
                .and_then(|v| docs::catalog_table(v, lang))
            {
                let meta = r.rule.meta();
                let (code, heading) = (&meta.code, words::titles::heading(lang));
                catalogs.push_str(&format!("\n{code} {heading}\n{t}\n"));
            }
        }
    }
    print_stdout(&format!("{head}{table}\n{catalogs}"));
    Ok(EXIT_OK)
}

/// The width to fit the table in: `COLUMNS` when it is set (as shells and `watch` set it, and as a
/// user narrows a copy for a document), else the terminal's own width when the table goes to one;
/// piped output (a file, a test) without `COLUMNS` is not wrapped. Never below 40 columns.
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    let width = match columns {
        Some(c) => c,
        None if std::io::stdout().is_terminal() => {
            usize::from(terminal_size::terminal_size()?.0 .0)
        }
        None => return None,
    };
    Some(width.max(40))
}

/// Pack errors drawn the same way `check` draws input errors.
pub fn pack_errors(sources: Sources, errors: &[InputError], lang: Lang) -> String {
    let ws = Workspace::new(sources, Vec::new());
    errors_text(&ws, errors, 0, lang, false)
}

//! `bianzhi rules`: the rules in force, as a table.

use clap::Args;
use tabled::settings::Style;
use tabled::{Table, Tabled};

use crate::base::diag::InputError;
use crate::base::i18n::{msg, Lang};
use crate::base::source::Sources;
use crate::cli::{errors_text, print_stdout, CliError, LangFlag, PackFlags, EXIT_OK};
use crate::pack;
use crate::workspace::Workspace;

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language (default: from LANG/LC_ALL)")))]
#[command(mut_arg("rules", |a| a.help("Rule pack: a built-in id or a pack file; repeat to layer packs")))]
pub struct RulesArgs {
    #[command(flatten)]
    pub packs: PackFlags,
    #[command(flatten)]
    pub lang: LangFlag,
}

#[derive(Tabled)]
struct Row {
    code: String,
    name: String,
    scope: String,
    level: String,
    parameters: String,
    citation: String,
}

/// A parameter value as shown in the table: long tables and arrays are summarised.
fn show_value(v: &toml::Value, lang: Lang) -> String {
    match v {
        toml::Value::Table(t) if t.len() > 3 => msg::table_entries(t.len()).get(lang).to_string(),
        toml::Value::Array(a) if a.len() > 3 => msg::array_items(a.len()).get(lang).to_string(),
        other => other.to_string(),
    }
}

pub fn run(args: RulesArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
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
    let rows: Vec<Row> = set
        .rules
        .iter()
        .map(|r| {
            let meta = r.rule.meta();
            Row {
                code: meta.code.to_string(),
                name: meta.name.to_string(),
                scope: r.scope.describe().get(lang).to_string(),
                level: r.level.name(lang).to_string(),
                parameters: r
                    .rule
                    .params()
                    .iter()
                    .map(|(k, v)| format!("{k} = {}", show_value(v, lang)))
                    .collect::<Vec<_>>()
                    .join("\n"),
                citation: r.cite.get(lang).to_string(),
            }
        })
        .collect();
    let mut table = Table::new(rows);
    table.with(Style::sharp());
    if lang == Lang::Zh {
        table.with(
            tabled::settings::Modify::new(tabled::settings::object::Rows::first()).with(
                tabled::settings::Format::content(|s| {
                    match s {
                        "code" => "代码",
                        "name" => "名称",
                        "scope" => "适用范围",
                        "level" => "级别",
                        "parameters" => "参数",
                        "citation" => "依据",
                        other => other,
                    }
                    .to_string()
                }),
            ),
        );
    }
    let packs = set.packs.join(" → ");
    let mut head = msg::rules_in_force(&packs).get(lang).to_string();
    for (id, title) in set.packs.iter().zip(&set.titles) {
        if title.get(lang) != id {
            head.push_str(msg::pack_title(id, title.get(lang)).get(lang));
        }
    }
    print_stdout(&format!("{head}{table}\n"));
    Ok(EXIT_OK)
}

/// Pack errors drawn the same way `check` draws input errors.
pub fn pack_errors(sources: Sources, errors: &[InputError], lang: Lang) -> String {
    let ws = Workspace::new(sources, Vec::new());
    errors_text(&ws, errors, 0, lang, false)
}

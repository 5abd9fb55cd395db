//! `bianzhi chart FILE`: the org chart of one org file as SVG, DOT or Mermaid, findings marked.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::app::{App, Input};
use crate::base::diag::InputError;
use crate::base::i18n::Lang;
use crate::cli::{
    errors_text, stderr_color, BaselineFlags, CliError, LangFlag, PackFlags, Prefix, EXIT_OK,
};
use crate::model::UnitKind;
use crate::render::chart;
use crate::text;
use crate::workspace::BaselineSource;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A picture, laid out by bianzhi (no Graphviz needed).
    Svg,
    /// Graphviz DOT.
    Dot,
    /// A Mermaid flowchart, for Markdown.
    Mermaid,
}

impl From<Format> for chart::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Svg => chart::Format::Svg,
            Format::Dot => chart::Format::Dot,
            Format::Mermaid => chart::Format::Mermaid,
        }
    }
}

#[derive(Debug, Args)]
#[command(mut_arg("lang", |a| a.help("Language of the labels (default: from LANG/LC_ALL)")))]
#[command(mut_arg("rules", |a| a.help("Rule pack whose findings are marked: a built-in id or a pack file; repeat to layer packs")))]
pub struct ChartArgs {
    /// The org file to draw; or a folder with a county and its towns, to draw the county with its
    /// towns.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Svg)]
    pub format: Format,
    /// Write the chart to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub packs: PackFlags,
    #[command(flatten)]
    pub lang: LangFlag,
    // A plan's chart marks what the comparison with its baseline finds (BZ104, BZ501, BZ502);
    // without one it says "not compared with a baseline".
    #[command(flatten)]
    pub baselines: BaselineFlags,
}

/// The chart of the single org file at `path`, checked with `packs` and compared with
/// `baselines`; the input errors, rendered for people, when it cannot be drawn.
pub fn chart_of(
    path: &Path,
    packs: &[String],
    baselines: &BaselineSource,
    lang: Lang,
    format: chart::Format,
) -> Result<String, String> {
    let app = App {
        packs: packs.to_vec(),
        baselines: baselines.clone(),
        whole: true,
        ..crate::cli::app()
    };
    let outcome = app.check(Input::Paths(vec![path.to_path_buf()]));
    let mut errors = outcome.loaded.errors.clone();
    let orgs = &outcome.loaded.workspace.orgs;
    // A folder with a county and its towns draws the county with its towns.
    let county = orgs
        .iter()
        .filter(|o| o.unit.kind.value == UnitKind::County)
        .collect::<Vec<_>>();
    if let [county] = county[..] {
        let towns_only = orgs.iter().all(|o| {
            o.file == county.file
                || o.unit.parent.as_ref().map(|p| p.value.as_str()) == Some(&county.unit.id.value)
        });
        if errors.is_empty() && orgs.len() > 1 && towns_only {
            let run = outcome.run(lang);
            let chart = crate::render::document::chart_of(&run, county);
            return Ok(chart::render(&chart, format));
        }
    }
    if errors.is_empty() && orgs.len() != 1 {
        let p = path.display().to_string();
        let n = orgs.len();
        errors.push(InputError::path(
            p,
            text!(
                "a chart draws one org file; this path holds {n}",
                "一张机构图只画一个组织文件；此路径下有 {n} 个"
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(errors_text(
            &outcome.loaded.workspace,
            &errors,
            outcome.loaded.files_checked,
            lang,
            stderr_color(),
        ));
    }
    let run = outcome.run(lang);
    let chart = crate::render::document::chart_of(&run, &orgs[0]);
    Ok(chart::render(&chart, format))
}

pub fn run(mut args: ChartArgs) -> Result<u8, CliError> {
    let lang = args.lang.resolve();
    args.packs = args.packs.resolved();
    if let Some(p) = crate::cli::project() {
        let packs = crate::app::Setup::new(None, &args.packs.rules)
            .packs
            .join(", ");
        let shown = crate::base::fs::display_path(&p.path);
        crate::cli::print_stderr(crate::base::i18n::msg::project_in_use(&shown, &packs).get(lang));
    }
    if let Some((sources, errors)) = crate::cli::project_rev_errors(&args.baselines) {
        return Err(crate::cli::drawn_errors(sources, &errors, lang));
    }
    let baselines = args.baselines.clone().resolved();
    if let Some(out) = &args.output {
        let mut read = vec![args.file.clone()];
        read.extend(baselines.files.iter().cloned());
        let inputs = crate::base::walk::inputs_of(&read, &args.packs.rules);
        if let Err(t) = crate::base::fs::refuse_input_as_output(out, &inputs) {
            return Err(CliError::said(Prefix::Error, &t, lang));
        }
    }
    match chart_of(
        &args.file,
        &args.packs.rules,
        &baselines,
        lang,
        args.format.into(),
    ) {
        Ok(text) => match &args.output {
            Some(out) => crate::base::fs::write_output(out, text.as_bytes())
                .map(|()| EXIT_OK)
                .map_err(|message| CliError::Write { message, lang }),
            None => {
                crate::cli::print_document(&text);
                Ok(EXIT_OK)
            }
        },
        Err(report) => Err(CliError::Drawn {
            text: report,
            color: stderr_color(),
        }),
    }
}

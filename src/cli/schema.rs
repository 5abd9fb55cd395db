//! `bianzhi schema`: JSON Schema of the org file (default) or the rule pack (`--pack`), for editor
//! completion and validation; `--output DIR` writes both files.

use std::path::PathBuf;

use clap::Args;

use crate::base::i18n::Lang;
use crate::cli::{print_stdout, CliError, EXIT_OK};
use crate::render::schema::render;
use crate::schema::{all_schemas, org_schema, pack_schema, project_schema};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of rule packs instead of org files.
    #[arg(long, conflicts_with = "project")]
    pub pack: bool,
    /// Print the schema of the project file (bianzhi.toml) instead of org files.
    #[arg(long)]
    pub project: bool,
    /// Write every schema into DIR (bianzhi-org.schema.json, bianzhi-pack.schema.json,
    /// bianzhi-project.schema.json).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

pub fn run(args: SchemaArgs) -> Result<u8, CliError> {
    let Some(dir) = args.output else {
        let schema = if args.pack {
            pack_schema()
        } else if args.project {
            project_schema()
        } else {
            org_schema()
        };
        print_stdout(&render(&schema));
        return Ok(EXIT_OK);
    };
    for (name, schema) in &all_schemas() {
        // `write_output`: the words of every other file bianzhi fails to write. `schema` has no
        // `--lang`, and its failure has always been reported in English.
        crate::base::fs::write_output(&dir.join(name), render(schema).as_bytes()).map_err(
            |message| CliError::Write {
                message,
                lang: Lang::En,
            },
        )?;
    }
    Ok(EXIT_OK)
}

//! `bianzhi schema`: JSON Schema of the org file (default) or the rule pack (`--pack`), for editor
//! completion and validation; `--output DIR` writes both files.

use std::path::PathBuf;

use clap::Args;

use crate::base::fs::display_path;
use crate::cli::{print_stderr, print_stdout, EXIT_INPUT, EXIT_OK};
use crate::render::schema::render;
use crate::schema::{org_schema, pack_schema, ORG_SCHEMA_FILE, PACK_SCHEMA_FILE};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of rule packs instead of org files.
    #[arg(long)]
    pub pack: bool,
    /// Write both schemas into DIR (bianzhi-org.schema.json, bianzhi-pack.schema.json).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

pub fn run(args: SchemaArgs) -> u8 {
    let Some(dir) = args.output else {
        let schema = if args.pack {
            pack_schema()
        } else {
            org_schema()
        };
        print_stdout(&render(&schema));
        return EXIT_OK;
    };
    let files = [
        (ORG_SCHEMA_FILE, org_schema()),
        (PACK_SCHEMA_FILE, pack_schema()),
    ];
    let written = files.iter().try_for_each(|(name, schema)| {
        crate::base::fs::write_atomic(&dir.join(name), render(schema).as_bytes())
    });
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            print_stderr(&format!(
                "error: cannot write schemas to {}: {e}\n",
                display_path(&dir)
            ));
            EXIT_INPUT
        }
    }
}

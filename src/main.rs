//! The `bianzhi` binary: a thin shell over the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(bianzhi::cli::main())
}

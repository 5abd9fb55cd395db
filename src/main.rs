//! The `bianzhi` binary: a thin shell over the library.

use std::process::ExitCode;

/// mimalloc: loading allocates a small string or table per TOML value, and the system allocator
/// costs about a third of the parse time there (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(bianzhi::cli::main())
}

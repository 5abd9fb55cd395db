//! The benchmark's parse-only floor as a program of its own, to profile or count instructions
//! beside `bianzhi check` (e.g. under `valgrind --tool=callgrind`):
//! `cargo run --release --example parse_only -- DIR [JOBS]`. Reads every `*.toml` under DIR and
//! parses it with `toml::de::DeTable::parse` on JOBS threads (default: all cores), with the same
//! allocator as the binary.

use std::path::Path;

#[path = "../benches/support/files.rs"]
mod files;
#[path = "../benches/support/parse.rs"]
mod parse;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: parse_only DIR [JOBS]");
        std::process::exit(2);
    };
    if let Some(jobs) = args.get(2).and_then(|j| j.parse().ok()) {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global();
    }
    let all = files::files(Path::new(dir));
    let start = std::time::Instant::now();
    let parsed = parse::parse_all(&all);
    println!(
        "{parsed} of {} files parsed in {:.3} s",
        all.len(),
        start.elapsed().as_secs_f64()
    );
}

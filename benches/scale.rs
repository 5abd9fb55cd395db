//! Province- and nation-scale benchmark (`cargo bench --bench scale`; never a timed test).
//!
//! For each scale (towns; `BENCH_SCALES=100,1000` to choose) it generates the workload once into
//! `target/bench-data/N`, then reports: wall time of a full `bianzhi check` (the release binary, JSON
//! to /dev/null, the default pack), wall time of a parse-only pass over the same files on all cores
//! (read + `toml::de::DeTable::parse`, in process), the same pass run as a process of its own (so
//! that, like the check's figure, it includes starting and ending a process), the check's ratio to
//! each, throughput in MB/s, and the check's peak memory (max RSS from `/usr/bin/time` where
//! present). Each figure is the best of five runs.
//!
//! `BENCH_DOCUMENTED=58` makes that share (percent) of the towns name the decision that devolved
//! their powers, which halves the findings (about 800,000 instead of 1.6 million at 38,000 towns);
//! its workload goes into `target/bench-data/N-d58`.

#[path = "support/files.rs"]
mod files;
#[path = "support/parse.rs"]
mod parse;
#[path = "support/workload.rs"]
#[allow(dead_code)]
mod workload;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The same allocator as the binary, so that the parse-only floor is as fast as it can be.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn parse_only(files: &[PathBuf]) -> f64 {
    let start = Instant::now();
    let ok = parse::parse_all(files);
    assert_eq!(ok, files.len(), "generated files must parse");
    start.elapsed().as_secs_f64()
}

/// Wall seconds and peak RSS (KiB) of one full check.
fn full_check(dir: &Path) -> (f64, Option<u64>) {
    let bin = env!("CARGO_BIN_EXE_bianzhi");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M", bin]);
        c
    } else {
        Command::new(bin)
    };
    cmd.arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let out = cmd.output().expect("run bianzhi");
    let secs = start.elapsed().as_secs_f64();
    let code = out.status.code().unwrap_or(-1);
    assert!(code == 0 || code == 1, "bianzhi check exited {code}");
    let rss = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok());
    (secs, rss)
}

/// Wall seconds of the parse-only pass run as a process of its own (this program again, told by
/// `BENCH_PARSE_CHILD` to parse a folder and exit): the floor with a process's start and exit in it,
/// as the check's figure has.
fn parse_process(dir: &Path) -> f64 {
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let start = Instant::now();
    let status = Command::new(exe)
        .env("BENCH_PARSE_CHILD", dir)
        .stdout(Stdio::null())
        .status()
        .expect("run the parse-only child");
    assert!(status.success(), "the parse-only child failed");
    start.elapsed().as_secs_f64()
}

fn main() {
    if let Some(dir) = std::env::var_os("BENCH_PARSE_CHILD") {
        let _ = parse_only(&files::files(Path::new(&dir)));
        return;
    }
    let scales: Vec<usize> = std::env::var("BENCH_SCALES")
        .unwrap_or_else(|_| "100,1000,10000,38000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let documented: u64 = std::env::var("BENCH_DOCUMENTED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    println!("| towns | files | MB | parse-only (s) | full check (s) | ratio | parse-only, own process (s) | ratio to it | MB/s (check) | peak RSS (MiB) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in scales {
        let dir = match documented {
            0 => root.join(n.to_string()),
            d => root.join(format!("{n}-d{d}")),
        };
        if !dir.join(".complete").exists() {
            let _ = std::fs::remove_dir_all(&dir);
            let stats = workload::generate_documented(&dir, n, 2017, 10, documented)
                .expect("generate workload");
            eprintln!("generated {} towns in {} files", stats.towns, stats.files);
            std::fs::write(dir.join(".complete"), "").expect("mark workload");
        }
        let files = files::files(&dir);
        let bytes: u64 = files
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        let mb = bytes as f64 / 1e6;
        // Warm the page cache, then take the best of five of each (the cores are shared: single
        // runs vary by a third).
        let _ = parse_only(&files);
        let parse = (0..5).map(|_| parse_only(&files)).fold(f64::MAX, f64::min);
        let parse_proc = (0..5).map(|_| parse_process(&dir)).fold(f64::MAX, f64::min);
        let runs: Vec<(f64, Option<u64>)> = (0..5).map(|_| full_check(&dir)).collect();
        let check = runs.iter().map(|r| r.0).fold(f64::MAX, f64::min);
        let rss = runs.iter().filter_map(|r| r.1).max();
        println!(
            "| {n} | {} | {mb:.1} | {parse:.3} | {check:.3} | {:.2} | {parse_proc:.3} | {:.2} | {:.0} | {} |",
            files.len(),
            check / parse,
            check / parse_proc,
            mb / check,
            rss.map_or("n/a".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
        );
    }
}

//! Writes the benchmark's workload into a folder, to check or profile by hand:
//! `cargo run --release --example gen_workload -- DIR TOWNS [SEED] [VIOLATION_PERCENT] [DOCUMENTED_PERCENT]`
//! (the share of towns that name the decision devolving their powers: fewer BZ308 warnings).

#[path = "../benches/support/workload.rs"]
#[allow(dead_code)]
mod workload;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_workload DIR TOWNS [SEED] [VIOLATION_PERCENT] [DOCUMENTED_PERCENT]");
        std::process::exit(2);
    }
    let towns = args[2].parse().unwrap_or(100);
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2017);
    let share = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(10);
    let documented = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(0);
    match workload::generate_documented(
        std::path::Path::new(&args[1]),
        towns,
        seed,
        share,
        documented,
    ) {
        Ok(s) => println!(
            "{} files, {:.1} MB, {} towns",
            s.files,
            s.bytes as f64 / 1e6,
            s.towns
        ),
        Err(e) => {
            eprintln!("cannot write the workload: {e}");
            std::process::exit(2);
        }
    }
}

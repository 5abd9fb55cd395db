//! Writes a large roster to time `bianzhi import` by hand (docs/benchmarks.md):
//! `cargo run --release --example gen_roster -- DIR ROWS`.
//!
//! In `DIR`: `empty.toml`, a town with 40 bodies and no one on its roster; `full.toml`, the same
//! town with `ROWS` persons; `roster.csv`, those persons as a roster with the Chinese headers.
//! `bianzhi report full.toml --format xlsx -o roster.xlsx` makes the same roster as a workbook.

use std::fmt::Write as _;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_roster DIR ROWS");
        std::process::exit(2);
    }
    let dir = std::path::Path::new(&args[1]);
    let rows: usize = args[2].parse().unwrap_or(16_000);
    let bodies: Vec<String> = (0..40).map(|i| format!("b{i:02}")).collect();
    let mut org = String::from(
        "[unit]\nid = \"bigtown\"\nname = \"大镇\"\nkind = \"town\"\nas_of = 2018-06-30\n\n[quota]\nadministrative = 20000\n",
    );
    for (i, b) in bodies.iter().enumerate() {
        let _ = write!(
            org,
            "\n[[body]]\nid = \"{b}\"\nname = \"机构{i:02}\"\nkind = \"functional\"\nquota = {{ administrative = 500 }}\n"
        );
    }
    let empty = org.clone();
    let mut csv = String::from("人员编号,姓名,所在机构,编制类别,职务,职级\n");
    for k in 0..rows {
        let body = &bodies[k % bodies.len()];
        let rank = if k % 2 == 1 {
            "一级科员"
        } else {
            "二级科员"
        };
        let _ = write!(
            org,
            "\n[[person]]\nid = \"P{k:05}\"\nname = \"张{k}\"\nbody = \"{body}\"\nestablishment = \"administrative\"\ntitle = \"科员\"\nrank = \"{rank}\"\n"
        );
        let _ = writeln!(csv, "P{k:05},张{k},{body},administrative,科员,{rank}");
    }
    let write = |name: &str, text: &str| {
        if let Err(e) =
            std::fs::create_dir_all(dir).and_then(|_| std::fs::write(dir.join(name), text))
        {
            eprintln!("cannot write {name}: {e}");
            std::process::exit(2);
        }
    };
    write("empty.toml", &empty);
    write("full.toml", &org);
    write("roster.csv", &csv);
    println!("{rows} rows in {}", dir.display());
}

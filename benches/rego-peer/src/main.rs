//! The Rego peer of bianzhi's scale benchmark: BZ001, BZ101, BZ104, BZ201 and BZ202 written in Rego
//! (`rules.rego`) and evaluated with regorus over the same workload, converted from TOML to JSON.
//!
//! `cargo run --release -- DIR [THREADS]` (default 2 threads, like bianzhi on this machine). The
//! conversion is not timed; the figure is the wall time of loading the JSON into regorus and
//! evaluating the rules, with the unit groups split evenly over the threads (one engine each).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

#[path = "../../support/files.rs"]
mod files;
use files::files;

/// TOML to JSON: dates become their TOML text ("2018-06-30"), which orders as dates do.
fn to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::Value::from(i),
        toml::Value::Float(f) => serde_json::Value::from(f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: rego-peer DIR [THREADS]");
        std::process::exit(2);
    };
    let threads: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2).max(1);
    let policy = include_str!("../rules.rego");

    // Untimed: TOML to JSON, snapshots grouped by unit id, the groups split over the threads.
    let mut units: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for path in files(Path::new(dir)) {
        let text = std::fs::read_to_string(&path).expect("read");
        let table: toml::Table = text.parse().expect("parse");
        let mut doc = to_json(toml::Value::Table(table));
        let Some(id) = doc
            .pointer("/unit/id")
            .and_then(|v| v.as_str())
            .map(str::to_string)
        else {
            continue;
        };
        doc["file"] = serde_json::Value::String(path.display().to_string());
        units.entry(id).or_default().push(doc);
    }
    let n_units = units.len();
    let per = n_units.div_ceil(threads).max(1);
    let mut parts: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    for (k, (id, snaps)) in units.into_iter().enumerate() {
        if k % per == 0 {
            parts.push(serde_json::Map::new());
        }
        if let Some(part) = parts.last_mut() {
            part.insert(id, serde_json::Value::Array(snaps));
        }
    }
    let inputs: Vec<String> = parts
        .into_iter()
        .map(|units| serde_json::json!({ "units": units }).to_string())
        .collect();
    let mb: f64 = inputs.iter().map(|s| s.len() as f64).sum::<f64>() / 1e6;
    let mut base = regorus::Engine::new();
    base.add_policy("rules.rego".into(), policy.into())
        .expect("policy");

    let start = Instant::now();
    let results: Vec<(f64, f64, serde_json::Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = inputs
            .iter()
            .map(|input| {
                let mut engine = base.clone();
                s.spawn(move || {
                    let t = Instant::now();
                    engine.set_input_json(input).expect("input");
                    let load = t.elapsed().as_secs_f64();
                    let t = Instant::now();
                    let v = engine
                        .eval_rule("data.bianzhi.findings".into())
                        .expect("eval");
                    let eval = t.elapsed().as_secs_f64();
                    let json: serde_json::Value =
                        serde_json::from_str(&v.to_json_str().expect("json")).expect("json");
                    (load, eval, json)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let wall = start.elapsed().as_secs_f64();
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for (_, _, v) in &results {
        for (k, n) in v.as_object().into_iter().flatten() {
            *counts.entry(k.clone()).or_default() += n.as_u64().unwrap_or(0);
        }
    }
    let load = results.iter().map(|r| r.0).fold(0.0, f64::max);
    let eval = results.iter().map(|r| r.1).fold(0.0, f64::max);
    println!(
        "units {n_units} json_mb {mb:.1} threads {} wall_s {wall:.3} load_s {load:.3} eval_s {eval:.3} findings {}",
        inputs.len(),
        serde_json::to_string(&counts).unwrap_or_default()
    );
}

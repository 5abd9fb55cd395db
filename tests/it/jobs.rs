//! Findings do not depend on the number of worker threads, nor on the run: `check --jobs 1` and
//! `--jobs 2` give byte-identical JSON over the example orgs and a generated workload, and so do two
//! runs with the same settings.

use crate::workload;

use assert_cmd::Command;

fn check_json(jobs: &str, paths: &[&std::path::Path]) -> String {
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .arg("check")
        .args(paths)
        .args(["--format", "json", "--jobs", jobs])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "check --jobs {jobs} exited {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn findings_are_the_same_with_one_or_two_threads_and_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let stats = workload::generate(dir.path(), 50, 2017, 30).unwrap();
    assert_eq!(stats.towns, 50);
    assert!(stats.files > 50 && stats.bytes > 0);
    let orgs = std::path::Path::new("orgs");
    let paths = [orgs, dir.path()];

    let one = check_json("1", &paths);
    let two = check_json("2", &paths);
    let again = check_json("2", &paths);
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    let n = v["findings"].as_array().map_or(0, Vec::len);
    assert!(n > 20, "the workload should give findings, got {n}");
    assert!(one == two, "--jobs 1 and --jobs 2 differ");
    assert!(two == again, "two runs with --jobs 2 differ");
}

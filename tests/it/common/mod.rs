//! Helpers shared by several test modules.

pub mod chinese;

use std::path::Path;

use assert_cmd::Command;

/// Runs the binary in `dir` with no language in the environment and no colour: its exit code,
/// stdout and stderr.
pub fn bianzhi(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("bianzhi")
        .unwrap()
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The input errors of a `--format json` document, one `file:line:column message` each: what
/// the tests of bad input compare with the places they expect.
pub fn error_places(doc: &serde_json::Value) -> Vec<String> {
    doc["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            format!(
                "{}:{}:{} {}",
                e["file"].as_str().unwrap_or_default(),
                e["line"],
                e["column"],
                e["message"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

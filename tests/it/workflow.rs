//! The GitHub Actions workflow `bianzhi init` writes, in English and in Chinese: read as YAML and
//! held to what GitHub needs (triggers, permissions, every action pinned to its current major, the
//! checkout's depth for the template's `bianzhi.toml`), then run as a runner would run it — step by
//! step, with `if:`, `continue-on-error`, `$GITHUB_PATH` and the cache — in the new repository,
//! with this build's binary where the network install would put it. The install's own command
//! line is given to cargo offline, which must accept it and stop only at the fetch.
//!
//! Unix only: the steps are bash scripts, as on the workflow's `ubuntu-latest`.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_norway::Value;

const BIN: &str = env!("CARGO_BIN_EXE_bianzhi");

/// The actions the workflow uses, at the majors current when it was written (late 2026:
/// checkout v7, cache v6, and v4 of the CodeQL action, whose v3 is deprecated in December 2026).
/// A new major is one line here and one in each template.
const ACTIONS: &[(&str, &str)] = &[
    ("actions/checkout", "v7"),
    ("actions/cache/restore", "v6"),
    ("actions/cache/save", "v6"),
    ("github/codeql-action/upload-sarif", "v4"),
];

/// Where a runner finds its tools before the workflow adds any: no bianzhi there.
const SYSTEM_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
    home: PathBuf,
    workflow: Value,
    text: String,
}

fn init(lang: &str) -> Repo {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let out = Command::new(BIN)
        .arg("init")
        .arg(&root)
        .args(["--lang", lang])
        .output()
        .expect("run init");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text =
        std::fs::read_to_string(root.join(".github/workflows/bianzhi.yml")).expect("workflow");
    let workflow: Value = serde_norway::from_str(&text).expect("the workflow is YAML");
    Repo {
        _dir: dir,
        root,
        home,
        workflow,
        text,
    }
}

fn steps(workflow: &Value) -> &[Value] {
    workflow["jobs"]["check"]["steps"]
        .as_sequence()
        .expect("jobs.check.steps")
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// The one step that uses `action` (any version).
fn uses<'a>(workflow: &'a Value, action: &str) -> &'a Value {
    let found: Vec<&Value> = steps(workflow)
        .iter()
        .filter(|s| str_of(s, "uses").is_some_and(|u| u.split('@').next() == Some(action)))
        .collect();
    assert_eq!(found.len(), 1, "one step uses {action}");
    found[0]
}

/// The one step whose script runs `command`.
fn runs<'a>(workflow: &'a Value, command: &str) -> &'a Value {
    let found: Vec<&Value> = steps(workflow)
        .iter()
        .filter(|s| str_of(s, "run").is_some_and(|r| r.contains(command)))
        .collect();
    assert_eq!(found.len(), 1, "one step runs {command}");
    found[0]
}

/// The cargo command line of the install step, as words (the shell's quotes removed).
fn cargo_install_words(workflow: &Value) -> Vec<String> {
    let run = str_of(runs(workflow, "cargo +stable install"), "run").expect("run");
    let line = run
        .lines()
        .find(|l| l.trim_start().starts_with("cargo "))
        .expect("the cargo line");
    line.split_whitespace()
        .map(|w| w.replace('"', ""))
        .collect()
}

fn value_after<'a>(words: &'a [String], flag: &str) -> &'a str {
    let i = words
        .iter()
        .position(|w| w == flag)
        .unwrap_or_else(|| panic!("{flag} in {words:?}"));
    words.get(i + 1).expect("a value").as_str()
}

#[test]
fn the_workflow_is_what_github_needs() {
    for lang in ["en", "zh"] {
        let repo = init(lang);
        let w = &repo.workflow;
        assert!(
            !repo.text.contains("{repository}") && !repo.text.contains("{version}"),
            "{lang}: init fills in the template"
        );

        // Every push to main and every pull request.
        assert_eq!(w["on"]["push"]["branches"][0].as_str(), Some("main"));
        assert!(
            w["on"].get("pull_request").is_some(),
            "{lang}: pull_request"
        );

        // Exactly what the job needs: read the code, write code scanning alerts.
        let mut permissions: Vec<(String, String)> = w["permissions"]
            .as_mapping()
            .expect("permissions")
            .iter()
            .map(|(k, v)| {
                let k = k.as_str().expect("key").to_string();
                (k, v.as_str().expect("value").to_string())
            })
            .collect();
        permissions.sort();
        assert_eq!(
            permissions,
            [
                ("contents".to_string(), "read".to_string()),
                ("security-events".to_string(), "write".to_string())
            ]
        );
        // What a private repository needs is said where the permission is.
        assert!(repo.text.contains("Advanced Security"), "{lang}");

        // Installed from the repository this bianzhi was built from, at its own version's tag.
        assert_eq!(
            str_of(&w["env"], "BIANZHI_GIT"),
            Some(env!("CARGO_PKG_REPOSITORY"))
        );
        assert!(env!("CARGO_PKG_REPOSITORY").starts_with("https://"));
        assert_eq!(
            str_of(&w["env"], "BIANZHI_VERSION"),
            Some(env!("CARGO_PKG_VERSION"))
        );

        let jobs = w["jobs"].as_mapping().expect("jobs");
        assert_eq!(jobs.len(), 1);
        assert_eq!(
            str_of(&w["jobs"]["check"], "runs-on"),
            Some("ubuntu-latest")
        );

        // Every step is named, every action pinned to a major version, and the majors are the
        // current ones.
        for step in steps(w) {
            assert!(str_of(step, "name").is_some(), "{lang}: unnamed {step:?}");
            assert!(
                (step.get("uses").is_some()) != (step.get("run").is_some()),
                "{lang}: a step either uses an action or runs a script: {step:?}"
            );
            if let Some(u) = str_of(step, "uses") {
                let (action, version) = u.split_once('@').expect("action@version");
                assert!(
                    version.starts_with('v')
                        && version.len() > 1
                        && version[1..].chars().all(|c| c.is_ascii_digit()),
                    "{lang}: {u} is not pinned to a major"
                );
                let expected = ACTIONS.iter().find(|(a, _)| *a == action);
                assert_eq!(
                    expected.map(|(_, v)| *v),
                    Some(version),
                    "{lang}: {u}: not one of {ACTIONS:?}"
                );
            }
            // A script reads values from the environment, never from `${{ }}` pasted into it.
            if let Some(run) = str_of(step, "run") {
                assert!(
                    !run.contains("${{"),
                    "{lang}: expression in a script: {run}"
                );
            }
        }

        // The checkout's depth follows the project file: the whole history when a [baseline] rev
        // is read from git, one commit otherwise.
        let project: toml::Table =
            toml::from_str(&std::fs::read_to_string(repo.root.join("bianzhi.toml")).unwrap())
                .expect("bianzhi.toml");
        let rev = project.get("baseline").and_then(|b| b.get("rev")).is_some();
        let checkout = uses(w, "actions/checkout");
        let depth = checkout["with"]["fetch-depth"].as_u64();
        assert_eq!(depth, Some(if rev { 0 } else { 1 }), "{lang}");
        assert!(repo.text.contains("fetch-depth: 0"), "{lang}: say when");

        // The cache: saved under the key it was looked up with, holding the file the install
        // writes, and both skipped on a hit.
        let restore = uses(w, "actions/cache/restore");
        let save = uses(w, "actions/cache/save");
        let id = str_of(restore, "id").expect("the restore step's id");
        assert_eq!(
            str_of(&save["with"], "key"),
            Some(format!("${{{{ steps.{id}.outputs.cache-primary-key }}}}").as_str())
        );
        let key = str_of(&restore["with"], "key").expect("key");
        assert!(key.contains("env.BIANZHI_VERSION") && key.contains("env.BIANZHI_GIT"));
        let path = str_of(&restore["with"], "path").expect("path");
        assert_eq!(str_of(&save["with"], "path"), Some(path));
        let words = cargo_install_words(w);
        let root = value_after(&words, "--root").replace("$HOME", "~");
        assert_eq!(format!("{root}/bin/bianzhi"), path);
        let on_miss = format!("steps.{id}.outputs.cache-hit != 'true'");
        let install = runs(w, "cargo +stable install");
        assert_eq!(str_of(install, "if"), Some(on_miss.as_str()));
        assert_eq!(str_of(save, "if"), Some(on_miss.as_str()));

        // cargo install from git at the version's tag, with the lock file, from the env.
        assert_eq!(value_after(&words, "--git"), "$BIANZHI_GIT");
        assert_eq!(value_after(&words, "--tag"), "v$BIANZHI_VERSION");
        assert!(words.iter().any(|w| w == "--locked"));
        assert_eq!(words.last().map(String::as_str), Some("bianzhi"));

        // The check writes annotations and SARIF in one run; the upload reads that file, also
        // after a failed check, and never fails the job.
        let check = str_of(runs(w, "bianzhi check"), "run").expect("run");
        assert!(check.contains("--format github"), "{lang}: {check}");
        let sarif = check
            .split_whitespace()
            .find_map(|w| w.strip_prefix("sarif="))
            .expect("--output sarif=FILE");
        let upload = uses(w, "github/codeql-action/upload-sarif");
        assert_eq!(str_of(&upload["with"], "sarif_file"), Some(sarif));
        assert!(str_of(upload, "if").is_some_and(|c| c.contains("always()")));
        assert_eq!(upload["continue-on-error"].as_bool(), Some(true));
    }
}

/// What a step did.
#[derive(Debug, Clone)]
struct Step {
    name: String,
    /// `None`: skipped by its `if:`.
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A job's run: its steps and whether it succeeded.
#[derive(Debug)]
struct Job {
    steps: Vec<Step>,
    success: bool,
    uploaded: Option<serde_json::Value>,
}

impl Job {
    fn step(&self, name: &str) -> &Step {
        self.steps
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no step {name}: {:?}", self.steps))
    }
}

/// How the stand-in treats the cache.
#[derive(Clone, Copy, PartialEq)]
enum Cache {
    Miss,
    Hit,
}

/// `${{ … }}` in an action's inputs: the few expressions the workflow uses.
fn expand(
    text: &str,
    env: &BTreeMap<String, String>,
    outputs: &BTreeMap<String, String>,
) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("}}") + start;
        let expr = rest[start + 3..end].trim();
        let value = if expr == "runner.os" {
            "Linux".to_string()
        } else if let Some(name) = expr.strip_prefix("env.") {
            env[name].clone()
        } else if let Some(path) = expr.strip_prefix("steps.") {
            outputs.get(path).cloned().unwrap_or_default()
        } else {
            panic!("the stand-in does not know ${{{{ {expr} }}}}: teach it");
        };
        out.push_str(&value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// A step's `if:`, as GitHub evaluates the terms the workflow uses: without a status function the
/// condition has an implicit `success()`.
fn condition(
    cond: Option<&str>,
    failed: bool,
    outputs: &BTreeMap<String, String>,
    workspace: &Path,
) -> bool {
    let Some(cond) = cond else { return !failed };
    let mut status = None;
    let mut rest = true;
    for term in cond.split("&&").map(str::trim) {
        match term {
            "always()" => status = Some(true),
            "success()" => status = Some(!failed),
            "failure()" => status = Some(failed),
            _ => {
                let (lhs, rhs, equal) = if let Some((l, r)) = term.split_once("!=") {
                    (l.trim(), r.trim(), false)
                } else if let Some((l, r)) = term.split_once("==") {
                    (l.trim(), r.trim(), true)
                } else {
                    panic!("the stand-in does not know `{term}`: teach it");
                };
                let literal = rhs.trim_matches('\'');
                let value = if let Some(path) = lhs.strip_prefix("steps.") {
                    outputs.get(path).cloned().unwrap_or_default()
                } else if let Some(file) = lhs
                    .strip_prefix("hashFiles('")
                    .and_then(|f| f.strip_suffix("')"))
                {
                    // Any digest stands for a present file; '' for none.
                    let p = workspace.join(file);
                    if p.is_file() { "digest" } else { "" }.to_string()
                } else {
                    panic!("the stand-in does not know `{lhs}`: teach it");
                };
                rest &= (value == literal) == equal;
            }
        }
    }
    status.unwrap_or(!failed) && rest
}

/// Runs the job in `repo` as a GitHub-hosted runner would, with bianzhi's install replaced by this
/// build's binary put where `cargo install --root` would, and the actions by stand-ins that check
/// their inputs.
fn run_job(repo: &Repo, cache: Cache) -> Job {
    let w = &repo.workflow;
    let runner = repo.home.join("runner");
    std::fs::create_dir_all(&runner).expect("runner temp");
    let github_path = runner.join("path");
    std::fs::write(&github_path, "").expect("GITHUB_PATH");
    let mut env: BTreeMap<String, String> = w["env"]
        .as_mapping()
        .expect("env")
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Value::String(s) => s.clone(),
                other => serde_norway::to_string(other).unwrap().trim().to_string(),
            };
            (k.as_str().expect("key").to_string(), v)
        })
        .collect();
    let home = repo.home.to_str().expect("utf-8").to_string();
    for (k, v) in [
        ("HOME", home.as_str()),
        ("CI", "true"),
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_WORKSPACE", repo.root.to_str().unwrap()),
        ("GITHUB_PATH", github_path.to_str().unwrap()),
        ("GITHUB_ENV", runner.join("env").to_str().unwrap()),
        ("GITHUB_OUTPUT", runner.join("output").to_str().unwrap()),
        (
            "GITHUB_STEP_SUMMARY",
            runner.join("summary").to_str().unwrap(),
        ),
        ("RUNNER_OS", "Linux"),
        ("RUNNER_TEMP", runner.to_str().unwrap()),
        ("LANG", "C.UTF-8"),
    ] {
        env.insert(k.to_string(), v.to_string());
    }
    let tilde = |p: &str| PathBuf::from(p.replacen('~', &home, 1));

    let mut outputs: BTreeMap<String, String> = BTreeMap::new();
    let mut failed = false;
    let mut done = Vec::new();
    let mut uploaded = None;
    for step in steps(w) {
        let name = str_of(step, "name").expect("name").to_string();
        if !condition(str_of(step, "if"), failed, &outputs, &repo.root) {
            done.push(Step {
                name,
                code: None,
                stdout: String::new(),
                stderr: String::new(),
            });
            continue;
        }
        let with = |key: &str| -> String {
            expand(
                str_of(&step["with"], key).unwrap_or_else(|| panic!("{name}: with.{key}")),
                &env,
                &outputs,
            )
        };
        let id = str_of(step, "id").map(str::to_string);
        let (code, stdout, stderr) = if let Some(action) = str_of(step, "uses") {
            let action = action.split('@').next().expect("action");
            match action {
                // The repository is in place: `init` wrote it there.
                "actions/checkout" => (0, String::new(), String::new()),
                "actions/cache/restore" => {
                    let id = id.clone().expect("the restore step's id");
                    let key = with("key");
                    let path = tilde(&with("path"));
                    assert!(!key.contains("${{"), "{key}");
                    assert!(!key.contains(','), "a cache key holds no comma: {key}");
                    outputs.insert(format!("{id}.outputs.cache-primary-key"), key);
                    if cache == Cache::Hit {
                        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                        std::fs::copy(BIN, &path).expect("restore");
                        outputs.insert(format!("{id}.outputs.cache-hit"), "true".into());
                    }
                    (0, String::new(), String::new())
                }
                "actions/cache/save" => {
                    let path = tilde(&with("path"));
                    assert!(path.is_file(), "{name}: nothing to save at {path:?}");
                    assert!(!with("key").is_empty(), "{name}: an empty key");
                    (0, String::new(), String::new())
                }
                "github/codeql-action/upload-sarif" => {
                    let file = repo.root.join(with("sarif_file"));
                    let text = std::fs::read_to_string(&file).expect("the SARIF file");
                    let sarif: serde_json::Value =
                        serde_json::from_str(&text).expect("SARIF is JSON");
                    assert!(!with("category").is_empty());
                    uploaded = Some(sarif);
                    (0, String::new(), String::new())
                }
                other => panic!("the stand-in has no action {other}: teach it"),
            }
        } else {
            let script = str_of(step, "run").expect("run");
            if script.contains("cargo +stable install") {
                // The network install: this build's binary where `--root` puts it.
                let words = cargo_install_words(w);
                let root = tilde(&value_after(&words, "--root").replace("$HOME", "~"));
                std::fs::create_dir_all(root.join("bin")).unwrap();
                std::fs::copy(BIN, root.join("bin/bianzhi")).expect("install");
                (0, String::new(), String::new())
            } else {
                let added = std::fs::read_to_string(&github_path).unwrap();
                let mut path: Vec<&str> = added.lines().rev().collect();
                path.push(SYSTEM_PATH);
                let file = runner.join("step.sh");
                std::fs::write(&file, script).unwrap();
                // GitHub's shell for a `run:` without `shell:` on Linux.
                let out = Command::new("bash")
                    .arg("-e")
                    .arg(&file)
                    .env_clear()
                    .envs(&env)
                    .env("PATH", path.join(":"))
                    .current_dir(&repo.root)
                    .output()
                    .expect("bash");
                (
                    out.status.code().expect("an exit code"),
                    String::from_utf8_lossy(&out.stdout).into_owned(),
                    String::from_utf8_lossy(&out.stderr).into_owned(),
                )
            }
        };
        let continue_on_error = step["continue-on-error"].as_bool() == Some(true);
        if code != 0 && !continue_on_error {
            failed = true;
        }
        done.push(Step {
            name,
            code: Some(code),
            stdout,
            stderr,
        });
    }
    Job {
        steps: done,
        success: !failed,
        uploaded,
    }
}

/// The step names, by language: the Chinese workflow's steps have Chinese names.
fn names(lang: &str) -> [&'static str; 6] {
    if lang == "zh" {
        [
            "安装 bianzhi",
            "将 bianzhi 存入缓存",
            "将 bianzhi 加入 PATH",
            "测试规则包中的本地规则",
            "检查组织文件",
            "将问题上传到代码扫描",
        ]
    } else {
        [
            "Install bianzhi",
            "Save bianzhi to the cache",
            "Put bianzhi on the PATH",
            "Test the pack's own rules",
            "Check the org charts",
            "Upload the findings to code scanning",
        ]
    }
}

fn assert_sarif(sarif: &serde_json::Value) -> &[serde_json::Value] {
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["name"], "bianzhi");
    sarif["runs"][0]["results"].as_array().expect("results")
}

#[test]
fn the_workflow_runs_clean_in_a_new_repository() {
    for lang in ["en", "zh"] {
        for cache in [Cache::Miss, Cache::Hit] {
            let repo = init(lang);
            // No bianzhi on the runner before the workflow puts one there.
            for dir in SYSTEM_PATH.split(':') {
                assert!(!Path::new(dir).join("bianzhi").exists(), "{dir}/bianzhi");
            }
            let job = run_job(&repo, cache);
            let [install, save, path, test, check, upload] = names(lang);
            assert!(job.success, "{lang}: {:#?}", job.steps);
            let ran = |n: &str| job.step(n).code.is_some();
            assert_eq!(ran(install), cache == Cache::Miss, "{lang}");
            assert_eq!(ran(save), cache == Cache::Miss, "{lang}");
            assert_eq!(job.step(path).code, Some(0));
            assert_eq!(job.step(test).code, Some(0), "{}", job.step(test).stderr);
            assert!(job.step(test).stdout.ends_with("2 passed, 0 failed\n"));
            let check = job.step(check);
            assert_eq!(check.code, Some(0), "{lang}: {check:?}");
            assert!(!check.stdout.contains("::error"), "{lang}: {check:?}");
            assert_eq!(job.step(upload).code, Some(0));
            let sarif = job.uploaded.as_ref().expect("uploaded");
            assert!(assert_sarif(sarif).is_empty(), "{lang}: {sarif}");
        }
    }
}

#[test]
fn a_finding_fails_the_check_and_still_reaches_code_scanning() {
    for lang in ["en", "zh"] {
        let repo = init(lang);
        // The town's approved establishment below what its bodies hold.
        let town = repo.root.join("orgs/qingshui.toml");
        let text = std::fs::read_to_string(&town).unwrap();
        assert!(text.contains("administrative = 16\n"));
        std::fs::write(
            &town,
            text.replacen("administrative = 16\n", "administrative = 1\n", 1),
        )
        .unwrap();
        let job = run_job(&repo, Cache::Miss);
        let [_, _, _, _, check, upload] = names(lang);
        assert!(!job.success, "{lang}: the job fails");
        let check = job.step(check);
        assert_eq!(check.code, Some(1), "{lang}: {check:?}");
        // An annotation on the town's file, in Chinese as the workflow asks.
        let annotation = check
            .stdout
            .lines()
            .find(|l| l.starts_with("::error file=orgs/qingshui.toml,line="))
            .unwrap_or_else(|| panic!("{lang}: {check:?}"));
        let message = annotation.rsplit("::").next().unwrap();
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{annotation}"
        );
        // The upload still ran, with the same findings.
        assert_eq!(job.step(upload).code, Some(0));
        let sarif = job
            .uploaded
            .as_ref()
            .expect("uploaded after a failed check");
        let results = assert_sarif(sarif);
        assert!(!results.is_empty());
        assert!(results.iter().all(
            |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("orgs/qingshui.toml"))
        ));
        let errors = check
            .stdout
            .lines()
            .filter(|l| l.starts_with("::error "))
            .count();
        let sarif_errors = results.iter().filter(|r| r["level"] == "error").count();
        assert_eq!(errors, sarif_errors, "{lang}: {check:?}");
    }
}

/// The install step's script with the network taken away: the tag check answered yes, rustup
/// left alone, and cargo offline with an empty home. cargo must parse the command line (a flag it
/// does not know is a usage error) and stop where it would fetch the repository.
#[test]
fn the_install_step_is_a_command_cargo_accepts() {
    let cargo = std::env::var("CARGO").expect("cargo runs the tests");
    for lang in ["en", "zh"] {
        let repo = init(lang);
        let step = runs(&repo.workflow, "cargo +stable install");
        let script = str_of(step, "run").expect("run");
        let stubs = repo.home.join("stubs");
        std::fs::create_dir_all(&stubs).unwrap();
        let stub = |name: &str, body: &str| {
            let p = stubs.join(name);
            std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        };
        stub(
            "git",
            "[ \"$1\" = ls-remote ] || exit 9\necho \"$@\" > \"$HOME/ls-remote\"",
        );
        stub("rustup", "echo \"$@\" > \"$HOME/rustup\"");
        // `cargo +stable` is rustup's proxy choosing the toolchain; the toolchain's cargo itself.
        stub(
            "cargo",
            &format!("[ \"$1\" = +stable ] && shift\nexec '{cargo}' \"$@\""),
        );
        let toolchain = Path::new(&cargo).parent().unwrap().to_str().unwrap();
        let file = repo.home.join("install.sh");
        std::fs::write(&file, script).unwrap();
        let cargo_home = repo.home.join("cargo-home");
        let out = Command::new("bash")
            .arg("-e")
            .arg(&file)
            .env_clear()
            .env("HOME", &repo.home)
            .env(
                "PATH",
                format!("{}:{toolchain}:{SYSTEM_PATH}", stubs.display()),
            )
            .env("BIANZHI_GIT", "file:///nonexistent/bianzhi")
            .env("BIANZHI_VERSION", env!("CARGO_PKG_VERSION"))
            .env("CARGO_HOME", &cargo_home)
            .env("CARGO_NET_OFFLINE", "true")
            .current_dir(&repo.root)
            .output()
            .expect("bash");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("Usage:") && !stderr.contains("unexpected argument"),
            "{lang}: cargo refused the command line: {stderr}"
        );
        assert!(
            stderr.contains("can't checkout from 'file:///nonexistent/bianzhi'"),
            "{lang}: cargo stopped before the fetch: {stderr}"
        );
        assert_ne!(out.status.code(), Some(0));
        let asked = std::fs::read_to_string(repo.home.join("ls-remote")).expect("ls-remote ran");
        assert_eq!(
            asked.trim(),
            format!(
                "ls-remote --exit-code --tags file:///nonexistent/bianzhi refs/tags/v{}",
                env!("CARGO_PKG_VERSION")
            )
        );
        let rustup = std::fs::read_to_string(repo.home.join("rustup")).expect("rustup ran");
        assert!(rustup.starts_with("toolchain install stable"), "{rustup}");
    }
}

/// Without the tag, the install says so in an annotation and installs nothing.
#[test]
fn a_missing_tag_is_said_plainly() {
    let repo = init("en");
    let script = str_of(runs(&repo.workflow, "cargo +stable install"), "run").expect("run");
    let stubs = repo.home.join("stubs");
    std::fs::create_dir_all(&stubs).unwrap();
    for (name, body) in [("git", "exit 2"), ("rustup", "exit 0"), ("cargo", "exit 0")] {
        let p = stubs.join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let file = repo.home.join("install.sh");
    std::fs::write(&file, script).unwrap();
    let out = Command::new("bash")
        .arg("-e")
        .arg(&file)
        .env_clear()
        .env("HOME", &repo.home)
        .env("PATH", format!("{}:{SYSTEM_PATH}", stubs.display()))
        .env("BIANZHI_GIT", "https://example.org/bianzhi")
        .env("BIANZHI_VERSION", "9.9.9")
        .output()
        .expect("bash");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("::error title=bianzhi::no tag v9.9.9 in https://example.org/bianzhi"),
        "{stdout}"
    );
}

/// The English workflow as `init` writes it.
fn written_workflow() -> String {
    let (_, template) = bianzhi::templates::FILES
        .iter()
        .find(|(rel, _)| *rel == ".github/workflows/bianzhi.yml")
        .expect("the workflow template");
    bianzhi::templates::filled(template)
}

/// docs/ci.md shows the workflow whole, as `init` writes it.
#[test]
fn the_ci_docs_show_the_workflow_as_written() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ci.md")).unwrap();
    let block = format!("```yaml\n{}```\n", written_workflow());
    assert!(
        docs.contains(&block),
        "docs/ci.md: the workflow is not the one init writes:\n{block}"
    );
}

/// The README shows the workflow's core: every line of its excerpt is a line of the workflow.
#[test]
fn the_readme_excerpt_is_from_the_workflow() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("### A GitHub Actions workflow")
        .nth(1)
        .expect("the README's workflow section");
    let excerpt = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("the excerpt");
    let workflow = written_workflow();
    let lines: Vec<&str> = workflow.lines().map(str::trim).collect();
    for line in excerpt.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(
            lines.contains(&line),
            "README: `{line}` is not in the workflow"
        );
    }
}

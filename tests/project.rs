//! The project file `bianzhi.toml` through the binary: found upward from the working folder, its
//! packs, paths, language and `deny` used when the command line leaves them out, every flag
//! overriding it, its mistakes reported at their place (exit 2) in both languages, and what
//! `init` writes.

use std::path::Path;

use assert_cmd::Command;

fn bianzhi(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .args(args)
        .output()
        .expect("run")
}

fn out(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A repository made by `init`, with its project file replaced by `project` (none when empty).
fn repo(project: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = bianzhi(dir.path(), &["init", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let file = dir.path().join("bianzhi.toml");
    if project.is_empty() {
        std::fs::remove_file(file).expect("remove");
    } else {
        std::fs::write(file, project).expect("write");
    }
    dir
}

/// The codes of the rules in force, as `rules --format json` does not exist: from `rules`' table.
fn in_force(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["rules", "--lang", "en"];
    all.extend_from_slice(args);
    let o = bianzhi(dir, &all);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    out(&o)
}

#[test]
fn init_writes_a_project_file_that_puts_the_repository_pack_in_force() {
    let dir = repo("");
    // Without a project file and without --rules, the repository's own pack does not apply,
    // and check says so instead of passing in silence.
    let o = bianzhi(dir.path(), &["check", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("note: rules/local.toml is a rule pack but is not in force"),
        "{}",
        out(&o)
    );
    assert!(!in_force(dir.path(), &[]).contains("LOCAL101"));

    let dir = repo(include_str!("../templates/init/bianzhi.toml"));
    assert!(in_force(dir.path(), &[]).contains("LOCAL101"));
    let o = bianzhi(dir.path(), &["check", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(!out(&o).contains("not in force"), "{}", out(&o));
    // From a folder below, the same file is found and its paths are still right.
    let sub = dir.path().join("orgs");
    assert!(in_force(&sub, &[]).contains("LOCAL101"));
    let o = bianzhi(&sub, &["check", "--lang", "en"]);
    assert!(out(&o).contains("in 1 file"), "{}", out(&o));
    // A flag wins over the file.
    assert!(!in_force(dir.path(), &["--rules", "national"]).contains("LOCAL101"));
}

#[test]
fn flags_override_the_project_file() {
    let dir = repo(
        "rules = [\"rules/local.toml\"]\npaths = [\"nowhere\"]\nlang = \"zh\"\ndeny = \"warnings\"\noffice = \"某县编办\"\n",
    );
    // `paths` of the file: a folder that does not exist is an input error, in Chinese.
    let o = bianzhi(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(
        out(&o).contains("文件或文件夹不存在：nowhere"),
        "{}",
        out(&o)
    );
    // Paths and language given on the command line win.
    let o = bianzhi(dir.path(), &["check", "orgs", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("0 errors, 0 warnings"), "{}", out(&o));

    // `deny = "warnings"` of the file: a warning fails the check with no flag saying so.
    let town = std::fs::read_to_string(dir.path().join("orgs/qingshui.toml")).expect("read");
    let warned = "[rule.BZ001]\nlevel = \"warning\"\nmax = 0\n";
    std::fs::write(
        dir.path().join("rules/strict.toml"),
        format!("[pack]\nid = \"strict\"\nextends = [\"jiangsu-2017\"]\n\n{warned}"),
    )
    .expect("write");
    assert!(town.contains("[[body]]"));
    let o = bianzhi(
        dir.path(),
        &[
            "check",
            "orgs",
            "--rules",
            "rules/strict.toml",
            "--lang",
            "en",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("1 warning"), "{}", out(&o));

    // `office` of the file names the issuer of a report; `--office` wins over it.
    let report = |extra: &[&str]| {
        let path = dir.path().join("report.html");
        let mut args = vec!["report", "orgs", "--format", "html", "-o", "report.html"];
        args.extend_from_slice(extra);
        let o = bianzhi(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", out(&o));
        std::fs::read_to_string(path).expect("report")
    };
    assert!(report(&[]).contains("某县编办"));
    let flagged = report(&["--office", "某市编办"]);
    assert!(flagged.contains("某市编办") && !flagged.contains("某县编办"));
}

#[test]
fn mistakes_in_the_project_file_are_input_errors_at_their_place() {
    let dir = repo("rule = [\"rules/local.toml\"]\nlang = \"cn\"\n\n[baseline]\nfiles = [\"a.toml\"]\nrev = \"main\"\n");
    for (lang, want) in [
        (
            "en",
            [
                "bianzhi.toml:1:1: unknown top-level key `rule`",
                "did you mean `rules`?",
                "bianzhi.toml:2:8: unknown value `cn`",
                "bianzhi.toml:6:7: [baseline] takes `files` or `rev`, not both",
            ],
        ),
        (
            "zh",
            [
                "bianzhi.toml:1:1: 未知的顶层键 `rule`",
                "是否应为 `rules`？",
                "bianzhi.toml:2:8:",
                "bianzhi.toml:6:7: [baseline] 只能有 `files` 或 `rev` 之一",
            ],
        ),
    ] {
        for command in ["check", "rules", "report"] {
            let o = bianzhi(dir.path(), &[command, "--lang", lang]);
            assert_eq!(o.status.code(), Some(2), "{command}: {}", out(&o));
            for w in want {
                assert!(
                    out(&o).contains(w),
                    "{command} {lang}: want {w}\n{}",
                    out(&o)
                );
            }
        }
    }
    // `init` and `schema` do not read it.
    let o = bianzhi(dir.path(), &["schema", "--project"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
}

#[test]
fn init_attaches_the_schemas_in_editors() {
    let dir = repo(include_str!("../templates/init/bianzhi.toml"));
    let d = dir.path();
    for name in [
        "bianzhi-org.schema.json",
        "bianzhi-pack.schema.json",
        "bianzhi-project.schema.json",
    ] {
        let text = std::fs::read_to_string(d.join("schema").join(name)).expect("schema");
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert!(v["properties"].is_object(), "{name}");
    }
    let taplo: toml::Table = std::fs::read_to_string(d.join(".taplo.toml"))
        .expect("read")
        .parse()
        .expect("TOML");
    let rules = taplo["rule"].as_array().expect("rules");
    let paths: Vec<&str> = rules
        .iter()
        .filter_map(|r| r["schema"]["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "./schema/bianzhi-org.schema.json",
            "./schema/bianzhi-pack.schema.json",
            "./schema/bianzhi-project.schema.json"
        ]
    );
    for p in &paths {
        assert!(d.join(p).is_file(), "{p}");
    }
    let vscode: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(d.join(".vscode/settings.json")).expect("read"),
    )
    .expect("JSON");
    let assoc = vscode["evenBetterToml.schema.associations"]
        .as_object()
        .expect("associations");
    for (pattern, schema) in assoc {
        // Even Better TOML's server (taplo) compiles the patterns with Rust's `regex`.
        assert!(regex::Regex::new(pattern).is_ok(), "{pattern}");
        assert!(d.join(schema.as_str().expect("path")).is_file());
    }
    let org = regex::Regex::new(
        assoc
            .iter()
            .find(|(_, s)| s.as_str() == Some("./schema/bianzhi-org.schema.json"))
            .map(|(p, _)| p.as_str())
            .expect("org association"),
    )
    .expect("regex");
    assert!(org.is_match("file:///home/clerk/repo/orgs/qingshui.toml"));
}

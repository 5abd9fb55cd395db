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

    let dir = repo(include_str!("../../templates/init/bianzhi.toml"));
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
    let dir = repo(include_str!("../../templates/init/bianzhi.toml"));
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

/// Issue 20, item 4: every report names the project file in use and the packs in force — on
/// stderr for people, and in the document a program reads (JSON `project` and `packs`, SARIF
/// invocation properties, JUnit suite properties).
#[test]
fn every_report_names_the_project_file_and_the_packs_in_force() {
    let dir = repo(include_str!("../../templates/init/bianzhi.toml"));
    let o = bianzhi(dir.path(), &["check", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("using bianzhi.toml, packs in force: rules/local.toml"),
        "{stderr}"
    );
    let o = bianzhi(dir.path(), &["check", "--lang", "zh"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("使用 bianzhi.toml，生效的规则包：rules/local.toml"),
        "{stderr}"
    );

    let o = bianzhi(dir.path(), &["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["project"], "bianzhi.toml", "{doc}");
    assert_eq!(doc["packs"], serde_json::json!(["rules/local.toml"]));
    let o = bianzhi(
        dir.path(),
        &["check", "--format", "json", "--rules", "national"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["packs"], serde_json::json!(["national"]));

    let o = bianzhi(dir.path(), &["check", "--format", "sarif"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("sarif");
    let props = &doc["runs"][0]["invocations"][0]["properties"];
    assert_eq!(props["project"], "bianzhi.toml", "{doc}");
    assert_eq!(props["packs"], serde_json::json!(["rules/local.toml"]));

    let o = bianzhi(dir.path(), &["check", "--format", "junit"]);
    let xml = String::from_utf8_lossy(&o.stdout);
    assert!(
        xml.contains(r#"<property name="project" value="bianzhi.toml"/>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<property name="packs" value="rules/local.toml"/>"#),
        "{xml}"
    );

    // Without a project file: none named, the default pack in force.
    let bare = repo("");
    let o = bianzhi(bare.path(), &["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(doc["project"], serde_json::Value::Null, "{doc}");
    assert_eq!(doc["packs"], serde_json::json!(["jiangsu-2017"]));
    let o = bianzhi(bare.path(), &["check", "--lang", "en"]);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("using"));
}

/// Issue 20, item 4: a mistake in `bianzhi.toml` under `--format json|sarif|junit` is an input
/// error in a valid document on stdout (a CI step parses it), exit 2 — and in every `--output`.
#[test]
fn project_file_mistakes_are_input_errors_in_machine_formats() {
    let dir = repo("rule = [\"rules/local.toml\"]\nlang = \"cn\"\n");
    let o = bianzhi(dir.path(), &["check", "--format", "json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a JSON document");
    let errors = doc["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2, "{doc}");
    assert_eq!(errors[0]["file"], "bianzhi.toml");
    assert_eq!(errors[0]["line"], 1);
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("unknown top-level key `rule`"));
    assert_eq!(errors[1]["line"], 2);
    assert_eq!(doc["summary"]["input_errors"], 2);
    assert_eq!(doc["project"], "bianzhi.toml");

    let o = bianzhi(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--output",
            "junit=out/report.xml",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a SARIF document");
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().expect("notes");
    assert_eq!(notes.len(), 2, "{doc}");
    let xml = std::fs::read_to_string(dir.path().join("out/report.xml")).expect("junit output");
    assert!(xml.contains("bianzhi.toml"), "{xml}");
    assert!(xml.contains("<error"), "{xml}");
    let o = bianzhi(dir.path(), &["check", "--format", "junit"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("<?xml"));
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .expect("git")
        .status
        .success();
    assert!(ok, "git {args:?}");
}

/// Issue 20, item 4: a `[baseline] rev` git does not know is reported once, at its place in
/// `bianzhi.toml`, in the file's terms — not against each org file as a `--baseline-rev` the
/// user never typed.
#[test]
fn an_unknown_baseline_rev_is_reported_once_at_the_project_file() {
    let dir = repo("paths = [\"orgs\"]\n\n[baseline]\nrev = \"no-such-branch\"\n");
    std::fs::copy(
        dir.path().join("orgs/qingshui.toml"),
        dir.path().join("orgs/qingshui-2.toml"),
    )
    .expect("copy");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    let o = bianzhi(dir.path(), &["check", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    let all = out(&o);
    assert!(!all.contains("--baseline-rev"), "{all}");
    assert_eq!(
        all.matches("no-such-branch").count(),
        2,
        "once, with its snippet: {all}"
    );
    assert!(
        all.contains("bianzhi.toml:4:7: [baseline] rev of bianzhi.toml is `no-such-branch`"),
        "{all}"
    );
    let o = bianzhi(dir.path(), &["check", "--lang", "zh"]);
    assert!(
        out(&o).contains("bianzhi.toml 的 [baseline] rev 为“no-such-branch”"),
        "{}",
        out(&o)
    );
    let o = bianzhi(dir.path(), &["check", "--format", "json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let errors = doc["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{doc}");
    assert_eq!(errors[0]["file"], "bianzhi.toml");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["column"].as_u64()),
        (Some(4), Some(7))
    );
    // Outside any repository: said the same way, once.
    std::fs::remove_dir_all(dir.path().join(".git")).expect("rm .git");
    let o = bianzhi(dir.path(), &["check", "--format", "json", "--lang", "en"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let errors = doc["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{doc}");
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("is not in a git repository"));
    // A revision git knows, and a file that cannot be read at it: said in the file's terms too.
    std::fs::write(
        dir.path().join("bianzhi.toml"),
        "paths = [\"orgs\"]\n\n[baseline]\nrev = \"HEAD\"\n",
    )
    .expect("write");
    let town = dir.path().join("orgs/qingshui-2.toml");
    let good = std::fs::read(&town).expect("read");
    std::fs::write(&town, b"# \xff\n").expect("write");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    std::fs::write(&town, good).expect("write");
    let o = bianzhi(dir.path(), &["check", "--lang", "en", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(o.status.code(), Some(2), "{doc}");
    let messages: Vec<&str> = doc["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert_eq!(
        messages,
        ["[baseline] rev of bianzhi.toml is `HEAD`: orgs/qingshui-2.toml at revision HEAD is not valid UTF-8 text"],
        "{doc}"
    );
    // A flag given wins over the file: the file's revision is not asked about.
    let o = bianzhi(
        dir.path(),
        &["check", "--baseline", "orgs/qingshui.toml", "--lang", "en"],
    );
    assert!(!out(&o).contains("no-such-branch"), "{}", out(&o));
}

/// Issue 20, item 4: what `bianzhi.toml` names (`paths`, `[baseline] files`) may be a roster; its
/// lines are never printed in an error unless it is an org file.
#[test]
fn files_the_project_file_names_are_not_quoted_unless_org_files() {
    let dir = repo("paths = [\"orgs\", \"staff.csv\"]\n\n[baseline]\nfiles = [\"roster.toml\"]\n");
    std::fs::write(
        dir.path().join("staff.csv"),
        "姓名,身份证号\n张三丰,320502199001011234\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("roster.toml"),
        "[[staff]]\nname = \"李秘密\"\nid_number = 320502199001011234x\n",
    )
    .expect("write");
    // A broken org file named there is shown as every org file is.
    std::fs::write(
        dir.path().join("orgs/broken.toml"),
        "[unit]\nid = \"b\nname = \"破损镇\"\n",
    )
    .expect("write");
    for lang in ["en", "zh"] {
        for format in ["human", "json", "sarif", "junit"] {
            let o = bianzhi(dir.path(), &["check", "--lang", lang, "--format", format]);
            let all = out(&o);
            assert_eq!(o.status.code(), Some(2), "{all}");
            for secret in ["张三丰", "3205021990", "李秘密"] {
                assert!(
                    !all.contains(secret),
                    "{format} {lang}: {secret} shown:\n{all}"
                );
            }
            assert!(all.contains("staff.csv"), "{all}");
            assert!(all.contains("roster.toml"), "{all}");
            if format == "human" {
                assert!(all.contains("破损镇"), "the org file's snippet: {all}");
            }
        }
    }
}

/// Issue 20, item 4: `report` too names the project file, and does not quote what it names.
#[test]
fn report_names_the_project_file_and_does_not_quote_what_it_names() {
    let dir = repo("rules = [\"rules/local.toml\"]\npaths = [\"orgs\", \"staff.csv\"]\n");
    std::fs::write(
        dir.path().join("staff.csv"),
        "姓名,身份证号\n张三丰,320502199001011234\n",
    )
    .expect("write");
    for args in [
        &["report", "--lang", "en"][..],
        &["report", "--lang", "en", "--format", "html", "-o", "r.html"][..],
    ] {
        let o = bianzhi(dir.path(), args);
        let all = out(&o);
        assert_eq!(o.status.code(), Some(2), "{all}");
        assert!(all.contains("staff.csv:1:1"), "{all}");
        assert!(!all.contains("张三丰"), "{all}");
        assert!(all.contains("using bianzhi.toml"), "{all}");
    }
    let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap_or_default();
    assert!(!page.contains("张三丰"));
    let o = bianzhi(
        dir.path(),
        &["report", "--lang", "zh", "--format", "html", "-o", "r.html"],
    );
    assert!(
        out(&o).contains("使用 bianzhi.toml，生效的规则包：rules/local.toml"),
        "{}",
        out(&o)
    );
}

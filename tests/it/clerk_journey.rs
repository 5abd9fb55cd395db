//! A town clerk's day through the binary, on a Chinese machine and without one English word to
//! read: `init` a repository, import the real-name system's (实名制) export as it comes, see the
//! over-quota finding it causes, correct the export and import it again, check until clean, and
//! make the report the office prints. Every output on the way passes the no-stray-English check.

use std::path::Path;

use assert_cmd::Command;

use crate::common::chinese::{allowed, assert_chinese};

/// Runs bianzhi in `dir` as on a Chinese Windows or Linux desktop: the language comes from the
/// locale, never from a flag.
fn bianzhi(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("bianzhi")
        .expect("binary")
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env("LANG", "zh_CN.UTF-8")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1780358400")
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The export as the real-name system writes it: a title row, the date, its own headers and
/// spellings (所在单位, 编制类型 = 行政编, 是否持证 = 否), one new clerk in `body`.
fn export(path: &Path, body: &str) {
    let rows: [[&str; 8]; 2] = [
        [
            "序号",
            "姓名",
            "人员编号",
            "所在单位",
            "编制类型",
            "现任职务",
            "职级",
            "是否持证",
        ],
        [
            "1",
            "周某",
            "X201",
            body,
            "行政编",
            "科员",
            "一级科员",
            "否",
        ],
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "清水镇机关实名制人员信息表")
        .expect("cell");
    ws.write_string(1, 0, "导出日期：2024-06-30").expect("cell");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32 + 2, c as u16, *cell)
                .expect("cell");
        }
    }
    wb.save(path).expect("save");
}

#[test]
fn a_clerk_imports_checks_fixes_and_prints_in_chinese() {
    let allowed = allowed();
    let tmp = tempfile::tempdir().expect("tempdir");
    let repo = tmp.path().join("清水镇");

    // 1. A repository for the town, in Chinese because the machine is.
    let (code, out) = bianzhi(tmp.path(), &["init", "清水镇"]);
    assert_eq!(code, Some(0), "{out}");
    assert_chinese("init", &out, &allowed);
    let town = std::fs::read_to_string(repo.join("orgs/qingshui.toml")).expect("town");
    assert!(town.contains("# 清水镇"), "{town}");
    for written in [
        "bianzhi.toml",
        ".taplo.toml",
        "schema/bianzhi-org.schema.json",
    ] {
        assert!(repo.join(written).is_file(), "{written}");
    }
    let (code, out) = bianzhi(&repo, &["check"]);
    assert_eq!(code, Some(0), "{out}");

    // 2. The export, imported as it comes: a dry run first, which writes nothing.
    export(&repo.join("实名制导出.xlsx"), "党政办公室");
    let into = ["--into", "orgs/qingshui.toml"];
    let import = |extra: &[&str]| {
        let mut args = vec!["import", "实名制导出.xlsx"];
        args.extend_from_slice(&into);
        args.extend_from_slice(extra);
        bianzhi(&repo, &args)
    };
    let (code, out) = import(&[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("+ X201"), "{out}");
    assert!(out.contains("--write"), "{out}");
    assert!(!out.contains("周某"), "names are personal data: {out}");
    assert_chinese("import (dry run)", &out, &allowed);
    assert_eq!(
        std::fs::read_to_string(repo.join("orgs/qingshui.toml")).expect("town"),
        town,
        "a dry run wrote the file"
    );
    let (code, out) = import(&["--write"]);
    assert_eq!(code, Some(0), "{out}");
    assert_chinese("import --write", &out, &allowed);
    let imported = std::fs::read_to_string(repo.join("orgs/qingshui.toml")).expect("town");
    assert!(
        imported.contains("id = \"X201\"\nname = \"周某\"\nbody = \"office\""),
        "{imported}"
    );
    // The file's own spelling: the template writes categories in English, so does the import.
    assert!(imported.contains("establishment = \"administrative\""));

    // 3. The check finds what the new clerk costs: 党政办公室 is over its quota.
    let (code, out) = bianzhi(&repo, &["check"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("BZ101"), "{out}");
    assert!(out.contains("党政办公室"), "{out}");
    assert!(out.contains("超编"), "{out}");
    assert_chinese("check (over quota)", &out, &allowed);

    // 4. The clerk corrects the export (the post is in 便民服务中心, which has a vacancy) and
    //    imports it again: the person is moved, nobody added.
    export(&repo.join("实名制导出.xlsx"), "便民服务中心");
    let (code, out) = import(&["--write"]);
    assert_eq!(code, Some(0), "{out}");
    assert_chinese("import --write (corrected)", &out, &allowed);
    let fixed = std::fs::read_to_string(repo.join("orgs/qingshui.toml")).expect("town");
    assert_eq!(fixed.matches("id = \"X201\"").count(), 1, "{fixed}");
    assert!(fixed.contains("body = \"service\""), "{fixed}");

    // 5. Clean.
    let (code, out) = bianzhi(&repo, &["check"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 个错误"), "{out}");
    assert_chinese("check (clean)", &out, &allowed);

    // 6. The report the office prints, with its name and the date under the title.
    let (code, out) = bianzhi(
        &repo,
        &[
            "report",
            "--format",
            "html",
            "-o",
            "报告.html",
            "--office",
            "某县委编办",
        ],
    );
    assert_eq!(code, Some(0), "{out}");
    let page = std::fs::read_to_string(repo.join("报告.html")).expect("report");
    assert!(page.contains("<html lang=\"zh-CN\">"), "not in Chinese");
    assert!(page.contains("出具单位：某县委编办"));
    assert!(page.contains("生成日期：2026年6月2日"));
    assert!(page.contains("@media print"));
    assert!(page.contains("未发现问题"));
}

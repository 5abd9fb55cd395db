//! The HTML report (`bianzhi::render::html`): one self-contained page with the summary, every
//! finding, the quota tables and the charts; and, where Chromium is installed, what a real browser
//! makes of it.

use std::path::{Path, PathBuf};
use std::process::Command;

use bianzhi::app::check;
use bianzhi::base::i18n::Lang;
use bianzhi::render::html::report_html;

const TOWN: &str = "tests/fixtures/chart/town.toml";
const PACK: &str = "tests/fixtures/chart/pack.toml";

fn page(lang: Lang) -> String {
    report_html(
        &check(&[PathBuf::from(TOWN)], &[PACK.to_string()], false),
        lang,
    )
    .expect("fixture is valid")
}

#[test]
fn page_has_findings_tables_and_chart() {
    let html = page(Lang::Zh);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"zh-CN\">"));
    for code in ["BZ001", "BZ204", "BZ902"] {
        assert!(html.contains(&format!("<code>{code}</code>")), "{code}");
    }
    // Message, citation and place of a finding.
    assert!(html.contains("职能机构 5 个，超过上限 4 个"));
    assert!(html.contains("江苏经济发达镇意见 二(二)"));
    assert!(html.contains("tests/fixtures/chart/town.toml:49:1"));
    // The chart, inline, with a body's name escaped once.
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(html.contains("规划建设&quot;一张图&quot;服务中心 &lt;试点&gt; &amp; 窗口"));
    // The quota table: dzb has 5 approved (4 administrative + 1 worker), 3 in post.
    assert!(html.contains(
        "<td style=\"padding-left:9px\">党政办公室</td><td>职能机构</td><td class=\"num\">5</td><td class=\"num\">3</td><td class=\"num\">2</td>"
    ));
    assert!(html.contains("合计（本级核定）"));
}

#[test]
fn page_is_self_contained() {
    let html = page(Lang::En);
    assert!(html.contains("<html lang=\"en\">"));
    for banned in ["<script", "<link", "src=", "@import", "url(", "https://"] {
        assert!(
            !html.contains(banned),
            "page must not load anything: found {banned}"
        );
    }
    // Issue 20, item 10: the page says so itself, for the browser to enforce: no script, no
    // request, no form.
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none';"));
    assert!(html.contains("form-action 'none'"));
    // The only URL is the SVG namespace, which is a name, not a fetch.
    assert_eq!(
        html.matches("http://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
}

#[test]
fn input_errors_are_reported_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[unit]\nid = \"x\"\nname = \"某镇\"\nkind = \"城市\"\nas_of = 2018-01-01\n",
    )
    .unwrap();
    let err = report_html(&check(&[bad], &[PACK.to_string()], false), Lang::En).unwrap_err();
    assert!(err.contains("bad.toml:4:"), "{err}");
}

/// Writes the report for `scripts/browser-test.sh` when it asks (BZ_HTML_OUT), else does nothing.
/// BZ_HTML_INPUT (paths separated by `:`) and BZ_HTML_RULES choose what is checked; the default
/// is the fixture town.
#[test]
fn write_html_for_browser_script() {
    let Some(out) = std::env::var_os("BZ_HTML_OUT") else {
        return;
    };
    let input = std::env::var("BZ_HTML_INPUT").unwrap_or_else(|_| TOWN.to_string());
    let rules = std::env::var("BZ_HTML_RULES").unwrap_or_else(|_| PACK.to_string());
    let lang = match std::env::var("BZ_HTML_LANG").as_deref() {
        Ok("en") => Lang::En,
        _ => Lang::Zh,
    };
    let paths: Vec<PathBuf> = input.split(':').map(PathBuf::from).collect();
    let html = report_html(&check(&paths, &[rules], false), lang).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out, html).unwrap();
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

fn dump_dom(browser: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Loads the page in headless Chromium and checks the DOM it built: the findings' codes, the
/// chart's `<svg>` with the bodies' names. Skipped (with a note) where Chromium is not installed,
/// unless BZ_REQUIRE_BROWSER is set, as `scripts/browser-test.sh` does.
#[test]
fn chromium_renders_findings_and_chart() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("BZ_REQUIRE_BROWSER").is_none(),
            "BZ_REQUIRE_BROWSER is set but chromium is not on PATH"
        );
        eprintln!("note: chromium not on PATH; skipping the browser test (scripts/browser-test.sh installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    std::fs::write(&file, page(Lang::Zh)).unwrap();
    let dom = dump_dom(&browser, &file);
    for code in ["BZ001", "BZ204", "BZ902"] {
        assert!(dom.contains(code), "{code} not in the DOM");
    }
    assert!(dom.contains("<svg"), "no chart in the DOM");
    for name in [
        "桥头镇",
        "综合执法局",
        "综合执法一中队",
        "吴江分局桥头派出所",
    ] {
        assert!(dom.contains(name), "{name} not in the DOM");
    }
    // The browser parsed the escaped name back into text, and re-escaped it the same way.
    assert!(dom.contains("&lt;试点&gt; &amp; 窗口"));
}

#!/usr/bin/env bash
# The offline page in a real browser: headless Chromium (Debian's, driven by Playwright for
# Python) opens the page (target/web-test/index.html, built as the shipped one without
# whole-program optimisation) from file:// and we check what it does.
#
#   scripts/web-test.sh [OUT_DIR]        # BZ_WEB_SKIP_BUILD=1: use the page already built
#
# 1. builds the page (scripts/build-web.sh) and installs chromium and playwright when missing;
# 2. picks orgs/ through the folder input: the findings table must list exactly the findings of
#    `bianzhi check orgs --format json` (code, file, line, column), in Chinese;
# 3. the chart is an <svg> with the unit's bodies; a plan shows its baseline's chart and the diff;
#    the ledger is shown;
# 4. the report downloads (a blob:) and holds every finding's code; the ledger downloads as xlsx;
# 5. the language switch turns headings and findings into English (the CLI's --lang en messages);
# 6. a pack file among the files picked, chosen in the pack list, gives `--rules FILE`'s findings;
#    a bad file shows its input error with line and column and the other files are still checked;
# 7. a CSV roster imported into the file shown adds its person (after its preview, applied);
# 8. an edit in the editor that fixes a finding (BZ001's fixture) makes it go away;
# 9. every request the page made is file:, data: or blob: (nothing leaves the computer);
# 10. the page's Content-Security-Policy: no 'unsafe-inline' for scripts (the two scripts by
#     hash), form-action 'none', no network; an inline script put into the page does not run;
# 11. unreadable input is never "no findings": a file of bad UTF-8 alone says nothing was
#     checked, and the report button says why no report was made; a file over the page's limit
#     is an input error in the page's words and the good file beside it is still checked;
# 12. a trap of the engine is reported in words, the engine restarted, and the page still checks;
# 13. a plan without its baseline says "未对照现状" where the diff would be;
# 14. a county's chart draws its towns and its ledger sets its limit against the towns' quotas;
# 15. the pack list shows the packs' titles;
# 16. a real-name system export (title, two-row header, Excel dates, 合计, footer) imports with a
#     preview (+ ~ -), apply and cancel; "replace" removes the people the export lacks;
# 17. the chart opens large, its smallest words at 12 px or more;
# 18. no message the page shows names a command-line flag (--force, --baseline, …).
# Leaves screenshots (page.png: the findings; page-file.png: a plan's file, charts and diff) and
# report.html in OUT_DIR (docs/web.png and docs/web-file.png are these, for the README). Exit 1 when any check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

out_dir="${1:-$(mktemp -d)}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

source scripts/need-chromium.sh web-test
if ! python3 -c "import playwright" 2>/dev/null; then
    echo "web-test: installing playwright (Python; the browser is the system's chromium)" >&2
    python3 -m pip install --quiet playwright >&2 \
        || python3 -m pip install --quiet --break-system-packages playwright >&2
fi

# The page as target/web-test/index.html: the shipped page's code, built without whole-program
# optimisation (profile wasm-test), which only makes the file smaller.
if [ "${BZ_WEB_SKIP_BUILD:-}" != 1 ] || ! [ -s target/web-test/index.html ]; then
    BZ_WASM_PROFILE=wasm-test bash scripts/build-web.sh
fi
# BIANZHI: a binary already built (.ci/run passes the one `cargo test` made).
bin=${BIANZHI:-}
if [ -z "$bin" ]; then
    cargo build --quiet
    bin=target/debug/bianzhi
fi
"$bin" check orgs --format json --lang zh >"$out_dir/orgs-zh.json" || [ $? = 1 ]
"$bin" check orgs --format json --lang en >"$out_dir/orgs-en.json" || [ $? = 1 ]
"$bin" check tests/fixtures/chart --rules tests/fixtures/chart/pack.toml --format json --lang zh \
    >"$out_dir/chart-zh.json" || [ $? = 1 ]

python3 - "$out_dir" <<'PY'
import json, os, re, sys
from playwright.sync_api import expect, sync_playwright

out = sys.argv[1]
page_url = "file://" + os.path.abspath("target/web-test/index.html")
cli = {lang: json.load(open(f"{out}/orgs-{lang}.json")) for lang in ("zh", "en")}
failed = []

def check(what, ok, detail=""):
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok else f": {detail}"))
    if not ok:
        failed.append(what)

requests = []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1500, "height": 1100})
    page = ctx.new_page()
    page.on("request", lambda r: requests.append(r.url))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_url)
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    check("the page starts (WebAssembly loaded)", page.get_attribute("body", "data-failed") is None)
    check("Chinese by default", page.inner_text("h1") == "bianzhi 机构编制检查", page.inner_text("h1"))

    # orgs/ through the folder input.
    page.set_input_files("#folder", "orgs")
    page.wait_for_selector("#findings table")
    rows = page.query_selector_all("tr.finding")
    shown = sorted(
        (r.query_selector("code").inner_text(), r.query_selector("td.loc").inner_text()) for r in rows
    )
    want = sorted((f["code"], f'{f["file"]}:{f["line"]}:{f["column"]}') for f in cli["zh"]["findings"])
    check(f"findings table = `bianzhi check orgs --format json` ({len(want)} findings)", shown == want,
          f"page {shown} vs cli {want}")
    text = page.inner_text("#findings")
    check("findings in Chinese (the CLI's --lang zh messages)",
          all(f["message"] in text for f in cli["zh"]["findings"]))
    summary = cli["zh"]["summary"]
    cards = [int(n) for n in page.eval_on_selector_all(".card .n", "els => els.map(e => e.textContent)")]
    check("summary cards", cards == [summary["error"], summary["warning"], summary["info"], summary["input_errors"]],
          cards)

    # A finding's span marked in its file; the chart of that file.
    page.click("tr.finding")
    check("a finding's span is marked in the file", page.query_selector("#marks mark.current") is not None)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=f"{out}/page.png")
    svg = page.inner_html("#chart")
    check("the org chart is an <svg>", "<svg" in svg)
    # The plan: its baseline's chart and the diff.
    plan = "orgs/wujiang/shengze/2019-plan.toml"
    page.select_option("#file", plan)
    check("a plan shows its baseline's chart", "<svg" in page.inner_html("#chart-before")
          and page.is_visible("#plan"))
    check("a plan shows the diff", "盛泽" in page.inner_text("#diff")
          and page.locator("#diff table.diff").count() >= 3, page.inner_text("#diff")[:200])
    check("the plan's transfers are in the diff", "吴编〔2019〕3号" in page.inner_text("#diff"))
    check("the staffing ledger is shown", page.locator("#ledger table.quota").count() >= 3
          and "党政办公室" in page.inner_text("#ledger"))
    page.locator("section.file").screenshot(path=f"{out}/page-file.png")

    # Downloads: the report and the ledger.
    with page.expect_download() as d:
        page.click("#dl-report")
    report = open(d.value.path(), encoding="utf-8").read()
    open(f"{out}/report.html", "w", encoding="utf-8").write(report)
    check("the report downloads with every finding's code",
          report.startswith("<!DOCTYPE html>") and all(f["code"] in report for f in cli["zh"]["findings"]))
    with page.expect_download() as d:
        page.click("#dl-ledger")
    check("the ledger downloads as xlsx", open(d.value.path(), "rb").read(2) == b"PK")

    # The language switch.
    page.click("#lang")
    # (No wait_for_function: the page's Content-Security-Policy forbids the eval it uses.)
    expect(page.locator("h1")).to_have_text("bianzhi staffing quota check")
    text = page.inner_text("#findings")
    check("English after the switch (the CLI's --lang en messages)",
          all(f["message"] in text for f in cli["en"]["findings"]))
    page.click("#lang")
    expect(page.locator("h1")).to_have_text("bianzhi 机构编制检查")

    # A pack among the files picked, chosen as the rule pack (`--rules FILE`).
    page.click("#clear")
    page.set_input_files("#folder", "tests/fixtures/chart")
    page.wait_for_selector("#cards .card")
    page.select_option("#pack", "chart/pack.toml")
    want = sorted((f["code"], f'{f["line"]}:{f["column"]}') for f in json.load(open(f"{out}/chart-zh.json"))["findings"])
    expect(page.locator("tr.finding")).to_have_count(len(want))
    shown = sorted((r.query_selector("code").inner_text(), r.query_selector("td.loc").inner_text().split(":", 1)[1])
                   for r in page.query_selector_all("tr.finding"))
    check(f"a pack file picked = `--rules FILE` ({len(want)} findings)", shown == want, f"{shown} vs {want}")

    # A roster (CSV) imported into the file shown: the person appears in the editor.
    page.click("#clear")
    page.set_input_files("#files", ["orgs/wujiang/qidu/2018.toml"])
    page.wait_for_selector("#cards .card")
    page.set_input_files("#roster", files=[{"name": "名册.csv", "mimeType": "text/csv",
                                             "buffer": "人员编号,所在机构,编制类别\nQD9001,qidu,行政\n".encode()}])
    page.wait_for_selector("#import-actions:not([hidden])")
    check("a roster's preview before anything changes", "+ QD9001" in page.inner_text("#import")
          and "QD9001" not in page.input_value("#editor"), page.inner_text("#import"))
    page.click("#import-apply")
    expect(page.locator("#editor")).to_have_value(re.compile("QD9001"))
    check("a roster imported into the file shown", "QD9001" in page.input_value("#editor"),
          page.inner_text("#import"))

    # A bad file among good ones: its error with line and column, the others still checked.
    page.click("#clear")
    page.set_input_files("#files", ["orgs/examples/violations/huangqiao.toml", "tests/fixtures/rules/BZ001/violation.toml"])
    page.wait_for_selector("#findings table")
    page.select_option("#file", "violation.toml")
    good = page.input_value("#editor")
    page.fill("#editor", good.replace('name = "盛泽镇"', 'name = "盛泽镇'))
    page.wait_for_selector("#errors-box:not([hidden])")
    err = page.inner_text("#errors")
    check("a bad file: its input error with line and column", re.search(r"violation\.toml:\d+:\d+", err) is not None, err)
    places = page.eval_on_selector_all("tr.finding td.loc", "els => els.map(e => e.textContent)")
    check("a bad file: the other files are still checked",
          places and all(p.startswith("huangqiao.toml:") for p in places), places)

    # An edit that fixes a finding: the 11th functional body becomes an institution (BZ001).
    page.fill("#editor", good)
    page.wait_for_selector("#errors-box[hidden]", state="attached")
    bz001 = page.locator("tr.finding", has=page.locator("code", has_text="BZ001")).filter(has_text="violation.toml:")
    check("BZ001 in violation.toml before the edit", bz001.count() == 1, bz001.count())
    fixed = re.sub(r'(name = "自然资源局"\nkind = )"functional"', r'\1"institution"', good)
    check("the fixture has the body to edit", fixed != good)
    page.click("#editor")
    page.fill("#editor", fixed)
    expect(bz001).to_have_count(0, timeout=10000)
    check("the edit fixed BZ001 (and the other file keeps its findings)",
          bz001.count() == 0 and page.locator("tr.finding").filter(has_text="huangqiao.toml:").count() > 0)
    with page.expect_download() as d:
        page.click("#dl-toml")
    check("the edited TOML downloads", open(d.value.path(), encoding="utf-8").read() == fixed)

    flag = re.compile(r"(?<![\w-])--[a-z]")
    def no_flags(what):
        text = page.inner_text("body")
        m = flag.search(text)
        check(f"no command-line flag in the page's words ({what})", m is None,
              text[max(0, m.start() - 120):m.end() + 60] if m else "")

    # 10. The Content-Security-Policy.
    html = open("target/web-test/index.html", encoding="utf-8").read()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    check("CSP: scripts by hash, no 'unsafe-inline' for scripts",
          "'unsafe-inline'" not in directives.get("script-src", ["'unsafe-inline'"])
          and sum(v.startswith("'sha256-") for v in directives["script-src"]) == 2
          and "'unsafe-inline'" not in directives.get("default-src", []), csp)
    check("CSP: default-src 'none', connect-src 'none', form-action 'none'",
          directives.get("default-src") == ["'none'"] and directives.get("connect-src") == ["'none'"]
          and directives.get("form-action") == ["'none'"], csp)
    page.evaluate("""() => { const s = document.createElement("script");
        s.textContent = "document.body.dataset.injected = '1'"; document.body.appendChild(s); }""")
    page.wait_for_timeout(200)
    check("CSP: a script put into the page does not run", page.get_attribute("body", "data-injected") is None)

    # 11. Unreadable input: never "no findings".
    page.click("#clear")
    page.set_input_files("#files", files=[{"name": "town.toml", "mimeType": "application/toml",
                                            "buffer": b'[unit]\nid = "a\xff"\n'}])
    page.wait_for_selector("#no-findings")
    shown = page.inner_text("#no-findings")
    check("bad UTF-8 alone: not \"未发现问题\", but that nothing was checked",
          "未发现问题" not in shown and "个文件无法检查" in shown and "未作任何检查" in shown, shown)
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.click("#dl-report")
    page.wait_for_selector("#notice:not([hidden])")
    check("no report when nothing was checked, and the page says why",
          not downloads and "未生成检查报告" in page.inner_text("#notice"), page.inner_text("#notice"))
    big = b"# " + b"x" * (17 * 1024 * 1024) + b"\n"
    page.click("#clear")
    page.set_input_files("#files", files=[
        {"name": "big.toml", "mimeType": "application/toml", "buffer": big},
        {"name": "qidu.toml", "mimeType": "application/toml", "buffer": open("orgs/wujiang/qidu/2018.toml", "rb").read()}])
    page.wait_for_selector("#errors-box:not([hidden])")
    err = page.inner_text("#errors")
    check("a file over the page's limit: an input error in the page's words",
          "超过 16 MiB 的大小上限" in err and "命令行" in err and "--" not in err, err)
    line = page.inner_text("#summary-line")
    check("... and the file beside it is checked", "1 个文件无法检查" in line and "其余 1 个文件" in line, line)
    with page.expect_download() as d:
        page.click("#dl-report")
    report = open(d.value.path(), encoding="utf-8").read()
    check("the report of the others says a file could not be checked", "1 个文件无法检查" in report)
    no_flags("a file over the limit")

    # 12. A trap of the engine: said, the engine made again, the page still checks.
    page.evaluate("""() => { const real = E.check; E.check = () => { E.check = real;
        throw new WebAssembly.RuntimeError("unreachable"); }; }""")
    page.click("#lang")
    page.wait_for_selector("#notice:not([hidden])")
    said = page.inner_text("#notice")
    check("a trap is said in words", "engine failed" in said and "unreachable" in said, said)
    expect(page.locator("#summary-line")).to_contain_text("could not be checked", timeout=20000)
    page.click("#lang")
    page.click("#clear")
    page.set_input_files("#files", ["orgs/examples/violations/huangqiao.toml"])
    expect(page.locator("tr.finding").first).to_be_visible(timeout=20000)
    check("after a trap, a good file is checked", page.locator("tr.finding").count() > 0
          and page.get_attribute("body", "data-engine-failures") == "1")

    # 13. A plan without its baseline.
    page.click("#clear")
    page.set_input_files("#files", ["orgs/wujiang/shengze/2019-plan.toml"])
    page.wait_for_selector("#cards .card")
    check("a plan alone: the chart says 未对照现状", "未对照现状" in page.inner_html("#chart"))
    check("a plan alone: 未对照现状 where the diff would be", page.is_visible("#plan")
          and "未对照现状" in page.inner_text("#diff") and page.locator("#diff table").count() == 0,
          page.inner_text("#diff")[:200])
    chart = page.inner_html("#chart")
    check("a plan alone: nothing marked as an increase or a person lost",
          not any(c in chart for c in ("BZ104", "BZ501", "BZ502")))
    no_flags("a plan alone")

    # 14. A county: its towns in its chart, its limit against their quotas in the ledger.
    page.click("#clear")
    page.set_input_files("#folder", "orgs/wujiang")
    page.wait_for_selector("#cards .card")
    page.select_option("#file", "wujiang/wujiang.toml")
    chart = page.inner_html("#chart")
    check("a county's chart draws its towns", "七都镇" in chart and "盛泽镇" in chart, chart[:300])
    ledger = page.inner_text("#ledger")
    check("a county's ledger: its limit against its towns' quotas (限额 / 各镇核定 / 余额)",
          all(w in ledger for w in ("编制限额", "各镇核定", "余额")), ledger[:400])

    # 17. The chart opened large: a town's, whose words are a few pixels in the pane.
    page.select_option("#file", "wujiang/shengze/2018.toml")
    page.click("#zoom")
    page.wait_for_selector("#large:not([hidden])")
    # A word's size on screen: its font size in the chart's units, times the chart's scale.
    size_js = """(sel) => { const svg = document.querySelector(sel); const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * k)); }"""
    small = page.evaluate(size_js, "#chart svg")
    smallest = page.evaluate(size_js, "#large-chart svg")
    check(f"the chart opened large: its smallest words {smallest:.1f} px (in the pane {small:.1f} px)", smallest >= 12 and small < 12, smallest)
    page.click("#large-close")

    # 15. Packs by their titles.
    options = page.eval_on_selector_all("#pack option", "els => els.map(e => e.textContent)")
    check("the pack list shows the packs' titles",
          any("江苏省深化经济发达镇行政管理体制改革" in o for o in options), options)
    page.click("#clear")
    page.set_input_files("#folder", "tests/fixtures/chart")
    page.wait_for_selector("#cards .card")
    options = page.eval_on_selector_all("#pack option", "els => els.map(e => e.textContent)")
    check("a pack file among the files is shown by its title", any("chart fixture" in o for o in options), options)

    # 16. A real-name system export into its town, in the page, with no options.
    page.click("#clear")
    page.set_input_files("#files", ["tests/fixtures/import/qingshui/2024.toml"])
    page.wait_for_selector("#cards .card")
    before = page.input_value("#editor")
    page.set_input_files("#roster", ["tests/fixtures/import/qingshui/实名制导出.xlsx"])
    page.wait_for_selector("#import-actions:not([hidden])")
    preview = page.inner_text("#import")
    check("an export: a preview of the people added, nothing changed yet",
          all(f"+ X10{i}" in preview for i in range(1, 7)) and page.input_value("#editor") == before
          and "合计" in preview, preview)
    page.click("#import-cancel")
    check("cancel leaves the file as it was", page.input_value("#editor") == before)
    page.set_input_files("#roster", ["tests/fixtures/import/qingshui/实名制导出.xlsx"])
    page.wait_for_selector("#import-actions:not([hidden])")
    page.click("#import-apply")
    expect(page.locator("#editor")).to_have_value(re.compile("X106"))
    check("apply puts the people into the file", page.input_value("#editor").count("[[person]]") == 6)
    # The same people but 吴某 (X106), who has left: a full export of five.
    smaller = ("人员编号,所在单位,编制类型\nX101,清水镇党政办公室,行政编\nX102,清水镇综合行政执法局,行政编\n"
               "X103,清水镇便民服务中心,事业编\nX104,清水镇人民政府,行政编\nX105,中共清水镇委员会,行政编\n")
    page.set_input_files("#roster", files=[{"name": "全量.csv", "mimeType": "text/csv", "buffer": smaller.encode()}])
    page.wait_for_selector("#import-actions:not([hidden])")
    kept = page.inner_text("#import")
    page.check("#import-replace")
    expect(page.locator("#import")).to_contain_text("- X106")
    replaced = page.inner_text("#import")
    check("replace the roster: the person the export lacks leaves", "- X106" not in kept and "- X106" in replaced, replaced)
    page.click("#import-apply")
    expect(page.locator("#editor")).not_to_have_value(re.compile("X106"))
    page.uncheck("#import-replace")
    bad = "人员编号,所在单位,编制类型\nX201,宣传办,行政编\nX202,清水镇党政办公室,行政编\n"
    page.set_input_files("#roster", files=[{"name": "坏.csv", "mimeType": "text/csv", "buffer": bad.encode()}])
    expect(page.locator("#import")).to_contain_text("宣传办")
    check("a row that cannot be read: said, with the page's option rather than --force",
          "只导入无误的行" in page.inner_text("#import"), page.inner_text("#import"))
    no_flags("an import with a bad row")
    page.check("#import-force")
    expect(page.locator("#import")).to_contain_text("+ X202")
    page.uncheck("#import-force")
    # A roster over the page's limit (a 50 MB one ran 145 s and trapped): refused before it is read.
    page.set_input_files("#roster", files=[{"name": "大名册.csv", "mimeType": "text/csv", "buffer": b"x" * (17 * 1024 * 1024)}])
    expect(page.locator("#import")).to_contain_text("超过本页面 16 MiB 的大小上限")
    check("a roster over the page's limit is refused in the page's words", "bianzhi import" in page.inner_text("#import"))
    no_flags("a roster over the limit")


    check("no script error in the page", not errors, errors)
    browser.close()

bad = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
check(f"no network request ({len(requests)} requests, all file:, data: or blob:)", not bad, bad)
if failed:
    print(f"web-test: FAILED ({len(failed)} checks; files in {out})", file=sys.stderr)
    sys.exit(1)
print(f"web-test: passed (files in {out})")
PY

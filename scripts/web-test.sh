#!/usr/bin/env bash
# The offline page in a real browser: headless Chromium (Debian's, driven by Playwright for
# Python) opens target/web/index.html from file:// and we check what it does.
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
# 7. a CSV roster imported into the file shown adds its person;
# 8. an edit in the editor that fixes a finding (BZ001's fixture) makes it go away;
# 9. every request the page made is file:, data: or blob: (nothing leaves the computer).
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

if [ "${BZ_WEB_SKIP_BUILD:-}" != 1 ] || ! [ -s target/web/index.html ]; then
    bash scripts/build-web.sh
fi
cargo build --quiet
bin=target/debug/bianzhi
"$bin" check orgs --format json --lang zh >"$out_dir/orgs-zh.json" || [ $? = 1 ]
"$bin" check orgs --format json --lang en >"$out_dir/orgs-en.json" || [ $? = 1 ]
"$bin" check tests/fixtures/chart --rules tests/fixtures/chart/pack.toml --format json --lang zh \
    >"$out_dir/chart-zh.json" || [ $? = 1 ]

python3 - "$out_dir" <<'PY'
import json, os, re, sys
from playwright.sync_api import expect, sync_playwright

out = sys.argv[1]
page_url = "file://" + os.path.abspath("target/web/index.html")
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
    page.wait_for_selector("#import-box:not([hidden])")
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

    check("no script error in the page", not errors, errors)
    browser.close()

bad = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
check(f"no network request ({len(requests)} requests, all file:, data: or blob:)", not bad, bad)
if failed:
    print(f"web-test: FAILED ({len(failed)} checks; files in {out})", file=sys.stderr)
    sys.exit(1)
print(f"web-test: passed (files in {out})")
PY

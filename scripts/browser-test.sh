#!/usr/bin/env bash
# Browser test of the HTML report: headless Chromium loads the page and we check what it shows.
#
#   scripts/browser-test.sh [OUT_DIR]
#
# 1. installs Debian's `chromium` when it is missing (apt-get, as root);
# 2. renders the HTML report of the fixture town (tests/fixtures/chart/town.toml, with the
#    fixture pack, which gives findings at three levels) — or of BZ_HTML_INPUT with BZ_HTML_RULES;
# 3. `--dump-dom`: the DOM must hold every finding's code and the chart's <svg> with the bodies'
#    names;
# 4. `--screenshot`: the PNG must not be blank (many distinct pixel values);
# 5. runs the Rust browser test with BZ_REQUIRE_BROWSER=1, so that it cannot skip;
# 6. prints the report of orgs/wujiang (a county, its towns and a plan) to PDF through Playwright
#    and checks the printed layout: A4 pages, the title page with the office and the date, each
#    unit and the plan's changes starting a page, the before/after chart; the first line of every
#    page is compared with tests/it/snapshots/print_wujiang_zh.txt (BZ_UPDATE_PRINT=1 rewrites it);
# 7. opens the Word document (`report --format docx`) with python-docx, a reader of its own.
# Fails (exit 1) when any check fails. Leaves report.html, dom.html, report.png, print.html,
# print.pdf and report.docx in OUT_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

out_dir="${1:-$(mktemp -d)}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

source scripts/need-chromium.sh browser-test

# BIANZHI: a binary already built (.ci/run passes the one `cargo test` made); else `cargo run`.
bianzhi() {
    if [ -n "${BIANZHI:-}" ]; then
        "$BIANZHI" "$@"
    else
        bianzhi "$@"
    fi
}

# The report. Once `bianzhi report --format html` exists it renders the page; until then the
# library function renders it through a test hook (tests/it/html_report.rs).
html="$out_dir/report.html"
input="${BZ_HTML_INPUT:-tests/fixtures/chart/town.toml}"
rules="${BZ_HTML_RULES:-tests/fixtures/chart/pack.toml}"
if bianzhi report --help 2>/dev/null | grep -q html; then
    IFS=: read -r -a paths <<<"$input"
    bianzhi report --format html --lang zh --rules "$rules" -o "$html" "${paths[@]}" || {
        rc=$?
        # 1 only says that there are findings; the page is written all the same.
        [ "$rc" = 1 ] || exit "$rc"
    }
else
    BZ_HTML_OUT="$html" BZ_HTML_INPUT="$input" BZ_HTML_RULES="$rules" \
        cargo test -q --test it -- --exact html_report::write_html_for_browser_script >/dev/null
fi
[ -s "$html" ] || { echo "browser-test: no report written to $html" >&2; exit 1; }

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chrome() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --hide-scrollbars "$@" 2>/dev/null
}

fail=0
check() { # check WHAT PATTERN FILE
    if grep -qF -- "$2" "$3"; then
        echo "ok    $1"
    else
        echo "FAIL  $1: '$2' not found" >&2
        fail=1
    fi
}

chrome --dump-dom "file://$html" >"$out_dir/dom.html"
[ -s "$out_dir/dom.html" ] || { echo "browser-test: chromium produced no DOM" >&2; exit 1; }
# Every code the page lists must be in what the browser built, and there must be some.
codes=$(grep -o '<code>BZ[0-9]*</code>' "$html" | sort -u | sed 's/<[^>]*>//g' || true)
[ -n "$codes" ] || { echo "FAIL  the report lists no findings" >&2; fail=1; }
for c in $codes; do check "finding $c in the DOM" "$c" "$out_dir/dom.html"; done
check "chart <svg> in the DOM" '<svg' "$out_dir/dom.html"
check "chart class in the DOM" 'class="bianzhi-chart"' "$out_dir/dom.html"
# Body names: every <text> of a body box in the page's SVG is in the DOM.
names=$(grep -o 'font-weight="bold" fill="#1a1a1a" text-anchor="middle">[^<]*' "$html" \
    | sed -e 's/.*>//' -e 's/&quot;/"/g' -e "s/&apos;/'/g" | sort -u || true)
[ -n "$names" ] || { echo "FAIL  the chart has no bodies" >&2; fail=1; }
while IFS= read -r n; do
    [ -n "$n" ] && check "body '$n' in the chart" "$n" "$out_dir/dom.html"
done <<<"$names"

png="$out_dir/report.png"
chrome --window-size=1400,2000 --screenshot="$png" "file://$html" >/dev/null
python3 - "$png" <<'PY' || fail=1
# Not blank: decode the PNG with zlib (no extra packages) and count distinct pixel values.
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
w, h, depth, ctype = ihdr[:4]
bpp = {2: 3, 6: 4, 0: 1, 4: 2}[ctype] * depth // 8
raw = zlib.decompress(idat)
stride = w * bpp
rows, prev, i = [], bytearray(stride), 0
for _ in range(h):
    f = raw[i]; i += 1
    line = bytearray(raw[i:i + stride]); i += stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
colors = set()
for r in rows[::7]:
    for x in range(0, stride, bpp * 5):
        colors.add(r[x:x + bpp])
non_white = sum(1 for r in rows[::7] for x in range(0, stride, bpp * 5) if r[x:x + 3] != b"\xff\xff\xff")
print(f"ok    screenshot {w}x{h}: {len(colors)} distinct colours sampled, {non_white} non-white samples")
if len(colors) < 20 or non_white < 500:
    print("FAIL  the screenshot looks blank", file=sys.stderr)
    sys.exit(1)
PY

BZ_REQUIRE_BROWSER=1 cargo test -q --test it -- --exact html_report::chromium_renders_findings_and_chart >/dev/null \
    && echo "ok    cargo test chromium_renders_findings_and_chart (in the browser)" \
    || { echo "FAIL  cargo test chromium_renders_findings_and_chart" >&2; fail=1; }

# 6. The printed report. Playwright drives Debian's Chromium (its own browser download does not
# work here); pypdf reads the PDF back.
if ! python3 -c 'import playwright, pypdf, docx' 2>/dev/null; then
    echo "browser-test: installing playwright, pypdf and python-docx" >&2
    python3 -m pip install -q playwright pypdf python-docx 2>&1 | grep -v -i "warning" >&2 || true
fi
print_html="$out_dir/print.html"
bianzhi report orgs/wujiang --format html --lang zh --date 2026-12-02 \
    --office 吴江区委编办 -o "$print_html"
python3 - "$print_html" "$out_dir/print.pdf" tests/it/snapshots/print_wujiang_zh.txt <<'PY' || fail=1
import os, sys, unicodedata
from playwright.sync_api import sync_playwright
import pypdf

html, pdf, expected_file = sys.argv[1:4]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page()
    page.goto("file://" + html)
    page.pdf(path=pdf, prefer_css_page_size=True)
    browser.close()

pages = pypdf.PdfReader(pdf).pages
# Chromium's PDF names some CJK glyphs by their Kangxi radicals (⽣ for 生): NFKC folds them back.
texts = [unicodedata.normalize("NFKC", pg.extract_text() or "") for pg in pages]
lines = [[l.strip() for l in t.splitlines() if l.strip()] for t in texts]
fail = False
def nfkc(s):
    return unicodedata.normalize("NFKC", s)
def check(what, ok):
    global fail
    print(("ok    " if ok else "FAIL  ") + what, file=sys.stdout if ok else sys.stderr)
    fail |= not ok

check(f"print: {len(pages)} pages", len(pages) >= 7)
check("print: every page is A4 (595 x 842 pt)", all(
    abs(float(pg.mediabox.width) - 595.3) < 2 and abs(float(pg.mediabox.height) - 841.9) < 2
    for pg in pages))
first = texts[0]
for want in ["机构编制检查报告", "出具单位：吴江区委编办", "生成日期：2026年12月2日", "概况", "发现的问题"]:
    check(f"print: page 1 has {want}", nfkc(want) in first)
def starts_page(want):
    return any(nfkc(want) in " ".join(ls[:3]) for ls in lines)
check("print: the plans start a page", starts_page("方案变化"))
for unit in ["七都镇 2018-06-30", "盛泽镇 2018-06-30", "盛泽镇 2019-03-31", "苏州市吴江区 2018-06-30"]:
    check(f"print: unit {unit} starts a page", starts_page(unit))
whole = "\n".join(texts)
for want in ["机构变化图", "合并设立", "社会事业和保障局", "乡镇（街道）（2）", "编制使用情况"]:
    check(f"print: the document has {want}", nfkc(want) in whole)
check("print: no page is empty", all(ls for ls in lines))

# The layout's snapshot: the first line of every page.
got = "".join(f"{i + 1}: {ls[0] if ls else ''}\n" for i, ls in enumerate(lines))
if os.environ.get("BZ_UPDATE_PRINT"):
    open(expected_file, "w", encoding="utf-8").write(got)
want = open(expected_file, encoding="utf-8").read() if os.path.exists(expected_file) else ""
check(f"print: pages as in {expected_file}", got == want)
if got != want:
    print("--- expected\n" + want + "--- printed\n" + got, file=sys.stderr)
sys.exit(1 if fail else 0)
PY

# 7. The Word document, read by another reader than the crate that wrote it.
bianzhi report tests/fixtures/chart/town.toml --rules tests/fixtures/chart/pack.toml \
    --format docx --lang zh --date 2026-12-02 --office 吴江区委编办 -o "$out_dir/report.docx" || {
    rc=$?; [ "$rc" = 1 ] || exit "$rc"; }
python3 - "$out_dir/report.docx" <<'PY' || fail=1
import sys, docx
d = docx.Document(sys.argv[1])
text = "\n".join(p.text for p in d.paragraphs)
ok = ("出具单位：吴江区委编办" in text and "BZ001 职能机构超限" in text
      and len(d.tables) == 2 and d.tables[1].rows[0].cells[0].text == "机构")
print(("ok    " if ok else "FAIL  ") + f"python-docx reads the Word document: {len(d.paragraphs)} paragraphs, {len(d.tables)} tables")
sys.exit(0 if ok else 1)
PY

if [ "$fail" != 0 ]; then
    echo "browser-test: FAILED (files in $out_dir)" >&2
    exit 1
fi
echo "browser-test: passed (files in $out_dir)"

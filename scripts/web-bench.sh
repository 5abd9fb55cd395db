#!/usr/bin/env bash
# Times the offline page in headless Chromium: how long target/web/index.html takes to load (the
# WebAssembly compiled and started) and to check a folder picked through the folder input.
#
#   cargo run --example gen_workload -- /tmp/county 20    # a county folder: 20 towns with rosters
#   scripts/web-bench.sh /tmp/county [RUNS]
#
# Prints the page's size, the median load time, and the median check time (the engine's call, and
# the whole pick → findings table on screen). Figures for docs/benchmarks.md; nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:?usage: scripts/web-bench.sh DIR [RUNS]}"
runs="${2:-5}"
[ -s target/web/index.html ] || bash scripts/build-web.sh
python3 - "$dir" "$runs" <<'PY'
import os, statistics, sys, time
from playwright.sync_api import sync_playwright
folder, runs = sys.argv[1], int(sys.argv[2])
page_path = os.path.abspath("target/web/index.html")
url = "file://" + page_path
files = sum(len([f for f in fs if f.endswith(".toml")]) for _, _, fs in os.walk(folder))
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs if f.endswith(".toml"))
loads, checks, shows, picks, whole = [], [], [], [], []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    for _ in range(runs):
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", timeout=60000)
        # From the start of navigation to the page ready (WebAssembly compiled and started).
        loads.append(float(page.get_attribute("body", "data-ready-ms")))
        t0 = time.perf_counter()
        page.set_input_files("#folder", folder)
        page.wait_for_selector("#cards .card")
        whole.append((time.perf_counter() - t0) * 1000)
        checks.append(float(page.get_attribute("body", "data-check-ms")))
        shows.append(float(page.get_attribute("body", "data-show-ms")))
        picks.append(float(page.get_attribute("body", "data-pick-ms")))
        page.close()
    browser.close()
med = statistics.median
print(f"page: {os.path.getsize(page_path) / 1024:.0f} KiB")
print(f"folder: {folder}, {files} org files, {size / 1e6:.2f} MB")
print(f"load (navigation → ready), median of {runs}: {med(loads):.0f} ms")
print(f"check (the engine's call), median of {runs}: {med(checks):.0f} ms")
print(f"drawing the findings, chart and ledger after it, median of {runs}: {med(shows):.0f} ms")
print(f"files handed to the page → findings drawn (reading, check, drawing), median of {runs}: {med(picks):.0f} ms")
print(f"the same with Playwright's transfer of the files into the browser, median of {runs}: {med(whole):.0f} ms")
PY

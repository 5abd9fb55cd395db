#!/usr/bin/env bash
# Builds the offline page, target/web/index.html: the library compiled to WebAssembly
# (src/web.rs's entry points, no `cli` feature), its wasm-bindgen glue, web/page.js and
# web/page.css, all inlined into one file that opens from disk with no network at all.
#
#   scripts/build-web.sh            # → target/web/index.html
#   BZ_WASM_PROFILE=wasm-test scripts/build-web.sh   # → target/web-test/index.html, built faster
#                                   # (no whole-program optimisation; what the browser test opens)
#
# Installs what it needs: the wasm32-unknown-unknown target (rustup) and wasm-bindgen-cli at the
# version of the wasm-bindgen crate in Cargo.lock (the two must match). Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."

target=wasm32-unknown-unknown
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    echo "build-web: adding the $target target" >&2
    rustup target add "$target" >&2
fi

# The version the glue must be generated with: the wasm-bindgen crate's in Cargo.lock.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$version" ] || { echo "build-web: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
bindgen="${CARGO_HOME:-$HOME/.cargo}/bin/wasm-bindgen"
if ! [ -x "$bindgen" ] || [ "$("$bindgen" --version | awk '{print $2}')" != "$version" ]; then
    echo "build-web: installing wasm-bindgen-cli $version" >&2
    # Not --locked: the registry may lack the newest patch of one of its dependencies. Without
    # default features: no TLS stack (only its test runner downloads anything), which saves a
    # quarter of the install's build.
    cargo install --quiet wasm-bindgen-cli --version "$version" --no-default-features >&2
fi

# A cdylib only for this build: the native library stays an rlib (no extra link in `cargo test`).
profile=${BZ_WASM_PROFILE:-wasm}
case "$profile" in
    wasm) out=target/web ;;
    wasm-test) out=target/web-test ;;
    *) echo "build-web: BZ_WASM_PROFILE is wasm or wasm-test, not $profile" >&2; exit 2 ;;
esac
cargo rustc --quiet --lib --target "$target" --profile "$profile" \
    --no-default-features --features web --crate-type cdylib
wasm="${CARGO_TARGET_DIR:-target}/$target/$profile/bianzhi.wasm"

glue="$out/glue"
rm -rf "$glue"
mkdir -p "$glue"
# no-modules: a plain script that defines `wasm_bindgen`, which an inline <script> can hold.
"$bindgen" --target no-modules --no-typescript --out-dir "$glue" "$wasm"

python3 - "$glue/bianzhi.js" "$glue/bianzhi_bg.wasm" "$out/index.html" <<'PY'
import base64, sys
glue_js, wasm, out = sys.argv[1:]
page = open("web/index.html", encoding="utf-8").read()
parts = {
    "/*@CSS@*/": open("web/page.css", encoding="utf-8").read(),
    "/*@BINDGEN@*/": open(glue_js, encoding="utf-8").read(),
    "/*@APP@*/": open("web/page.js", encoding="utf-8").read(),
    "@WASM@": base64.b64encode(open(wasm, "rb").read()).decode("ascii"),
}
for key, value in parts.items():
    assert page.count(key) == 1, key
    # A script must not close its own <script> element.
    assert "</script" not in value.lower(), key
    page = page.replace(key, value)
# The Content-Security-Policy lets exactly these scripts run, by their hashes: no
# 'unsafe-inline', so a script that found its way into the page (a file's text shown as markup
# by mistake, say) would not run.
import hashlib, re
scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
assert len(scripts) == 2, len(scripts)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")
    for s in scripts
)
assert page.count("@SCRIPT_HASHES@") == 1
page = page.replace("@SCRIPT_HASHES@", hashes)
open(out, "w", encoding="utf-8").write(page)
PY
rm -rf "$glue"
size=$(wc -c <"$out/index.html")
echo "build-web: $out/index.html ($((size / 1024)) KiB)"

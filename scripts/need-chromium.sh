# Sourced by the scripts that test in a real browser (browser-test.sh, web-test.sh), with the
# caller's name in $1: installs Debian's chromium when it is missing (root only), and Chinese
# fonts for screenshots when the system has none (the checks themselves do not need them).
need="$1"
if ! command -v chromium >/dev/null 2>&1; then
    echo "$need: installing chromium" >&2
    if [ "$(id -u)" != 0 ]; then
        echo "$need: chromium is missing and installing it needs root" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh | grep -q . && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null || true
fi

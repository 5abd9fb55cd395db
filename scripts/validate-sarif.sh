#!/usr/bin/env bash
# Validates bianzhi's SARIF with Microsoft's SARIF Multitool, including the rules GitHub code
# scanning applies when it ingests a file ("Gh"). Fails on any error the tool reports.
#
# Usage: scripts/validate-sarif.sh [PATH…]   (default: orgs/)
# Needs npm; installs the tool once into target/sarif-tool.
set -euo pipefail
cd "$(dirname "$0")/.."

tool_dir=target/sarif-tool
tool_version=5.7.0
sarif=target/bianzhi.sarif
log=target/sarif-validation.sarif

find_tool() {
  find "$tool_dir/node_modules/@microsoft" -type f -name 'Sarif.Multitool' 2>/dev/null | head -n 1
}

tool=$(find_tool || true)
if [ -z "$tool" ]; then
  echo "== installing @microsoft/sarif-multitool-linux@$tool_version into $tool_dir"
  mkdir -p "$tool_dir"
  npm install --prefix "$tool_dir" --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool-linux@$tool_version" >/dev/null
  tool=$(find_tool || true)
  if [ -z "$tool" ]; then
    echo "Sarif.Multitool not found under $tool_dir/node_modules after installing" >&2
    exit 1
  fi
fi
chmod +x "$tool"

bin=${BIANZHI:-}
if [ -z "$bin" ]; then
  cargo build --quiet
  bin=${CARGO_TARGET_DIR:-target}/debug/bianzhi
fi

if [ "$#" -eq 0 ]; then
  set -- orgs/
fi
echo "== bianzhi check $* --format sarif"
set +e
"$bin" check "$@" --lang en --output "sarif=$sarif" >/dev/null
status=$?
set -e
# Findings (exit 1) are fine; exit 2 means the input could not be checked.
if [ "$status" -gt 1 ]; then
  echo "bianzhi check exited $status: the input could not be checked" >&2
  exit 1
fi

echo "== Sarif.Multitool validate --rule-kind Gh;Sarif $sarif"
# The .NET tool needs no ICU on minimal systems when told so.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}
rm -f "$log"
set +e
"$tool" validate --rule-kind "Gh;Sarif" --output "$log" "$sarif" \
  >target/sarif-validation.txt 2>&1
tool_status=$?
set -e
cat target/sarif-validation.txt

if [ ! -f "$log" ]; then
  echo "the multitool wrote no validation log (exit $tool_status)" >&2
  exit 1
fi
# The validation log is SARIF itself: count its results per level.
counts=$(node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const n = { error: 0, warning: 0, note: 0 };
  for (const run of log.runs || []) {
    for (const r of run.results || []) {
      const level = r.level || "warning";
      n[level] = (n[level] || 0) + 1;
      const loc = (((r.locations || [])[0] || {}).physicalLocation || {}).region || {};
      console.error(`${level} ${r.ruleId} ${loc.startLine || ""}: ${(r.message || {}).text || JSON.stringify((r.message || {}).arguments || "")}`);
    }
    for (const inv of run.invocations || []) {
      for (const n2 of inv.toolExecutionNotifications || []) {
        if ((n2.level || "warning") === "error") { n.error++; console.error(`tool error: ${n2.message.text}`); }
      }
    }
  }
  console.log(`${n.error} ${n.warning} ${n.note}`);
' "$log")
read -r errors warnings notes <<<"$counts"
echo "== SARIF validation: $errors error(s), $warnings warning(s), $notes note(s)"
if [ "$tool_status" -ne 0 ] || [ "$errors" -ne 0 ]; then
  echo "SARIF validation failed (multitool exit $tool_status)" >&2
  exit 1
fi

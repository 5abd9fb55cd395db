#!/usr/bin/env bash
# Checks that every quotation `bianzhi explain` shows (“…”, in both languages) occurs verbatim in
# the full text of the document it cites. The texts are not part of the repository: they are read
# from the folder `BIANZHI_TEXTS` names (or TEXTS_DIR below), which maintainers have and users do
# not. Without one this script says so and succeeds; nothing else of the project reads it.
#
# Usage: scripts/check-quotations.sh [-v] [BIN] [TEXTS_DIR]
#          BIN defaults to target/debug/bianzhi, TEXTS_DIR to $BIANZHI_TEXTS; -v lists every
#          quotation checked.
#        scripts/check-quotations.sh [-v] --source [TEXTS_DIR]
#          the same, from the rules' doc comments in src/rules/ instead of a binary's `explain`:
#          for checking a change to a quotation without a build.
#        scripts/check-quotations.sh --quote "TEXT" DOC [TEXTS_DIR]
#          is TEXT in DOC, after the same normalisation? DOC: a key of RULES.md (seed, 486, org,
#          pen, cs, reg), a short name (国务院令第486号, 地方组织法) or a title, optionally with a
#          clause ("486 第二十六条第(五)项", "seed 二(四)2"): TEXT must then be in that clause.
#
# Exit 0: every quotation found (quotations of documents cited from memory are listed as
# skipped); 1: a quotation is not in its document (or not in the clause named before it), or its
# document has no text; 2: bad usage or no binary.
# How quotations are attributed and compared: scripts/check_quotations.py.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
impl="$root/scripts/check_quotations.py"

verbose=()
if [ "${1:-}" = "-v" ] || [ "${1:-}" = "--verbose" ]; then
  verbose=(-v)
  shift
fi

if [ "${1:-}" = "--quote" ]; then
  if [ $# -lt 3 ]; then
    echo "usage: $0 --quote TEXT DOC [TEXTS_DIR]" >&2
    exit 2
  fi
  texts=${4:-${BIANZHI_TEXTS:-}}
  if [ -z "$texts" ] || [ ! -d "$texts" ]; then
    echo "no texts folder: give TEXTS_DIR or set BIANZHI_TEXTS" >&2
    exit 2
  fi
  exec python3 "$impl" --quote "$2" "$3" "$texts"
fi

if [ "${1:-}" = "--source" ]; then
  from=(--source "$root/src/rules")
  texts=${2:-${BIANZHI_TEXTS:-}}
else
  bin=${1:-$root/target/debug/bianzhi}
  from=(--bin "$bin")
  texts=${2:-${BIANZHI_TEXTS:-}}
fi
if [ -z "$texts" ] || [ ! -d "$texts" ]; then
  echo "quotations: no texts folder (set BIANZHI_TEXTS to the folder of the cited documents' full texts; they are not in the repository): skipped"
  exit 0
fi
if [ "${from[0]}" = --bin ] && [ ! -x "$bin" ]; then
  echo "quotations: no bianzhi binary at $bin" >&2
  exit 2
fi
if ! command -v python3 >/dev/null; then
  echo "quotations: python3 is needed" >&2
  exit 2
fi
exec python3 "$impl" ${verbose[@]+"${verbose[@]}"} "${from[@]}" "$texts"

#!/usr/bin/env bash
# Benchmarks `arkiv import` (issue 24): a 40-page PDF of the report template
# and a Word file with 30 pictures (bench/make_import_inputs.py), each into
# a fresh site: time (hyperfine, median) and peak memory (GNU time).
# Targets: each under 5 s and 256 MiB.
#
#   bench/import.sh [--runs N]
#
# Needs: python3 with python-docx, LibreOffice (for the PDF), hyperfine and
# GNU time (installed from Debian if missing). Inputs go to bench/work/import/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
runs=5
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v hyperfine >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null; }
(cd "$repo" && cargo build --release -q --bin arkiv)
arkiv=${CARGO_TARGET_DIR:-$repo/target}/release/arkiv
work=$here/work/import
[ -f "$work/lang-rapport.pdf" ] && [ -f "$work/bilder-30.docx" ] || python3 "$here/make_import_inputs.py" "$work"
site=$work/site
fresh="rm -rf $site/content && mkdir -p $site/content && cp $repo/site.toml $site/"
mkdir -p "$site"
for input in lang-rapport.pdf bilder-30.docx; do
  echo "== $input ($(du -h "$work/$input" | cut -f1))"
  hyperfine --runs "$runs" --warmup 1 --prepare "$fresh" \
    "$arkiv import $work/$input --root $site" 2>&1 | grep -E "Time|Range"
  eval "$fresh"
  /usr/bin/time -v "$arkiv" import "$work/$input" --root "$site" 2>&1 >/dev/null \
    | grep -E "Maximum resident set size|Elapsed \(wall clock\)" \
    | sed -e 's/^\s*/  /'
done

#!/usr/bin/env bash
# Benchmarks arkiv on generated archives (1,000 and 10,000 reports), with
# the search index and without (--no-search), and against Hugo + Pagefind on
# the same archive; measures the bytes of a first search in Chromium.
#
#   bench/run.sh [--runs N] [--sizes "1000 10000"] [--no-compare]
#
# Needs: python3, hyperfine and GNU time (installed from Debian if missing).
# Corpora are generated deterministically by ../shared/bench/gen_corpus.py
# into bench/work/ (not committed). Times are medians of N runs; each timed
# command removes the previous output first, as compare.sh does for both tools.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=$(cd "$repo/../shared" && pwd)
runs=5 sizes="1000 10000" compare=1
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --no-compare) compare=0; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v hyperfine >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null; }
(cd "$repo" && cargo build --release -q)
arkiv=$repo/target/release/arkiv
work=$here/work
mkdir -p "$work"

first_search() { # SITE [PATH]: bytes a browser fetches for a first search
  if [ -d "$repo/tests/browser/node_modules/playwright-core" ] && [ -x /usr/bin/chromium ]; then
    (cd "$repo/tests/browser" && node first-search.mjs "$@")
  else
    echo "(first-search bytes skipped: needs tests/browser/node_modules and /usr/bin/chromium)"
  fi
}

median() {
  python3 - "$1" <<'PY'
import json, statistics, sys
t = json.load(open(sys.argv[1]))["results"][0]["times"]
print(f"median {statistics.median(t):.3f} s (min {min(t):.3f}, max {max(t):.3f}, {len(t)} runs)")
PY
}

for n in $sizes; do
  corpus=$work/corpus-$n
  [ -d "$corpus/content" ] || python3 "$shared/bench/gen_corpus.py" --reports "$n" --out "$corpus" >/dev/null
  out=$work/out-$n
  for mode in search no-search; do
    flag=""; [ "$mode" = no-search ] && flag="--no-search"
    echo "== $n reports: arkiv build $flag"
    hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/arkiv-$n-$mode.json" \
      -n "arkiv-$n-$mode" "rm -rf $out && $arkiv build $flag --root $corpus --output $out"
    rm -rf "$out"
    peak=$(/usr/bin/time -f %M "$arkiv" build $flag --root "$corpus" --output "$out" 2>&1 >/dev/null | tail -1)
    echo "peak RSS: $((peak / 1024)) MiB"
    rm -rf "$out"
    "$arkiv" build $flag --verbose --root "$corpus" --output "$out" 2>&1 >/dev/null | sed 's/^/  stage /'
    median "$work/arkiv-$n-$mode.json"
  done
  "$arkiv" build --root "$corpus" --output "$out" >/dev/null 2>&1
  echo "first search (/sok/?q=sjukskrivning), on-disk bytes:"
  first_search "$out"
done

if [ "$compare" = 1 ]; then
  echo "== side by side with Hugo + Pagefind (compare.sh), arkiv with search"
  bash "$shared/bench/compare.sh" --reports 10000 --runs "$runs" --arkiv "$arkiv" --work "$work/compare"
  echo "first search with Pagefind's CLI bundle (its API as its UI uses it):"
  first_search "$work/compare/out/h" api:sjukskrivning
fi

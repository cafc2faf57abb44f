#!/usr/bin/env bash
# Benchmarks arkiv on generated archives (1,000 and 10,000 reports), with
# the search index and without (--no-search), the index's phases alone
# (examples/index_phases.rs), serve's index update after an edit
# (serve_search.py), and against Hugo + Pagefind on the same archive;
# measures the bytes and time of a first search in Chromium.
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
(cd "$repo" && cargo build --release -q --bin arkiv --example index_phases)
target=${CARGO_TARGET_DIR:-$repo/target}
arkiv=$target/release/arkiv
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
  echo "== $n reports: arkiv build, with search and --no-search, in one hyperfine run"
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/arkiv-$n.json" \
    -n "search" "rm -rf $out && $arkiv build --root $corpus --output $out" \
    -n "no-search" "rm -rf $out && $arkiv build --no-search --root $corpus --output $out"
  python3 - "$work/arkiv-$n.json" <<'PY'
import json, statistics, sys
r = {x["command"]: statistics.median(x["times"]) for x in json.load(open(sys.argv[1]))["results"]}
s, n = r["search"], r["no-search"]
print(f"median s: search {s:.3f}, no-search {n:.3f}; ratio {s / n:.2f}, difference {s - n:+.2f} s; "
      f"target max(1.3x, +2 s) = {max(1.3 * n, n + 2):.2f} s: {'met' if s <= max(1.3 * n, n + 2) else 'NOT met'}")
PY
  for flag in "" --no-search; do
    rm -rf "$out"
    peak=$(/usr/bin/time -f %M "$arkiv" build $flag --root "$corpus" --output "$out" 2>&1 >/dev/null | tail -1)
    echo "peak RSS ${flag:-with search}: $((peak / 1024)) MiB"
  done
  rm -rf "$out"
  "$arkiv" build --verbose --root "$corpus" --output "$out" 2>&1 >/dev/null | sed 's/^/  stage /'
  echo "index phases alone (the archive loaded once; median of $runs):"
  "$target/release/examples/index_phases" "$corpus" "$runs" | tail -1
  "$arkiv" build --root "$corpus" --output "$out" >/dev/null 2>&1
  echo "first search (/sok/?q=sjukskrivning), on-disk bytes:"
  first_search "$out"
  if [ "$n" = 10000 ]; then
    echo "serve: an edit searchable after the quiet second (bench/serve_search.py):"
    rm -rf "$work/serve-$n" && cp -r "$corpus" "$work/serve-$n"
    python3 "$here/serve_search.py" "$arkiv" "$work/serve-$n" --edits "$runs" | tail -1
  fi
done

if [ "$compare" = 1 ]; then
  echo "== side by side with Hugo + Pagefind (compare.sh), arkiv with search"
  bash "$shared/bench/compare.sh" --reports 10000 --runs "$runs" --arkiv "$arkiv" --work "$work/compare"
  echo "first search with Pagefind's CLI bundle (its API as its UI uses it):"
  first_search "$work/compare/out/h" api:sjukskrivning
fi

#!/usr/bin/env bash
# Benchmarks arkiv on generated archives (1,000 and 10,000 reports), with
# the search index and without (--no-search: bench/search_cost.sh, builds
# of both interleaved, 5 of each, medians and spread against the target
# max(1.2×, +1.5 s)), the index's phases alone (examples/index_phases.rs,
# wall and CPU time), serve's index update after an edit (serve_search.py),
# and against Hugo + Pagefind on the same archive; measures the bytes and
# time of a first search in Chromium, for a plain query and for one typed
# without å, ä and ö ("smarta").
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
source "$here/fs.sh"
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

for n in $sizes; do
  corpus=$work/corpus-$n
  if [ ! -d "$corpus/content" ]; then
    python3 "$shared/bench/gen_corpus.py" --reports "$n" --out "$corpus" >/dev/null
    bash "$here/fix_duplicates.sh" "$corpus" "$arkiv"
  fi
  out=$work/out-$n
  bash "$here/search_cost.sh" --reports "$n" --runs "$runs" --arkiv "$arkiv" || true
  for flag in "" --no-search; do
    bench_rm "$out"
    peak=$(/usr/bin/time -f %M "$arkiv" build $flag --root "$corpus" --output "$out" 2>&1 >/dev/null | tail -1)
    echo "peak RSS ${flag:-with search}: $((peak / 1024)) MiB"
  done
  bench_rm "$out"
  "$arkiv" build --verbose --root "$corpus" --output "$out" 2>&1 >/dev/null | grep -E '^  [a-z+]+ +[0-9.]+ ms' | sed 's/^/  stage /'
  echo "index phases alone (the archive loaded once; median of $runs):"
  "$target/release/examples/index_phases" "$corpus" "$runs" | tail -1
  "$arkiv" build --root "$corpus" --output "$out" >/dev/null 2>&1
  for q in sjukskrivning smarta; do
    echo "first search (/sok/?q=$q), on-disk bytes:"
    first_search "$out" "/sok/?q=$q"
  done
  if [ "$n" = 10000 ]; then
    echo "serve: an edit searchable after the quiet second (bench/serve_search.py):"
    bench_rm "$work/serve-$n" && cp -r "$corpus" "$work/serve-$n"
    python3 "$here/serve_search.py" "$arkiv" "$work/serve-$n" --edits "$runs" | tail -1
  fi
done

if [ "$compare" = 1 ]; then
  echo "== side by side with Hugo + Pagefind (compare.sh), arkiv with search"
  bash "$shared/bench/compare.sh" --reports 10000 --runs "$runs" --arkiv "$arkiv" --work "$work/compare"
  echo "first search with Pagefind's CLI bundle (its API as its UI uses it):"
  first_search "$work/compare/out/h" api:sjukskrivning
fi

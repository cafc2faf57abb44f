#!/usr/bin/env bash
# Benchmarks arkiv on generated archives (1,000 and 10,000 reports) and
# against Hugo + Pagefind on the same archive.
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

for n in $sizes; do
  corpus=$work/corpus-$n
  [ -d "$corpus/content" ] || python3 "$shared/bench/gen_corpus.py" --reports "$n" --out "$corpus" >/dev/null
  out=$work/out-$n
  echo "== $n reports: arkiv build --no-search"
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/arkiv-$n.json" \
    -n "arkiv-$n" "rm -rf $out && $arkiv build --no-search --root $corpus --output $out"
  rm -rf "$out"
  peak=$(/usr/bin/time -f %M "$arkiv" build --no-search --root "$corpus" --output "$out" 2>&1 >/dev/null | tail -1)
  echo "peak RSS: $((peak / 1024)) MiB"
  "$arkiv" build --no-search --verbose --root "$corpus" --output "$out" 2>&1 >/dev/null | sed 's/^/  stage /'
  python3 - "$work/arkiv-$n.json" <<'PY'
import json, statistics, sys
t = json.load(open(sys.argv[1]))["results"][0]["times"]
print(f"median {statistics.median(t):.3f} s (min {min(t):.3f}, max {max(t):.3f}, {len(t)} runs)")
PY
done

if [ "$compare" = 1 ]; then
  echo "== side by side with Hugo + Pagefind (compare.sh)"
  bash "$shared/bench/compare.sh" --reports 10000 --runs "$runs" --arkiv "$arkiv" --work "$work/compare" -- --no-search
fi

#!/usr/bin/env bash
# What the search index costs a build: `arkiv build` with search and with
# `--no-search` on one generated archive, interleaved (S N N S S N …, so that
# a slow spell of the disk or a busy neighbour hits both alike), N of each
# after one untimed warm-up of each. Each run builds into an output folder
# of its own, and all of them are removed only at the end; the first build
# waits until the last deletion of a bench script is SETTLE seconds old
# (bench/fs.sh: on this ext4 without a journal, files made in the minutes
# after many were deleted cost the kernel 2–3 s more per build, and the
# index's 1,501 files pay their share of that). Only the build is timed
# (/usr/bin/time: wall, user + system CPU, peak memory). The search runs
# are --verbose, so their index phases are printed too.
#
#   bash bench/search_cost.sh [--reports 10000] [--runs 5] [--arkiv BIN]
#
# Prints each run, then the medians, the spread (min–max) and the median of
# the paired differences, and whether the median with search is within the
# target max(1.2 × without, without + 1.5 s). Exits 1 if it is not.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
source "$here/fs.sh"
reports=10000 runs=5 arkiv=""
while [ $# -gt 0 ]; do
  case $1 in
    --reports) reports=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --arkiv) arkiv=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if [ -z "$arkiv" ]; then
  (cd "$repo" && cargo build --release -q --bin arkiv)
  arkiv=${CARGO_TARGET_DIR:-$repo/target}/release/arkiv
fi
work=$here/work
corpus=$work/corpus-$reports
if [ ! -d "$corpus/content" ]; then
  python3 "$repo/../shared/bench/gen_corpus.py" --reports "$reports" --out "$corpus" >/dev/null
  bash "$here/fix_duplicates.sh" "$corpus" "$arkiv"
fi
outs=$work/cost-outs-$$
mkdir -p "$outs"
log=$(mktemp -d)
trap 'rm -rf "$log"; bench_rm "$outs"' EXIT
n=0

one() { # search|no-search [timed]
  local flags=()
  [ "$1" = no-search ] && flags=(--no-search) || flags=(--verbose)
  n=$((n + 1))
  local out=$outs/$n
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$log/t" "$arkiv" build "${flags[@]}" --root "$corpus" --output "$out" >/dev/null 2>"$log/err"
  [ "${2:-}" = timed ] || return 0
  read -r secs user sys kib < "$log/t"
  local phases=""
  [ "$1" = search ] && phases=$(grep -E '^  search ' "$log/err" | sed -E 's/^ +search +//')
  echo "$1 $secs $user $sys $kib" >> "$log/times"
  printf '%-9s %6.2f s wall %6.2f s CPU %5d MiB  %s\n' "$1" "$secs" "$(awk "BEGIN { print $user + $sys }")" $((kib / 1024)) "$phases"
}

echo "== search cost at $reports reports: $runs builds with search and $runs with --no-search, interleaved ($(nproc) cores, $(date -u +%F))"
settle
one search; one no-search # warm-up, not timed
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then one search timed; one no-search timed; else one no-search timed; one search timed; fi
done
python3 - "$log/times" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
def col(kind, i):
    return [float(r[i]) for r in rows if r[0] == kind]
s, n = col("search", 1), col("no-search", 1)
cs = [float(r[2]) + float(r[3]) for r in rows if r[0] == "search"]
cn = [float(r[2]) + float(r[3]) for r in rows if r[0] == "no-search"]
ss, sn = col("search", 3), col("no-search", 3)
ms, mn = statistics.median(s), statistics.median(n)
pairs = [a - b for a, b in zip(s, n)]
target = max(1.2 * mn, mn + 1.5)
print(f"with search: median {ms:.2f} s (min {min(s):.2f}, max {max(s):.2f}); CPU median {statistics.median(cs):.2f} s, of it system {statistics.median(ss):.2f} s")
print(f"--no-search: median {mn:.2f} s (min {min(n):.2f}, max {max(n):.2f}); CPU median {statistics.median(cn):.2f} s, of it system {statistics.median(sn):.2f} s")
print(f"ratio of medians {ms / mn:.3f}, difference {ms - mn:+.2f} s; paired differences: median {statistics.median(pairs):+.2f} s "
      f"(min {min(pairs):+.2f}, max {max(pairs):+.2f}); CPU difference {statistics.median(cs) - statistics.median(cn):+.2f} s")
ok = ms <= target
print(f"target max(1.2 x, +1.5 s) = {target:.2f} s: {'met' if ok else 'NOT met'}, margin {target - ms:.2f} s")
sys.exit(0 if ok else 1)
PY

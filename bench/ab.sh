#!/usr/bin/env bash
# Two arkiv binaries side by side on one archive: interleaved runs (A B B A
# A B …, so that a slow spell of the disk hits both), median wall time, CPU
# time (user + sys: steadier than wall time when the disk is throttled) and
# peak memory of each, and their ratios.
#
# Each timed run builds into a folder of its own, and all of them are
# removed only at the end (as bench/search_cost.sh does): files made soon
# after many were deleted cost this machine's kernel far more (bench/fs.sh),
# which would measure the last run's deletions, not the build. The site's cache of cleaned copies
# (ROOT/.arkiv/cache, issue 23): with --cold it is moved aside before every
# timed run (what a first build sees; moved, not deleted, for the same
# reason); with --warm both binaries build once untimed first (what an
# editor's second build and serve see); --restored is --warm with the
# record of the files' stamps removed before every timed run (what CI sees
# with its cache restored on a fresh checkout: every file is read and
# hashed to find its copy, none cleaned); by default it is left as it is.
#
#   bash bench/ab.sh A_BIN B_BIN ROOT [--runs N] [--cold | --warm | --restored] [-- BUILD_FLAGS…]
set -euo pipefail
a=$1 b=$2 root=$3; shift 3
runs=5 cache=keep
flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --cold) cache=cold; shift ;;
    --warm) cache=warm; shift ;;
    --restored) cache=restored; shift ;;
    --) shift; flags=("$@"); break ;;
    *) echo "usage: $0 A_BIN B_BIN ROOT [--runs N] [--cold | --warm | --restored] [-- FLAGS…]" >&2; exit 2 ;;
  esac
done
out=$(mktemp -d)
trap 'bench_rm "$out"' EXIT
n=0
if [ "$cache" = warm ] || [ "$cache" = restored ]; then
  for bin in "$a" "$b"; do
    n=$((n + 1))
    "$bin" build --root "$root" --output "$out/site-$n" "${flags[@]}" >/dev/null 2>&1 || true
  done
fi
one() { # bin label
  n=$((n + 1))
  if [ "$cache" = cold ] && [ -e "$root/.arkiv/cache" ]; then
    mkdir -p "$out/caches" && mv "$root/.arkiv/cache" "$out/caches/$n"
  fi
  if [ "$cache" = restored ]; then rm -f "$root"/.arkiv/cache/clean/*/stamps.json; fi
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$out/t" "$1" build --root "$root" --output "$out/site-$n" "${flags[@]}" >/dev/null 2>&1
  read -r secs kib user sys < "$out/t"
  echo "$2 $secs $kib $user $sys" >> "$out/times"
}
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then one "$a" A; one "$b" B; else one "$b" B; one "$a" A; fi
done
python3 - "$out/times" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for label in "AB":
    t = [float(r[1]) for r in rows if r[0] == label]
    m = [int(r[2]) for r in rows if r[0] == label]
    cpu = [float(r[3]) + float(r[4]) for r in rows if r[0] == label]
    med[label] = (statistics.median(t), statistics.median(cpu))
    print(f"{label}: median {med[label][0]:.2f} s wall, {med[label][1]:.2f} s CPU (user+sys) over {len(t)} runs "
          f"(wall {' '.join(f'{x:.2f}' for x in t)}), peak {max(m)/1024:.0f} MiB")
print(f"B / A = {med['B'][0] / med['A'][0]:.3f} wall, {med['B'][1] / med['A'][1]:.3f} CPU")
PY

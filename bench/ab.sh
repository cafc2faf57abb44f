#!/usr/bin/env bash
# Two arkiv binaries side by side on one archive: interleaved runs (A B B A
# A B …, so that a slow spell of the disk hits both), median wall time, CPU
# time (user + sys: steadier than wall time when the disk is throttled) and
# peak memory of each, and their ratios.
#
#   bash bench/ab.sh A_BIN B_BIN ROOT [--runs N] [-- BUILD_FLAGS…]
#
# Each timed run first removes the previous output, as bench/run.sh does.
set -euo pipefail
a=$1 b=$2 root=$3; shift 3
runs=5
flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --) shift; flags=("$@"); break ;;
    *) echo "usage: $0 A_BIN B_BIN ROOT [--runs N] [-- FLAGS…]" >&2; exit 2 ;;
  esac
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
one() { # bin label
  rm -rf "$out/site"
  /usr/bin/time -f "%e %M %U %S" -o "$out/t" "$1" build --root "$root" --output "$out/site" "${flags[@]}" >/dev/null 2>&1
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

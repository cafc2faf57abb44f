#!/usr/bin/env bash
# The speed targets of issue 22 (the editor's year), medians:
#
#   1. `arkiv check` with the duplicate and open-TODO rules ≤ 1.05× the
#      check of BASE (the commit before them, default `main`) at 10,000 reports;
#   2. `arkiv status` ≤ 1.1× `arkiv check` on the same archive;
#   3. updating one report from a new original ≤ 1 s: `arkiv import` of a
#      final report (del 1 och 2) into the 10,000-report archive that holds
#      its plan, a three-way merge held as a pending update.
#
#   bash bench/editor.sh [--reports N] [--runs N] [--base REV | --base-bin PATH]
#
# 1 and 2 run interleaved (base check, check, status, in a rotating order,
# so that a slow spell of the disk hits all three) and report the median
# wall and CPU time of each; 3 runs under hyperfine, its prepare step
# removing the pending update. BASE is built once into bench/work/ from
# `git archive` (a release build, several minutes); --base-bin skips that.
set -euo pipefail
cd "$(dirname "$0")/.."
reports=10000 runs=7 base=main base_bin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reports) reports=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    --base-bin) base_bin=$2; shift 2 ;;
    *) echo "usage: $0 [--reports N] [--runs N] [--base REV | --base-bin PATH]" >&2; exit 2 ;;
  esac
done
work=bench/work
mkdir -p "$work"
target=${CARGO_TARGET_DIR:-target}
cargo build --release --locked --quiet
new="$target/release/arkiv"
if [ -z "$base_bin" ]; then
  rev=$(git rev-parse --short "$base")
  src="$work/base-$rev"
  if [ ! -x "$src/target/release/arkiv" ]; then
    rm -rf "$src" && mkdir -p "$src"
    git archive "$base" | tar -x -C "$src"
    (cd "$src" && cargo build --release --locked --quiet)
  fi
  base_bin="$src/target/release/arkiv"
fi
corpus="$work/editor-$reports"
if [ ! -d "$corpus" ]; then
  python3 ../shared/bench/gen_corpus.py --reports "$reports" --out "$corpus" --seed 1 >/dev/null
  bash bench/fix_duplicates.sh "$corpus" "$new"
fi
echo "== $reports reports; base $base_bin, new $new"

# 1 and 2: check (base), check (new), status (new), interleaved.
times=$(mktemp)
trap 'rm -f "$times"' EXIT
one() { # label command…
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$times.t" "$@" >/dev/null 2>&1 || true
  echo "$label $(cat "$times.t")" >> "$times"
}
"$new" check --root "$corpus" >/dev/null 2>&1 || true # warm the cache
for i in $(seq 1 "$runs"); do
  case $((i % 3)) in
    0) one base "$base_bin" check --root "$corpus"; one check "$new" check --root "$corpus"; one status "$new" status --root "$corpus" ;;
    1) one check "$new" check --root "$corpus"; one status "$new" status --root "$corpus"; one base "$base_bin" check --root "$corpus" ;;
    2) one status "$new" status --root "$corpus"; one base "$base_bin" check --root "$corpus"; one check "$new" check --root "$corpus" ;;
  esac
done
python3 - "$times" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for label in ["base", "check", "status"]:
    wall = [float(r[1]) for r in rows if r[0] == label]
    cpu = [float(r[2]) + float(r[3]) for r in rows if r[0] == label]
    mem = max(int(r[4]) for r in rows if r[0] == label)
    med[label] = (statistics.median(wall), statistics.median(cpu))
    print(f"{label:>6}: median {med[label][0]:.2f} s wall, {med[label][1]:.2f} s CPU over {len(wall)} runs "
          f"(wall {' '.join(f'{x:.2f}' for x in wall)}), peak {mem / 1024:.0f} MiB")
ratio = lambda a, b, i: med[a][i] / med[b][i]
print(f"check / base check = {ratio('check', 'base', 0):.3f} wall, {ratio('check', 'base', 1):.3f} CPU (target ≤ 1.05)")
print(f"status / check     = {ratio('status', 'check', 0):.3f} wall, {ratio('status', 'check', 1):.3f} CPU (target ≤ 1.1)")
PY

# 3: one report updated from its final report, in the big archive.
site="$work/editor-update-$reports"
rm -rf "$site" && cp -r "$corpus" "$site"
cycle="tests/fixtures/import-cycle/Boo vårdcentral SIP 2025"
# The generated archive may hold a report of the same clinic, year and theme.
grep -l '^clinic: "\?Boo vårdcentral' "$site"/content/2025/*.md 2>/dev/null | xargs -r rm -f  || true
"$new" import "$cycle del 1.docx" --root "$site" >/dev/null
echo "== updating one report from a new original ($reports reports)"
hyperfine --warmup 1 --runs "$runs" --style basic \
  --prepare "rm -rf '$site/.arkiv/pending'" \
  "'$new' import '$cycle del 1 och 2.docx' --root '$site'" \
  --export-json "$work/editor-update.json" >/dev/null
python3 - "$work/editor-update.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"update: median {statistics.median(r['times']):.3f} s over {len(r['times'])} runs "
      f"({' '.join(f'{t:.3f}' for t in r['times'])}) (target ≤ 1 s)")
PY
"$new" import "$cycle del 1 och 2.docx" --root "$site" | head -1

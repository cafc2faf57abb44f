#!/usr/bin/env bash
# What cleaning published files costs (issue 23): the build of this tree
# against the build of the last commit before cleaning existed, side by side
# (bench/ab.sh: interleaved runs, medians), on
#   - the generated 10,000-report archive (no attachments: target ≤ 1.10×),
#   - 200 reports with a 1 MB Word attachment each (target ≤ 1.20×),
#   - 200 reports with a 1 MB PDF attachment each (target ≤ 1.20×),
# then serve's save-to-served time after an edit on the 200 with Word
# attachments (bench/serve_bench.py; target < 1 s).
#
# The 200-report builds run three ways (bench/ab.sh): cold (the site's
# cache of cleaned copies, .arkiv/cache, moved aside before every run: a
# first build, or the first after a new arkiv), warm (the cache filled by
# an untimed build first: every later build of an editor's checkout) and
# restored (warm, but the record of the files' stamps removed: CI on a
# fresh checkout with the cache restored by the workflow `arkiv init`
# writes). Beside the cold Word build, examples/clean_floor.rs times what
# any cleaner must at least do: read every Word file and unpack all of it.
#
#   bash bench/clean.sh [--runs 3] [--reports 10000] [--base BIN] [--base-ref REF]
#
# --base takes a ready binary of the baseline; otherwise REF (default
# 08164eb, main when issue 23 began) is built in a temporary folder.
# Attachments: bench/clean_corpus.py (python-docx, reportlab, Pillow).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3 big=10000 base="" ref=08164eb
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --reports) big=$2; shift 2 ;;
    --base) base=$2; shift 2 ;;
    --base-ref) ref=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--reports N] [--base BIN] [--base-ref REF]" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d /tmp/arkiv-clean-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cargo build --release --locked -q --bin arkiv --example clean_floor
new="$work/arkiv-new"
cp "${CARGO_TARGET_DIR:-target}/release/arkiv" "$new"
if [ -z "$base" ]; then
  mkdir -p "$work/base-src"
  git archive "$ref" | tar -x -C "$work/base-src"
  (cd "$work/base-src" && CARGO_TARGET_DIR="$work/base-target" cargo build --release --locked -q)
  base="$work/base-target/release/arkiv"
fi
corpus() { # dir reports
  python3 ../shared/bench/gen_corpus.py --reports "$2" --out "$1" --seed 1 >/dev/null
  bash bench/fix_duplicates.sh "$1" "$new"
}
corpus "$work/big" "$big"
for kind in docx pdf; do
  corpus "$work/$kind" 200
  python3 bench/clean_corpus.py "$work/$kind" --kind "$kind"
done
echo "== $big reports, no attachments: A = before cleaning ($ref), B = this tree"
bash bench/ab.sh "$base" "$new" "$work/big" --runs "$runs"
for kind in docx pdf; do
  for cache in cold warm restored; do
    echo "== 200 reports with a 1 MB .$kind attachment each, $cache: A = before cleaning, B = this tree"
    bash bench/ab.sh "$base" "$new" "$work/$kind" --runs "$runs" "--$cache"
    if [ "$kind$cache" = docxcold ]; then
      echo "-- the floor: reading and unpacking every Word file, one core (examples/clean_floor.rs):"
      "${CARGO_TARGET_DIR:-target}/release/examples/clean_floor" "$work/docx"
    fi
  done
done
echo "== serve: an edit of one report of the 200 with Word attachments"
python3 bench/serve_bench.py "$new" "$work/docx" --edits 5

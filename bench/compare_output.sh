#!/usr/bin/env bash
# Byte-identity check for restructurings: builds the commit before a change
# and the working tree, builds the real archive and a generated archive with
# both, compares the outputs file by file, and compares every answer of
# `arkiv serve` (bench/compare_serve.py).
#
#   bash bench/compare_output.sh [--before REV] [--reports N]
#
# Default: the commit before issue 10 (the pipeline restructuring) and a
# 1,000-report archive (gen_corpus.py, seed 1). Needs the release build of
# both (a few minutes each); not run in CI: later work changes the output
# on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
before=2755c0e
reports=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before=$2; shift 2 ;;
    --reports) reports=$2; shift 2 ;;
    *) echo "usage: $0 [--before REV] [--reports N]" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
trap 'git worktree remove --force "$work/before-src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
shared=../shared/bench

echo "== building $before and the working tree (release)"
git worktree add -q --detach "$work/before-src" "$before"
(cd "$work/before-src" && CARGO_TARGET_DIR=${BEFORE_TARGET:-target/compare-before} cargo build -q --release --locked)
before_bin="$work/before-src/${BEFORE_TARGET:-target/compare-before}/release/arkiv"
[ -x "$before_bin" ] || before_bin="${BEFORE_TARGET}/release/arkiv"
cargo build -q --release --locked
after_bin="${CARGO_TARGET_DIR:-target}/release/arkiv"

echo "== generating $reports reports"
python3 "$shared/gen_corpus.py" --reports "$reports" --out "$work/corpus" --seed 1 >/dev/null

status=0
for site in real corpus; do
  root=$PWD
  [ "$site" = corpus ] && root="$work/corpus"
  "$before_bin" build --root "$root" --output "$work/$site-before" >/dev/null 2>&1
  "$after_bin" build --root "$root" --output "$work/$site-after" >/dev/null 2>&1
  n=$(find "$work/$site-after" -type f | wc -l)
  if diff -r -q "$work/$site-before" "$work/$site-after"; then
    echo "build, $site: identical ($n files)"
  else
    echo "build, $site: DIFFERENT"; status=1
  fi
  if python3 bench/compare_serve.py "$before_bin" "$after_bin" "$root" "$work/$site-after"; then
    echo "serve, $site: identical"
  else
    echo "serve, $site: DIFFERENT"; status=1
  fi
done
exit $status

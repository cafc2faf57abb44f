#!/usr/bin/env bash
# Byte-identity check for restructurings: builds the commit before a change
# and the working tree, builds the real archive and a generated archive with
# both, compares the outputs file by file, and compares every answer of
# `arkiv serve` (bench/compare_serve.py).
#
#   bash bench/compare_output.sh [--before REV] [--reports N]
#
# Default: the commit before issue 10 (the pipeline restructuring) and a
# 1,000-report archive (gen_corpus.py, seed 1). Builds both in release
# (a few minutes each) unless BEFORE_BIN and AFTER_BIN name binaries;
# REAL_ROOT: the tree whose real archive to build (default: this one).
# Not run in CI: later work changes the output on purpose.
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

# BEFORE_BIN / AFTER_BIN: binaries built already (skips the builds).
if [ -n "${BEFORE_BIN:-}" ]; then
  before_bin=$BEFORE_BIN
else
  echo "== building $before (release)"
  git worktree add -q --detach "$work/before-src" "$before"
  (cd "$work/before-src" && CARGO_TARGET_DIR="$work/before-target" cargo build -q --release --locked)
  before_bin="$work/before-target/release/arkiv"
fi
if [ -n "${AFTER_BIN:-}" ]; then
  after_bin=$AFTER_BIN
else
  echo "== building the working tree (release)"
  cargo build -q --release --locked
  after_bin="${CARGO_TARGET_DIR:-target}/release/arkiv"
fi

echo "== generating $reports reports"
python3 "$shared/gen_corpus.py" --reports "$reports" --out "$work/corpus" --seed 1 >/dev/null

status=0
for site in real corpus; do
  root=${REAL_ROOT:-$PWD}
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

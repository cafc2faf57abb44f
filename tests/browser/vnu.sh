#!/usr/bin/env bash
# The Nu Html Checker (vnu-jar from npm, run with Java) over built sites.
#
#   tests/browser/vnu.sh DIR...
#
# Checks every .html file below each DIR (and, with the same checker, every
# .css and .svg file), errors only, no message filtered. Prints the errors
# one per line (gnu format: "file":line.col-line.col: error: message) and a
# summary; exits 1 on any error, 2 if it cannot run.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$jar" ]; then
  echo "vnu.sh: $jar is missing (run: npm ci --ignore-scripts --prefix tests/browser)" >&2
  exit 2
fi
if [ "$#" -eq 0 ]; then
  echo "usage: vnu.sh DIR..." >&2
  exit 2
fi

files=()
while IFS= read -r -d '' f; do
  files+=("$f")
done < <(find "$@" -type f \( -name '*.html' -o -name '*.css' -o -name '*.svg' \) -print0 | sort -z)
html=0
for f in "${files[@]}"; do
  case "$f" in *.html) html=$((html + 1)) ;; esac
done
if [ "$html" -eq 0 ]; then
  echo "vnu.sh: no .html files in $*" >&2
  exit 2
fi

set +e
out="$(java -Xss2m -jar "$jar" --errors-only --format gnu --also-check-css --also-check-svg "${files[@]}" 2>&1)"
rc=$?
set -e
errors=0
if [ -n "$out" ]; then
  printf '%s\n' "$out"
  errors="$(printf '%s\n' "$out" | grep -c -E ': (error|fatal)' || true)"
fi
echo "vnu: ${#files[@]} files (${html} HTML), ${errors} errors"
if [ "$rc" -ne 0 ] && [ "$errors" -eq 0 ]; then
  echo "vnu.sh: the checker exited with $rc" >&2
  exit 2
fi
[ "$errors" -eq 0 ] && [ "$rc" -eq 0 ]

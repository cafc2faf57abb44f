# Sourced by the bench scripts that time builds: deletions are stamped, and
# timing waits until the file system has settled after the last one.
#
# Why: this machine's disk is ext4 without a journal, and there the kernel
# avoids reusing an inode freed in the last 60 s, or 360 s while the block
# of the inode table that holds it is still dirty (fs/ext4/ialloc.c,
# `recently_deleted`). A new file then first looks up every recently freed
# inode of its group in the buffer cache, one by one. After a build's
# output (14,000 files at 10,000 reports) is deleted, the next builds spend
# 2–3 s more system CPU for 2–6 minutes (bench/README.md, issue 26), and a
# build that makes more files (the search index adds 1,501) pays more of
# it. Users' builds meet this only right after deleting a large output on
# such a file system; a benchmark meets it after every run that cleans up.
#
#   bench_rm PATH...   rm -rf, then stamp the time
#   settle             wait until SETTLE seconds (default 400) have passed
#                      since the last stamp; 0 skips the wait

: "${SETTLE:=400}"
_fs_stamp() { echo "${BENCH_WORK:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/work}/.deleted-at"; }

bench_rm() {
  rm -rf "$@"
  mkdir -p "$(dirname "$(_fs_stamp)")"
  date +%s > "$(_fs_stamp)"
}

settle() {
  local last now wait
  last=$(cat "$(_fs_stamp)" 2>/dev/null || echo 0)
  now=$(date +%s)
  wait=$((last + SETTLE - now))
  if [ "$SETTLE" -gt 0 ] && [ "$wait" -gt 0 ]; then
    echo "(waiting ${wait} s: files were deleted $((now - last)) s ago, see bench/fs.sh)" >&2
    sleep "$wait"
  fi
}

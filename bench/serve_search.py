#!/usr/bin/env python3
"""Edit-to-searchable latency of `arkiv serve`'s search index (issue 14:
at most 1 s after the quiet second, at 10,000 reports).

    bench/serve_search.py ARKIV CORPUS_DIR [--edits 10] [--port 18124]

Starts `arkiv serve`, waits for the first index, then repeats: append a new
made-up word to one report's body, and time until `/sok/index/entry.json`
names new shards *and* the new word's stem is in them (the client's own
lookup: the shard whose first stem is at or before the word). Prints each
time, serve's own "search index updated (… ms)" line, and the medians, with
the quiet second taken off. Standard library only; edits are undone."""
import json, pathlib, re, statistics, subprocess, sys, threading, time, urllib.request, zlib

QUIET = 1.0

def main():
    args = sys.argv[1:]
    arkiv, corpus = args[0], pathlib.Path(args[1])
    edits = int(args[args.index("--edits") + 1]) if "--edits" in args else 10
    port = int(args[args.index("--port") + 1]) if "--port" in args else 18124
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([arkiv, "serve", "--root", str(corpus), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    updates = []
    def read_log():
        for line in proc.stdout:
            m = re.search(r"search index updated \((\d+) ms, (\d+) reports analysed; (.*)\)", line)
            if m:
                updates.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    threading.Thread(target=read_log, daemon=True).start()
    def get(path):
        with urllib.request.urlopen(base + path, timeout=30) as r:
            return r.read()
    report = sorted((corpus / "content").rglob("*.md"))[len(list((corpus / "content").rglob("*.md"))) // 2]
    original = report.read_text(encoding="utf-8")
    try:
        t0 = time.time()
        while True:
            try:
                if json.loads(get("/__arkiv/status"))["search_files"] > 0:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        print(f"first index after {time.time() - t0:.1f} s ({updates[-1][0] if updates else '?'} ms in serve)")
        times, inside = [], []
        for i in range(edits):
            word = "zqxbenchord" + "".join(chr(97 + int(c)) for c in str(i).zfill(3))
            before = get("/sok/index/entry.json")
            n = len(updates)
            start = time.perf_counter()
            report.write_text(original.rstrip("\n") + f"\n\nOrdet {word} är nytt.\n", encoding="utf-8")
            while True:
                entry = get("/sok/index/entry.json")
                if entry != before and found(get, json.loads(entry), word):
                    break
                time.sleep(0.01)
            times.append(time.perf_counter() - start - QUIET)
            while len(updates) <= n:
                time.sleep(0.01)
            inside.append(updates[-1][0])
            print(f"edit {i + 1}: searchable {times[-1] * 1000:.0f} ms after the quiet second; "
                  f"serve: {updates[-1][0]} ms, {updates[-1][1]} report(s) analysed ({updates[-1][2]})")
            time.sleep(0.3)
        print(f"median {statistics.median(times) * 1000:.0f} ms after the quiet second "
              f"(serve's update: median {statistics.median(inside):.0f} ms), {edits} edits")
    finally:
        report.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait()

def found(get, entry, word):
    """Whether the terms shard the client would load for `word` has a stem
    that `word` starts with (the stem of a made-up word is a prefix of it)."""
    firsts = entry["terms"]["first"]
    i = max([j for j, f in enumerate(firsts) if f <= word] or [0])
    raw = get(f"/sok/index/terms-{i}.{entry['terms']['hash']}.dfl")
    terms = json.loads(zlib.decompressobj(-15).decompress(raw))
    return any(word.startswith(t[0]) and len(t[0]) >= 8 for t in terms)

main()

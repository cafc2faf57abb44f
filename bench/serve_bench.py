#!/usr/bin/env python3
"""Save-to-served latency of `arkiv serve` (issue: at most 200 ms median at
10,000 reports on the 2-core machine).

    bench/serve_bench.py ARKIV CORPUS_DIR [--edits 20] [--port 18123]

Starts `arkiv serve` on a copy-free corpus (it edits one report's title and
puts it back at the end), waits for the first load and the background
related/search work, then repeats: write a new title into a report, and time
until the report page, its year, theme and clinic pages and the home page
are all served with the new title (fetched in parallel, as open tabs would
reload). Prints each time and the median. Standard library only."""
import json, os, pathlib, re, statistics, subprocess, sys, threading, time, urllib.request

def main():
    args = sys.argv[1:]
    arkiv, corpus = args[0], pathlib.Path(args[1])
    edits = int(args[args.index("--edits") + 1]) if "--edits" in args else 20
    port = int(args[args.index("--port") + 1]) if "--port" in args else 18123
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([arkiv, "serve", "--root", str(corpus), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    def get(path):
        with urllib.request.urlopen(base + path, timeout=30) as r:
            return r.read().decode("utf-8")
    try:
        t0 = time.time()
        while True:
            try:
                st = json.loads(get("/__arkiv/status"))
                if st["version"] >= 1 and st["search_files"] > 0:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        print(f"loaded, with related reports and search index, in {time.time() - t0:.1f} s")
        # The newest report: on its report page, year, theme, clinic and home.
        year, stem = re.search(r'href="/(\d{4})/([a-z0-9-]+)/"', get("/")).groups()
        report = corpus / "content" / year / f"{stem}.md"
        original = report.read_text(encoding="utf-8")
        topic = re.search(r"^topics: \[([^,\]]+)", original.split("---", 2)[1], re.M).group(1).strip()
        clinic_path = re.search(r'href="(/mottagningar/[^"]+/)"', get(f"/{year}/{stem}/")).group(1)
        pages = [f"/{year}/{stem}/", f"/{year}/", f"/tema/{topic}/", clinic_path]
        # The home page lists only the newest reports.
        if stem in get("/"):
            pages.append("/")
        times = []
        for i in range(edits):
            token = f"Benchmärk {i} {time.time_ns()}"
            new = re.sub(r"^title: .*$", f'title: "{token}"', original, count=1, flags=re.M)
            start = time.perf_counter()
            report.write_text(new, encoding="utf-8")
            pending = set(pages)
            while pending:
                found = {}
                def fetch(p):
                    found[p] = token in get(p)
                threads = [threading.Thread(target=fetch, args=(p,)) for p in pending]
                [t.start() for t in threads]
                [t.join() for t in threads]
                pending = {p for p in pending if not found[p]}
                if pending:
                    time.sleep(0.002)
            times.append((time.perf_counter() - start) * 1000)
            print(f"edit {i + 1}: {times[-1]:.0f} ms")
            time.sleep(0.3)
        print(f"median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}, {len(times)} edits; pages: {', '.join(pages)})")
    finally:
        if "original" in locals():
            report.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait()

main()

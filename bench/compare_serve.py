#!/usr/bin/env python3
"""Compares every answer of two `arkiv serve` binaries on one site.

    bench/compare_serve.py BEFORE AFTER ROOT BUILT_OUTPUT

Starts both on ROOT (ports 18201 and 18202), waits until each has its search
index, then asks both for every file of BUILT_OUTPUT (a build of the same
site; `index.html` asked for as its folder), a folder without its slash, an
unknown path and a path that tries to leave the site, and compares status,
content type and body. Exits 1 on any difference. Standard library only."""
import json, os, subprocess, sys, time, urllib.error, urllib.request

def fetch(port, path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read()

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None

def wait(port, proc):
    deadline = time.time() + 600
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"serve on {port} exited")
        try:
            _, _, body = fetch(port, "/__arkiv/status")
            st = json.loads(body)
            if st["version"] >= 1 and st["search_files"] > 0:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.3)
    sys.exit(f"serve on {port} did not get ready")

def main():
    before, after, root, built = sys.argv[1:5]
    ports = (18201, 18202)
    procs = [subprocess.Popen([b, "serve", "--root", root, "--port", str(p)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for b, p in zip((before, after), ports)]
    try:
        for proc, port in zip(procs, ports):
            wait(port, proc)
        paths = []
        for dirpath, _, files in os.walk(built):
            for f in files:
                rel = os.path.relpath(os.path.join(dirpath, f), built).replace(os.sep, "/")
                if rel == ".arkiv-output":
                    continue
                paths.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
        paths.sort()
        paths += ["/ar", "/finns-inte/", "/../site.toml", "/%2e%2e/site.toml"]
        different = 0
        for path in paths:
            a, b = fetch(ports[0], urllib.parse.quote(path)), fetch(ports[1], urllib.parse.quote(path))
            if a != b:
                different += 1
                if different <= 10:
                    print(f"  differs: {path} ({a[0]} {a[1]} {len(a[2])} B vs {b[0]} {b[1]} {len(b[2])} B)")
        print(f"  {len(paths)} requests, {different} different")
        sys.exit(1 if different else 0)
    finally:
        for p in procs:
            p.terminate()
            p.wait()

if __name__ == "__main__":
    import urllib.parse
    main()

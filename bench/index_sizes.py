#!/usr/bin/env python3
"""Bytes of a first search on a built site, from the index files alone.

usage: index_sizes.py PUBLIC_DIR [QUERY_STEM]

Prints the sizes of entry.json, facets, an average meta and text chunk, the
terms shard(s) the stem needs, and the meta and text chunks of its first 10
results (BM25 as the client ranks a one-word query: the max over the stems the
query prefix-matches, prefix matches x 0.8), plus the page, its CSS and
scripts as built. No browser: the browser test measures the real transfer.
"""
import bisect
import json
import math
import os
import sys
import zlib


def inflate(path):
    with open(path, "rb") as f:
        return json.loads(zlib.decompress(f.read(), -15))


def main():
    out = sys.argv[1]
    stem = sys.argv[2] if len(sys.argv) > 2 else "sjukskrivning"
    idx = os.path.join(out, "sok", "index")
    size = lambda name: os.path.getsize(os.path.join(idx, name))
    entry = json.load(open(os.path.join(idx, "entry.json")))
    n = entry["docs"]
    files = os.listdir(idx)
    meta = [f for f in files if f.startswith("meta-")]
    text = [f for f in files if f.startswith("text-")]
    avg = lambda fs: sum(size(f) for f in fs) / max(1, len(fs))
    th = entry["terms"]["hash"]
    first = entry["terms"]["first"]
    i = max(0, bisect.bisect_right(first, stem) - 1)
    shards = [i]
    # A prefix may run on into the next shards.
    while i + 1 < len(first) and first[i + 1].startswith(stem):
        i += 1
        shards.append(i)
    facets = inflate(os.path.join(idx, entry["facets"]))
    lens = [2 ** ((ord(c) - 48) / 4) - 1 for c in facets["len"]]
    scores = {}
    for s in shards:
        for t in inflate(os.path.join(idx, f"terms-{s}.{th}.dfl")):
            if not t[0].startswith(stem):
                continue
            factor = 1.0 if t[0] == stem else 0.8
            df = len(t[2])
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            d = 0
            for k, (delta, tf) in enumerate(zip(t[2], t[3])):
                d = delta if k == 0 else d + delta
                tf = 0.5 if tf == 0 else tf
                norm = 1.2 * (1 - 0.75 + 0.75 * lens[d] / entry["avg_len"])
                sc = factor * idf * tf * 2.2 / (tf + norm)
                scores[d] = max(scores.get(d, 0), sc)
    top = sorted(scores, key=lambda d: (-scores[d], d))[:10]
    mh, xh = entry["meta"]["hash"], entry["text"]["hash"]
    metas = sorted({d // entry["meta_chunk"] for d in top})
    texts = sorted({d // entry["text_chunk"] for d in top})
    meta_b = sum(size(f"meta-{m}.{mh}.dfl") for m in metas)
    text_b = sum(size(f"text-{m}.{xh}.dfl") for m in texts)
    shard_b = sum(size(f"terms-{s}.{th}.dfl") for s in shards)
    page = sum(
        os.path.getsize(os.path.join(out, p))
        for p in ["sok/index.html", "assets/sok.js"]
        if os.path.exists(os.path.join(out, p))
    )
    css = sum(
        os.path.getsize(os.path.join(out, "assets", f))
        for f in os.listdir(os.path.join(out, "assets"))
        if f.endswith(".css")
    )
    fixed = page + css + size("entry.json") + size(entry["facets"])
    first_results = fixed + shard_b + meta_b
    print(f"docs {n}, index files {len(files)} (meta {len(meta)}, text {len(text)}, terms+pos {2 * len(first)})")
    print(f"entry.json {size('entry.json')} B, facets {size(entry['facets'])} B")
    print(f"meta chunk avg {avg(meta):.0f} B, text chunk avg {avg(text):.0f} B")
    print(f"{stem!r}: {len(scores)} results, shards {shards} = {shard_b} B")
    print(f"top 10: {len(metas)} meta chunks {meta_b} B, {len(texts)} text chunks {text_b} B")
    print(f"page + sok.js {page} B, CSS {css} B")
    print(f"before first results: {first_results / 1000:.1f} kB; with excerpts: {(first_results + text_b) / 1000:.1f} kB")


if __name__ == "__main__":
    main()

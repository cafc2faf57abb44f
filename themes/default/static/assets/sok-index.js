// Reads arkiv's own search index (format 1, docs/search.md) and answers
// queries with it: entry.json first, then only the shards a query needs.
// Stems are matched as prefixes, several words mean all of them, quoted
// words are phrases, a word with no match at all is replaced by the nearest
// indexed word, and results are ranked with BM25 over weighted term counts.
// Facet counts are computed here from the facets file, for any choices,
// without a second search.

import { stem, isStopWord } from "./sok-stam.js";

const FORMAT = "arkiv-search";
const VERSION = 1;
const K1 = 1.2;
const B = 0.75;

/// Why the index cannot be used: "old" (a shard is gone: the site was
/// rebuilt), "missing" (no entry file), "broken" (unreadable) or "format".
export class IndexError extends Error {
  constructor(kind, detail) {
    super(`${kind}: ${detail}`);
    this.kind = kind;
  }
}

const WORD = /[\p{L}\p{N}]+/gu;
/// The words of a text, lower-cased, with where each starts and ends.
export function words(text) {
  return [...text.matchAll(WORD)].map((m) => ({
    word: m[0].toLocaleLowerCase("sv"),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/// A query: loose words and quoted phrases (straight or typographic quotes).
/// Each part is a list of { word, stem } with null stems for function words.
export function parseQuery(q) {
  const parts = q.split(/["”“„]/);
  const loose = [];
  const phrases = [];
  parts.forEach((part, i) => {
    const ws = words(part).map(({ word }) => ({ word, stem: isStopWord(word) ? null : stem(word) }));
    if (i % 2 === 1 && ws.filter((w) => w.stem).length > 1) phrases.push(ws);
    else loose.push(...ws.filter((w) => w.stem));
  });
  return { loose, phrases };
}

/// Damerau–Levenshtein distance (optimal string alignment), on characters.
export function distance(a, b) {
  const s = [...a];
  const t = [...b];
  const d = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

async function fetchJson(url, compressed) {
  let resp;
  try {
    resp = await fetch(url);
  } catch (e) {
    throw new IndexError("broken", `${url}: ${e.message}`);
  }
  if (!resp.ok) throw new IndexError(resp.status === 404 ? (compressed ? "old" : "missing") : "broken", `${url}: ${resp.status}`);
  try {
    const body = compressed ? resp.body.pipeThrough(new DecompressionStream("deflate-raw")) : resp.body;
    return JSON.parse(await new Response(body).text());
  } catch (e) {
    throw new IndexError("broken", `${url}: ${e.message}`);
  }
}

function check(ok, what) {
  if (!ok) throw new IndexError("broken", what);
}

/// Absolute values of a delta-coded list.
function undelta(list) {
  let at = 0;
  return list.map((d, i) => (at = i === 0 ? d : at + d));
}

export class SearchIndex {
  /// Opens the index under `base` (ending in "/"): entry.json and facets.
  static async open(base) {
    const entry = await fetchJson(base + "entry.json", false);
    if (!entry || entry.format !== FORMAT || entry.version !== VERSION) {
      throw new IndexError("format", `${entry && entry.format} ${entry && entry.version}`);
    }
    const index = new SearchIndex(base, entry);
    index.facets = await index.file(entry.facets);
    index.checkFacets();
    return index;
  }

  constructor(base, entry) {
    this.base = base;
    this.entry = entry;
    this.files = new Map();
    const n = entry.docs;
    const group = (g) => g && Number.isInteger(g.files) && /^[0-9a-f]{16}$/.test(g.hash);
    check(Number.isInteger(n) && n >= 0 && group(entry.meta) && group(entry.text) && group(entry.terms), "entry.json");
    check(entry.meta.files === Math.ceil(n / entry.meta_chunk) && entry.text.files === Math.ceil(n / entry.text_chunk), "entry.json: chunks");
    check(Array.isArray(entry.terms.first) && entry.terms.first.length === entry.terms.files, "entry.json: terms");
    this.first = entry.terms.first;
  }

  /// The name of chunk `i` of a group (meta, text, terms; pos shares the
  /// terms' hash).
  name(kind, i) {
    return `${kind}-${i}.${this.entry[kind === "pos" ? "terms" : kind].hash}.dfl`;
  }

  /// A shard's parsed JSON, fetched once.
  file(name) {
    if (!this.files.has(name)) {
      const p = fetchJson(this.base + name, true);
      this.files.set(name, p);
      p.catch(() => this.files.delete(name));
    }
    return this.files.get(name);
  }

  checkFacets() {
    const f = this.facets;
    const n = this.entry.docs;
    check(f && typeof f.len === "string" && f.len.length === n, "facets: len");
    for (const k of ["clinic", "region", "topic", "change"]) check(Array.isArray(f[k]) && f[k].length === n, `facets: ${k}`);
    this.year = new Array(n);
    for (const [y, from, to] of f.years) for (let d = from; d < to; d++) this.year[d] = y;
    this.plans = new Set(f.plans);
    this.drafts = new Set(f.drafts || []);
    this.length = (d) => 2 ** ((f.len.charCodeAt(d) - 48) / 4) - 1;
    this.avgLen = this.entry.avg_len || 1;
  }

  /// A chunk's entries (meta or text) for a doc, with its place in it.
  async chunkOf(kind, doc) {
    const size = this.entry[kind + "_chunk"];
    const i = Math.floor(doc / size);
    const data = await this.file(this.name(kind, i));
    const want = Math.min(size, this.entry.docs - i * size);
    check(Array.isArray(data) && data.length === want, `${kind}-${i}: ${data && data.length} entries, not ${want}`);
    return data[doc - i * size];
  }

  meta = (doc) => this.chunkOf("meta", doc);
  text = (doc) => this.chunkOf("text", doc);

  /// The term shard where `stem` would be: the last whose first stem ≤ it.
  shardAt(s) {
    const t = this.first;
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t[mid] <= s) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  async shard(i) {
    const terms = await this.file(this.name("terms", i));
    check(Array.isArray(terms), `terms-${i}`);
    return terms;
  }

  /// Every indexed term whose stem starts with `s`, with its shard and place.
  async prefixed(s) {
    const t = this.first;
    if (!t.length) return [];
    const out = [];
    for (let i = this.shardAt(s); i < t.length; i++) {
      if (i > this.shardAt(s) && !t[i].startsWith(s)) break;
      const terms = await this.shard(i);
      terms.forEach((term, at) => {
        if (term[0].startsWith(s)) out.push({ stem: term[0], word: term[1], docs: undelta(term[2]), tfs: term[3], shard: i, at });
      });
    }
    return out;
  }

  /// The nearest indexed word to a word with no match (null if none is
  /// close enough): the shard it falls in and one on each side.
  async nearest(word, s) {
    const t = this.first;
    if (!t.length) return null;
    const at = this.shardAt(s);
    const most = [...word].length <= 5 ? 1 : 2;
    let best = null;
    for (let i = Math.max(0, at - 1); i <= Math.min(t.length - 1, at + 1); i++) {
      for (const term of await this.shard(i)) {
        const d = distance(word, term[1]);
        const df = term[2].length;
        if (d <= most && (!best || d < best.d || (d === best.d && df > best.df))) best = { d, df, word: term[1] };
      }
    }
    return best && best.word;
  }

  /// Positions of a term's occurrences per doc (for phrases).
  async positions(term) {
    const pos = await this.file(this.name("pos", term.shard));
    const list = pos[term.at];
    check(Array.isArray(list) && list.length === term.docs.length, `pos of ${term.stem}`);
    const out = new Map();
    term.docs.forEach((d, i) => out.set(d, undelta(list[i])));
    return out;
  }

  /// BM25 of one query word per doc: the best of the stems it matched.
  scoreWord(terms, qstem) {
    const n = this.entry.docs;
    const out = new Map();
    for (const term of terms) {
      const df = term.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const weight = term.stem === qstem ? 1 : 0.8;
      term.docs.forEach((d, i) => {
        const tf = term.tfs[i] || 0.5;
        const norm = K1 * (1 - B + (B * this.length(d)) / this.avgLen);
        const s = weight * idf * ((tf * (K1 + 1)) / (tf + norm));
        if (!(out.get(d) >= s)) out.set(d, s);
      });
    }
    return out;
  }

  /// Answers a query: { docs: Map doc → score (null: the query had no
  /// words), stems: matched stems (for marking), corrected: the query with
  /// replaced words, or null }.
  async search(q) {
    const { loose, phrases } = parseQuery(q);
    const all = [...loose, ...phrases.flat().filter((w) => w.stem)];
    if (!all.length) return { docs: null, stems: new Set(), corrected: null };
    let corrected = q;
    const stems = new Set();
    const found = new Map(); // query word → matched terms
    for (const w of all) {
      if (found.has(w.word)) continue;
      let terms = await this.prefixed(w.stem);
      // A typo: no match; or no matched word starts with the word as
      // written and a nearer indexed word exists ("sjukskrivnig": its stem
      // "sjukskrivn" is that of "sjukskrivna", and a prefix of
      // "sjukskrivning", which is nearer). An exact stem whose word is as
      // near as any ("vårdcentralens" → "vårdcentralen") is no typo.
      if (!terms.some((t) => t.word.startsWith(w.word))) {
        const near = await this.nearest(w.word, w.stem);
        const exact = terms.filter((t) => t.stem === w.stem);
        const nearer = near && exact.every((t) => distance(w.word, near) < distance(w.word, t.word));
        if (nearer) {
          corrected = corrected.replace(new RegExp(`(?<![\\p{L}\\p{N}])${w.word}(?![\\p{L}\\p{N}])`, "iu"), near);
          terms = await this.prefixed(stem(near));
        }
      }
      terms.forEach((t) => stems.add(t.stem));
      found.set(w.word, terms);
    }
    let docs = null;
    for (const w of all) {
      const scores = this.scoreWord(found.get(w.word), w.stem);
      if (docs === null) docs = scores;
      else for (const [d, s] of docs) scores.has(d) ? docs.set(d, s + scores.get(d)) : docs.delete(d);
    }
    for (const phrase of phrases) {
      const maps = [];
      for (const [offset, w] of phrase.entries()) {
        if (!w.stem) continue;
        const per = new Map();
        for (const term of found.get(w.word)) {
          for (const [d, ps] of await this.positions(term)) {
            if (!per.has(d)) per.set(d, new Set());
            ps.forEach((p) => per.get(d).add(p - offset));
          }
        }
        maps.push(per);
      }
      for (const d of [...docs.keys()]) {
        const sets = maps.map((m) => m.get(d) || new Set());
        if (![...sets[0]].some((p) => sets.every((s) => s.has(p)))) docs.delete(d);
      }
    }
    return { docs, stems, corrected: corrected === q ? null : corrected };
  }
}

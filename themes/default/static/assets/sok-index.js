// Reads arkiv's own search index (format 2, docs/search-format.md) and
// answers queries with it: entry.json first, then only the shards a query
// needs. Stems are matched as prefixes, a and o of a query also stand for
// å, ä and ö (the dictionary is sorted by folded stems, so both are in one
// shard), several words mean all of them, quoted words are phrases, a
// mistyped word is replaced by the nearest indexed word, and results are
// ranked with BM25 over weighted term counts: reports with every word as
// written first, then those that have a word only as a compound's part or
// only by folding.
// Facet counts are computed here from the facets file, for any choices,
// without a second search.

import { stem, isStopWord } from "./sok-stam.js";

const FORMAT = "arkiv-search";
const VERSION = 2;
const K1 = 1.2;
const B = 0.75;
const PREFIX = 0.8; // a longer stem than the query's
const PART = 0.7; // a compound's part (tf -1)
const FOLDED = 0.7; // met only by folding

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

/// Å and ä as a, ö as o (search::swedish::fold).
export const fold = (s) => s.replace(/[åä]/g, "a").replace(/ö/g, "o");

/// Whether a query stem, its a and o standing also for å, ä and ö, is a
/// prefix of an indexed stem (search::query::fold_meets).
export function foldMeets(q, stem) {
  const s = [...stem];
  return [...q].every((c, i) => i < s.length && (s[i] === c || fold(s[i]) === c));
}

/// Orders the docs of a result best first: the fewest query words met
/// only as a compound's part or by folding, then the higher score.
export const byRelevance = (docs) => (a, b) => {
  const x = docs.get(a);
  const y = docs.get(b);
  return x.tier - y.tier || y.score - x.score || a - b;
};

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
    check(typeof f.outcome === "string" && f.outcome.length === n && Array.isArray(f.outcomes), "facets: outcome");
    for (let d = 0; d < n; d++) check(f.outcomes[f.outcome.charCodeAt(d) - 48], "facets: outcome");
    this.year = new Array(n);
    for (const [y, from, to] of f.years) for (let d = from; d < to; d++) this.year[d] = y;
    // Delta-coded per-doc clinics and plan ids (format 2).
    f.clinic = undelta(f.clinic);
    check(f.clinic.every((c) => c >= 0 && c < f.clinics.length), "facets: clinic");
    this.plans = new Set(undelta(f.plans));
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

  /// Every indexed term a query stem meets, with its shard and place:
  /// those whose stem starts with it (`own`) and those it meets only by
  /// folding, in the range of terms whose folded stem starts with its own.
  async matching(s) {
    const t = this.first;
    if (!t.length) return [];
    const f = fold(s);
    const from = this.shardAt(f);
    const n = [...s].length;
    const out = [];
    for (let i = from; i < t.length; i++) {
      if (i > from && !t[i].startsWith(f)) break;
      const terms = await this.shard(i);
      terms.forEach((term, at) => {
        const own = term[0].startsWith(s);
        if (!own && !foldMeets(s, term[0])) return;
        const factor = ([...term[0]].length === n ? 1 : PREFIX) * (own ? 1 : FOLDED);
        out.push({ stem: term[0], word: term[1], docs: undelta(term[2]), tfs: term[3], shard: i, at, own, factor });
      });
    }
    return out;
  }

  /// The nearest indexed word to a mistyped word (null if none is close
  /// enough), å, ä and ö folded on both sides: the shard it falls in and
  /// one on each side.
  async nearest(word, s) {
    const t = this.first;
    if (!t.length) return null;
    const at = this.shardAt(fold(s));
    const w = fold(word);
    const most = [...word].length <= 5 ? 1 : 2;
    let best = null;
    for (let i = Math.max(0, at - 1); i <= Math.min(t.length - 1, at + 1); i++) {
      for (const term of await this.shard(i)) {
        const d = distance(w, fold(term[1]));
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

  /// One query word per doc: its best match over the terms it met, as
  /// { tier: 0 for the word as written or a form of its family, 1 for a
  /// compound's part or a folded match; score: BM25 }, the lower tier
  /// first, then the higher score.
  /// The idf is the query word's, from the docs it met over all its
  /// terms (its parts and longer stems must not outweigh the word itself
  /// by being rarer).
  scoreWord(terms) {
    const n = this.entry.docs;
    const out = new Map();
    const df = new Set(terms.flatMap((t) => t.docs)).size;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const term of terms) {
      term.docs.forEach((d, i) => {
        const raw = term.tfs[i];
        const tf = raw > 0 ? raw : raw === 0 ? 0.5 : 0.5 * PART;
        const tier = term.own && raw >= 0 ? 0 : 1;
        const norm = K1 * (1 - B + (B * this.length(d)) / this.avgLen);
        const score = term.factor * idf * ((tf * (K1 + 1)) / (tf + norm));
        const e = out.get(d);
        if (!e || tier < e.tier || (tier === e.tier && score > e.score)) out.set(d, { tier, score });
      });
    }
    return out;
  }

  /// Answers a query: { docs: Map doc → { tier, score } (null: the query
  /// had no words; order them with byRelevance), stems: matched stems and
  /// parts: query stems met as a compound's part (for marking), corrected:
  /// the query with replaced words, or null }.
  async search(q) {
    const { loose, phrases } = parseQuery(q);
    const all = [...loose, ...phrases.flat().filter((w) => w.stem)];
    if (!all.length) return { docs: null, stems: new Set(), parts: new Set(), corrected: null };
    let corrected = q;
    const stems = new Set();
    const parts = new Set();
    const found = new Map(); // query word → matched terms
    for (const w of all) {
      if (found.has(w.word)) continue;
      let qs = w.stem;
      let terms = await this.matching(qs);
      // A typo: no matched word starts with the word as written (å, ä and
      // ö folded: "smarta" is no typo of "smärta") and a nearer indexed
      // word exists than any of the query's own folded stem
      // ("sjukskrivnig": its stem "sjukskrivn" is that of "sjukskrivna",
      // and a prefix of "sjukskrivning", which is nearer). An exact stem
      // whose word is as near as any ("vårdcentralens" → "vårdcentralen")
      // is no typo, and no suggestion is farther than a folded match.
      const written = fold(w.word);
      if (!terms.some((t) => fold(t.word).startsWith(written))) {
        const near = await this.nearest(w.word, w.stem);
        const same = terms.filter((t) => fold(t.stem) === fold(w.stem));
        const nearer = near && same.every((t) => distance(written, fold(near)) < distance(written, fold(t.word)));
        if (nearer) {
          corrected = corrected.replace(new RegExp(`(?<![\\p{L}\\p{N}])${w.word}(?![\\p{L}\\p{N}])`, "iu"), near);
          qs = stem(near);
          terms = await this.matching(qs);
        }
      }
      terms.forEach((t) => {
        stems.add(t.stem);
        if (t.tfs.includes(-1)) parts.add(fold(qs));
      });
      found.set(w.word, terms);
    }
    let docs = null;
    for (const w of all) {
      const scores = this.scoreWord(found.get(w.word));
      if (docs === null) docs = scores;
      else {
        for (const [d, s] of docs) {
          const x = scores.get(d);
          if (x) docs.set(d, { tier: s.tier + x.tier, score: s.score + x.score });
          else docs.delete(d);
        }
      }
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
    return { docs, stems, parts, corrected: corrected === q ? null : corrected };
  }
}

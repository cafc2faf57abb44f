// A small search index of format 2 (docs/search-format.md), written by the
// format's rules from a few documents, for tests of the client without the
// Rust writer: engine.mjs answers fetch from it in memory; `node
// tiny-index.mjs DIR` writes it into DIR (a built site's sok/index/).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { stem, isStopWord } from '../../themes/default/static/assets/sok-stam.js';
import { fold } from '../../themes/default/static/assets/sok-index.js';

export const DOCS = [
  { year: 2025, t: 'Färre långa sjukskrivningar', text: 'Vi följde varje sjukskrivning med en rehabkoordinator. Sjukskrivningar blev kortare.' },
  { year: 2024, sip: true, t: 'SIP i samverkan', text: 'Samverkan med kommunen om samordnad individuell plan för patienter med sjukskrivning.' },
  { year: 2024, t: 'Läkemedelsgenomgångar', text: 'Kommunen och mottagningen gjorde läkemedelsgenomgångar i samverkan.' },
  { year: 2023, t: 'Rökfri operation', text: 'Patienter fick stöd att sluta röka före operation.' },
];
const words = (s) => [...s.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0].toLocaleLowerCase('sv'));

/// A format-2 index of `docs` (default DOCS), as a map from file name to
/// bytes. A doc's `parts` are words it has only as a compound's last part
/// (tf -1, as the Rust writer adds them).
export function writeIndex({ version = 2, docs = DOCS } = {}) {
  const files = new Map();
  const deflate = (v) => zlib.deflateRawSync(Buffer.from(JSON.stringify(v)));
  const hash = '0123456789abcdef';
  const terms = new Map(); // stem → { words: Map, docs: Map doc → { tf, pos } }
  const lens = [];
  docs.forEach((d, id) => {
    let len = 0;
    const add = (w, weight, pos) => {
      if (isStopWord(w)) return;
      const s = stem(w);
      if (!terms.has(s)) terms.set(s, { words: new Map(), docs: new Map() });
      const t = terms.get(s);
      t.words.set(w, (t.words.get(w) || 0) + 1);
      if (!t.docs.has(id)) t.docs.set(id, { tf: 0, pos: [] });
      t.docs.get(id).tf += weight;
      if (pos !== null) t.docs.get(id).pos.push(pos);
      len += weight;
    };
    words(d.t).forEach((w) => add(w, 3, null));
    words(d.text).forEach((w, i) => add(w, 1, i));
    for (const w of d.parts || []) {
      const s = stem(w);
      if (!terms.has(s)) terms.set(s, { words: new Map(), docs: new Map() });
      const t = terms.get(s);
      if (!t.words.has(w)) t.words.set(w, 0);
      if (!t.docs.has(id)) t.docs.set(id, { tf: -1, pos: [] });
    }
    lens.push(len);
  });
  const delta = (xs) => xs.map((x, i) => (i ? x - xs[i - 1] : x));
  // Sorted by the folded stem, then the stem (format 2).
  const key = (s) => [fold(s), s];
  const sorted = [...terms.keys()].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
  });
  const half = Math.ceil(sorted.length / 2);
  const shards = [sorted.slice(0, half), sorted.slice(half)];
  shards.forEach((shard, i) => {
    const rows = shard.map((s) => {
      const t = terms.get(s);
      const word = [...t.words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
      const docs = [...t.docs.keys()];
      return [[s, word, delta(docs), docs.map((d) => t.docs.get(d).tf)], docs.map((d) => delta(t.docs.get(d).pos))];
    });
    files.set(`terms-${i}.${hash}.dfl`, deflate(rows.map((r) => r[0])));
    files.set(`pos-${i}.${hash}.dfl`, deflate(rows.map((r) => r[1])));
  });
  files.set(`meta-0.${hash}.dfl`, deflate(docs.map((d) => ({ t: d.t, u: `/${d.year}/x/`, g: '', s: 'Slutrapport' }))));
  docs.forEach((d, i) => files.set(`text-${i}.${hash}.dfl`, deflate([d.text])));
  // Years as doc ranges (docs are newest first).
  const years = [];
  docs.forEach((d, i) => (years.length && years[years.length - 1][0] === d.year ? (years[years.length - 1][2] = i + 1) : years.push([d.year, i, i + 1])));
  const facets = {
    years,
    topics: [{ slug: 'sip', name: 'SIP' }], changes: [], regions: [],
    clinics: [{ slug: 'a', name: 'A vårdcentral' }],
    clinic: docs.map(() => 0), region: docs.map(() => -1), topic: docs.map((d) => (d.sip ? [0] : [])), change: docs.map(() => []),
    outcomes: [
      { slug: 'uppnatt', name: 'Uppnått' }, { slug: 'delvis', name: 'Delvis uppnått' }, { slug: 'ej-uppnatt', name: 'Ej uppnått' },
      { slug: 'ej-bedombart', name: 'Ej bedömbart' }, { slug: 'plan', name: 'Plan' },
    ],
    outcome: docs.map((d, i) => String(d.utfall ?? i % 4)).join(''),
    plans: [], drafts: [],
    len: lens.map((w) => String.fromCharCode(48 + Math.min(60, Math.round(4 * Math.log2(1 + w))))).join(''),
  };
  files.set('facets.00000000000000aa.dfl', deflate(facets));
  const entry = {
    format: 'arkiv-search', version, docs: docs.length, avg_len: lens.reduce((a, b) => a + b) / lens.length,
    meta_chunk: 32, text_chunk: 1, facets: 'facets.00000000000000aa.dfl',
    meta: { files: 1, hash }, text: { files: docs.length, hash },
    terms: { files: 2, hash, first: shards.map((s) => fold(s[0])) },
  };
  files.set('entry.json', Buffer.from(JSON.stringify(entry)));
  return files;
}

if (process.argv[1] && process.argv[1].endsWith('tiny-index.mjs') && process.argv[2]) {
  fs.mkdirSync(process.argv[2], { recursive: true });
  for (const [name, bytes] of writeIndex()) fs.writeFileSync(path.join(process.argv[2], name), bytes);
}

// A small search index of format 1 (docs/search-format.md), written by the
// format's rules from a few documents, for tests of the client without the
// Rust writer: engine.mjs answers fetch from it in memory; `node
// tiny-index.mjs DIR` writes it into DIR (a built site's sok/index/).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { stem, isStopWord } from '../../themes/default/static/assets/sok-stam.js';

export const DOCS = [
  { year: 2025, t: 'Färre långa sjukskrivningar', text: 'Vi följde varje sjukskrivning med en rehabkoordinator. Sjukskrivningar blev kortare.' },
  { year: 2024, t: 'SIP i samverkan', text: 'Samverkan med kommunen om samordnad individuell plan för patienter med sjukskrivning.' },
  { year: 2024, t: 'Läkemedelsgenomgångar', text: 'Kommunen och mottagningen gjorde läkemedelsgenomgångar i samverkan.' },
  { year: 2023, t: 'Rökfri operation', text: 'Patienter fick stöd att sluta röka före operation.' },
];
const words = (s) => [...s.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0].toLocaleLowerCase('sv'));

/// A format-1 index of DOCS, as a map from file name to bytes.
export function writeIndex({ version = 1 } = {}) {
  const files = new Map();
  const deflate = (v) => zlib.deflateRawSync(Buffer.from(JSON.stringify(v)));
  const hash = '0123456789abcdef';
  const terms = new Map(); // stem → { words: Map, docs: Map doc → { tf, pos } }
  const lens = [];
  DOCS.forEach((d, id) => {
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
    lens.push(len);
  });
  const delta = (xs) => xs.map((x, i) => (i ? x - xs[i - 1] : x));
  const sorted = [...terms.keys()].sort();
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
  files.set(`meta-0.${hash}.dfl`, deflate(DOCS.map((d) => ({ t: d.t, u: `/${d.year}/x/`, g: '', s: 'Slutrapport' }))));
  DOCS.forEach((d, i) => files.set(`text-${i}.${hash}.dfl`, deflate([d.text])));
  const facets = {
    years: [[2025, 0, 1], [2024, 1, 3], [2023, 3, 4]],
    topics: [{ slug: 'sip', name: 'SIP' }], changes: [], regions: [],
    clinics: [{ slug: 'a', name: 'A vårdcentral' }],
    clinic: [0, 0, 0, 0], region: [-1, -1, -1, -1], topic: [[], [0], [], []], change: [[], [], [], []],
    plans: [], drafts: [],
    len: lens.map((w) => String.fromCharCode(48 + Math.min(60, Math.round(4 * Math.log2(1 + w))))).join(''),
  };
  files.set('facets.00000000000000aa.dfl', deflate(facets));
  const entry = {
    format: 'arkiv-search', version, docs: DOCS.length, avg_len: lens.reduce((a, b) => a + b) / lens.length,
    meta_chunk: 32, text_chunk: 1, facets: 'facets.00000000000000aa.dfl',
    meta: { files: 1, hash }, text: { files: DOCS.length, hash },
    terms: { files: 2, hash, first: shards.map((s) => s[0]) },
  };
  files.set('entry.json', Buffer.from(JSON.stringify(entry)));
  return files;
}

if (process.argv[1] && process.argv[1].endsWith('tiny-index.mjs') && process.argv[2]) {
  fs.mkdirSync(process.argv[2], { recursive: true });
  for (const [name, bytes] of writeIndex()) fs.writeFileSync(path.join(process.argv[2], name), bytes);
}

// The query engine of the search page (themes/default/static/assets/
// sok-index.js) on a small index written here by the format's rules
// (docs/search-format.md), with fetch answered from memory: prefix
// matching, AND, phrases, typo correction, ranking, and the errors for a
// missing, damaged or foreign index file.
//
//   node engine.mjs
//
// Prints each problem and exits 1 if there is one.

import zlib from 'node:zlib';
import { SearchIndex, IndexError, parseQuery, distance } from '../../themes/default/static/assets/sok-index.js';
import { stem, isStopWord } from '../../themes/default/static/assets/sok-stam.js';

const DOCS = [
  { year: 2025, t: 'Färre långa sjukskrivningar', text: 'Vi följde varje sjukskrivning med en rehabkoordinator. Sjukskrivningar blev kortare.' },
  { year: 2024, t: 'SIP i samverkan', text: 'Samverkan med kommunen om samordnad individuell plan för patienter med sjukskrivning.' },
  { year: 2024, t: 'Läkemedelsgenomgångar', text: 'Kommunen och mottagningen gjorde läkemedelsgenomgångar i samverkan.' },
  { year: 2023, t: 'Rökfri operation', text: 'Patienter fick stöd att sluta röka före operation.' },
];
const words = (s) => [...s.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0].toLocaleLowerCase('sv'));

/// A format-1 index of DOCS, as a map from file name to bytes.
function writeIndex({ version = 1 } = {}) {
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

function serveFrom(files) {
  globalThis.fetch = async (url) => {
    const name = url.replace('/sok/index/', '');
    return files.has(name) ? new Response(files.get(name)) : new Response('gone', { status: 404 });
  };
}

const problems = [];
const expect = (ok, what) => ok || problems.push(what);
const ids = (r) => [...r.docs.keys()].sort((a, b) => r.docs.get(b) - r.docs.get(a) || a - b);

serveFrom(writeIndex());
const index = await SearchIndex.open('/sok/index/');
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
let r = await index.search('sjukskriv');
expect(same(ids(r).sort(), [0, 1]), `prefix "sjukskriv": ${ids(r)}`);
expect(ids(r)[0] === 0, `the doc with the word in its title and text first: ${ids(r)}`);
r = await index.search('sjukskrivning kommunen');
expect(same(ids(r), [1]), `AND: ${ids(r)}`);
r = await index.search('"samverkan med kommunen"');
expect(same(ids(r), [1]), `phrase with a function word: ${ids(r)}`);
r = await index.search('"kommunen samverkan"');
expect(same(ids(r), []), `words apart are no phrase: ${ids(r)}`);
r = await index.search('"samordnad individuell plan" patienter');
expect(same(ids(r), [1]), `phrase and a loose word: ${ids(r)}`);
// Its stem "sjukskrivn" is a prefix of "sjukskrivning": found, no correction.
r = await index.search('sjukskrivnig');
expect(r.corrected === null && same(ids(r).sort(), [0, 1]), `typo by prefix: ${r.corrected} ${ids(r)}`);
r = await index.search('samvrkan');
expect(r.corrected === 'samverkan' && same(ids(r).sort(), [1, 2]), `typo: ${r.corrected} ${ids(r)}`);
r = await index.search('rehabkordinator');
expect(r.corrected === 'rehabkoordinator', `typo in a long word: ${r.corrected}`);
r = await index.search('qqqqqq');
expect(r.corrected === null && r.docs.size === 0, `no near word: ${r.corrected}`);
r = await index.search('och med');
expect(r.docs === null, 'only function words: no query');
expect(same((await index.meta(3)).u, '/2023/x/'), 'meta of doc 3');
expect((await index.text(2)).startsWith('Kommunen'), 'text of doc 2');
expect(distance('sjukskrivnig', 'sjukskrivning') === 1 && distance('ab', 'ba') === 1, 'distance');
expect(parseQuery('a "b c" d').phrases.length === 1, 'parseQuery: one phrase');

async function failure(files, what, kind, then = (i) => i.search('sjukskrivning')) {
  serveFrom(files);
  try {
    await then(await SearchIndex.open('/sok/index/'));
    problems.push(`${what}: no error`);
  } catch (e) {
    expect(e instanceof IndexError && e.kind === kind, `${what}: ${e.kind || e} (want ${kind})`);
  }
}
let files = writeIndex();
files.delete('entry.json');
await failure(files, 'no entry.json', 'missing');
await failure(writeIndex({ version: 2 }), 'version 2', 'format');
files = writeIndex();
files.delete('terms-1.0123456789abcdef.dfl');
files.delete('terms-0.0123456789abcdef.dfl');
await failure(files, 'a shard gone (an old entry.json)', 'old');
files = writeIndex();
files.set('meta-0.0123456789abcdef.dfl', Buffer.from('not deflate at all'));
await failure(files, 'a damaged meta chunk', 'broken', (i) => i.meta(0));
files = writeIndex();
files.set('meta-0.0123456789abcdef.dfl', zlib.deflateRawSync(Buffer.from('[{"t":"x"}]')));
await failure(files, 'a meta chunk of the wrong length', 'broken', (i) => i.meta(0));
files = writeIndex();
files.set('facets.00000000000000aa.dfl', zlib.deflateRawSync(Buffer.from('{"len":"0"}')));
await failure(files, 'facets of the wrong length', 'broken');

for (const p of problems) console.log('PROBLEM ' + p);
console.log(problems.length ? `${problems.length} problems` : 'engine: ok');
process.exit(problems.length ? 1 : 0);

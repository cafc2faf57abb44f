// The query engine of the search page (themes/default/static/assets/
// sok-index.js) on a small index written here by the format's rules
// (tiny-index.mjs), with fetch answered from memory: prefix
// matching, AND, phrases, typo correction, ranking, å, ä and ö typed as a
// and o, compounds' last parts after whole words, and the errors for a
// missing, damaged or foreign index file.
//
//   node engine.mjs
//
// Prints each problem and exits 1 if there is one.

import zlib from 'node:zlib';
import { SearchIndex, IndexError, parseQuery, distance, byRelevance } from '../../themes/default/static/assets/sok-index.js';
import { writeIndex } from './tiny-index.mjs';

function serveFrom(files) {
  globalThis.fetch = async (url) => {
    const name = url.replace('/sok/index/', '');
    return files.has(name) ? new Response(files.get(name)) : new Response('gone', { status: 404 });
  };
}

const problems = [];
const expect = (ok, what) => ok || problems.push(what);
const ids = (r) => [...r.docs.keys()].sort(byRelevance(r.docs));

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
// Its stem "sjukskrivn" is a prefix of "sjukskrivning", but no word starts
// with "sjukskrivnig": found, and corrected.
r = await index.search('sjukskrivnig');
expect(r.corrected === 'sjukskrivning' && same(ids(r).sort(), [0, 1]), `typo by prefix: ${r.corrected} ${ids(r)}`);
// A prefix of a word as written, and an inflected form: no correction.
r = await index.search('sjukskriv');
expect(r.corrected === null, `prefix: ${r.corrected}`);
r = await index.search('kommunens');
expect(r.corrected === null && r.docs.size > 0, `inflection: ${r.corrected}`);
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

// Folding and compounds' parts, on an index of their own.
serveFrom(
  writeIndex({
    docs: [
      { year: 2025, t: 'Långvarig smärta', text: 'Patienter med långvarig smärta fick stöd. Smärtan minskade.' },
      { year: 2025, t: 'Smarta lösningar', text: 'Smarta telefoner och smart teknik i vården.' },
      { year: 2024, t: 'Teamet', text: 'Teamet har en arbetsterapeut och en sjuksköterska.', parts: ['terapeut'] },
      { year: 2024, t: 'Terapeuten', text: 'Terapeuten träffade patienten.' },
      { year: 2023, t: 'Nyhälsan', text: 'Nyhälsan arbetar med läkemedel och psykisk ohälsa.' },
      { year: 2023, t: 'Spara tid', text: 'Vi sparar tid.' },
    ],
  }),
);
const folded = await SearchIndex.open('/sok/index/');
r = await folded.search('smarta');
expect(same(ids(r), [1, 0]) && r.corrected === null, `"smarta": the word as written first, then "smärta", no correction: ${ids(r)} ${r.corrected}`);
r = await folded.search('smärta');
expect(same(ids(r), [0]), `"smärta" stands only for itself: ${ids(r)}`);
for (const [q, want] of [['nyhals', [4]], ['lakemedel', [4]], ['"psykisk ohalsa"', [4]], ['psykisk ohalsa', [4]]]) {
  r = await folded.search(q);
  expect(same(ids(r), want) && r.corrected === null, `"${q}": ${ids(r)} ${r.corrected}`);
}
r = await folded.search('"ohalsa psykisk"');
expect(same(ids(r), []), `folded words apart are no phrase: ${ids(r)}`);
r = await folded.search('terapeuten');
expect(same(ids(r), [3, 2]) && r.docs.get(2).tier === 1 && r.parts.has('terapeut'), `"terapeuten": the word first, then the compound: ${ids(r)}`);
r = await folded.search('smrta');
expect(r.corrected !== 'spara' && r.corrected !== 'sparar', `"smrta" never becomes "spara": ${r.corrected}`);

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
await failure(writeIndex({ version: 3 }), 'version 3', 'format');
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

// Compares the browser's Swedish stemmer (themes/default/static/assets/
// sok-stam.js) with Rust's, word by word.
//
//   node stem-check.mjs WORDS.tsv
//
// WORDS.tsv: one line per word, "word<TAB>lower case<TAB>stem<TAB>stop<TAB>
// folded stem" (stop: 1 for a function word, else 0), all from the Rust
// side. Prints every word where the lower case, the stem, the function-word
// flag or the folded stem differ, and exits 1 if there is one.

import fs from 'node:fs';
import { stem, isStopWord } from '../../themes/default/static/assets/sok-stam.js';
import { fold } from '../../themes/default/static/assets/sok-index.js';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node stem-check.mjs WORDS.tsv');
  process.exit(2);
}
const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const problems = [];
for (const line of lines) {
  const [word, lower, rust, stop, folded] = line.split('\t');
  const ours = word.toLocaleLowerCase('sv');
  if (ours !== lower) problems.push(`${word}: lower case ${ours}, Rust ${lower}`);
  const s = stem(lower);
  if (s !== rust) problems.push(`${lower}: stem ${s}, Rust ${rust}`);
  if (isStopWord(lower) !== (stop === '1')) problems.push(`${lower}: function word ${isStopWord(lower)}, Rust ${stop}`);
  if (fold(s) !== folded) problems.push(`${lower}: folded stem ${fold(s)}, Rust ${folded}`);
}
for (const p of problems.slice(0, 50)) console.log('PROBLEM ' + p);
console.log(`${lines.length} words, ${problems.length} differences`);
process.exit(problems.length ? 1 : 0);

// The Snowball Swedish stemmer (snowballstem.org, the version of Snowball
// 3.0 that Rust's pagefind_stem crate was generated from), so that a query
// word in the browser gets exactly the stem the index was written with.
// tests/suite/stemmer.rs compares it with the Rust stems of every distinct
// word of the real archive and of a generated one.
//
// The word is handled as an array of characters (code points); Snowball's
// byte cursor moves by whole characters, so positions agree.

const VOWELS = new Set("aeiouyäåö");
const S_ENDING = new Set("bcdfghjklmnoprtvy");
const OST_ENDING = new Set("iklnprtuv");
// Endings after which "et" (and "ets") is part of the stem.
const ET_KEEP = [
  "fab", "h", "pak", "rak", "stak", "kom", "iet", "cit", "dit", "alit", "ilit", "mit", "nit", "pit",
  "rit", "sit", "tit", "uit", "ivit", "kvit", "xit",
];
// Main suffixes and their actions: 1 delete, 2 "s" (see below), 3 "et".
const MAIN = new Map([
  ...("a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter or " +
    "as arnas ernas ornas es ades andes ens arens hetens erns at andet het ast")
    .split(" ")
    .map((s) => [s, 1]),
  ["s", 2],
  ["et", 3],
]);
const PAIRS = new Set(["dd", "gd", "nn", "dt", "gt", "kt", "tt"]);
const OTHER = new Map([["ig", 1], ["lig", 1], ["els", 1], ["fullt", 3], ["öst", 2]]);
const LONGEST_MAIN = Math.max(...[...MAIN.keys()].map((s) => s.length));

/// Whether the characters `w[start..end]` spell `s`.
function spells(w, start, end, s) {
  const chars = [...s];
  if (start < 0 || end - start !== chars.length) return false;
  for (let i = 0; i < chars.length; i++) if (w[start + i] !== chars[i]) return false;
  return true;
}

/// The longest suffix of `w[floor..end]` that is a key of `table`, as its
/// length in characters, or 0.
function longest(w, floor, end, table, most) {
  for (let n = Math.min(most, end - floor); n > 0; n--) {
    if (table.has(w.slice(end - n, end).join(""))) return n;
  }
  return 0;
}

/// R1: after the first non-vowel that follows a vowel, but at least 3
/// characters in; the whole word's length when there is none.
function region1(w) {
  if (w.length < 3) return w.length;
  let i = 0;
  while (i < w.length && !VOWELS.has(w[i])) i++;
  if (i >= w.length) return w.length;
  i++;
  while (i < w.length && VOWELS.has(w[i])) i++;
  if (i >= w.length) return w.length;
  return Math.max(i + 1, 3);
}

/// Snowball's et_condition at `at` (just before an "et"): a non-vowel,
/// before it a vowel, something before that, and none of ET_KEEP ending here.
function etCondition(w, at) {
  if (at < 3 || VOWELS.has(w[at - 1]) || !VOWELS.has(w[at - 2])) return false;
  return !ET_KEEP.some((s) => spells(w, at - [...s].length, at, s));
}

function mainSuffix(w, p1) {
  const n = longest(w, p1, w.length, MAIN, LONGEST_MAIN);
  if (!n) return w;
  const at = w.length - n;
  const action = MAIN.get(w.slice(at).join(""));
  if (action === 1) return w.slice(0, at);
  if (action === 3) return etCondition(w, at) ? w.slice(0, at) : w;
  // "s": with a preceding "et" that may go, "ets"; else after an s-ending.
  if (spells(w, at - 2, at, "et") && etCondition(w, at - 2)) return w.slice(0, at - 2);
  return at > 0 && S_ENDING.has(w[at - 1]) ? w.slice(0, at) : w;
}

function consonantPair(w, p1) {
  const end = w.length;
  if (end - p1 < 2 || !PAIRS.has(w[end - 2] + w[end - 1])) return w;
  return w.slice(0, end - 1);
}

function otherSuffix(w, p1) {
  const n = longest(w, p1, w.length, OTHER, 5);
  if (!n) return w;
  const at = w.length - n;
  const action = OTHER.get(w.slice(at).join(""));
  if (action === 1) return w.slice(0, at);
  if (action === 3) return [...w.slice(0, at), ..."full"];
  return at > 0 && OST_ENDING.has(w[at - 1]) ? [...w.slice(0, at), ..."ös"] : w;
}

/// The Snowball Swedish stem of a lower-case word.
export function stem(word) {
  let w = [...word];
  const p1 = region1(w);
  w = mainSuffix(w, p1);
  w = consonantPair(w, p1);
  w = otherSuffix(w, p1);
  return w.join("");
}

// Function words: not in the index (they would match every report), but
// they hold a place in a phrase. Must equal search::swedish::is_stop_word
// (tests/suite/stemmer.rs checks every word).
const STOP = new Set(
  ("alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt du där då " +
    "efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon honom hur här i icke ingen inom " +
    "inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss på " +
    "samma sedan sig sin sina sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var vara " +
    "varför varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över").split(" "),
);

/// Whether a lower-case word is a function word.
export const isStopWord = (lower) => STOP.has(lower);

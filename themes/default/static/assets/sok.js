// The search page /sok/ on arkiv's own index (sok-index.js): search as you
// type, facets (sok-facetter.js) that combine values with OR within a facet
// and AND across facets, sorting by relevance or year, "Menade du …?" for
// a mistyped word, and clinic suggestions under the search box (an ARIA
// 1.2 combobox). The state lives in the URL:
// /sok/?q=sip+kommun&tema=sip&ar=2023&sortera=nyast
// Everything from the index is put into the page as text, never as HTML.
//
// The page's order: the search box, the results (a heading that holds the
// count, "Menade du", the hits), then the chosen filters as chips, the
// tools (sorting, "Rensa", the "Avgränsa (n)" disclosure of the facets on
// narrow screens) and the facets, so that the first result is at most
// three Tab stops from the search box; CSS shows the tools and chips above
// the results. A search started with Enter moves the focus to the results'
// heading. The count, the suggestion and the first results enter the page
// in one frame, into a place kept for them, in place of the search tips:
// nothing jumps.

import { SearchIndex, words, fold, byRelevance } from "./sok-index.js";
import { stem } from "./sok-stam.js";
import { FACETS, Facets, el, numberSv } from "./sok-facetter.js";

const PAGE = 10;
const SPAN = 30; // words in an excerpt
const TYPING_MS = 250;
const SUGGESTIONS = 6;
const MESSAGES = {
  old: "Sökfunktionen har uppdaterats. Ladda om sidan.",
  missing: "Sökfunktionen saknas, så du kan inte söka just nu.",
  format: "Sökfunktionen har ett format som den här sidan inte kan läsa. Ladda om sidan.",
  broken: "Sökfunktionen är skadad och kunde inte läsas.",
};
const $ = (id) => document.getElementById(id);
const form = $("sok");
const input = $("sok-fraga");
const heading = $("sok-resultat-rubrik");
const tips = $("sok-tips");
const statusEl = $("sok-status");
const countEl = $("sok-antal");
const hitsEl = $("sok-traffar");
const moreBtn = $("sok-fler");
const orderEl = $("sok-ordning");
const didYou = $("sok-menade");
const listbox = $("sok-forslag");
const tools = $("sok-verktyg");
const panel = $("sok-filter");
const toggle = $("sok-avgransa");
const chosenCount = $("sok-antal-val");
const chips = $("sok-valda");

let index = null;
let facets = null;
let results = [];
let marked = new Set();
let parts = new Set(); // query stems met as a compound's last part, folded
let shown = 0;
let runId = 0;
let last = { state: null };

function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get("q") || "", sort: p.get("sortera") || "", facets: {} };
  for (const f of FACETS) state.facets[f.key] = p.getAll(f.key).filter(Boolean);
  return state;
}

function urlOf(state) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of FACETS) for (const v of state.facets[f.key]) p.append(f.key, v);
  if (state.sort) p.set("sortera", state.sort);
  const qs = p.toString();
  return location.pathname + (qs ? "?" + qs.replace(/%20/g, "+") : "");
}

function writeState(state, push) {
  const url = urlOf(state);
  if (url !== location.pathname + location.search) (push ? history.pushState : history.replaceState).call(history, null, "", url);
}

function formState() {
  const state = { q: input.value.trim(), sort: orderEl.value, facets: {} };
  const before = (last.state || readState()).facets;
  for (const f of FACETS) {
    state.facets[f.key] = [...form.querySelectorAll(`input[name="${f.key}"]:checked`)].map((i) => i.value);
    // Keep choices not drawn (behind a filter box or "Visa alla").
    for (const v of before[f.key]) {
      if (!form.querySelector(`input[name="${f.key}"][value="${CSS.escape(v)}"]`)) state.facets[f.key].push(v);
    }
  }
  return state;
}

const hasChoices = (state) => FACETS.some((f) => state.facets[f.key].length);

/// The query as the status line quotes it: in ”…”, or as typed when it
/// has quotes of its own (a phrase), never quotes within quotes.
const quoted = (q) => (/["”“„]/.test(q) ? q.replace(/["“„]/g, "”") : `”${q}”`);

/// Runs a search; `focus`, if given, is called once the results are shown
/// (before their excerpts come): to put the focus where the person is.
async function run(state, focus = null) {
  const id = ++runId;
  input.value = state.q;
  orderEl.value = state.sort;
  if (!state.q && !hasChoices(state)) {
    results = [];
    last = { state };
    facets.render(state, null);
    show(id, state, [], "Skriv ett sökord eller välj ett filter.");
    if (focus) focus();
    return;
  }
  const found = await index.search(state.q);
  if (id !== runId) return; // a newer search has started
  if (state.q && found.docs === null && !hasChoices(state)) {
    results = [];
    show(id, state, [], `${quoted(state.q)} är för vanligt för att söka på. Lägg till fler ord eller välj ett filter.`);
    if (focus) focus();
    return;
  }
  const scores = found.docs || new Map([...Array(index.entry.docs).keys()].map((d) => [d, { tier: 0, score: 0 }]));
  const candidates = [...scores.keys()];
  const counts = facets.count(state, candidates);
  const year = (d) => index.year[d];
  const byScore = byRelevance(scores);
  const order = { nyast: (a, b) => year(b) - year(a) || byScore(a, b), aldst: (a, b) => year(a) - year(b) || byScore(a, b) };
  results = candidates.filter((d) => facets.passes(state, d, null)).sort(order[state.sort] || byScore);
  marked = found.stems;
  parts = found.parts;
  last = { state };
  facets.render(state, counts);
  shown = 0;
  const page = await nextPage(id);
  if (id !== runId) return;
  const n = results.length;
  const q = found.corrected || state.q;
  const what = q ? ` för ${quoted(q)}` : "";
  const said = n === 0 ? `Inga rapporter hittades${what}.` : `${numberSv.format(n)} ${n === 1 ? "rapport" : "rapporter"} hittades${what}.`;
  show(id, state, page.items, said, found.corrected);
  if (focus) focus();
  await page.excerpts();
}

/// Puts a search's chosen filters, count, suggestion and first results
/// into the page at once (one frame: nothing pushes the results down).
function show(id, state, items, said, corrected = null) {
  if (id !== runId) return;
  renderChips(state);
  hitsEl.replaceChildren(...items);
  tips.hidden = items.length > 0;
  if (corrected) showCorrection(state, corrected);
  else {
    didYou.replaceChildren();
    didYou.hidden = true;
  }
  countEl.textContent = said;
  statusEl.textContent = said;
  moreBtn.hidden = shown >= results.length;
  if (!moreBtn.hidden) moreBtn.textContent = `Visa fler (${numberSv.format(results.length - shown)} till)`;
}

function showCorrection(state, corrected) {
  const link = el("a", { href: urlOf({ ...state, q: corrected }), text: corrected });
  link.addEventListener("click", (e) => {
    e.preventDefault();
    const next = { ...state, q: corrected };
    writeState(next, true);
    run(next).catch(fail);
  });
  didYou.replaceChildren("Menade du ", link, "? Resultaten nedan gäller det ordet.");
  didYou.hidden = false;
}

/// The next page of results of search `id`, made but not yet in the page:
/// { items, excerpts } (excerpts() loads the text chunks and adds them,
/// once the results are shown: the first results wait for no text).
async function nextPage(id = runId) {
  const batch = results.slice(shown, shown + PAGE);
  const metas = await Promise.all(batch.map((d) => index.meta(d)));
  const items = batch.map((d, i) => hit(d, metas[i]));
  shown += batch.length;
  const excerpts = async () => {
    if (id !== runId) return;
    const texts = await Promise.all(batch.map((d) => index.text(d)));
    if (id === runId) texts.forEach((t, i) => excerpt(String(t), items[i].querySelector(".excerpt")));
  };
  return { items, excerpts };
}

function hit(d, m) {
  const f = index.facets;
  const li = el("li", { class: "hit card" });
  li.append(el("h3", { class: "card-title" }, el("a", { href: m.u, text: m.t || m.u })));
  const clinic = f.clinics[f.clinic[d]];
  const facts = [clinic && clinic.name, index.year[d], m.s, index.drafts.has(d) ? "Utkast" : ""].filter(Boolean).join(" · ");
  li.append(el("p", { class: "card-meta", text: facts }));
  const topics = f.topic[d].map((i) => f.topics[i].name);
  if (topics.length) li.append(el("p", { class: "card-topics" }, el("span", { class: "label", text: topics.length === 1 ? "Tema: " : "Teman: " }), topics.join(", ")));
  if (m.g) li.append(el("p", { class: "card-goals", text: m.g }));
  // The excerpt's place, kept (CSS: three lines) until its text comes.
  li.append(el("p", { class: "excerpt" }));
  return li;
}

/// Whether a word of a text is a match: its stem was met, or it is a
/// compound whose last part was ("arbetsterapeut" for "terapeuten").
function isMatch(word) {
  const s = stem(word);
  if (marked.has(s)) return true;
  const f = fold(s);
  for (const p of parts) if (f.indexOf(p, 3) > 0) return true;
  return false;
}

/// About 30 words around the densest matches of the text, matches marked,
/// into the paragraph `p`.
function excerpt(text, p) {
  const ws = words(text);
  const hits = [];
  ws.forEach((w, i) => isMatch(w.word) && hits.push(i));
  let start = 0;
  let best = -1;
  for (const h of hits) {
    const s = Math.max(0, Math.min(h - 8, ws.length - SPAN));
    const n = hits.filter((x) => x >= s && x < s + SPAN).length;
    if (n > best) [best, start] = [n, s];
  }
  const stop = Math.min(ws.length, start + SPAN);
  if (!ws.length) return;
  if (start > 0) p.append("… ");
  let at = ws[start].start;
  for (const i of hits.filter((h) => h >= start && h < stop)) {
    p.append(text.slice(at, ws[i].start), el("mark", { text: text.slice(ws[i].start, ws[i].end) }));
    at = ws[i].end;
  }
  p.append(text.slice(at, stop < ws.length ? ws[stop - 1].end : text.length).replace(/\s+/g, " "));
  if (stop < ws.length) p.append(" …");
}

/// The chosen filters as chips, each a button that removes its filter;
/// the count in "Avgränsa (n)".
function renderChips(state) {
  const list = chips.querySelector("ul");
  const items = [];
  for (const f of FACETS) {
    for (const slug of state.facets[f.key]) {
      const label = `${f.label}: ${facets.nameOf(f.key, slug)}`;
      const button = el(
        "button",
        { type: "button", class: "chip", "data-facet": f.key, "data-value": slug },
        el("span", { class: "visually-hidden", text: "Ta bort filter: " }),
        label,
        el("span", { class: "chip-x", "aria-hidden": "true", text: " ×" }),
      );
      const at = items.length;
      button.addEventListener("click", () => removeFilter(f.key, slug, at));
      items.push(el("li", {}, button));
    }
  }
  list.replaceChildren(...items);
  chips.hidden = items.length === 0;
  chosenCount.textContent = `(${numberSv.format(items.length)})`;
}

function removeFilter(key, slug, at) {
  const current = last.state || readState();
  const next = { ...current, facets: { ...current.facets, [key]: current.facets[key].filter((v) => v !== slug) } };
  writeState(next, true);
  // Focus the chip now in its place, else the next thing to use.
  run(next, () => {
    const left = chips.querySelectorAll("button.chip");
    const target = left[Math.min(at, left.length - 1)] || (toggle.offsetParent ? toggle : input);
    target.focus();
  }).catch(fail);
}

/// The facets' disclosure (narrow screens; CSS ignores it on wide ones).
function setOpen(open) {
  toggle.setAttribute("aria-expanded", String(open));
  if (open) panel.removeAttribute("data-folded");
  else panel.setAttribute("data-folded", "");
}

/// After a change of the form: a search started with Enter (`toResults`)
/// moves the focus to the results' heading.
function onChange(push, toResults = false) {
  const state = formState();
  writeState(state, push);
  return run(state, toResults ? () => heading.focus() : null).catch(fail);
}

// Clinic suggestions: an ARIA 1.2 combobox on the search box.
let options = [];
let active = -1;
function closeSuggestions() {
  listbox.replaceChildren();
  listbox.hidden = true;
  options = [];
  active = -1;
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
}
function suggest() {
  const needle = fold(input.value.trim().toLocaleLowerCase("sv"));
  const clinics = facets.values.mottagning;
  options = needle.length < 2 ? [] : clinics.filter((v) => fold(v.name.toLocaleLowerCase("sv")).includes(needle)).slice(0, SUGGESTIONS);
  if (!options.length) return closeSuggestions();
  active = -1;
  input.removeAttribute("aria-activedescendant");
  listbox.replaceChildren(
    ...options.map((v, i) => {
      const li = el("li", { id: `sok-forslag-${i}`, role: "option", "aria-selected": "false", text: `Mottagning: ${v.name}` });
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        choose(i);
      });
      return li;
    }),
  );
  listbox.hidden = false;
  input.setAttribute("aria-expanded", "true");
}
function highlight(i) {
  active = (i + options.length) % options.length;
  [...listbox.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === active)));
  input.setAttribute("aria-activedescendant", `sok-forslag-${active}`);
}
function choose(i) {
  clearTimeout(typing);
  const slug = options[i].slug;
  const state = formState();
  state.q = "";
  if (!state.facets.mottagning.includes(slug)) state.facets.mottagning.push(slug);
  closeSuggestions();
  writeState(state, true);
  run(state).catch(fail);
}

let typing = null;
function wire() {
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(typing);
    closeSuggestions();
    onChange(true, true);
  });
  form.addEventListener("change", (e) => {
    if (e.target.matches('input[type="checkbox"], select')) onChange(true);
  });
  input.addEventListener("input", () => {
    suggest();
    clearTimeout(typing);
    typing = setTimeout(() => onChange(false), TYPING_MS);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && options.length) highlight(active + 1);
    else if (e.key === "ArrowUp" && options.length) highlight(active - 1);
    else if (e.key === "Enter" && active >= 0) choose(active);
    else if (e.key === "Escape" && options.length) closeSuggestions();
    else return;
    e.preventDefault();
  });
  input.addEventListener("blur", closeSuggestions);
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  // Escape in the open facets (or on the button) closes them, focus back on the button.
  for (const node of [panel, toggle]) {
    node.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true" || !toggle.offsetParent) return;
      e.preventDefault();
      setOpen(false);
      toggle.focus();
    });
  }
  moreBtn.addEventListener("click", async () => {
    const first = shown;
    const id = runId;
    try {
      const page = await nextPage(id);
      if (id !== runId) return;
      hitsEl.append(...page.items);
      moreBtn.hidden = shown >= results.length;
      if (!moreBtn.hidden) moreBtn.textContent = `Visa fler (${numberSv.format(results.length - shown)} till)`;
      hitsEl.children[first]?.querySelector("a")?.focus();
      await page.excerpts();
    } catch (e) {
      fail(e);
    }
  });
  window.addEventListener("popstate", () => run(readState()).catch(fail));
}

/// One clear message instead of the search: facets hidden, the browsing
/// links shown.
function fail(e) {
  runId++;
  statusEl.textContent = `${MESSAGES[e && e.kind] || MESSAGES.broken} Du kan bläddra bland rapporterna i stället.`;
  countEl.textContent = statusEl.textContent;
  panel.hidden = true;
  tools.hidden = true;
  chips.hidden = true;
  hitsEl.replaceChildren();
  tips.hidden = true;
  didYou.hidden = true;
  moreBtn.hidden = true;
  $("sok-bladdra").hidden = false;
  if (!(e && e.kind)) console.error(e);
}

async function start() {
  index = await SearchIndex.open(form.dataset.index);
  facets = new Facets(index, $("sok-facetter"));
  wire();
  await run(readState());
}

start().catch(fail);

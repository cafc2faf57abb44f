// The search page /sok/ on arkiv's own index (sok-index.js): search as you
// type, facets that combine values with OR within a facet and AND across
// facets (each facet counted with the other facets' choices only), sorting
// by relevance or year, "Menade du …?" for a mistyped word, and clinic
// suggestions under the search box (an ARIA 1.2 combobox). The state lives
// in the URL: /sok/?q=sip+kommun&tema=sip&ar=2023&sortera=nyast
// Everything from the index is put into the page as text, never as HTML.
//
// The page's layout: results first. Above them the tools: sorting,
// "Rensa" and the "Avgränsa (n)" button (a disclosure for the facets on
// narrow screens, n = the filters chosen; Escape in the facets closes them
// and returns focus to it); then the chosen filters as chips,
// each a button that removes its filter. On wide screens CSS shows the
// facets as a sidebar and hides the button.

import { SearchIndex, words, fold, byRelevance } from "./sok-index.js";
import { stem } from "./sok-stam.js";

const FACETS = [
  { key: "tema", label: "Tema", list: "topics", per: "topic" },
  { key: "ar", label: "År" },
  { key: "mottagning", label: "Mottagning", list: "clinics", per: "clinic", filterBox: true },
  { key: "region", label: "Region", list: "regions", per: "region" },
  { key: "status", label: "Status" },
  { key: "atgard", label: "Åtgärd", list: "changes", per: "change" },
];
const PAGE = 10;
const MANY = 30; // longer lists get a type-to-filter box and a cap
const SPAN = 30; // words in an excerpt
const TYPING_MS = 250;
const SUGGESTIONS = 6;
const MESSAGES = {
  old: "Sökindexet har uppdaterats. Ladda om sidan.",
  missing: "Sökindexet saknas, så sökningen kan inte användas just nu.",
  format: "Sökindexet har ett format som den här sidan inte kan läsa. Ladda om sidan.",
  broken: "Sökindexet är skadat och kunde inte läsas.",
};
const collator = new Intl.Collator("sv");
const numberSv = new Intl.NumberFormat("sv-SE");
const $ = (id) => document.getElementById(id);
const form = $("sok");
const input = $("sok-fraga");
const facetBox = $("sok-facetter");
const statusEl = $("sok-status");
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
let values = {}; // facet → [{ slug, name }]
let results = [];
let marked = new Set();
let parts = new Set(); // query stems met as a compound's last part, folded
let shown = 0;
let runId = 0;
let last = { state: null, counts: null };
const clinicFilter = { text: "" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c);
  return node;
}

/// The slugs a doc has in a facet.
function slugsOf(key, d) {
  const f = index.facets;
  if (key === "ar") return [String(index.year[d])];
  if (key === "status") return [index.plans.has(d) ? "plan" : "final"];
  const facet = FACETS.find((x) => x.key === key);
  const v = f[facet.per][d];
  const list = Array.isArray(v) ? v : v < 0 ? [] : [v];
  return list.map((i) => f[facet.list][i].slug);
}

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
  for (const f of FACETS) state.facets[f.key] = [...form.querySelectorAll(`input[name="${f.key}"]:checked`)].map((i) => i.value);
  // Keep choices hidden by the clinic filter box.
  for (const v of (last.state || readState()).facets.mottagning) {
    if (!form.querySelector(`input[name="mottagning"][value="${CSS.escape(v)}"]`)) state.facets.mottagning.push(v);
  }
  return state;
}

const hasChoices = (state) => FACETS.some((f) => state.facets[f.key].length);

/// Whether a doc meets every facet's choices but `except`'s.
function passes(state, d, except) {
  return FACETS.every((f) => f.key === except || !state.facets[f.key].length || slugsOf(f.key, d).some((s) => state.facets[f.key].includes(s)));
}

/// Counts per facet value: over the docs matching the query and the other
/// facets' choices (disjunctive), so a chosen facet shows what others add.
function countFacets(state, candidates) {
  const counts = {};
  for (const f of FACETS) {
    const c = (counts[f.key] = {});
    for (const d of candidates) if (passes(state, d, f.key)) for (const s of slugsOf(f.key, d)) c[s] = (c[s] || 0) + 1;
  }
  return counts;
}

async function run(state) {
  const id = ++runId;
  input.value = state.q;
  orderEl.value = state.sort;
  renderChips(state);
  didYou.replaceChildren();
  didYou.hidden = true;
  if (!state.q && !hasChoices(state)) {
    results = [];
    form.classList.remove("has-results");
    last = { state, counts: null };
    renderFacets(state, null);
    hitsEl.replaceChildren();
    moreBtn.hidden = true;
    statusEl.textContent = "Skriv ett sökord eller välj ett filter.";
    return;
  }
  const found = await index.search(state.q);
  if (id !== runId) return; // a newer search has started
  if (state.q && found.docs === null && !hasChoices(state)) {
    results = [];
    hitsEl.replaceChildren();
    moreBtn.hidden = true;
    statusEl.textContent = `”${state.q}” är för vanligt för att söka på. Lägg till fler ord eller välj ett filter.`;
    return;
  }
  const scores = found.docs || new Map([...Array(index.entry.docs).keys()].map((d) => [d, { tier: 0, score: 0 }]));
  const candidates = [...scores.keys()];
  const counts = countFacets(state, candidates);
  const year = (d) => index.year[d];
  const byScore = byRelevance(scores);
  const order = { nyast: (a, b) => year(b) - year(a) || byScore(a, b), aldst: (a, b) => year(a) - year(b) || byScore(a, b) };
  results = candidates.filter((d) => passes(state, d, null)).sort(order[state.sort] || byScore);
  marked = found.stems;
  parts = found.parts;
  last = { state, counts };
  shown = 0;
  hitsEl.replaceChildren();
  renderFacets(state, counts);
  if (found.corrected) showCorrection(state, found.corrected);
  form.classList.toggle("has-results", results.length > 0);
  const { excerpts } = await showMore(id);
  if (id !== runId) return;
  const n = results.length;
  const q = found.corrected || state.q;
  const what = q ? ` för ”${q}”` : "";
  statusEl.textContent =
    n === 0 ? `Inga rapporter hittades${what}.` : `${numberSv.format(n)} ${n === 1 ? "rapport" : "rapporter"} hittades${what}.`;
  await excerpts();
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

/// The next page of results of search `id`: titles and facts now; returns
/// { excerpts }: loads the text chunks and adds the excerpts (called once
/// the results are announced, so the first results wait for no text).
async function showMore(id = runId) {
  const batch = results.slice(shown, shown + PAGE);
  const metas = await Promise.all(batch.map((d) => index.meta(d)));
  if (id !== runId) return { excerpts: async () => {} }; // a newer search has started
  const items = batch.map((d, i) => hit(d, metas[i]));
  hitsEl.append(...items);
  shown += batch.length;
  moreBtn.hidden = shown >= results.length;
  if (!moreBtn.hidden) moreBtn.textContent = `Visa fler (${numberSv.format(results.length - shown)} till)`;
  const excerpts = async () => {
    const texts = await Promise.all(batch.map((d) => index.text(d)));
    if (id === runId) texts.forEach((t, i) => items[i].append(excerpt(String(t))));
  };
  return { excerpts };
}

function hit(d, m) {
  const f = index.facets;
  const li = el("li", { class: "hit card" });
  li.append(el("h3", { class: "card-title" }, el("a", { href: m.u, text: m.t || m.u })));
  const clinic = f.clinics[f.clinic[d]];
  const facts = [clinic && clinic.name, index.year[d], m.s, index.drafts.has(d) ? "Utkast" : ""].filter(Boolean).join(" · ");
  li.append(el("p", { class: "card-meta", text: facts }));
  const topics = f.topic[d].map((i) => f.topics[i].name).join(", ");
  if (topics) li.append(el("p", { class: "card-topics" }, el("span", { class: "label", text: "Tema: " }), topics));
  if (m.g) li.append(el("p", { class: "card-goals", text: m.g }));
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

/// About 30 words around the densest matches of the text, matches marked.
function excerpt(text) {
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
  const p = el("p", { class: "excerpt" });
  if (!ws.length) return p;
  if (start > 0) p.append("… ");
  let at = ws[start].start;
  for (const i of hits.filter((h) => h >= start && h < stop)) {
    p.append(text.slice(at, ws[i].start), el("mark", { text: text.slice(ws[i].start, ws[i].end) }));
    at = ws[i].end;
  }
  p.append(text.slice(at, stop < ws.length ? ws[stop - 1].end : text.length).replace(/\s+/g, " "));
  if (stop < ws.length) p.append(" …");
  return p;
}

function renderFacets(state, counts) {
  const focused = document.activeElement && document.activeElement.id;
  facetBox.replaceChildren();
  for (const f of FACETS) {
    if (!values[f.key].length) continue;
    const fs = el("fieldset", { class: "facet" }, el("legend", { text: f.label }));
    const chosen = new Set(state.facets[f.key]);
    const source = counts ? counts[f.key] : totals[f.key];
    let list = values[f.key].map((v) => ({ ...v, n: source[v.slug] || 0 }));
    if (f.key === "tema" || f.key === "status" || f.key === "atgard") list.sort((a, b) => b.n - a.n || collator.compare(a.name, b.name));
    let hiddenCount = 0;
    if (f.filterBox && list.length > MANY) {
      const boxId = `sok-filter-${f.key}`;
      fs.append(
        el("label", { for: boxId, class: "facet-filter-label", text: `Filtrera ${f.label.toLowerCase()}ar` }),
        el("input", { id: boxId, type: "search", class: "facet-filter", autocomplete: "off", value: clinicFilter.text }),
      );
      const needle = clinicFilter.text.toLocaleLowerCase("sv");
      const matching = list.filter((v) => chosen.has(v.slug) || v.name.toLocaleLowerCase("sv").includes(needle));
      const capped = matching.filter((v, i) => chosen.has(v.slug) || i < MANY);
      hiddenCount = matching.length - capped.length;
      list = capped;
    }
    const ul = el("ul", { class: "facet-values" });
    for (const v of list) {
      const id = `f-${f.key}-${v.slug}`;
      const box = el("input", { type: "checkbox", id, name: f.key, value: v.slug, checked: chosen.has(v.slug) });
      ul.append(el("li", {}, box, el("label", { for: id }, v.name + " ", el("span", { class: "count", text: `(${numberSv.format(v.n)})` }))));
    }
    fs.append(ul);
    if (hiddenCount > 0) fs.append(el("p", { class: "hint", text: `${numberSv.format(hiddenCount)} till – skriv i rutan för att hitta fler.` }));
    facetBox.append(fs);
  }
  if (focused) $(focused)?.focus();
}

let totals = {};

/// The name a facet value is shown with ("SIP – samordnad individuell plan").
function nameOf(key, slug) {
  const v = (values[key] || []).find((x) => x.slug === slug);
  return v ? v.name : slug;
}

/// The chosen filters as chips above the results, each a button that
/// removes its filter; the count in "Avgränsa (n)".
function renderChips(state) {
  const list = chips.querySelector("ul");
  const items = [];
  for (const f of FACETS) {
    for (const slug of state.facets[f.key]) {
      const label = `${f.label}: ${nameOf(f.key, slug)}`;
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
  run(next)
    .then(() => {
      // Focus the chip now in its place, else the next thing to use.
      const left = chips.querySelectorAll("button.chip");
      const target = left[Math.min(at, left.length - 1)] || (toggle.offsetParent ? toggle : input);
      target.focus();
    })
    .catch(fail);
}

/// The facets' disclosure (narrow screens; CSS ignores it on wide ones).
function setOpen(open) {
  toggle.setAttribute("aria-expanded", String(open));
  if (open) panel.removeAttribute("data-folded");
  else panel.setAttribute("data-folded", "");
}

function onChange(push) {
  const state = formState();
  writeState(state, push);
  return run(state).catch(fail);
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
  const needle = input.value.trim().toLocaleLowerCase("sv");
  options = needle.length < 2 ? [] : values.mottagning.filter((v) => v.name.toLocaleLowerCase("sv").includes(needle)).slice(0, SUGGESTIONS);
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
    onChange(true);
  });
  form.addEventListener("change", (e) => {
    if (e.target.matches('input[type="checkbox"], select')) onChange(true);
  });
  form.addEventListener("input", (e) => {
    if (e.target.classList.contains("facet-filter")) {
      clinicFilter.text = e.target.value;
      renderFacets(last.state || readState(), last.counts);
    } else if (e.target === input) {
      suggest();
      clearTimeout(typing);
      typing = setTimeout(() => onChange(false), TYPING_MS);
    }
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
    await showMore()
      .then((r) => r.excerpts())
      .catch(fail);
    hitsEl.children[first]?.querySelector("a")?.focus();
  });
  window.addEventListener("popstate", () => run(readState()).catch(fail));
}

/// One clear message instead of the search: facets hidden, the browsing
/// links shown.
function fail(e) {
  runId++;
  statusEl.textContent = `${MESSAGES[e && e.kind] || MESSAGES.broken} Du kan bläddra bland rapporterna i stället.`;
  panel.hidden = true;
  tools.hidden = true;
  chips.hidden = true;
  hitsEl.replaceChildren();
  moreBtn.hidden = true;
  $("sok-bladdra").hidden = false;
  if (!(e && e.kind)) console.error(e);
}

async function start() {
  index = await SearchIndex.open(form.dataset.index);
  const f = index.facets;
  for (const x of FACETS) if (x.list) values[x.key] = f[x.list].map(({ slug, name }) => ({ slug, name }));
  values.ar = f.years.map(([y]) => ({ slug: String(y), name: String(y) }));
  values.status = [
    { slug: "plan", name: "Plan" },
    { slug: "final", name: "Slutrapport" },
  ].filter((v) => (v.slug === "plan" ? index.plans.size > 0 : index.plans.size < index.entry.docs));
  totals = countFacets({ facets: Object.fromEntries(FACETS.map((x) => [x.key, []])) }, [...Array(index.entry.docs).keys()]);
  panel.hidden = false;
  tools.hidden = false;
  $("sok-bladdra").hidden = true;
  wire();
  await run(readState());
}

start().catch(fail);

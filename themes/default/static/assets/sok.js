// The search page /sok/: Pagefind's search API with facets that combine
// values with OR within a facet and AND across facets, and counts that
// stay meaningful after a choice (each facet is counted with the other
// facets' choices only). The state lives in the URL:
//   /sok/?q=sip+kommun&tema=sip&tema=lakemedel&ar=2023&sortera=nyast
// Five facets live in three Pagefind filters (each filter costs the first
// search a list of every page), as "|"-separated parts of the values:
//   tema              "slug|Name"                          → tema
//   mottagning        "slug|Name"                          → mottagning
//   ar_status_region  "2023|final|regionslug|Region"       → år, status, region
// The URL carries slugs. Sorting by year searches year by year, so the
// index needs no sort list either.
// Everything from the index is put into the page as text, never as HTML.

const STATUS_NAMES = { plan: "Plan", final: "Slutrapport" };
const FACETS = [
  { key: "tema", label: "Tema", filter: "tema", slug: 0, name: 1 },
  { key: "ar", label: "År", filter: "ar_status_region", slug: 0, name: 0 },
  { key: "mottagning", label: "Mottagning", filter: "mottagning", slug: 0, name: 1, filterBox: true },
  { key: "region", label: "Region", filter: "ar_status_region", slug: 2, name: 3 },
  { key: "status", label: "Status", filter: "ar_status_region", slug: 1, names: STATUS_NAMES },
];
const FILTER_KEYS = [...new Set(FACETS.map((f) => f.filter))];
const PAGE = 10;
const MANY = 30; // longer lists get a type-to-filter box and a cap
const MARKER = "\u2063"; // starts the extra Swedish word forms of a record
// Function words are not in the index (they match every report); they are
// dropped from queries and, in the stored text, written in a private-use
// alphabet that excerpts decode. Must match STOP_WORDS in src/search/mod.rs.
const STOP = new Set(
  ("alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt du där då " +
    "efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon honom hur här i icke ingen inom " +
    "inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss på " +
    "samma sedan sig sin sina sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var vara " +
    "varför varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över").split(" "),
);
const HIDDEN = /[\uE000-\uEFFF]/g;
const unhide = (w) => w.replace(HIDDEN, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
const searchable = (q) =>
  q
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w.toLocaleLowerCase("sv").replace(/[^\p{L}\p{N}]/gu, "")))
    .join(" ");
const collator = new Intl.Collator("sv");
const numberSv = new Intl.NumberFormat("sv-SE");

const form = document.getElementById("sok");
const input = document.getElementById("sok-fraga");
const facetBox = document.getElementById("sok-facetter");
const statusEl = document.getElementById("sok-status");
const hitsEl = document.getElementById("sok-traffar");
const moreBtn = document.getElementById("sok-fler");
const orderEl = document.getElementById("sok-ordning");

let pagefind = null;
let facetNames = {}; // facet -> { slug: name }
let filterValues = {}; // filter key -> [full value]
let results = [];
let shown = 0;
let runId = 0;
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

/// The facet's slug and name in a filter value (null when it has none).
function partOf(facet, value) {
  const parts = value.split("|");
  const slug = parts[facet.slug];
  if (!slug) return null;
  const name = facet.names ? facet.names[slug] || slug : parts[facet.name] || slug;
  return { slug, name };
}

function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get("q") || "", sort: p.get("sortera") || "", facets: {} };
  for (const f of FACETS) state.facets[f.key] = p.getAll(f.key).filter(Boolean);
  return state;
}

function writeState(state, push) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of FACETS) for (const v of state.facets[f.key]) p.append(f.key, v);
  if (state.sort) p.set("sortera", state.sort);
  const qs = p.toString();
  const url = location.pathname + (qs ? "?" + qs.replace(/%20/g, "+") : "");
  if (url !== location.pathname + location.search) {
    (push ? history.pushState : history.replaceState).call(history, null, "", url);
  }
}

function formState() {
  const state = { q: input.value.trim(), sort: orderEl.value, facets: {} };
  for (const f of FACETS) {
    state.facets[f.key] = [...form.querySelectorAll(`input[name="${f.key}"]:checked`)].map((i) => i.value);
  }
  // Keep choices hidden by the clinic filter box.
  const current = readState();
  for (const v of current.facets.mottagning) {
    if (!form.querySelector(`input[name="mottagning"][value="${CSS.escape(v)}"]`)) state.facets.mottagning.push(v);
  }
  return state;
}

/// Pagefind filters for a state, leaving out one facet (for its counts):
/// per filter, the values whose parts meet every chosen facet on it.
function filtersFor(state, except) {
  const filters = {};
  for (const key of FILTER_KEYS) {
    const facets = FACETS.filter((f) => f.filter === key && f.key !== except && state.facets[f.key].length);
    if (!facets.length) continue;
    const allowed = (filterValues[key] || []).filter((v) =>
      facets.every((f) => {
        const part = partOf(f, v);
        return part && state.facets[f.key].includes(part.slug);
      }),
    );
    filters[key] = { any: allowed.length ? allowed : ["\u0000none"] };
  }
  return filters;
}

/// Counts per slug of one facet, from Pagefind's counts per filter value.
function facetCounts(facet, filterCounts) {
  const out = {};
  for (const [value, n] of Object.entries(filterCounts[facet.filter] || {})) {
    const part = partOf(facet, value);
    if (part) out[part.slug] = (out[part.slug] || 0) + n;
  }
  return out;
}

const hasChoices = (state) => FACETS.some((f) => state.facets[f.key].length);

/// Results newest (or oldest) year first, best match first within a year.
async function byYear(query, state, newest) {
  const years = Object.keys(facetNames.ar).sort();
  if (newest) years.reverse();
  const out = [];
  for (const year of years) {
    if (state.facets.ar.length && !state.facets.ar.includes(year)) continue;
    const one = { ...state, facets: { ...state.facets, ar: [year] } };
    const r = await pagefind.search(query, { filters: filtersFor(one, null) });
    out.push(...r.results);
  }
  return out;
}

async function run(state) {
  const id = ++runId;
  input.value = state.q;
  orderEl.value = state.sort;
  if (!state.q && !hasChoices(state)) {
    results = [];
    last = { state, counts: null };
    renderFacets(state, null);
    hitsEl.replaceChildren();
    moreBtn.hidden = true;
    statusEl.textContent = "Skriv ett sökord eller välj ett filter.";
    return;
  }
  const query = searchable(state.q) || null;
  if (state.q && !query && !hasChoices(state)) {
    results = [];
    hitsEl.replaceChildren();
    moreBtn.hidden = true;
    statusEl.textContent = `”${state.q}” är för vanligt för att söka på. Lägg till fler ord eller välj ett filter.`;
    return;
  }
  statusEl.textContent = "Söker …";
  const main = await pagefind.search(query, { filters: filtersFor(state, null) });
  // A facet with choices is counted as if it had none, so that its other
  // values show how many reports choosing them would add.
  const counts = {};
  for (const f of FACETS) {
    if (state.facets[f.key].length) {
      const other = await pagefind.search(query, { filters: filtersFor(state, f.key) });
      counts[f.key] = facetCounts(f, other.filters);
    } else {
      counts[f.key] = facetCounts(f, main.filters);
    }
  }
  const ordered = state.sort ? await byYear(query, state, state.sort !== "aldst") : main.results;
  if (id !== runId) return; // a newer search has started
  results = ordered;
  last = { state, counts };
  shown = 0;
  hitsEl.replaceChildren();
  renderFacets(state, counts);
  await showMore();
  const n = results.length;
  const what = state.q ? ` för ”${state.q}”` : "";
  statusEl.textContent =
    n === 0
      ? `Inga rapporter hittades${what}.`
      : `${numberSv.format(n)} ${n === 1 ? "rapport" : "rapporter"} hittades${what}.`;
}

async function showMore() {
  const batch = results.slice(shown, shown + PAGE);
  const data = await Promise.all(batch.map((r) => r.data()));
  for (const d of data) hitsEl.append(hit(d));
  shown += batch.length;
  moreBtn.hidden = shown >= results.length;
  if (!moreBtn.hidden) moreBtn.textContent = `Visa fler (${numberSv.format(results.length - shown)} till)`;
}

function hit(d) {
  const meta = d.meta || {};
  const li = el("li", { class: "hit card" });
  li.append(el("h3", { class: "card-title" }, el("a", { href: d.url, text: meta.title || d.url })));
  const facts = [meta.mottagning, meta.ar, meta.status, meta.utkast].filter(Boolean).join(" · ");
  li.append(el("p", { class: "card-meta", text: facts }));
  if (meta.teman) li.append(el("p", { class: "card-topics" }, el("span", { class: "label", text: "Tema: " }), meta.teman));
  if (meta.mal) li.append(el("p", { class: "card-goals", text: meta.mal }));
  li.append(excerpt(d));
  return li;
}

/// An excerpt of about 30 words around the densest matches in the report's
/// own text (never the extra word forms after the marker), matches marked.
function excerpt(d) {
  const words = (d.content || "").split(/\s+/);
  let end = words.indexOf(MARKER);
  if (end < 0) end = words.length;
  const locs = (d.locations || []).filter((l) => l < end).sort((a, b) => a - b);
  const span = 30;
  let start = 0;
  if (locs.length) {
    let best = -1;
    for (const l of locs) {
      const s = Math.max(0, Math.min(l - 8, end - span));
      const count = locs.filter((x) => x >= s && x < s + span).length;
      if (count > best) [best, start] = [count, s];
    }
  }
  const p = el("p", { class: "excerpt" });
  if (start > 0) p.append("… ");
  const stop = Math.min(end, start + span);
  const marked = new Set(locs);
  for (let i = start; i < stop; i++) {
    if (i > start) p.append(" ");
    const w = unhide(words[i]);
    p.append(marked.has(i) ? el("mark", { text: w }) : w);
  }
  if (stop < end) p.append(" …");
  return p;
}

function renderFacets(state, counts) {
  const focused = document.activeElement && document.activeElement.id;
  facetBox.replaceChildren();
  for (const f of FACETS) {
    const values = Object.keys(facetNames[f.key] || {});
    if (!values.length) continue;
    const fs = el("fieldset", { class: "facet" }, el("legend", { text: f.label }));
    const chosen = new Set(state.facets[f.key]);
    const source = counts ? counts[f.key] : totals[f.key];
    let list = values.map((slug) => ({ slug, name: facetNames[f.key][slug], n: source[slug] || 0 }));
    if (f.key === "ar") list.sort((a, b) => b.name.localeCompare(a.name));
    else if (f.key === "tema" || f.key === "status") list.sort((a, b) => b.n - a.n || collator.compare(a.name, b.name));
    else list.sort((a, b) => collator.compare(a.name, b.name));
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
      ul.append(
        el(
          "li",
          {},
          el("input", { type: "checkbox", id, name: f.key, value: v.slug, checked: chosen.has(v.slug) }),
          el("label", { for: id }, v.name + " ", el("span", { class: "count", text: `(${numberSv.format(v.n)})` })),
        ),
      );
    }
    fs.append(ul);
    if (hiddenCount > 0) {
      fs.append(el("p", { class: "hint", text: `${numberSv.format(hiddenCount)} till – skriv i rutan för att hitta fler.` }));
    }
    facetBox.append(fs);
  }
  if (focused) document.getElementById(focused)?.focus();
}

let totals = {}; // facet -> { slug: count } over the whole archive
let all = {}; // Pagefind's counts per filter value, no query
let last = { state: null, counts: null };

function onChange(push) {
  const state = formState();
  writeState(state, push);
  run(state);
}

async function start() {
  const bundle = form.dataset.bundle;
  try {
    pagefind = await import(bundle + "pagefind.js");
    // Searching on the page's own thread spares a second copy of Pagefind's
    // script (the worker, 43 kB) on the first search.
    await pagefind.options({ noWorker: true });
    await pagefind.init();
    all = await pagefind.filters();
  } catch (e) {
    statusEl.textContent =
      "Sökningen kunde inte startas (sökindexet saknas eller kunde inte läsas). Bläddra efter tema, år eller mottagning i menyn.";
    return;
  }
  for (const key of FILTER_KEYS) filterValues[key] = Object.keys(all[key] || {});
  for (const f of FACETS) {
    facetNames[f.key] = {};
    for (const v of filterValues[f.filter]) {
      const part = partOf(f, v);
      if (part) facetNames[f.key][part.slug] = part.name;
    }
    totals[f.key] = facetCounts(f, all);
  }
  document.getElementById("sok-filter").hidden = false;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    onChange(true);
  });
  form.addEventListener("change", (e) => {
    if (e.target.matches('input[type="checkbox"], select')) onChange(true);
  });
  form.addEventListener("input", (e) => {
    if (e.target.classList.contains("facet-filter")) {
      clinicFilter.text = e.target.value;
      renderFacets(last.state || readState(), last.counts);
    }
  });
  moreBtn.addEventListener("click", async () => {
    const first = shown;
    await showMore();
    hitsEl.children[first]?.querySelector("a")?.focus();
  });
  window.addEventListener("popstate", () => run(readState()));
  await run(readState());
}

start();

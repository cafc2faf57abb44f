// The search page's facets (sok.js): each facet's values counted over the
// current hits, disjunctively (a facet with choices is counted with the
// other facets' choices only, so it shows what each of its values would
// add), sorted by count (years and outcomes keep their own order: a time
// line and a scale read best in it); values without hits behind "Visa alla
// (n)"; the
// long lists (mottagning, åtgärd) with a filter box and their first ten,
// never an inner scroll, so every count shown is in view.

const FIRST = 10; // values of a long list shown before "Visa alla"
const LONG = 12; // a filter box from this many values

export const FACETS = [
  { key: "tema", label: "Tema", list: "topics", per: "topic" },
  { key: "utfall", label: "Bedömning", list: "outcomes", per: "outcome", inOrder: true },
  { key: "ar", label: "År", inOrder: true },
  { key: "mottagning", label: "Mottagning", plural: "mottagningar", list: "clinics", per: "clinic", long: true },
  { key: "region", label: "Region", list: "regions", per: "region" },
  { key: "status", label: "Status" },
  { key: "atgard", label: "Åtgärd", plural: "åtgärder", list: "changes", per: "change", long: true },
];

export const numberSv = new Intl.NumberFormat("sv-SE");

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c);
  return node;
}

export class Facets {
  /// The facets of an opened index, drawn into `box` (an element of the
  /// form: its checkboxes' changes reach the form's listeners).
  constructor(index, box) {
    this.index = index;
    this.box = box;
    this.expanded = new Set(); // facets showing every value
    this.filter = {}; // facet → text of its filter box
    const f = index.facets;
    this.values = {};
    for (const x of FACETS) if (x.list) this.values[x.key] = f[x.list].map(({ slug, name }) => ({ slug, name }));
    this.values.ar = f.years.map(([y]) => ({ slug: String(y), name: String(y) }));
    this.values.status = [
      { slug: "plan", name: "Plan" },
      { slug: "final", name: "Slutrapport" },
    ].filter((v) => (v.slug === "plan" ? index.plans.size > 0 : index.plans.size < index.entry.docs));
    this.totals = this.count({ facets: Object.fromEntries(FACETS.map((x) => [x.key, []])) }, [...Array(index.entry.docs).keys()]);
    box.addEventListener("click", (e) => {
      const more = e.target.closest(".facet-more");
      if (!more) return;
      const key = more.dataset.facet;
      if (this.expanded.has(key)) this.expanded.delete(key);
      else this.expanded.add(key);
      this.render(this.last.state, this.last.counts);
    });
    // Enter in a filter box filters; it does not send the form.
    box.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.target.classList.contains("facet-filter")) e.preventDefault();
    });
    box.addEventListener("input", (e) => {
      if (!e.target.classList.contains("facet-filter")) return;
      this.filter[e.target.dataset.facet] = e.target.value;
      this.render(this.last.state, this.last.counts);
    });
    this.last = { state: null, counts: null };
  }

  /// The slugs a doc has in a facet.
  slugsOf(key, d) {
    const index = this.index;
    if (key === "ar") return [String(index.year[d])];
    if (key === "status") return [index.plans.has(d) ? "plan" : "final"];
    const facet = FACETS.find((x) => x.key === key);
    const column = index.facets[facet.per];
    // One character per doc ('0' + the value's place), or numbers.
    const v = typeof column === "string" ? column.charCodeAt(d) - 48 : column[d];
    const list = Array.isArray(v) ? v : v < 0 ? [] : [v];
    return list.map((i) => index.facets[facet.list][i].slug);
  }

  /// Whether a doc meets every facet's choices but `except`'s.
  passes(state, d, except) {
    return FACETS.every((f) => f.key === except || !state.facets[f.key].length || this.slugsOf(f.key, d).some((s) => state.facets[f.key].includes(s)));
  }

  /// Counts per facet value over the candidates, each facet with the other
  /// facets' choices only.
  count(state, candidates) {
    const counts = {};
    for (const f of FACETS) {
      const c = (counts[f.key] = {});
      for (const d of candidates) if (this.passes(state, d, f.key)) for (const s of this.slugsOf(f.key, d)) c[s] = (c[s] || 0) + 1;
    }
    return counts;
  }

  /// The name a facet value is shown with ("SIP – samordnad individuell plan").
  nameOf(key, slug) {
    const v = (this.values[key] || []).find((x) => x.slug === slug);
    return v ? v.name : slug;
  }

  /// Draws every facet (counts null: no search, the archive's totals),
  /// keeping the focus and a filter box's caret where they were.
  render(state, counts) {
    this.last = { state, counts };
    const active = document.activeElement;
    const focused = active && this.box.contains(active) ? active.id : null;
    const caret = focused && active.classList.contains("facet-filter") ? active.selectionStart : null;
    this.box.replaceChildren(...FACETS.filter((f) => this.values[f.key].length).map((f) => this.facet(f, state, counts)));
    const again = focused && document.getElementById(focused);
    if (again) {
      again.focus();
      if (caret !== null) again.setSelectionRange(caret, caret);
    }
  }

  facet(f, state, counts) {
    const chosen = new Set(state.facets[f.key]);
    const source = counts ? counts[f.key] : this.totals[f.key];
    // By count; ties in the list's own order (themes as configured, names
    // in Swedish order).
    const all = this.values[f.key].map((v, i) => ({ ...v, i, n: source[v.slug] || 0 }));
    if (!f.inOrder) all.sort((a, b) => b.n - a.n || a.i - b.i);
    const expanded = this.expanded.has(f.key);
    const long = f.long && all.length >= LONG;
    const text = long ? (this.filter[f.key] || "").trim().toLocaleLowerCase("sv") : "";
    let shown = all.filter((v) => expanded || v.n > 0 || chosen.has(v.slug));
    if (text) shown = shown.filter((v) => chosen.has(v.slug) || v.name.toLocaleLowerCase("sv").includes(text));
    else if (long && !expanded) shown = shown.filter((v, k) => k < FIRST || chosen.has(v.slug));
    const fs = el("fieldset", { class: "facet" }, el("legend", { text: f.label }));
    if (long) {
      const id = `sok-filter-${f.key}`;
      fs.append(
        el("label", { for: id, class: "facet-filter-label", text: `Filtrera ${f.plural}` }),
        el("input", { id, type: "search", class: "facet-filter", autocomplete: "off", "data-facet": f.key, value: this.filter[f.key] || "" }),
      );
    }
    const list = `sok-varden-${f.key}`;
    const ul = el("ul", { class: "facet-values", id: list });
    for (const v of shown) {
      const id = `f-${f.key}-${v.slug}`;
      const box = el("input", { type: "checkbox", id, name: f.key, value: v.slug, checked: chosen.has(v.slug) });
      ul.append(el("li", {}, box, el("label", { for: id }, v.name + " ", el("span", { class: "count", text: `(${numberSv.format(v.n)})` }))));
    }
    if (text && !shown.length) ul.append(el("li", { class: "hint", text: `Ingen ${f.label.toLowerCase()} med ”${text}”.` }));
    fs.append(ul);
    if (expanded || shown.length < all.length) {
      fs.append(
        el("button", {
          type: "button",
          class: "facet-more",
          id: `sok-alla-${f.key}`,
          "data-facet": f.key,
          "aria-controls": list,
          "aria-expanded": String(expanded),
          text: expanded ? "Visa färre" : `Visa alla (${numberSv.format(all.length)})`,
        }),
      );
    }
    return fs;
  }
}

// Search checks of a built arkiv site in headless Chromium.
//
//   node search.mjs SITE_DIR CASES.json
//
// CASES.json: {
//   "queries": [ { "q": "sjukskrivningar", "must": ["/2022/x/", …] }, … ],
//   "facets":  { "q": "…", "facet": "tema", "values": ["sip", "lakemedel"] },  (optional)
//   "clinicBox": { "q": "…", "type": "aspudden" }   (optional: the clinic filter box)
//   "typos":   [ { "q": "rehabkordinator", "menade": "rehabkoordinator" | null, "must": [...] } ],
//   "phrases": [ { "q": "\"individuell plan\"", "must": [...], "not": [...] } ],
//   "combined": { "q": "…", "first": ["tema", "sip"], "facet": "ar" },
//   "scale":   { "q": "…", "facets": ["mottagning", "atgard"] },   (optional)
//   "counts":  [ { "query": "tema=sip", "facet": "utfall", "want": { "delvis": 12, … } } ]
// }
// A counts case opens /sok/?QUERY and expects the facet to show exactly the
// values of "want" with a count above 0, with those counts.
// The scale case checks facets that scale: each named facet's values
// sorted by count (never rising down the list), none with 0 shown until
// "Visa alla (n)" (n = every value of the facet), which then shows all n;
// no list scrolls inside itself and every count is in view.
// A typo case expects "Menade du <menade>?" (none when menade is null),
// the must URLs among the results, and that the link searches the word.
// The combined case chooses one value, then checks every value's count of
// another facet against the results of choosing it as well (AND across).
// For each query it opens /sok/?q=… as a person would, waits for the live
// region to announce the count, clicks "Visa fler" until every result is
// listed, and checks that every URL in "must" is among the results. It
// prints every result, so the caller can compute precision. The facet case
// checks the counts against the result list, clicks the values of one facet
// (OR within a facet: the results are the union, the URL gains one
// parameter per value), then reloads the URL and expects the same state.
// Prints one JSON line per query ("RESULT {…}") and the problems found;
// exits 1 on any problem.

import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS, watchRequests } from './serve.mjs';

const [siteDir, casesFile] = process.argv.slice(2);
if (!siteDir || !casesFile) {
  console.error('usage: node search.mjs SITE_DIR CASES.json');
  process.exit(2);
}
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
const problems = [];

async function settle(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('sok-status');
    return s && s.textContent && s.textContent !== 'Söker …';
  });
  // Everything listed: click "Visa fler" while it is there.
  for (let i = 0; i < 100; i++) {
    const more = page.locator('#sok-fler');
    if (!(await more.isVisible())) break;
    const before = await page.locator('#sok-traffar > li').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#sok-traffar > li').length > n, before);
  }
  return page.evaluate(() => ({
    status: document.getElementById('sok-status').textContent,
    urls: [...document.querySelectorAll('#sok-traffar > li h3 a')].map((a) => new URL(a.href).pathname),
    marks: document.querySelectorAll('#sok-traffar mark').length,
    excerpts: [...document.querySelectorAll('#sok-traffar .excerpt')].map((p) => p.textContent),
    url: location.pathname + location.search,
  }));
}

async function facetCounts(page, facet) {
  return page.evaluate((f) => {
    const out = {};
    for (const input of document.querySelectorAll(`input[type=checkbox][name="${f}"]`)) {
      const label = document.querySelector(`label[for="${input.id}"] .count`);
      out[input.value] = Number((label ? label.textContent : '').replace(/[^0-9]/g, ''));
    }
    return out;
  }, facet);
}

const server = await serve(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  watchRequests(page, server.origin, problems);
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  for (const c of cases.queries || []) {
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(c.q).replace(/%20/g, '+')}`);
    const r = await settle(page);
    console.log('RESULT ' + JSON.stringify({ q: c.q, count: r.urls.length, urls: r.urls.slice(0, 12) }));
    for (const u of c.must) {
      if (!r.urls.includes(u)) problems.push(`"${c.q}": ${u} not found (got ${r.urls.join(', ') || 'nothing'})`);
    }
    if (!/\d+ rapport(er)? hittades/.test(r.status)) problems.push(`"${c.q}": status says "${r.status}"`);
    if (r.excerpts.some((t) => t.includes('\u2063'))) problems.push(`"${c.q}": an excerpt shows the extra forms`);
  }
  const fc = cases.facets;
  if (fc) {
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(fc.q)}`);
    const base = await settle(page);
    const counts = await facetCounts(page, fc.facet);
    // Each value's count must equal what choosing it alone lists.
    const union = new Set();
    for (const v of fc.values) {
      await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(fc.q)}&${fc.facet}=${v}`);
      const only = await settle(page);
      if (only.urls.length !== counts[v]) {
        problems.push(`facet ${fc.facet}=${v}: count ${counts[v]} but ${only.urls.length} results`);
      }
      only.urls.forEach((u) => union.add(u));
    }
    // Click the values one after the other on one page: OR within the facet.
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(fc.q)}`);
    await settle(page);
    for (const v of fc.values) {
      await page.locator(`#f-${fc.facet}-${v}`).check();
      await page.waitForFunction(
        ([f, val]) => new URLSearchParams(location.search).getAll(f).includes(val),
        [fc.facet, v],
      );
      await settle(page);
    }
    const both = await settle(page);
    const params = new URLSearchParams(both.url.split('?')[1] || '');
    const sorted = (a) => JSON.stringify([...a].sort());
    if (sorted(params.getAll(fc.facet)) !== sorted(fc.values)) {
      problems.push(`URL after clicking is ${both.url}, expected ${fc.facet}=${fc.values.join(' and ')}`);
    }
    if (both.urls.length !== union.size || !both.urls.every((u) => union.has(u))) {
      problems.push(`OR within ${fc.facet}: ${both.urls.length} results, expected the union of ${union.size}`);
    }
    // The other values of the facet keep counting as if it had no choice.
    const after = await facetCounts(page, fc.facet);
    if (JSON.stringify(after) !== JSON.stringify(counts)) {
      problems.push(`counts of ${fc.facet} changed after choosing in it: ${JSON.stringify(counts)} → ${JSON.stringify(after)}`);
    }
    // The URL alone restores the state.
    await page.goto(server.origin + both.url);
    const again = await settle(page);
    const checked = await page.evaluate(
      (f) => [...document.querySelectorAll(`input[name="${f}"]:checked`)].map((i) => i.value),
      fc.facet,
    );
    if (again.urls.join() !== both.urls.join() || sorted(checked) !== sorted(fc.values)) {
      problems.push(`reloading ${both.url} did not restore the search`);
    }
    // Newest first: years never increase down the list.
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(fc.q)}&sortera=nyast`);
    await settle(page);
    const years = await page.evaluate(() =>
      [...document.querySelectorAll('#sok-traffar .card-meta')].map((p) => Number((p.textContent.match(/\b(19|20)\d\d\b/) || [0])[0])),
    );
    if (years.length !== base.urls.length || years.some((y, i) => i > 0 && y > years[i - 1])) {
      problems.push(`sortera=nyast: years ${years.join(',')} (expected ${base.urls.length}, newest first)`);
    }
    console.log(`facets: ${fc.facet} ${JSON.stringify(counts)}; OR of ${fc.values.join('+')} = ${both.urls.length}; base ${base.urls.length}`);
  }
  for (const t of cases.typos || []) {
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(t.q)}`);
    const r = await settle(page);
    const menade = await page.evaluate(() => {
      const m = document.getElementById('sok-menade');
      return m.hidden ? null : m.querySelector('a').textContent;
    });
    console.log(`typo "${t.q}": Menade du ${menade}; ${r.urls.length} results`);
    if (menade !== t.menade) problems.push(`typo "${t.q}": Menade du ${menade}, expected ${t.menade}`);
    for (const u of t.must) if (!r.urls.includes(u)) problems.push(`typo "${t.q}": ${u} not found`);
    if (menade) {
      await page.locator('#sok-menade a').click();
      await page.waitForFunction((w) => new URLSearchParams(location.search).get('q') === w, menade);
      const fixed = await settle(page);
      if (fixed.urls.join() !== r.urls.join()) problems.push(`typo "${t.q}": the link's results differ`);
    }
  }
  for (const ph of cases.phrases || []) {
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(ph.q)}`);
    const r = await settle(page);
    console.log(`phrase ${ph.q}: ${r.urls.join(', ')}`);
    for (const u of ph.must) if (!r.urls.includes(u)) problems.push(`phrase ${ph.q}: ${u} not found`);
    for (const u of ph.not || []) if (r.urls.includes(u)) problems.push(`phrase ${ph.q}: ${u} found`);
  }
  const cc = cases.combined;
  if (cc) {
    const base = `${server.origin}/sok/?q=${encodeURIComponent(cc.q)}&${cc.first[0]}=${cc.first[1]}`;
    await page.goto(base);
    await settle(page);
    const counts = await facetCounts(page, cc.facet);
    for (const [v, n] of Object.entries(counts)) {
      await page.goto(`${base}&${cc.facet}=${v}`);
      const r = await settle(page);
      if (r.urls.length !== n) problems.push(`combined ${cc.first.join('=')} + ${cc.facet}=${v}: count ${n} but ${r.urls.length} results`);
    }
    console.log(`combined: ${cc.first.join('=')} with ${cc.facet} ${JSON.stringify(counts)}`);
  }
  for (const order of cases.facets ? ['aldst'] : []) {
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(cases.facets.q)}&sortera=${order}`);
    await settle(page);
    const years = await page.evaluate(() =>
      [...document.querySelectorAll('#sok-traffar .card-meta')].map((p) => Number((p.textContent.match(/\b(19|20)\d\d\b/) || [0])[0])),
    );
    if (years.some((y, i) => i > 0 && y < years[i - 1])) problems.push(`sortera=aldst: years ${years.join(',')}`);
  }
  const sc = cases.scale;
  if (sc) {
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(sc.q)}`);
    await settle(page);
    for (const f of sc.facets) {
      const before = await facetCounts(page, f);
      const counts = Object.values(before);
      const all = await page.evaluate((k) => {
        const b = document.getElementById(`sok-alla-${k}`);
        return b ? Number(b.textContent.replace(/[^0-9]/g, '')) : null;
      }, f);
      if (!counts.length) problems.push(`scale ${f}: no values`);
      if (counts.some((n, i) => i > 0 && n > counts[i - 1])) problems.push(`scale ${f}: not sorted by count: ${counts.join(',')}`);
      if (counts.some((n) => n === 0)) problems.push(`scale ${f}: a value with 0 shown before "Visa alla"`);
      if (all !== null) {
        await page.locator(`#sok-alla-${f}`).click();
        const after = Object.values(await facetCounts(page, f));
        if (after.length !== all) problems.push(`scale ${f}: "Visa alla (${all})" shows ${after.length}`);
        const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
        if (focused !== `sok-alla-${f}`) problems.push(`scale ${f}: focus after "Visa alla" on ${focused}`);
      }
      const hidden = await page.evaluate(() => {
        const out = [];
        for (const ul of document.querySelectorAll('.facet-values')) {
          const cs = getComputedStyle(ul);
          if (ul.scrollHeight > ul.clientHeight + 1 || /auto|scroll|hidden/.test(cs.overflowY)) out.push(`${ul.id} scrolls`);
        }
        for (const c of document.querySelectorAll('.facet-values .count')) {
          const r = c.getBoundingClientRect();
          if (!(r.width > 0 && r.height > 0)) out.push(`count "${c.textContent}" not in view`);
        }
        return out;
      });
      problems.push(...hidden.map((h) => `scale ${f}: ${h}`));
      console.log(`scale ${f}: ${counts.length} values by count (${counts.slice(0, 5).join(', ')}…), Visa alla (${all})`);
    }
  }
  for (const c of cases.counts || []) {
    await page.goto(`${server.origin}/sok/?${c.query}`);
    await settle(page);
    const got = await facetCounts(page, c.facet);
    const want = Object.fromEntries(Object.entries(c.want).filter(([, n]) => n > 0));
    const sorted = (o) => JSON.stringify(Object.fromEntries(Object.entries(o).sort()));
    if (sorted(got) !== sorted(want)) problems.push(`counts of ${c.facet} on ?${c.query}: ${sorted(got)}, expected ${sorted(want)}`);
    console.log(`counts of ${c.facet} on ?${c.query}: ${sorted(got)}`);
  }
  // The clinic facet's type-to-filter box (archives with many clinics).
  const box = cases.clinicBox;
  if (box) {
    await page.goto(`${server.origin}/sok/?q=${encodeURIComponent(box.q)}`);
    await settle(page);
    const before = await page.locator('input[name="mottagning"]').count();
    await page.locator('#sok-filter-mottagning').fill(box.type);
    const names = await page.evaluate(() =>
      [...document.querySelectorAll('input[name="mottagning"]')].map((i) => document.querySelector(`label[for="${i.id}"]`).textContent),
    );
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (!names.length || names.some((n) => !n.toLowerCase().includes(box.type.toLowerCase()))) {
      problems.push(`clinic filter "${box.type}": shows ${names.join('; ') || 'nothing'}`);
    }
    if (focused !== 'sok-filter-mottagning') problems.push(`clinic filter box lost focus (${focused})`);
    console.log(`clinic filter: ${before} shown, ${names.length} after typing "${box.type}"`);
  }
} finally {
  await browser.close();
  await server.close();
}
for (const p of problems) console.log('PROBLEM ' + p);
console.log(problems.length ? `${problems.length} problems` : 'search: ok');
process.exit(problems.length ? 1 : 0);

// Bytes and time of a first search: opens PATH (default
// /sok/?q=sjukskrivning) of a built site in headless Chromium with an empty
// cache and sums the on-disk sizes of the files the browser fetched (a
// plain static server: no compression), in two figures: before the first
// results are shown (page, CSS, scripts, entry.json, facets, the term
// shards and result data the query needs) and once their excerpts are in
// (the text chunks too). Also the time from navigation to the first
// results (performance.now() when the count is announced).
//
//   node first-search.mjs SITE_DIR [PATH]
//   node first-search.mjs SITE_DIR api:QUERY
//
// The api: form measures a bundle made by Pagefind's CLI (Hugo + Pagefind,
// for bench/'s side-by-side figure) the way its own UI searches: init,
// filters, search, data of the first 10 results, from an empty page; it
// prints {"pagefind": bytes, "requests": n}.
//
// Prints one JSON line: {"first": bytes, "all": bytes, "first_ms": ms,
// "index": {kind: bytes}, "requests": n}.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const [siteDir, pagePath = '/sok/?q=sjukskrivning'] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node first-search.mjs SITE_DIR [PATH]');
  process.exit(2);
}
const size = (p) => {
  let f = path.join(siteDir, decodeURIComponent(p));
  if (p.endsWith('/')) f = path.join(f, 'index.html');
  try {
    return fs.statSync(f).size;
  } catch {
    return 0;
  }
};
const server = await serve(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
if (pagePath.startsWith('api:')) {
  const fetched = new Set();
  try {
    const page = await browser.newPage();
    page.on('request', (req) => fetched.add(new URL(req.url()).pathname));
    await page.goto(server.origin + '/finns-inte-' + Date.now());
    await page.evaluate(async (q) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      await pf.filters();
      const r = await pf.search(q);
      await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    }, pagePath.slice(4));
    await page.waitForLoadState('networkidle');
  } finally {
    await browser.close();
    await server.close();
  }
  const bytes = [...fetched].filter((p) => p.startsWith('/pagefind/')).reduce((a, p) => a + size(p), 0);
  console.log(JSON.stringify({ pagefind: bytes, requests: fetched.size }));
  process.exit(0);
}
let timing = null;
try {
  const page = await browser.newPage();
  // The page notes when the count is announced; resources started after
  // that count only in the second figure.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const s = document.getElementById('sok-status');
      if (!window.__shown && s && /hittades|Inga|Sökfunktionen/.test(s.textContent)) [window.__shown, window.__said] = [performance.now(), s.textContent];
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(server.origin + pagePath);
  await page.waitForFunction(() => window.__shown);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#sok-traffar > li')].every((li) => li.querySelector('.excerpt').hasChildNodes()),
  );
  timing = await page.evaluate(() => ({
    shown: window.__shown,
    said: window.__said,
    resources: [
      { name: location.href, startTime: 0 },
      ...performance.getEntriesByType('resource').map((r) => ({ name: r.name, startTime: r.startTime })),
    ],
  }));
} finally {
  await browser.close();
  await server.close();
}
const seen = new Set();
const out = { first: 0, all: 0, first_ms: Math.round(timing.shown), index: {}, requests: 0 };
for (const r of timing.resources) {
  const p = new URL(r.name).pathname;
  if (seen.has(p)) continue;
  seen.add(p);
  const n = size(p);
  out.requests++;
  // The excerpts' text chunks are asked for in the same moment the count
  // is announced; by the format they serve excerpts only.
  if (r.startTime < timing.shown && !/\/sok\/index\/text-/.test(p)) out.first += n;
  out.all += n;
  if (p.includes('/sok/index/')) {
    // "/sok/index/terms-3.0123456789abcdef.dfl" → "terms"
    const kind = p.split('/').pop().replace(/[-.].*$/, '');
    out.index[kind] = (out.index[kind] || 0) + n;
  }
}
if (process.env.DEBUG) console.log(timing);
console.log(JSON.stringify(out));

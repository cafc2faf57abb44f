// Bytes of a first search: opens PATH (default /sok/?q=sjukskrivning) of a
// built site in headless Chromium with an empty cache, waits for the result
// list, and sums the on-disk sizes of the files the browser fetched under
// /pagefind/ (entry, script, worker, WebAssembly, metadata, index chunks,
// filters, fragments) and, separately, the page and its own assets.
//
//   node first-search.mjs SITE_DIR [PATH]
//   node first-search.mjs SITE_DIR api:QUERY
//
// The api: form measures a bundle made by Pagefind's CLI the way its own UI
// searches: Pagefind's API from an empty page (init, filters, search,
// data of the first 10 results), for the side-by-side figure.
//
// Prints one JSON line: {"pagefind": bytes, "files": {...}, "page": bytes}.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const [siteDir, pagePath = '/sok/?q=sjukskrivning'] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node first-search.mjs SITE_DIR [PATH]');
  process.exit(2);
}
const server = await serve(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const fetched = new Set();
try {
  const page = await browser.newPage();
  page.on('request', (req) => fetched.add(new URL(req.url()).pathname));
  if (pagePath.startsWith('api:')) {
    await page.goto(server.origin + '/finns-inte-' + Date.now());
    await page.evaluate(async (q) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      await pf.filters();
      const r = await pf.search(q);
      await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    }, pagePath.slice(4));
  } else {
    await page.goto(server.origin + pagePath);
    await page.waitForFunction(() => {
      const s = document.getElementById('sok-status');
      return s && /hittades|Inga/.test(s.textContent);
    });
  }
  await page.waitForLoadState('networkidle');
} finally {
  await browser.close();
  await server.close();
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
const kinds = {};
let pagefind = 0;
let own = 0;
for (const p of fetched) {
  const n = size(p);
  if (p.startsWith('/pagefind/')) {
    pagefind += n;
    // "/pagefind/fragment/sv_1a2b.pf_fragment" → "fragment"
    const rest = p.slice('/pagefind/'.length);
    const key = rest.includes('/') ? rest.split('/')[0] : rest.replace(/_[0-9a-f]+\./, '_*.');
    kinds[key] = (kinds[key] || 0) + n;
  } else if (!pagePath.startsWith('api:')) {
    own += n;
  }
}
console.log(JSON.stringify({ pagefind, files: kinds, page: own, requests: fetched.size }));

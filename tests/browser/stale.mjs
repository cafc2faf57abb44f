// A browser holding an old entry.json meets a newer build's shards: opens
// PATH of SITE_DIR (whose sok/index/entry.json is from an earlier build)
// and expects the one clear message, the browsing links and no script
// error, never a blank page.
//
//   node stale.mjs SITE_DIR [PATH]

import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const [siteDir, pagePath = '/sok/?q=sjukskrivning'] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node stale.mjs SITE_DIR [PATH]');
  process.exit(2);
}
const problems = [];
const server = await serve(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  await page.goto(server.origin + pagePath);
  // Results may show first if the shards a query needs kept their names;
  // the message must come once a missing one is asked for.
  await page
    .waitForFunction(() => /Sökfunktionen/.test(document.getElementById('sok-status').textContent), null, { timeout: 10000 })
    .catch(() => {});
  const s = await page.evaluate(() => ({
    status: document.getElementById('sok-status').textContent,
    browse: !document.getElementById('sok-bladdra').hidden,
    facets: !document.getElementById('sok-filter').hidden,
  }));
  console.log(JSON.stringify(s));
  if (!s.status.startsWith('Sökfunktionen har uppdaterats. Ladda om sidan.')) problems.push(`status: "${s.status}"`);
  if (!s.browse || s.facets) problems.push(`browse links shown ${s.browse}, facets shown ${s.facets}`);
} finally {
  await browser.close();
  await server.close();
}
for (const p of problems) console.log('PROBLEM ' + p);
console.log(problems.length ? `${problems.length} problems` : 'stale: ok');
process.exit(problems.length ? 1 : 0);

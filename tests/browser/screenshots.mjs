// Screenshots of a built arkiv site at a phone's and a desktop's width, so
// that a person can look at what readers see.
//
//   node screenshots.mjs SITE_DIR OUT_DIR [PATH ...]
//
// Serves SITE_DIR on 127.0.0.1 (serve.mjs) and saves, for each PATH (default:
// the home page, the first report, year, theme and clinic pages found in the
// home page's links, the search page with a query, the 404 page), a
// full-page PNG at 390 and at 1280 CSS pixels: OUT_DIR/<name>-390.png and
// OUT_DIR/<name>-1280.png. Prints one line per file.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const [siteDir, outDir, ...given] = process.argv.slice(2);
if (!siteDir || !outDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node screenshots.mjs SITE_DIR OUT_DIR [PATH ...]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const server = await serve(siteDir);
const base = server.origin;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  let paths = given;
  if (paths.length === 0) {
    const page = await browser.newPage();
    await page.goto(base + '/');
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => new URL(a.href).pathname));
    await page.close();
    const first = (re) => hrefs.find((h) => re.test(h));
    paths = [
      '/',
      first(/^\/.*\d{4}\/[a-z0-9-]+\/$/),
      first(/^\/.*\d{4}\/$/),
      first(/\/tema\/[a-z0-9-]+\/$/),
      first(/\/mottagningar\/[a-z0-9-]+\/$/),
      hrefs.find((h) => h.endsWith('/sok/')) && hrefs.find((h) => h.endsWith('/sok/')) + '?q=sjukskrivning',
      '/404.html',
    ].filter(Boolean);
  }
  for (const p of paths) {
    const name = p.replace(/[?=&]/g, '-').replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'hem';
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(base + p, { waitUntil: 'networkidle' });
      const file = path.join(outDir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.close();
      console.log(file);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

// Cumulative layout shift of search pages in headless Chromium, the figure
// Lighthouse reports: a PerformanceObserver for `layout-shift` (buffered,
// from navigation on), shifts right after input left out, grouped into
// session windows (shifts less than 1 s apart, a window at most 5 s long),
// the largest window's sum. Each PATH is opened at WIDTH (default 390, a
// phone) with an empty cache and the CPU slowed 4× (as Lighthouse's mobile
// profile assumes), and measured until its results and their excerpts are
// shown and a second more has passed.
//
//   node cls.mjs SITE_DIR PATH... [--width=390] [--max=0.1]
//
// Prints one line per path with the CLS and the elements that moved most;
// exits 1 if a CLS is above --max.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => Number((args.find((a) => a.startsWith(`--${name}=`)) || `=${dflt}`).split('=')[1]);
const width = opt('width', 390);
const max = opt('max', 0.1);
const [siteDir, ...paths] = args.filter((a) => !a.startsWith('--'));
if (!siteDir || !paths.length || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node cls.mjs SITE_DIR PATH... [--width=390] [--max=0.1]');
  process.exit(2);
}

const problems = [];
const server = await serve(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  for (const p of paths) {
    const context = await browser.newContext({ viewport: { width, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${p}: script error: ${e.message}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__shifts = [];
      const name = (n) => (n && n.nodeType === 1 ? `<${n.localName}${n.id ? '#' + n.id : ''}${n.className && typeof n.className === 'string' ? '.' + n.className.split(' ')[0] : ''}>` : n ? n.nodeName : '?');
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__shifts.push({ value: e.value, at: e.startTime, input: e.hadRecentInput, sources: (e.sources || []).map((s) => name(s.node)) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(server.origin + p, { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const s = document.getElementById('sok-status');
      const done = [...document.querySelectorAll('#sok-traffar > li')].every((li) => li.querySelector('.excerpt').hasChildNodes());
      return s && /hittades|Skriv ett|Sökfunktionen/.test(s.textContent) && done;
    });
    await page.waitForTimeout(1000);
    const shifts = await page.evaluate(() => window.__shifts);
    await context.close();
    // Session windows, as Lighthouse and the web-vitals library count them.
    let cls = 0;
    let win = 0;
    let first = -Infinity;
    let prev = -Infinity;
    for (const s of shifts.filter((x) => !x.input)) {
      if (s.at - prev > 1000 || s.at - first > 5000) {
        win = 0;
        first = s.at;
      }
      win += s.value;
      prev = s.at;
      cls = Math.max(cls, win);
    }
    const movers = shifts
      .filter((x) => !x.input)
      .sort((a, b) => b.value - a.value)
      .slice(0, 3)
      .map((x) => `${x.value.toFixed(3)} at ${Math.round(x.at)} ms: ${x.sources.join(' ')}`);
    console.log(`${cls <= max ? 'ok  ' : 'FAIL'} ${p} at ${width} px: CLS ${cls.toFixed(3)} (${shifts.length} shifts)${movers.length ? '; ' + movers.join('; ') : ''}`);
    if (cls > max) problems.push(`${p}: CLS ${cls.toFixed(3)} > ${max}`);
  }
} finally {
  await browser.close();
  await server.close();
}
for (const p of problems) console.log('PROBLEM ' + p);
console.log(problems.length ? `${problems.length} problems` : 'cls: ok');
process.exit(problems.length ? 1 : 0);

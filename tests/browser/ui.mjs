// The search page's behaviour in headless Chromium on a site whose
// sok/index/ holds the small index of tiny-index.mjs (so it runs without
// the Rust writer and with known answers):
//
//   node ui.mjs SITE_DIR [DUMP_DIR]
//
// Checks: a phrase query; a mistyped word gives "Menade du …?" and its link
// searches the corrected word; search as you type (replaceState, no new
// history entry); clinic suggestions by keyboard (combobox, ArrowDown,
// Enter sets the clinic facet, Escape closes); sorting by year; URL state
// and back/forward; facet counts against result counts; the outcome facet
// (utfall: its counts, OR within it, the URL); a damaged shard
// and a missing one (an old entry.json) give one clear message and the
// browsing links, never a script error. With DUMP_DIR, the page's DOM with
// results, with facets chosen and with the typo suggestion shown is written
// there as .html files (for vnu.sh). Exits 1 on any problem.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const [siteDir, dumpDir] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node ui.mjs SITE_DIR');
  process.exit(2);
}
const problems = [];
const expect = (ok, what) => ok || problems.push(what);
const server = await serve(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const state = (page) =>
  page.evaluate(() => ({
    status: document.getElementById('sok-status').textContent,
    menade: document.getElementById('sok-menade').hidden ? '' : document.getElementById('sok-menade').textContent,
    titles: [...document.querySelectorAll('#sok-traffar > li h3')].map((h) => h.textContent),
    years: [...document.querySelectorAll('#sok-traffar .card-meta')].map((p) => Number(p.textContent.match(/\b20\d\d\b/)[0])),
    url: location.search,
    browse: !document.getElementById('sok-bladdra').hidden,
    facets: !document.getElementById('sok-filter').hidden,
  }));
const settled = (page) =>
  page.waitForFunction(() => /hittades|Skriv ett|Sökfunktionen/.test(document.getElementById('sok-status').textContent));
async function open(page, query) {
  await page.goto(`${server.origin}/sok/${query}`);
  await settled(page);
  // Excerpts come after the count; wait for the list to be complete.
  await page.waitForFunction(() => [...document.querySelectorAll('#sok-traffar > li')].every((li) => li.querySelector('.excerpt').hasChildNodes()));
  return state(page);
}
const shard = (name) => fs.readdirSync(path.join(siteDir, 'sok/index')).find((f) => f.startsWith(name));

try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  if (dumpDir) {
    fs.mkdirSync(dumpDir, { recursive: true });
    for (const [name, query] of [['results', '?q=kommunen'], ['facets', '?q=kommunen&tema=sip&ar=2024'], ['typo', '?q=samvrkan']]) {
      await open(page, query);
      const html = await page.evaluate(() => '<!DOCTYPE html>\n' + document.documentElement.outerHTML);
      fs.writeFileSync(path.join(dumpDir, `${name}.html`), html);
    }
  }
  let s = await open(page, '?q=%22samverkan+med+kommunen%22');
  expect(s.titles.join() === 'SIP i samverkan', `phrase: ${s.titles}`);
  // The status line quotes a phrase once, in Swedish quotation marks.
  expect(s.status.includes('”samverkan med kommunen”') && !/["“„]|””/.test(s.status), `phrase quoted: ${s.status}`);
  s = await open(page, '?q=%22kommunen+samverkan%22');
  expect(s.titles.length === 0 && /Inga rapporter/.test(s.status), `words apart are no phrase: ${s.titles}`);

  s = await open(page, '?q=samvrkan&tema=sip');
  expect(s.menade.startsWith('Menade du samverkan?'), `typo: "${s.menade}"`);
  expect(s.titles.join() === 'SIP i samverkan', `typo results keep the facet: ${s.titles}`);
  await page.locator('#sok-menade a').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'samverkan');
  await settled(page);
  s = await state(page);
  expect(!s.menade && s.url.includes('tema=sip'), `after "Menade du": ${s.url} "${s.menade}"`);

  // Search as you type: results without Enter, the URL replaced.
  await open(page, '');
  const depth = await page.evaluate(() => history.length);
  await page.locator('#sok-fraga').pressSequentially('kommunen', { delay: 30 });
  await page.waitForFunction(() => /hittades/.test(document.getElementById('sok-status').textContent));
  s = await state(page);
  expect(s.url === '?q=kommunen' && s.titles.length === 2, `as you type: ${s.url} ${s.titles}`);
  expect((await page.evaluate(() => history.length)) === depth, 'typing added history entries');

  // Clinic suggestions: a combobox driven by the keyboard.
  await open(page, '');
  const box = page.locator('#sok-fraga');
  await box.pressSequentially('vårdc');
  await page.waitForSelector('#sok-forslag [role=option]');
  expect((await box.getAttribute('aria-expanded')) === 'true', 'combobox not expanded');
  await page.keyboard.press('Escape');
  expect((await box.getAttribute('aria-expanded')) === 'false', 'Escape did not close the suggestions');
  await box.press('End');
  await box.pressSequentially('e');
  await box.press('Backspace');
  await page.waitForSelector('#sok-forslag [role=option]');
  await page.keyboard.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  expect(active && (await page.getAttribute(`#${active}`, 'aria-selected')) === 'true', `active option: ${active}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('mottagning') === 'a');
  await settled(page);
  // The status line may still read as the last search's while the new
  // results are drawn: wait for them (the check below says if none come).
  await page.waitForFunction(() => document.querySelectorAll('#sok-traffar > li').length > 0, null, { timeout: 5000 }).catch(() => {});
  s = await state(page);
  expect(s.titles.length === 4 && (await box.inputValue()) === '', `clinic chosen: ${s.url} ${s.titles.length}`);

  // Sorting: newest and oldest first, from the same results.
  s = await open(page, '?mottagning=a&sortera=nyast');
  expect(s.years.join() === '2025,2024,2024,2023', `nyast: ${s.years}`);
  s = await open(page, '?mottagning=a&sortera=aldst');
  expect(s.years.join() === '2023,2024,2024,2025', `aldst: ${s.years}`);

  // Facet counts equal the results of choosing the value.
  s = await open(page, '?q=kommunen');
  const n2024 = await page.evaluate(() => document.querySelector('label[for="f-ar-2024"] .count').textContent);
  await page.locator('#f-ar-2024').check();
  await page.waitForFunction(() => location.search.includes('ar=2024'));
  await settled(page);
  s = await state(page);
  expect(n2024 === `(${s.titles.length})`, `count ${n2024} but ${s.titles.length} results`);
  // Back and forward.
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('ar=2024'));
  await settled(page);
  expect(!(await page.locator('#f-ar-2024').isChecked()), 'back: the year still chosen');
  await page.goForward();
  await page.waitForFunction(() => location.search.includes('ar=2024'));
  await settled(page);
  expect(await page.locator('#f-ar-2024').isChecked(), 'forward: the year not chosen');

  // The outcome facet (utfall): counted over the hits, OR within it, in the URL.
  s = await open(page, '?q=kommunen');
  const outcomeCounts = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('input[name="utfall"]')].map((i) => [i.value, document.querySelector(`label[for="${i.id}"] .count`).textContent])),
  );
  expect(JSON.stringify(outcomeCounts) === JSON.stringify({ delvis: '(1)', 'ej-uppnatt': '(1)' }), `outcome counts for "kommunen": ${JSON.stringify(outcomeCounts)}`);
  await page.locator('#f-utfall-delvis').check();
  await page.waitForFunction(() => location.search.includes('utfall=delvis'));
  await settled(page);
  s = await state(page);
  expect(s.titles.join() === 'SIP i samverkan', `utfall=delvis: ${s.titles}`);
  s = await open(page, '?q=kommunen&utfall=delvis&utfall=ej-uppnatt');
  expect(s.titles.length === 2, `utfall OR: ${s.titles}`);

  // A damaged shard and a missing one.
  for (const [what, file, damage, want] of [
    ['damaged', 'meta-0.', (f) => fs.writeFileSync(f, "garbage"), /skadad/],
    ['missing (an old entry.json)', 'terms-0.', (f) => fs.rmSync(f), /har uppdaterats\. Ladda om sidan\./],
  ]) {
    const f = path.join(siteDir, 'sok/index', shard(file));
    const keep = fs.readFileSync(f);
    damage(f);
    try {
      s = await open(page, '?q=kommunen');
    } finally {
      fs.writeFileSync(f, keep);
    }
    expect(want.test(s.status) && s.browse && !s.facets, `${what} shard: "${s.status}" browse ${s.browse} facets ${s.facets}`);
  }
} finally {
  await browser.close();
  await server.close();
}
for (const p of problems) console.log('PROBLEM ' + p);
console.log(problems.length ? `${problems.length} problems` : 'ui: ok');
process.exit(problems.length ? 1 : 0);

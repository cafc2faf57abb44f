// The site header and the breadcrumbs on a phone and a desktop, measured in
// headless Chromium:
//
//   node header.mjs SITE_DIR PATH...
//
// For each PATH (inner pages: a report, a theme, a year, …):
//   - at 390 px the header is one row (title and the "Meny" button) at most
//     120 px high, the menu's links hidden until the button is pressed; by
//     keyboard, Tab reaches the button, Enter opens the menu and the next Tab
//     is its first link; the open menu's links are all inside the viewport;
//   - at 1280 px the "Meny" button is not shown and the menu's links are;
//   - at 390 and 320 px no line of the breadcrumbs starts with the
//     separator "›": no item has a separator before it, every item but the
//     last has one after it, and each separator is drawn on the line of the
//     item it follows.
// Prints what it measured; exits 1 on any problem.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const [siteDir, ...paths] = process.argv.slice(2);
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html')) || paths.length === 0) {
  console.error('usage: node header.mjs SITE_DIR PATH...');
  process.exit(2);
}
const MAX_HEADER = 120;
const problems = [];
const expect = (ok, what) => ok || problems.push(what);
const server = await serve(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function pageAt(width, url) {
  const page = await browser.newPage({ viewport: { width, height: 844 } });
  page.on('pageerror', (e) => problems.push(`script error on ${url}: ${e.message}`));
  await page.goto(server.origin + url, { waitUntil: 'load' });
  return page;
}

// Runs in the page: the header's box, what of the menu is visible, and the
// breadcrumbs' separators with the lines they are drawn on.
function measure() {
  // checkVisibility: not display: none, not inside a closed <details>.
  const visible = (e) => !!e && e.checkVisibility({ visibilityProperty: true });
  const header = document.querySelector('.site-header').getBoundingClientRect();
  const summary = document.querySelector('.menu-narrow > summary');
  const links = [...document.querySelectorAll('.site-header nav a')].filter(visible);
  const items = [...document.querySelectorAll('.breadcrumbs li')];
  const crumbs = items.map((li, i) => {
    const before = getComputedStyle(li, '::before').content;
    const after = getComputedStyle(li, '::after').content;
    // The item's own text lines; its ::after separator is drawn at the end
    // of the last of them, inside the item's box.
    const range = document.createRange();
    range.selectNodeContents(li);
    const lines = [...range.getClientRects()];
    const box = li.getBoundingClientRect();
    const last = lines[lines.length - 1];
    return {
      text: li.textContent.trim(),
      before,
      after,
      last: i === items.length - 1,
      // The separator's room: between the end of the text and the item's
      // right edge, on the text's last line.
      sameLine: !last || (box.bottom - last.bottom < 4 && box.right - last.right > 4),
    };
  });
  return {
    headerHeight: header.height,
    summaryShown: visible(summary),
    links: links.map((a) => ({ text: a.textContent.trim(), bottom: a.getBoundingClientRect().bottom })),
    crumbs,
    innerHeight: window.innerHeight,
  };
}

function checkCrumbs(m, where) {
  for (const c of m.crumbs) {
    expect(c.before === 'none' || c.before === 'normal', `${where}: "${c.text}" has ${c.before} before it`);
    if (!c.last) {
      expect(c.after.includes('›'), `${where}: no separator after "${c.text}"`);
      expect(c.sameLine, `${where}: the separator after "${c.text}" is not on its line`);
    }
  }
}

for (const url of paths) {
  // A phone.
  let page = await pageAt(390, url);
  let m = await page.evaluate(measure);
  const where = `${url} at 390 px`;
  expect(m.headerHeight <= MAX_HEADER, `${where}: the header is ${m.headerHeight} px high (at most ${MAX_HEADER})`);
  expect(m.summaryShown, `${where}: no "Meny" button`);
  expect(m.links.length === 0, `${where}: menu links shown before the menu is opened: ${m.links.map((l) => l.text)}`);
  checkCrumbs(m, where);
  // By keyboard: skip link, site title, then the menu button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.matches('.menu-narrow > summary'));
  expect(focused, `${where}: the third Tab is not on "Meny"`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.closest('.site-header nav') ? document.activeElement.textContent.trim() : null);
  expect(first === 'Teman', `${where}: Tab after opening the menu is on ${first}, not "Teman"`);
  const open = await page.evaluate(measure);
  expect(open.links.length >= 4, `${where}: the open menu shows ${open.links.length} links`);
  expect(open.links.every((l) => l.bottom <= open.innerHeight), `${where}: a menu link is below the viewport`);
  console.log(`${where}: header ${Math.round(m.headerHeight)} px, ${open.links.length} links in the menu, ${m.crumbs.length} breadcrumbs`);
  await page.close();
  // A very narrow phone: the breadcrumbs wrap.
  page = await pageAt(320, url);
  m = await page.evaluate(measure);
  checkCrumbs(m, `${url} at 320 px`);
  await page.close();
  // A desktop.
  page = await pageAt(1280, url);
  m = await page.evaluate(measure);
  expect(!m.summaryShown, `${url} at 1280 px: the "Meny" button is shown`);
  expect(m.links.length >= 4, `${url} at 1280 px: ${m.links.length} menu links shown`);
  checkCrumbs(m, `${url} at 1280 px`);
  await page.close();
}

await browser.close();
server.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('header: ok');

// Opens pages built from the XSS payload fixture in headless Chromium and
// fails if any dialog (alert, confirm, prompt, beforeunload) opens.
//
//   node xss.mjs SITE_DIR PATH ...
//
// For each page: load it with a dialog listener, wait, then hover, focus and
// click the elements of the main content (links included: a surviving
// `javascript:` URL would open a dialog), wait again. Requests to any other
// host are aborted; during page load they are failures, after a click on an
// ordinary external link they are expected and only counted. Script errors
// are failures. Exits 1 on any problem.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const MAX_ELEMENTS = 300;
const [siteDir, ...paths] = process.argv.slice(2);
if (!siteDir || paths.length === 0 || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node xss.mjs SITE_DIR PATH ...   (SITE_DIR must hold index.html)');
  process.exit(2);
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const server = await serve(siteDir);
  const host = new URL(server.origin).host;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  let total = 0;
  try {
    for (const urlPath of paths) {
      const url = server.origin + urlPath;
      const page = await context.newPage();
      const problems = [];
      const dialogs = [];
      let interacting = false;
      let external = 0;
      let touched = 0;
      page.on('dialog', async (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        await d.dismiss().catch(() => {});
      });
      page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
      await page.route('**/*', (route) => {
        const u = new URL(route.request().url());
        if (u.host === host || ['data:', 'blob:', 'about:'].includes(u.protocol)) return route.continue();
        if (interacting) external += 1;
        else problems.push(`request to another host while loading: ${u.href}`);
        return route.abort('blockedbyclient');
      });
      const response = await page.goto(url, { waitUntil: 'load' });
      if (!response || response.status() !== 200) problems.push(`status ${response ? response.status() : 'none'}`);
      await pause(500);

      interacting = true;
      // Everything on one screen, so that the mouse reaches every element.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 800), 8000) });
      // Clicks on ordinary links (http, https, same site) stay on this page;
      // anything else (a `javascript:` link, say) keeps its default action.
      await page.evaluate(() => {
        document.addEventListener('click', (ev) => {
          const a = ev.target instanceof Element && ev.target.closest('a[href]');
          if (a && (a.protocol === 'http:' || a.protocol === 'https:')) ev.preventDefault();
        }, true);
        document.addEventListener('submit', (ev) => {
          const action = new URL(ev.target.action, location.href);
          if (action.protocol === 'http:' || action.protocol === 'https:') ev.preventDefault();
        }, true);
      });
      const points = await page.evaluate((max) => {
        const out = [];
        for (const e of document.querySelectorAll('main, main *')) {
          const r = e.getBoundingClientRect();
          if (r.width < 1 || r.height < 1) continue;
          const x = r.left + Math.min(r.width / 2, 8);
          const y = r.top + Math.min(r.height / 2, 8);
          const hit = document.elementFromPoint(x, y);
          if (hit && (hit === e || e.contains(hit))) out.push({ x, y });
          if (out.length >= max) break;
        }
        return out;
      }, MAX_ELEMENTS);
      for (const { x, y } of points) {
        if (page.url() !== url) await page.goto(url, { waitUntil: 'load' }).catch(() => {});
        await page.mouse.move(x, y);
        await page.mouse.click(x, y).catch(() => {});
        touched += 1;
      }
      await pause(100);
      if (page.url() !== url) await page.goto(url, { waitUntil: 'load' }).catch(() => {});
      // Focus (and blur) everything that can take focus, then Tab through.
      await page.evaluate(() => {
        for (const e of document.querySelectorAll('a, button, input, select, textarea, summary, details, [tabindex], [contenteditable]')) {
          e.focus();
          e.blur();
        }
      }).catch((e) => problems.push(`focusing every element: ${e.message}`));
      for (let i = 0; i < 60; i += 1) await page.keyboard.press('Tab');
      await pause(500);
      interacting = false;

      for (const d of dialogs) problems.push(`dialog opened: ${d}`);
      await page.close();
      console.log(`${problems.length ? 'FAIL' : 'ok  '} ${urlPath}  (${touched} elements hovered, focused and clicked; ${external} external requests blocked after clicks; ${dialogs.length} dialogs)`);
      for (const p of problems) console.log(`    ${p}`);
      total += problems.length;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`xss: ${paths.length} pages, ${total} problems`);
  process.exit(total ? 1 : 0);
}

main().catch((e) => {
  console.error(`xss: ${e.stack || e}`);
  process.exit(1);
});

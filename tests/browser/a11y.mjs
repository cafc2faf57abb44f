// Accessibility and keyboard checks of a built arkiv site in headless Chromium.
//
//   node a11y.mjs [--widths=390,1280] [--open-facets] [--dump=DIR] SITE_DIR [STATUS:]PATH ...
//
// Serves SITE_DIR on 127.0.0.1 (serve.mjs) and, for each PATH (expected
// status 200 unless given, e.g. "404:/finns-inte/" for the not-found page):
//   - axe-core with runOnly tags wcag2a, wcag2aa, wcag21a, wcag21aa: no
//     violations (no rule is disabled or filtered), at each of the widths
//     (CSS pixels; default 390 and 1280: a phone's layout and a desktop's);
//   - keyboard: the first Tab focuses the skip link (href "#innehall"), which
//     is then visible, and Enter on it moves focus to #innehall; tabbing
//     through the page, every focused element is visible and has a visible
//     focus indicator (an outline of non-zero width that is not transparent,
//     or a box-shadow), and every visible focusable element is reached;
//   - reflow (WCAG 1.4.10): at 320 CSS pixels wide the page does not scroll
//     sideways (tables scroll inside their own region);
//   - no request to any host other than this server, no failed sub-resource,
//     no script error.
// With --open-facets, on a search page every facet is open before the checks
// at each width (the "Avgränsa" disclosure on a phone, and "Visa alla" of
// every facet); with --dump=DIR the page's DOM at each width is written
// there (DIR/<path>-<width>.html, for vnu.sh).
// Prints one line per page and the problems found; exits 1 on any problem.
// ARKIV_SCREENSHOTS=DIR saves a full-page screenshot of each page there.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS, watchRequests } from './serve.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_FOCUS = 200;
const SKIP_HREF = '#innehall';

const args = process.argv.slice(2);
const widthArg = args.find((a) => a.startsWith('--widths='));
const WIDTHS = (widthArg ? widthArg.slice('--widths='.length) : '390,1280').split(',').map(Number);
const OPEN_FACETS = args.includes('--open-facets');
const dumpArg = args.find((a) => a.startsWith('--dump='));
const DUMP = dumpArg && dumpArg.slice('--dump='.length);
if (DUMP) fs.mkdirSync(DUMP, { recursive: true });
const [siteDir, ...specs] = args.filter((a) => !a.startsWith('--'));
if (WIDTHS.some((w) => !(w >= 200 && w <= 4000))) {
  console.error('a11y: --widths takes CSS pixel widths, like --widths=390,1280');
  process.exit(2);
}
if (!siteDir || specs.length === 0 || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node a11y.mjs SITE_DIR [STATUS:]PATH ...   (SITE_DIR must hold index.html)');
  process.exit(2);
}
const shots = process.env.ARKIV_SCREENSHOTS;
if (shots) fs.mkdirSync(shots, { recursive: true });

// Runs in the page: the focused element and how it looks.
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const pathOf = (e) => {
    const parts = [];
    for (let n = e; n && n.nodeType === 1 && n !== document.documentElement; n = n.parentElement) {
      let i = 1;
      for (let s = n.previousElementSibling; s; s = s.previousElementSibling) i += 1;
      parts.unshift(`${n.localName}:nth-child(${i})`);
    }
    return parts.join('>');
  };
  const transparent = (c) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('href') || '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 50);
  return {
    key: pathOf(el),
    name: `<${el.localName}${el.id ? ' id="' + el.id + '"' : ''}${el.className && typeof el.className === 'string' ? ' class="' + el.className + '"' : ''}> "${label}"`,
    href: el.getAttribute('href'),
    outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor),
    shadow: cs.boxShadow !== 'none' && cs.boxShadow !== '',
    hasSize: r.width > 0 && r.height > 0,
    inViewport: r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth,
    shown: cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0,
  };
}

// Runs in the page: the visible elements that Tab should reach.
function focusableKeys() {
  const sel = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, iframe, [contenteditable=""], [contenteditable="true"], [tabindex]';
  const pathOf = (e) => {
    const parts = [];
    for (let n = e; n && n.nodeType === 1 && n !== document.documentElement; n = n.parentElement) {
      let i = 1;
      for (let s = n.previousElementSibling; s; s = s.previousElementSibling) i += 1;
      parts.unshift(`${n.localName}:nth-child(${i})`);
    }
    return parts.join('>');
  };
  return [...document.querySelectorAll(sel)]
    .filter((e) => e.tabIndex >= 0 && e.getAttribute('tabindex') !== '-1')
    .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .filter((e) => !e.closest('[inert]'))
    .map((e) => ({ key: pathOf(e), name: `<${e.localName}> "${(e.innerText || e.getAttribute('href') || '').trim().slice(0, 40)}"` }));
}

// Opens every facet of a search page: the Avgränsa disclosure where it is
// shown, then "Visa alla" of each facet (one at a time: each redraws them).
async function openFacets(page) {
  const toggled = await page.evaluate(() => {
    const t = document.getElementById('sok-avgransa');
    if (t && t.offsetParent && t.getAttribute('aria-expanded') !== 'true') t.click();
    return !!t;
  });
  for (let i = 0; toggled && i < 20; i++) {
    const more = await page.evaluate(() => {
      const b = document.querySelector('.facet-more[aria-expanded="false"]');
      if (b) b.click();
      return !!b;
    });
    if (!more) break;
  }
  return page.evaluate(() => document.querySelectorAll('.facet-values li').length);
}

async function checkAxe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  const problems = [];
  for (const v of result.violations) {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300)}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    problems.push(`axe ${v.id} (${v.impact}): ${v.help} [${v.nodes.length} element(s)]\n${nodes}${more}`);
  }
  return { problems, count: result.violations.length };
}

async function checkKeyboard(page) {
  const problems = [];
  const expected = await page.evaluate(focusableKeys);
  // Every focus change is described in the page as it happens; Tab is then
  // pressed once per expected stop (and a few more, to see it wrap around).
  await page.evaluate(`(() => {
    const describe = ${describeFocus.toString()};
    window.__arkivFocusLog = [];
    document.addEventListener('focusin', () => window.__arkivFocusLog.push(describe()), true);
  })()`);
  let presses = 0;
  let log = [];
  const wrapped = () => new Set(log.map((f) => f && f.key)).size < log.length;
  for (let batch = expected.length + 3; presses < MAX_FOCUS + 3 && !wrapped(); batch = 10) {
    for (let i = 0; i < batch; i += 1) await page.keyboard.press('Tab');
    presses += batch;
    log = await page.evaluate(() => window.__arkivFocusLog);
  }
  const first = log[0];
  const reached = new Set();
  if (!first || first.href !== SKIP_HREF) {
    problems.push(`keyboard: the first Tab focuses ${first ? first.name : 'nothing'}, not the skip link (href "${SKIP_HREF}")`);
  } else if (!(first.hasSize && first.inViewport && first.shown)) {
    problems.push('keyboard: the skip link is not visible when focused');
  }
  for (const current of log) {
    if (!current || reached.has(current.key)) break; // left the page or wrapped around
    reached.add(current.key);
    if (!(current.hasSize && current.inViewport && current.shown)) {
      problems.push(`keyboard: focused element is not visible: ${current.name}`);
    } else if (!current.outline && !current.shadow) {
      problems.push(`keyboard: no visible focus indicator on ${current.name}`);
    }
  }
  if (reached.size < MAX_FOCUS) {
    for (const e of expected) {
      if (!reached.has(e.key)) problems.push(`keyboard: Tab never reaches ${e.name}`);
    }
  }
  // The skip link works: Enter on it moves focus to the main content.
  if (first && first.href === SKIP_HREF) {
    await page.focus(`a[href="${SKIP_HREF}"]`);
    await page.keyboard.press('Enter');
    const id = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (id !== SKIP_HREF.slice(1)) problems.push(`keyboard: Enter on the skip link focuses "${id}", not ${SKIP_HREF}`);
  }
  return { problems, count: reached.size };
}

async function checkReflow(page) {
  await page.setViewportSize({ width: 320, height: 640 });
  const over = await page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth + 1;
    if (root.scrollWidth <= limit) return null;
    // What sticks out: element boxes and runs of text. Data tables are
    // excepted by WCAG 1.4.10 (they need two dimensions); they may scroll.
    const exempt = (n) => n.closest('table, .table-scroll');
    const out = [];
    for (const e of document.body.querySelectorAll('*')) {
      if (!exempt(e) && e.getBoundingClientRect().right > limit) out.push(`<${e.localName}${typeof e.className === 'string' && e.className ? '.' + e.className : ''}>`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent.trim() || exempt(t.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      if (range.getBoundingClientRect().right > limit) out.push(`text "${t.textContent.trim().slice(0, 40)}"`);
    }
    return out.length ? `${root.scrollWidth}px wide: ${out.slice(0, 6).join(', ')}` : null;
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  return over ? [`reflow: at 320 px the page scrolls sideways, ${over}`] : [];
}

async function main() {
  const server = await serve(siteDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', serviceWorkers: 'block' });
  let total = 0;
  let violations = 0;
  // One tab for all pages; what its listeners find goes to the current page.
  const page = await context.newPage();
  let problems = [];
  watchRequests(page, server.origin, { push: (p) => problems.push(p) });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) return;
    if (r.status() >= 400) problems.push(`failed resource ${r.status()}: ${r.url()}`);
  });
  try {
    for (const spec of specs) {
      const m = /^(\d{3}):(\/.*)$/.exec(spec);
      const [urlPath, wantStatus] = m ? [m[2], Number(m[1])] : [spec, 200];
      const started = Date.now();
      problems = [];
      const response = await page.goto(server.origin + urlPath, { waitUntil: 'load' });
      if (!response || response.status() !== wantStatus) {
        problems.push(`status ${response ? response.status() : 'none'}, expected ${wantStatus}`);
      }
      // Pages with scripts (search) may still be fetching and rendering.
      if (await page.evaluate(() => document.scripts.length > 0)) {
        await page.waitForLoadState('networkidle').catch(() => {});
      }
      if (shots) {
        const name = urlPath.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
        await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
      }
      const axe = { count: 0 };
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        if (OPEN_FACETS) {
          const values = await openFacets(page);
          if (urlPath.startsWith('/sok/') && !values) problems.push(`at ${width} px: --open-facets found no facet values`);
        }
        if (DUMP) {
          const name = urlPath.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
          // The DOM as the page made it: without axe's script (injected inline).
          const html = await page.evaluate(() => {
            const root = document.documentElement.cloneNode(true);
            root.querySelectorAll('script:not([src])').forEach((s) => s.remove());
            return '<!DOCTYPE html>\n' + root.outerHTML;
          });
          fs.writeFileSync(path.join(DUMP, `${name}-${width}.html`), html);
        }
        const at = await checkAxe(page);
        axe.count += at.count;
        problems.push(...at.problems.map((p) => `at ${width} px: ${p}`));
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      violations += axe.count;
      problems.push(...(await checkReflow(page)));
      const kb = await checkKeyboard(page);
      problems.push(...kb.problems);
      await page.goto('about:blank');
      const ms = Date.now() - started;
      console.log(`${problems.length ? 'FAIL' : 'ok  '} ${urlPath}  (axe at ${WIDTHS.join(' and ')} px: ${axe.count} violations; keyboard: ${kb.count} focus stops; ${ms} ms)`);
      for (const p of problems) console.log(`    ${p}`);
      total += problems.length;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`a11y: ${specs.length} pages, ${violations} axe violations, ${total} problems`);
  process.exit(total ? 1 : 0);
}

main().catch((e) => {
  console.error(`a11y: ${e.stack || e}`);
  process.exit(1);
});

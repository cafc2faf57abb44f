// Layout checks of a built arkiv site in headless Chromium, measured in the
// rendered page at a phone's width (390 CSS px) and a desktop's (1280):
//
//   node layout.mjs SITE_DIR REPORT_PATH... [--search=QUERY]
//
// For each REPORT_PATH (a report page with indicators):
//   - every text of every chart is drawn at 12–16 px (its computed font
//     size times the SVG's scale to CSS pixels) with a box at most 20 px
//     high, at both widths (chart text does not scale with the page), and
//     no chart is wider than its box;
//   - at 390 px each indicator is a card: no row of the indicator table is
//     wider than its section, the table does not scroll sideways, and the
//     result and status of every indicator are inside the viewport;
//   - at 1280 px the indicators are a table (display: table, a visible
//     header row with the six columns).
// With --search=QUERY (a query string with at least two facet values chosen,
// e.g. "q=patienter&tema=sip&ar=2024"), on /sok/?QUERY:
//   - at 390 px the first result starts within the first 600 px, above the
//     facets, which are folded behind "Avgränsa (n)" (n = chosen filters);
//     sorting and "Rensa" stand above the first result, below the search box;
//   - the Avgränsa button by keyboard: Enter opens the facets (aria-expanded,
//     the facets shown right below the tools), Escape in them closes them and
//     focus is back on the button; Space opens them again;
//   - one chip per chosen filter above the results, each a button named
//     "Ta bort filter: …"; pressing one (Enter) removes its filter from the
//     URL and the results change; the count on Avgränsa follows;
//   - at 1280 px the facets are a sidebar left of the results, the button
//     is not shown, and sorting and "Rensa" sit above the results in their
//     column;
//   - keyboard, at both widths, on /sok/?QUERY and on /sok/?q=… (its query
//     alone): from the search box the first result is reached with at most
//     three presses of Tab; a search started with Enter moves the focus to
//     the results' heading, and one Tab from there reaches the first result.
// With --compare=PATH (a theme's comparison page, /tema/<slug>/jamfor/, or
// a family's page; repeatable), at 390 and 1280 px:
//   - the page does not scroll sideways (its width is the viewport's);
//   - at 390 px every family table is cards no wider than the page's main
//     column, at 1280 px a table; the families of one report (a plain
//     list) end inside the viewport;
//   - every comparison chart fits its box, and each of its texts is drawn
//     at 12–16 px and ends inside the chart (no label runs off its side).
// Prints the figures measured; exits 1 on any problem.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, CHROMIUM_ARGS } from './serve.mjs';

const args = process.argv.slice(2);
const searchArg = args.find((a) => a.startsWith('--search='));
const compares = args.filter((a) => a.startsWith('--compare=')).map((a) => a.slice('--compare='.length));
const [siteDir, ...reports] = args.filter((a) => !a.startsWith('--'));
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error('usage: node layout.mjs SITE_DIR REPORT_PATH... [--search=QUERY] [--compare=PATH]...');
  process.exit(2);
}
const problems = [];
const expect = (ok, what) => ok || problems.push(what);
const server = await serve(siteDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function pageAt(width, url) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('pageerror', (e) => problems.push(`script error on ${url}: ${e.message}`));
  await page.goto(server.origin + url, { waitUntil: 'load' });
  return page;
}

// Runs in the page: the charts' text sizes and the indicators' boxes.
function measureReport() {
  const box = (e) => e.getBoundingClientRect();
  // The size as drawn: the computed font size times the scale from the
  // SVG's user units to CSS pixels (a viewBox would make it follow the width).
  const texts = [...document.querySelectorAll('svg.chart text')].map((t) => {
    const ctm = t.getScreenCTM();
    return {
      text: t.textContent,
      font: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b),
      height: box(t).height,
    };
  });
  const charts = [...document.querySelectorAll('svg.chart')].map((s) => ({
    width: box(s).width,
    room: box(s.closest('figure')).width,
  }));
  const table = document.querySelector('.indicator-table');
  const section = document.querySelector('section.indicators');
  const scroll = table && table.closest('.table-scroll');
  const rows = table
    ? [...table.querySelectorAll('tbody tr')].map((tr) => {
        const cells = [...tr.children];
        const result = cells[3];
        const status = cells[cells.length - 1];
        return {
          name: cells[0].textContent.trim().slice(0, 40),
          width: box(tr).width,
          right: box(tr).right,
          resultRight: box(result).right,
          statusRight: box(status).right,
          statusLeft: box(status).left,
        };
      })
    : [];
  const head = table && table.querySelector('thead');
  return {
    texts,
    charts,
    rows,
    sectionWidth: section ? section.getBoundingClientRect().width : 0,
    sectionRight: section ? section.getBoundingClientRect().right : 0,
    viewport: document.documentElement.clientWidth,
    tableDisplay: table ? getComputedStyle(table).display : null,
    tableWidth: table ? box(table).width : 0,
    scrolls: scroll ? scroll.scrollWidth > scroll.clientWidth + 1 : false,
    headVisible: head ? box(head).height > 0 && head.querySelectorAll('th').length === 6 : false,
  };
}

try {
  for (const url of reports) {
    for (const width of [390, 1280]) {
      const page = await pageAt(width, url);
      const m = await page.evaluate(measureReport);
      await page.close();
      const fonts = m.texts.map((t) => t.font);
      const heights = m.texts.map((t) => t.height);
      console.log(
        `${url} at ${width} px: ${m.texts.length} chart texts, drawn at ${Math.min(...fonts).toFixed(1)}–${Math.max(...fonts).toFixed(1)} px, ` +
          `drawn height ${Math.min(...heights).toFixed(1)}–${Math.max(...heights).toFixed(1)} px; ` +
          `charts ${m.charts.map((c) => Math.round(c.width)).join('/')} px wide; indicator table ${m.tableDisplay}, ` +
          `${Math.round(m.tableWidth)} px in a ${Math.round(m.sectionWidth)} px section; ` +
          `rows ${m.rows.map((r) => Math.round(r.width)).join('/')} px, status right edge ≤ ${Math.round(Math.max(...m.rows.map((r) => r.statusRight)))} px`,
      );
      expect(m.texts.length > 0, `${url}: no chart text`);
      // Legends are HTML text beside the SVG (not counted here).
      for (const t of m.texts) {
        expect(t.font >= 12 && t.font <= 16, `${url} at ${width} px: chart text "${t.text}" is ${t.font} px (want 12–16)`);
        expect(t.height <= 20, `${url} at ${width} px: chart text "${t.text}" is drawn ${t.height.toFixed(1)} px high`);
      }
      for (const c of m.charts) expect(c.width <= c.room + 0.5, `${url} at ${width} px: a chart is ${c.width} px wide in ${c.room} px`);
      expect(m.rows.length > 0, `${url}: no indicator rows`);
      if (width === 390) {
        expect(m.tableDisplay === 'block', `${url} at 390 px: the indicators are a ${m.tableDisplay}, not cards`);
        expect(!m.scrolls, `${url} at 390 px: the indicator table scrolls sideways`);
        for (const r of m.rows) {
          expect(r.width <= m.sectionWidth + 0.5, `${url} at 390 px: indicator "${r.name}" is ${r.width} px wide in a ${m.sectionWidth} px section`);
          expect(r.resultRight <= m.viewport && r.statusRight <= m.viewport && r.statusLeft >= 0, `${url} at 390 px: the result or status of "${r.name}" is outside the viewport (right edge ${r.statusRight})`);
        }
      } else {
        expect(m.tableDisplay === 'table' && m.headVisible, `${url} at 1280 px: the indicators are not a table with its header (${m.tableDisplay})`);
      }
    }
  }

  for (const url of compares) {
    for (const width of [390, 1280]) {
      const page = await pageAt(width, url);
      const m = await page.evaluate(() => {
        const box = (e) => e.getBoundingClientRect();
        const main = document.querySelector('main') || document.body;
        return {
          pageWidth: document.documentElement.scrollWidth,
          viewport: document.documentElement.clientWidth,
          mainWidth: box(main).width,
          single: [...document.querySelectorAll('.family-single li')].map((li) => box(li).right),
          tables: [...document.querySelectorAll('.compare-table')].map((t) => ({
            display: getComputedStyle(t).display,
            rows: [...t.querySelectorAll('tbody tr')].map((tr) => box(tr).width),
          })),
          charts: [...document.querySelectorAll('svg.compare-chart')].map((svg) => {
            const b = box(svg);
            return {
              width: b.width,
              room: box(svg.closest('figure')).width,
              texts: [...svg.querySelectorAll('text')].map((t) => {
                const ctm = t.getScreenCTM();
                return {
                  text: t.textContent,
                  font: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b),
                  right: box(t).right - b.right,
                  left: box(t).left - b.left,
                };
              }),
            };
          }),
        };
      });
      await page.close();
      const rows = m.tables.flatMap((t) => t.rows);
      console.log(
        `${url} at ${width} px: page ${m.pageWidth} px in a ${m.viewport} px viewport; ${m.tables.length} family tables (${[...new Set(m.tables.map((t) => t.display))].join('/')}), ` +
          `rows up to ${Math.round(Math.max(0, ...rows))} px in a ${Math.round(m.mainWidth)} px column; ${m.charts.length} charts up to ${Math.round(Math.max(0, ...m.charts.map((c) => c.width)))} px`,
      );
      // A theme whose indicators are each in one report lists them plainly.
      expect(m.tables.length + m.single.length > 0, `${url}: no family table and no plain list`);
      for (const right of m.single) expect(right <= m.viewport, `${url} at ${width} px: a plain family line ends at ${right} px`);
      expect(m.pageWidth <= m.viewport, `${url} at ${width} px: the page scrolls sideways (${m.pageWidth} px in ${m.viewport})`);
      for (const t of m.tables) {
        expect(width === 390 ? t.display === 'block' : t.display === 'table', `${url} at ${width} px: a family table is ${t.display}`);
        for (const w of t.rows) expect(width !== 390 || w <= m.mainWidth + 0.5, `${url} at 390 px: a family row is ${w} px wide in ${m.mainWidth}`);
      }
      for (const c of m.charts) {
        expect(c.width <= c.room + 0.5, `${url} at ${width} px: a comparison chart is ${c.width} px wide in ${c.room} px`);
        for (const t of c.texts) {
          expect(t.font >= 12 && t.font <= 16, `${url} at ${width} px: chart text "${t.text}" is ${t.font} px`);
          expect(t.right <= 0.5 && t.left >= -0.5, `${url} at ${width} px: chart text "${t.text}" runs off the chart (${t.left.toFixed(1)}, ${t.right.toFixed(1)})`);
        }
      }
    }
  }

  if (searchArg) {
    const query = searchArg.slice('--search='.length);
    const url = `/sok/?${query}`;
    const chosen = [...new URLSearchParams(query).entries()].filter(([k]) => k !== 'q' && k !== 'sortera');
    const settled = (page) =>
      page.waitForFunction(() => /hittades/.test(document.getElementById('sok-status').textContent) && document.querySelector('#sok-traffar > li'));
    const rect = (page, sel) =>
      page.evaluate((s) => {
        const e = document.querySelector(s);
        if (!e || !e.getClientRects().length) return null;
        const r = e.getBoundingClientRect();
        return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right };
      }, sel);

    // A phone.
    let page = await pageAt(390, url);
    await settled(page);
    const hit = await rect(page, '#sok-traffar > li');
    const facets = await rect(page, '#sok-filter');
    const sort = await rect(page, '#sok-ordning');
    const clear = await rect(page, '#sok-rensa');
    const box = await rect(page, '#sok-fraga');
    const button = page.locator('#sok-avgransa');
    console.log(
      `${url} at 390 px: first result at ${Math.round(hit.top)} px, facets ${facets ? 'at ' + Math.round(facets.top) + ' px' : 'folded'}, ` +
        `sorting at ${Math.round(sort.top)} px, Rensa at ${Math.round(clear.top)} px, search box bottom ${Math.round(box.bottom)} px`,
    );
    expect(hit.top < 600, `390 px: the first result starts at ${hit.top} px (want < 600)`);
    if ((await button.count()) === 0) throw new Error('no Avgränsa button (#sok-avgransa) on the search page');
    expect(facets === null || facets.top > hit.top, `390 px: the facets (at ${facets && facets.top}) are shown above the first result`);
    expect(sort.top > box.bottom && sort.bottom <= hit.top && clear.bottom <= hit.top, '390 px: sorting or Rensa not between the search box and the results');
    expect((await button.textContent()).replace(/\s+/g, ' ').trim() === `Avgränsa (${chosen.length})`, `390 px: button says "${await button.textContent()}"`);
    expect((await button.getAttribute('aria-expanded')) === 'false' && (await button.getAttribute('aria-controls')) === 'sok-filter', '390 px: Avgränsa is not a closed disclosure of #sok-filter');

    // Avgränsa by keyboard.
    await button.focus();
    await page.keyboard.press('Enter');
    let open = await rect(page, '#sok-filter');
    const tools = await rect(page, '#sok-verktyg');
    expect((await button.getAttribute('aria-expanded')) === 'true' && open !== null, 'Enter on Avgränsa did not open the facets');
    expect(open && tools && open.top >= tools.bottom - 1 && open.top < hit.top + 1, `the opened facets are not right below the tools (${open && open.top})`);
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => !!document.activeElement.closest('#sok-filter'));
    expect(inside, 'Tab after Avgränsa does not go into the facets');
    await page.keyboard.press('Escape');
    expect((await button.getAttribute('aria-expanded')) === 'false' && (await rect(page, '#sok-filter')) === null, 'Escape did not close the facets');
    expect(await page.evaluate(() => document.activeElement.id === 'sok-avgransa'), 'Escape did not return focus to Avgränsa');
    await page.keyboard.press('Space');
    expect((await button.getAttribute('aria-expanded')) === 'true', 'Space on Avgränsa did not open the facets');
    await page.keyboard.press('Escape');

    // Chips: one per chosen filter, each removes its own.
    const chips = await page.$$eval('#sok-valda button.chip', (bs) => bs.map((b) => ({ name: b.textContent.replace(/\s+/g, ' ').replace(' ×', '').trim(), facet: b.dataset.facet, value: b.dataset.value, top: b.getBoundingClientRect().top + scrollY })));
    console.log(`chips: ${chips.map((c) => `"${c.name}"`).join(', ')}`);
    expect(chips.length === chosen.length, `${chips.length} chips for ${chosen.length} chosen filters`);
    for (const c of chips) {
      expect(c.name.startsWith('Ta bort filter: '), `chip named "${c.name}"`);
      expect(c.top < hit.top, `chip "${c.name}" is not above the results`);
    }
    const before = await page.evaluate(() => document.getElementById('sok-status').textContent);
    const last = chips[chips.length - 1];
    await page.focus(`#sok-valda button.chip[data-facet="${last.facet}"][data-value="${last.value}"]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(([k, v]) => !new URLSearchParams(location.search).getAll(k).includes(v), [last.facet, last.value]);
    await settled(page);
    await page.waitForFunction((b) => document.getElementById('sok-status').textContent !== b, before, { timeout: 5000 }).catch(() => {});
    const after = await page.evaluate(() => ({
      status: document.getElementById('sok-status').textContent,
      chips: document.querySelectorAll('#sok-valda button.chip').length,
      button: document.getElementById('sok-avgransa').textContent.replace(/\s+/g, ' ').trim(),
      focus: document.activeElement && (document.activeElement.className || document.activeElement.id),
      search: location.search,
    }));
    console.log(`removed "${last.name}": ${after.search}, "${before}" → "${after.status}", focus on ${after.focus}`);
    expect(after.status !== before, `removing a chip did not change the results ("${after.status}")`);
    expect(after.chips === chips.length - 1 && after.button === `Avgränsa (${chips.length - 1})`, `after removing a chip: ${after.chips} chips, "${after.button}"`);
    expect(/chip|sok-avgransa|sok-fraga/.test(after.focus || ''), `focus after removing a chip: ${after.focus}`);
    await page.close();

    // A desktop.
    page = await pageAt(1280, url);
    await settled(page);
    const wide = {
      hit: await rect(page, '#sok-traffar > li'),
      facets: await rect(page, '#sok-filter'),
      sort: await rect(page, '#sok-ordning'),
      clear: await rect(page, '#sok-rensa'),
      button: await rect(page, '#sok-avgransa'),
    };
    console.log(
      `${url} at 1280 px: facets at x ${Math.round(wide.facets.left)}–${Math.round(wide.facets.right)}, first result at x ${Math.round(wide.hit.left)} y ${Math.round(wide.hit.top)}, ` +
        `sorting at x ${Math.round(wide.sort.left)} y ${Math.round(wide.sort.top)}, Rensa at x ${Math.round(wide.clear.left)}`,
    );
    expect(wide.facets && wide.facets.right <= wide.hit.left && wide.facets.top <= wide.hit.top, '1280 px: the facets are not a sidebar left of the results');
    expect(wide.button === null, '1280 px: the Avgränsa button is shown');
    expect(wide.sort.left >= wide.hit.left - 1 && wide.sort.bottom <= wide.hit.top && wide.clear.left >= wide.hit.left - 1 && wide.clear.bottom <= wide.hit.top, '1280 px: sorting and Rensa are not above the results in their column');
    await page.close();

    // Keyboard: Tab alone from the search box to the first result.
    const plain = `/sok/?q=${encodeURIComponent(new URLSearchParams(query).get('q') || 'sip')}`;
    for (const width of [390, 1280]) {
      for (const u of [url, plain]) {
        page = await pageAt(width, u);
        await settled(page);
        await page.focus('#sok-fraga');
        let presses = 0;
        let on = false;
        while (!on && presses < 10) {
          await page.keyboard.press('Tab');
          presses++;
          on = await page.evaluate(() => document.activeElement === document.querySelector('#sok-traffar > li a'));
        }
        console.log(`${u} at ${width} px: the first result after ${on ? presses : 'more than 10'} Tab presses from the search box`);
        expect(on && presses <= 3, `${u} at ${width} px: ${on ? presses : 'more than 10'} Tab presses from the search box to the first result (want ≤ 3)`);
        await page.close();
      }
      // Enter: the focus on the results' heading, then Tab to the first result.
      page = await pageAt(width, plain);
      await settled(page);
      await page.fill('#sok-fraga', 'sjukskrivning');
      await page.keyboard.press('Enter');
      const moved = await page
        .waitForFunction(() => document.activeElement && document.activeElement.id === 'sok-resultat-rubrik' && /sjukskrivning/.test(document.activeElement.textContent), null, { timeout: 10000 })
        .then(() => true, () => false);
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => document.activeElement === document.querySelector('#sok-traffar > li a'));
      console.log(`Enter at ${width} px: focus ${moved ? 'on the results heading' : 'NOT on the results heading'}, then Tab ${next ? 'on the first result' : 'elsewhere'}`);
      expect(moved && next, `${width} px: a search started with Enter does not move the focus to the results' heading (then the first result)`);
      await page.close();
    }
  }
} catch (e) {
  problems.push(`stopped: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
  await server.close();
}
for (const p of problems) console.log('PROBLEM ' + p);
console.log(problems.length ? `${problems.length} problems` : 'layout: ok');
process.exit(problems.length ? 1 : 0);

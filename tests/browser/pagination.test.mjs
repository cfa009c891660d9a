// A long listing in pages (#18): page 2 of a service with 320 offices, at 390 and 1280 px — axe-core
// finds nothing, the page links fit without sideways scrolling, the current page is announced,
// and つぎのページ leads to the next page. The search page filters the same site by area (the
// area buckets of the index), with and without words. The compare page links to pages of
// tables, and puts two offices ticked on one of them side by side, reading their rows from
// their own pages; a shared link does the same.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildSite, formatViolations, launch, repo, runAxe, serve } from './lib.mjs';

let siteDir, site, server, browser;

before(async () => {
  siteDir = mkdtempSync(join(tmpdir(), 'shirube-long-'));
  cpSync(join(repo, 'tests/fixtures/base'), siteDir, { recursive: true });
  for (let i = 0; i < 320; i++) {
    const n = String(i).padStart(3, '0');
    const kana = [...n].map((d) => 'あいうえおかきくけこ'[Number(d)]).join('');
    writeFileSync(join(siteDir, 'content/entries', `b-${n}.md`), [
      '---', 'kind: office', `name: 作業所${n}`, `kana: さぎょうしょ${kana}`, 'area: kita',
      'address:', '  city: こもれび市', `  street: 緑町${i}`, 'contact:', '  phone: "0199-12-3456"',
      'accepts: [intellectual]', 'services:', '  - type: b-type', '    capacity: 20',
      'easy: しごとを れんしゅうします。', 'verified: 2026-06-01', '---', '',
    ].join('\n'));
  }
  site = buildSite(siteDir);
  server = await serve(site.dir, '/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

for (const width of [390, 1280]) {
  test(`page 2 of a long listing at ${width} px`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url + 'services/b-type/page/2/');
    assert.equal(await page.locator('ul.cards > li').count(), 100);
    const nav = page.getByRole('navigation', { name: 'ページ' });
    assert.equal(await nav.locator('[aria-current="page"]').textContent(), '2');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll (${overflow} px)`);
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await nav.getByRole('link', { name: 'つぎのページ' }).click();
    await page.waitForURL(/page\/3\/$/);
    assert.equal(await page.locator('nav.pagination [aria-current="page"]').textContent(), '3');
    await context.close();
  });
}

// The number in the search page's status line once results are shown.
async function searchTotal(page) {
  const status = page.locator('#search-status');
  await status.filter({ hasText: /件|見つかりませんでした/ }).waitFor();
  const match = (await status.textContent()).match(/(\d+)件/);
  return match ? Number(match[1]) : 0;
}

test('the search page filters by area, with and without words', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + 'search/?area=kita');
  const inKita = await searchTotal(page);
  assert.ok(inKita >= 320, `the 320 offices of 北部 and the fixture's own (${inKita})`);
  const metas = await page.locator('#search-results .search-result-meta').allTextContents();
  assert.equal(metas.length, 20, 'the first page of results');
  assert.ok(metas.every((m) => m.endsWith('北部')), metas.join(' / '));

  await page.goto(server.url + 'search/?area=higashi');
  const inHigashi = await searchTotal(page);
  assert.ok(inHigashi >= 1 && inHigashi < 20, `東部 has the fixture's few (${inHigashi})`);
  const east = await page.locator('#search-results .search-result-meta').allTextContents();
  assert.ok(east.every((m) => m.endsWith('東部')), east.join(' / '));

  await page.goto(server.url + 'search/?q=' + encodeURIComponent('作業所') + '&area=kita');
  assert.ok((await searchTotal(page)) >= 320, 'every 作業所 of 北部');
  await page.goto(server.url + 'search/?q=' + encodeURIComponent('作業所') + '&area=higashi');
  const none = await searchTotal(page);
  assert.ok(none < inHigashi + 1, `no 作業所 of 北部 under 東部 (${none})`);
  await context.close();
});

// The side-by-side table's office names, once it is there.
async function sideNames(page) {
  await page.locator('table.compare-side').waitFor();
  return page.locator('table.compare-side thead .compare-side-name').allTextContents();
}

test('a long guide\'s compare page links to its tables and reads the chosen rows from the offices\' pages', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + 'compare/');
  assert.equal(await page.locator('tr[data-compare-id]').count(), 0, 'the compare page holds no rows');
  // The largest table: the area of the 320 offices.
  const href = await page.evaluate(() => {
    const links = [...document.querySelectorAll('.compare-tables a')];
    const size = (a) => Number(a.parentElement.textContent.match(/（(\d+)か所）/)[1]);
    return links.sort((a, b) => size(b) - size(a))[0].getAttribute('href');
  });
  await page.goto(new URL(href, page.url()).href);
  assert.ok(await page.locator('tr[data-compare-id]').count() >= 320, 'the table page has the area\'s offices');
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  const rows = page.locator('tr[data-compare-id]');
  const picked = [];
  for (const i of [0, 1]) {
    const row = rows.nth(i);
    picked.push(await row.getAttribute('data-compare-name'));
    await row.locator('.compare-toggle').click();
  }
  await page.locator('.compare-tray-link').click();
  await page.waitForURL(/compare\/\?ids=/);
  assert.deepEqual((await sideNames(page)).map((n) => n.replace(/はずす.*$/, '').trim()), picked);
  // The facts came with the rows, and the names lead to the offices' pages.
  assert.match(await page.locator('table.compare-side tbody').textContent(), /20人/);
  for (const a of await page.locator('table.compare-side thead a').all()) {
    const response = await page.request.get(await a.evaluate((el) => el.href));
    assert.equal(response.status(), 200, await a.evaluate((el) => el.href));
  }
  assert.match(await page.locator('#compare-count').textContent(), new RegExp(picked[0]));
  const pickedViolations = await runAxe(page);
  assert.deepEqual(pickedViolations, [], formatViolations(pickedViolations));
  await context.close();

  // A shared link, in a browser that remembers nothing.
  const fresh = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const shared = await fresh.newPage();
  await shared.goto(server.url + 'compare/?ids=b-010,b-011,nobody');
  const names = await sideNames(shared);
  assert.equal(names.length, 2, names.join(' / '));
  assert.match(await shared.locator('.compare-unread').textContent(), /1か所/);
  await fresh.close();
});

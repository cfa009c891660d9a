// Compare: three offices ticked with the keyboard only on a listing, the compare page opened
// from the tray, and the side-by-side table holding them; a shared link (?ids=) shows the same;
// the count is said in a polite live region; axe-core passes on the page with offices chosen;
// a screenshot at 390 px.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { basePath, buildSite, formatViolations, launch, overflowProblems, runAxe, serve } from './lib.mjs';

let site, server, browser;
const shots = process.env.A11Y_SCREENSHOTS || join(tmpdir(), 'shirube-a11y-screenshots');

before(async () => {
  site = buildSite();
  server = await serve(site.dir, basePath());
  browser = await launch();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { cls: a?.className ?? '', text: a?.textContent.trim() ?? '', pressed: a?.getAttribute('aria-pressed') };
});

async function tabUntil(page, wanted, key = 'Tab', max = 200) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (wanted(f)) return f;
  }
  throw new Error(`${key} never reached what was wanted on ${page.url()}`);
}

test('three offices ticked by keyboard on a listing are side by side on the compare page', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url + 'services/b-type/');
  const names = [];
  for (let i = 0; i < 3; i++) {
    const f = await tabUntil(page, (x) => /compare-toggle/.test(x.cls) && x.pressed === 'false');
    await page.keyboard.press('Space');
    assert.equal((await focused(page)).pressed, 'true', 'Space presses the toggle');
    names.push(f.text.replace(/^くらべる：/, ''));
  }
  const status = page.locator('.compare-tray [role="status"]');
  assert.match(await status.textContent(), /3か所を えらんでいます/);
  for (const n of names) assert.ok((await status.textContent()).includes(n), `the live region names ${n}`);
  // Back up to the tray's link and follow it.
  await tabUntil(page, (x) => /compare-tray-link/.test(x.cls), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/compare\/\?ids=/);
  const header = await page.locator('.compare-side thead th').allTextContents();
  assert.equal(header.length, 4, `項目 and three offices: ${header}`);
  for (const n of names) assert.ok(header.some((h) => h.includes(n)), `${n} is a column of the table`);
  const rows = await page.locator('.compare-side tbody th[scope="row"]').allTextContents();
  for (const label of ['サービス', '定員', '工賃・賃金', '送迎', '昼食', '土曜日', '見学・体験', '対象', '行きかた']) {
    assert.ok(rows.includes(label), `a row for ${label}`);
  }
  assert.match(await page.locator('#compare-count').textContent(), /3か所/);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));

  // The shared link shows the same offices in a browser that chose nothing.
  const url = page.url();
  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p2 = await other.newPage();
  await p2.goto(url);
  assert.equal(await p2.locator('.compare-side thead th').count(), 4);
  assert.deepEqual(await overflowProblems(p2), [], 'nothing scrolls sideways at 390 px but the table in its box');
  await p2.locator('.compare-side').scrollIntoViewIfNeeded();
  await p2.screenshot({ path: join(shots, 'compare-390.png'), fullPage: false });
  const v2 = await runAxe(p2);
  assert.deepEqual(v2, [], formatViolations(v2));

  // Removing one by keyboard: focus goes to the section's heading and the table has two.
  await page.locator('.compare-remove').first().focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.compare-side thead th').count(), 3);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'compare-picked-h');
  await other.close();
  await context.close();
});

test('a fifth office is refused with a message, and the furigana compare page works too', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url + 'furigana/compare/');
  const toggles = page.locator('.compare-table .compare-toggle');
  const n = await toggles.count();
  assert.ok(n >= 5, `at least five rows to tick (${n})`);
  const ids = new Set();
  for (let i = 0; ids.size < 5 && i < n; i++) {
    const id = await toggles.nth(i).getAttribute('data-compare-for');
    if (ids.has(id)) continue;
    ids.add(id);
    await toggles.nth(i).click();
  }
  assert.equal(await page.locator('.compare-side thead th').count(), 5, '項目 and four offices');
  assert.match(await page.locator('#compare-count').textContent(), /4か所まで です/);
  assert.ok(await page.locator('.compare-side ruby').count() > 0, 'the furigana edition keeps its ruby');
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  await context.close();
});

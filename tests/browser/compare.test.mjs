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
  // The message as read, without its readings: in this edition it has ruby (say.js).
  const message = await page.locator('#compare-count').evaluate((el) => {
    const copy = el.cloneNode(true);
    for (const reading of copy.querySelectorAll('rt, rp')) reading.remove();
    return copy.textContent;
  });
  assert.match(message, /4か所まで です/);
  assert.ok(await page.locator('#compare-count ruby').count() > 0, 'the message has ruby');
  assert.ok(await page.locator('.compare-side ruby').count() > 0, 'the furigana edition keeps its ruby');
  // The row headers too (copied as text, they read 定員(ていいん)).
  const heads = page.locator('.compare-side tbody th[scope="row"]');
  assert.ok(await heads.locator('ruby').count() > 0, 'the row headers keep their ruby');
  for (const text of await heads.allInnerTexts()) assert.doesNotMatch(text, /\(/, `a row header as text: ${text}`);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  await context.close();
});

// The tray names the chosen offices on every page, also where they are not listed: their names
// are kept as the page showed them, with their ruby, which only the furigana edition shows.
test('an office chosen on one listing is named on a page that does not list it, with ruby in the furigana edition', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const withoutReadings = (el) => {
    const copy = el.cloneNode(true);
    for (const reading of copy.querySelectorAll('rt, rp')) reading.remove();
    return copy.textContent;
  };
  await page.goto(server.url + 'furigana/services/b-type/');
  const card = page.locator('.cards > li:has(.card-title ruby)').first();
  const id = await card.getAttribute('data-compare-id');
  const name = await card.locator('.card-title').evaluate(withoutReadings);
  await card.locator('.compare-toggle').click();

  // A listing without that office.
  let elsewhere = null;
  for (const path of ['services/a-type/', 'services/transition/', 'services/retention/']) {
    await page.goto(server.url + 'furigana/' + path);
    if ((await page.locator(`[data-compare-id="${id}"]`).count()) === 0) {
      elsewhere = path;
      break;
    }
  }
  assert.ok(elsewhere, `a listing without ${id}`);
  const status = page.locator('.compare-tray [role="status"]');
  const said = await status.evaluate(withoutReadings);
  assert.ok(said.includes(`：${name}`), `the tray names ${name}, not its id: ${said}`);
  assert.ok(!said.includes(id), `no id in: ${said}`);
  const rubyText = await status.locator('ruby').evaluateAll((rubies) => rubies.map((r) => {
    const copy = r.cloneNode(true);
    for (const reading of copy.querySelectorAll('rt, rp')) reading.remove();
    return copy.textContent;
  }));
  assert.ok(rubyText.some((base) => name.includes(base) && !/^(件|か所|事業所)$/.test(base)),
    `the name keeps its ruby: ${rubyText}`);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));

  // The plain edition names it too, without ruby.
  await page.goto(server.url + elsewhere);
  assert.ok((await status.textContent()).includes(`：${name}`), 'the plain edition names it');
  assert.equal(await status.locator('ruby').count(), 0, 'and has no ruby');
  await context.close();
});

test('nearby first: a listing sorted by an emulated position, by keyboard, and by a chosen area; axe-core; 390 px', async () => {
  // Right at カフェはまちょう (its geo in content/entries/cafe-hamacho.md).
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    geolocation: { latitude: 35.6071, longitude: 139.9532 },
    permissions: ['geolocation'],
  });
  const outside = [];
  context.on('request', (r) => { if (!r.url().startsWith(server.origin)) outside.push(r.url()); });
  const page = await context.newPage();
  await page.goto(server.url + 'services/b-type/');
  const before = await page.locator('.cards > li .card-title').allTextContents();
  assert.ok(await page.locator('#sort-form').isVisible(), 'the sort choices are shown');
  // By keyboard: Tab to the checked radio (50音順), ArrowDown to いまいる場所から.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.name === 'sort')) break;
  }
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('.card-distance'));
  const titles = await page.locator('.cards > li .card-title').allTextContents();
  assert.equal(titles[0].trim(), 'カフェはまちょう', `nearest first: ${titles.slice(0, 3)}`);
  assert.match(await page.locator('.sort-status').textContent(), /近い順/);
  assert.match(await page.locator('p.count').textContent(), /近い順/);
  const km = (await page.locator('.card-distance').allTextContents()).map((t) => Number(/約([\d.]+)km/.exec(t)[1]));
  assert.deepEqual(km, [...km].sort((a, b) => a - b), 'distances grow down the list');
  let violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  await page.locator('#sort-form').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'nearby-390.png') });
  assert.deepEqual(await overflowProblems(page), []);

  // From a chosen area, then back to 50音順.
  await page.locator('input[name="sort"][value="area"]').check();
  await page.locator('#sort-area').selectOption({ index: 0 });
  assert.match(await page.locator('.sort-status').textContent(), /まんなかから 近い順/);
  await page.locator('input[name="sort"][value="kana"]').check();
  assert.deepEqual(await page.locator('.cards > li .card-title').allTextContents(), before, '50音順 again');
  assert.equal(await page.locator('.card-distance').count(), 0);
  violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  assert.deepEqual(outside, [], 'no request leaves the site');
  await context.close();
});

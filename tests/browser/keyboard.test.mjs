// Keyboard only: the skip link, visible focus on every stop, no focus trap (Tab runs through the
// whole page, footer included, and wraps), and the journeys a family makes: home → search → a
// result → the phone link, and home → a service → an entry → the phone link.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { basePath, buildSite, focusState, launch, repo, serve, sitePages, tabbables } from './lib.mjs';

let site, server, browser, context, samples;

before(async () => {
  site = buildSite();
  server = await serve(site.dir, basePath());
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // One page of each type.
  samples = [...new Map(sitePages(site.dir).map((p) => [p.type, p])).values()];
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

function assertVisible(f, where) {
  assert.ok(f.visible, `${where}: focus is invisible on ${f.element} (outline ${f.outline}, box-shadow ${f.boxShadow})`);
  assert.ok(f.inView, `${where}: the focused ${f.element} is scrolled out of view`);
}

/** Tabs until `wanted(focus)`; every stop on the way must show its focus. */
async function tabTo(page, wanted, what, max = 150) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusState(page);
    if (f.tag !== 'body') assertVisible(f, page.url());
    if (wanted(f)) return f;
  }
  throw new Error(`Tab never reached ${what} in ${max} presses on ${page.url()}`);
}

test('the skip link is the first Tab stop and Enter moves focus to the main content', async () => {
  const page = await context.newPage();
  // The print edition is one document without the site's header and menus (no blocks repeated
  // on other pages to bypass, WCAG 2.4.1), so it needs no skip link.
  for (const p of samples.filter((s) => s.type !== '印刷版')) {
    await page.goto(server.url + p.path);
    await page.keyboard.press('Tab');
    const first = await focusState(page);
    assert.ok(first.skip, `${p.path}: the first Tab focuses the skip link, not ${first.element}`);
    assertVisible(first, p.path);
    assert.ok(first.width >= 44 && first.height >= 44, `${p.path}: the skip link is ${first.width}×${first.height}px, under 44×44`);
    await page.keyboard.press('Enter');
    const now = await page.evaluate(() => document.activeElement?.id);
    assert.equal(now, 'main', `${p.path}: Enter on the skip link focuses <main id="main">`);
    // The next Tab goes on inside the main content, not back to the header.
    await page.keyboard.press('Tab');
    const next = await focusState(page);
    if (next.tag !== 'body') assert.ok(next.inMain || next.inFooter, `${p.path}: Tab after the skip link goes on from main, not to ${next.element}`);
  }
  await page.close();
});

test('Tab reaches every control in page order with visible focus, runs to the end and wraps (no trap)', async (t) => {
  const page = await context.newPage();
  for (const p of samples) {
    await page.goto(server.url + p.path);
    const expected = await tabbables(page);
    const stops = [];
    let f;
    for (let i = 0; i < expected.length; i++) {
      await page.keyboard.press('Tab');
      f = await focusState(page);
      if (f.tag === 'body') break; // left the page early
      assertVisible(f, p.path);
      stops.push(f.key);
    }
    assert.deepEqual(stops, expected, `${p.path}: Tab visits every control once, in page order, to the end`);
    // Wrapping: past the end (the browser's own controls; headless, the body), Tab comes back.
    for (let i = 0; i < 3 && (i === 0 || f.key !== expected[0]); i++) {
      await page.keyboard.press('Tab');
      f = await focusState(page);
    }
    assert.equal(f.key, expected[0], `${p.path}: Tab wraps round to the first control`);
    t.diagnostic(`${p.type} (${p.path}): ${stops.length} Tab stops`);
  }
  await page.close();
});

test('the focus check can fail: an element without a focus style is caught', async () => {
  const fixtureServer = await serve(join(repo, 'tests', 'fixtures', 'broken-a11y'), '/');
  const page = await context.newPage();
  try {
    await page.goto(fixtureServer.url);
    await page.keyboard.press('Tab');
    const f = await focusState(page);
    assert.equal(f.tag, 'button');
    assert.equal(f.visible, false, 'the fixture button has no visible focus, and the check says so');
  } finally {
    await page.close();
    await fixtureServer.close();
  }
});

/** From an entry page, Tab reaches the phone link (tel:). */
async function reachPhone(page) {
  const phone = await tabTo(page, (f) => f.href?.startsWith('tel:'), 'a phone link (tel:)');
  assert.match(phone.href, /^tel:\+?[0-9]+$/, 'the phone link dials digits only');
  assert.match(phone.text, /[0-9]/, 'the phone link shows the number');
  return phone;
}

test('journey: home → a service listing → an entry → the phone link, by keyboard only', async () => {
  const page = await context.newPage();
  await page.goto(server.url);
  await tabTo(page, (f) => f.inMain && f.href?.endsWith('services/b-type/'), 'the B型 tile on home');
  await Promise.all([page.waitForURL(/services\/b-type\/$/), page.keyboard.press('Enter')]);
  await tabTo(page, (f) => f.inMain && /entries\/[^/]+\/$/.test(f.href || ''), 'the first entry card');
  await Promise.all([page.waitForURL(/entries\/[^/]+\/$/), page.keyboard.press('Enter')]);
  await reachPhone(page);
  await page.close();
});

test('journey: home → search → type a query → open a result → the phone link, by keyboard only', async (t) => {
  assert.ok(existsSync(join(site.dir, 'search', 'index.html')), 'search/index.html is built');
  assert.ok(existsSync(join(site.dir, 'search', 'manifest.json')), 'search/manifest.json is built');
  const page = await context.newPage();
  await page.goto(server.url);
  await tabTo(page, (f) => !f.inMain && f.href?.endsWith('search/'), 'the さがす link in the site menu');
  await Promise.all([page.waitForURL(/search\/$/), page.keyboard.press('Enter')]);
  await tabTo(page, (f) => f.tag === 'input' && ['search', 'text', null].includes(f.type), 'the search box');
  await page.keyboard.type('パン');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('main a[href*="entries/"]'), null, { timeout: 15000 });
  const result = await tabTo(page, (f) => f.inMain && /entries\/[^/]+\/$/.test(f.href || ''), 'a search result');
  t.diagnostic(`opened the result 「${result.text}」`);
  await Promise.all([page.waitForURL(/entries\/[^/]+\/$/), page.keyboard.press('Enter')]);
  await reachPhone(page);
  await page.close();
});

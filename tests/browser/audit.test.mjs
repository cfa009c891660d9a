// axe-core (WCAG 2.x A and AA rules) in Chromium and the Nu HTML Checker on every page of the
// example site, grouped by page type; both checkers proven able to fail on a broken page; and the
// アクセシビリティ方針 page's stated results compared with this run.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  AXE_TAGS, axeVersion, basePath, buildSite, formatViolations, launch, repo, runAxe, runVnu,
  serve, sitePages, vnuVersion,
} from './lib.mjs';

const PARALLEL = 2;
const fixture = join(repo, 'tests', 'fixtures', 'broken-a11y');
let site, server, browser, context, pages, vnu;
/** page type → { pages, axe: violations found, vnu: errors found } */
const results = new Map();
const result = (type) => {
  if (!results.has(type)) results.set(type, { pages: 0, axe: 0, vnu: 0 });
  return results.get(type);
};

before(async () => {
  site = buildSite();
  server = await serve(site.dir, basePath());
  browser = await launch();
  pages = sitePages(site.dir);
  // The HTML checker runs in the background (its own JVM) while Chromium works.
  vnu = runVnu([...pages.map((p) => join(site.dir, p.file)), join(fixture, 'index.html')]);
  vnu.catch(() => {}); // reported by the test that awaits it
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await vnu?.catch(() => {});
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

test('axe-core finds no WCAG 2.x A/AA violation on any page, no request leaves the site, and every page keeps its Content-Security-Policy', async (t) => {
  t.diagnostic(`axe-core ${axeVersion}, tags ${AXE_TAGS.join(' ')}, Chromium ${browser.version()}`);
  const outside = new Set();
  context.on('request', (r) => {
    if (!r.url().startsWith(server.origin) && !r.url().startsWith('data:')) outside.add(r.url());
  });
  const failures = [];
  /** Pages without the policy, and everything the policy refused while they loaded. */
  const refused = [];
  const queue = [...pages];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    const page = await context.newPage();
    let current = null;
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(`${current}: ${m.text()}`);
    });
    for (let p; (p = queue.shift());) {
      current = p.path;
      await page.goto(server.url + p.path, { waitUntil: 'load' });
      const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
      if (!/script-src '(self|none)'/.test(csp) || /unsafe/.test(csp)) refused.push(`${p.path}: no strict Content-Security-Policy (${csp})`);
      const violations = await runAxe(page);
      const r = result(p.type);
      r.pages += 1;
      r.axe += violations.length;
      if (violations.length) failures.push(`${p.path} (${p.type}):\n${formatViolations(violations)}`);
    }
    await page.close();
  }));
  context.removeAllListeners('request');
  for (const [type, r] of results) t.diagnostic(`${type}: ${r.pages} pages, ${r.axe} violations`);
  t.diagnostic(`${pages.length} pages of ${results.size} page types`);
  assert.ok(results.size >= 12, `at least 12 page types (found ${[...results.keys()].join(', ')})`);
  assert.deepEqual(failures, [], `axe-core violations:\n${failures.join('\n')}`);
  assert.deepEqual([...outside], [], 'requests outside the site');
  assert.deepEqual(refused, [], 'every page has a strict Content-Security-Policy and keeps to it');
});

test('the search page showing results passes axe-core', async (t) => {
  // Every build writes the search page and its index: their absence is a failure, not a skip.
  assert.ok(existsSync(join(site.dir, 'search', 'index.html')), 'search/index.html is built');
  assert.ok(existsSync(join(site.dir, 'search', 'manifest.json')), 'search/manifest.json is built');
  const page = await context.newPage();
  const refused = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
  await page.goto(server.url + 'search/');
  await page.fill('main input[type=search]', 'パン');
  await page.press('main input[type=search]', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('main a[href*="entries/"]').length > 0, null, { timeout: 15000 });
  const shown = await page.evaluate(() => document.querySelectorAll('main a[href*="entries/"]').length);
  t.diagnostic(`「パン」: ${shown} results shown`);
  const violations = await runAxe(page);
  result('検索').axe += violations.length;
  assert.deepEqual(violations, [], formatViolations(violations));
  assert.deepEqual(refused, [], 'search keeps to the Content-Security-Policy');
  await page.close();
});

test('a missing address answers with the 404 page, styled, and it passes axe-core', async () => {
  const page = await context.newPage();
  const response = await page.goto(server.url + 'no/such/page/');
  assert.equal(response.status(), 404);
  // 404.html links from the base URL's path, so the style sheet must load at a nested address.
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.skip-link')).position);
  assert.equal(styled, 'absolute', 'the 404 page at a nested address has its style sheet');
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  await page.close();
});

test('in a dark colour scheme, text contrast still passes', async () => {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  const failures = [];
  const samples = [...new Map(pages.map((p) => [p.type, p])).values()];
  for (const p of samples) {
    await page.goto(server.url + p.path);
    const v = await runAxe(page, ['color-contrast', 'link-in-text-block']);
    if (v.length) failures.push(`${p.path}:\n${formatViolations(v)}`);
  }
  await page.close();
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the Nu HTML Checker finds no error on any page', async (t) => {
  t.diagnostic(`Nu HTML Checker (vnu-jar ${vnuVersion})`);
  const messages = (await vnu).filter((m) => !m.url.endsWith('/broken-a11y/index.html'));
  const byFile = new Map(pages.map((p) => [join(site.dir, p.file), p]));
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  for (const m of errors) {
    const p = byFile.get(decodeURIComponent(new URL(m.url).pathname));
    result(p?.type ?? 'そのほかのページ').vnu += 1;
  }
  const lines = errors.map((m) => `${m.url.replace('file:' + site.dir + '/', '')}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(lines, [], `vnu errors:\n${lines.join('\n')}`);
});

test('the checkers can fail: the broken fixture page has violations', async () => {
  const fixtureServer = await serve(fixture, '/');
  try {
    const page = await context.newPage();
    await page.goto(fixtureServer.url);
    const ids = (await runAxe(page)).map((v) => v.id);
    assert.ok(ids.includes('image-alt'), `axe finds the image without alt (found: ${ids})`);
    assert.ok(ids.includes('color-contrast'), `axe finds the low-contrast text (found: ${ids})`);
    await page.close();
  } finally {
    await fixtureServer.close();
  }
  const errors = (await vnu).filter((m) => m.url.endsWith('/broken-a11y/index.html') && m.type === 'error');
  assert.ok(errors.some((m) => /\balt\b/.test(m.message)), `vnu finds the image without alt: ${JSON.stringify(errors)}`);
});

test('the アクセシビリティ方針 page states what this run found', async () => {
  const policy = pages.find((p) => p.path === 'pages/accessibility/');
  assert.ok(policy, 'content/pages/accessibility.md is built to pages/accessibility/');
  // This test must come after the checks above: it compares their results with the page.
  assert.ok(results.size > 0, 'the axe-core run happened first');
  const page = await context.newPage();
  await page.goto(server.url + policy.path);
  const stated = await page.evaluate(() => {
    const table = [...document.querySelectorAll('main table')]
      .find((t) => t.querySelector('th')?.textContent.includes('ページの種類'));
    const rows = table ? [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim())) : [];
    return { rows, text: document.querySelector('main').textContent };
  });
  await page.close();
  const fix = 'content/pages/accessibility.md の「結果」を、このテストの結果に合わせて直してください';
  assert.ok(stated.rows.length > 0, `the page has a results table. ${fix}`);
  const typesInRun = [...results.keys()];
  const count = Number(/(\d+)種類のページ/.exec(stated.text)?.[1]);
  assert.equal(count, typesInRun.length, `the page says ${count} page types were tested; this run tested ${typesInRun.length}. ${fix}`);
  assert.ok(stated.text.includes(`axe-core ${axeVersion}`), `the page names axe-core ${axeVersion}. ${fix}`);
  assert.ok(stated.text.includes(`Nu HTML Checker ${vnuVersion}`), `the page names Nu HTML Checker ${vnuVersion}. ${fix}`);
  const rows = new Map(stated.rows.map(([type, axe, vnu]) => [type, { axe, vnu }]));
  for (const type of typesInRun) {
    const row = rows.get(type);
    const r = results.get(type);
    assert.ok(row, `page type 「${type}」 was tested but is not in the table. ${fix}`);
    const found = (n, what) => (n > 0
      ? `「${type}」: ${what} found ${n} problems (see the failures above); fix the pages, not the statement`
      : `「${type}」: ${what} found nothing. ${fix}`);
    assert.equal(row.axe, `${r.axe}件`, found(r.axe, 'axe-core'));
    assert.equal(row.vnu, `${r.vnu}件`, found(r.vnu, 'the Nu HTML Checker'));
  }
  for (const [type, row] of rows) {
    if (!results.has(type)) {
      assert.equal(row.axe, 'まだありません', `「${type}」 was not in this run, so the page must not state a result. ${fix}`);
    }
  }
});

// The form instead of YAML: `shirube cms --test-backend` writes Decap CMS's admin page for the
// base fixture; Decap's script comes from the npm package decap-cms (package-lock.json), copied
// next to it as the deploy workflow does. In Chromium at 390 px, a provider creates an office
// through the form — a phone number in the wrong shape is refused with the Japanese message
// first — and the file the CMS wrote (read from its in-memory test backend) is laid into a copy
// of the base fixture, where `shirube check` must accept it; the same for an event. No request
// may leave the site.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, repo, serve, shirubeBinary } from './lib.mjs';

const require = createRequire(import.meta.url);
const base = join(repo, 'tests', 'fixtures', 'base');
const shots = process.env.A11Y_SCREENSHOTS || join(tmpdir(), 'shirube-a11y-screenshots');
/** The date the base fixture's checks assume (as in tests/check_fixtures.rs). */
const TODAY = '2026-11-01';

let work, server, browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'shirube-cms-'));
  const admin = join(work, 'admin');
  const made = spawnSync(shirubeBinary(), ['cms', base, '--test-backend', '-o', admin], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  // What the deploy workflow does: Decap's dist (its script, chunks and styles), no source maps.
  const dist = join(dirname(require.resolve('decap-cms/package.json')), 'dist');
  for (const file of readdirSync(dist)) {
    if (!file.endsWith('.map')) cpSync(join(dist, file), join(admin, file));
  }
  server = await serve(work, '/');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('an office made with the form passes shirube check', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin + '/')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error?.message ?? error)));
  try {
    await page.goto(server.origin + '/admin/');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.goto(server.origin + '/admin/#/collections/office/new');

    const field = (label) => page.getByLabel(label, { exact: true });
    const choose = async (label, option) => {
      await field(label).click();
      await page.getByText(option, { exact: true }).last().click();
    };
    await field('ID').fill('komugi-kobo');
    await field('名前').fill('こむぎ工房');
    await field('名前のよみがな').fill('こむぎこうぼう');
    await choose('地区', '北部');
    await field('市区町村').fill('こもれび市');
    await field('町名・番地').fill('北町1-2-3');
    await field('確かめた日').fill('2026-10-15');
    await page.getByRole('button', { name: /サービス/ }).filter({ hasText: '追加' }).click();
    await choose('サービスの種類', '就労継続支援B型');
    await field('定員 (任意)').fill('20');

    // Lists to pick from and an optional group: 対象 and 送迎.
    await choose('対象となる障害 (任意)', '知的障害');
    await page.locator('[id^="transport-field"] [data-testid="expand-button"]').first().click();
    await field('送迎がある (任意)').check();
    await field('送迎についてのメモ (任意)').fill('こもれび駅まで');

    // A phone number without hyphens is refused, and the form says how to write it.
    await field('電話番号 (任意)').fill('0299012345');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('半角数字をハイフンで区切って', { exact: false }).first().waitFor();
    assert.equal(await stored(page), null, 'nothing is saved while a field is wrong');
    // Decap rejects the refused save with `undefined` (an unhandled rejection of its own); only
    // errors after it count.
    errors.length = 0;

    await field('電話番号 (任意)').clear();
    await field('電話番号 (任意)').fill('0299-01-2345');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForFunction(() => Object.keys(window.repoFilesUnpublished || {}).length > 0);
    const file = await stored(page);
    assert.ok(file, 'the test backend holds the new file');
    assert.equal(file.path, 'content/entries/komugi-kobo.md');
    assert.match(file.content, /^kind: office$/m);
    assert.match(file.content, /^ {2}- type: b-type$/m, 'the canonical id, not the label');
    assert.match(file.content, /^accepts:\n {2}- intellectual$/m);
    assert.match(file.content, /^transport:\n {2}available: true$/m, 'a boolean, not text');

    // The form fits a phone: nothing scrolls sideways.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the form is ${width} px wide at 390 px`);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'cms-office-390.png') });

    // shirube check accepts what the form wrote, laid into a copy of the base fixture.
    const site = join(work, 'site');
    cpSync(base, site, { recursive: true });
    writeFileSync(join(site, file.path), file.content);
    const check = spawnSync(shirubeBinary(), ['check', site], {
      encoding: 'utf8',
      env: { ...process.env, SHIRUBE_TODAY: TODAY, SHIRUBE_LANG: '' },
    });
    assert.equal(check.status, 0, `shirube check refused the form's file:\n${file.content}\n${check.stdout}${check.stderr}`);

    assert.deepEqual(outside, [], 'no request leaves the site');
    assert.deepEqual(errors, [], 'no script error');
  } catch (error) {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'cms-failure.png') }).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('an event made with the form passes shirube check', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin + '/')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  try {
    await page.goto(server.origin + '/admin/');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.goto(server.origin + '/admin/#/collections/events/new');
    const field = (label) => page.getByLabel(label, { exact: true });
    await field('ID').fill('komugi-marche');
    await field('催しの名前').fill('こむぎマルシェ');
    await field('名前のよみがな').fill('こむぎまるしぇ');
    await field('催しの種類').click();
    await page.getByText('マルシェ・販売会', { exact: true }).last().click();
    await field('日').fill('2026-12-05');
    await field('場所の名前').fill('こもれび駅前広場');
    await field('場所の住所 (任意)').fill('こもれび市栄町1-1');
    await field('主催者の名前').fill('こむぎ工房');
    await field('電話番号 (任意)').fill('0299-01-2345');
    await field('参加のしかた').fill('申し込みはいりません。');
    await field('参加費（円）').fill('0');
    await field('書いた日').fill('2026-10-20');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForFunction(() => Object.keys(window.repoFilesUnpublished || {}).length > 0);
    const file = await stored(page);
    assert.equal(file?.path, 'content/events/komugi-marche.md');
    assert.match(file.content, /^type: market$/m);

    const site = join(work, 'event-site');
    cpSync(base, site, { recursive: true });
    writeFileSync(join(site, file.path), file.content);
    const check = spawnSync(shirubeBinary(), ['check', site], {
      encoding: 'utf8',
      env: { ...process.env, SHIRUBE_TODAY: TODAY, SHIRUBE_LANG: '' },
    });
    assert.equal(check.status, 0, `shirube check refused the form's file:\n${file.content}\n${check.stdout}${check.stderr}`);
    assert.deepEqual(outside, [], 'no request leaves the site');
  } catch (error) {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'cms-event-failure.png') }).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

/** The one file the form saved (Decap's editorial workflow keeps it as a draft), or null. */
async function stored(page) {
  return page.evaluate(() => {
    const drafts = Object.values(window.repoFilesUnpublished || {});
    const diff = drafts.flatMap((d) => d.diffs || [])[0];
    return diff ? { path: diff.path, content: diff.content } : null;
  });
}

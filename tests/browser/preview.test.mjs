// `shirube serve` as a provider uses it: a save that breaks the entry shows its problems over the
// open page (in the provider's words, where they are), announced and reachable by keyboard and
// free of axe-core violations; the fix reloads the page with the change and the panel gone.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { axePath, formatViolations, launch, repo, runAxe, shirubeBinary } from './lib.mjs';

let tmp, site, child, origin, browser;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'shirube-preview-'));
  site = join(tmp, 'site');
  cpSync(join(repo, 'tests', 'fixtures', 'base'), site, { recursive: true });
  child = spawn(shirubeBinary(), ['serve', '--port', '0', site], {
    env: { ...process.env, SHIRUBE_LANG: '', SHIRUBE_TODAY: '2026-11-01' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  origin = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`shirube serve exited (${code})`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  child?.kill();
  rmSync(tmp, { recursive: true, force: true });
});

test('a broken save shows its problems over the page; the fix reloads it', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const outside = [];
  context.on('request', (r) => { if (!r.url().startsWith(origin)) outside.push(r.url()); });
  const page = await context.newPage();
  const refused = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
  await page.goto(`${origin}/entries/midori/`);
  const entry = join(site, 'content', 'entries', 'midori.md');
  const good = readFileSync(entry, 'utf8');

  writeFileSync(entry, good.replace('kana: ', 'kana：'));
  const panel = page.getByRole('alertdialog');
  await panel.waitFor({ timeout: 30_000 });
  const text = await panel.innerText();
  assert.match(text, /ファイルに問題があります（1件）/);
  assert.match(text, /content\/entries\/midori\.md:4:5/);
  assert.match(text, /「kana」のあとのコロンが 全角の「：」です/);
  assert.match(text, /直しかた: 半角の「:」とスペースにしてください/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'shirube-problems',
    'the panel takes focus, so a screen reader reads it');
  // The preview does not serve axe-core: it goes in through the DevTools protocol, which the
  // page's Content-Security-Policy does not govern.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  const shots = process.env.A11Y_SCREENSHOTS || join(tmpdir(), 'shirube-a11y-screenshots');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'preview-problems-390.png') });

  // The close button hides it by keyboard; it stays hidden while the problems are the same.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '閉じる');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  assert.equal(await panel.count(), 0, 'closed, and not shown again for the same problems');

  // Fixed, with a change: the page reloads by itself and shows it.
  const reloaded = page.waitForEvent('load', { timeout: 30_000 });
  writeFileSync(entry, good.replace('summary: ', 'summary: 直しました。'));
  await reloaded;
  await page.getByText('直しました。').first().waitFor({ timeout: 10_000 });
  assert.equal(await panel.count(), 0);
  assert.deepEqual(outside, [], 'no request leaves the preview');
  assert.deepEqual(refused, [], 'the preview keeps to the pages\' Content-Security-Policy');
  await context.close();
});

// The furigana edition's search results have the ruby its pages have (src/search/ruby.rs): the
// names, services, areas, facts and summaries the script draws are the plain edition's texts with
// <ruby> over them, a word found by its reading is marked, and the page passes axe-core with its
// ruby laid out whole at 390 px. What the scripts write themselves (the status line, the compare
// tray, the nearby sort) has ruby over their words there too (say.js), and none in the plain
// edition.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  basePath,
  buildSite,
  formatViolations,
  launch,
  rubyAcrossLines,
  rubyInFlexItems,
  runAxe,
  serve,
} from './lib.mjs';

let site, server, browser;

before(async () => {
  site = buildSite();
  server = await serve(site.dir, basePath());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

/** The results of `query` in an edition: each card's texts without readings, and its ruby. */
async function results(page, edition, query) {
  await page.goto(`${server.url}${edition}search/?q=${encodeURIComponent(query)}`);
  await page.locator('#search-results .search-result').first().waitFor();
  return page.locator('#search-results .search-result').evaluateAll((items) =>
    items.map((item) => {
      const bare = (el) => {
        if (!el) return '';
        const copy = el.cloneNode(true);
        for (const hidden of copy.querySelectorAll('rt, rp')) hidden.remove();
        return copy.textContent;
      };
      const part = (selector) => bare(item.querySelector(selector));
      return {
        title: part('.search-result-title'),
        meta: part('.search-result-meta'),
        facts: [...item.querySelectorAll('.search-result-facts li')].map(bare),
        snippet: part('.search-result-snippet'),
        rubies: [...item.querySelectorAll('ruby')].map((r) => [bare(r), r.querySelector('rt')?.textContent]),
        marked: [...item.querySelectorAll('mark')].map(bare),
        compareName: item.dataset.compareName ?? null,
      };
    }),
  );
}

test('results in the furigana edition carry ruby over the plain edition\'s texts', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const query of ['こうぼう', 'パン', '送迎']) {
    const plain = await results(page, '', query);
    const furigana = await results(page, 'furigana/', query);
    assert.ok(plain.length > 0, `「${query}」 finds something`);
    const strip = ({ rubies, marked, ...texts }) => texts;
    assert.deepEqual(furigana.map(strip), plain.map(strip), `the same results and texts for 「${query}」`);
    assert.ok(plain.every((r) => r.rubies.length === 0), 'the plain edition has no ruby');
    const rubies = furigana.flatMap((r) => r.rubies);
    assert.ok(rubies.length >= furigana.length, `the results of 「${query}」 have ruby (${rubies.length})`);
    assert.ok(rubies.every(([base, rt]) => base && rt && /^[\p{Script=Hiragana}ー]+$/u.test(rt)), JSON.stringify(rubies));
    // the service labels are read as on the pages
    if (furigana.some((r) => r.meta.includes('就労継続支援'))) {
      assert.ok(rubies.some(([base, rt]) => base === '就労' && rt === 'しゅうろう'), 'just the label read');
    }
  }
  await context.close();
});

test('a word found by its reading is marked with its ruby', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const found = await results(page, 'furigana/', 'こうぼう');
  assert.ok(
    found.some((r) => r.marked.includes('工房')),
    `工房 is marked for こうぼう: ${JSON.stringify(found.map((r) => r.marked))}`,
  );
  await page.locator('#search-results mark ruby').first().waitFor();
  assert.deepEqual(await rubyInFlexItems(page), []);
  assert.deepEqual(await rubyAcrossLines(page), []);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], formatViolations(violations));
  await context.close();
});

/** An element's text without readings, and its ruby as [base, reading]. */
function read(locator) {
  return locator.evaluate((el) => {
    const copy = el.cloneNode(true);
    for (const hidden of copy.querySelectorAll('rt, rp')) hidden.remove();
    const rubies = [...el.querySelectorAll('ruby')].map((r) => {
      const base = r.cloneNode(true);
      for (const hidden of base.querySelectorAll('rt, rp')) hidden.remove();
      return [base.textContent, r.querySelector('rt')?.textContent];
    });
    return { text: copy.textContent, rubies };
  });
}

test('the status line and the compare tray are written with ruby in the furigana edition', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const said = {};
  for (const edition of ['', 'furigana/']) {
    await page.goto(`${server.url}${edition}search/?q=${encodeURIComponent('パン')}`);
    const status = page.locator('#search-status');
    await status.filter({ hasText: /件/ }).waitFor();
    const tray = page.locator('.compare-tray-status');
    await tray.waitFor();
    said[edition] = { status: await read(status), tray: await read(tray) };
  }
  const [plain, furigana] = [said[''], said['furigana/']];
  assert.equal(furigana.status.text, plain.status.text, 'the same words');
  assert.equal(furigana.tray.text, plain.tray.text, 'the same words');
  assert.match(plain.status.text, /^「パン」で \d+件 見つかりました。$/);
  assert.deepEqual([...plain.status.rubies, ...plain.tray.rubies], [], 'no ruby in the plain edition');
  assert.ok(furigana.status.rubies.some(([b, r]) => b === '件' && r === 'けん'), JSON.stringify(furigana.status.rubies));
  assert.ok(furigana.tray.rubies.some(([b, r]) => b === '事業所' && r === 'じぎょうしょ'), JSON.stringify(furigana.tray.rubies));
  // what the visitor typed is written as typed
  assert.ok(furigana.status.rubies.every(([b]) => b !== 'パン'));
  await context.close();
});

test('the nearby sort keeps the ruby of the count in the furigana edition', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.url}furigana/services/b-type/`);
  const count = page.locator('p.count');
  const before = await read(count);
  assert.ok(before.rubies.length > 0, 'the count has ruby');
  await page.locator('input[name="sort"][value="area"]').check();
  await page.locator('#sort-area').selectOption({ index: 0 });
  const near = await read(count);
  assert.match(near.text, /まんなかから 近い順/);
  assert.doesNotMatch(near.text, /\(|（.*（/, 'no reading shown as text');
  assert.ok(near.rubies.some(([b]) => b === '順'), JSON.stringify(near.rubies));
  const status = await read(page.locator('.sort-status'));
  assert.match(status.text, /近い順に ならべました/);
  assert.ok(status.rubies.length > 0, 'the status has ruby');
  await page.locator('input[name="sort"][value="kana"]').check();
  assert.deepEqual(await read(count), before, 'the count as the page had it');
  await context.close();
});

// Helping a family understand: a glossary term's definition reached by keyboard in the running
// text and exposed to the accessibility tree (a button with aria-expanded controlling a note),
// in both editions; axe-core with a definition open.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { basePath, buildSite, formatViolations, launch, repo, runAxe, serve } from './lib.mjs';

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

/** The accessibility tree's node of the focused element, through the DevTools protocol. */
async function focusedAx(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes;
}

for (const edition of ['', 'furigana/']) {
  test(`a glossary term opens its definition by keyboard (${edition || 'plain'})`, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.url + edition + 'entries/komugi/');
    assert.equal(await page.locator('a.term-link:not([role="button"])').count(), 0, 'every term link acts as a button');
    const first = page.locator('.term-button').first();
    assert.ok(await first.count(), 'the page has a term button');
    let found = null;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('term-button'))) {
        found = await page.evaluate(() => ({
          id: document.activeElement.getAttribute('aria-controls'),
          expanded: document.activeElement.getAttribute('aria-expanded'),
        }));
      }
    }
    assert.ok(found, 'Tab reaches a term');
    assert.equal(found.expanded, 'false');
    const tip = page.locator(`#${found.id}`);
    assert.equal(await tip.isVisible(), false, 'closed until asked');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');
    assert.ok(await tip.isVisible(), 'Enter shows the definition');
    const text = await tip.locator('.term-tip-text').textContent();
    assert.ok(text.length > 5, `a definition: ${text}`);
    // komugi's summary says B型 first: the plain definition, or in the furigana edition the easy one.
    if (edition) assert.match(text, /^けいやく なしで/, 'the furigana edition shows the easy version');
    else assert.match(text, /^雇用契約を結ばずに/, 'the plain edition shows the definition');

    // In the accessibility tree: a button, expanded, whose controlled note holds the definition.
    const nodes = await focusedAx(page);
    const button = nodes.find((n) => n.role?.value === 'button' && n.properties?.some((p) => p.name === 'focused' && p.value.value));
    assert.ok(button, 'the focused term is a button in the accessibility tree');
    assert.ok(button.properties.some((p) => p.name === 'expanded' && p.value.value === true), 'and expanded');
    assert.ok(nodes.some((n) => n.role?.value === 'note'), 'the definition is a note');
    assert.ok(nodes.some((n) => !n.ignored && (n.name?.value || '').includes(text.slice(0, 10))), 'its text is exposed');

    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
    await page.keyboard.press('Escape');
    assert.equal(await tip.isVisible(), false, 'Escape closes it');
    await context.close();
  });
}

// The furigana edition's tip has the ruby the page has: a definition with kanji follows its link as
// ruby HTML in a template, which the tip is made from; the plain edition's has none. The test
// site's 就労移行支援 has no easy version, so the tip shows its definition, kanji and all.
test('a term tip has ruby in the furigana edition', async () => {
  const base = join(repo, 'tests/fixtures/base');
  const fixture = buildSite(base);
  const fixtureServer = await serve(fixture.dir, basePath(base));
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    for (const edition of ['', 'furigana/']) {
      await page.goto(fixtureServer.url + edition + 'entries/midori/');
      const term = page.locator('.term-button[href$="#transition"]');
      assert.equal(await term.count(), 1, `the page links 就労移行支援 (${edition || 'plain'})`);
      const name = await term.evaluate((el) => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('rt, rp').forEach((r) => r.remove());
        return copy.textContent;
      });
      assert.equal(name, '就労移行支援', 'the template is no part of the link');
      await term.click();
      const tip = page.locator(`#${await term.getAttribute('aria-controls')}`);
      assert.ok(await tip.isVisible());
      const readings = await tip.locator('.term-tip-text rt').allTextContents();
      const base = await tip.locator('.term-tip-text').evaluate((el) => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('rt, rp').forEach((r) => r.remove());
        return copy.textContent;
      });
      assert.equal(base, '会社で働きたい人が、働くための練習をする福祉サービスです。');
      if (edition) {
        assert.ok(readings.includes('はたら') && readings.includes('れんしゅう'), `ruby: ${readings}`);
        const violations = await runAxe(page);
        assert.deepEqual(violations, [], formatViolations(violations));
      } else {
        assert.deepEqual(readings, [], 'the plain edition has no ruby');
      }
    }
  } finally {
    await context.close();
    await fixtureServer.close();
    fixture.cleanup();
  }
});

test('read aloud: the button speaks the easy text in ja-JP, without ruby readings, and is absent without speech synthesis', async () => {
  const spy = () => {
    window.__spoken = [];
    if (window.speechSynthesis) {
      window.speechSynthesis.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang });
    }
  };
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(spy);
  const page = await context.newPage();
  const spoken = {};
  for (const edition of ['', 'furigana/']) {
    await page.goto(server.url + edition + 'entries/komugi/');
    const button = page.locator('.read-aloud-button');
    assert.ok(await button.isVisible(), `the button is shown where the browser can speak (${edition || 'plain'})`);
    // By keyboard: Tab to the button, Enter.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('read-aloud-button'))) break;
    }
    await page.keyboard.press('Enter');
    const said = await page.evaluate(() => window.__spoken);
    assert.equal(said.length, 1);
    assert.equal(said[0].lang, 'ja-JP');
    spoken[edition] = said[0].text;
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
  }
  const easy = await page.evaluate(() => document.getElementById('easy-text').textContent);
  assert.ok(spoken[''].length > 5 && easy.includes(spoken[''].slice(0, 5)), `the easy text is read: ${spoken['']}`);
  assert.equal(spoken['furigana/'], spoken[''], 'the furigana edition reads the same words, readings not twice');
  await context.close();

  const without = await browser.newContext();
  await without.addInitScript(() => {
    delete window.speechSynthesis;
    delete Window.prototype.speechSynthesis;
  });
  const p2 = await without.newPage();
  await p2.goto(server.url + 'entries/komugi/');
  assert.equal(await p2.evaluate(() => 'speechSynthesis' in window), false, 'speech synthesis is gone');
  assert.equal(await p2.locator('.read-aloud-button').isVisible(), false, 'no button where the browser cannot speak');
  const violations = await runAxe(p2);
  assert.deepEqual(violations, [], formatViolations(violations));
  await without.close();
});

test('opened from a folder (file://), search says plainly that it cannot search and points to the listings', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The home page's search box opens the search page's file, not a folder.
  await page.goto(`file://${site.dir}/index.html`);
  await page.locator('form[role="search"] input[name="q"]').fill('パン');
  await page.keyboard.press('Enter');
  await page.waitForURL(/search\/index\.html\?q=/);
  const notice = page.locator('#search-offline');
  assert.ok(await notice.isVisible(), 'the notice is shown');
  assert.match(await notice.textContent(), /さがす ことが できません/);
  assert.match(await page.locator('#search-status').textContent(), /さがせません/);
  // Its link leads to the listings, which work from a folder.
  await notice.locator('a').click();
  const listing = page.locator('.search-browse-link').first();
  await listing.click();
  await page.waitForURL(/services\/.+index\.html|services\/[^/]+\/$/);
  assert.ok(await page.locator('.cards .card').count() > 0, 'a listing opens from the folder');
  // And on from there, an entry page, and the compare page with an office ticked.
  await page.locator('.compare-toggle').first().click();
  await page.locator('.compare-tray-link').click();
  await page.waitForURL(/compare\/index\.html\?ids=/);
  assert.equal(await page.locator('.compare-side thead th').count(), 2, 'compare works from a folder');
  assert.deepEqual(errors, []);

  // Over http the notice stays hidden.
  await page.goto(server.url + 'search/');
  assert.equal(await page.locator('#search-offline').isVisible(), false);
  await context.close();
});

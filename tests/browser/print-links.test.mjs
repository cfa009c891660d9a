// The print edition one tap away (#14): PDFs left in the output by `shirube print` are kept by the
// next build and linked — with what they cover, their size and page count — from the home page
// and the listings of both editions; axe-core finds nothing on those pages at 390 and 1280 px,
// and every PDF link is served as a PDF.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { basePath, buildSite, formatViolations, launch, runAxe, serve } from './lib.mjs';

let site, server, browser;

/** Two PDFs as `shirube print` leaves them: the files and their records. */
function seedPdfs(target) {
  mkdirSync(join(target, 'print'), { recursive: true });
  const pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n%%EOF\n';
  writeFileSync(join(target, 'guidebook.pdf'), pdf);
  writeFileSync(join(target, 'guidebook-kita.pdf'), pdf);
  const record = (file, label, area, bytes, pages) => ({
    file, label, area, service: null, furigana: false, large_print: false, bytes, pages,
    // Made from other content than this build's: the pages say the web edition is newer.
    content_date: '2026-10-01', content: '0000000000000000',
  });
  writeFileSync(join(target, 'print', 'pdfs.json'), JSON.stringify({
    pdfs: [
      record('guidebook.pdf', 'ガイドブック全体', null, 3889813, 126),
      record('guidebook-kita.pdf', 'ガイドブック 北部', 'kita', 660000, 37),
    ],
  }));
}

before(async () => {
  site = buildSite(undefined, { seed: seedPdfs });
  server = await serve(site.dir, basePath());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

for (const width of [390, 1280]) {
  for (const path of ['', 'areas/kita/', 'furigana/', 'furigana/areas/kita/']) {
    test(`PDFs are linked with size and pages, accessibly: /${path} at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url + path);
      const links = page.locator('a.pdf-link');
      assert.ok(await links.count() >= 1, 'a PDF is linked');
      // Text as read, without the furigana edition's readings.
      const base = (els) => els.map((el) => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('rt, rp').forEach((n) => n.remove());
        return copy.textContent;
      });
      const texts = await links.evaluateAll(base);
      assert.ok(texts.some((t) => /PDF、3\.\d MB、126ページ/.test(t)), texts.join(' / '));
      if (path.includes('kita')) {
        assert.match(texts[0], /北部/, 'the area lists its own PDF first');
      }
      const dates = await page.locator('.pdf-date').evaluateAll(base);
      assert.match(dates[0], /いまのウェブ版のほうが、新しい情報です/);
      for (const href of await links.evaluateAll((as) => as.map((a) => a.href))) {
        const response = await page.request.get(href);
        assert.equal(response.status(), 200, href);
        assert.match(response.headers()['content-type'], /application\/pdf/, href);
      }
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], formatViolations(violations));
      await context.close();
    });
  }
}

// What screen readers need beyond axe-core's rules: the page language and landmarks, ruby only
// on the furigana edition (and its readings never hidden), icons hidden with text beside them,
// tables with headers, scope and captions, and English in templates marked lang="en".

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { basePath, buildSite, launch, repo, serve, sitePages } from './lib.mjs';

// ---- in-page checks: each runs in the loaded page and returns a list of problems

function landmarks() {
  const out = [];
  if (document.documentElement.lang !== 'ja') out.push(`html lang="${document.documentElement.lang}"`);
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) out.push(`${h1} h1 elements`);
  if (document.querySelectorAll('main').length !== 1) out.push('not exactly one main');
  for (const l of ['body > header', 'nav', 'body > footer']) if (!document.querySelector(l)) out.push(`no ${l}`);
  return out;
}

function furigana() {
  const out = [];
  const ruby = document.querySelectorAll('ruby');
  if (ruby.length === 0) out.push('no <ruby>');
  for (const r of ruby) {
    if (!r.querySelector('rt')) out.push(`<ruby> without <rt>: ${r.outerHTML.slice(0, 60)}`);
    if (!r.querySelector('rp')) out.push(`<ruby> without <rp>: ${r.outerHTML.slice(0, 60)}`);
  }
  for (const rt of document.querySelectorAll('rt')) {
    if (rt.closest('[aria-hidden="true"]')) out.push(`rt hidden by aria-hidden: ${rt.parentElement.outerHTML.slice(0, 60)}`);
    const s = getComputedStyle(rt);
    if (s.display === 'none' || s.visibility === 'hidden') out.push(`rt not shown: ${rt.textContent}`);
  }
  return [...new Set(out)].slice(0, 10);
}

function icons() {
  const out = [];
  for (const el of document.querySelectorAll('[aria-hidden="true"]')) {
    if (el.querySelector('a[href], button, input, select, textarea, [tabindex]')) out.push(`focusable inside aria-hidden: ${el.outerHTML.slice(0, 60)}`);
    // What the icon decorates (the link, list item or heading) says the same in words.
    const holder = el.closest('a, button, label, summary, li, h1, h2, h3, h4, h5, h6, p, dt, dd, th, td') || el.parentElement;
    const words = holder.textContent.replace(el.textContent, '').replace(/\s+/g, '');
    if (!words && !holder.getAttribute('aria-label')) out.push(`icon without text beside it: ${holder.outerHTML.slice(0, 80)}`);
  }
  // Every ☎ is decoration: the link says 電話する and the number.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    if (/[☎☏📞]/u.test(n.data) && !n.parentElement.closest('[aria-hidden="true"]')) out.push(`☎ read aloud: ${n.parentElement.outerHTML.slice(0, 60)}`);
  }
  for (const a of document.querySelectorAll('a[href^="tel:"]')) {
    if (!/[0-9]/.test(a.innerText)) out.push(`phone link without the number: ${a.outerHTML.slice(0, 80)}`);
  }
  // Pictograms: hidden from screen readers (the label beside them says it), drawn from a symbol
  // the page holds, and never the only thing that tells: the holder has words.
  for (const picto of document.querySelectorAll('svg.picto')) {
    if (picto.getAttribute('aria-hidden') !== 'true') out.push(`pictogram not hidden: ${picto.parentElement.outerHTML.slice(0, 60)}`);
    const ref = picto.querySelector('use')?.getAttribute('href') || '';
    if (!ref.startsWith('#') || !document.getElementById(ref.slice(1))) out.push(`pictogram ${ref} not in the page`);
  }
  // Photos: described (or marked decorative with alt=""), with their size so nothing moves.
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) out.push(`img without alt: ${img.outerHTML.slice(0, 80)}`);
    if (!img.getAttribute('width') || !img.getAttribute('height')) out.push(`img without width and height: ${img.outerHTML.slice(0, 80)}`);
  }
  return [...new Set(out)].slice(0, 10);
}

/** Tables written in templates (`fromMarkdown` false) or in Markdown bodies (`.body`, true). */
function tables(fromMarkdown) {
  const out = [];
  for (const table of document.querySelectorAll('main table')) {
    if (!!table.closest('.body') !== fromMarkdown) continue;
    const where = (table.caption?.textContent || table.rows[0]?.textContent || '').trim().slice(0, 30);
    if (!table.querySelector('th')) out.push(`table without th: ${where}`);
    const caption = table.caption?.textContent.trim() || table.getAttribute('aria-label') || table.getAttribute('aria-labelledby');
    if (!caption) out.push(`table without caption: ${where}`);
    for (const th of table.querySelectorAll('th')) {
      if (!['row', 'col', 'rowgroup', 'colgroup'].includes(th.getAttribute('scope'))) {
        out.push(`th without scope: ${th.textContent.trim()} (${where})`);
      }
    }
  }
  return [...new Set(out)].slice(0, 10);
}

const CHECKS = {
  landmarks: [landmarks],
  furigana: [furigana],
  icons: [icons],
  tables: [tables, false],
  markdownTables: [tables, true],
};

// ---- the run: every page is loaded once and every check runs on it

let site, server, browser, pages, found;

before(async () => {
  site = buildSite();
  server = await serve(site.dir, basePath());
  browser = await launch();
  pages = sitePages(site.dir);
  found = new Map();
  const page = await browser.newPage();
  for (const p of pages) {
    await page.goto(server.url + p.path);
    const result = {};
    for (const [name, [check, arg]] of Object.entries(CHECKS)) result[name] = await page.evaluate(check, arg);
    found.set(p.path, result);
  }
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

/** What check `name` found on `list`, one line per page with problems. */
const problems = (list, name) => list
  .map((p) => [p.path, found.get(p.path)[name]])
  .filter(([, v]) => v.length)
  .map(([path, v]) => `${path}: ${v.join('; ')}`);

const web = () => pages.filter((p) => p.type !== '印刷版');

test('every page is lang="ja", with one h1 and main, header, nav and footer landmarks', () => {
  const failures = problems(web(), 'landmarks');
  assert.deepEqual(failures, [], failures.join('\n'));
  // The print edition is one long document: lang="ja" still, but one h1 per part and no menus.
  const print = problems(pages.filter((p) => p.type === '印刷版'), 'landmarks').filter((l) => /lang=/.test(l));
  assert.deepEqual(print, [], print.join('\n'));
});

test('plain pages carry no ruby (screen readers would read base and reading both)', () => {
  const failures = [];
  for (const p of pages.filter((x) => !x.file.startsWith('furigana/'))) {
    const html = readFileSync(join(site.dir, p.file), 'utf8');
    const m = /<(ruby|rt|rp)\b/.exec(html);
    if (m) failures.push(`${p.path}: <${m[1]}> at ${html.slice(Math.max(0, m.index - 40), m.index + 60).replace(/\s+/g, ' ')}`);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('furigana pages carry ruby with rp fallbacks, and rt is never hidden from assistive technology', () => {
  const list = pages.filter((p) => p.file.startsWith('furigana/'));
  // Every build writes the furigana edition: no twins is a failure, not a skip.
  assert.ok(list.length > 0, 'the furigana edition (furigana/…) is built');
  const failures = problems(list, 'furigana');
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('icons are hidden from screen readers and always have text beside them', () => {
  const failures = problems(pages, 'icons');
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('tables in templates have th with scope and a caption', () => {
  const failures = problems(web(), 'tables');
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('tables written in Markdown have th with scope and a caption', () => {
  const failures = problems(web(), 'markdownTables');
  assert.deepEqual(failures, [], failures.join('\n'));
});

// Latin-letter words the templates may use without lang="en": WCAG 3.1.2 exempts proper names,
// technical terms and words that have become part of the surrounding language. Any other word in
// Latin letters must be inside an element with lang="en" (or added here with its reason).
const JAPANESE_AS_WRITTEN = {
  FAX: 'ファックス: everyday Japanese',
  URL: 'everyday Japanese (住所（URL）)',
  QR: 'QRコード: everyday Japanese',
  A: 'A型 (就労継続支援A型): a Japanese term',
  B: 'B型 (就労継続支援B型): a Japanese term',
  JavaScript: 'a proper name',
  CSV: 'a file format, written so in Japanese (CSVファイル)',
  JSON: 'a file format, written so in Japanese (JSONファイル)',
  PDF: 'a file format, written so in Japanese (PDFファイル, 印刷版（PDF）)',
};

test('English in templates is marked lang="en" (or is Japanese as written)', () => {
  const files = [];
  const walk = (d) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : files.push(join(d, n))));
  walk(join(repo, 'themes', 'default', 'templates'));
  const english = [];
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const text = readFileSync(file, 'utf8')
      .replace(/\{#[\s\S]*?#\}/g, ' ')
      .replace(/\{\{[\s\S]*?\}\}/g, ' ')
      .replace(/\{%[\s\S]*?%\}/g, ' ')
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
      .replace(/<(\w+)\b[^>]*\blang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&[a-z]+;/g, ' ');
    for (const w of text.match(/[A-Za-z][A-Za-z'-]*/g) || []) {
      if (!Object.hasOwn(JAPANESE_AS_WRITTEN, w)) english.push(`${relative(repo, file)}: "${w}"`);
    }
  }
  assert.deepEqual([...new Set(english)], [], 'mark these with lang="en", or list them in JAPANESE_AS_WRITTEN with a reason');
});

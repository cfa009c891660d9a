// Shared helpers of the browser tests: build the example site into a temporary folder, serve it
// on 127.0.0.1 under the base URL's sub-path, launch the machine's Chromium, list the pages by
// type, run axe-core and the Nu HTML Checker.
//
// Nothing here downloads anything: Chromium and Java are Debian packages (scripts/test installs
// them), the npm packages come from `npm ci` in this folder.

import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** The WCAG 2.x A and AA rules of axe-core (WCAG 2.2 AA; JIS X 8341-3:2016 AA is WCAG 2.0 AA). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const axePath = require.resolve('axe-core/axe.min.js');
/** Where serve() answers with axe-core (outside any site's base path). */
const AXE_URL_PATH = '/__axe-core.min.js';
export const axeVersion = JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;
export const vnuJar = join(dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
export const vnuVersion = JSON.parse(readFileSync(require.resolve('vnu-jar/package.json'), 'utf8')).version;

/** The shirube binary: SHIRUBE_BIN, else the debug build after `cargo build` (a no-op when fresh). */
export function shirubeBinary() {
  if (process.env.SHIRUBE_BIN) return process.env.SHIRUBE_BIN;
  const cargo = spawnSync('cargo', ['build', '--locked', '--quiet'], { cwd: repo, stdio: 'inherit' });
  if (cargo.status !== 0) throw new Error('cargo build failed');
  const target = process.env.CARGO_TARGET_DIR || join(repo, 'target');
  return join(target, 'debug', process.platform === 'win32' ? 'shirube.exe' : 'shirube');
}

/** Builds `siteDir` (the example region by default) into a new temporary folder. */
export function buildSite(siteDir = repo, { seed } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'shirube-a11y-'));
  const target = join(out, 'site');
  // What an earlier output held (the PDFs `shirube print` made), before this build.
  seed?.(target);
  const run = spawnSync(shirubeBinary(), ['build', siteDir, '-o', target], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, SHIRUBE_LANG: '' },
  });
  if (run.status !== 0) throw new Error(`shirube build failed:\n${run.stdout}\n${run.stderr}`);
  return { dir: target, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

/** The path part of site.yaml's base_url (`/hikari/`); 404.html links from it. */
export function basePath(siteDir = repo) {
  const yaml = readFileSync(join(siteDir, 'site.yaml'), 'utf8');
  const url = /^base_url:\s*(\S+)/m.exec(yaml)?.[1];
  return url ? new URL(url).pathname : '/';
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.yml': 'text/yaml; charset=utf-8', '.wasm': 'application/wasm',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.pdf': 'application/pdf',
};

/**
 * A static server for `dir`, mounted at `base` like the real host (GitHub Pages project site):
 * folders answer with their index.html, anything missing with 404.html and status 404.
 */
export async function serve(dir, base = '/') {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === AXE_URL_PATH) {
      // axe-core for runAxe, cached so Chromium compiles it once rather than on every page.
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'max-age=3600, immutable' });
      res.end(readFileSync(axePath));
      return;
    }
    let file = null;
    if (path.startsWith(base)) {
      file = resolve(root, '.' + sep + path.slice(base.length));
      if (file !== root && !file.startsWith(root + sep)) file = null;
      else if (existsSync(file) && statSync(file).isDirectory()) {
        file = path.endsWith('/') ? join(file, 'index.html') : null;
        if (file === null) {
          res.writeHead(301, { location: path + '/' });
          res.end();
          return;
        }
      }
    }
    if (file && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
    } else {
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(existsSync(notFound) ? readFileSync(notFound) : 'not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  // close() waits for every connection to end, and Chromium keeps keep-alive and speculative
  // (preconnected) sockets open while its context lives: without closeAllConnections a test that
  // closes a server before the browser waits for ever (a CI run hung here for an hour).
  const close = () => new Promise((ok) => {
    server.close(ok);
    server.closeAllConnections();
  });
  return { origin, url: origin + base, close };
}

/** Launches the machine's Chromium (never a downloaded one). */
export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Entries of the example site by kind, read from the content files (the documented format). */
export function entriesByKind(siteDir = repo) {
  const dir = join(siteDir, 'content', 'entries');
  const list = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const front = text.split(/^---\s*$/m)[1] ?? '';
    const id = /^id:\s*([a-z0-9-]+)/m.exec(front)?.[1] ?? name.replace(/\.md$/, '');
    const kind = /^kind:\s*([a-z]+)/m.exec(front)?.[1];
    const services = (front.match(/^\s+-\s+(\{\s*)?type:/gm) || []).length;
    list.push({ id, kind, services });
  }
  return list;
}

/**
 * Every HTML page of the built site, each with its page type (a Japanese label, as the
 * アクセシビリティ方針 page lists them). Every page is tested, not one per type; page types
 * say what the run covered.
 */
export function sitePages(siteDir, source = repo) {
  const kinds = new Map(entriesByKind(source).map((e) => [e.id, e]));
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) files.push(relative(siteDir, p).split(sep).join('/'));
    }
  };
  walk(siteDir);
  return files.map((file) => ({ file, path: file.replace(/index\.html$/, ''), type: pageType(file, kinds) }));
}

const KIND_TYPES = {
  office: '事業所のページ', workplace: '企業・職場のページ', center: '相談・支援機関のページ',
  community: '地域の集まりのページ',
};

function pageType(file, kinds) {
  const f = file;
  // The furigana edition by the same types: its ruby makes its own layout problems (a long
  // reading is a box no line can break).
  if (f.startsWith('furigana/')) return `ふりがな版の${pageType(f.slice('furigana/'.length), kinds)}`;
  if (f.startsWith('print/')) return '印刷版';
  if (f === 'index.html') return 'ホーム';
  if (f === '404.html') return 'ページが見つからないとき（404）';
  if (f === 'search/index.html') return '検索';
  if (f === 'glossary/index.html') return '用語集';
  if (f === 'compare/index.html') return 'くらべる';
  if (f.startsWith('services/')) return 'サービス別の一覧';
  if (f === 'centers/index.html') return '相談・支援機関の一覧';
  if (f === 'workplaces/index.html') return '企業・職場の一覧';
  if (f === 'community/index.html') return '地域の集まりの一覧';
  if (f.startsWith('areas/')) return '地域別の一覧';
  if (f.startsWith('pages/')) return 'このガイドについてのページ';
  if (f === 'events/index.html' || f === 'events/past/index.html') return 'イベントの一覧';
  if (/^events\/[^/]+\/index\.html$/.test(f)) return 'イベントのページ';
  const m = /^entries\/([^/]+)\/index\.html$/.exec(f);
  if (m) {
    const e = kinds.get(m[1]);
    if (e?.kind === 'office' && e.services > 1) return '多機能型の事業所のページ';
    return KIND_TYPES[e?.kind] ?? 'そのほかのページ';
  }
  return 'そのほかのページ';
}

let axeSource = null;

/** Runs axe-core's WCAG 2.x A/AA rules (or only `rules`) on the page loaded in `page`. */
export async function runAxe(page, rules = null) {
  const state = await page.evaluate(() => ({
    loaded: typeof window.axe === 'object',
    policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
  }));
  if (!state.loaded) {
    const origin = new URL(page.url()).origin;
    if (origin.startsWith('http') && !state.policy.includes("script-src 'none'")) {
      // A script of the page's own origin, as its Content-Security-Policy allows; cached, so
      // Chromium compiles it once rather than on every page.
      await page.addScriptTag({ url: origin + AXE_URL_PATH });
    } else {
      // Where no script may be added (the print document), through the DevTools protocol,
      // which the policy does not govern.
      axeSource ??= readFileSync(axePath, 'utf8');
      await page.evaluate(axeSource);
    }
  }
  return page.evaluate(async ([tags, rules]) => {
    const r = await window.axe.run(document, {
      runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, [AXE_TAGS, rules]);
}

export function formatViolations(violations) {
  return violations
    .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.slice(0, 5).map((n) => `    ${n.target}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`).join('\n'))
    .join('\n');
}

/**
 * The Nu HTML Checker on `files` (absolute paths), run in the background: a promise of its
 * messages (errors only), so the browser checks can run meanwhile.
 */
export function runVnu(files) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      // vnu writes its JSON report to stderr; it exits with 1 when there are errors.
      try {
        resolvePromise(JSON.parse(stderr.trim() || stdout.trim()).messages);
      } catch {
        reject(new Error(`vnu did not answer JSON (exit ${code}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

// ---- checks that run inside a loaded page (each proven able to fail on tests/fixtures/broken-a11y)

/**
 * `<ruby>` laid out as flex or grid items: a label made of words with ruby, in a flex box, has
 * each ruby and each run of text between them as an item of its own. They are set apart by the
 * gap or by space-between, and they wrap as boxes rather than as text (a long name runs off a
 * phone). Each problem names the ruby's container.
 */
export function rubyInFlexItems(page) {
  return page.evaluate(() => {
    const out = new Set();
    for (const ruby of document.querySelectorAll('ruby')) {
      const parent = ruby.parentElement;
      const display = getComputedStyle(parent).display;
      if (!/flex|grid/.test(display)) continue;
      const cls = parent.className && typeof parent.className === 'string' ? `.${parent.className.trim().split(/\s+/).join('.')}` : '';
      out.add(`${parent.tagName.toLowerCase()}${cls} (display: ${display}) has <ruby> as items`);
    }
    return [...out];
  });
}

/**
 * The rubies whose base text is laid out on more than one line: the reading was cut where the
 * base was not (浜町海「はまちょうか」 / 岸「いがん」).
 */
export function rubyAcrossLines(page) {
  return page.evaluate(() => {
    const out = [];
    for (const ruby of document.querySelectorAll('ruby')) {
      const tops = [];
      for (const node of ruby.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
      }
      tops.sort((a, b) => a - b);
      // Glyphs of one line stand a few pixels apart at most.
      if (tops.length > 1 && tops[tops.length - 1] - tops[0] > 4) out.push(ruby.textContent);
    }
    return out;
  });
}

/** Elements marked `hidden` that are shown all the same (a rule gave them a display). */
export function hiddenButShown(page) {
  return page.evaluate(() => [...document.querySelectorAll('[hidden]')]
    .filter((e) => getComputedStyle(e).display !== 'none')
    .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className.trim()
      ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`));
}

/**
 * What scrolls sideways or is cut off: the document wider than the viewport, elements reaching
 * past its right edge, and boxes that hide overflowing content (overflow hidden/clip).
 */
export function overflowProblems(page) {
  return page.evaluate(() => {
    const de = document.documentElement;
    const vw = de.clientWidth;
    const out = [];
    if (de.scrollWidth > vw) out.push(`the page is ${de.scrollWidth}px wide in a ${vw}px viewport`);
    const hidden = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden') return true;
        // .visually-hidden: a clipped box, read by screen readers only.
        if (s.position === 'absolute' && (s.clipPath === 'inset(50%)' || s.clip === 'rect(0px, 0px, 0px, 0px)')) return true;
      }
      return false;
    };
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    // A data table may scroll sideways inside its own box (WCAG 1.4.10 exempts data tables);
    // the box itself must fit, and is checked like everything else.
    const inScroller = (el) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.getAttribute('role') === 'region' && e.tabIndex === 0) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (!el.checkVisibility({ visibilityProperty: true }) || hidden(el) || inScroller(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > vw + 1 || r.left < -1) {
        // The skip link waits above the page until focused; only sideways matters here.
        out.push(`${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)}px of ${vw}px`);
        continue;
      }
      const s = getComputedStyle(el);
      if (['hidden', 'clip'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        out.push(`${name(el)} cuts off content (${el.scrollWidth}px in ${el.clientWidth}px)`);
      }
      if (['hidden', 'clip'].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1) {
        out.push(`${name(el)} cuts off content (${el.scrollHeight}px high in ${el.clientHeight}px)`);
      }
    }
    return out;
  });
}

/**
 * What has focus, and its focus indicator: an outline of at least 2 px, the browser's own focus
 * ring (`outline-style: auto`), or a box-shadow; and whether it is scrolled into view.
 */
export function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', element: null };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle === 'auto' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2);
    const shadow = !!s.boxShadow && s.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    const tag = el.tagName.toLowerCase();
    const text = (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return {
      tag,
      id: el.id,
      type: el.getAttribute('type'),
      href: el.getAttribute('href'),
      key: `${tag} ${el.getAttribute('href') ?? el.id ?? ''}`,
      text,
      skip: el.classList.contains('skip-link'),
      inFooter: !!el.closest('footer'),
      inMain: !!el.closest('main'),
      element: `${tag} ${el.getAttribute('href') || el.id || el.name || ''} 「${text.slice(0, 20)}」`,
      visible: outline || shadow,
      inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      width: r.width,
      height: r.height,
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      boxShadow: s.boxShadow,
    };
  });
}

/** Every control a keyboard user can Tab to, in document order, keyed like focusState().key. */
export function tabbables(page) {
  return page.evaluate(() => [...document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
  )].filter((e) => e.checkVisibility({ visibilityProperty: true }) || e.classList.contains('skip-link'))
    .filter((e) => e.tagName !== 'SUMMARY' || e.parentElement.tagName === 'DETAILS')
    // A group of radio buttons is one Tab stop: the checked one (arrows move inside the group).
    .filter((e) => e.type !== 'radio' || !e.name || e.checked ||
      !e.form?.querySelector(`input[type=radio][name="${CSS.escape(e.name)}"]:checked`))
    .map((e) => `${e.tagName.toLowerCase()} ${e.getAttribute('href') ?? e.id ?? ''}`));
}

/** Opens every <details>, so that what it holds is measured too. */
export function openDetails(page) {
  return page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
}

/**
 * Targets smaller than `min` × `min` CSS px. Every visible link, button and form control counts
 * except links inside running text (WCAG 2.5.8 "inline" exception: an inline link whose parent
 * holds other text too).
 */
export function smallTargets(page, min = 44) {
  return page.evaluate((min) => {
    const out = [];
    for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
      const s = getComputedStyle(el);
      let r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || !el.checkVisibility({ visibilityProperty: true })) continue;
      if (el.classList.contains('skip-link')) continue; // measured on focus by keyboard.test.mjs
      // A check box or field inside its <label>: the whole label takes the tap.
      const label = el.closest('label');
      if (label && el.matches('input, select, textarea')) {
        const l = label.getBoundingClientRect();
        r = { width: Math.max(r.right, l.right) - Math.min(r.left, l.left), height: Math.max(r.bottom, l.bottom) - Math.min(r.top, l.top) };
      }
      const parentText = (el.parentElement?.textContent || '').replace(/\s+/g, '');
      const ownText = (el.textContent || '').replace(/\s+/g, '');
      if (s.display === 'inline' && parentText.length > ownText.length) continue;
      if (r.width + 0.5 < min || r.height + 0.5 < min) {
        out.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} ` +
          `"${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 20)}" ` +
          `${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  }, min);
}

/** Animations and transitions that would run: running Web Animations, non-zero transition durations. */
export function motionProblems(page) {
  return page.evaluate(() => {
    const out = [];
    for (const a of document.getAnimations()) {
      if (a.playState === 'running') out.push(`animation ${a.animationName || a.id || '(script)'} on ${a.effect?.target?.tagName}`);
    }
    for (const el of document.querySelectorAll('*')) {
      const s = getComputedStyle(el);
      const durations = s.transitionDuration.split(',').map(parseFloat);
      if (durations.some((d) => d > 0)) out.push(`transition ${s.transitionProperty} ${s.transitionDuration} on ${el.tagName}`);
      if (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0) out.push(`animation ${s.animationName} on ${el.tagName}`);
    }
    const scroll = getComputedStyle(document.documentElement).scrollBehavior;
    if (scroll === 'smooth') out.push('scroll-behavior: smooth');
    return [...new Set(out)];
  });
}

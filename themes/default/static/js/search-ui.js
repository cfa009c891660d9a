// The search page's behaviour (themes/default/templates/search.html). Without JavaScript the page
// is a plain form plus links to every listing; this script adds results as you type.
//
// - Results follow the words (debounced) and the filters (at once); the query and the filters
//   live in the URL (?q=…&service=b-type&transport=1), so a result page can be bookmarked, shared
//   and reloaded, and the form also works as an ordinary GET form.
// - A polite live region says how many results there are, once typing pauses.
// - Each result shows the name, service and area, key facts, and a snippet, with the query marked.
// - All text from the index is inserted with textContent: provider text is untrusted.
// - In the furigana edition (data-search-ruby) the results carry the ruby its pages show, read
//   at build time (src/search/ruby.rs); a marked word keeps its ruby inside the mark. The status
//   line and the kind labels are this script's own words, written through say.js.

import { FILTER_KEYS, documents, httpFetcher, openIndex, runQuery } from './search.js';
import { highlightRanges } from './search-highlight.js';

const DEBOUNCE_MS = 250;
const PAGE_SIZE = 20;
const LIST_KEYS = ['service', 'kind', 'area', 'accepts'];
const FLAG_KEYS = ['transport', 'lunch', 'saturday'];
const NUMBER_KEYS = ['wage_min', 'wage_max'];
const KIND_LABELS = { office: '事業所', workplace: '企業', center: '相談先', community: '地域の集まり' };

const form = document.querySelector('form[data-search-index]');
if (form) start(form);

function start(form) {
  const input = form.elements.namedItem('q');
  const list = document.getElementById(form.dataset.searchResults);
  const status = document.getElementById(form.dataset.searchStatus);
  const more = document.getElementById(form.dataset.searchMore);
  const root = form.dataset.searchRoot || '';
  const ruby = form.dataset.searchRuby === '1';
  const base = new URL(form.dataset.searchIndex, document.baseURI);
  if (!input || !list || !status) return;

  let index = null;
  let generation = 0; // a newer query makes older answers stale
  let current = null; // {query, hits, shown}
  let timer = 0;

  fillForm(form, new URLSearchParams(window.location.search));
  // filters that came with the URL are shown, so nobody wonders why results are few
  const details = form.querySelector('details');
  if (details && hasFilter(readFilters(form))) details.open = true;
  // and an area ticked inside a closed group (a national guide's prefectures) is shown too
  for (const group of form.querySelectorAll('details.area-group')) {
    if (group.querySelector('input:checked')) group.open = true;
  }

  async function run() {
    const mine = ++generation;
    const query = input.value;
    const filters = readFilters(form);
    writeUrl(form);
    if (query.trim() === '' && !hasFilter(filters)) {
      list.replaceChildren();
      setMore(false);
      status.textContent = '';
      current = null;
      return;
    }
    try {
      index = index || (await openIndex(httpFetcher(base)));
      const result = await runQuery(index, query, { filters, prefix: true });
      if (mine !== generation) return;
      current = { query, hits: result.hits, shown: 0 };
      list.replaceChildren();
      await showMore(mine);
      shirubeSay(status, ...describe(query, result));
    } catch (error) {
      if (mine !== generation) return;
      index = null; // try the manifest again next time
      list.replaceChildren();
      setMore(false);
      shirubeSay(status, '検索の データを 読みこめませんでした。下の 一覧から さがしてください。');
      console.error(error);
    }
  }

  async function showMore(mine) {
    const { hits, shown, query } = current;
    const page = hits.slice(shown, shown + PAGE_SIZE);
    const docs = await documents(index, page.map((h) => h.doc), { ruby });
    if (mine !== generation) return;
    for (const doc of docs) list.append(renderResult(doc, query, root));
    current.shown = shown + page.length;
    setMore(current.shown < hits.length);
  }

  function setMore(visible) {
    if (more) more.hidden = !visible;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  input.addEventListener('input', schedule);
  form.addEventListener('change', (event) => {
    if (event.target !== input) run();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  if (more) {
    more.addEventListener('click', async () => {
      if (!current) return;
      const first = list.children.length;
      await showMore(generation);
      // move focus to the first new result, so keyboard and screen-reader users continue there
      const link = list.children[first] && list.children[first].querySelector('a');
      if (link) link.focus();
    });
  }
  if (input.value.trim() !== '' || hasFilter(readFilters(form))) run();
}

/** The status line, as say.js's parts: what the visitor typed is written as typed. */
function describe(query, result) {
  const words = { text: query.trim() };
  const total = { text: result.total };
  if (words.text === '') return ['しぼりこみに あう ものが ', total, '件 あります。'];
  if (result.total === 0) {
    return ['「', words, '」に あう ものは 見つかりませんでした。ことばを かえるか、しぼりこみを へらしてください。'];
  }
  if (result.partial) {
    return ['「', words, '」の ことばを すべて ふくむ ものは ありません。一部が あう ', total, '件を 表示しています。'];
  }
  return ['「', words, '」で ', total, '件 見つかりました。'];
}

function hasFilter(filters) {
  return (
    LIST_KEYS.some((k) => filters[k].length > 0) ||
    FLAG_KEYS.some((k) => filters[k]) ||
    NUMBER_KEYS.some((k) => filters[k] !== undefined)
  );
}

/** The filters as search.js takes them, read from the form's controls. */
function readFilters(form) {
  const data = new FormData(form);
  const filters = {};
  for (const key of LIST_KEYS) filters[key] = data.getAll(key).map(String);
  for (const key of FLAG_KEYS) filters[key] = data.get(key) === '1';
  for (const key of NUMBER_KEYS) {
    const value = Number.parseInt(String(data.get(key) || ''), 10);
    filters[key] = Number.isFinite(value) ? value : undefined;
  }
  return filters;
}

/** Sets the form's controls from the URL (a shared link, or the JavaScript-off GET submit). */
function fillForm(form, params) {
  const q = form.elements.namedItem('q');
  if (q && params.has('q')) q.value = params.get('q');
  for (const control of form.elements) {
    if (!control.name || !FILTER_KEYS.includes(control.name)) continue;
    const values = params.getAll(control.name);
    if (control.type === 'checkbox' || control.type === 'radio') {
      control.checked = values.includes(control.value);
    } else if (values.length > 0) {
      control.value = values[0];
    }
  }
}

/** Mirrors the form in the address bar without a reload (no history entry per keystroke). */
function writeUrl(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (String(value).trim() !== '') params.append(key, String(value));
  }
  const search = params.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
  window.history.replaceState(null, '', url);
}

function renderResult(doc, query, root) {
  // Without ruby, each text is one piece.
  const ruby = doc.ruby || {
    name: [doc.name],
    area: [doc.area],
    services: doc.services.map((s) => [s]),
    facts: doc.facts.map((f) => [f]),
    snippet: [doc.snippet],
  };
  const item = element('li', 'search-result');
  // An office can be ticked for the compare page (static/js/compare.js adds the button).
  const office = doc.kind === 'office' && /^entries\/([^/]+)\/$/.exec(doc.url);
  if (office) {
    item.dataset.compareId = office[1];
    item.dataset.compareName = doc.name;
  }
  const title = element('h3', 'search-result-title');
  const link = element('a');
  link.href = root + doc.url;
  appendMarked(link, doc.name, query, ruby.name);
  title.append(link);
  item.append(title);

  // The services, else the kind of entry (this script's own word), then the area.
  const label = doc.services.length > 0 ? null : KIND_LABELS[doc.kind];
  const meta = [...(label ? [label] : ruby.services), ruby.area].filter((text) => text.length > 0 && text[0] !== '');
  if (meta.length > 0) {
    const line = element('p', 'search-result-meta');
    meta.forEach((text, i) => {
      if (i > 0) line.append('・');
      if (typeof text === 'string') shirubeSayMore(line, text);
      else appendPieces(line, text);
    });
    item.append(line);
  }

  if (doc.facts.length > 0) {
    const facts = element('ul', 'search-result-facts');
    for (const fact of ruby.facts) {
      const li = element('li');
      appendPieces(li, fact);
      facts.append(li);
    }
    item.append(facts);
  }
  if (doc.snippet) {
    const snippet = element('p', 'search-result-snippet');
    appendMarked(snippet, doc.snippet, query, ruby.snippet);
    item.append(snippet);
  }
  return item;
}

/**
 * `text` with the query's words marked, drawn from `pieces` (strings, or [base, reading] for
 * ruby, whose bases joined are `text`). A ruby that a marked range touches is marked whole.
 */
function appendMarked(parent, text, query, pieces) {
  const ranges = highlightRanges(text, query);
  let at = 0;
  for (const piece of pieces) {
    const base = typeof piece === 'string' ? piece : piece[0];
    const end = at + base.length;
    if (typeof piece !== 'string') {
      const marked = ranges.some(([s, e]) => s < end && e > at) || readingMatches(piece[1], query);
      const node = rubyElement(piece);
      if (marked) {
        const mark = element('mark', 'search-mark');
        mark.append(node);
        parent.append(mark);
      } else {
        parent.append(node);
      }
    } else {
      let from = at;
      for (const [s, e] of ranges) {
        if (e <= from || s >= end) continue;
        const start = Math.max(s, from);
        const stop = Math.min(e, end);
        if (start > from) parent.append(text.slice(from, start));
        parent.append(element('mark', 'search-mark', text.slice(start, stop)));
        from = stop;
      }
      if (from < end) parent.append(text.slice(from, end));
    }
    at = end;
  }
}

/**
 * Whether a query typed as it sounds found this ruby's reading (こうぼう → 工房): two or more
 * of the reading's characters are matched.
 */
function readingMatches(reading, query) {
  const covered = highlightRanges(reading, query).reduce((sum, [s, e]) => sum + e - s, 0);
  return covered >= 2;
}

/** Pieces as text and ruby, nothing marked. */
function appendPieces(parent, pieces) {
  for (const piece of pieces) parent.append(typeof piece === 'string' ? piece : rubyElement(piece));
}

/** <ruby>base<rp>(</rp><rt>reading</rt><rp>)</rp></ruby>, as the pages write it. */
function rubyElement([base, reading]) {
  const node = element('ruby', null, base);
  node.append(element('rp', null, '('), element('rt', null, reading), element('rp', null, ')'));
  return node;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

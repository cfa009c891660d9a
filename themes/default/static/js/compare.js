// Compare: tick up to four offices — on listing cards, search results, entry pages and the rows
// of the compare page — and see them side by side on compare/. Without this script the compare
// page still has every office in a table per service type; this only adds the picking.
//
// - An element with data-compare-id (and data-compare-name, the plain name) is an office that can
//   be ticked: it gets a toggle button (aria-pressed) whose name says which office.
// - The choice is kept in localStorage, so it follows the visitor from page to page; a polite
//   live region in a small tray says how many are chosen, and which, and links to the compare
//   page. The names are kept too, as the page showed them (with their ruby in the furigana
//   edition), for the pages that do not list the offices chosen elsewhere.
// - On compare/, the chosen offices (or those of ?ids=a,b,c, a shared link) are put side by side
//   in a table built from the page's own rows: nothing is fetched, so it works from a folder too.
//   A large guide's compare page only links to its tables (data-rows-from="entries"): there each
//   chosen office's row is read from its own page, which carries it in <template class=
//   "compare-row"> (served over http; from a folder the table says it could not read them).
(() => {
  const MAX = 4;
  const KEY = 'shirube-compare';
  const NAMES = 'shirube-compare-names';
  const script = document.currentScript;
  const root = script?.dataset.root ?? '';
  const main = document.getElementById('main');
  if (!main) return;
  const picked = document.getElementById('compare-picked');

  let storageOk = true;
  const load = () => {
    try {
      const v = JSON.parse(window.localStorage.getItem(KEY) || '[]');
      return Array.isArray(v) ? v.filter((x) => typeof x === 'string').slice(0, MAX) : [];
    } catch {
      storageOk = false;
      return [];
    }
  };
  const save = (ids) => {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(ids));
    } catch {
      storageOk = false;
    }
  };

  // id → the office's name as pieces for say.js: strings, and [base, reading] for its ruby.
  const isPieces = (v) => Array.isArray(v) && v.every((p) => typeof p === 'string' ||
    (Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string')));
  let names = {};
  try {
    const stored = JSON.parse(window.localStorage.getItem(NAMES) || '{}');
    if (stored && typeof stored === 'object') {
      for (const [id, pieces] of Object.entries(stored)) if (isPieces(pieces)) names[id] = pieces;
    }
  } catch {
    /* as without */
  }
  const saveNames = () => {
    const kept = {};
    for (const id of ids) if (names[id]) kept[id] = names[id];
    names = kept;
    try {
      window.localStorage.setItem(NAMES, JSON.stringify(kept));
    } catch {
      /* the tray names only the offices of the page */
    }
  };

  const rowsFromEntries = picked?.dataset.rowsFrom === 'entries';
  // id → { row, labels } read from the office's page, or null when it could not be read.
  const fetched = new Map();

  let ids = load();
  if (picked) {
    // A shared link says which offices; it wins over what this browser remembered.
    const param = new URLSearchParams(window.location.search).get('ids');
    if (param !== null) {
      ids = [...new Set(param.split(',').map((s) => s.trim()).filter(Boolean))]
        .filter((id) => rowsFromEntries || rowOf(id))
        .slice(0, MAX);
      save(ids);
    }
  }

  function rowOf(id) {
    return document.querySelector(`tr[data-compare-id="${CSS.escape(id)}"]`) ||
      fetched.get(id)?.row || null;
  }
  // The name of an office as the page shows it (a card's or a search result's title, a row's
  // header, an entry's heading), or as it was kept when it was chosen on another page.
  function nameOf(id) {
    const el = document.querySelector(`[data-compare-id="${CSS.escape(id)}"]`) || fetched.get(id)?.row;
    const shown = el?.querySelector('th a, h1, h3 a');
    if (shown) return piecesOf(shown);
    if (names[id]) return names[id];
    return [el?.dataset.compareName || id];
  }

  function piecesOf(node) {
    const pieces = [];
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        pieces.push(child.textContent);
      } else if (child.nodeName === 'RUBY') {
        const reading = [...child.querySelectorAll('rt')].map((rt) => rt.textContent).join('');
        const base = child.cloneNode(true);
        base.querySelectorAll('rt, rp').forEach((r) => r.remove());
        pieces.push([base.textContent, reading]);
      } else if (child.nodeType === Node.ELEMENT_NODE && !child.matches('.visually-hidden, .compare-toggle-wrap')) {
        pieces.push(...piecesOf(child));
      }
    }
    return pieces;
  }

  // Keeps the name of `id` as this page shows it; a name kept with its ruby stays while the
  // plain edition shows the same text.
  function remember(id) {
    const shown = nameOf(id);
    const kept = names[id];
    const hasRuby = (pieces) => pieces.some((p) => typeof p !== 'string');
    const text = (pieces) => pieces.map((p) => (typeof p === 'string' ? p : p[0])).join('');
    const keepKept = kept && hasRuby(kept) && !hasRuby(shown) && text(kept) === text(shown);
    if (!keepKept) names[id] = shown;
  }

  // The chosen offices' names, parted by 、, as parts for say.js.
  const nameList = () => ids.flatMap((id, i) => [...(i ? [{ text: '、' }] : []), { name: nameOf(id) }]);

  // The row of an office, from the <template class="compare-row"> of its page. Its links are
  // made absolute, since they were written relative to that page.
  async function fetchRow(id) {
    if (fetched.has(id)) return fetched.get(id);
    let found = null;
    try {
      const response = await fetch(`${root}entries/${encodeURIComponent(id)}/`);
      if (response.ok) {
        const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
        const template = doc.querySelector('template.compare-row');
        const row = template?.content.querySelector(`tr[data-compare-id="${CSS.escape(id)}"]`);
        if (row) {
          const mine = document.importNode(row, true);
          for (const a of mine.querySelectorAll('a[href]')) {
            a.href = new URL(a.getAttribute('href'), response.url).href;
          }
          const labels = [...template.content.querySelectorAll('thead th')].slice(1);
          found = { row: mine, labels };
        }
      }
    } catch {
      /* offline, or opened from a folder: said below the table */
    }
    fetched.set(id, found);
    return found;
  }

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // ---- the tray (every page with offices to tick, except compare/, which shows the table)
  let status = null;
  let trayLink = null;
  function ensureTray() {
    if (status) return;
    if (picked) {
      status = document.getElementById('compare-count');
      return;
    }
    const tray = el('div', 'compare-tray');
    status = el('p', 'compare-tray-status');
    status.setAttribute('role', 'status');
    trayLink = el('a', 'button compare-tray-link', 'ならべて くらべる');
    tray.append(status, trayLink);
    const anchor = main.querySelector('.entry-header, p.count, .search-status') || main.querySelector('h1');
    if (anchor) anchor.after(tray);
    else main.prepend(tray);
  }

  // Messages are parts for say.js: strings are this script's words (ruby in the furigana
  // edition), { text } a number, { name } an office's name with the ruby its page gave it.
  function countText() {
    if (ids.length === 0) return ['くらべる 事業所は まだ えらんでいません（4か所まで えらべます）。'];
    return [{ text: ids.length }, 'か所を えらんでいます（4か所まで）：', ...nameList()];
  }

  function say(extra = []) {
    ensureTray();
    shirubeSay(status, ...extra, ...(extra.length > 0 ? [' '] : []), ...countText());
    // From a folder (file://) a link must name the file, not the folder.
    const page = window.location.protocol === 'file:' ? 'compare/index.html' : 'compare/';
    if (trayLink) trayLink.href = `${root}${page}${ids.length ? `?ids=${ids.map(encodeURIComponent).join(',')}` : ''}`;
  }

  // ---- toggles
  function addToggle(target) {
    if (target.querySelector(':scope .compare-toggle')) return;
    const id = target.dataset.compareId;
    const button = el('button', 'compare-toggle');
    button.type = 'button';
    button.dataset.compareFor = id;
    button.append(el('span', 'compare-check'), 'くらべる');
    button.append(el('span', 'visually-hidden', `：${target.dataset.compareName || ''}`));
    button.setAttribute('aria-pressed', String(ids.includes(id)));
    button.addEventListener('click', () => toggle(id));
    const slot = target.tagName === 'TR' ? target.querySelector('th') :
      target.querySelector('.entry-header') || target;
    const wrap = el(target.tagName === 'TR' ? 'span' : 'p', 'compare-toggle-wrap');
    wrap.append(button);
    slot.append(wrap);
  }

  function syncToggles() {
    for (const b of document.querySelectorAll('.compare-toggle')) {
      b.setAttribute('aria-pressed', String(ids.includes(b.dataset.compareFor)));
    }
  }

  function toggle(id) {
    let extra;
    if (ids.includes(id)) {
      ids = ids.filter((x) => x !== id);
      extra = [{ name: nameOf(id) }, 'を はずしました。'];
    } else if (ids.length >= MAX) {
      extra = ['4か所まで です。ほかを はずしてから えらんでください。'];
    } else {
      ids = [...ids, id];
      remember(id);
      extra = [{ name: nameOf(id) }, 'を えらびました。'];
    }
    save(ids);
    saveNames();
    syncToggles();
    renderPicked();
    say(extra);
  }

  function enhance(scope) {
    const targets = scope.querySelectorAll('[data-compare-id]');
    if (targets.length === 0) return;
    ensureTray();
    for (const t of targets) {
      addToggle(t);
      if (ids.includes(t.dataset.compareId)) remember(t.dataset.compareId);
    }
    saveNames();
    if (!status.textContent) say();
  }

  // ---- the side-by-side table on compare/
  let rendering = 0;
  async function renderPicked() {
    if (!picked) return;
    const turn = ++rendering;
    if (rowsFromEntries) {
      await Promise.all(ids.map(fetchRow));
      // A later choice started its own table meanwhile.
      if (turn !== rendering) return;
    }
    const holder = picked.querySelector('.compare-picked-table');
    holder.replaceChildren();
    const rows = ids.map(rowOf).filter(Boolean);
    const unread = ids.filter((id) => !rowOf(id));
    picked.hidden = false;
    const url = new URL(window.location.href);
    if (unread.length > 0) {
      const note = el('p', 'compare-unread');
      shirubeSay(note, { text: unread.length }, 'か所の ようすを 読みこめませんでした（インターネットに つながっているか、たしかめてください）：');
      unread.forEach((id, i) => {
        const link = el('a');
        shirubeSay(link, { name: nameOf(id) });
        link.href = `${root}entries/${encodeURIComponent(id)}/`;
        note.append(i ? '、' : '', link);
      });
      holder.append(note);
    }
    if (rows.length === 0) {
      url.searchParams.delete('ids');
      const hint = el('p');
      shirubeSay(hint, rowsFromEntries ?
        '表の ページや 一覧、事業所の ページで「くらべる」を 押して えらんでください。' :
        '下の 表の「くらべる」を 押すか、一覧や 事業所の ページで えらんでください。');
      holder.append(hint);
    } else {
      url.searchParams.set('ids', ids.join(','));
    }
    try {
      window.history.replaceState(null, '', url.pathname + url.search.replace(/%2C/g, ',') + url.hash);
    } catch {
      /* file:// in some browsers: the share link below still has the ids */
    }
    const share = picked.querySelector('.compare-share');
    share.href = rows.length ? `?ids=${ids.map(encodeURIComponent).join(',')}` : './';
    picked.querySelector('.compare-actions').hidden = rows.length === 0;
    document.documentElement.classList.toggle('compare-has-picks', rows.length > 0);
    if (rows.length === 0) return;

    // The header cells themselves, not their text: the furigana edition's have ruby, whose
    // text alone read 定員(ていいん).
    const labels = rowsFromEntries ? [...fetched.get(rows[0].dataset.compareId).labels] :
      [...document.querySelectorAll('.compare-table thead th')].slice(1);
    labels.length = Math.min(labels.length, rows[0].cells.length - 1);
    const table = el('table', 'compare-side');
    const caption = el('caption');
    shirubeSay(caption, 'えらんだ 事業所（', { text: rows.length }, 'か所）');
    caption.id = 'compare-side-caption';
    const head = el('tr');
    head.append(el('th'));
    shirubeSay(head.firstChild, '項目');
    head.firstChild.scope = 'col';
    for (const row of rows) {
      const th = el('th');
      th.scope = 'col';
      const link = row.querySelector('th a').cloneNode(true);
      const name = el('span', 'compare-side-name');
      name.append(link);
      const remove = el('button', 'compare-remove', 'はずす');
      remove.type = 'button';
      remove.append(el('span', 'visually-hidden', `：${row.dataset.compareName}`));
      remove.addEventListener('click', () => {
        toggle(row.dataset.compareId);
        document.getElementById('compare-picked-h').focus();
      });
      th.append(name, remove);
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    labels.forEach((label, i) => {
      const tr = el('tr');
      const th = el('th');
      for (const n of label.childNodes) th.append(document.importNode(n, true));
      th.scope = 'row';
      tr.append(th);
      for (const row of rows) {
        const td = el('td');
        for (const n of row.cells[i + 1].childNodes) td.append(n.cloneNode(true));
        tr.append(td);
      }
      tbody.append(tr);
    });
    table.append(caption, thead, tbody);
    const scroller = el('div', 'table-scroll');
    scroller.setAttribute('role', 'region');
    scroller.tabIndex = 0;
    scroller.setAttribute('aria-labelledby', caption.id);
    scroller.append(table);
    holder.append(scroller);
  }

  if (picked) {
    picked.querySelector('#compare-picked-h').tabIndex = -1;
    picked.querySelector('.compare-print').addEventListener('click', () => window.print());
    picked.querySelector('.compare-clear').addEventListener('click', () => {
      ids = [];
      save(ids);
      syncToggles();
      renderPicked();
      say(['えらんだ 事業所を ぜんぶ はずしました。']);
    });
  }
  const pickedShown = picked ? renderPicked() : null;
  enhance(document);
  if (picked) {
    const greeting = () => say(storageOk ? [] : ['このブラウザでは えらんだ事業所を おぼえておけません。']);
    greeting();
    // Rows read from the offices' pages bring their names: say them once they are here.
    pickedShown.then(() => {
      if (rowsFromEntries) greeting();
    });
  }

  // Search results arrive after the page: give them toggles as they come.
  const results = document.getElementById('search-results');
  if (results) {
    new MutationObserver(() => enhance(results)).observe(results, { childList: true, subtree: true });
  }
})();

// Opened from a folder (file://, a USB stick at a school with no network): the browser does not
// let pages read the search index there (and does not run the search page's module script), so
// search cannot work. Say so plainly instead of failing silently: the search page shows its
// notice and points to the listings, and search boxes open the search page's file rather than a
// folder. Links between pages end in a folder's name (entries/komugi/), which a browser shows
// as a file list when read from disk: they get their index.html here.
(() => {
  if (window.location.protocol !== 'file:') return;
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#')) continue;
    const m = /^([^?#]*\/)([?#].*)?$/.exec(href);
    if (m) a.setAttribute('href', `${m[1]}index.html${m[2] || ''}`);
    else if (href === '') a.setAttribute('href', 'index.html');
  }
  for (const form of document.querySelectorAll('form[role="search"]')) {
    const action = form.getAttribute('action') || '';
    if (action.endsWith('/')) form.setAttribute('action', `${action}index.html`);
  }
  const notice = document.getElementById('search-offline');
  if (!notice) return;
  notice.hidden = false;
  const status = document.getElementById('search-status');
  const form = document.querySelector('form[data-search-index]');
  const q = new URLSearchParams(window.location.search).get('q');
  const say = () => {
    if (status) shirubeSay(status, 'フォルダから ひらいているので、ことばで さがせません。下の 一覧から さがしてください。');
  };
  if (q) say();
  form?.addEventListener('submit', (e) => {
    e.preventDefault();
    say();
    notice.querySelector('a')?.focus();
  });
})();

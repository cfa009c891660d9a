// Remembers the reader's choice between the plain pages and their furigana twins. The switch is a
// plain link that works without JavaScript; this only adds memory: after choosing furigana once,
// every page opens in furigana until the reader switches back.
(() => {
  const KEY = 'shirube-edition';
  const link = document.querySelector('.edition-switch a[data-edition]');
  if (!link) return;
  const current = document.documentElement.classList.contains('edition-furigana') ? 'furigana' : 'plain';
  let wanted = null;
  try {
    wanted = window.localStorage.getItem(KEY);
  } catch {
    return; // storage blocked: the link still works
  }
  link.addEventListener('click', () => {
    try {
      window.localStorage.setItem(KEY, link.dataset.edition);
    } catch {
      /* the link still navigates */
    }
  });
  if (wanted && wanted !== current && wanted === link.dataset.edition) {
    window.location.replace(link.href + window.location.search + window.location.hash);
  }
})();

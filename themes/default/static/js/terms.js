// Glossary terms explained where they appear. The build links the first use of each term on a
// page to the glossary (a.term-link, with the definition in data-term-definition, and in the
// furigana edition its ruby in a template after the link); without this
// script that link is the way. This turns each into a disclosure: role=button with
// aria-expanded, showing the definition right after the word on tap, click, Enter or Space —
// never on hover alone — with a link to the glossary inside. Escape closes it again.
(() => {
  let n = 0;
  for (const link of document.querySelectorAll('a.term-link[data-term-definition]')) {
    n += 1;
    const id = `term-tip-${n}`;
    // The word stays a link (to the glossary, where the script does not run) and acts as a
    // button: inline in the sentence, so it keeps the text's size (WCAG 2.5.8's inline case).
    const button = link;
    button.setAttribute('role', 'button');
    button.classList.add('term-button');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', id);
    const tip = document.createElement('span');
    tip.className = 'term-tip';
    tip.id = id;
    tip.hidden = true;
    tip.setAttribute('role', 'note');
    const text = document.createElement('span');
    text.className = 'term-tip-text';
    // The furigana edition follows the link with the definition's ruby, in a template.
    const ruby = link.nextElementSibling;
    if (ruby?.matches('template.term-definition')) text.append(ruby.content.cloneNode(true));
    else text.textContent = link.dataset.termDefinition;
    const more = document.createElement('a');
    more.href = link.getAttribute('href');
    shirubeSay(more, '用語集で くわしく');
    tip.append(text, ' ', more);
    const set = (open) => {
      button.setAttribute('aria-expanded', String(open));
      tip.hidden = !open;
    };
    button.addEventListener('click', (e) => {
      e.preventDefault();
      set(tip.hidden);
    });
    button.addEventListener('keydown', (e) => {
      if (e.key === ' ') {
        e.preventDefault();
        set(tip.hidden);
      } else if (e.key === 'Escape' && !tip.hidden) {
        set(false);
        e.preventDefault();
      }
    });
    tip.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        set(false);
        button.focus();
      }
    });
    link.after(tip);
  }
})();

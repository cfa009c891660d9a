// Writes a script's message into an element. In the furigana edition its words get the ruby the
// build read over them (static/js/script-words.txt → script-words.js, loaded before this): the
// status lines, the compare tray and the other texts that scripts write are read as the page
// around them. In the plain edition, or for a word the build did not read, the text is as given.
//
//   shirubeSay(element, '「', { text: words }, '」で ', { text: total }, '件 見つかりました。')
//
// Strings are the script's own words and get ruby; `{ text }` parts (what a visitor typed, a
// number) are written as they are: the scripts' few readings are not theirs. `{ name: pieces }`
// is a text as a page showed it (an office's name): strings, and [base, reading] for its ruby,
// which only the furigana edition writes as ruby.
(() => {
  const furigana = globalThis.shirubeScriptWords !== undefined;
  const words = globalThis.shirubeScriptWords || {};
  // Longest first, so 事業所 is read before a shorter word that begins it.
  const bases = Object.keys(words).sort((a, b) => b.length - a.length);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = bases.length > 0 ? new RegExp(bases.map(escape).join('|'), 'gu') : null;

  const ruby = (base, reading) => {
    const node = document.createElement('ruby');
    const rt = document.createElement('rt');
    const open = document.createElement('rp');
    const close = document.createElement('rp');
    open.textContent = '(';
    rt.textContent = reading;
    close.textContent = ')';
    node.append(base, open, rt, close);
    return node;
  };

  /** Appends the script's own `text`, with ruby over the words the build read. */
  const appendWords = (element, text) => {
    if (!pattern) {
      element.append(text);
      return;
    }
    let at = 0;
    for (const match of text.matchAll(pattern)) {
      if (match.index > at) element.append(text.slice(at, match.index));
      element.append(ruby(match[0], words[match[0]]));
      at = match.index + match[0].length;
    }
    if (at < text.length) element.append(text.slice(at));
  };

  /** Replaces `element`'s content with `parts` (see above). */
  globalThis.shirubeSay = (element, ...parts) => {
    element.replaceChildren();
    globalThis.shirubeSayMore(element, ...parts);
  };

  /** Appends `parts` to `element`'s content. */
  globalThis.shirubeSayMore = (element, ...parts) => {
    for (const part of parts) {
      if (typeof part === 'string') appendWords(element, part);
      else if (part && part.text !== undefined) element.append(String(part.text));
      else if (part && Array.isArray(part.name)) appendPieces(element, part.name);
    }
  };

  const appendPieces = (element, pieces) => {
    for (const piece of pieces) {
      if (typeof piece === 'string') element.append(piece);
      else if (Array.isArray(piece) && furigana && piece[1]) element.append(ruby(String(piece[0]), String(piece[1])));
      else if (Array.isArray(piece)) element.append(String(piece[0] ?? ''));
    }
  };
})();

// Marks where a query occurs in a text, comparing both as the analyser sees them (so パン marks
// ﾊﾟﾝ and ぱん, and 障がい marks 障害), and returns the marks as ranges of the ORIGINAL text.
// Pure functions, no DOM: search-ui.js turns the ranges into <mark> elements with textContent,
// never innerHTML, because entry text comes from providers.

import { normalize } from './search-analyze.js';

// The query's searchable pieces: maximal runs of letters, digits, kana and kanji after
// normalisation. Single characters are kept (a one-character query still marks).
function pieces(query) {
  const runs = normalize(query).match(/[\p{L}\p{N}ー々〆]+/gu) || [];
  return [...new Set(runs)].sort((a, b) => b.length - a.length);
}

// Replaces `from` by `to` (one unit shorter or as long) in `normal`, keeping `origin` aligned:
// the last unit of `to` covers the source of the rest of `from`.
function unify(normal, origin, from, to) {
  let out = '';
  const map = [];
  let i = 0;
  for (let at = normal.indexOf(from); at >= 0; at = normal.indexOf(from, at + from.length)) {
    out += normal.slice(i, at) + to;
    map.push(...origin.slice(i, at));
    for (let k = 0; k < to.length - 1; k++) map.push(origin[at + k]);
    map.push([origin[at + to.length - 1][0], origin[at + from.length - 1][1]]);
    i = at + from.length;
  }
  out += normal.slice(i);
  map.push(...origin.slice(i));
  return [out, map];
}

/**
 * Ranges [start, end) in UTF-16 units of `text` where a piece of `query` occurs, merged and in
 * order. Each original character is normalised on its own, and a match maps back to the
 * characters that produced it.
 */
export function highlightRanges(text, query) {
  const wanted = pieces(query);
  if (wanted.length === 0 || !text) return [];
  let normal = '';
  let origin = []; // for each UTF-16 unit of `normal`, the [start, end) of its source character
  let at = 0;
  for (const ch of text) {
    const folded = normalize(ch);
    for (let i = 0; i < folded.length; i++) origin.push([at, at + ch.length]);
    normal += folded;
    at += ch.length;
  }
  // the analyser's spelling unification works on several characters: redo it with positions
  for (const variant of ['障がい', '障碍']) {
    [normal, origin] = unify(normal, origin, variant, '障害');
  }
  const ranges = [];
  for (const piece of wanted) {
    let from = normal.indexOf(piece);
    while (from >= 0) {
      const last = from + piece.length - 1;
      ranges.push([origin[from][0], origin[last][1]]);
      from = normal.indexOf(piece, from + piece.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const top = merged[merged.length - 1];
    if (top && r[0] <= top[1]) top[1] = Math.max(top[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

// The Japanese analyser of the site search. It mirrors src/search/analyze.rs rule for rule;
// tests/search/analyzer-vectors.json is checked against both, so the index (built in Rust) and the
// query (split here) always agree. Change both or neither, and bump ANALYZER_VERSION.
//
// 1. NFKC.  2. katakana → hiragana, ヵ/ヶ → か/け, ～ 〜 〰 → ー, A–Z and Latin-1 capitals → lower
// case (fixed ranges only, never toLowerCase(), whose tables differ between engines).
// 3. 障がい, 障碍 → 障害.  4. CJK runs → bigrams (a one-character run → that character); Latin
// letters and digits → whole words (16,500 → 16500); ー continues a run only after kana; the rest
// separates. The index also stores each run's last character (indexTerms) and bigrams bridging
// up to two separators between runs.

export const ANALYZER_VERSION = 1;

const MAX_WORD_CHARS = 40;
const LONG_MARK = 0x30fc;
// Separators (spaces, ・, 〜, brackets) a bridge bigram may cross in the index.
const MAX_BRIDGE_GAP = 2;

const WORD = 1;
const CJK = 2;
const LONG = 3;
const OTHER = 0;

function foldCodePoint(cp) {
  if ((cp >= 0x30a1 && cp <= 0x30f4) || cp === 0x30fd || cp === 0x30fe) return cp - 0x60;
  if (cp === 0x30f5 || cp === 0x3095) return 0x304b;
  if (cp === 0x30f6 || cp === 0x3096) return 0x3051;
  if (cp === 0x7e || cp === 0x301c || cp === 0x3030) return LONG_MARK;
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0xc0 && cp <= 0xd6) || (cp >= 0xd8 && cp <= 0xde)) {
    return cp + 0x20;
  }
  return cp;
}

function classOf(cp) {
  if (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xc0 && cp <= 0xd6) ||
    (cp >= 0xd8 && cp <= 0xf6) ||
    (cp >= 0xf8 && cp <= 0x24f)
  ) {
    return WORD;
  }
  if (cp === LONG_MARK) return LONG;
  if (
    (cp >= 0x3005 && cp <= 0x3007) ||
    (cp >= 0x3041 && cp <= 0x3096) ||
    (cp >= 0x309d && cp <= 0x309f) ||
    (cp >= 0x30a1 && cp <= 0x30fa) ||
    (cp >= 0x30fd && cp <= 0x30ff) ||
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  ) {
    return CJK;
  }
  return OTHER;
}

/** The text as the tokenizer sees it: NFKC, folded, with the 障害 spellings unified. */
export function normalize(text) {
  let folded = '';
  for (const ch of String(text).normalize('NFKC')) {
    folded += String.fromCodePoint(foldCodePoint(ch.codePointAt(0)));
  }
  return folded.replaceAll('障がい', '障害').replaceAll('障碍', '障害');
}

/** True for a token that is one CJK character: the client looks such tokens up as prefixes. */
export function isSingleCjk(token) {
  const cps = Array.from(token);
  return cps.length === 1 && classOf(cps[0].codePointAt(0)) === CJK;
}

/** True for a Latin word or number token. */
export function isWord(token) {
  const first = token.codePointAt(0);
  return first !== undefined && classOf(first) === WORD;
}

/**
 * Query and document tokens: bigrams of CJK runs (a one-character run gives that character) and
 * whole lower-cased Latin words and numbers, in text order, duplicates kept.
 */
export function analyze(text) {
  return tokens(text, false);
}

/** What the index stores for a text: analyze() plus the last character of every longer CJK run. */
export function indexTerms(text) {
  return tokens(text, true);
}

/**
 * What a query looks up: analyze(), but of a CJK run's bigrams only enough to cover every
 * character — every other one, and the last (ワークセンター: わー くせ んた たー, not the six).
 * A document with the whole run has every bigram, so nothing it matched is lost; each bigram is
 * one term shard to fetch, so a long word costs about half as much to look up; a query of more
 * than eight such bigrams keeps eight, spread over it. Browser only:
 * the index keeps every bigram, and the Rust analyser has no counterpart.
 */
export function queryTokens(text) {
  const out = tokens(text, false, true);
  const bigrams = out.filter((t) => Array.from(t).length === 2 && !isWord(t));
  if (bigrams.length <= MAX_QUERY_BIGRAMS) return out;
  // A long query (a whole reading: しゅうろうけいぞくしえんえーがた…) keeps evenly spread bigrams,
  // the first and the last among them: as many pieces of it are as sure a match, for a fixed cost.
  const keep = new Set();
  for (let i = 0; i < MAX_QUERY_BIGRAMS; i++) {
    keep.add(bigrams[Math.round((i * (bigrams.length - 1)) / (MAX_QUERY_BIGRAMS - 1))]);
  }
  return out.filter((t) => !bigrams.includes(t) || keep.has(t));
}

// The most bigrams a query looks up: each is a term shard (a few kB) to fetch before the first
// result shows. Eight keep a first query of a 10,000-entry guide under 100 kB.
const MAX_QUERY_BIGRAMS = 8;

/** "#" + FNV-1a (UTF-8) of the normalised text without separators: the whole-name token. */
export function exactKey(text) {
  let key = '';
  for (const ch of normalize(text)) {
    if (classOf(ch.codePointAt(0)) !== OTHER) key += ch;
  }
  if (key === '') return null;
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return '#' + hash.toString(16).padStart(8, '0');
}

function isDigit(ch) {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

// Kana (after folding) and ー: what a long mark may follow. After a kanji, 〜 is decoration.
function isKana(ch) {
  const cp = ch.codePointAt(0);
  return (
    (cp >= 0x3041 && cp <= 0x3096) ||
    (cp >= 0x309d && cp <= 0x309f) ||
    (cp >= 0x30a1 && cp <= 0x30fa) ||
    (cp >= 0x30fc && cp <= 0x30ff) ||
    (cp >= 0x31f0 && cp <= 0x31ff)
  );
}

function tokens(text, withTail, cover = false) {
  const chars = Array.from(normalize(text));
  const out = [];
  let run = [];
  let word = '';
  // For bridges: the last character of the previous run, and how many separators followed it.
  let previous = null;
  let gap = 0;
  const flushRun = () => {
    if (run.length === 0) return;
    if (run.length === 1) {
      out.push(run[0]);
    } else {
      const last = run.length - 2; // the last bigram's first character
      for (let i = 0; i <= last; i++) {
        if (!cover || i % 2 === 0 || i === last) out.push(run[i] + run[i + 1]);
      }
      const end = run[run.length - 1];
      if (withTail && end.codePointAt(0) !== LONG_MARK) out.push(end);
    }
    previous = run[run.length - 1];
    gap = 0;
    run = [];
  };
  const flushWord = () => {
    if (word !== '') out.push(Array.from(word).slice(0, MAX_WORD_CHARS).join(''));
    word = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const kind = classOf(ch.codePointAt(0));
    if (kind === WORD) {
      flushRun();
      previous = null; // a Latin word between two runs: no bridge
      word += ch;
    } else if (kind === CJK) {
      flushWord();
      // In the index, a run that follows another across at most MAX_BRIDGE_GAP separators also
      // gets the bigram across them (所 チ → 所ち), so queries typed without the space match.
      if (run.length === 0 && withTail && gap <= MAX_BRIDGE_GAP && previous !== null) {
        out.push(previous + ch);
      }
      run.push(ch);
    } else if (kind === LONG && run.length > 0 && isKana(run[run.length - 1])) {
      run.push(ch);
    } else {
      if (ch === ',' && isDigit(chars[i - 1]) && isDigit(chars[i + 1])) continue;
      flushRun();
      flushWord();
      gap += 1;
    }
  }
  flushRun();
  flushWord();
  return out;
}

// The browser analyser against the shared vectors (analyzer-vectors.json), which the Rust unit
// test in src/search/analyze.rs checks too: if both pass, Rust and the browser split alike.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ANALYZER_VERSION,
  analyze,
  exactKey,
  indexTerms,
  isSingleCjk,
  queryTokens,
} from '../../themes/default/static/js/search-analyze.js';
import { readJson } from './helpers.mjs';

const { version, vectors } = await readJson('analyzer-vectors.json');

test('vectors are for this analyser version', () => {
  assert.equal(version, ANALYZER_VERSION);
  assert.ok(vectors.length >= 30);
});

for (const v of vectors) {
  test(`${JSON.stringify(v.input)} (${v.why})`, () => {
    assert.deepEqual(analyze(v.input), v.tokens);
    assert.deepEqual(indexTerms(v.input), v.index_terms);
    assert.equal(exactKey(v.input), v.exact_key);
  });
}

test('variants meet', () => {
  assert.deepEqual(analyze('ﾊﾟﾝ工房'), analyze('パン工房'));
  assert.deepEqual(analyze('パン工房'), analyze('ぱん工房'));
  assert.deepEqual(analyze('障がい者'), analyze('障害者'));
  assert.deepEqual(analyze('ＹＢＳ'), ['ybs']);
});

test('one-character tokens are recognised for prefix look-up', () => {
  assert.equal(isSingleCjk('北'), true);
  assert.equal(isSingleCjk('𠮷'), true);
  assert.equal(isSingleCjk('北部'), false);
  assert.equal(isSingleCjk('a'), false);
});

test('a query looks up enough bigrams of a run to cover every character', () => {
  assert.deepEqual(queryTokens('ワークセンター'), ['わー', 'くせ', 'んた', 'たー']);
  assert.deepEqual(queryTokens('就労継続支援'), ['就労', '継続', '支援']);
  assert.deepEqual(queryTokens('東京都'), ['東京', '京都']);
  assert.deepEqual(queryTokens('パン'), ['ぱん']);
  assert.deepEqual(queryTokens('北 ybs'), ['北', 'ybs']);
  // each run on its own: 支援 ends one run, 東京 begins the next
  assert.deepEqual(queryTokens('就労支援 東京都'), ['就労', '支援', '東京', '京都']);
});

test('every character of every vector is in a query bigram or token it keeps (up to 8 bigrams)', () => {
  for (const v of vectors) {
    const all = analyze(v.input);
    const kept = queryTokens(v.input);
    assert.ok(kept.every((t) => all.includes(t)), `${v.input}: ${kept} not all in ${all}`);
    if (kept.filter((t) => Array.from(t).length === 2).length >= 8) continue; // thinned: below
    const covered = new Set(kept.flatMap((t) => Array.from(t)));
    for (const t of all) {
      for (const ch of t) assert.ok(covered.has(ch), `${v.input}: ${ch} of ${t} is not covered`);
    }
  }
});

test('a long query keeps eight bigrams spread over it, the first and the last among them', () => {
  const reading = 'しゅうろうけいぞくしえんえーがたじぎょうしょ';
  const all = queryTokens('しゅうろうけいぞくしえん'); // under the limit: the whole cover
  assert.equal(all.length, 6);
  const kept = queryTokens(reading);
  assert.equal(kept.length, 8);
  assert.equal(kept[0], 'しゅ');
  assert.equal(kept[kept.length - 1], 'しょ');
  const cover = analyze(reading).filter((_, i, a) => i % 2 === 0 || i === a.length - 1);
  assert.ok(kept.every((t) => cover.includes(t)));
  assert.deepEqual(queryTokens('ybs 北'), ['ybs', '北'], 'words and single characters are kept');
});

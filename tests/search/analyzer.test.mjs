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

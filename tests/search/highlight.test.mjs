// Query marks in result names and snippets: found through the analyser's eyes, mapped back.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightRanges } from '../../themes/default/static/js/search-highlight.js';

const marked = (text, query) => highlightRanges(text, query).map(([a, b]) => text.slice(a, b));

test('marks across scripts and widths', () => {
  assert.deepEqual(marked('パン工房こむぎ', 'ぱん'), ['パン']);
  assert.deepEqual(marked('ＳＯＬＡ就労支援センター', 'sola'), ['ＳＯＬＡ']);
  assert.deepEqual(marked('障がい者就労サポート', '障害者'), ['障がい者']);
  assert.deepEqual(marked('ﾜｰｸﾌﾟﾗｻﾞ北', 'ワーク'), ['ﾜｰｸ']);
});

test('marks every word and merges overlaps', () => {
  assert.deepEqual(marked('送迎あり。昼食あり。', '送迎 昼食'), ['送迎', '昼食']);
  assert.deepEqual(marked('ワークワーク', 'ワーク ワ'), ['ワークワーク']);
});

test('nothing to mark', () => {
  assert.deepEqual(highlightRanges('パン', ''), []);
  assert.deepEqual(highlightRanges('', 'パン'), []);
  assert.deepEqual(highlightRanges('パン', '、。'), []);
});

test('astral characters keep their surrogate pairs whole', () => {
  assert.deepEqual(marked('𠮷野家の弁当', '野家'), ['野家']);
  assert.deepEqual(marked('𠮷野家', '𠮷'), ['𠮷']);
});

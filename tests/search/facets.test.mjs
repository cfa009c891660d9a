// The facet predicate on a hand-made table (the column format of src/search/facets.rs).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { facetPredicate, isEmptyFilter } from '../../themes/default/static/js/search-facets.js';

const table = {
  kinds: ['center', 'office'],
  services: ['a-type', 'b-type', 'transition'],
  areas: ['kita', 'minami'],
  accepts: ['intellectual', 'mental'],
  k: [1, 1, 1, 0],
  s: [[1], [0], [1, 2], []],
  a: [0, 1, 0, -1],
  c: [[0], [1], [0, 1], []],
  t: '1201',
  l: '1100',
  sat: '0110',
  w: [16500, 90000, 0, 0],
};

const matching = (filters) => [0, 1, 2, 3].filter(facetPredicate(table, filters));

test('empty filters', () => {
  assert.equal(isEmptyFilter({}), true);
  assert.equal(isEmptyFilter({ service: [], transport: false }), true);
  assert.equal(isEmptyFilter({ wage_min: 0 }), false);
  assert.deepEqual(matching({}), [0, 1, 2, 3]);
});

test('choices within a group are alternatives', () => {
  assert.deepEqual(matching({ service: ['b-type'] }), [0, 2]);
  assert.deepEqual(matching({ service: ['a-type', 'transition'] }), [1, 2]);
  assert.deepEqual(matching({ accepts: ['mental'] }), [1, 2]);
});

test('a kind is one more alternative to the services', () => {
  assert.deepEqual(matching({ kind: ['center'] }), [3]);
  assert.deepEqual(matching({ kind: ['center'], service: ['a-type'] }), [1, 3]);
});

test('groups combine with and', () => {
  assert.deepEqual(matching({ service: ['b-type'], area: ['kita'], accepts: ['mental'] }), [2]);
});

test('yes/no facts: unknown and no do not pass', () => {
  assert.deepEqual(matching({ transport: true }), [0, 3]);
  assert.deepEqual(matching({ lunch: true }), [0, 1]);
  assert.deepEqual(matching({ saturday: true }), [1, 2]);
  assert.deepEqual(matching({ transport: false }), [0, 1, 2, 3], 'false means "do not filter"');
});

test('wage range excludes unknown wages', () => {
  assert.deepEqual(matching({ wage_min: 10000 }), [0, 1]);
  assert.deepEqual(matching({ wage_max: 20000 }), [0]);
});

test('an unknown id matches nothing', () => {
  assert.deepEqual(matching({ area: ['nowhere'] }), []);
});

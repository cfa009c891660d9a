// The query set (queries.json) against the fixture index: `node --test tests/search/`.
// The fixture index is rebuilt from fixture-docs.json by `cargo test --test search`, which fails
// when the committed copy is stale, so these expectations always test the current Rust index.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documents, runQuery } from '../../themes/default/static/js/search.js';
import { openFixture, readJson } from './helpers.mjs';

const { queries } = await readJson('queries.json');
const index = await openFixture();

test('the query set has at least 50 queries', () => {
  assert.ok(queries.length >= 50, `only ${queries.length}`);
});

for (const item of queries) {
  const label = `[${item.group}] ${JSON.stringify(item.q)}${item.filters ? ' ' + JSON.stringify(item.filters) : ''}`;
  test(label, async () => {
    const result = await runQuery(index, item.q, { filters: item.filters });
    const shown = Math.max(10, item.n || 0);
    const ids = (await documents(index, result.hits.slice(0, shown).map((h) => h.doc))).map((d) => d.id);
    const context = `got ${JSON.stringify(ids)}`;
    if (item.none) {
      assert.equal(result.total, 0, context);
      return;
    }
    assert.ok(result.total > 0, 'no results');
    assert.equal(result.partial, item.partial === true, `partial should be ${item.partial === true}; ${context}`);
    if (typeof item.top === 'string') assert.equal(ids[0], item.top, context);
    if (Array.isArray(item.top)) {
      assert.deepEqual([...ids.slice(0, item.top.length)].sort(), [...item.top].sort(), context);
    }
    for (const id of item.within || []) {
      assert.ok(ids.slice(0, item.n || 3).includes(id), `${id} not in the first ${item.n || 3}; ${context}`);
    }
    if (item.count !== undefined) assert.equal(result.total, item.count, context);
  });
}

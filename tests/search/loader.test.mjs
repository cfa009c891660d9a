// How the client fetches: only what a query needs, by relative paths, and failing loudly.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FORMAT_VERSION, documents, openIndex, runQuery, search,
} from '../../themes/default/static/js/search.js';
import { areaBucket } from '../../themes/default/static/js/search-facets.js';
import { openFixture } from './helpers.mjs';

test('opening reads only the manifest', async () => {
  const log = [];
  await openFixture(log);
  assert.deepEqual(log, ['manifest.json']);
});

test('a query fetches a few term shards and no facet column', async () => {
  const log = [];
  const index = await openFixture(log);
  const { manifest } = index;
  await runQuery(index, 'パン工房こむぎ');
  const shards = log.filter((p) => p.includes('/t/'));
  assert.ok(shards.length >= 1 && shards.length < manifest.shards.length, JSON.stringify(log));
  assert.ok(!log.some((p) => p.includes('/f/')), JSON.stringify(log));
  for (const p of log) assert.ok(!p.startsWith('/') && !p.includes('://'), `${p} is not relative`);
});

test('a query with one filter fetches only that filter\'s column', async () => {
  for (const [filters, column] of [
    [{ area: ['kita'] }, `area/${areaBucket('kita', (await openFixture()).manifest.areaBuckets)}`],
    [{ service: ['b-type'], kind: [] }, 'service'],
    [{ accepts: ['mental'] }, 'accepts'],
    [{ saturday: true, transport: false }, 'saturday'],
    [{ wage_min: 10000, wage_max: 50000 }, 'wage'],
  ]) {
    const log = [];
    const index = await openFixture(log);
    await runQuery(index, 'パン', { filters });
    const columns = log.filter((p) => p.includes('/f/'));
    assert.deepEqual(columns, [`${index.manifest.build}/f/${column}.json`], JSON.stringify(filters));
  }
});

test('an area filter fetches only the buckets of its areas; an unknown area matches nothing', async () => {
  const log = [];
  const index = await openFixture(log);
  const { total } = await runQuery(index, '', { filters: { area: ['nowhere-at-all'] } });
  assert.equal(total, 0);
  const fetched = log.filter((p) => p.includes('/f/'));
  const bucket = areaBucket('nowhere-at-all', index.manifest.areaBuckets);
  assert.deepEqual(fetched, [`${index.manifest.build}/f/area/${bucket}.json`]);
});

test('each column is fetched once, however many queries read it', async () => {
  const log = [];
  const index = await openFixture(log);
  await runQuery(index, 'パン', { filters: { transport: true } });
  await runQuery(index, 'クッキー', { filters: { transport: true, lunch: true } });
  await runQuery(index, '', { filters: { lunch: true, kind: ['center'] } });
  const columns = log.filter((p) => p.includes('/f/')).map((p) => p.split('/f/')[1]);
  assert.deepEqual(columns, ['transport.json', 'lunch.json', 'kind.json']);
});

test('a filter whose column the manifest does not list is an error', async () => {
  const fixture = await openFixture();
  const facets = fixture.manifest.facets.filter((f) => f !== 'area');
  const manifest = JSON.stringify({ ...fixture.manifest, facets });
  const index = await openIndex(async (p) => (p === 'manifest.json' ? manifest : fixture.fetchShard(p)));
  await assert.rejects(runQuery(index, 'パン', { filters: { area: ['kita'] } }), /no facet column area/);
  assert.ok((await runQuery(index, 'パン', { filters: { lunch: true } })).total > 0);
});

test('search returns ids and scores, best first, limited', async () => {
  const index = await openFixture();
  const hits = await search(index, '送迎', { limit: 5 });
  assert.equal(hits.length, 5);
  for (const h of hits) assert.equal(typeof h.id, 'string');
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
  const next = await search(index, '送迎', { limit: 5, offset: 5 });
  assert.ok(!next.some((h) => hits.some((g) => g.id === h.id)));
});

test('documents carry what results show', async () => {
  const index = await openFixture();
  const { hits } = await runQuery(index, 'パン工房こむぎ');
  const [doc] = await documents(index, [hits[0].doc]);
  assert.equal(doc.id, 'komugi');
  assert.equal(doc.url, 'entries/komugi/');
  assert.equal(doc.name, 'パン工房こむぎ');
  assert.ok(doc.facts.some((f) => f.includes('送迎')));
  assert.ok(doc.snippet.length > 0);
});

test('the last Latin word is a prefix only when asked', async () => {
  const index = await openFixture();
  assert.equal((await runQuery(index, 'tec')).total, 0);
  const { hits } = await runQuery(index, 'tec', { prefix: true });
  const [doc] = await documents(index, [hits[0].doc]);
  assert.equal(doc.id, 'mirai-tech');
});

test('an index from another analyser version is refused', async () => {
  const manifest = {
    format: 'shirube-search', version: FORMAT_VERSION, analyzer: 999, docs: 0, shards: [],
  };
  await assert.rejects(openIndex(async () => JSON.stringify(manifest)), /analyser/);
});

test('a failed fetch rejects, and a later query retries it', async () => {
  let fail = true;
  const inner = (await openFixture()).fetchShard;
  const index = await openIndex(async (p) => {
    if (fail && p !== 'manifest.json') throw new Error('offline');
    return inner(p);
  });
  await assert.rejects(runQuery(index, 'パン'), /offline/);
  fail = false;
  assert.ok((await runQuery(index, 'パン')).total > 0);
});

test('an index of another format version is refused', async () => {
  const manifest = {
    format: 'shirube-search', version: FORMAT_VERSION - 1, analyzer: 1, docs: 0, shards: [],
  };
  await assert.rejects(openIndex(async () => JSON.stringify(manifest)), /unknown index format/);
});

test('an empty index answers nothing', async () => {
  const manifest = {
    format: 'shirube-search', version: FORMAT_VERSION, analyzer: 1, build: 'x', docs: 0, impactScale: 4,
    shards: [], docChunk: 1, docChunks: 0, facets: [],
  };
  const index = await openIndex(async () => JSON.stringify(manifest));
  assert.equal((await runQuery(index, 'パン')).total, 0);
});

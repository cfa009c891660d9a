// The facet predicate on hand-made columns (the format of src/search/facets.rs, spelled out here
// digit by digit), and the committed fixture's columns decoded against the documents they came from.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  areaBucket,
  codeAt,
  facetColumns,
  facetPredicate,
  hasBit,
  isEmptyFilter,
} from '../../themes/default/static/js/search-facets.js';
import { documents } from '../../themes/default/static/js/search.js';
import { openFixture, readJson } from './helpers.mjs';

// Four documents. A bitset's digit holds documents 0‥5 as bits 1, 2, 4, 8…: "5" is documents 0
// and 2, "8" document 3. Codes are `width` digits a document. Areas: the documents of each
// area as varints, the first number then the gaps ("02": 0 and 2).
const columns = {
  kind: { values: ['center', 'office'], bits: ['8', '7'] }, // office: 0, 1, 2; center: 3
  service: { values: ['a-type', 'b-type', 'transition'], bits: ['2', '5', '4'] }, // b: 0, 2
  area: { kita: '02', minami: '1' }, // 3 has no area
  accepts: { values: ['intellectual', 'mental'], bits: ['5', '6'] }, // mental: 1, 2
  transport: { bits: '9' }, // yes: 0 and 3 (1 said no, 2 said nothing)
  lunch: { bits: '3' }, // yes: 0 and 1
  saturday: { bits: '6' }, // 1 and 2
  // documents 0 and 1 give a wage ("3"), 16,500 = 4·64² + 1·64 + 52 → "41q" and
  // 90,000 = 21·64² + 62·64 + 16 → "L-G"
  wage: { bits: '3', width: 3, codes: '41qL-G' },
};

const matching = (filters) => [0, 1, 2, 3].filter(facetPredicate(columns, filters));

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
  assert.deepEqual(matching({ area: ['kita', 'minami'] }), [0, 1, 2]);
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
  assert.deepEqual(matching({ wage_min: 16500, wage_max: 16500 }), [0], 'to the yen');
  assert.deepEqual(matching({ wage_min: 16501 }), [1]);
});

test('an unknown id matches nothing', () => {
  assert.deepEqual(matching({ area: ['nowhere'] }), []);
  assert.deepEqual(matching({ service: ['nothing'] }), []);
});

test('each filter names the one column it reads', () => {
  assert.deepEqual(facetColumns({}), []);
  assert.deepEqual(facetColumns({ area: ['kita'] }), ['area']);
  assert.deepEqual(facetColumns({ service: ['b-type'], kind: [] }), ['service']);
  assert.deepEqual(facetColumns({ wage_min: 10000, wage_max: 50000 }), ['wage']);
  assert.deepEqual(facetColumns({ saturday: true, lunch: false }), ['saturday']);
  // only the columns named are needed
  const areaOnly = facetPredicate({ area: columns.area }, { area: ['minami'] });
  assert.deepEqual([0, 1, 2, 3].filter(areaOnly), [1]);
});

test('an area\'s bucket is the one src/search/facets.rs wrote it in', () => {
  // the same numbers as the Rust unit test every_area_lists_its_documents_in_its_bucket
  assert.equal(areaBucket('mito', 7), 1);
  assert.equal(areaBucket('sapporo-chuo', 130), 49);
  assert.equal(areaBucket('北区', 65), 12);
  assert.equal(areaBucket('kita', 1), 0);
});

test('bits past the first digit, and codes two digits wide', () => {
  // documents 5, 6 and 12: digit 0 has bit 5 (32, "W"), digits 1 and 2 bit 0
  const bits = 'W11';
  assert.deepEqual([...Array(18).keys()].filter((d) => hasBit(bits, d)), [5, 6, 12]);
  assert.equal(hasBit(bits, 100), false, 'past the end is not in the set');
  assert.deepEqual([0, 1, 2].map((d) => codeAt('0_10__', 2, d)), [63, 64, 4095]);
});

test('the fixture columns say what the fixture documents say', async () => {
  const index = await openFixture();
  const { manifest } = index;
  const column = async (name) =>
    JSON.parse(await index.fetchShard(`${manifest.build}/f/${name}.json`));
  const [kind, service, accepts, transport, lunch, saturday, wage] = await Promise.all(
    ['kind', 'service', 'accepts', 'transport', 'lunch', 'saturday', 'wage'].map(column),
  );
  const buckets = [...Array(manifest.areaBuckets).keys()].map((b) => column(`area/${b}`));
  const areas = Object.assign({}, ...(await Promise.all(buckets)));
  const byId = new Map((await readJson('fixture-docs.json')).map((d) => [d.id, d]));
  const numbers = [...Array(manifest.docs).keys()];
  const values = (col, d) => col.values.filter((_, i) => hasBit(col.bits[i], d));
  const wages = [];
  for (const doc of await documents(index, numbers)) {
    const source = byId.get(doc.id);
    const d = doc.doc;
    assert.deepEqual(values(kind, d), [source.kind], doc.id);
    assert.deepEqual(values(service, d), [...new Set(source.services)].sort(), doc.id);
    assert.deepEqual(values(accepts, d), [...new Set(source.accepts)].sort(), doc.id);
    const inArea = facetPredicate({ area: areas }, { area: [source.area] });
    assert.ok(inArea(d), `${doc.id} is in its area ${source.area}`);
    assert.equal(hasBit(transport.bits, d), source.transport === true, doc.id);
    assert.equal(hasBit(lunch.bits, d), source.lunch === true, doc.id);
    assert.equal(hasBit(saturday.bits, d), source.saturday, doc.id);
    assert.equal(hasBit(wage.bits, d), source.wage > 0, doc.id);
    if (source.wage > 0) wages.push(source.wage);
  }
  for (const [id, list] of Object.entries(areas)) {
    const bucket = JSON.parse(
      await index.fetchShard(`${manifest.build}/f/area/${areaBucket(id, manifest.areaBuckets)}.json`),
    );
    assert.equal(bucket[id], list, `${id} is in the bucket areaBucket names`);
  }
  const given = wages.map((_, i) => codeAt(wage.codes, wage.width, i));
  assert.deepEqual(given, wages, 'the wages of the documents that give one, in document order');
});

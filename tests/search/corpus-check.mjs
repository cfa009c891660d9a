// Corpus check, run by `cargo test --test search corpus` (tests/search/main.rs), which builds the
// index of all 8,566 real offices and writes the queries:
//   node tests/search/corpus-check.mjs <index dir> <queries.json>
// For every office: its reading (事業所の名称_かな) must find it in the top 3; its exact name
// (事業所の名称) must rank first. Prints a JSON report on stdout.
//
// Definitions (the data has offices that cannot be told apart by the query alone):
// - readingTop3: the office's own row is among the first 3 results. Strict: when more than three
//   rows share a reading (ひまわり: dozens), some of them must miss.
// - readingTop3Distinct: the same, over offices whose reading at most 3 rows share.
// - nameTop1: the first result's name is the queried name as the analyser sees it (ファースト and
//   ふぁーすと, ＡＩＬＥ and aile are one name to it). Several rows may carry one name: the same
//   office listed for two services (事業所番号 is shared), or offices in different prefectures
//   that share a name; a name query cannot choose between them, so any of them is right.
// - nameTop1Verbatim: the first result's name is the queried string, character for character.
// - nameTop1Own: the first result is the office's own row or a row with the same 事業所番号.
// - firstQuery: what a visitor's first query fetches (nothing cached: the manifest, the term
//   shards, the document chunks of the first page of 20 results), in raw bytes, for the words of
//   WORDS and the name and reading of every 40th office: the largest, the 95th percentile, and
//   the query that fetched the most.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { exactKey } from '../../themes/default/static/js/search-analyze.js';
import { documents, openIndex, runQuery } from '../../themes/default/static/js/search.js';

const [dir, queriesPath] = process.argv.slice(2);
if (!dir || !queriesPath) {
  console.error('usage: node corpus-check.mjs <index dir> <queries.json>');
  process.exit(2);
}

const queries = JSON.parse(await readFile(queriesPath, 'utf8'));
const index = await openIndex((p) => readFile(path.join(dir, p), 'utf8'));
const byId = new Map(queries.map((q) => [q.id, q]));

async function top(query, k) {
  const { hits } = await runQuery(index, query);
  const docs = await documents(index, hits.slice(0, k).map((h) => h.doc));
  return docs.map((d) => byId.get(d.id) || { id: d.id, name: d.name });
}

const readingShare = new Map();
for (const q of queries) readingShare.set(exactKey(q.reading), (readingShare.get(exactKey(q.reading)) || 0) + 1);

let readingOk = 0;
let distinct = 0;
let distinctOk = 0;
let nameOk = 0;
let nameVerbatimOk = 0;
let nameOwnOk = 0;
const readingMisses = [];
const nameMisses = [];
const started = performance.now();
for (const q of queries) {
  const byReading = await top(q.reading, 3);
  const found = byReading.some((r) => r.id === q.id);
  if (found) readingOk++;
  if (readingShare.get(exactKey(q.reading)) <= 3) {
    distinct++;
    if (found) distinctOk++;
    else if (readingMisses.length < 20) readingMisses.push({ reading: q.reading, got: byReading.map((r) => r.reading) });
  }

  const [first] = await top(q.name, 1);
  if (first && exactKey(first.name) === exactKey(q.name)) nameOk++;
  else if (nameMisses.length < 20) nameMisses.push({ name: q.name, got: first && first.name });
  if (first && first.name === q.name) nameVerbatimOk++;
  if (first && (first.id === q.id || (q.office && first.office === q.office))) nameOwnOk++;
}
const elapsed = performance.now() - started;
const n = queries.length;

// What families type that is not a name: service types, places, work, days.
const WORDS = [
  'ひまわり', 'ワークセンター', 'しゅうろういこうしえん', 'パン', '就労継続支援Ａ型 東京都', '土曜',
  '北', 'ybs', '就労移行支援', '就労継続支援B型', 'さぎょうしょ', '大阪市', '福祉会', 'カフェ',
];
const PAGE = 20; // search-ui.js PAGE_SIZE

async function firstQueryBytes(query) {
  let bytes = 0;
  const fresh = await openIndex(async (p) => {
    const data = await readFile(path.join(dir, p));
    bytes += data.length;
    return data;
  });
  const { hits } = await runQuery(fresh, query);
  await documents(fresh, hits.slice(0, PAGE).map((h) => h.doc));
  return bytes;
}

const sampled = [...WORDS, ...queries.filter((_, i) => i % 40 === 0).flatMap((q) => [q.name, q.reading])];
const firstQueries = [];
for (const query of sampled) firstQueries.push({ query, bytes: await firstQueryBytes(query) });
firstQueries.sort((a, b) => a.bytes - b.bytes);
const heaviest = firstQueries[firstQueries.length - 1];
console.log(
  JSON.stringify({
    offices: n,
    readingTop3: readingOk / n,
    readingTop3Distinct: distinctOk / distinct,
    nameTop1: nameOk / n,
    nameTop1Verbatim: nameVerbatimOk / n,
    nameTop1Own: nameOwnOk / n,
    queries: 2 * n,
    msPerQuery: Number((elapsed / (2 * n)).toFixed(3)),
    firstQuery: {
      queries: firstQueries.length,
      maxBytes: heaviest.bytes,
      p95Bytes: firstQueries[Math.floor(firstQueries.length * 0.95)].bytes,
      heaviest: heaviest.query,
    },
    readingMisses,
    nameMisses,
  }),
);

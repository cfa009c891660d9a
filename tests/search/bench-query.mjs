// Measures what a visitor's first query costs, for benches/search_bench.rs (or by hand):
//   node tests/search/bench-query.mjs <index dir> [--ruby] [--filters JSON] [--area ID] [query …]
// For each query, on a fresh index (nothing cached, as for a first visit): the files fetched
// (manifest, term shards, facet columns, the document chunks of the first 20 results), their raw
// and gzip sizes (what a server with gzip sends), and the time to answer; then the median time of
// the same query repeated with everything cached. Prints JSON.
// `--filters '{"area":["sapporo-chuo"],"transport":true}'` (the filters of search-facets.js) or
// `--area ID` (short for one area) applies to every query; an empty query ('') then lists what
// the filters keep, as the search page does when only a filter is set.
// `--ruby` fetches the document chunks with ruby, as the furigana edition's search page does.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { documents, openIndex, runQuery } from '../../themes/default/static/js/search.js';

const DEFAULT_QUERIES = [
  'ひまわり',
  'ワークセンター',
  'しゅうろういこうしえん',
  'パン',
  '就労継続支援Ａ型 東京都',
  '土曜',
  '北',
  'ybs',
];

const USAGE = 'usage: node bench-query.mjs <index dir> [--ruby] [--filters JSON] [--area ID] [query …]';

function parseArgs(args) {
  const rest = [];
  let filters;
  let ruby = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--ruby') ruby = true;
    else if (args[i] === '--filters' && i + 1 < args.length) filters = JSON.parse(args[++i]);
    else if (args[i] === '--area' && i + 1 < args.length) filters = { ...filters, area: [args[++i]] };
    else rest.push(args[i]);
  }
  return { dir: rest[0], queries: rest.slice(1), filters, ruby };
}

const { dir, queries: given, filters, ruby } = parseArgs(process.argv.slice(2));
if (!dir) {
  console.error(USAGE);
  process.exit(2);
}
const queries = given.length > 0 ? given : DEFAULT_QUERIES;
// The first page of results, as search-ui.js shows it (PAGE_SIZE).
const RESULTS_SHOWN = 20;

async function answer(index, query) {
  const result = await runQuery(index, query, { prefix: true, filters });
  await documents(index, result.hits.slice(0, RESULTS_SHOWN).map((h) => h.doc), { ruby });
  return result.total;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Raw bytes by kind of file: manifest, term shards (t), document chunks (d), facet columns (f).
function rawByKind(fetched) {
  const out = {};
  for (const f of fetched) {
    const kind = f.path === 'manifest.json' ? 'manifest' : f.path.split('/')[1];
    out[kind] = (out[kind] || 0) + f.raw;
  }
  return out;
}

const report = [];
for (const query of queries) {
  const fetched = [];
  const fetchShard = async (p) => {
    const bytes = await readFile(path.join(dir, p));
    fetched.push({ path: p, raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length });
    return bytes;
  };
  const t0 = performance.now();
  const index = await openIndex(fetchShard);
  const total = await answer(index, query);
  const cold = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await answer(index, query);
    warm.push(performance.now() - t);
  }
  report.push({
    query,
    ...(filters ? { filters } : {}),
    results: total,
    files: fetched.length,
    rawBytes: fetched.reduce((s, f) => s + f.raw, 0),
    gzipBytes: fetched.reduce((s, f) => s + f.gzip, 0),
    coldMs: Number(cold.toFixed(2)),
    warmMs: Number(median(warm).toFixed(3)),
    rawByKind: rawByKind(fetched),
    largest: fetched.sort((a, b) => b.gzip - a.gzip).slice(0, 3),
  });
}
console.log(JSON.stringify(report, null, 1));

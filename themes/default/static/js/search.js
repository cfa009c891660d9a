// The search core: loads the sharded index that src/search/ writes, splits a query exactly as Rust
// split the documents (search-analyze.js), scores, filters and returns ranked documents.
// No DOM here: it runs in the browser (search-ui.js) and under Node (tests/search/).
//
// Index files (all paths relative to the site's search/ folder; the format is documented in
// src/search/mod.rs): manifest.json, <build>/t/<i>.json term shards, <build>/d/<i>.json document
// chunks, <build>/f/<name>.json facet columns (one per filter) and <build>/f/area/<b>.json area
// buckets. Nothing is fetched until a query needs it, and a file once fetched is kept for the
// next queries.
//
// Scoring: score(doc) = Σ over query tokens of idf(token) × impact(token, doc) / impactScale,
// idf = ln(1 + (N − df + 0.5) / (df + 0.5)); impacts are BM25 per field × field boost, computed
// at build time. Every token must match ("AND"); when no document matches all of them, documents
// matching the most tokens are returned instead and the result says `partial: true`.
// A one-character CJK token (北) matches every indexed term starting with it, and with
// `prefix: true` so does the last Latin word (yb → ybs), for results as you type.

import { ANALYZER_VERSION, exactKey, isSingleCjk, isWord, queryTokens } from './search-analyze.js';
import { readVarints } from './search-digits.js';
import { areaBucket, facetColumns, facetPredicate } from './search-facets.js';

export { analyze } from './search-analyze.js';
export { FILTER_KEYS, facetColumns, facetPredicate, isEmptyFilter } from './search-facets.js';

const FORMAT = 'shirube-search';
/** The index format this script reads (src/search/manifest.rs `FORMAT_VERSION`). */
export const FORMAT_VERSION = 3;

/**
 * Opens an index. `fetchShard(path)` returns (a promise of) the text or bytes of the file at
 * `path`, relative to the search/ folder: from disk under Node, over HTTP in the browser (see
 * httpFetcher). Only manifest.json is read now.
 */
export async function openIndex(fetchShard) {
  const manifest = parse(await fetchShard('manifest.json'), 'manifest.json');
  if (manifest.format !== FORMAT || manifest.version !== FORMAT_VERSION) {
    throw new Error(`search: unknown index format ${manifest.format} ${manifest.version}`);
  }
  if (manifest.analyzer !== ANALYZER_VERSION) {
    throw new Error(`search: index analyser ${manifest.analyzer}, this script ${ANALYZER_VERSION}`);
  }
  return {
    manifest,
    fetchShard,
    files: new Map(), // path → promise of parsed JSON
    terms: new Map(), // term → decoded posting list, or null when absent
  };
}

/**
 * A fetchShard for the browser: paths resolve against `base` (the search/ folder's URL, itself
 * usually relative to the page, so the site works under any sub-path). The manifest is always
 * revalidated; the build folder's files are immutable.
 */
export function httpFetcher(base) {
  return async (path) => {
    const url = new URL(path, base);
    const response = await fetch(url, path === 'manifest.json' ? { cache: 'no-cache' } : {});
    if (!response.ok) throw new Error(`search: ${url} answered ${response.status}`);
    return response.text();
  };
}

function parse(data, path) {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`search: ${path} is not JSON: ${error.message}`);
  }
}

function load(index, path) {
  let file = index.files.get(path);
  if (!file) {
    file = Promise.resolve(index.fetchShard(path)).then((data) => parse(data, path));
    file.catch(() => index.files.delete(path)); // let a later query retry after a network error
    index.files.set(path, file);
  }
  return file;
}

// Code-point order, as Rust sorts the terms (plain < compares UTF-16 units, which differs
// for characters beyond U+FFFF).
function compare(a, b) {
  let i = 0;
  while (i < a.length && i < b.length) {
    const ca = a.codePointAt(i);
    const cb = b.codePointAt(i);
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return Math.sign(a.length - b.length);
}

function shardOf(starts, term) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (compare(starts[mid], term) <= 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Shard numbers that can hold `term` (exact) or any term starting with it (prefix). */
function shardsFor(starts, term, prefix) {
  if (starts.length === 0) return [];
  const first = shardOf(starts, term);
  const out = [first];
  if (prefix) {
    for (let i = first + 1; i < starts.length && starts[i].startsWith(term); i++) out.push(i);
  }
  return out;
}

function shardPath(manifest, i) {
  return `${manifest.build}/t/${i}.json`;
}

function idf(n, df) {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

// Gap-coded [doc, impact, gap, impact, …] → sorted docs and weights (impact × w).
function decodePairs(pairs, w) {
  const count = pairs.length >> 1;
  const docs = new Int32Array(count);
  const weights = new Float64Array(count);
  let doc = 0;
  for (let i = 0; i < count; i++) {
    doc = i === 0 ? pairs[0] : doc + pairs[2 * i];
    docs[i] = doc;
    weights[i] = pairs[2 * i + 1] * w;
  }
  return { docs, weights };
}

// Own keys only: a term such as "constructor" is not a posting list of every object.
function has(table, term) {
  return Object.prototype.hasOwnProperty.call(table, term);
}

// A stored term as sorted document numbers with weights (idf × impact / scale); or, for a term
// in most documents, as the sorted documents that lack it, one typical weight, and the
// documents whose weight is well above it (`exceptions`). See src/search/shards.rs.
function decode(manifest, shard, term) {
  const n = manifest.docs;
  const scale = manifest.impactScale;
  if (has(shard.p, term)) {
    const pairs = readVarints(shard.p[term]);
    const { docs, weights } = decodePairs(pairs, idf(n, pairs.length >> 1) / scale);
    return { complement: false, docs, weights };
  }
  if (!has(shard.n, term)) return null;
  const missing = readVarints(shard.n[term]);
  const docs = new Int32Array(missing.length - 1);
  let doc = 0;
  for (let i = 1; i < missing.length; i++) {
    doc = i === 1 ? missing[1] : doc + missing[i];
    docs[i - 1] = doc;
  }
  const w = idf(n, n - docs.length) / scale;
  const exceptions = decodePairs(readVarints((shard.x && shard.x[term]) || ''), w);
  return { complement: true, docs, weight: missing[0] * w, exceptions };
}

function find(docs, doc) {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] === doc) return mid;
    if (docs[mid] < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Weight of `matcher` for `doc`, or -1 when the document does not contain the token. */
function weightOf(matcher, doc) {
  const at = find(matcher.docs, doc);
  if (!matcher.complement) return at >= 0 ? matcher.weights[at] : -1;
  if (at >= 0) return -1;
  const special = find(matcher.exceptions.docs, doc);
  return special >= 0 ? matcher.exceptions.weights[special] : matcher.weight;
}

// Calls visit(doc, weight) for every document a complement matcher contains, in order.
function eachPresent(matcher, n, visit) {
  const { docs, exceptions } = matcher;
  let j = 0;
  let k = 0;
  for (let d = 0; d < n; d++) {
    if (j < docs.length && docs[j] === d) {
      j++;
      continue;
    }
    if (k < exceptions.docs.length && exceptions.docs[k] === d) visit(d, exceptions.weights[k++]);
    else visit(d, matcher.weight);
  }
}

// All stored terms starting with `prefix`, merged into one list keeping each document's best weight.
function prefixMatcher(index, shards, prefix) {
  const n = index.manifest.docs;
  const best = new Float64Array(n).fill(-1);
  for (const shard of shards) {
    for (const table of [shard.p, shard.n]) {
      if (!table) continue;
      for (const term of Object.keys(table)) {
        if (!term.startsWith(prefix)) continue;
        const m = cachedTerm(index, shard, term);
        if (m.complement) {
          eachPresent(m, n, (d, w) => {
            if (w > best[d]) best[d] = w;
          });
        } else {
          for (let i = 0; i < m.docs.length; i++) {
            if (m.weights[i] > best[m.docs[i]]) best[m.docs[i]] = m.weights[i];
          }
        }
      }
    }
  }
  const docs = [];
  const weights = [];
  for (let d = 0; d < n; d++) {
    if (best[d] >= 0) {
      docs.push(d);
      weights.push(best[d]);
    }
  }
  return { complement: false, docs: Int32Array.from(docs), weights: Float64Array.from(weights) };
}

function cachedTerm(index, shard, term) {
  let m = index.terms.get(term);
  if (m === undefined) {
    m = decode(index.manifest, shard, term);
    index.terms.set(term, m);
  }
  return m;
}

const EMPTY = { complement: false, docs: new Int32Array(0), weights: new Float64Array(0) };

async function matcherFor(index, term, prefix) {
  const { manifest } = index;
  const numbers = shardsFor(manifest.shards, term, prefix);
  const shards = await Promise.all(numbers.map((i) => load(index, shardPath(manifest, i))));
  if (prefix) return prefixMatcher(index, shards, term);
  if (shards.length === 0) return EMPTY;
  return cachedTerm(index, shards[0], term) || EMPTY;
}

/** The query's distinct tokens, each marked as exact or prefix. */
export function queryTerms(query, options = {}) {
  const tokens = [...new Set(queryTokens(query))];
  const endsInSpace = /\s$/u.test(query);
  return tokens.map((token, i) => ({
    token,
    prefix:
      isSingleCjk(token) ||
      (options.prefix === true && !endsInSpace && i === tokens.length - 1 && isWord(token)),
  }));
}

// A facet column, parsed; for `area`, the buckets of the chosen areas merged into one object.
async function loadColumn(index, name, filters) {
  const { manifest } = index;
  if (!(manifest.facets || []).includes(name)) {
    throw new Error(`search: the index has no facet column ${name}`);
  }
  if (name !== 'area') return load(index, `${manifest.build}/f/${name}.json`);
  const buckets = [...new Set(filters.area.map((id) => areaBucket(id, manifest.areaBuckets)))];
  const loaded = await Promise.all(
    buckets.map((b) => load(index, `${manifest.build}/f/area/${b}.json`)),
  );
  return Object.assign({}, ...loaded);
}

// The predicate of the filters, from the columns they read (only those are fetched); null when
// there is no filter.
async function facetFilter(index, filters) {
  const names = facetColumns(filters);
  if (names.length === 0) return null;
  const loaded = await Promise.all(names.map((name) => loadColumn(index, name, filters)));
  return facetPredicate(Object.fromEntries(names.map((name, i) => [name, loaded[i]])), filters);
}

/**
 * Runs a query. Returns {total, partial, hits: [{doc, score}]} with `hits` the whole ranked list
 * (document numbers; see documents() for what to show). Options: filters (see search-facets.js),
 * prefix (treat the last Latin word as a prefix).
 * An empty query with filters lists every matching document in 五十音 order.
 */
export async function runQuery(index, query, options = {}) {
  const n = index.manifest.docs;
  const terms = queryTerms(String(query || ''), options);
  const key = terms.length > 0 ? exactKey(query) : null;
  const [matchers, exact, keep] = await Promise.all([
    Promise.all(terms.map((t) => matcherFor(index, t.token, t.prefix))),
    key ? matcherFor(index, key, false) : null,
    facetFilter(index, options.filters),
  ]);
  const allowed = keep || (() => true);

  if (matchers.length === 0) {
    if (!keep) return { total: 0, partial: false, hits: [] };
    const hits = [];
    for (let d = 0; d < n; d++) if (allowed(d)) hits.push({ doc: d, score: 0 });
    return { total: hits.length, partial: false, hits };
  }

  let hits = allTerms(n, matchers, exact, allowed);
  let partial = false;
  if (hits.length === 0 && matchers.length > 1) {
    hits = someTerms(n, matchers, exact, allowed);
    partial = hits.length > 0;
  }
  hits.sort((a, b) => b.rank - a.rank || b.score - a.score || a.doc - b.doc);
  return { total: hits.length, partial, hits: hits.map(({ doc, score }) => ({ doc, score })) };
}

// Documents containing every token. Candidates come from the shortest positive list.
function allTerms(n, matchers, exact, allowed) {
  let driver = null;
  for (const m of matchers) {
    if (!m.complement && (driver === null || m.docs.length < driver.docs.length)) driver = m;
  }
  const candidates = driver ? driver.docs : null;
  const count = candidates ? candidates.length : n;
  const hits = [];
  for (let i = 0; i < count; i++) {
    const doc = candidates ? candidates[i] : i;
    let score = 0;
    let ok = true;
    for (const m of matchers) {
      const w = weightOf(m, doc);
      if (w < 0) {
        ok = false;
        break;
      }
      score += w;
    }
    if (!ok || !allowed(doc)) continue;
    if (exact) score += Math.max(0, weightOf(exact, doc));
    hits.push({ doc, score, rank: 0 });
  }
  return hits;
}

// Fallback: documents containing at least one token, ranked by how many they contain.
function someTerms(n, matchers, exact, allowed) {
  const score = new Float64Array(n);
  const matched = new Uint16Array(n);
  for (const m of matchers) {
    if (m.complement) {
      eachPresent(m, n, (d, w) => {
        score[d] += w;
        matched[d]++;
      });
    } else {
      for (let i = 0; i < m.docs.length; i++) {
        score[m.docs[i]] += m.weights[i];
        matched[m.docs[i]]++;
      }
    }
  }
  const hits = [];
  for (let d = 0; d < n; d++) {
    if (matched[d] === 0 || !allowed(d)) continue;
    const bonus = exact ? Math.max(0, weightOf(exact, d)) : 0;
    hits.push({ doc: d, score: score[d] + bonus, rank: matched[d] });
  }
  return hits;
}

/**
 * What results show for document numbers `docs`: {doc, id, url, kind, name, area, services,
 * facts, snippet}, in the order asked. `url` is relative to the site root.
 *
 * With `options.ruby`, on an index that has them (`manifest.ruby` names their folder: a site with
 * the furigana edition), the texts come with the ruby that edition's pages show: each document also has
 * `ruby: {name, area, services, facts, snippet}`, a text there being a list of pieces, each a
 * string or [base, reading]. The plain texts are the same either way.
 */
export async function documents(index, docs, options = {}) {
  const { manifest } = index;
  const size = manifest.docChunk;
  const withRuby = Boolean(options.ruby && manifest.ruby);
  const folder = withRuby ? `r/${manifest.ruby}` : 'd';
  const chunks = [...new Set(docs.map((d) => Math.floor(d / size)))];
  const loaded = new Map(
    await Promise.all(
      chunks.map(async (c) => [c, await load(index, `${manifest.build}/${folder}/${c}.json`)]),
    ),
  );
  return docs.map((doc) => {
    const row = loaded.get(Math.floor(doc / size)).d[doc % size];
    const [id, url, kind, name, area, services, facts, snippet] = row;
    if (!withRuby) return { doc, id, url, kind, name, area, services, facts, snippet };
    return {
      doc,
      id,
      url,
      kind,
      name: plainText(name),
      area: plainText(area),
      services: services.map(plainText),
      facts: facts.map(plainText),
      snippet: plainText(snippet),
      ruby: {
        name: pieces(name),
        area: pieces(area),
        services: services.map(pieces),
        facts: facts.map(pieces),
        snippet: pieces(snippet),
      },
    };
  });
}

/** A text of a ruby chunk as pieces: a string without ruby is one piece. */
export function pieces(text) {
  return typeof text === 'string' ? [text] : text;
}

/** A text of a ruby chunk without its readings. */
export function plainText(text) {
  return pieces(text)
    .map((piece) => (typeof piece === 'string' ? piece : piece[0]))
    .join('');
}

/**
 * The top results as [{id, score}]: runQuery, then the ids of hits offset … offset+limit−1
 * (default 0 … 19). Options as runQuery, plus limit and offset.
 */
export async function search(index, query, options = {}) {
  const { hits } = await runQuery(index, query, options);
  const offset = options.offset || 0;
  const page = hits.slice(offset, offset + (options.limit || 20));
  const docs = await documents(index, page.map((h) => h.doc));
  return page.map((h, i) => ({ id: docs[i].id, score: h.score }));
}

// Facet filters over the facet columns (<build>/f/<name>.json, one file per filter, and for the
// area filter the buckets <build>/f/area/<b>.json of the areas chosen; the format is documented
// in src/search/facets.rs). A query fetches only the columns its filters read.
// Within one group the choices are alternatives (B型 or A型; 北部 or 東部; 知的 or 精神); groups
// combine with "and". `kind` (center, workplace, community, office) and `service` are one
// question to a family ("what sort of place?"), so they are alternatives to each other as well.
// Yes/no facts (送迎, 昼食, 土曜) filter only when asked for, and then only entries that say yes
// pass: "unknown" is not "yes". A wage range leaves out entries that give no wage.

import { VALUE, readVarints } from './search-digits.js';

/** The filter keys the UI and the URL use (the search page's form control names). */
export const FILTER_KEYS = [
  'service', 'kind', 'area', 'accepts', 'transport', 'lunch', 'saturday', 'wage_min', 'wage_max',
];

const LIST_KEYS = ['service', 'kind', 'area', 'accepts'];
const FLAG_KEYS = ['transport', 'lunch', 'saturday'];

/** True when no filter is set (no facet column need be fetched). */
export function isEmptyFilter(filters) {
  return facetColumns(filters).length === 0;
}

/**
 * The names of the columns `filters` read, each once: a list filter reads the column of its
 * key, a yes/no filter its own, the wage range `wage`.
 */
export function facetColumns(filters) {
  if (!filters) return [];
  const names = LIST_KEYS.filter((k) => (filters[k] || []).length > 0);
  names.push(...FLAG_KEYS.filter((k) => filters[k] === true));
  if (validWage(filters.wage_min) || validWage(filters.wage_max)) names.push('wage');
  return names;
}

function validWage(value) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The bucket file (0 ‥ buckets−1) that holds area `id`: FNV-1a of its UTF-8, as facets.rs. */
export function areaBucket(id, buckets) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(id)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash % Math.max(1, buckets);
}

/** Whether document `d` is in a bitset (digit ⌊d/6⌋, bit d mod 6; past the end: no). */
export function hasBit(bits, d) {
  const at = Math.floor(d / 6);
  return at < bits.length && ((VALUE[bits.charCodeAt(at)] >> d % 6) & 1) === 1;
}

/** Document `d`'s number in a code string of `width` digits a document. */
export function codeAt(codes, width, d) {
  let n = 0;
  for (let i = d * width; i < d * width + width; i++) n = n * 64 + VALUE[codes.charCodeAt(i)];
  return n;
}

// Every document's wage from wage.json (0: none given), worked out once per fetched column.
const decodedWages = new WeakMap();

function wagesOf(column) {
  let wages = decodedWages.get(column);
  if (!wages) {
    wages = new Uint32Array(column.bits.length * 6);
    let next = 0; // the codes list only the documents in the bitset, in order
    for (let d = 0; d < wages.length; d++) {
      if (hasBit(column.bits, d)) wages[d] = codeAt(column.codes, column.width, next++);
    }
    decodedWages.set(column, wages);
  }
  return wages;
}

// Positions in `vocabulary` of the wanted ids; an id it lacks has none.
function indexSet(vocabulary, wanted) {
  const set = new Set();
  for (const id of wanted || []) {
    const at = vocabulary.indexOf(id);
    if (at >= 0) set.add(at);
  }
  return set;
}

// The bitsets of the wanted values of a set column (none when nothing is wanted of it).
function wantedBits(column, wanted) {
  if ((wanted || []).length === 0) return [];
  return [...indexSet(column.values, wanted)].map((at) => column.bits[at]);
}

/**
 * A predicate doc number → boolean for `filters` ({service: [ids], kind: [kinds], area: [ids],
 * accepts: [ids], transport: true, lunch: true, saturday: true, wage_min: yen, wage_max: yen}),
 * over `columns` ({name: the parsed column file}, and for `area` the buckets of the chosen ids
 * merged into one object), which must hold facetColumns(filters).
 * An id the index has never seen matches nothing, so a stale URL shows "0 results", not everything.
 */
export function facetPredicate(columns, filters) {
  const tests = [];
  const services = filters.service || [];
  const kinds = filters.kind || [];
  if (services.length > 0 || kinds.length > 0) {
    const sets = [...wantedBits(columns.service, services), ...wantedBits(columns.kind, kinds)];
    tests.push((d) => sets.some((bits) => hasBit(bits, d)));
  }
  if ((filters.accepts || []).length > 0) {
    const sets = wantedBits(columns.accepts, filters.accepts);
    tests.push((d) => sets.some((bits) => hasBit(bits, d)));
  }
  if ((filters.area || []).length > 0) {
    const inArea = new Set(); // columns.area: {area id: document list}, the chosen ids' buckets
    for (const id of filters.area) {
      if (!Object.prototype.hasOwnProperty.call(columns.area, id)) continue;
      let doc = 0;
      readVarints(columns.area[id]).forEach((gap, i) => inArea.add((doc = i === 0 ? gap : doc + gap)));
    }
    tests.push((d) => inArea.has(d));
  }
  for (const key of FLAG_KEYS) {
    if (filters[key] === true) {
      const { bits } = columns[key];
      tests.push((d) => hasBit(bits, d));
    }
  }
  const { wage_min: min, wage_max: max } = filters;
  if (validWage(min) || validWage(max)) {
    const wages = wagesOf(columns.wage);
    if (validWage(min)) tests.push((d) => wages[d] > 0 && wages[d] >= min);
    if (validWage(max)) tests.push((d) => wages[d] > 0 && wages[d] <= max);
  }
  return (d) => tests.every((test) => test(d));
}

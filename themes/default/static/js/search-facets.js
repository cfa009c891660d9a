// Facet filters over the per-document facet table (<build>/facets.json, see src/search/facets.rs).
// Within one group the choices are alternatives (B型 or A型; 北部 or 東部; 知的 or 精神); groups
// combine with "and". Yes/no facts (送迎, 昼食, 土曜) filter only when asked for, and then only
// entries that say yes pass: "unknown" is not "yes".

/** The filter keys the UI and the URL use, with the facet table column each reads. */
export const FILTER_KEYS = ['service', 'area', 'accepts', 'transport', 'lunch', 'saturday', 'wage_min', 'wage_max'];

/** True when no filter is set (the facet table need not be fetched). */
export function isEmptyFilter(filters) {
  if (!filters) return true;
  const lists = ['service', 'area', 'accepts'].some((k) => (filters[k] || []).length > 0);
  const flags = ['transport', 'lunch', 'saturday'].some((k) => filters[k] === true);
  return !lists && !flags && !validWage(filters.wage_min) && !validWage(filters.wage_max);
}

function validWage(value) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function indexSet(vocabulary, wanted) {
  const set = new Set();
  for (const id of wanted || []) {
    const at = vocabulary.indexOf(id);
    if (at >= 0) set.add(at);
  }
  return set;
}

function anyIn(list, set) {
  for (const value of list) if (set.has(value)) return true;
  return false;
}

/**
 * A predicate doc number → boolean for `filters` ({service: [ids], area: [ids], accepts: [ids],
 * transport: true, lunch: true, saturday: true, wage_min: yen, wage_max: yen}).
 * An id the table has never seen matches nothing, so a stale URL shows "0 results", not everything.
 */
export function facetPredicate(table, filters) {
  const tests = [];
  const groups = [
    ['service', table.services, table.s],
    ['accepts', table.accepts, table.c],
  ];
  for (const [key, vocabulary, column] of groups) {
    if ((filters[key] || []).length === 0) continue;
    const wanted = indexSet(vocabulary, filters[key]);
    tests.push((d) => anyIn(column[d] || [], wanted));
  }
  if ((filters.area || []).length > 0) {
    const wanted = indexSet(table.areas, filters.area);
    tests.push((d) => wanted.has(table.a[d]));
  }
  for (const [key, column] of [['transport', table.t], ['lunch', table.l], ['saturday', table.sat]]) {
    if (filters[key] === true) tests.push((d) => column[d] === '1');
  }
  if (validWage(filters.wage_min)) tests.push((d) => table.w[d] > 0 && table.w[d] >= filters.wage_min);
  if (validWage(filters.wage_max)) tests.push((d) => table.w[d] > 0 && table.w[d] <= filters.wage_max);
  return (d) => tests.every((test) => test(d));
}

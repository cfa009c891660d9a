// Facet filters over the per-document facet table (<build>/facets.json, see src/search/facets.rs).
// Within one group the choices are alternatives (B型 or A型; 北部 or 東部; 知的 or 精神); groups
// combine with "and". `kind` (center, workplace, community, office) and `service` are one
// question to a family ("what sort of place?"), so they are alternatives to each other as well.
// Yes/no facts (送迎, 昼食, 土曜) filter only when asked for, and then only entries that say yes
// pass: "unknown" is not "yes". A wage range leaves out entries that give no wage.

/** The filter keys the UI and the URL use (the search page's form control names). */
export const FILTER_KEYS = [
  'service', 'kind', 'area', 'accepts', 'transport', 'lunch', 'saturday', 'wage_min', 'wage_max',
];

/** True when no filter is set (the facet table need not be fetched). */
export function isEmptyFilter(filters) {
  if (!filters) return true;
  const lists = ['service', 'kind', 'area', 'accepts'].some((k) => (filters[k] || []).length > 0);
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
 * A predicate doc number → boolean for `filters` ({service: [ids], kind: [kinds], area: [ids],
 * accepts: [ids], transport: true, lunch: true, saturday: true, wage_min: yen, wage_max: yen}).
 * An id the table has never seen matches nothing, so a stale URL shows "0 results", not everything.
 */
export function facetPredicate(table, filters) {
  const tests = [];
  const services = filters.service || [];
  const kinds = filters.kind || [];
  if (services.length > 0 || kinds.length > 0) {
    const wantedServices = indexSet(table.services, services);
    const wantedKinds = indexSet(table.kinds, kinds);
    tests.push((d) => anyIn(table.s[d] || [], wantedServices) || wantedKinds.has(table.k[d]));
  }
  if ((filters.accepts || []).length > 0) {
    const wanted = indexSet(table.accepts, filters.accepts);
    tests.push((d) => anyIn(table.c[d] || [], wanted));
  }
  if ((filters.area || []).length > 0) {
    const wanted = indexSet(table.areas, filters.area);
    tests.push((d) => wanted.has(table.a[d]));
  }
  const flags = [['transport', table.t], ['lunch', table.l], ['saturday', table.sat]];
  for (const [key, column] of flags) {
    if (filters[key] === true) tests.push((d) => column[d] === '1');
  }
  const { wage_min: min, wage_max: max } = filters;
  if (validWage(min)) tests.push((d) => table.w[d] > 0 && table.w[d] >= min);
  if (validWage(max)) tests.push((d) => table.w[d] > 0 && table.w[d] <= max);
  return (d) => tests.every((test) => test(d));
}

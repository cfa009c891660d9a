// Shared by the Node tests: open an index folder from disk the way the browser opens it over HTTP.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIndex } from '../../themes/default/static/js/search.js';

export const HERE = path.dirname(fileURLToPath(import.meta.url));

/** A fetchShard reading files under `dir`, recording each path it was asked for in `log`. */
export function diskFetcher(dir, log = []) {
  return async (p) => {
    log.push(p);
    return readFile(path.join(dir, p));
  };
}

/** The committed fixture index (tests/search/fixture-index/, from fixture-docs.json). */
export function openFixture(log) {
  return openIndex(diskFetcher(path.join(HERE, 'fixture-index'), log));
}

export async function readJson(name) {
  return JSON.parse(await readFile(path.join(HERE, name), 'utf8'));
}

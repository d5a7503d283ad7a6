// Ledger lines whose hash has been checked, kept in `.lepton/cache/ledger.json`. A line's hash
// depends on its text alone, so a line checked once need not be hashed again: a gate or a
// pre-push hook on an unchanged ledger does not even load node:crypto. Everything else about
// the chain (seq, prev, time order) is checked on every read. The cache is local (git ignores
// it); a fresh clone, as in CI, hashes every line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_ID, CACHE_DIR, writeCacheFile } from '../cache.js';

const FILE = 'ledger.json';

interface CacheFile {
  build: string;
  lines: string[];
}

// One read per project and process: verify and gate --completed in one hook run share it.
const byRoot = new Map<string, Promise<Set<string>>>();

/** The ledger lines of this project already known to carry the right hash. */
export function checkedLines(root: string): Promise<Set<string>> {
  let known = byRoot.get(root);
  if (!known) {
    known = Promise.resolve().then(() => {
      const cached = JSON.parse(readFileSync(path.join(root, CACHE_DIR, FILE), 'utf8')) as Partial<CacheFile>;
      return new Set(cached.build === BUILD_ID && Array.isArray(cached.lines) ? cached.lines : []);
    }).catch(() => new Set<string>());
    byRoot.set(root, known);
  }
  return known;
}

/**
 * Records lines whose hash was just checked (or written by lepton itself). The cache keeps the
 * lines of the current ledger only, and is written when it learnt a new one.
 */
export async function rememberCheckedLines(root: string, lines: readonly string[]): Promise<void> {
  const known = await checkedLines(root);
  if (lines.every((line) => known.has(line))) return;
  for (const line of lines) known.add(line);
  const content: CacheFile = { build: BUILD_ID, lines: [...lines] };
  await writeCacheFile(root, FILE, JSON.stringify(content));
}

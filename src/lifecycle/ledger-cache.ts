// Ledger lines whose hash has been checked, kept in `.lepton/cache/ledger.json`. A line's hash
// depends on its text alone, so a line checked once need not be hashed again: a gate or a
// pre-push hook on an unchanged ledger does not even load node:crypto. Everything else about
// the chain (seq, prev, time order) is checked on every read. The cache is trusted only in the
// folder that wrote it (src/cache.ts): a fresh clone, as in CI, hashes every line, and so does
// `lepton verify --strict`.
import { readCache, writeCache } from '../cache.js';

const FILE = 'ledger.json';

// One read per project and process: verify and gate --completed in one hook run share it.
const byRoot = new Map<string, Set<string>>();

/** The ledger lines of this project already known to carry the right hash. */
export async function checkedLines(root: string): Promise<Set<string>> {
  let known = byRoot.get(root);
  if (!known) {
    const cached = readCache<string[]>(root, FILE);
    known = new Set(Array.isArray(cached) ? cached : []);
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
  await writeCache(root, FILE, [...lines]);
}

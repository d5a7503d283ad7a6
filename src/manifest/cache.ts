// A validated manifest, cached beside the project as JSON together with the exact text it came
// from. A later run whose lepton.yaml text is identical skips the YAML parser and the schema
// validator, the bulk of lepton's start-up; any other text is parsed and validated afresh.
import path from 'node:path';
import { CACHE_DIR, readCache, writeCache } from '../cache.js';
import type { Manifest } from './schema.js';

export const MANIFEST_CACHE = `${CACHE_DIR}/manifest.json`;

interface CachedManifest {
  file: string;
  source: string;
  manifest: Manifest;
}

export async function readCachedManifest(root: string, file: string, source: string): Promise<Manifest | undefined> {
  const cached = readCache<CachedManifest>(root, path.basename(MANIFEST_CACHE));
  return cached?.file === file && cached.source === source ? cached.manifest : undefined;
}

/** Kept for the next run whose lepton.yaml text is identical (see src/cache.ts for where and when). */
export async function writeCachedManifest(root: string, file: string, source: string, manifest: Manifest): Promise<void> {
  await writeCache(root, path.basename(MANIFEST_CACHE), { file, source, manifest } satisfies CachedManifest);
}

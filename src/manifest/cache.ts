// A validated manifest, cached beside the project as JSON together with the exact text it came
// from. A later run whose lepton.yaml text is identical skips the YAML parser and the schema
// validator, the bulk of lepton's start-up; any other text is parsed and validated afresh.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_ID, CACHE_DIR, writeCacheFile } from '../cache.js';
import type { Manifest } from './schema.js';

export const MANIFEST_CACHE = `${CACHE_DIR}/manifest.json`;

interface CacheFile {
  build: string;
  file: string;
  source: string;
  manifest: Manifest;
}

export async function readCachedManifest(root: string, file: string, source: string): Promise<Manifest | undefined> {
  try {
    const cached = JSON.parse(readFileSync(path.join(root, MANIFEST_CACHE), 'utf8')) as CacheFile;
    return cached.build === BUILD_ID && cached.file === file && cached.source === source ? cached.manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Kept for the next run whose lepton.yaml text is identical (see src/cache.ts for where and when). */
export async function writeCachedManifest(root: string, file: string, source: string, manifest: Manifest): Promise<void> {
  const content: CacheFile = { build: BUILD_ID, file, source, manifest };
  await writeCacheFile(root, path.basename(MANIFEST_CACHE), JSON.stringify(content));
}

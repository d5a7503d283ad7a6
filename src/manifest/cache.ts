// A validated manifest, cached beside the project as JSON together with the exact text it came
// from. A later run whose lepton.yaml text is identical skips the YAML parser and the schema
// validator, the bulk of lepton's start-up; any other text is parsed and validated afresh.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs.js';
import type { Manifest } from './schema.js';

declare const __LEPTON_SCHEMA_ID__: string;
/** Changes whenever the schema does (set at build time), so a cache never outlives its schema. */
const SCHEMA_ID = typeof __LEPTON_SCHEMA_ID__ === 'string' ? __LEPTON_SCHEMA_ID__ : 'source';

export const MANIFEST_CACHE = '.lepton/cache/manifest.json';

interface CacheFile {
  schema: string;
  file: string;
  source: string;
  manifest: Manifest;
}

export async function readCachedManifest(root: string, file: string, source: string): Promise<Manifest | undefined> {
  try {
    const cached = JSON.parse(await readFile(path.join(root, MANIFEST_CACHE), 'utf8')) as CacheFile;
    return cached.schema === SCHEMA_ID && cached.file === file && cached.source === source ? cached.manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Best effort: a read-only checkout simply gets no cache. Only a project lepton already keeps
 * state for (a `.lepton/` folder, made by init or advance) gets one: reading a hand-written
 * manifest never creates files.
 */
export async function writeCachedManifest(root: string, file: string, source: string, manifest: Manifest): Promise<void> {
  const cacheDir = path.join(root, path.dirname(MANIFEST_CACHE));
  try {
    if (!(await stat(path.join(root, '.lepton'))).isDirectory()) return;
    await mkdir(cacheDir, { recursive: true });
    // The cache folder ignores itself, so it never shows in `git status`, whatever the project's .gitignore says.
    await writeFile(path.join(cacheDir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => {});
    const content: CacheFile = { schema: SCHEMA_ID, file, source, manifest };
    await writeFileAtomic(path.join(root, MANIFEST_CACHE), JSON.stringify(content));
  } catch {
    // Not being able to cache never fails a command.
  }
}

// lepton's caches live in `.lepton/cache/` of a project lepton already keeps state for (a
// `.lepton/` folder, made by init or advance): reading a hand-written manifest never creates
// files. Every cache is keyed by the build that wrote it, so none outlives the code that made it.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './fs.js';

declare const __LEPTON_BUILD_ID__: string;
/** Changes with every change to lepton's code (set at build time); `source` when run unbundled. */
export const BUILD_ID = typeof __LEPTON_BUILD_ID__ === 'string' ? __LEPTON_BUILD_ID__ : 'source';

export const CACHE_DIR = '.lepton/cache';

/**
 * Writes `.lepton/cache/<name>` atomically. Best effort: a read-only checkout or a project
 * without `.lepton/` simply gets no cache; not being able to cache never fails a command.
 */
export async function writeCacheFile(root: string, name: string, content: string): Promise<void> {
  const cacheDir = path.join(root, CACHE_DIR);
  try {
    if (!(await stat(path.join(root, '.lepton'))).isDirectory()) return;
    await mkdir(cacheDir, { recursive: true });
    // The cache folder ignores itself, so it never shows in `git status`, whatever the project's .gitignore says.
    await writeFile(path.join(cacheDir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => {});
    await writeFileAtomic(path.join(cacheDir, name), content);
  } catch {
    // A cache is only ever a shortcut.
  }
}

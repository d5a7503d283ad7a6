// lepton's caches live in `.lepton/cache/` of a project lepton already keeps state for (a
// `.lepton/` folder, made by init or advance): reading a hand-written manifest never creates
// files. A cache is trusted only by the build that wrote it and only in the folder it was written
// in: each file records the folder's device and inode, so a cache that came with a clone (force-
// committed, copied, or behind a symlink) is never read, and CI always starts clean.
import { lstatSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDirectory, writeFileAtomic } from './fs.js';

declare const __LEPTON_BUILD_ID__: string;
/** Changes with every change to lepton's code or dependencies (set at build time); `source` when run unbundled. */
export const BUILD_ID = typeof __LEPTON_BUILD_ID__ === 'string' ? __LEPTON_BUILD_ID__ : 'source';

export const CACHE_DIR = '.lepton/cache';

interface CacheFile {
  build: string;
  folder: string;
  data: unknown;
}

/** Whether lepton keeps state, and so caches, for the project at `root`: it has a `.lepton/` folder. */
export function keepsCaches(root: string): boolean {
  try {
    return lstatSync(path.join(root, '.lepton'), { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** `.lepton/cache` as this machine made it: its device and inode; undefined when missing or a symlink. */
function cacheFolderId(root: string): string | undefined {
  try {
    const state = lstatSync(path.join(root, '.lepton'), { throwIfNoEntry: false });
    const cache = lstatSync(path.join(root, CACHE_DIR), { throwIfNoEntry: false });
    // lstat: a symlink is not a directory, so a cache folder pointing elsewhere is never used.
    return state?.isDirectory() && cache?.isDirectory() ? `${cache.dev}:${cache.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** The data of `.lepton/cache/<name>`, when this build wrote it in this very folder. Read synchronously: it is small. */
export function readCache<T>(root: string, name: string): T | undefined {
  const folder = cacheFolderId(root);
  if (!folder) return undefined;
  try {
    const cached = JSON.parse(readFileSync(path.join(root, CACHE_DIR, name), 'utf8')) as Partial<CacheFile>;
    return cached.build === BUILD_ID && cached.folder === folder ? (cached.data as T) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `.lepton/cache/<name>` atomically. Best effort: a read-only checkout, a project without
 * `.lepton/` or a symlinked cache folder simply gets no cache; caching never fails a command.
 */
export async function writeCache(root: string, name: string, data: unknown): Promise<void> {
  const cacheDir = path.join(root, CACHE_DIR);
  try {
    if (!keepsCaches(root)) return;
    await makeDirectory(cacheDir);
    const folder = cacheFolderId(root);
    if (!folder) return;
    // The cache folder ignores itself, so it never shows in `git status`, whatever the project's .gitignore says.
    await writeFile(path.join(cacheDir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => {});
    const content: CacheFile = { build: BUILD_ID, folder, data };
    await writeFileAtomic(path.join(cacheDir, name), JSON.stringify(content));
  } catch {
    // A cache is only ever a shortcut.
  }
}

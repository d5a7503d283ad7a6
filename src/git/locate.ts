// Where git would look for a repository, answered with a few stats and no git process: a folder
// with no `.git` in it or above it (and no GIT_DIR or GIT_WORK_TREE) is in no repository.
import { statSync } from 'node:fs';
import path from 'node:path';

/** Whether GIT_DIR or GIT_WORK_TREE point git somewhere else than the folders above `dir`. */
export function gitRedirected(): boolean {
  return Boolean(process.env.GIT_DIR || process.env.GIT_WORK_TREE);
}

/** The `.git` (folder or file) git would start from for `dir`: in it or the nearest folder above. Synchronous: a few stats, each cheaper than a trip through the thread pool. */
export function nearestGit(dir: string): string | undefined {
  for (let folder = path.resolve(dir); ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, '.git');
    if (statSync(candidate, { throwIfNoEntry: false })) return candidate;
    if (path.dirname(folder) === folder) return undefined;
  }
}

// Globbing inside the project. The glob library loads only for patterns with wildcards: a gate of
// plain paths (`docs/plan.md`, `src/model.py`) pays for a stat and nothing else.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside, pathEscapeReason, realPathInside } from '../../manifest/paths.js';

/** Folders no check looks into. */
export const IGNORED_FOLDERS = ['**/node_modules/**', '**/.git/**'];
const IGNORED_SEGMENTS = new Set(['node_modules', '.git']);
const WILDCARD = /[*?[\]{}()!+@\\]/;

/** Project-relative paths (POSIX separators, sorted) of the files a glob matches inside the project. */
export async function matchFiles(root: string, pattern: string, signal?: AbortSignal, options: { dot?: boolean } = {}): Promise<string[]> {
  if (pathEscapeReason(root, pattern, { glob: true })) return [];
  const matches = WILDCARD.test(pattern) ? await globFiles(root, pattern, signal, options.dot ?? false) : await literalFile(root, pattern);
  const absoluteRoot = path.resolve(root);
  return matches
    .filter((match) => {
      const absolute = path.resolve(root, match);
      return isInside(absoluteRoot, absolute) && realPathInside(root, absolute);
    })
    .map((match) => match.split(path.sep).join('/'))
    .sort();
}

async function globFiles(root: string, pattern: string, signal: AbortSignal | undefined, dot: boolean): Promise<string[]> {
  const { glob } = await import('tinyglobby');
  return glob(pattern, {
    cwd: root,
    dot,
    onlyFiles: true,
    ignore: IGNORED_FOLDERS,
    expandDirectories: false,
    ...(signal && { signal }),
  });
}

/** A pattern without wildcards matches itself when it is a file (or a link to one), as a glob would. */
async function literalFile(root: string, pattern: string): Promise<string[]> {
  const normalised = path.posix.normalize(pattern.replaceAll('\\', '/')).replace(/^\.\//, '');
  if (normalised.split('/').some((segment) => IGNORED_SEGMENTS.has(segment))) return [];
  const stats = await stat(path.resolve(root, normalised)).catch(() => undefined);
  return stats?.isFile() ? [normalised] : [];
}

// Globbing inside the project. The glob library loads only for patterns it is needed for: a plain
// path (`docs/plan.md`) costs a stat, and a `*` in the last segment only (`src/*.py`,
// `tests/test_*.py`) one folder listing; anything else (`**`, `?`, classes, braces) goes to tinyglobby.
import { statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside, pathEscapeReason, realPathInside } from '../../manifest/paths.js';

/** Folders no check looks into. */
export const IGNORED_FOLDERS = ['**/node_modules/**', '**/.git/**'];
const IGNORED_SEGMENTS = new Set(['node_modules', '.git']);
const WILDCARD = /[*?[\]{}()!+@|\\]/;
/** Wildcards only in the last segment, and only `*` (not `**`): the folder before it is a plain path. */
function isOneFolderStars(pattern: string): boolean {
  return /^(?:[^*?[\]{}()!+@|\\]+\/)?[^/?[\]{}()!+@|\\]+$/.test(pattern) && !pattern.includes('**');
}

/**
 * Project-relative paths (POSIX separators, sorted) of the files a glob matches inside the project.
 * `library` sends every pattern to tinyglobby (tests compare the shortcuts with it).
 */
export async function matchFiles(root: string, pattern: string, signal?: AbortSignal, options: { dot?: boolean; library?: boolean } = {}): Promise<string[]> {
  if (pathEscapeReason(root, pattern, { glob: true })) return [];
  const dot = options.dot ?? false;
  let matches: string[];
  if (options.library || (WILDCARD.test(pattern) && !isOneFolderStars(pattern))) matches = await globFiles(root, pattern, signal, dot);
  else if (WILDCARD.test(pattern)) matches = await starsInFolder(root, pattern, dot);
  else matches = await literalFile(root, pattern);
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

/**
 * `folder/name*pattern`, matched as tinyglobby matches it (a test holds the two together): `*` is
 * any run of characters, a name starting with `.` matches only with `dot` or a pattern that starts
 * with `.` too, and only files count (a symlink to a file included).
 */
async function starsInFolder(root: string, pattern: string, dot: boolean): Promise<string[]> {
  const normalised = path.posix.normalize(pattern).replace(/^\.\//, '');
  const slash = normalised.lastIndexOf('/');
  const folder = normalised.slice(0, slash + 1);
  const namePattern = normalised.slice(slash + 1);
  if (folder.split('/').some((segment) => IGNORED_SEGMENTS.has(segment))) return [];
  const matcher = new RegExp(
    `^${namePattern
      .split('*')
      .map((part) => part.replace(/[.^$|+?()[\]{}\\]/g, '\\$&'))
      .join('[\\s\\S]*')}$`,
  );
  const entries = await readdir(path.resolve(root, folder), { withFileTypes: true }).catch(() => []);
  const matches: string[] = [];
  for (const entry of entries) {
    if (!matcher.test(entry.name) || IGNORED_SEGMENTS.has(entry.name) || (entry.name.startsWith('.') && !dot && !namePattern.startsWith('.'))) continue;
    const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(path.resolve(root, folder, entry.name)).catch(() => undefined))?.isFile());
    if (isFile) matches.push(`${folder}${entry.name}`);
  }
  return matches;
}

/** A pattern without wildcards matches itself when it is a file (or a link to one), as a glob would. */
async function literalFile(root: string, pattern: string): Promise<string[]> {
  const normalised = path.posix.normalize(pattern.replaceAll('\\', '/')).replace(/^\.\//, '');
  if (normalised.split('/').some((segment) => IGNORED_SEGMENTS.has(segment))) return [];
  try {
    return statSync(path.resolve(root, normalised), { throwIfNoEntry: false })?.isFile() ? [normalised] : [];
  } catch {
    // A symlink loop, a folder it may not read: no file, as a glob would find none.
    return [];
  }
}

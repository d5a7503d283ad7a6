// Keeps every path from a manifest or template inside the project root:
// no absolute paths, no `..`, no symlink that points out.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../fs.js';

const GLOB_CHARS = /[*?[\]{}()!]/;

/** Why `relativePath` may not be used inside `root`, or undefined when it is safe. */
export function pathEscapeReason(root: string, relativePath: string, options: { glob?: boolean } = {}): string | undefined {
  const normalised = relativePath.replaceAll('\\', '/');
  if (path.isAbsolute(relativePath) || /^[a-zA-Z]:\//.test(normalised) || normalised.startsWith('~')) {
    return `"${relativePath}" is absolute; paths are relative to the project root`;
  }
  if (normalised.split('/').includes('..')) {
    return `"${relativePath}" leaves the project (..); paths must stay inside the project root`;
  }
  const literalPart = options.glob ? literalPrefix(normalised) : normalised;
  if (literalPart && symlinkLeaves(root, literalPart)) {
    return `"${relativePath}" goes through a symlink that points outside the project`;
  }
  return undefined;
}

/** The folder part of a glob before its first wildcard: `src/**\/*.py` → `src`. */
function literalPrefix(glob: string): string {
  const segments = glob.split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (GLOB_CHARS.test(segment)) break;
    literal.push(segment);
  }
  return literal.length === segments.length ? glob : literal.join('/');
}

// A project's root does not move while lepton runs: its real path is looked up once per root,
// and kept only once it exists (init checks paths before it makes the folder).
const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  const known = realRoots.get(root);
  if (known !== undefined) return known;
  try {
    const real = realpathSync.native(root);
    realRoots.set(root, real);
    return real;
  } catch {
    return root;
  }
}

/** True when the longest existing prefix of the path resolves outside the root. */
function symlinkLeaves(root: string, relativePath: string): boolean {
  const realRootPath = realRoot(root);
  let candidate = path.resolve(root, relativePath);
  for (;;) {
    try {
      const real = realpathSync.native(candidate);
      return !isInside(realRootPath, real);
    } catch {
      const parent = path.dirname(candidate);
      if (parent === candidate || !isInside(path.resolve(root), parent)) return false;
      candidate = parent;
    }
  }
}

export { isInside };

export function realpathOrSelf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

/** True when the real location of an existing file is inside the (real) root. */
export function realPathInside(root: string, file: string): boolean {
  return isInside(realRoot(root), realpathOrSelf(file));
}

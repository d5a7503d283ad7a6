// Finds every project (folder holding lepton.yaml) below a folder, for `--all` and `ci matrix`.
// Inside a git working tree git decides what is ignored; elsewhere a walk skips dependency and
// dot folders.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_NAME } from '../manifest/load.js';

export interface ProjectLocation {
  /** The project folder relative to the search folder, with forward slashes; `.` for the folder itself. */
  path: string;
  /** Absolute project folder. */
  dir: string;
  /** The manifest relative to the search folder (`services/churn/lepton.yaml`). */
  manifest: string;
}

export interface ProjectSearch {
  projects: ProjectLocation[];
  /** `git`: git's ignore rules applied (tracked and unignored files); `walk`: outside a repository. */
  method: 'git' | 'walk';
}

/** Folders never searched, whatever git says: installed dependencies and caches. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__']);

/**
 * `maxDepth` bounds the walk outside a repository (folders below `base`, 1 = its subfolders), for a
 * command run in a folder that is not a project, such as /tmp.
 */
export async function findProjects(base: string, options: { maxDepth?: number } = {}): Promise<ProjectSearch> {
  const { unignoredFiles } = await import('../git/git.js');
  const listed = await unignoredFiles(base, [MANIFEST_NAME, `:(glob)**/${MANIFEST_NAME}`]);
  const manifests =
    listed === undefined
      ? await walk(base, options.maxDepth ?? Number.POSITIVE_INFINITY)
      : await existingFiles(
          base,
          listed.filter((file) => !inSkippedFolder(file)),
        );
  const projects = manifests
    .map((manifest) => manifest.replaceAll('\\', '/'))
    .filter((manifest) => path.posix.basename(manifest) === MANIFEST_NAME)
    .map((manifest) => {
      const folder = path.posix.dirname(manifest);
      return { path: folder, dir: path.resolve(base, folder), manifest };
    })
    .sort((left, right) => comparePaths(left.path, right.path));
  return { projects, method: listed === undefined ? 'walk' : 'git' };
}

function inSkippedFolder(file: string): boolean {
  return file
    .split('/')
    .slice(0, -1)
    .some((segment) => SKIPPED_FOLDERS.has(segment));
}

/** git lists files deleted from the working tree but still in the index: only those present count. */
async function existingFiles(base: string, files: readonly string[]): Promise<string[]> {
  const present = await Promise.all(
    files.map((file) =>
      stat(path.join(base, file)).then(
        (info) => info.isFile(),
        () => false,
      ),
    ),
  );
  return files.filter((_, index) => present[index]);
}

/** Without git: every folder except dot folders (.git, .venv, .tox, .cache…) and SKIPPED_FOLDERS; symlinks are not followed. */
async function walk(base: string, maxDepth: number): Promise<string[]> {
  const found: string[] = [];
  const visit = async (relative: string, depth = 0): Promise<void> => {
    const entries = await readdir(path.join(base, relative), { withFileTypes: true }).catch(() => []);
    const folders: string[] = [];
    for (const entry of entries) {
      if (entry.isFile() && entry.name === MANIFEST_NAME) found.push(relative ? `${relative}/${entry.name}` : entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) folders.push(relative ? `${relative}/${entry.name}` : entry.name);
    }
    if (depth < maxDepth) await Promise.all(folders.map((folder) => visit(folder, depth + 1)));
  };
  await visit('');
  return found;
}

/** Path order by segments, so `a/b` sorts before `a-c` and `.` first: the same on every machine. */
export function comparePaths(left: string, right: string): number {
  if (left === right) return 0;
  if (left === '.') return -1;
  if (right === '.') return 1;
  const leftParts = left.split('/');
  const rightParts = right.split('/');
  for (let index = 0; index < Math.min(leftParts.length, rightParts.length); index++) {
    const a = leftParts[index]!;
    const b = rightParts[index]!;
    if (a !== b) return a < b ? -1 : 1;
  }
  return leftParts.length - rightParts.length;
}

// File helpers the checks share: project-relative paths that stay inside the root, hashing.
import { constants, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { isInside, pathEscapeReason } from '../../manifest/paths.js';
import { createSha256 } from '../../text.js';

export interface FileDigest {
  path: string;
  sha256: string;
}

export { sha256 } from '../../text.js';

/** SHA-256 of a regular file; a FIFO or device is refused, not read (it could block for ever). */
export async function hashFile(file: string): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${file} is not a regular file`);
    const hash = createSha256();
    for await (const chunk of handle.createReadStream({ autoClose: false })) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/**
 * The absolute path of a project-relative path, or why it may not be used
 * (absolute, `..`, through a symlink that points out of the project).
 */
export function resolveInside(root: string, relativePath: string): { path: string } | { reason: string } {
  const reason = pathEscapeReason(root, relativePath);
  if (reason) return { reason };
  const absolute = path.resolve(root, relativePath);
  if (!isInside(path.resolve(root), absolute)) return { reason: `"${relativePath}" leaves the project` };
  return { path: absolute };
}

/** Size in bytes of a project file, or undefined when it cannot be read. */
export async function fileSize(root: string, relativePath: string): Promise<number | undefined> {
  try {
    return statSync(path.resolve(root, relativePath), { throwIfNoEntry: false })?.size;
  } catch {
    return undefined;
  }
}

/** SHA-256 of each file, in the given order. */
export async function hashFiles(root: string, relativePaths: readonly string[]): Promise<FileDigest[]> {
  const digests: FileDigest[] = [];
  for (const relativePath of relativePaths) {
    digests.push({ path: relativePath, sha256: await hashFile(path.resolve(root, relativePath)) });
  }
  return digests;
}

/** `1 file`, `2 files`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

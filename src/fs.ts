// File writes that never leave a half-written file and never overwrite what a user wrote
// unless asked to.
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError } from './errors.js';

export async function pathExists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

let tempCounter = 0;

/** True when `candidate` is `root` or inside it (paths compared as given, no symlinks resolved). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Writes through a temp file in the same folder, fsynced, then renamed over the target. */
export async function writeFileAtomic(file: string, content: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique within this process and across processes: no need to load node:crypto for it.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  const handle = await open(temp, 'w', options.mode ?? 0o666);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes a file the user will own (a document, the manifest, a workflow): refuses to replace an
 * existing one unless `force`. `display` names it in the error.
 */
export async function writeUserFile(file: string, content: string, options: { force?: boolean; display?: string; hint?: string } = {}): Promise<'created' | 'overwritten'> {
  const exists = await pathExists(file);
  if (exists && !options.force) {
    throw new LeptonError(`${options.display ?? file} already exists; not overwriting it`, {
      hint: options.hint ?? 'pass --force to overwrite it',
    });
  }
  await writeFileAtomic(file, content);
  return exists ? 'overwritten' : 'created';
}

// File writes that never leave a half-written file and never overwrite what a user wrote
// unless asked to.
import { constants, fstatSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { LeptonError } from './errors.js';

export async function pathExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

let tempCounter = 0;
/** This machine in temp file names (FNV-1a of its host name): a pid means something only on the host that wrote it. */
const HOST_TAG = (() => {
  let hash = 0x811c9dc5;
  for (const char of hostname()) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
})();
/** Another host's temp file is left this long: its writer may be alive there (a checkout shared with a container). */
const FOREIGN_TEMP_AGE_MS = 60 * 60 * 1000;

/** True when `candidate` is `root` or inside it (paths compared as given, no symlinks resolved). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Makes a folder and its missing parents. Not `mkdir(…, { recursive: true })`: Node's loops
 * forever where a parent exists but cannot hold folders (`/proc/x`).
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    missing.push(current);
    current = parent;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

export type RegularFileRead = { bytes: Buffer } | { problem: 'missing' | 'folder' | 'not-regular' | 'too-large' | 'unreadable'; message: string; size?: number };

/**
 * Reads a regular file of at most `maxBytes`. Opened without blocking and checked on the open
 * descriptor, so a FIFO, a device or a socket is refused instead of hanging the reader.
 */
export function readRegularFileSync(file: string, maxBytes: number): RegularFileRead {
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing', message };
    if (code === 'EISDIR') return { problem: 'folder', message };
    return { problem: 'unreadable', message };
  }
  try {
    const info = fstatSync(descriptor);
    if (info.isDirectory()) return { problem: 'folder', message: 'is a folder' };
    if (!info.isFile()) return { problem: 'not-regular', message: 'is not a regular file (a FIFO, device or socket)' };
    if (info.size > maxBytes) return { problem: 'too-large', message: `is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit`, size: info.size };
    return { bytes: readFileSync(descriptor) };
  } catch (error) {
    return { problem: 'unreadable', message: (error as Error).message };
  } finally {
    closeSync(descriptor);
  }
}

/** `512 bytes`, `20 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/**
 * Writes through a temp file in the same folder, fsynced, then renamed over the target. A target
 * that is a symlink is written through (the link stays a link), and an existing file keeps its mode.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const target = await realpath(file).catch(() => file);
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isFile()) throw Object.assign(new Error(`${file} exists and is not a regular file`), { code: 'ENOTREGULAR' });
  await makeDirectory(path.dirname(target));
  await removeStaleTemps(target);
  // Unique within this process and across processes: no need to load node:crypto for it.
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${++tempCounter}.${HOST_TAG}.tmp`);
  const handle = await open(temp, 'w', options.mode ?? 0o666);
  try {
    if (existing) await handle.chmod(existing.mode & 0o7777);
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Removes the temp files of earlier writes of `target` whose process is gone (a `kill -9` between
 * creating the temp file and renaming it): `.<name>.<pid>.<n>.<host>.tmp` written on this host with
 * a pid no process has (or without a host, as earlier versions named them); another host's only
 * once it is an hour old, since its pid cannot be looked up here.
 */
async function removeStaleTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const match = /^(\d+)\.\d+(?:\.([0-9a-f]{8}))?\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const file = path.join(dir, name);
    if (match[2] !== undefined && match[2] !== HOST_TAG) {
      const written = await stat(file).catch(() => undefined);
      if (!written || Date.now() - written.mtimeMs < FOREIGN_TEMP_AGE_MS) continue;
    } else {
      const pid = Number(match[1]);
      if (pid === process.pid || processAlive(pid)) continue;
    }
    await rm(file, { force: true });
  }
}

/** Whether a process with this pid runs on this host (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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

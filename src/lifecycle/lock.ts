// `.lepton/lock`: one lepton command writes a project at a time. Created with O_EXCL, it holds
// the owner's pid and start time; a lock whose process is gone, or older than STALE_AFTER_MS, is stale.
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { LeptonError } from '../errors.js';
import { makeDirectory, processAlive } from '../fs.js';

export const LOCK_PATH = '.lepton/lock';
export const STALE_AFTER_MS = 10 * 60 * 1000;
const WAIT_MS = 15_000;

interface LockContent {
  pid: number;
  host: string;
  time: string;
}

/** Roots this process holds the lock of, with how many nested holders: a holder may call another. */
const held = new Map<string, number>();

/** Runs `work` holding the project's lock; waits for another lepton command to finish first. */
export async function withLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const depth = held.get(root) ?? 0;
  if (depth === 0) await acquire(root);
  held.set(root, depth + 1);
  try {
    return await work();
  } finally {
    const left = (held.get(root) ?? 1) - 1;
    if (left === 0) {
      held.delete(root);
      await release(root);
    } else {
      held.set(root, left);
    }
  }
}

async function acquire(root: string): Promise<void> {
  const file = path.join(root, LOCK_PATH);
  await makeDirectory(path.dirname(file));
  const content: LockContent = { pid: process.pid, host: hostname(), time: new Date().toISOString() };
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    // The lock appears with its content in one step (link fails if it exists), so no reader ever
    // sees a lock half written.
    const temp = `${file}.${process.pid}.${attempt}.tmp`;
    await writeFile(temp, `${JSON.stringify(content)}\n`);
    try {
      await link(temp, file);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temp, { force: true });
    }
    const holder = await readLock(file);
    if (holder && isStale(holder)) {
      await removeStale(file, holder);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LeptonError(`another lepton command is writing this project${holder ? ` (pid ${holder.pid} since ${holder.time})` : ''}`, {
        hint: `wait for it to finish; if no lepton is running, remove ${LOCK_PATH}`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 + attempt * 5 + Math.random() * 20)));
  }
}

async function readLock(file: string): Promise<LockContent | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const unreadable = { pid: 0, host: '', time: new Date(0).toISOString() };
  try {
    const parsed = JSON.parse(text) as LockContent;
    return typeof parsed.pid === 'number' && typeof parsed.time === 'string' ? parsed : unreadable;
  } catch {
    // Locks are created whole, so one that does not parse was damaged: treat it as stale.
    return unreadable;
  }
}

function isStale(lock: LockContent): boolean {
  const age = Date.now() - new Date(lock.time).getTime();
  if (!(age < STALE_AFTER_MS)) return true;
  if (lock.host && lock.host !== hostname()) return false;
  return !processAlive(lock.pid);
}

/** Moves the stale lock aside before deleting it, so two processes clearing it cannot delete a fresh one twice. */
async function removeStale(file: string, holder: LockContent): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  const moved = await rename(file, aside).then(
    () => true,
    () => false,
  );
  if (!moved) return;
  const content = await readLock(aside);
  const same = content && content.pid === holder.pid && content.host === holder.host && content.time === holder.time;
  if (content && !same) {
    // Someone else's fresh lock was moved: put it back unless a new one already took its place.
    await link(aside, file).catch(() => undefined);
  }
  await rm(aside, { force: true });
}

async function release(root: string): Promise<void> {
  const file = path.join(root, LOCK_PATH);
  const holder = await readLock(file);
  if (holder?.pid === process.pid) await rm(file, { force: true });
}

// A `run` check's whole process tree ends on every way lepton stops: SIGTERM (a cancelled CI
// job), SIGHUP (a closed terminal), a double Ctrl-C against a tree that ignores SIGTERM, and a
// `setsid` child that left the process group and holds the output pipe.
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEPTON_BIN, cleanEnv } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

let repo: TempRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

function manifest(run: string, timeout = 120): string {
  return `version: 1
project: { name: tree }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - id: job
        run: ${JSON.stringify(run)}
        timeout: ${timeout}
`;
}

async function project(run: string, timeout?: number): Promise<TempRepo> {
  repo = await createTempRepo({ files: { 'lepton.yaml': manifest(run, timeout) } });
  return repo;
}

function startGate(dir: string) {
  return execa(process.execPath, [LEPTON_BIN, 'gate'], { cwd: dir, env: cleanEnv(), extendEnv: false, reject: false });
}

/** The pids the command wrote, one per file, once all are there. */
async function waitForPids(dir: string, files: string[]): Promise<number[]> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const texts = await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8').catch(() => '')));
    if (texts.every((text) => text.trim() !== '')) return texts.map((text) => Number(text.trim()));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the command never wrote ${files.join(', ')}`);
}

/** True while the process exists and is not a zombie. */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return false;
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function expectAllGone(pids: number[]): Promise<void> {
  // SIGKILL is asynchronous in the kernel: give it a moment.
  const deadline = Date.now() + 2000;
  let alive: number[] = pids;
  while (Date.now() < deadline) {
    alive = [];
    for (const pid of pids) if (await isAlive(pid)) alive.push(pid);
    if (alive.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const pid of alive) process.kill(pid, 'SIGKILL');
  expect(alive, 'processes of the run check outlived lepton').toEqual([]);
}

// A child and a grandchild in the background, the shell itself in the foreground.
const TREE = "sh -c 'echo $$ > grandchild.pid; exec sleep 300' & echo $! > child.pid; echo $$ > shell.pid; sleep 300";

describe('run check process tree', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} ends the whole tree and exits 130`, async () => {
      const { dir } = await project(TREE);
      const child = startGate(dir);
      const pids = await waitForPids(dir, ['shell.pid', 'child.pid', 'grandchild.pid']);
      child.kill(signal);
      const result = await child;
      expect(result.exitCode).toBe(130);
      await expectAllGone(pids);
    });
  }

  it('a double Ctrl-C leaves no descendant, even one that ignores SIGTERM', async () => {
    const { dir } = await project(`trap '' TERM; sh -c 'trap "" TERM; echo $$ > stubborn.pid; while :; do sleep 1; done' & ${TREE}`);
    const child = startGate(dir);
    const pids = await waitForPids(dir, ['shell.pid', 'child.pid', 'grandchild.pid', 'stubborn.pid']);
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    await expectAllGone(pids);
  });

  it('a setsid child holding stdout does not outlive the timeout', async () => {
    const { dir } = await project("setsid sh -c 'echo $$ > escaped.pid; exec sleep 300' & sleep 300", 2);
    const started = Date.now();
    const result = await startGate(dir);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('timed out after 2s');
    await expectAllGone(await waitForPids(dir, ['escaped.pid']));
  });

  it('a setsid child holding stdout after the shell exited does not keep the check waiting', async () => {
    const { dir } = await project("setsid sh -c 'echo $$ > escaped.pid; exec sleep 300' & sleep 0.5; echo done", 60);
    const started = Date.now();
    const result = await startGate(dir);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.exitCode).toBe(0);
    await expectAllGone(await waitForPids(dir, ['escaped.pid']));
  });

  it('Ctrl-C ends a setsid child in the foreground', async () => {
    const { dir } = await project("setsid sh -c 'echo $$ > escaped.pid; exec sleep 300'");
    const child = startGate(dir);
    const pids = await waitForPids(dir, ['escaped.pid']);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    await expectAllGone(pids);
  });
});

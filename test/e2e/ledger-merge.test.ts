// Two owners sign off a 2-of-2 approval in their own clones, in parallel; a real `git merge` runs
// lepton's merge driver (registered by `lepton hooks install`): no conflict, both sign-offs count,
// and `verify --strict` passes. Two sides that both moved the phase are refused, naming both moves.
import { execa } from 'execa';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEPTON_BIN, runLepton } from '../helpers/cli.js';
import { gitEnv, makeTempDir, createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, commitAs, lepton, type Identity } from '../helpers/lifecycle-project.js';
import { PINNED_LEPTON_FILES } from '../helpers/pinned-lepton.js';

const MANIFEST = `version: 1
project:
  name: two-clones
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [product-owner] }
    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: go-decision, approval: { roles: [product-owner], count: 2 } }
  - id: design
    title: Design
`;

let ours: TempRepo;
let theirsDir: string;
let shim: string;
const cleanups: (() => Promise<unknown>)[] = [];

/** git in `dir` as `who`; no lepton on PATH: the driver runs the pinned node_modules/.bin/lepton. */
function git(dir: string, who: Identity, ...args: string[]) {
  return execa('git', args, { cwd: dir, env: gitEnv(who), reject: false });
}

/** node_modules/.bin/lepton in `dir`, as `npm ci` installs the pinned lepton. */
async function installPinned(dir: string) {
  await mkdir(path.join(dir, 'node_modules/.bin'), { recursive: true });
  await writeFile(path.join(dir, 'node_modules/.bin/lepton'), shim);
  await chmod(path.join(dir, 'node_modules/.bin/lepton'), 0o755);
}

beforeAll(async () => {
  shim = `#!/bin/sh\nexec "${process.execPath}" "${LEPTON_BIN}" "$@"\n`;
  // lepton pinned as npm pins it: what `hooks install` asks for (or a vendored lepton).
  ours = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, '.gitignore': 'node_modules/\n', ...PINNED_LEPTON_FILES } });
  await installPinned(ours.dir);
  const install = await lepton(ours, ['hooks', 'install']);
  expect(install.exitCode, install.stderr).toBe(0);
  expect(install.stdout).toContain("git config merge.lepton-ledger: 'node_modules/.bin/lepton' ledger merge %O %A %B)");
  expect(await readFile(path.join(ours.dir, '.gitattributes'), 'utf8')).toBe('.lepton/ledger.jsonl merge=lepton-ledger\n');
  await commitAs(ours, ADA, 'merge driver');
  const parent = await makeTempDir('lepton-clone-');
  theirsDir = path.join(parent, 'theirs');
  await execa('git', ['clone', '-q', ours.dir, theirsDir], { env: gitEnv(GRACE) });
  await installPinned(theirsDir);
  await runLepton(['hooks', 'install'], { cwd: theirsDir, env: gitEnv(GRACE) });
  cleanups.push(
    () => ours.cleanup(),
    () => rm(parent, { recursive: true, force: true }),
  );
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('ledger merges', () => {
  it('parallel sign-offs in two clones merge with git merge: both count and verify --strict passes', async () => {
    const adaSigns = await lepton(ours, ['approve', 'go-decision'], { as: ADA, now: '2026-06-15T10:00:00Z' });
    expect(adaSigns.exitCode, adaSigns.stderr).toBe(0);
    await commitAs(ours, ADA, 'Ada signs off');
    const graceSigns = await runLepton(['approve', 'go-decision'], { cwd: theirsDir, env: { ...gitEnv(GRACE), LEPTON_NOW: '2026-06-15T11:00:00Z' } });
    expect(graceSigns.exitCode, graceSigns.stderr).toBe(0);
    await git(theirsDir, GRACE, 'add', '-A');
    await git(theirsDir, GRACE, 'commit', '-q', '-m', 'Grace signs off');

    await git(ours.dir, ADA, 'fetch', '-q', theirsDir, 'main');
    const merged = await git(ours.dir, ADA, 'merge', '--no-edit', 'FETCH_HEAD');
    expect(merged.exitCode, `${merged.stdout}\n${merged.stderr}`).toBe(0);
    const lines = (await readFile(path.join(ours.dir, '.lepton/ledger.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((entry) => [entry.seq, entry.actor.email])).toEqual([
      [1, ADA.email],
      [2, GRACE.email],
    ]);

    const verify = await lepton(ours, ['verify', '--strict', '--format', 'json'], { now: '2026-06-15T12:00:00Z' });
    expect(JSON.parse(verify.stdout).problems).toEqual([]);
    expect(verify.exitCode).toBe(0);
    const gate = await lepton(ours, ['gate', '--format', 'json'], { now: '2026-06-15T12:00:00Z' });
    expect(gate.exitCode, gate.stdout).toBe(0);
    expect(JSON.parse(gate.stdout).checks[0]).toMatchObject({ id: 'go-decision', status: 'pass' });
  });

  it('lepton ledger merge by hand refuses two sides that both moved the phase, naming both moves', async () => {
    const dir = await makeTempDir('lepton-merge-');
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const base = await readFile(path.join(ours.dir, '.lepton/ledger.jsonl'), 'utf8');
    const { chainEntry } = await import('../../src/lifecycle/ledger.js');
    const last = JSON.parse(base.trim().split('\n').at(-1)!);
    const move = (who: Identity, time: string) =>
      JSON.stringify(chainEntry(last, { event: 'advance', from: 'poc', to: 'design', checks: [] }, { actor: who, commit: null, time: new Date(time) }));
    await writeFile(path.join(dir, 'base'), base);
    await writeFile(path.join(dir, 'ours'), `${base}${move(ADA, '2026-06-16T10:00:00Z')}\n`);
    await writeFile(path.join(dir, 'theirs'), `${base}${move(GRACE, '2026-06-16T11:00:00Z')}\n`);
    const result = await runLepton(['ledger', 'merge', 'base', 'ours', 'theirs'], { cwd: dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`ours #3 advance from poc to design by ${ADA.name}; theirs #3 advance from poc to design by ${GRACE.name}`);
  });
});

// A Python project (no package.json) with a vendored lepton and no lepton on PATH: `hooks install`
// registers the ledger's merge driver with the same lepton the pre-push hook runs (node and the
// vendored file, relative to the top of the working tree), so a real `git merge` of two parallel
// waivers from two clones runs it: no `lepton: not found`, no conflict, both waivers kept.
import { execa } from 'execa';
import { readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runLepton } from '../helpers/cli.js';
import { createTempRepo, gitEnv, makeTempDir, type TempRepo } from '../helpers/git-repo.js';
import { initEnv } from '../helpers/init-project.js';
import { ADA, GRACE, type Identity } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: churn py
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [tech-lead] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan-written, doc: docs/poc-plan.md }
      - { id: prototype-exists, file: "src/*.py" }
  - id: design
    title: Design
`;

let repo: TempRepo;
let theirs: string;
let tools: string;
const cleanups: (() => Promise<unknown>)[] = [];

/** git as `who` with a PATH holding git, node and the shell tools, and no lepton. */
async function git(dir: string, who: Identity, ...args: string[]) {
  const result = await execa('git', args, { cwd: dir, env: cleanEnv({ ...gitEnv(who), PATH: tools }), extendEnv: false, reject: false });
  return { exitCode: result.exitCode ?? -1, out: `${result.stdout}\n${result.stderr}` };
}

/** The vendored lepton with plain node, with no lepton on PATH. */
async function vendored(dir: string, who: Identity, now: string, args: string[]) {
  const result = await execa('node', [path.join(dir, '.lepton/bin/lepton.cjs'), ...args], {
    cwd: dir,
    env: cleanEnv({ ...gitEnv(who), PATH: tools, LEPTON_NOW: now }),
    extendEnv: false,
    reject: false,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

beforeAll(async () => {
  tools = await makeTempDir('lepton-tools-');
  for (const tool of ['git', 'node', 'sh', 'cat', 'dirname']) {
    await symlink((await execa('sh', ['-c', `command -v ${tool}`])).stdout.trim(), path.join(tools, tool));
  }
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'src/model.py': 'def predict(x):\n    return x\n' } });
  expect((await runLepton(['vendor'], { cwd: repo.dir })).exitCode).toBe(0);
  const install = await vendored(repo.dir, ADA, '2026-06-15T09:00:00Z', ['hooks', 'install']);
  expect(install.exitCode, install.stderr).toBe(0);
  await git(repo.dir, ADA, 'add', '-A');
  await git(repo.dir, ADA, 'commit', '-q', '-m', 'vendored lepton and its hook');
  const parent = await makeTempDir('lepton-clone-');
  theirs = path.join(parent, 'theirs');
  await git(parent, GRACE, 'clone', '-q', repo.dir, theirs);
  const theirInstall = await vendored(theirs, GRACE, '2026-06-15T09:00:00Z', ['hooks', 'install']);
  expect(theirInstall.exitCode, theirInstall.stderr).toBe(0);
  cleanups.push(
    () => repo.cleanup(),
    () => rm(parent, { recursive: true, force: true }),
    () => rm(tools, { recursive: true, force: true }),
  );
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('the ledger merge driver of a vendored lepton', () => {
  it('is registered as node and the vendored file, not a bare lepton', async () => {
    const driver = await git(repo.dir, ADA, 'config', 'merge.lepton-ledger.driver');
    expect(driver.out.trim()).toBe("node '.lepton/bin/lepton.cjs' ledger merge %O %A %B");
  });

  it('merges two parallel waivers from two clones with no lepton on PATH', async () => {
    const adaWaives = await vendored(repo.dir, ADA, '2026-06-15T10:00:00Z', ['waive', 'plan-written', '--reason', 'plan next sprint', '--until', '2026-07-01']);
    expect(adaWaives.exitCode, adaWaives.stderr).toBe(0);
    await git(repo.dir, ADA, 'add', '-A');
    await git(repo.dir, ADA, 'commit', '-q', '-m', 'Ada waives the plan');
    const graceWaives = await vendored(theirs, GRACE, '2026-06-15T11:00:00Z', ['waive', 'prototype-exists', '--reason', 'notebook only', '--until', '2026-07-01']);
    expect(graceWaives.exitCode, graceWaives.stderr).toBe(0);
    await git(theirs, GRACE, 'add', '-A');
    await git(theirs, GRACE, 'commit', '-q', '-m', 'Grace waives the prototype');

    await git(repo.dir, ADA, 'fetch', '-q', theirs, 'main');
    const merged = await git(repo.dir, ADA, 'merge', '--no-edit', 'FETCH_HEAD');
    expect(merged.out).not.toContain('not found');
    expect(merged.exitCode, merged.out).toBe(0);
    const ledger = (await readFile(path.join(repo.dir, '.lepton/ledger.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(ledger.filter((entry) => entry.event === 'waive').map((entry) => [entry.checkId, entry.actor.email])).toEqual([
      ['plan-written', ADA.email],
      ['prototype-exists', GRACE.email],
    ]);
    const verify = await vendored(repo.dir, ADA, '2026-06-16T10:00:00Z', ['verify', '--strict']);
    expect(verify.exitCode, `${verify.stdout}${verify.stderr}`).toBe(0);
  });
});

describe('lepton vendor after lepton init', () => {
  it('switches the merge driver init registered (lepton on PATH) to the vendored file, in a project in a subfolder', async () => {
    const top = await createTempRepo({ files: { 'README.md': '# models\n' } });
    cleanups.push(() => top.cleanup());
    const init = await runLepton(['init', 'services/churn', '--yes'], { cwd: top.dir, env: initEnv() });
    expect(init.exitCode, init.stderr).toBe(0);
    expect(await top.git('config', 'merge.lepton-ledger.driver')).toBe('lepton ledger merge %O %A %B');
    const vendor = await runLepton(['vendor'], { cwd: path.join(top.dir, 'services/churn') });
    expect(vendor.exitCode, vendor.stderr).toBe(0);
    const driver = "node 'services/churn/.lepton/bin/lepton.cjs' ledger merge %O %A %B";
    expect(vendor.stdout).toContain(`the ledger merge driver runs it now (git config merge.lepton-ledger.driver: ${driver})`);
    expect(await top.git('config', 'merge.lepton-ledger.driver')).toBe(driver);
  });
});

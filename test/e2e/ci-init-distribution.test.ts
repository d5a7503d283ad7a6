// Issue 10, What broke 8: lepton is on no registry, yet `ci init` in a repository with no lock file
// wrote `npm install --global lepton@…` (a 404, or whoever claims the name runs in that CI), on
// Node 20. Now CI runs the vendored .lepton/bin/lepton.cjs when there is one, `npm ci` when
// package-lock.json pins lepton, and otherwise `ci init` and `hooks install` stop with exit 2,
// naming both ways; the workflow's Node.js is a release in maintenance.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { vendorLepton } from '../../src/ci/vendor.js';
import { ciInit } from '../../src/ci/init.js';
import { install as hooksInstall } from '../../src/commands/hooks.js';
import type { CommandIO } from '../../src/commands/types.js';
import { LeptonError } from '../../src/errors.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { PINNED_LEPTON_FILES } from '../helpers/pinned-lepton.js';

const MANIFEST = `version: 1
project: { name: churn }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: unit-tests, run: "python3 -m unittest" }
`;

const repos: TempRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

async function repository(files: Record<string, string>): Promise<TempRepo> {
  const repo = await createTempRepo({ files });
  repos.push(repo);
  return repo;
}

const globals = (cwd: string) => ({ cwd, quiet: true });

async function refusal(run: Promise<unknown>): Promise<LeptonError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LeptonError);
  return error as LeptonError;
}

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown> };

async function workflowSteps(repo: TempRepo): Promise<Step[]> {
  const workflow = parse(await readFile(path.join(repo.dir, '.github/workflows/lepton.yml'), 'utf8')) as { jobs: { gates: { steps: Step[] } } };
  return workflow.jobs.gates.steps;
}

describe('lepton ci init with neither a vendored lepton nor a lock file pinning it', () => {
  it('exits 2 naming both ways, and writes no workflow that installs lepton from a registry', async () => {
    const repo = await repository({ 'lepton.yaml': MANIFEST, 'package.json': '{ "name": "churn", "devDependencies": { "lepton": "^0.1.0" } }\n' });
    for (const provider of ['github', 'gitlab']) {
      const error = await refusal(ciInit(globals(repo.dir), { provider }));
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe('CI cannot get lepton: there is no .lepton/bin/lepton.cjs, and no package-lock.json pins lepton (lepton is on no registry to install it from)');
      expect(error.hint).toContain('`lepton vendor`');
      expect(error.hint).toContain('pin lepton in package.json');
    }
    expect(await repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});

describe('lepton ci init with a vendored lepton', () => {
  it('runs .lepton/bin/lepton.cjs with node, installs nothing, on a Node.js release in maintenance', async () => {
    const repo = await repository({ 'lepton.yaml': MANIFEST });
    await vendorLepton(repo.dir);
    const result = await ciInit(globals(repo.dir), { provider: 'github' });
    expect(result.plan.install).toBe('vendored');
    const text = await readFile(path.join(repo.dir, '.github/workflows/lepton.yml'), 'utf8');
    expect(text).not.toMatch(/npm (install|i) /);
    const steps = await workflowSteps(repo);
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toMatch(/^(22|24)$/);
    const use = steps.find((step) => step.name === 'Use the vendored lepton (.lepton/bin/lepton.cjs)');
    expect(use?.run).toContain('.lepton/bin/lepton.cjs');

    const gitlab = await ciInit(globals(repo.dir), { provider: 'gitlab' });
    const job = (parse(await readFile(path.join(repo.dir, '.gitlab-ci.yml'), 'utf8')) as { lepton: { image: string; before_script: string[] } }).lepton;
    expect(gitlab.plan.install).toBe('vendored');
    expect(job.image).toMatch(/^node:(22|24)$/);
    expect(job.before_script.join('\n')).not.toMatch(/npm (install|i) /);
    expect(job.before_script.join('\n')).toContain('.lepton/bin/lepton.cjs');
  });
});

describe('lepton ci init with package-lock.json pinning lepton', () => {
  it('installs exactly that with npm ci, and keeps node_modules/ out of git status', async () => {
    const repo = await repository({ 'lepton.yaml': MANIFEST, ...PINNED_LEPTON_FILES });
    const result = await ciInit(globals(repo.dir), { provider: 'github' });
    expect(result.plan.install).toBe('npm-ci');
    const install = (await workflowSteps(repo)).find((step) => step.name === 'Install lepton (package-lock.json)');
    expect(install?.run).toContain('npm ci');
    expect(install?.run).toContain('node_modules/');
    expect(install?.run).toContain('info/exclude');
  });

  it('refuses a lock file that does not pin lepton', async () => {
    const repo = await repository({
      'lepton.yaml': MANIFEST,
      'package.json': '{ "name": "churn" }\n',
      'package-lock.json': '{ "lockfileVersion": 3, "packages": { "": { "name": "churn" } } }\n',
    });
    const error = await refusal(ciInit(globals(repo.dir), { provider: 'github' }));
    expect(error.exitCode).toBe(2);
  });
});

describe('lepton hooks install', () => {
  const io = (): CommandIO & { out: string[] } => {
    const out: string[] = [];
    return {
      out,
      stdout: (text) => void out.push(text),
      stderr: (text) => void out.push(text),
      env: {},
      mode: { color: false } as CommandIO['mode'],
      signal: new AbortController().signal,
    };
  };

  it('exits 2 naming both ways when a clone would have no lepton for the hook to run, installing nothing', async () => {
    const repo = await repository({ 'lepton.yaml': MANIFEST });
    const error = await refusal(hooksInstall({ args: [], options: {}, globals: globals(repo.dir), io: io() }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('the pre-push hook would find no lepton in a clone of this repository: there is no .lepton/bin/lepton.cjs, and no package-lock.json pins lepton');
    expect(error.hint).toContain('`lepton vendor`');
    expect(error.hint).toContain('pin lepton in package.json');
    await expect(readFile(path.join(repo.dir, '.git/hooks/pre-push'), 'utf8')).rejects.toThrow();
  });

  it('installs the hook, which runs the vendored lepton, once there is one', async () => {
    const repo = await repository({ 'lepton.yaml': MANIFEST });
    await vendorLepton(repo.dir);
    const output = io();
    expect(await hooksInstall({ args: [], options: {}, globals: globals(repo.dir), io: output })).toBe(0);
    expect(output.out.join('')).toContain('it runs the vendored .lepton/bin/lepton.cjs with node');
    expect(await readFile(path.join(repo.dir, '.git/hooks/pre-push'), 'utf8')).toContain('lepton_bin="$lepton_project/.lepton/bin/lepton.cjs"');
  });
});

// The gate engine: bounded concurrency, results in manifest order, required vs advisory,
// waivers, --only. Real files and real processes; the engine is called directly.
import { rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate/engine.js';
import type { CheckResult } from '../../src/gate/types.js';
import type { Check, Manifest } from '../../src/manifest/schema.js';
import { makeTempDir } from '../helpers/git-repo.js';

let root: string;
beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(() => rm(root, { recursive: true, force: true }));

function manifestWith(gate: Check[]): Manifest {
  return {
    version: 1,
    project: { name: 'engine', preset: 'ml-model', domain: 'general', language: 'en', strategy: 'rolling', owners: [] },
    phase: 'poc',
    phases: [
      { id: 'poc', title: 'PoC', templates: [], gate },
      { id: 'design', title: 'Design', templates: [], gate: [] },
    ],
  };
}

async function gateOf(gate: Check[], options: Partial<Parameters<typeof runGate>[0]> = {}) {
  const manifest = manifestWith(gate);
  const finished: string[] = [];
  const report = await runGate({
    manifest,
    root,
    phases: [manifest.phases[0]!],
    onResult: (result: CheckResult) => finished.push(result.id),
    ...options,
  });
  return { report, finished };
}

describe('gate engine', () => {
  it('runs checks concurrently but reports them in manifest order', async () => {
    const { report, finished } = await gateOf(
      [
        { id: 'slow', run: 'sleep 0.6' },
        { id: 'fast', run: 'true' },
        { id: 'middle', run: 'sleep 0.3' },
      ],
      { concurrency: 3 },
    );
    expect(report.checks.map((check) => check.id)).toEqual(['slow', 'fast', 'middle']);
    expect(finished).toEqual(['fast', 'middle', 'slow']);
    expect(report.passed).toBe(true);
    expect(report.summary).toEqual({ total: 3, passed: 3, failed: 0, errored: 0, skipped: 0, waived: 0 });
  });

  it('runs one at a time with concurrency 1', async () => {
    const { finished } = await gateOf(
      [
        { id: 'slow', run: 'sleep 0.3' },
        { id: 'fast', run: 'true' },
      ],
      { concurrency: 1 },
    );
    expect(finished).toEqual(['slow', 'fast']);
  });

  it('fails on a required check and not on an advisory one', async () => {
    const advisory = await gateOf([
      { id: 'ok', run: 'true' },
      { id: 'lint', run: 'exit 3', required: false },
    ]);
    expect(advisory.report.passed).toBe(true);
    expect(advisory.report.checks[1]).toMatchObject({ id: 'lint', status: 'fail', required: false });

    const required = await gateOf([
      { id: 'ok', run: 'true' },
      { id: 'tests', run: 'exit 3' },
    ]);
    expect(required.report.passed).toBe(false);
    expect(required.report.summary.failed).toBe(1);
  });

  it("gives a failing check its own hint, or the kind's default", async () => {
    const { report } = await gateOf([
      { id: 'own', run: 'exit 1', hint: 'run make fix' },
      { id: 'default', file: 'missing/*.py' },
    ]);
    expect(report.checks[0]!.hint).toBe('run make fix');
    expect(report.checks[1]!.hint).toBeTruthy();
    expect(report.checks[1]!.hint).not.toBe('run make fix');
  });

  it('reports a waived failure as waived until the waiver expires', async () => {
    const waivers = [{ phase: 'poc', checkId: 'coverage', reason: 'legacy module', until: '2026-12-31', by: 'ada@example.com' }];
    const gate: Check[] = [{ id: 'coverage', file: 'coverage.xml' }];
    const open = await gateOf(gate, { waivers, now: () => new Date(2026, 11, 31, 23, 0) });
    expect(open.report.checks[0]).toMatchObject({ status: 'waived', waiver: { reason: 'legacy module', until: '2026-12-31' } });
    expect(open.report.passed).toBe(true);

    const expired = await gateOf(gate, { waivers, now: () => new Date(2027, 0, 1, 0, 30) });
    expect(expired.report.checks[0]!.status).toBe('fail');
    expect(expired.report.checks[0]!.message).toMatch(/waiver expired on 2026-12-31/);
    expect(expired.report.passed).toBe(false);
  });

  it('leaves a passing check as it is even when waived', async () => {
    await writeFile(path.join(root, 'coverage.xml'), '<coverage/>');
    const { report } = await gateOf([{ id: 'coverage', file: 'coverage.xml' }], {
      waivers: [{ phase: 'poc', checkId: 'coverage', reason: 'x', until: '2999-01-01', by: 'ada@example.com' }],
    });
    expect(report.checks[0]!.status).toBe('pass');
  });

  it('runs only the checks it is limited to, and reports the ids that name no check', async () => {
    await mkdir(path.join(root, 'src'));
    await writeFile(path.join(root, 'src', 'model.py'), 'x = 1\n');
    const { report } = await gateOf(
      [
        { id: 'a', file: 'src/*.py' },
        { id: 'b', run: 'exit 1' },
      ],
      { only: ['a'] },
    );
    expect(report.checks.map((check) => check.id)).toEqual(['a']);
    expect(report.passed).toBe(true);
    expect(report.unmatched).toBeUndefined();
    const unknown = await gateOf([{ id: 'a', file: 'src/*.py' }], { only: ['a', 'nope'] });
    expect(unknown.report.checks.map((check) => check.id)).toEqual(['a']);
    expect(unknown.report.unmatched).toEqual(['nope']);
  });

  it('reports kinds it is told to skip as skipped, without running them', async () => {
    const { report } = await gateOf([{ id: 'tests', run: 'touch ran' }], { skipKinds: { kinds: ['run'], message: 'not now' } });
    expect(report.checks[0]).toMatchObject({ status: 'skipped', message: 'not now' });
    await expect(import('node:fs/promises').then((fs) => fs.stat(path.join(root, 'ran')))).rejects.toThrow();
  });
});

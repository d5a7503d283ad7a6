// Inputs that used to hang lepton for good: a FIFO named as a `doc` or `metric` file, a
// placeholder expression that backtracks catastrophically, `init /proc/x` and
// `--junit /proc/x/y.xml` (Node's recursive mkdir loops there). Each now ends in bounded time.
import { execa } from 'execa';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

let repo: TempRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const GATE = (checks: string) => `version: 1
project: { name: hangs }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
${checks}
`;

// Well under the runner's own timeout: a hang fails the test instead of stalling it.
const BOUND = { timeout: 20_000 };

describe('inputs that used to hang', () => {
  it('a FIFO given as a doc or a metric file is refused, not read', async () => {
    repo = await createTempRepo({
      files: {
        'lepton.yaml': GATE(
          '      - { id: plan, doc: docs/plan.md }\n      - id: results\n        metric: { file: results.json, checks: [{ path: accuracy, op: ">=", value: 0.8 }] }',
        ),
      },
    });
    await execa('mkdir', ['-p', path.join(repo.dir, 'docs')]);
    await execa('mkfifo', [path.join(repo.dir, 'docs/plan.md'), path.join(repo.dir, 'results.json')]);
    const started = Date.now();
    const result = await runLepton(['gate', '--format', 'json'], { cwd: repo.dir, ...BOUND });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.exitCode, result.stderr).toBe(1);
    const checks = JSON.parse(result.stdout).checks as { id: string; status: string; message: string }[];
    expect(checks.find((check) => check.id === 'plan')).toMatchObject({ status: 'error', message: expect.stringContaining('is not a regular file') });
    expect(checks.find((check) => check.id === 'results')).toMatchObject({ status: 'fail', message: expect.stringContaining('is not a regular file') });
  });

  it('a catastrophically backtracking placeholder is stopped with an error naming it', async () => {
    repo = await createTempRepo({
      files: {
        'lepton.yaml': GATE('      - { id: plan, doc: docs/plan.md, placeholder: "(a+)+$" }'),
        'docs/plan.md': `# Plan\n\n${'a'.repeat(64)}b\n`,
      },
    });
    const started = Date.now();
    const result = await runLepton(['gate', '--format', 'json'], { cwd: repo.dir, ...BOUND });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.exitCode, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).checks[0]).toMatchObject({ status: 'error', message: expect.stringMatching(/^placeholder \/\(a\+\)\+\$\/ took over 5s on docs\/plan\.md/) });
  });

  it('init /proc/x fails with a clear error', async () => {
    repo = await createTempRepo();
    const result = await runLepton(['init', '/proc/lepton-x', '--yes'], { cwd: repo.dir, ...BOUND });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^lepton: cannot create the folder \/proc\/lepton-x: /);
    expect(result.stderr).not.toContain('unexpected error');
  });

  it('gate --junit /proc/x/y.xml fails with a clear error', async () => {
    repo = await createTempRepo({ files: { 'lepton.yaml': GATE('      - { id: manifest, file: lepton.yaml }') } });
    const result = await runLepton(['gate', '--junit', '/proc/lepton-x/y.xml'], { cwd: repo.dir, ...BOUND });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('lepton: cannot write /proc/lepton-x/y.xml');
  });

  it('a document over the size cap is refused with a clear error, and the cache keeps no copy of it', async () => {
    repo = await createTempRepo({
      files: { 'lepton.yaml': GATE('      - { id: plan, doc: docs/plan.md }'), 'docs/plan.md': `# Plan\n\n${'word '.repeat(1_000_000)}\n` },
    });
    const result = await runLepton(['gate', '--format', 'json'], { cwd: repo.dir, ...BOUND });
    expect(result.exitCode, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).checks[0]).toMatchObject({ status: 'error', message: 'docs/plan.md is 5 MiB, over the 4 MiB limit: documents larger than that are not read' });
  });
});

// `lepton gate --all` in a real git monorepo: finds exactly the projects git does not ignore,
// evaluates each, reports per project, and exits with the worst result.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { CHURN_MANIFEST, createMonorepo, report } from './monorepo-setup.js';
import { manifestYaml } from '../helpers/manifest.js';

interface AllJson {
  version: number;
  command: string;
  passed: boolean;
  projects: {
    path: string;
    project?: string;
    passed: boolean;
    exitCode: number;
    report?: { checks: { id: string; status: string; message: string }[] };
    error?: { message: string };
  }[];
  summary: { total: number; passed: number; failed: number; invalid: number };
}

describe('lepton gate --all', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await createMonorepo();
  });
  afterEach(async () => {
    await repo.cleanup();
  });

  it('evaluates exactly the three projects, skipping ignored folders and node_modules, and fails with the failing one', async () => {
    const result = await runLepton(['gate', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as AllJson;
    expect(json.projects.map((project) => [project.path, project.project, project.passed, project.exitCode])).toEqual([
      ['research/poc', 'retrieval-poc', true, 0],
      ['services/churn', 'churn-predictor', true, 0],
      ['services/support-bot', 'support-bot', false, 1],
    ]);
    expect(json).toMatchObject({ version: 1, command: 'gate', passed: false, summary: { total: 3, passed: 2, failed: 1, invalid: 0 } });
    expect(json.projects[1]!.report!.checks.map((check) => `${check.id}: ${check.message}`)).toEqual([
      'coverage: lines 72.4% ≥ 70%, branches 72.7% ≥ 70%',
      'test-report: 5 tests, 1 skipped in 1 file',
    ]);
    expect(json.projects[2]!.report!.checks[0]).toMatchObject({ status: 'fail', message: '6 tests, 1 failed, 1 skipped in 1 file' });
  });

  it('prints a section per project in path order and an overall line', async () => {
    const result = await runLepton(['gate', '--all'], { cwd: repo.dir });
    expect(result.exitCode).toBe(1);
    const headings = result.stdout.split('\n').filter((line) => /^(research|services)\//.test(line));
    expect(headings).toEqual(['research/poc (retrieval-poc)', 'services/churn (churn-predictor)', 'services/support-bot (support-bot)']);
    expect(result.stdout).toContain('reports/jest-junit.xml: prompt builder truncates long histories failed: Error: expect(received).toBeLessThanOrEqual(expected)');
    expect(result.stdout).toMatch(/^3 projects: 2 passed, 1 failed$/m);
    expect(result.stdout).toMatch(/^ {2}✖ services\/support-bot {2}support-bot$/m);
  });

  it('exits 0 once every project passes, and 2 when a manifest is invalid while still reporting the others', async () => {
    await repo.write('services/support-bot/reports/jest-junit.xml', await report('pytest/junit-passing.xml'));
    expect((await runLepton(['gate', '--all'], { cwd: repo.dir })).exitCode).toBe(0);

    await repo.write('research/poc/lepton.yaml', 'version: 1\nproject: { name: retrieval-poc }\nphase: poc\nphases: []\n');
    await repo.write('services/support-bot/reports/jest-junit.xml', await report('jest/junit.xml'));
    const result = await runLepton(['gate', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(result.exitCode).toBe(2);
    const json = JSON.parse(result.stdout) as AllJson;
    expect(json.projects.map((project) => project.exitCode)).toEqual([2, 0, 1]);
    expect(json.projects[0]!.error!.message).toMatch(/^invalid manifest: research\/poc\/lepton\.yaml:4:9: /);
    expect(json.summary).toEqual({ total: 3, passed: 1, failed: 1, invalid: 1 });
  });

  it('searches only below -C DIR', async () => {
    const result = await runLepton(['-C', 'services', 'gate', '--all', '--format', 'json'], { cwd: repo.dir });
    expect((JSON.parse(result.stdout) as AllJson).projects.map((project) => project.path)).toEqual(['churn', 'support-bot']);
  });

  it('takes --completed, --phase and --only per project', async () => {
    // --completed trusts only phases the ledger records as passed: advance churn for real.
    await repo.write('services/churn/lepton.yaml', CHURN_MANIFEST.replace('phase: test', 'phase: develop'));
    await repo.commitAll('churn starts in develop');
    expect((await runLepton(['-C', 'services/churn', 'advance'], { cwd: repo.dir })).exitCode).toBe(0);
    const completed = await runLepton(['gate', '--all', '--completed', '--format', 'json'], { cwd: repo.dir });
    expect(completed.exitCode).toBe(0);
    const churn = (JSON.parse(completed.stdout) as AllJson).projects.find((project) => project.path === 'services/churn');
    expect(churn!.report!.checks.map((check) => [check.id, check.status])).toEqual([['unit-tests', 'pass']]);

    const only = await runLepton(['gate', '--all', '--only', 'coverage', '--format', 'json'], { cwd: repo.dir });
    expect(only.exitCode).toBe(0);
    expect((JSON.parse(only.stdout) as AllJson).projects.map((project) => project.report!.checks.map((check) => check.id))).toEqual([['coverage'], ['coverage'], []]);

    const unknown = await runLepton(['gate', '--all', '--only', 'no-such-check'], { cwd: repo.dir });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--only names no check "no-such-check" in any project\'s gate');

    const phase = await runLepton(['gate', '--all', '--phase', 'develop', '--format', 'json'], { cwd: repo.dir });
    expect(phase.exitCode).toBe(2);
    expect((JSON.parse(phase.stdout) as AllJson).projects.map((project) => project.exitCode)).toEqual([2, 0, 2]);
  });

  it('refuses --manifest and a folder without projects', async () => {
    expect((await runLepton(['--manifest', 'services/churn/lepton.yaml', 'gate', '--all'], { cwd: repo.dir })).exitCode).toBe(2);
    await repo.write('empty/README.md', 'nothing here\n');
    const empty = await runLepton(['-C', 'empty', 'gate', '--all'], { cwd: repo.dir });
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/^lepton: no lepton\.yaml found in .*empty or below it/m);
  });
});

describe('gate --all --completed --only on a completed project', () => {
  it('picks the phases exactly as the single-project gate does, the last phase included', async () => {
    const { createProject, lepton } = await import('../helpers/lifecycle-project.js');
    const repo = await createProject(manifestYaml({ name: 'done', owners: [], phases: [{ id: 'poc', title: 'PoC', gate: [{ id: 'code', file: 'src/*.py' }] }] }), {
      'src/model.py': 'x = 1\n',
    });
    try {
      expect((await lepton(repo, ['advance'])).exitCode).toBe(0);
      const single = await lepton(repo, ['gate', '--completed', '--only', 'code', '--format', 'json']);
      const all = await lepton(repo, ['gate', '--all', '--completed', '--only', 'code', '--format', 'json']);
      expect(single.exitCode, single.stderr).toBe(0);
      expect(all.exitCode, all.stderr).toBe(0);
      expect(JSON.parse(single.stdout).checks.map((check: { id: string }) => check.id)).toEqual(['code']);
      expect(JSON.parse(all.stdout).projects[0].report.checks.map((check: { id: string }) => check.id)).toEqual(['code']);
    } finally {
      await repo.cleanup();
    }
  });
});

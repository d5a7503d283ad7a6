// `lepton status --all` and `lepton verify --all`: one report per project; status never fails on a
// gate, verify fails on the project whose phase: the ledger does not back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { createMonorepo } from './monorepo-setup.js';

interface AllJson {
  command: string;
  passed: boolean;
  projects: { path: string; passed: boolean; exitCode: number; report: Record<string, unknown> }[];
}

describe('status --all and verify --all', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createMonorepo();
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it("status --all reports each project's phase and gate and exits 0 even when a gate fails", async () => {
    const result = await runLepton(['status', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as AllJson;
    expect(json.command).toBe('status');
    expect(json.projects.map((project) => [project.path, project.report.phase, project.passed])).toEqual([
      ['research/poc', 'poc', true],
      ['services/churn', 'test', true],
      ['services/support-bot', 'test', false],
    ]);
    const pretty = await runLepton(['status', '--all'], { cwd: repo.dir });
    expect(pretty.stdout).toMatch(/^services\/support-bot \(support-bot\)\nsupport-bot$/m);
    expect(pretty.stdout).toMatch(/^3 projects: 2 passed, 1 failed$/m);
  });

  it('verify --all fails on the project that claims a phase its ledger does not record', async () => {
    const result = await runLepton(['verify', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as AllJson;
    // churn says phase: test without a ledger; the others are in their first phase.
    expect(json.projects.map((project) => [project.path, project.passed, project.exitCode])).toEqual([
      ['research/poc', true, 0],
      ['services/churn', false, 1],
      ['services/support-bot', true, 0],
    ]);
    expect(json.projects[1]!.report).toMatchObject({ ok: false, problems: [{ check: 'phase' }] });
  });
});

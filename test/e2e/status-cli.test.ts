// `lepton status`: the phases, the current one and its gate at a glance, without running slow checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({
    files: {
      'lepton.yaml': `version: 1
project: { name: status-e2e, description: Predict churn }
phase: design
phases:
  - { id: poc, title: Proof of concept }
  - id: design
    title: Design
    gate:
      - { id: code, file: "src/*.py" }
      - { id: tests, run: "touch ran-by-status" }
      - { id: docs, doc: docs/architecture.md, required: false }
  - { id: develop, title: Development }
`,
      'src/model.py': 'x = 1\n',
    },
  });
});
afterAll(() => repo.cleanup());

describe('lepton status', () => {
  it('shows the phases and the current gate as JSON, without running commands', async () => {
    const result = await runLepton(['status', '--format', 'json'], { cwd: repo.dir });
    expect(result.exitCode).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.phases).toEqual([
      { id: 'poc', title: 'Proof of concept', state: 'done', checks: 0 },
      { id: 'design', title: 'Design', state: 'current', checks: 3 },
      { id: 'develop', title: 'Development', state: 'upcoming', checks: 0 },
    ]);
    expect(status.gate.checks.map((check: { id: string; status: string }) => `${check.id}:${check.status}`)).toEqual(['code:pass', 'tests:skipped', 'docs:fail']);
    expect(status.gate.checks[1].message).toMatch(/`lepton gate` runs it/);
    const { stdout } = await runLepton(['gate', '--only', 'code', '--format', 'json'], { cwd: repo.dir });
    expect(JSON.parse(stdout).passed).toBe(true);
    await expect(import('node:fs/promises').then((fs) => fs.stat(`${repo.dir}/ran-by-status`))).rejects.toThrow();
  });

  it('prints a readable overview', async () => {
    const result = await runLepton(['status'], { cwd: repo.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^status-e2e — Predict churn$/m);
    expect(result.stdout).toMatch(/✔ poc\s+Proof of concept/);
    expect(result.stdout).toMatch(/▶ design\s+Design\s+← current/);
    expect(result.stdout).toMatch(/Gate of design: 1 of 3 checks pass/);
  });
});

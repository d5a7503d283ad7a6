// `lepton gate` through the built CLI: exit codes, the documented JSON object and nothing else on
// stdout, plain text in pipes, --completed, --phase, --only, and Ctrl-C.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEPTON_BIN, cleanEnv, runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const reportSchema = JSON.parse(await readFile(new URL('../fixtures/gate-report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv2020({ allErrors: true, strict: false }).compile(reportSchema);

const MANIFEST = `version: 1
project: { name: gate-e2e }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: code, file: "src/**/*.py" }
      - id: results
        metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }] }
  - id: design
    title: Design
    gate:
      - { id: architecture, doc: docs/architecture.md, hint: "write the architecture document" }
      - { id: lint, run: "exit 4", required: false }
      - { id: results-again, metric: { file: poc/results.json, checks: [{ path: latency_ms.p95, op: "<=", value: 200 }] } }
  - id: develop
    title: Development
    gate:
      - { id: sleepy, run: "sleep 47", timeout: 60 }
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({
    files: {
      'lepton.yaml': MANIFEST,
      'src/churn/model.py': 'def predict(x):\n    return 0.5\n',
      'poc/results.json': JSON.stringify({ accuracy: 0.9, latency_ms: { p95: 250 } }),
      'docs/architecture.md': '# Architecture\n\n## System architecture\n\nTODO: draw it\n',
    },
  });
  // Earn the design phase the only way there is: through the ledger.
  const advanced = await runLepton(['advance'], { cwd: repo.dir });
  expect(advanced.exitCode, advanced.stderr).toBe(0);
});
afterAll(() => repo.cleanup());

describe('lepton gate', () => {
  it('prints exactly the documented JSON object and exits 1 on a failing gate', async () => {
    const result = await runLepton(['gate', '--format', 'json'], { cwd: repo.dir });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report).toMatchObject({ version: 1, project: 'gate-e2e', phase: 'design', passed: false });
    expect(report.checks.map((check: { id: string }) => check.id)).toEqual(['architecture', 'lint', 'results-again']);
    expect(report.checks[0]).toMatchObject({ kind: 'doc', status: 'fail', hint: 'write the architecture document' });
    expect(report.checks[0].problems[0]).toMatchObject({ file: 'docs/architecture.md', line: 5 });
    expect(report.checks[1]).toMatchObject({ kind: 'run', status: 'fail', required: false });
    expect(report.checks[2].message).toMatch(/latency_ms\.p95 = 250, expected <= 200/);
    expect(report.summary).toEqual({ total: 3, passed: 0, failed: 3, errored: 0, skipped: 0, waived: 0 });
  });

  it('exits 0 when the gate passes: --completed re-evaluates the phases already passed', async () => {
    const result = await runLepton(['gate', '--completed', '--format', 'json'], { cwd: repo.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(validateReport(report)).toBe(true);
    expect(report.checks.map((check: { phase: string; id: string }) => `${check.phase}/${check.id}`)).toEqual(['poc/code', 'poc/results']);
    expect(report.passed).toBe(true);
  });

  it('evaluates another phase with --phase and some checks with --only', async () => {
    const result = await runLepton(['gate', '--phase', 'poc', '--only', 'results', '--format', 'json'], { cwd: repo.dir });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).checks.map((check: { id: string }) => check.id)).toEqual(['results']);
  });

  it('prints plain text in a pipe: no colour codes, each failure with what to do', async () => {
    const result = await runLepton(['gate'], { cwd: repo.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stdout).toMatch(/FAIL\s+architecture/);
    expect(result.stdout).toMatch(/→ write the architecture document/);
    expect(result.stdout).toMatch(/FAIL\s+lint .*\(advisory\)/);
    expect(result.stdout).toMatch(/gate failed: 3 checks, 0 passed, 3 failed/);
  });

  it('colours only when asked to (FORCE_COLOR) and never with NO_COLOR or --no-color', async () => {
    const forced = await runLepton(['gate'], { cwd: repo.dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\u001b\[/);
    const noColor = await runLepton(['gate'], { cwd: repo.dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
    const flag = await runLepton(['gate', '--no-color'], { cwd: repo.dir, env: { FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });

  it('refuses bad usage with exit 2', async () => {
    const both = await runLepton(['gate', '--phase', 'poc', '--completed'], { cwd: repo.dir });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/--phase and --completed cannot be used together/);
    const phase = await runLepton(['gate', '--phase', 'nope'], { cwd: repo.dir });
    expect(phase.exitCode).toBe(2);
    expect(phase.stderr).toMatch(/no phase "nope".*\nhint: phases: poc, design, develop/);
    expect((await runLepton(['gate', '--concurrency', '0'], { cwd: repo.dir })).exitCode).toBe(2);
    expect((await runLepton(['gate', '--format', 'xml'], { cwd: repo.dir })).exitCode).toBe(2);
    const only = await runLepton(['gate', '--only', 'nope'], { cwd: repo.dir });
    expect(only.exitCode).toBe(2);
    expect(only.stderr).toMatch(/--only names no check "nope"/);
  });

  it("exits 130 on Ctrl-C and ends the running command's process tree", async () => {
    const child = execa(process.execPath, [LEPTON_BIN, 'gate', '--phase', 'develop'], {
      cwd: repo.dir,
      env: cleanEnv(),
      extendEnv: false,
      reject: false,
    });
    // Wait until the check's shell is running before interrupting.
    const deadline = Date.now() + 10_000;
    let sleeping = false;
    while (!sleeping && Date.now() < deadline) {
      const { stdout } = await execa('pgrep', ['-f', 'sleep 47'], { reject: false });
      sleeping = stdout.trim().length > 0;
      if (!sleeping) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sleeping).toBe(true);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const { stdout } = await execa('pgrep', ['-f', 'sleep 47'], { reject: false });
    expect(stdout.trim()).toBe('');
  });
});

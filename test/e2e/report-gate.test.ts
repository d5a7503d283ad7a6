// `lepton gate` in the CI formats through the built CLI: JUnit that both XSDs accept, GitHub
// annotations and the job summary for a failing gate, github by default inside GitHub Actions,
// and --junit FILE beside any format.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const SCHEMAS = fileURLToPath(new URL('../../../shared/validators/junit/', import.meta.url));
const canValidate = !spawnSync('xmllint', ['--version']).error && existsSync(path.join(SCHEMAS, 'JUnit.xsd'));
if (!canValidate) console.warn('report-gate: xmllint or the JUnit schemas are missing, XSD validation skipped (apt-get install libxml2-utils)');

const MANIFEST = `version: 1
project: { name: churn }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan-written, doc: docs/poc-plan.md, hint: "fill in the plan" }
      - { id: unit-tests, run: "printf 'E   assert 0.7 >= 0.85\\\\n::error::forged\\\\n\\\\001bell\\\\n'; exit 1" }
      - { id: code, file: "src/**/*.py" }
      - { id: lint, file: "lint-report.txt", required: false }
  - id: design
    title: Design
    gate:
      - { id: architecture, file: docs/architecture.md }
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({
    files: {
      'ml/lepton.yaml': MANIFEST,
      'ml/docs/poc-plan.md': '# PoC plan\n\n## Goal\n\nPredict churn.\n\n## Success criteria\n\nTODO: agree on them\n',
      'ml/src/model.py': 'def predict(x):\n    return 0.5\n',
    },
  });
});
afterAll(() => repo.cleanup());

const cwd = () => path.join(repo.dir, 'ml');

function validate(file: string, schema: string): number | null {
  return spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, schema), file], { encoding: 'utf8' }).status;
}

describe('lepton gate --format junit', () => {
  it('prints a report both XSDs accept, with the failing checks as failures', async () => {
    const result = await runLepton(['gate', '--format', 'junit'], { cwd: cwd() });
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/<testsuite name="lepton\.poc" package="lepton" id="0" [^>]*tests="4" failures="2" errors="0" skipped="0"/);
    expect(result.stdout).toContain(
      '<failure message="1 section still has placeholders" type="doc">docs/poc-plan.md:9: placeholder TODO in \'Success criteria\'\nhint: fill in the plan</failure>',
    );
    expect(result.stdout).toContain('::error::forged');
    expect(result.stdout).not.toContain('\u0001');
    if (canValidate) {
      const file = path.join(repo.dir, 'gate.xml');
      await writeFile(file, result.stdout);
      expect(validate(file, 'JUnit.xsd')).toBe(0);
      expect(validate(file, 'jenkins-junit-10.xsd')).toBe(0);
    }
  });
});

describe('lepton gate --format github', () => {
  it('annotates the failures at repository-relative paths and appends the Markdown summary', async () => {
    const summary = path.join(repo.dir, 'summary.md');
    await writeFile(summary, '# Earlier step\n');
    const result = await runLepton(['gate', '--format', 'github'], { cwd: cwd(), env: { GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: repo.dir } });
    expect(result.exitCode, result.stderr).toBe(1);
    const annotations = result.stdout.split('\n').filter((line) => /^::(error|warning|notice) /.test(line));
    expect(annotations).toEqual([
      expect.stringMatching(/^::error file=ml\/docs\/poc-plan\.md,line=9,title=lepton poc\/plan-written failed::placeholder TODO .*%0Ahint: fill in the plan$/),
      expect.stringMatching(/^::error title=lepton poc\/unit-tests failed::`printf .*` exited with code 1%0AE {3}assert 0\.7 >= 0\.85%0A::error::forged%0Abell%0Ahint: /),
      expect.stringMatching(/^::warning title=lepton poc\/lint failed \(advisory\)::/),
    ]);
    expect(result.stdout).toMatch(/::stop-commands::lepton-[0-9a-f]{16}\n/);
    const written = await readFile(summary, 'utf8');
    expect(written.startsWith('# Earlier step\n\n<!-- lepton-report -->\n## ❌ lepton gate: churn — failed\n')).toBe(true);
    expect(written).toContain('| ❌ fail | `plan-written` | doc |');
    expect(written).toContain('## What to fix');
  });

  it('is the default inside GitHub Actions, and --junit FILE writes JUnit beside it', async () => {
    const summary = path.join(repo.dir, 'summary-default.md');
    const result = await runLepton(['gate', '--junit', 'reports/current.xml'], {
      cwd: cwd(),
      env: { GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^::error /);
    expect(await readFile(summary, 'utf8')).toMatch(/^<!-- lepton-report -->\n## ❌ lepton gate: churn — failed/);
    const junit = await readFile(path.join(cwd(), 'reports/current.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="lepton\.poc"/);
  });

  it('stays pretty outside GitHub Actions, writing no summary', async () => {
    const summary = path.join(repo.dir, 'summary-none.md');
    const result = await runLepton(['gate', '--phase', 'poc', '--only', 'code'], { cwd: cwd(), env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('gate passed: 1 check, 1 passed');
    expect(existsSync(summary)).toBe(false);
  });
});

describe('lepton gate --format markdown', () => {
  it('prints the readable report', async () => {
    const result = await runLepton(['gate', '--format', 'markdown'], { cwd: cwd() });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^<!-- lepton-report -->\n## ❌ lepton gate: churn — failed\n\nPhase `poc` \(Proof of concept\) · 4 checks: 1 passed, 3 failed\n/);
    expect(result.stdout).toContain('| ⚠️ fail (advisory) | `lint` | file |');
  });
});

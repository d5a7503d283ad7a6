// `lepton status` and `lepton verify` in the CI formats through the built CLI: status informs
// (a notice, exit 0), verify enforces (errors on the ledger, exit 1), both valid JUnit.
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
if (!canValidate) console.warn('report-status-verify: xmllint or the JUnit schemas are missing, XSD validation skipped (apt-get install libxml2-utils)');

const manifest = (phase: string) => `version: 1
project: { name: churn, description: Predict churn }
phase: ${phase}
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: code, file: "src/**/*.py" }
      - { id: smoke, run: "exit 0" }
  - id: design
    title: Design
    gate:
      - { id: architecture, file: docs/architecture.md }
`;

let good: TempRepo;
let tampered: TempRepo;
beforeAll(async () => {
  [good, tampered] = await Promise.all([
    createTempRepo({ files: { 'lepton.yaml': manifest('poc'), 'src/model.py': 'x = 1\n' } }),
    // phase: set by hand, with no ledger behind it.
    createTempRepo({ files: { 'lepton.yaml': manifest('design'), 'src/model.py': 'x = 1\n' } }),
  ]);
});
afterAll(() => Promise.all([good.cleanup(), tampered.cleanup()]));

async function validates(xml: string, dir: string): Promise<boolean> {
  const file = path.join(dir, 'report.xml');
  await writeFile(file, xml);
  return ['JUnit.xsd', 'jenkins-junit-10.xsd'].every((schema) => spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, schema), file]).status === 0);
}

describe('lepton status', () => {
  it('--format markdown: the phases and the current gate, exit 0', async () => {
    const result = await runLepton(['status', '--format', 'markdown'], { cwd: good.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^<!-- lepton-report -->\n## lepton status: churn\n\nPredict churn\n/);
    expect(result.stdout).toContain('| ▶️ current | `poc` | Proof of concept | 2 |');
    expect(result.stdout).toContain('| ⏭️ skipped | `smoke` | run |');
  });

  it('--format junit: the current gate as one suite, valid', async () => {
    const result = await runLepton(['status', '--format', 'junit'], { cwd: good.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/<testsuite name="lepton\.poc"[^>]* tests="2" failures="0" errors="0" skipped="1"/);
    if (canValidate) expect(await validates(result.stdout, good.dir)).toBe(true);
  });

  it('by default in GitHub Actions: one notice, never an error, and the summary', async () => {
    const summary = path.join(good.dir, 'summary.md');
    const result = await runLepton(['status'], { cwd: good.dir, env: { GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('::notice title=lepton status%3A churn::phase poc (Proof of concept): 1 of 2 checks of its gate pass');
    expect(result.stdout).not.toMatch(/^::error/m);
    expect(await readFile(summary, 'utf8')).toMatch(/^<!-- lepton-report -->\n## lepton status: churn\n/);
  });
});

describe('lepton verify', () => {
  it('--format github: an error annotation on the ledger for phase: changed by hand, exit 1, and the summary', async () => {
    const summary = path.join(tampered.dir, 'summary.md');
    const result = await runLepton(['verify', '--format', 'github'], { cwd: tampered.dir, env: { GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: tampered.dir } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^::error file=\.lepton\/ledger\.jsonl,title=lepton verify::there is no ledger .*but phase: is design/);
    expect(await readFile(summary, 'utf8')).toMatch(/^<!-- lepton-report -->\n## ❌ lepton verify: churn — ledger check failed\n/);
  });

  it('--junit FILE: one verify suite whose phase case fails, valid; a sound ledger passes', async () => {
    const result = await runLepton(['verify', '--junit', 'verify.xml'], { cwd: tampered.dir });
    expect(result.exitCode).toBe(1);
    const xml = await readFile(path.join(tampered.dir, 'verify.xml'), 'utf8');
    expect(xml).toMatch(/<testsuite name="lepton\.verify"[^>]* tests="3" failures="1"/);
    expect(xml).toMatch(/<testcase name="phase" classname="lepton\.verify" time="0\.000">\n\s+<failure message="there is no ledger/);
    if (canValidate) expect(await validates(xml, tampered.dir)).toBe(true);
    const sound = await runLepton(['verify', '--format', 'markdown'], { cwd: good.dir });
    expect(sound.exitCode, sound.stderr).toBe(0);
    expect(sound.stdout).toMatch(/^<!-- lepton-report -->\n## ✅ lepton verify: churn — ledger verified\n\n0 ledger entries · phase `poc`\n$/);
  });
});

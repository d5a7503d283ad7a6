// Issue 10, Done when 1: the churn journey, end to end, as a team lives it. A Python project
// (standard library only) with lepton vendored goes through all five phases, the deploy gate
// checking a release tag and a clean tree; the ledger is committed after the last advance
// (moving HEAD past the tag), and the push to main through the real pre-push hook passes. A fresh
// clone of the remote then runs the generated CI's job (its run steps, as the runner would, minus
// the actions) and passes with no committed reports: the gate's `run` check makes coverage.xml
// and reports/junit.xml. A teammate's docs-only change passes CI and the hook too.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChurnRepo, type ChurnRepo } from '../helpers/churn-project.js';
import { readWorkflowJob, runWorkflowJob, type JobRun } from '../helpers/github-runner.js';
import { gitEnv } from '../helpers/git-repo.js';
import { ADA, GRACE, OWNERS_YAML, commitAs } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: churn-predictor
  description: Predict which subscribers cancel next month
  preset: ml-model
  domain: finance
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype-exists, file: "src/**/*.py" }
      - id: results-meet-criteria
        metric: { file: poc/results.json, checks: [{ path: roc_auc, op: ">=", value: 0.78 }] }
      - { id: go-decision, approval: { roles: [product-owner] } }
  - id: design
    title: Design
    gate:
      - { id: architecture-written, doc: docs/architecture.md }
  - id: develop
    title: Development
    gate:
      - id: unit-tests
        run: python3 -m unittest discover -s tests -t .
        env: { PYTHONPATH: src }
        inputs: ["src/**", "tests/**"]
  - id: test
    title: Testing
    gate:
      - id: test-run
        run: python3 tools/run_tests.py
        inputs: ["src/**", "tests/**", "tools/**"]
        outputs: [coverage.xml, reports/junit.xml]
      - { id: coverage, coverage: { file: coverage.xml, lines: 80 } }
      - { id: test-report, tests: { junit: "reports/junit*.xml", min: 1 } }
  - id: deploy
    title: Deployment and operations
    gate:
      - { id: runbook-written, doc: docs/deploy-runbook.md }
      - { id: release-tagged, git: { tag: "v*", clean: true } }
hooks:
  pre-push: { branches: [main], required: true }
`;

const ARCHITECTURE =
  '# Architecture\n\n## System architecture\n\nA batch scorer reading the subscriber table nightly.\n\n## Modules\n\nchurn.model scores; tools/ runs the tests.\n';
const RUNBOOK = '# Deploy runbook\n\n## Rollout\n\nBlue-green, switched after the smoke test.\n\n## Rollback\n\nSwitch back to blue.\n';

let repo: ChurnRepo;
/** The remote's main before the push of the completed project (what CI's push event calls `before`). */
let before: string;
/** A fresh clone of the remote. */
let clone: string;

async function step(args: string[], as = ADA) {
  const result = await repo.lepton(args, as);
  expect(result.exitCode, `lepton ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
  await commitAs(repo, as, `lepton ${args.join(' ')}`);
  return result;
}

async function work(files: Record<string, string>, message = 'work') {
  for (const [file, content] of Object.entries(files)) await repo.write(file, content);
  await commitAs(repo, ADA, message);
}

/** The generated workflow's gates job, run in `checkout` for a push whose previous tip was `before`. */
async function runCi(checkout: string, before: string): Promise<JobRun> {
  const job = await readWorkflowJob(path.join(checkout, '.github/workflows/lepton.yml'));
  return runWorkflowJob(job, { checkout, baseSha: before, path: process.env.PATH ?? '', env: gitEnv() });
}

function enforced(run: JobRun): { name: string; exitCode: number; skipped: boolean }[] {
  return run.steps.filter((each) => each.name.includes('(enforced)')).map(({ name, exitCode, skipped }) => ({ name, exitCode, skipped }));
}

beforeAll(async () => {
  repo = await createChurnRepo(MANIFEST, { 'poc/results.json': '{ "roc_auc": 0.8012, "precision_at_10": 0.41 }\n' });
  const vendored = await repo.lepton(['vendor']);
  expect(vendored.exitCode, vendored.stderr).toBe(0);
  const hook = await repo.lepton(['hooks', 'install']);
  expect(hook.exitCode, hook.stderr).toBe(0);
  await commitAs(repo, ADA, 'lepton, vendored');
  const first = await repo.push(['-q', 'origin', 'main']);
  expect(first.exitCode, first.stderr).toBe(0);
}, 120_000);
afterAll(() => repo?.cleanupAll());

describe('the churn journey', () => {
  it('completes all five phases, the deploy gate passing on a tagged, clean HEAD', async () => {
    await step(['approve', 'go-decision', '--note', 'roc_auc 0.80 beats the 0.78 bar'], GRACE);
    await step(['advance', '-m', 'PoC accepted']);
    await work({ 'docs/architecture.md': ARCHITECTURE });
    await step(['advance']);
    await step(['advance']);
    await step(['advance']);
    expect(existsSync(path.join(repo.dir, 'coverage.xml'))).toBe(true);
    expect(await repo.git('ls-files', 'coverage.xml', 'reports')).toBe('');
    await work({ 'docs/deploy-runbook.md': RUNBOOK }, 'runbook');
    await repo.git('tag', 'v1.0.0');
    const done = await repo.lepton(['advance']);
    expect(done.exitCode, done.stdout + done.stderr).toBe(0);
    expect(done.stdout).toContain('Complete');
  }, 240_000);

  it('commits the ledger after the last advance, and the push to main through the real hook passes', async () => {
    await commitAs(repo, ADA, 'record the release in the ledger');
    expect(await repo.git('tag', '--points-at', 'HEAD')).toBe('');
    const ci = await repo.lepton(['ci', 'init', '--provider', 'github']);
    expect(ci.exitCode, ci.stderr).toBe(0);
    expect(ci.stdout).toContain('the vendored .lepton/bin/lepton.cjs');
    await commitAs(repo, ADA, 'CI');
    before = await execa('git', ['rev-parse', 'main'], { cwd: repo.remote }).then((result) => result.stdout.trim());
    const pushed = await repo.push(['origin', 'main', '--tags']);
    expect(pushed.stderr).toContain('lepton: pre-push gate passed for main');
    expect(pushed.exitCode).toBe(0);
  }, 120_000);

  it('a fresh clone has no reports, and the generated CI job passes in it: the run check makes them', async () => {
    clone = await repo.clone();
    for (const report of ['coverage.xml', 'reports/junit.xml']) expect(existsSync(path.join(clone, report)), report).toBe(false);
    expect(existsSync(path.join(clone, 'node_modules'))).toBe(false);
    const run = await runCi(clone, before);
    expect(run.passed, run.log).toBe(true);
    // The push moved phase: from poc to deploy, so the gate of test (the phase before) runs too.
    expect(enforced(run)).toEqual([
      { name: 'Verify the ledger (enforced)', exitCode: 0, skipped: false },
      { name: 'Gate of the phase this change completes (enforced)', exitCode: 0, skipped: false },
      { name: 'Completed phases still pass (enforced)', exitCode: 0, skipped: false },
    ]);
    expect(existsSync(path.join(clone, 'coverage.xml'))).toBe(true);
    expect(await readFile(path.join(clone, 'reports/junit.xml'), 'utf8')).toContain('tests="4" failures="0" errors="0"');
    expect(await execa('git', ['status', '--porcelain'], { cwd: clone }).then((result) => result.stdout)).toBe('');
  }, 240_000);

  it("a teammate's docs-only change passes CI and the hook they install from the vendored lepton", async () => {
    const previous = (await execa('git', ['rev-parse', 'HEAD'], { cwd: clone })).stdout.trim();
    await writeFile(path.join(clone, 'docs/deploy-runbook.md'), `${RUNBOOK}\n## On call\n\nThe data team, weekdays.\n`);
    await execa('git', ['commit', '-qam', 'runbook: on call'], { cwd: clone, env: gitEnv(GRACE) });
    const run = await runCi(clone, previous);
    expect(run.passed, run.log).toBe(true);
    expect(enforced(run).map((each) => each.skipped)).toEqual([false, true, false]);
    const hook = await execa('node', ['.lepton/bin/lepton.cjs', 'hooks', 'install'], { cwd: clone, env: gitEnv(), reject: false });
    expect(hook.exitCode, String(hook.stderr)).toBe(0);
    const pushed = await repo.push(['origin', 'main'], clone);
    expect(pushed.stderr).toContain('lepton: pre-push gate passed for main');
    expect(pushed.exitCode).toBe(0);
  }, 240_000);
});

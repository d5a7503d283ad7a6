// Done-when of the eval gates: a baseline blessed from real promptfoo output; a real candidate run
// that drops 8 of 200 cases is a regression naming the 8; a noise-only run is no-detectable-change;
// a changed dataset is unreliable-baseline.
import { execa } from 'execa';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blessBaseline, listBaselines } from '../../src/lifecycle/baseline.js';
import { evaluatePhases } from '../../src/lifecycle/evaluate.js';
import { advance } from '../../src/lifecycle/moves.js';
import { loadProject } from '../../src/lifecycle/project.js';
import { approve } from '../../src/lifecycle/sign-offs.js';
import type { CheckResult } from '../../src/gate/types.js';
import { formatGateReport } from '../../src/report/index.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const FIXTURES = new URL('../fixtures/eval/promptfoo/', import.meta.url);
const DROPPED = ['billing-003', 'billing-031', 'billing-058', 'pii-188', 'returns-145', 'returns-152', 'shipping-084', 'shipping-110'];

const MANIFEST = `version: 1
project:
  name: support-bot
  preset: llm-app
  owners:
    - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }
    - { name: Grace Hopper, email: grace@example.com, roles: [product-owner] }
phase: test
phases:
  - id: test
    title: Testing
    gate:
      - id: answers
        eval:
          file: evals/output.json
          min-cases: 150
          checks:
            - { metric: pass, stat: rate, op: ">=", value: 0.9 }
            - { metric: faithfulness, stat: mean, op: ">=", value: 0.8 }
          regression: { metrics: [pass, faithfulness], margin: 0.02, confidence: 0.95 }
      - id: release-approved
        approval: { roles: [product-owner] }
`;

function fixture(name: string): Buffer {
  return gunzipSync(readFileSync(new URL(`${name}.json.gz`, FIXTURES)));
}

let repo: TempRepo;

beforeEach(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST } });
});
afterEach(async () => repo.cleanup());

async function gateWith(run: string): Promise<CheckResult> {
  await repo.write('evals/output.json', fixture(run));
  const loaded = await loadProject({ cwd: repo.dir });
  const report = await evaluatePhases(loaded, loaded.manifest.phases);
  return report.checks.find((check) => check.id === 'answers')!;
}

async function blessAs(name: string, email: string) {
  await repo.git('config', 'user.name', name);
  await repo.git('config', 'user.email', email);
  return blessBaseline(await loadProject({ cwd: repo.dir }), 'answers', { reason: 'prompt v1 in production' });
}

describe('eval regression against a baseline blessed from real promptfoo output', () => {
  it('before anything is blessed the verdict is no-baseline, which does not fail', async () => {
    const check = await gateWith('baseline');
    expect(check.status).toBe('pass');
    expect(check.comparison?.verdict).toBe('no-baseline');
    expect(check.values).toContainEqual({ path: 'pass.rate', value: 0.95, op: '>=', threshold: 0.9 });
  });

  it("only an owner with the phase's approval role may bless", async () => {
    await repo.write('evals/output.json', fixture('baseline'));
    await expect(blessAs('Ada Lovelace', 'ada@example.com')).rejects.toThrow(/may not bless a baseline of test: their roles \(tech-lead\) are not one of product-owner/);
  });

  it('blesses, then sees regression with the 8 dropped ids, no-detectable-change for noise, unreliable-baseline for a changed dataset', async () => {
    await repo.write('evals/output.json', fixture('baseline'));
    const blessed = await blessAs('Grace Hopper', 'grace@example.com');
    expect(blessed).toMatchObject({ cases: 200, format: 'promptfoo', phase: 'test', checkId: 'answers' });
    expect(blessed.entry).toMatchObject({ event: 'bless', checkId: 'answers', cases: 200, baseline: blessed.sha256, file: 'evals/output.json' });
    expect(existsSync(path.join(repo.dir, blessed.path))).toBe(true);
    // Committed, not ignored: the baseline travels with the ledger.
    await expect(execa('git', ['check-ignore', '-q', blessed.path], { cwd: repo.dir, reject: false }).then((result) => result.exitCode)).resolves.toBe(1);
    expect((await listBaselines(await loadProject({ cwd: repo.dir })))[0]).toMatchObject({ checkId: 'answers', current: true, present: true, by: 'Grace Hopper' });

    const regressed = await gateWith('candidate-drop8');
    expect(regressed.status).toBe('fail');
    expect(regressed.comparison?.verdict).toBe('regression');
    expect([...regressed.comparison!.flipped!].sort()).toEqual(DROPPED);
    const pass = regressed.comparison!.metrics.find((metric) => metric.name === 'pass')!;
    expect(pass.delta).toBeCloseTo(-0.04, 12);
    expect(pass.low).toBeLessThan(-0.02);
    expect(pass.mcnemarP).toBeCloseTo(0.0078125, 12);
    expect(regressed.message).toMatch(/^regression: pass -0\.04 \[-0\.0672, -0\.0128\]/);
    const flippedProblems = regressed.problems.filter((problem) => problem.message.includes('passed in the baseline and fails now'));
    expect(flippedProblems).toHaveLength(8);
    expect(flippedProblems[0]!.message).toMatch(/^case "billing-003" passed in the baseline and fails now \(results\.results\[\d+\]\)$/);

    const noisy = await gateWith('candidate-noise');
    expect(noisy.comparison?.verdict).toBe('no-detectable-change');
    expect(noisy.status).toBe('pass');
    expect(noisy.comparison?.flipped).toEqual(['billing-042']);

    const changed = await gateWith('changed-dataset');
    expect(changed.comparison?.verdict).toBe('unreliable-baseline');
    expect(changed.comparison?.reason).toMatch(/only 160 of the baseline's 200 cases \(80%\)/);
    expect(changed.status).toBe('fail');
  });

  it('a blessed baseline edited or removed since is an error naming the file, not a comparison', async () => {
    await repo.write('evals/output.json', fixture('baseline'));
    const blessed = await blessAs('Grace Hopper', 'grace@example.com');
    const file = path.join(repo.dir, blessed.path);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    writeFileSync(file, gzipSync(text.replace('"pass":1', '"pass":0')));
    const edited = await gateWith('candidate-noise');
    expect(edited.status).toBe('error');
    expect(edited.message).toBe(
      `the blessed baseline ${blessed.path} does not match its name (ledger entry #${blessed.entry.seq}): it was changed after it was blessed; restore it from git`,
    );
    writeFileSync(file, 'not gzip');
    expect((await gateWith('candidate-noise')).message).toMatch(new RegExp(`^the blessed baseline ${blessed.path} cannot be read: `));
    rmSync(file);
    expect((await gateWith('candidate-noise')).message).toBe(
      `the blessed baseline ${blessed.path} (ledger entry #${blessed.entry.seq}) is missing: commit .lepton/baselines/ with the ledger`,
    );
    writeFileSync(file, gzipSync(text));
    expect((await gateWith('candidate-noise')).comparison?.verdict).toBe('no-detectable-change');
  });

  it('every report format shows the comparison: pretty table, JSON, Markdown, JUnit', async () => {
    await repo.write('evals/output.json', fixture('baseline'));
    await blessAs('Grace Hopper', 'grace@example.com');
    await repo.write('evals/output.json', fixture('candidate-drop8'));
    const loaded = await loadProject({ cwd: repo.dir });
    const report = await evaluatePhases(loaded, loaded.manifest.phases);
    const options = { color: false, env: {}, now: () => new Date('2026-12-02T00:00:00Z') };
    const pretty = await formatGateReport('pretty', report, options);
    expect(pretty).toMatch(/metric +baseline +candidate +Δ \[low, high\] +verdict/);
    expect(pretty).toMatch(/pass +0\.95 +0\.91 +-0\.04 \[-0\.06723, -0\.01277\] p=0\.007813 +regression/);
    expect(pretty).toContain('200 paired cases, margin 0.02, 95% confidence · 8 cases flipped to fail');
    const json = JSON.parse(await formatGateReport('json', report, options));
    expect(json.checks[0].comparison).toMatchObject({ verdict: 'regression', flipped: expect.arrayContaining(DROPPED) });
    expect(json.checks[0].comparison.metrics[0]).toEqual(expect.objectContaining({ name: 'pass', baseline: 0.95, candidate: 0.91 }));
    const markdown = await formatGateReport('markdown', report, options);
    expect(markdown).toContain('## Compared with the baseline');
    expect(markdown).toContain('| pass | 0.95 | 0.91 | -0.04 [-0.06723, -0.01277] p=0.007813 | **regression** |');
    const junit = await formatGateReport('junit', report, options);
    expect(junit).toContain('compared with the baseline:');
    expect(junit).toContain('case "billing-003" passed in the baseline and fails now');
  });

  it('an advance records the comparison summary with the values', async () => {
    await repo.write('evals/output.json', fixture('baseline'));
    const blessed = await blessAs('Grace Hopper', 'grace@example.com');
    await repo.write('evals/output.json', fixture('candidate-noise'));
    await approve(await loadProject({ cwd: repo.dir }), 'release-approved');
    await repo.commitAll('candidate run, baseline and sign-off');
    const result = await advance(await loadProject({ cwd: repo.dir }));
    expect(result.advanced).toBe(true);
    const recorded = result.entry!.checks!.find((check) => check.id === 'answers')!;
    expect(recorded.comparison).toMatchObject({ verdict: 'no-detectable-change', baseline: blessed.sha256 });
    expect(recorded.comparison!.metrics.map((metric) => metric.name)).toEqual(['pass', 'faithfulness']);
    expect(recorded.values).toContainEqual({ path: 'pass.rate', value: 0.95, op: '>=', threshold: 0.9 });
  });
});

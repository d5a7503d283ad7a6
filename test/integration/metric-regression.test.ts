// metric checks' regression: { margin }: against the value the same check recorded at the most
// recent advance (after a reopen, the model in production).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { evaluatePhases } from '../../src/lifecycle/evaluate.js';
import { advance, reopen } from '../../src/lifecycle/moves.js';
import { loadProject } from '../../src/lifecycle/project.js';
import { renderComparison } from '../../src/report/html/checks.js';
import { formatGateReport } from '../../src/report/index.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project:
  name: churn
  owners: [{ name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }]
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - id: results
        metric:
          file: poc/results.json
          checks: [{ path: f1, op: ">=", value: 0.5 }, { path: latency_ms, op: "<=", value: 500 }]
          regression: { margin: 0.02 }
  - id: design
    title: Design
`;

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'poc/results.json': '{"f1": 0.80, "latency_ms": 200}' } });
});
afterEach(async () => repo.cleanup());

async function pocCheck() {
  const loaded = await loadProject({ cwd: repo.dir });
  const report = await evaluatePhases(loaded, [loaded.manifest.phases[0]!]);
  return report.checks[0]!;
}

it('compares with the value recorded at the last advance: no-baseline first, then within the margin, then regression', async () => {
  expect((await pocCheck()).comparison?.verdict).toBe('no-baseline');
  const advanced = await advance(await loadProject({ cwd: repo.dir }));
  expect(advanced.advanced).toBe(true);
  await repo.commitAll('poc passed');
  await reopen(await loadProject({ cwd: repo.dir }), 'poc', { reason: 'a new model' });

  await repo.write('poc/results.json', '{"f1": 0.79, "latency_ms": 200}');
  const close = await pocCheck();
  expect(close.status).toBe('pass');
  expect(close.comparison).toMatchObject({ verdict: 'no-detectable-change', baseline: { seq: advanced.entry!.seq } });

  await repo.write('poc/results.json', '{"f1": 0.75, "latency_ms": 200}');
  const worse = await pocCheck();
  expect(worse.status).toBe('fail');
  expect(worse.comparison?.verdict).toBe('regression');
  expect(worse.comparison?.metrics[0]).toMatchObject({ name: 'f1', baseline: 0.8, candidate: 0.75 });
  expect(worse.message).toMatch(/regression: f1 0\.8 → 0\.75 \(recorded at advance #\d+\) moved more than the margin 0\.02/);

  await repo.write('poc/results.json', '{"f1": 0.80, "latency_ms": 260}');
  expect((await pocCheck()).comparison?.verdict).toBe('regression');
});

it('a drop below the threshold and past the margin reads as one number compared, in every format', async () => {
  await repo.write('poc/results.json', '{"f1": 0.85, "latency_ms": 200}');
  await repo.commitAll('model v1');
  const advanced = await advance(await loadProject({ cwd: repo.dir }));
  expect(advanced.advanced).toBe(true);
  await repo.commitAll('poc passed');
  await reopen(await loadProject({ cwd: repo.dir }), 'poc', { reason: 'a new model' });
  // f1 drops by 0.11, below its threshold too (0.8 from now on).
  await repo.write('lepton.yaml', MANIFEST.replace('{ path: f1, op: ">=", value: 0.5 }', '{ path: f1, op: ">=", value: 0.8 }'));
  await repo.write('poc/results.json', '{"f1": 0.74, "latency_ms": 200}');
  const loaded = await loadProject({ cwd: repo.dir });
  const report = await evaluatePhases(loaded, [loaded.manifest.phases[0]!]);
  const check = report.checks[0]!;
  const seq = advanced.entry!.seq;

  expect(check.status).toBe('fail');
  expect(check.message).toBe(`f1 = 0.74, expected >= 0.8 (short by 0.06); regression: f1 0.85 → 0.74 (recorded at advance #${seq}) moved more than the margin 0.02`);

  const options = { color: false, env: {}, now: () => new Date('2026-12-02T00:00:00Z') };
  const pretty = await formatGateReport('pretty', report, options);
  expect(pretty).toMatch(/metric +advance #\d+ +candidate +Δ +verdict\n/);
  expect(pretty).toMatch(/f1 +0\.85 +0\.74 +-0\.11 +regression\n/);
  expect(pretty).toMatch(/latency_ms +200 +200 +0 +no-detectable-change\n/);
  expect(pretty).toContain(`baseline: the values recorded at advance #${seq}, margin 0.02`);
  expect(pretty).not.toMatch(/paired|confidence/);

  const json = JSON.parse(await formatGateReport('json', report, options)).checks[0].comparison;
  expect(json).toEqual({
    verdict: 'regression',
    reason: `f1 0.85 → 0.74 (recorded at advance #${seq}) moved more than the margin 0.02`,
    margin: 0.02,
    baseline: { seq },
    metrics: [
      { name: 'f1', baseline: 0.85, candidate: 0.74, delta: -0.11, verdict: 'regression' },
      { name: 'latency_ms', baseline: 200, candidate: 200, delta: 0, verdict: 'no-detectable-change' },
    ],
  });

  const markdown = await formatGateReport('markdown', report, options);
  expect(markdown).toContain(`| Metric | Advance #${seq} | Candidate | Δ | Verdict |`);
  expect(markdown).toContain('| f1 | 0.85 | 0.74 | -0.11 | **regression** |');
  expect(markdown).not.toMatch(/paired|confidence/);
  for (const format of ['junit', 'github'] as const) {
    const text = await formatGateReport(format, report, options);
    expect(text, format).not.toMatch(/paired|confidence|\d+ of 1 metric check/);
  }
  const html = renderComparison(check.comparison!, 0.02);
  expect(html).toContain('<th>Metric<th>Advance #');
  expect(html).not.toContain('Interval');
  expect(html).not.toContain('undefined');
});

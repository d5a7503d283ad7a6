// metric checks' regression: { margin }: against the value the same check recorded at the most
// recent advance (after a reopen, the model in production).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { evaluatePhases } from '../../src/lifecycle/evaluate.js';
import { advance, reopen } from '../../src/lifecycle/moves.js';
import { loadProject } from '../../src/lifecycle/project.js';
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

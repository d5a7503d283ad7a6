// The numbers that were approved (issue 10, "What broke" 4): each check's values by kind, in
// `gate --format json` and in the checks of the advance entry, and said in words for history.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluatePhases } from '../../src/lifecycle/evaluate.js';
import { parseLedger, readLedgerText } from '../../src/lifecycle/ledger.js';
import { loadProject } from '../../src/lifecycle/project.js';
import { advance } from '../../src/lifecycle/moves.js';
import { formatGateJson } from '../../src/report/json.js';
import { describeRecordedChecks } from '../../src/report/values.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'values',
  phases: [
    {
      id: 'test',
      title: 'Testing',
      gate: [
        {
          id: 'results',
          metric: {
            file: 'poc/results.json',
            checks: [
              { path: 'roc_auc', op: '>=', value: 0.78 },
              { path: 'latency_ms.p95', op: '<=', value: 300 },
            ],
          },
        },
        { id: 'coverage', coverage: { file: 'coverage.xml', lines: 70 } },
        { id: 'test-report', tests: { junit: 'reports/junit*.xml' } },
        { id: 'plan', doc: 'docs/test-plan.md' },
      ],
    },
    { id: 'deploy', title: 'Deployment' },
  ],
});
const fixture = (name: string) => readFile(new URL(`../fixtures/reports/${name}`, import.meta.url), 'utf8');

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo({
    files: {
      'lepton.yaml': MANIFEST,
      'poc/results.json': '{"roc_auc": 0.8012, "latency_ms": {"p95": 212}}\n',
      'coverage.xml': await fixture('coverage/coverage.xml'),
      'reports/junit.xml': await fixture('pytest/junit-passing.xml'),
      'docs/test-plan.md': '# Test plan\n\n## Scope\n\nThe churn model.\n',
    },
  });
});
afterEach(() => repo.cleanup());

const EXPECTED_VALUES = {
  results: [
    { path: 'roc_auc', value: 0.8012, op: '>=', threshold: 0.78 },
    { path: 'latency_ms.p95', value: 212, op: '<=', threshold: 300 },
  ],
  coverage: { lines: (105 / 145) * 100, branches: (32 / 44) * 100 },
};

describe('evidence values', () => {
  it('are in gate JSON, by kind', async () => {
    const loaded = await loadProject({ cwd: repo.dir });
    const report = JSON.parse(formatGateJson(await evaluatePhases(loaded, loaded.manifest.phases.slice(0, 1), { evidence: true })));
    const values = Object.fromEntries(report.checks.map((check: { id: string; values: unknown }) => [check.id, check.values]));
    expect(values.results).toEqual(EXPECTED_VALUES.results);
    expect(values.coverage.lines).toBeCloseTo(EXPECTED_VALUES.coverage.lines, 9);
    expect(values.coverage.branches).toBeCloseTo(EXPECTED_VALUES.coverage.branches, 9);
    expect(values['test-report']).toMatchObject({ failures: 0, errors: 0 });
    expect(values['test-report'].tests).toBeGreaterThan(0);
    expect(values.plan).toEqual({ files: [{ path: 'docs/test-plan.md', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }], sections: { filled: 2, total: 2 } });
    expect(report.checks[0].evidence).toBeUndefined();
  });

  it('are recorded in each check of the advance entry, and history can say them', async () => {
    const result = await advance(await loadProject({ cwd: repo.dir }));
    expect(result.advanced).toBe(true);
    const [entry] = parseLedger(await readLedgerText(repo.dir));
    expect(entry).toMatchObject({ event: 'advance' });
    const checks = entry!.event === 'advance' ? entry!.checks! : [];
    expect(checks.find((check) => check.id === 'results')!.values).toEqual(EXPECTED_VALUES.results);
    expect(checks.find((check) => check.id === 'plan')!.values).toMatchObject({ files: [{ path: 'docs/test-plan.md' }] });
    const said = describeRecordedChecks(checks);
    expect(said[0]).toBe('results: roc_auc 0.8012 ≥ 0.78, latency_ms.p95 212 ≤ 300');
    expect(said[1]).toBe('coverage: lines 72.41%, branches 72.73%');
    expect(said[2]).toMatch(/^test-report: \d+ tests, 0 failures, 0 errors, \d+ skipped$/);
  });
});

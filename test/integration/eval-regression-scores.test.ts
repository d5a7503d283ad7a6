// A regression in a continuous metric (a score), not in pass/fail flips, in the generic JSONL
// format: the verdict sits on the score's row, the pass row has its own, the cases that dropped
// most are listed with their lines, the hint's bless command runs as given, and JSON prints the
// derived numbers without binary noise.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blessBaseline } from '../../src/lifecycle/baseline.js';
import { evaluatePhases } from '../../src/lifecycle/evaluate.js';
import { loadProject } from '../../src/lifecycle/project.js';
import { formatGateReport } from '../../src/report/index.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project:
  name: iris
  owners: [{ name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }]
phase: design
phases:
  - id: design
    title: Design
    gate:
      - id: eval-holdout
        eval:
          file: evals/results.jsonl
          format: jsonl
          min-cases: 50
          checks:
            - { metric: pass, stat: rate, op: ">=", value: 0.8 }
            - { metric: score, stat: mean, op: ">=", value: 0.5 }
          regression: { metrics: [pass, score], margin: 0.02 }
`;

const CASES = 60;
/** Case i's score in the baseline; every 10th case fails. */
const score = (index: number) => 0.8 + (index % 7) * 0.02;

function results(lower: (index: number) => number): string {
  const lines = [];
  for (let index = 0; index < CASES; index++) {
    const value = Number((score(index) - lower(index)).toFixed(3));
    lines.push(JSON.stringify({ id: `case-${String(index).padStart(3, '0')}`, pass: index % 10 !== 0, metrics: { score: value } }));
  }
  return `${lines.join('\n')}\n`;
}

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'evals/results.jsonl': results(() => 0) } });
  await blessBaseline(await loadProject({ cwd: repo.dir }), 'eval-holdout', { reason: 'model v1' });
});
afterEach(async () => repo.cleanup());

async function gate() {
  const loaded = await loadProject({ cwd: repo.dir });
  return evaluatePhases(loaded, loaded.manifest.phases);
}

describe('a regression in a score, not in pass/fail', () => {
  it("puts each metric's verdict on its own row, lists the cases that dropped most, and gives a bless command that runs", async () => {
    // Every case 0.05 lower (the mean 0.858 → 0.805167); cases 7 and 23 lower still (0.15 and 0.12).
    await repo.write(
      'evals/results.jsonl',
      results((index) => (index === 7 ? 0.15 : index === 23 ? 0.12 : 0.05)),
    );
    const report = await gate();
    const check = report.checks[0]!;
    expect(check.status).toBe('fail');
    expect(check.comparison?.verdict).toBe('regression');
    expect(check.comparison?.metrics.map((metric) => [metric.name, metric.verdict])).toEqual([
      ['pass', 'no-detectable-change'],
      ['score', 'regression'],
    ]);

    const pretty = await formatGateReport('pretty', report, { color: false, env: {}, now: () => new Date('2026-12-02T00:00:00Z') });
    expect(pretty).toMatch(/pass +0\.9 +0\.9 +0 \[0, 0\] p=1 +no-detectable-change\n/);
    expect(pretty).toMatch(/score +0\.858 +0\.8052 +-0\.05283 \[-0\.05687, -0\.0488\] +regression\n/);
    // The cases that dropped most, largest first, each with its line.
    expect(check.problems?.map((problem) => [problem.line, problem.message]).slice(0, 3)).toEqual([
      [8, 'case "case-007" score 0.8 → 0.65 (-0.15)'],
      [24, 'case "case-023" score 0.84 → 0.72 (-0.12)'],
      [1, 'case "case-000" score 0.8 → 0.75 (-0.05)'],
    ]);
    const listed = check.problems!.filter((problem) => problem.message.startsWith('case "'));
    expect(listed).toHaveLength(10);
    // Equal drops (0.05 each, whatever the binary noise of each subtraction) in file order.
    expect(listed.slice(2).map((problem) => problem.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
    expect(check.problems?.at(-1)?.message).toBe('… and 50 more cases with a lower score');
    expect(check.hint).toContain('`lepton baseline bless eval-holdout --reason "…"`');
  });

  it('JSON prints derived numbers (means, deltas, bounds) to 12 significant digits, without binary noise', async () => {
    await repo.write(
      'evals/results.jsonl',
      results((index) => (index === 7 ? 0.15 : index === 23 ? 0.12 : 0.05)),
    );
    const report = await gate();
    const json = JSON.parse(await formatGateReport('json', report, { color: false, env: {}, now: () => new Date() }));
    const shown = json.checks[0].comparison.metrics.find((metric: { name: string }) => metric.name === 'score');
    expect(shown.delta).toBe(-0.0528333333333);
    expect(shown.candidate).toBe(0.805166666667);
    expect(JSON.stringify(json)).not.toMatch(/\d\.\d*(?:0000000|9999999)\d/);
  });

  it('a regression made of pass/fail flips lists the flipped cases and says so in the hint', async () => {
    await repo.write(
      'evals/results.jsonl',
      results(() => 0).replace(/"pass":true/g, (match, offset: number) => (offset % 3 === 0 ? match : '"pass":false')),
    );
    const check = (await gate()).checks[0]!;
    expect(check.comparison?.metrics.find((metric) => metric.name === 'pass')?.verdict).toBe('regression');
    expect(check.problems?.some((problem) => /passed in the baseline and fails now/.test(problem.message))).toBe(true);
    expect(check.hint).toMatch(/^fix the regressed cases listed above/);
  });
});

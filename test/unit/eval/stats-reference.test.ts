// lepton's comparison statistics against statsmodels/scipy/numpy (test/fixtures/eval/reference/make-reference.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { percentile } from '../../../src/gate/eval/aggregate.js';
import { loadStatistics } from '../../../src/gate/eval/stats.js';

interface ReferenceCase {
  name: string;
  kind: 'pass' | 'score' | 'quantile';
  confidence?: number;
  baseline?: number[];
  candidate?: number[];
  delta?: number;
  low?: number;
  high?: number;
  mcnemarP?: number;
  values?: number[];
  expected?: Record<string, number>;
}

const reference = JSON.parse(readFileSync(new URL('../../fixtures/eval/reference/reference.json', import.meta.url), 'utf8')) as { cases: ReferenceCase[] };
const TOLERANCE = 1e-9;

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

describe('statistics match the statsmodels/scipy reference to 1e-9', () => {
  it('has at least 20 comparison cases', () => {
    expect(reference.cases.filter((item) => item.kind !== 'quantile').length).toBeGreaterThanOrEqual(20);
  });

  for (const item of reference.cases) {
    it(item.name, async () => {
      const statistics = await loadStatistics();
      if (item.kind === 'quantile') {
        const sorted = Float64Array.from(item.values!).sort();
        for (const [stat, expected] of Object.entries(item.expected!)) close(percentile(sorted, Number(stat.slice(1))), expected);
        return;
      }
      const interval =
        item.kind === 'pass'
          ? statistics.pairedProportion(item.baseline!, item.candidate!, item.confidence!)
          : statistics.pairedMean(item.baseline!, item.candidate!, item.confidence!);
      close(interval.delta, item.delta!);
      close(interval.low, item.low!);
      close(interval.high, item.high!);
      if (item.kind === 'pass') {
        let lost = 0;
        let gained = 0;
        item.baseline!.forEach((was, index) => {
          const is = item.candidate![index]!;
          if (was === 1 && is !== 1) lost++;
          if (was !== 1 && is === 1) gained++;
        });
        close(statistics.mcnemarExact(lost, gained), item.mcnemarP!);
      }
    });
  }
});

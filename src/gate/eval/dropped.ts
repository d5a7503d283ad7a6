// The cases behind a regression in a score (not in pass/fail flips): those whose value moved the
// wrong way most against the blessed baseline, largest first, each with where it is in the file.
import { caseValue } from './aggregate.js';
import type { CollapsedCase } from './cases.js';
import { signed, type BaselineRun, type Comparison } from './compare.js';
import { formatValue, located } from './thresholds.js';
import type { Problem } from '../types.js';

interface Moved {
  item: CollapsedCase;
  was: number;
  is: number;
  /** How much worse: a drop, or a rise where lower is better. */
  worse: number;
}

/** Up to `shown` problems per regressed score metric, and a line counting the rest. */
export function droppedProblems(
  comparison: Comparison,
  baseline: BaselineRun,
  cases: readonly CollapsedCase[],
  file: string,
  lowerIsBetter: ReadonlySet<string>,
  shown: number,
): Problem[] {
  const problems: Problem[] = [];
  for (const metric of comparison.metrics) {
    if (metric.name === 'pass' || metric.verdict !== 'regression') continue;
    const column = baseline.metrics.get(metric.name);
    if (!column) continue;
    const lower = lowerIsBetter.has(metric.name);
    const moved: Moved[] = [];
    for (const item of cases) {
      const old = baseline.index.get(item.id);
      const is = caseValue(item, metric.name);
      if (old === undefined || is === undefined || Number.isNaN(column[old]!)) continue;
      const input = baseline.inputs.get(old);
      if (input !== undefined && item.input !== undefined && input !== item.input) continue;
      const was = column[old]!;
      const worse = lower ? is - was : was - is;
      // Rounded: 0.8 - 0.75 and 0.9 - 0.85 are the same drop, and equal drops stay in file order.
      if (worse > 0) moved.push({ item, was, is, worse: Number(worse.toPrecision(12)) });
    }
    moved.sort((a, b) => b.worse - a.worse);
    for (const { item, was, is } of moved.slice(0, shown)) {
      problems.push(located(file, item, `case "${item.id}" ${metric.name} ${formatValue(was)} → ${formatValue(is)} (${signed(is - was)})`));
    }
    if (moved.length > shown) problems.push({ file, message: `… and ${moved.length - shown} more cases with a ${lower ? 'higher' : 'lower'} ${metric.name}` });
  }
  return problems;
}

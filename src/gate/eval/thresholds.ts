// The `checks:` of an eval check: each metric aggregated (overall or per category) and compared.
import type { EvalComparison } from '../../manifest/schema.js';
import type { MetricValue, Problem } from '../types.js';
import { aggregate, caseValue } from './aggregate.js';
import type { CollapsedCase } from './cases.js';
import { formatNumber } from '../../text.js';
import { holds } from '../compare.js';

export interface ThresholdOutcome {
  values: MetricValue[];
  passes: string[];
  failures: string[];
  /** Cases that lack a metric a comparison needs: named with where they are. */
  missing: Problem[];
}

const MISSING_SHOWN = 10;

export function judgeThresholds(cases: readonly CollapsedCase[], comparisons: readonly EvalComparison[], file: string): ThresholdOutcome {
  const outcome: ThresholdOutcome = { values: [], passes: [], failures: [], missing: [] };
  const reported = new Set<string>();
  for (const comparison of comparisons) {
    const groups = comparison.by === 'category' ? byCategory(cases) : new Map([['', cases]]);
    const lacking = cases.filter((item) => caseValue(item, comparison.metric) === undefined);
    if (lacking.length > 0 && comparison.stat !== 'count' && !reported.has(comparison.metric)) {
      reported.add(comparison.metric);
      const what = comparison.metric === 'pass' ? 'no pass/fail' : `no metric "${comparison.metric}"`;
      for (const item of lacking.slice(0, MISSING_SHOWN)) outcome.missing.push(located(file, item, `case "${item.id}" has ${what}`));
      if (lacking.length > MISSING_SHOWN) outcome.missing.push({ file, message: `… and ${lacking.length - MISSING_SHOWN} more cases without it` });
    }
    for (const [category, members] of groups) {
      const path = `${comparison.metric}.${comparison.stat}${category ? `[${category}]` : ''}`;
      // A typed array: 100,000 numbers without a boxed double each.
      const all = new Float64Array(members.length);
      let count = 0;
      for (const item of members) {
        const value = caseValue(item, comparison.metric);
        if (value !== undefined) all[count++] = value;
      }
      const result = aggregate(all.subarray(0, count), comparison.stat);
      if ('error' in result) {
        outcome.values.push({ path, value: null, op: comparison.op, threshold: comparison.value });
        outcome.failures.push(`${path}: ${result.error}`);
        continue;
      }
      outcome.values.push({ path, value: result.value, op: comparison.op, threshold: comparison.value });
      const stated = `${path} = ${formatValue(result.value)}`;
      if (holds(result.value, comparison.op, comparison.value)) outcome.passes.push(`${stated} (${comparison.op} ${comparison.value})`);
      else outcome.failures.push(`${stated}, expected ${comparison.op} ${comparison.value}`);
    }
  }
  return outcome;
}

function byCategory(cases: readonly CollapsedCase[]): Map<string, CollapsedCase[]> {
  const groups = new Map<string, CollapsedCase[]>();
  for (const item of cases) {
    const key = item.category ?? '(none)';
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(item);
  }
  return new Map([...groups].sort(([left], [right]) => (left < right ? -1 : 1)));
}

/** A problem about a case, with the line when the case's place is one ("line 17"). */
export function located(file: string, item: { where: string }, message: string): Problem {
  const line = /^line (\d+)$/.exec(item.where);
  return line ? { file, line: Number(line[1]), message } : { file, message: `${message} (${item.where})` };
}

/** A stat as eval checks print it: six significant digits. */
export function formatValue(value: number): string {
  return formatNumber(value, 6);
}

// Aggregates over cases: rate, mean, min, max, quantiles, sum, count of one metric, overall or per category.
import { EVAL_STATS } from '../../manifest/kinds.js';
import type { CollapsedCase } from './cases.js';

export { EVAL_STATS };
export type EvalStat = (typeof EVAL_STATS)[number];

/** The value of `metric` for a case: `pass` is its pass share; undefined when the case lacks it. */
export function caseValue(item: CollapsedCase, metric: string): number | undefined {
  return metric === 'pass' ? item.pass : item.metrics[metric];
}

export type StatOutcome = { value: number } | { error: string };

export function aggregate(values: ArrayLike<number> & Iterable<number>, stat: EvalStat): StatOutcome {
  if (stat === 'count') return { value: values.length };
  if (values.length === 0) return { error: 'no case has it' };
  switch (stat) {
    case 'sum':
      return { value: sum(values) };
    case 'mean':
      return { value: sum(values) / values.length };
    case 'rate': {
      let outside: number | undefined;
      for (const value of values) {
        if (value < 0 || value > 1) {
          outside = value;
          break;
        }
      }
      if (outside !== undefined) return { error: `rate is a share of true, but a value is ${outside} (not between 0 and 1)` };
      return { value: sum(values) / values.length };
    }
    case 'min':
      return { value: fold(values, (least, value) => Math.min(value, least), Number.POSITIVE_INFINITY) };
    case 'max':
      return { value: fold(values, (most, value) => Math.max(value, most), Number.NEGATIVE_INFINITY) };
    default:
      return { value: percentile(sortedCopy(values), Number(stat.slice(1))) };
  }
}

function fold(values: Iterable<number>, step: (total: number, value: number) => number, start: number): number {
  let total = start;
  for (const value of values) total = step(total, value);
  return total;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** numpy.percentile's default (linear interpolation between the two nearest ranks). */
export function percentile(sorted: ArrayLike<number>, percent: number): number {
  const position = ((sorted.length - 1) * percent) / 100;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

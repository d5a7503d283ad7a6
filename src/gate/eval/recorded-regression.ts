// `metric: { regression: { margin } }`: each value against the one the same check recorded at the
// most recent advance that recorded it (the model in production, after a reopen too). One number a
// side: no interval, no paired cases, no confidence, so the comparison has none of those fields.
// Higher is better for >= and >, lower for <= and <.
import type { Comparison, ComparisonMetric } from './compare.js';
import type { MetricValue, RecordedValues } from '../types.js';

export function compareWithRecorded(measured: readonly MetricValue[], recorded: RecordedValues | undefined, margin: number): Comparison {
  const base = { margin };
  if (!recorded) return { ...base, verdict: 'no-baseline', reason: 'no advance has recorded this check yet', metrics: [] };
  const metrics: (ComparisonMetric & { lowerIsBetter: boolean })[] = [];
  for (const value of measured) {
    const before = recorded.values.find((item) => item.path === value.path);
    if (value.value === null || !before || before.value === null || value.op === '==' || value.op === '!=') continue;
    const delta = value.value - before.value;
    const lowerIsBetter = value.op === '<=' || value.op === '<';
    const worse = lowerIsBetter ? delta > margin : delta < -margin;
    const verdict = worse ? 'regression' : (lowerIsBetter ? delta < 0 : delta > 0) ? 'improvement' : 'no-detectable-change';
    metrics.push({ name: value.path, baseline: before.value, candidate: value.value, delta, verdict, lowerIsBetter });
  }
  const shown = metrics.map(({ lowerIsBetter: _direction, ...metric }) => metric);
  const recordedAt = { seq: recorded.seq };
  if (metrics.length === 0) return { ...base, verdict: 'no-baseline', reason: `the advance #${recorded.seq} recorded none of these values`, metrics: [], baseline: recordedAt };
  const worse = metrics.find((metric) => metric.verdict === 'regression');
  if (worse) {
    return {
      ...base,
      verdict: 'regression',
      reason: `${worse.name} ${worse.baseline} → ${worse.candidate} (recorded at advance #${recorded.seq}) moved more than the margin ${margin}`,
      metrics: shown,
      baseline: recordedAt,
    };
  }
  const better = metrics.every((metric) => metric.verdict === 'improvement');
  return {
    ...base,
    verdict: better ? 'improvement' : 'no-detectable-change',
    reason: `within the margin ${margin} of advance #${recorded.seq}`,
    metrics: shown,
    baseline: recordedAt,
  };
}

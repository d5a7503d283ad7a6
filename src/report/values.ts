// What a check measured, in words: "roc_auc 0.8012 ≥ 0.78", "lines 98.5%", "120 tests, 0 failures".
// For `lepton history` (the values each advance recorded) and any report that shows values.
import type { CheckValues, MetricValue } from '../gate/types.js';
import { formatNumber } from '../text.js';

const OPERATORS: Record<string, string> = { '>=': '≥', '<=': '≤', '!=': '≠', '==': '=', '>': '>', '<': '<' };

function isMetricValues(values: CheckValues): values is MetricValue[] {
  return Array.isArray(values);
}

/** Each value of one check as a short phrase. */
export function describeValues(values: CheckValues): string[] {
  if (isMetricValues(values)) {
    return values.map(
      (item) => `${item.path} ${item.value === null ? 'not a finite number' : formatNumber(item.value)} ${OPERATORS[item.op] ?? item.op} ${formatNumber(item.threshold)}`,
    );
  }
  if ('files' in values || 'sections' in values) {
    return [
      ...(values.sections ? [`${values.sections.filled} of ${values.sections.total} sections written`] : []),
      ...(values.files ?? []).map((file) => `${file.path} (sha256 ${file.sha256.slice(0, 12)})`),
    ];
  }
  if ('tests' in values) return [`${values.tests} tests, ${values.failures} failures, ${values.errors} errors, ${values.skipped} skipped`];
  if ('score' in values) return [`ML Test Score ${values.score} (data ${values.data}, model ${values.model}, infra ${values.infra}, monitor ${values.monitor})`];
  const coverage = values as { lines?: number; branches?: number };
  return (['lines', 'branches'] as const)
    .filter((measure) => coverage[measure] !== undefined)
    .map((measure) => `${measure} ${formatNumber(Math.round(coverage[measure]! * 100) / 100)}%`);
}

/** One line per check that recorded values: `id: phrase, phrase`. */
export function describeRecordedChecks(checks: readonly { id: string; values?: CheckValues | undefined }[]): string[] {
  return checks.filter((check) => check.values !== undefined).map((check) => `${check.id}: ${describeValues(check.values!).join(', ')}`);
}

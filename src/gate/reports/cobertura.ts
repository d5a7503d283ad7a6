// Cobertura XML (coverage.py's `coverage xml`, gcovr, JaCoCo converted by cover2cover): the root
// <coverage> carries the totals. Counts (lines-valid/lines-covered) are preferred to the rounded rates.
import type { CoverageRatio, CoverageSummary } from './coverage-types.js';

export function parseCobertura(attributes: Record<string, string>): CoverageSummary {
  const lines = measure(attributes, 'lines', 'line-rate');
  const branches = measure(attributes, 'branches', 'branch-rate');
  if (!lines && !branches) throw new Error('Cobertura <coverage> without line-rate or branch-rate');
  return { format: 'cobertura', ...(lines && { lines }), ...(branches && { branches }) };
}

function measure(attributes: Record<string, string>, noun: 'lines' | 'branches', rateName: string): CoverageRatio | undefined {
  const valid = number(attributes[`${noun}-valid`], `${noun}-valid`);
  const covered = number(attributes[`${noun}-covered`], `${noun}-covered`);
  // coverage.py writes branches-valid="0" branch-rate="0" when run without --branch: no data, not 0 %.
  if (valid === 0) return undefined;
  if (valid !== undefined && covered !== undefined) return { pct: (covered / valid) * 100, covered, total: valid };
  const rate = number(attributes[rateName], rateName);
  if (rate === undefined) return undefined;
  if (rate > 1) throw new Error(`${rateName}="${attributes[rateName]}" is not a rate between 0 and 1`);
  return { pct: rate * 100 };
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name}="${value}" is not a number`);
  return parsed;
}

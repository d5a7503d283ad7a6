// Istanbul's json-summary reporter output (coverage-summary.json): `total.lines.pct`, `total.branches.pct`.
import type { CoverageRatio, CoverageSummary } from './coverage-types.js';

interface IstanbulMetric {
  total?: unknown;
  covered?: unknown;
  pct?: unknown;
}

export function parseIstanbulSummary(text: string): CoverageSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  const total = (data as { total?: Record<string, IstanbulMetric> } | null)?.total;
  if (!total || typeof total !== 'object' || typeof total.lines !== 'object') {
    const looksDetailed = data !== null && typeof data === 'object' && Object.values(data).some((entry) => typeof entry === 'object' && entry !== null && 'statementMap' in entry);
    throw new Error(
      looksDetailed
        ? "is Istanbul's detailed coverage-final.json; use the json-summary reporter (coverage-summary.json)"
        : 'JSON without total.lines: not an Istanbul coverage-summary.json',
    );
  }
  return { format: 'istanbul', ...optional('lines', metric(total.lines)), ...optional('branches', metric(total.branches)) };
}

/** A metric with no items (`total: 0`, pct "Unknown" or 100 by Istanbul's version) counts as absent. */
function metric(value: IstanbulMetric | undefined): CoverageRatio | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const total = typeof value.total === 'number' ? value.total : undefined;
  const covered = typeof value.covered === 'number' ? value.covered : undefined;
  if (total === 0) return undefined;
  if (total !== undefined && covered !== undefined) return { pct: (covered / total) * 100, covered, total };
  return typeof value.pct === 'number' ? { pct: value.pct } : undefined;
}

function optional<K extends string>(key: K, value: CoverageRatio | undefined): Partial<Record<K, CoverageRatio>> {
  return value ? ({ [key]: value } as Record<K, CoverageRatio>) : {};
}

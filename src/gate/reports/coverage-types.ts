// The shape every coverage report format is reduced to.

export type CoverageFormat = 'istanbul' | 'lcov' | 'cobertura' | 'jacoco';

/** A percentage, with the counts behind it when the report gives them. */
export interface CoverageRatio {
  pct: number;
  covered?: number;
  total?: number;
}

export interface CoverageSummary {
  format: CoverageFormat;
  /** Undefined when the report has no line data. */
  lines?: CoverageRatio;
  /** Undefined when the report has no branch data (e.g. coverage.py run without --branch). */
  branches?: CoverageRatio;
}

export function ratio(covered: number, total: number): CoverageRatio | undefined {
  return total > 0 ? { pct: (covered / total) * 100, covered, total } : undefined;
}

// `coverage: { file, lines, branches }`: a coverage report meets percentage thresholds.
import type { CheckOf } from '../../manifest/schema.js';
import { type CoverageRatio, type CoverageSummary, type FORMAT_NAMES, parseCoverageReport } from '../reports/coverage-report.js';
import { type ReportFile, ReportReadError, readReport } from '../reports/read.js';
import type { CheckContext, CheckModule, CheckOutcome, Problem } from '../types.js';

type CoverageCheck = CheckOf<'coverage'>;
type Measure = 'lines' | 'branches';

/** Tolerance for floating-point noise: 4/5 * 100 must meet 80. */
const EPSILON = 1e-9;

async function evaluate(check: CoverageCheck, context: Pick<CheckContext, 'root' | 'evidence'>): Promise<CheckOutcome> {
  const { file } = check.coverage;
  let report: ReportFile;
  try {
    report = await readReport(context.root, file, { hash: context.evidence });
  } catch (error) {
    if (error instanceof ReportReadError) return { status: 'fail', message: error.message, problems: [{ file, message: error.message }] };
    throw error;
  }
  let summary: CoverageSummary;
  try {
    summary = parseCoverageReport(report.text);
  } catch (error) {
    const message = `${file} cannot be read as a coverage report: ${(error as Error).message}`;
    return { status: 'fail', message, problems: [{ file, message }], evidence: { file, ...(report.sha256 && { sha256: report.sha256 }) } };
  }
  const failing: string[] = [];
  const meeting: string[] = [];
  const problems: Problem[] = [];
  for (const measure of ['lines', 'branches'] as const) {
    const threshold = check.coverage[measure];
    if (threshold === undefined) continue;
    const actual = summary[measure];
    if (!actual) {
      const message = `${file} has no ${measure === 'lines' ? 'line' : 'branch'} data${measure === 'branches' ? hintForBranches(summary.format) : ''}`;
      failing.push(message);
      problems.push({ file, message });
      continue;
    }
    const comparison = compare(measure, actual, threshold);
    (comparison.met ? meeting : failing).push(comparison.text);
    if (!comparison.met) problems.push({ file, message: comparison.text });
  }
  return {
    status: problems.length === 0 ? 'pass' : 'fail',
    message: [...failing, ...meeting].join(', '),
    problems,
    reads: [file],
    values: { ...(summary.lines && { lines: summary.lines.pct }), ...(summary.branches && { branches: summary.branches.pct }) },
    evidence: {
      file,
      ...(report.sha256 && { sha256: report.sha256 }),
      format: summary.format,
      ...(summary.lines && { lines: summary.lines }),
      ...(summary.branches && { branches: summary.branches }),
      thresholds: {
        ...(check.coverage.lines !== undefined && { lines: check.coverage.lines }),
        ...(check.coverage.branches !== undefined && { branches: check.coverage.branches }),
      },
    },
  };
}

function compare(measure: Measure, actual: CoverageRatio, threshold: number): { met: boolean; text: string } {
  const met = actual.pct + EPSILON >= threshold;
  return { met, text: `${measure} ${formatPercent(actual.pct, met)}% ${met ? '≥' : '<'} ${threshold}%` };
}

/**
 * One decimal, never rounded up past the threshold: 79.96 shows as 79.9, not 80.0.
 * A met threshold rounds to nearest (79.99999 from float noise shows as 80).
 */
export function formatPercent(pct: number, met: boolean): string {
  const scaled = pct * 10;
  const tenths = met ? Math.round(scaled) : Math.floor(scaled + EPSILON);
  const text = (tenths / 10).toFixed(1);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

function hintForBranches(format: keyof typeof FORMAT_NAMES): string {
  return format === 'cobertura' ? ' (coverage.py records branches with `coverage run --branch`)' : '';
}

function defaultHint(check: CoverageCheck): string {
  return `add tests for uncovered code, then regenerate ${check.coverage.file} (e.g. \`coverage xml\`, \`jest --coverage --coverageReporters=json-summary\`)`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'coverage'>;

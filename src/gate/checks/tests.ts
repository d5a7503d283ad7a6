// `tests: { junit, min }`: the JUnit XML reports matched show no failures or errors and at least `min` tests.
import { plural } from './files.js';
import { matchFiles } from './glob.js';
import type { CheckOf } from '../../manifest/schema.js';
import { parseJunit, type JunitCounts, type TestCase } from '../reports/junit.js';
import { readReport, ReportReadError } from '../reports/read.js';
import type { CheckContext, CheckModule, CheckOutcome, Problem } from '../types.js';

type TestsCheck = CheckOf<'tests'>;

/** Failures listed one by one; the rest are counted (the reporters show the first few anyway). */
const MAX_LISTED = 50;

interface FileResult {
  file: string;
  sha256?: string;
  counts: JunitCounts;
}

async function evaluate(check: TestsCheck, context: Pick<CheckContext, 'root' | 'evidence'>): Promise<CheckOutcome> {
  const patterns = Array.isArray(check.tests.junit) ? check.tests.junit : [check.tests.junit];
  const min = check.tests.min ?? 1;
  const matched = await matchReports(context.root, patterns);
  const unmatched = patterns.filter((pattern) => matched.get(pattern)?.length === 0);
  if (unmatched.length > 0) {
    const message = `no JUnit report matches ${unmatched.map((pattern) => `"${pattern}"`).join(', ')}`;
    return { status: 'fail', message, problems: unmatched.map((pattern) => ({ file: pattern, message: 'no file matches this pattern' })) };
  }
  const files = [...new Set([...matched.values()].flat())].sort();
  const problems: Problem[] = [];
  const results: FileResult[] = [];
  const skippedTests: { file: string; name: string; message?: string }[] = [];
  const total: JunitCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  let unreadable = 0;
  let uncounted = 0;
  for (const file of files) {
    try {
      const report = await readReport(context.root, file, { hash: context.evidence });
      const parsed = parseJunitOrThrow(report.text, file);
      results.push({ file, ...(report.sha256 && { sha256: report.sha256 }), counts: parsed.counts });
      for (const key of Object.keys(total) as (keyof JunitCounts)[]) total[key] += parsed.counts[key];
      let kept = 0;
      for (const test of parsed.notable) {
        if (test.outcome === 'skipped') {
          skippedTests.push({ file, name: test.name, ...(test.message && { message: test.message }) });
        } else {
          problems.push({ file, message: describe(test) });
          kept += 1;
        }
      }
      // A report with more failures than parseJunit keeps by name: the rest are only counted.
      uncounted += parsed.counts.failures + parsed.counts.errors - kept;
    } catch (error) {
      if (!(error instanceof ReportReadError)) throw error;
      unreadable += 1;
      problems.unshift({ file, message: error.message });
    }
  }
  const listed = problems.slice(0, MAX_LISTED);
  const more = problems.length + uncounted - listed.length;
  if (more > 0) listed.push({ message: `… and ${more} more failed tests` });
  if (total.tests < min) listed.push({ message: `${plural(total.tests, 'test')} found; at least ${min} required` });
  const passed = total.failures === 0 && total.errors === 0 && unreadable === 0 && total.tests >= min;
  return {
    status: passed ? 'pass' : 'fail',
    message: summaryLine(total, files.length, unreadable, min),
    problems: passed ? [] : listed,
    values: { ...total },
    reads: files,
    evidence: { files: results, total, min, skipped: skippedTests.slice(0, MAX_LISTED) },
  };
}

/** Each pattern's matches, relative to the root, sorted; dot folders are searched too (`.reports/`), dependencies not. */
async function matchReports(root: string, patterns: readonly string[]): Promise<Map<string, string[]>> {
  const matched = new Map<string, string[]>();
  for (const pattern of patterns) matched.set(pattern, await matchFiles(root, pattern, undefined, { dot: true }));
  return matched;
}

function parseJunitOrThrow(text: string, file: string) {
  try {
    return parseJunit(text);
  } catch (error) {
    throw new ReportReadError(`${file} cannot be read as JUnit XML: ${(error as Error).message}`);
  }
}

function describe(test: TestCase): string {
  const verb = test.outcome === 'error' ? 'errored' : 'failed';
  return `${test.name} ${verb}${test.message ? `: ${test.message}` : ''}`;
}

/** `41 tests, 2 failed, 1 error, 3 skipped in 3 files`. */
function summaryLine(total: JunitCounts, fileCount: number, unreadable: number, min: number): string {
  const parts = [plural(total.tests, 'test')];
  if (total.failures) parts.push(`${total.failures} failed`);
  if (total.errors) parts.push(plural(total.errors, 'error'));
  if (total.skipped) parts.push(`${total.skipped} skipped`);
  let line = `${parts.join(', ')} in ${plural(fileCount, 'file')}`;
  if (unreadable) line += ` (${unreadable} unreadable)`;
  if (total.tests < min) line += `; fewer than the ${min} required`;
  return line;
}

function defaultHint(check: TestsCheck): string {
  const patterns = Array.isArray(check.tests.junit) ? check.tests.junit.join(', ') : check.tests.junit;
  return `fix the failing tests and run them again so that ${patterns} is rewritten (e.g. \`pytest --junitxml=reports/junit.xml\`)`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'tests'>;

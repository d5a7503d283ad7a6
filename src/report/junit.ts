// `--format junit`: Ant-style JUnit XML that validates against both the strict Ant schema and
// Jenkins' lenient one. One <testsuite> per phase, one <testcase> per check.
import { hostname } from 'node:os';
import type { CheckResult, GateReport } from '../gate/types.js';
import { stripAnsi } from '../text.js';
import { comparisonTable } from './comparison.js';
import type { StatusReport } from '../lifecycle/status.js';
import type { VerifyReport } from '../lifecycle/verify.js';
import type { ReportOptions } from './types.js';

interface Failure {
  element: 'failure' | 'error' | 'skipped';
  message: string;
  type?: string;
  body: string;
}

interface TestCase {
  name: string;
  durationMs: number;
  outcome?: Failure;
}

interface Suite {
  name: string;
  properties: [string, string][];
  cases: TestCase[];
  systemOut: string[];
}

export function formatGateJunit(report: Pick<GateReport, 'project' | 'phase' | 'checks'>, options: Pick<ReportOptions, 'titles' | 'now'>): string {
  const phases = [...new Set(report.checks.map((check) => check.phase))];
  const suites = phases.map((phase): Suite => {
    const checks = report.checks.filter((check) => check.phase === phase);
    const title = options.titles?.[phase];
    return {
      name: `lepton.${phase}`,
      properties: [['lepton.project', report.project], ['lepton.phase', phase], ...(title ? [['lepton.phase.title', title] as [string, string]] : [])],
      cases: checks.map(checkCase),
      systemOut: checks.filter(isAdvisoryFailure).map(advisoryNote),
    };
  });
  return renderSuites(suites, options.now ?? (() => new Date()));
}

export function formatStatusJunit(report: Omit<StatusReport, 'version' | 'lifecycle'>, options: Pick<ReportOptions, 'titles' | 'now'>): string {
  const titles = { ...Object.fromEntries(report.phases.map((phase) => [phase.id, phase.title])), ...options.titles };
  return formatGateJunit({ project: report.project, phase: report.phase, checks: report.gate.checks }, { titles, now: options.now });
}

/** The ledger checks `verify` makes, as test cases; a problem's `check` (or its wording) says which it belongs to. */
const VERIFY_CHECKS = ['chain', 'phase', 'approvals', 'authors', 'gates'] as const;

export function verifyCheckOf(problem: VerifyReport['problems'][number]): (typeof VERIFY_CHECKS)[number] {
  const named = VERIFY_CHECKS.find((check) => check === problem.check);
  if (named) return named;
  if (/approv|sign-?off|role/i.test(problem.message)) return 'approvals';
  if (/author|committ/i.test(problem.message)) return 'authors';
  if (/phase/i.test(problem.message)) return 'phase';
  return 'chain';
}

export function formatVerifyJunit(report: Omit<VerifyReport, 'version'>, options: Pick<ReportOptions, 'now'>): string {
  const groups = VERIFY_CHECKS.map((check) => ({ check, problems: report.problems.filter((problem) => verifyCheckOf(problem) === check) }));
  const cases = groups
    .filter(({ check, problems }) => (check !== 'authors' && check !== 'gates') || problems.length > 0)
    .map(
      ({ check, problems }): TestCase => ({
        name: check,
        durationMs: 0,
        ...(problems.length > 0 && {
          outcome: {
            element: 'failure',
            type: `verify.${check}`,
            message: problems[0]!.message,
            body: problems.map((problem) => problem.message).join('\n'),
          },
        }),
      }),
    );
  const suite: Suite = {
    name: 'lepton.verify',
    properties: [
      ['lepton.project', report.project],
      ['lepton.phase', report.phase],
      ['lepton.ledger.entries', String(report.entries)],
    ],
    cases,
    systemOut: [],
  };
  return renderSuites([suite], options.now ?? (() => new Date()));
}

function isAdvisoryFailure(check: CheckResult): boolean {
  return !check.required && (check.status === 'fail' || check.status === 'error');
}

function checkCase(check: CheckResult): TestCase {
  const outcome = outcomeOf(check);
  return { name: check.id, durationMs: check.durationMs, ...(outcome && { outcome }) };
}

/**
 * Required failures and errors are <failure>/<error>; skipped checks and waived ones (with the
 * waiver's reason and expiry) are <skipped>; an advisory check that fails passes, as it does not
 * block the gate, and is reported in the suite's <system-out>.
 */
function outcomeOf(check: CheckResult): Failure | undefined {
  switch (check.status) {
    case 'fail':
    case 'error':
      if (!check.required) return undefined;
      return { element: check.status === 'fail' ? 'failure' : 'error', type: check.kind, message: check.message, body: details(check).join('\n') };
    case 'skipped':
      return { element: 'skipped', message: check.message, body: '' };
    case 'waived': {
      const waiver = check.waiver;
      const message = waiver ? `waived until ${waiver.until} by ${waiver.by}: ${waiver.reason}` : check.message;
      return { element: 'skipped', message, body: check.message === message ? '' : check.message };
    }
    default:
      return undefined;
  }
}

function details(check: CheckResult): string[] {
  const lines = check.problems.map((problem) => {
    const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}: ` : '';
    return `${where}${problem.message}`;
  });
  if (check.output?.length) lines.push('output:', ...check.output.map((line) => `  ${line}`));
  if (check.comparison && check.comparison.verdict !== 'no-baseline') lines.push('compared with the baseline:', ...comparisonTable(check.comparison).map((line) => `  ${line}`));
  if (check.hint) lines.push(`hint: ${check.hint}`);
  return lines;
}

function advisoryNote(check: CheckResult): string {
  return [`advisory check ${check.id} ${check.status === 'fail' ? 'failed' : 'errored'} (not blocking): ${check.message}`, ...details(check).map((line) => `  ${line}`)].join('\n');
}

function renderSuites(suites: Suite[], now: () => Date): string {
  // The strict Ant schema wants a local time without zone; UTC is the honest choice for CI logs.
  const timestamp = now().toISOString().slice(0, 19);
  const host = hostname() || 'localhost';
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  suites.forEach((suite, id) => {
    const count = (element: Failure['element']) => suite.cases.filter((testCase) => testCase.outcome?.element === element).length;
    const durationMs = suite.cases.reduce((total, testCase) => total + testCase.durationMs, 0);
    lines.push(
      `  <testsuite${attributes({
        name: suite.name,
        package: 'lepton',
        id: String(id),
        timestamp,
        hostname: host,
        tests: String(suite.cases.length),
        failures: String(count('failure')),
        errors: String(count('error')),
        skipped: String(count('skipped')),
        time: seconds(durationMs),
      })}>`,
    );
    lines.push('    <properties>');
    for (const [name, value] of suite.properties) lines.push(`      <property${attributes({ name, value })}/>`);
    lines.push('    </properties>');
    for (const testCase of suite.cases) lines.push(...caseLines(testCase, suite.name));
    lines.push(suite.systemOut.length ? `    <system-out>${text(`${suite.systemOut.join('\n')}\n`)}</system-out>` : '    <system-out/>');
    lines.push('    <system-err/>');
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function caseLines(testCase: TestCase, classname: string): string[] {
  const open = `    <testcase${attributes({ name: testCase.name, classname, time: seconds(testCase.durationMs) })}`;
  const outcome = testCase.outcome;
  if (!outcome) return [`${open}/>`];
  const attrs = attributes({ message: outcome.message, ...(outcome.type !== undefined && { type: outcome.type }) });
  const element = outcome.body ? `<${outcome.element}${attrs}>${text(outcome.body)}</${outcome.element}>` : `<${outcome.element}${attrs}/>`;
  return [`${open}>`, `      ${element}`, '    </testcase>'];
}

function seconds(durationMs: number): string {
  return (Math.max(0, durationMs) / 1000).toFixed(3);
}

function attributes(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${attribute(value)}"`)
    .join('');
}

// Terminal escape sequences from a command's output, then anything XML 1.0 cannot carry at all.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(value: string): string {
  return stripAnsi(value).replace(INVALID_XML, '\ufffd');
}

export function text(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values keep their line breaks and tabs only as character references. */
export function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

// `--format markdown`: a readable report for pull requests and GitHub's job summary.
import type { CheckResult, CheckStatus, GateReport } from '../gate/types.js';
import { comparisonMarkdown } from './comparison.js';
import type { StatusReport } from '../lifecycle/status.js';
import type { VerifyReport } from '../lifecycle/verify.js';
import type { ReportOptions } from './types.js';
import { safeText } from '../text.js';

/**
 * The hidden first line of every Markdown report (DESIGN "Reports for people and for code
 * scanning"): CI finds its one pull-request comment by it and updates it in place.
 */
export const REPORT_MARKER = '<!-- lepton-report -->';

/** A report's Markdown behind the marker line. */
function marked(lines: string[]): string {
  // Text from files and the ledger may carry terminal escapes or a bare `\r`: shown, never raw.
  return `${REPORT_MARKER}\n${safeText(lines.join('\n').trimEnd(), { multiline: true })}\n`;
}

/** The text without its leading marker line: a section of a larger report that carries it once. */
export function withoutMarker(markdown: string): string {
  return markdown.startsWith(`${REPORT_MARKER}\n`) ? markdown.slice(REPORT_MARKER.length + 1) : markdown;
}

/** Problems listed per failing check; the rest are counted (the JSON report has them all). */
const PROBLEMS_SHOWN = 50;

const STATUS_CELL: Record<CheckStatus, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  error: '💥 error',
  skipped: '⏭️ skipped',
  waived: '🟡 waived',
};

/** Backslash-escapes what Markdown or inline HTML would act on, so check text stays text. */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*_[\]<>|#~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/\r?\n/g, ' ');
}

function code(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const padded = value.startsWith('`') || value.endsWith('`') ? ` ${value} ` : value;
  return `${fence}${padded.replace(/\r?\n/g, ' ')}${fence}`;
}

function codeBlock(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((match) => match[0].length)));
  const fence = '`'.repeat(longest + 1);
  // Command output is kept without terminal escapes already (OutputTail strips them as it captures).
  return [`${fence}text`, ...lines, fence];
}

function statusCell(check: CheckResult): string {
  const advisory = !check.required && (check.status === 'fail' || check.status === 'error');
  return advisory ? `⚠️ ${check.status} (advisory)` : STATUS_CELL[check.status];
}

function checksTable(checks: CheckResult[], withPhase: boolean): string[] {
  if (checks.length === 0) return ['_This gate has no checks._'];
  const header = withPhase
    ? ['| Status | Check | Phase | Kind | Result |', '| --- | --- | --- | --- | --- |']
    : ['| Status | Check | Kind | Result |', '| --- | --- | --- | --- |'];
  return [
    ...header,
    ...checks.map((check) => {
      const cells = [statusCell(check), code(check.id), ...(withPhase ? [check.phase] : []), check.kind, escapeMarkdown(check.message)];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}

function problemLine(problem: CheckResult['problems'][number]): string {
  const where = problem.file ? `${code(`${problem.file}${problem.line ? `:${problem.line}` : ''}`)} ` : '';
  return `- ${where}${escapeMarkdown(problem.message)}`;
}

function checkDetails(check: CheckResult): string[] {
  const advisory = check.required ? '' : ' (advisory)';
  const lines = [`### ${check.status === 'fail' ? '❌' : '💥'} ${code(check.id)}${advisory} — ${escapeMarkdown(check.message)}`, ''];
  if (check.title) lines.push(`_${escapeMarkdown(check.title)}_ · phase ${check.phase} · ${check.kind}`, '');
  if (check.problems.length > 0) {
    lines.push(...check.problems.slice(0, PROBLEMS_SHOWN).map(problemLine));
    if (check.problems.length > PROBLEMS_SHOWN) lines.push(`- … and ${check.problems.length - PROBLEMS_SHOWN} more (see \`lepton gate --format json\`)`);
    lines.push('');
  }
  if (check.hint) lines.push(`**How to fix:** ${escapeMarkdown(check.hint)}`, '');
  if (check.output?.length) {
    lines.push('<details><summary>Last lines of output</summary>', '', ...codeBlock(check.output), '', '</details>', '');
  }
  return lines;
}

function summaryLine(summary: GateReport['summary']): string {
  const parts = [`${summary.passed} passed`];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.errored) parts.push(`${summary.errored} errored`);
  if (summary.waived) parts.push(`${summary.waived} waived`);
  if (summary.skipped) parts.push(`${summary.skipped} skipped`);
  return `${summary.total} check${summary.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

export function formatGateMarkdown(report: GateReport, options: Pick<ReportOptions, 'titles'>): string {
  const phases = [...new Set(report.checks.map((check) => check.phase))];
  const named = (phase: string) => `${code(phase)}${options.titles?.[phase] ? ` (${escapeMarkdown(options.titles[phase]!)})` : ''}`;
  const lines = [
    `## ${report.passed ? '✅' : '❌'} lepton gate: ${escapeMarkdown(report.project)} — ${report.passed ? 'passed' : 'failed'}`,
    '',
    phases.length > 0
      ? `Phase${phases.length === 1 ? '' : 's'} ${phases.map(named).join(', ')} · ${summaryLine(report.summary)}`
      : `No phase was evaluated (current phase ${named(report.phase)}).`,
    '',
  ];
  if (phases.length > 0) lines.push(...checksTable(report.checks, phases.length > 1), '');
  const compared = report.checks.filter((check) => check.comparison && check.comparison.verdict !== 'no-baseline');
  if (compared.length > 0) {
    lines.push('## Compared with the baseline', '');
    for (const check of compared) lines.push(`### ${code(check.id)}`, '', ...comparisonMarkdown(check.comparison!, escapeMarkdown), '');
  }
  const failing = report.checks.filter((check) => check.status === 'fail' || check.status === 'error');
  const waived = report.checks.filter((check) => check.status === 'waived');
  if (failing.length > 0) {
    const ordered = [...failing.filter((check) => check.required), ...failing.filter((check) => !check.required)];
    lines.push('## What to fix', '');
    for (const check of ordered) lines.push(...checkDetails(check));
  }
  if (waived.length > 0) {
    lines.push('## Waivers', '');
    for (const check of waived) {
      const waiver = check.waiver;
      lines.push(`- ${code(check.id)}: ${waiver ? `until ${waiver.until}, by ${escapeMarkdown(waiver.by)}: ${escapeMarkdown(waiver.reason)}` : escapeMarkdown(check.message)}`);
    }
    lines.push('');
  }
  return marked(lines);
}

const STATE_CELL = { done: '✅ done', current: '▶️ current', upcoming: '· upcoming' } as const;

export function formatStatusMarkdown(report: Omit<StatusReport, 'version' | 'lifecycle'>): string {
  const lines = [`## lepton status: ${escapeMarkdown(report.project)}`, ''];
  if (report.description) lines.push(escapeMarkdown(report.description), '');
  lines.push('| | Phase | Title | Checks |', '| --- | --- | --- | --- |');
  for (const phase of report.phases) lines.push(`| ${STATE_CELL[phase.state]} | ${code(phase.id)} | ${escapeMarkdown(phase.title)} | ${phase.checks} |`);
  const { summary } = report.gate;
  lines.push('', `### Gate of ${code(report.phase)}: ${summary.passed} of ${summary.total} checks pass`, '', ...checksTable(report.gate.checks, false), '');
  return marked(lines);
}

export function formatVerifyMarkdown(report: Omit<VerifyReport, 'version'>): string {
  const lines = [
    `## ${report.ok ? '✅' : '❌'} lepton verify: ${escapeMarkdown(report.project)} — ${report.ok ? 'ledger verified' : 'ledger check failed'}`,
    '',
    `${report.entries} ledger entr${report.entries === 1 ? 'y' : 'ies'} · phase ${code(report.phase)}`,
    '',
  ];
  if (report.problems.length > 0) {
    for (const problem of report.problems) lines.push(`- ${escapeMarkdown(problem.message)}`);
    lines.push('');
  }
  return marked(lines);
}

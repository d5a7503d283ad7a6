// The human report of a gate: one line per check, and for each failing one what is wrong and what to do.
import type { CheckResult, GateReport } from '../gate/types.js';
import { safeText } from '../text.js';
import { paintStatus, type Paint } from './style.js';

export interface PrettyOptions {
  /** From `palette()`: chalk when there is colour, PLAIN otherwise. */
  paint: Paint;
  /** Phase titles by id, for the heading. */
  titles?: Record<string, string>;
}

export function formatGatePretty(report: GateReport, options: PrettyOptions): string {
  const { paint } = options;
  const lines: string[] = [];
  const phases = [...new Set(report.checks.map((check) => check.phase))];
  const width = Math.max(8, ...report.checks.map((check) => check.id.length));
  for (const phase of phases.length ? phases : [report.phase]) {
    const title = options.titles?.[phase];
    lines.push(paint.bold(`${report.project} · ${phase}${title ? ` (${title})` : ''}`));
    const checks = report.checks.filter((check) => check.phase === phase);
    if (checks.length === 0) lines.push(paint.dim('  this gate has no checks'));
    for (const check of checks) lines.push(...checkLines(check, width, paint));
    lines.push('');
  }
  const { summary } = report;
  const parts = [`${summary.passed} passed`];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.errored) parts.push(`${summary.errored} errored`);
  if (summary.waived) parts.push(`${summary.waived} waived`);
  if (summary.skipped) parts.push(`${summary.skipped} skipped`);
  const verdict = report.passed ? paint.green.bold('gate passed') : paint.red.bold('gate failed');
  lines.push(`${verdict}: ${summary.total} check${summary.total === 1 ? '' : 's'}, ${parts.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function checkLines(check: CheckResult, width: number, paint: Paint): string[] {
  const advisory = check.required ? '' : paint.dim(' (advisory)');
  const lines = [`  ${paintStatus(paint, check.status, check.required)} ${check.id.padEnd(width)}  ${safeText(check.message)}${advisory}`];
  const indent = ' '.repeat(4);
  const shown = check.problems.slice(0, 10);
  for (const problem of shown) {
    const where = problem.file ? `${safeText(problem.file)}${problem.line ? `:${problem.line}` : ''}: ` : '';
    lines.push(`${indent}${paint.dim(where)}${safeText(problem.message)}`);
  }
  if (check.problems.length > shown.length) lines.push(`${indent}${paint.dim(`… and ${check.problems.length - shown.length} more`)}`);
  if (check.output?.length && (check.status === 'fail' || check.status === 'error')) {
    for (const line of check.output) lines.push(`${indent}${paint.dim('│')} ${safeText(line)}`);
  }
  if (check.waiver) lines.push(`${indent}waived until ${safeText(check.waiver.until)} by ${safeText(check.waiver.by)}: ${safeText(check.waiver.reason)}`);
  if (check.hint && (check.status === 'fail' || check.status === 'error')) lines.push(`${indent}${paint.cyan('→')} ${safeText(check.hint)}`);
  return lines;
}

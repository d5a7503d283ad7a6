// `--format github`: workflow-command annotations GitHub Actions turns into inline errors and
// warnings, then the plain report for the log. The command appends the Markdown summary.
import path from 'node:path';
import type { CheckResult, GateReport } from '../gate/types.js';
import { safeText, stripAnsi } from '../text.js';
import type { StatusReport } from '../lifecycle/status.js';
import type { VerifyReport } from '../lifecycle/verify.js';
import type { ReportOptions } from './types.js';
import { formatGatePretty } from './pretty.js';
import { PLAIN } from './style.js';
import { randomHex } from '../text.js';
import { STATUS_LABEL } from './style.js';

/** GitHub shows at most this many annotations of each level per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: Level;
  /** Lower comes first: required failures, errors, advisory failures, waivers. */
  rank: number;
  file?: string;
  line?: number;
  title: string;
  message: string;
}

/** Message text: `%`, CR and LF are encoded (GitHub's `escapeData`). */
export function escapeData(value: string): string {
  // GitHub's own encoding of %, CR and LF; every other control character shown as an escape (\x1b), never raw.
  return safeText(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Property values (file, title): also `:` and `,`, which would end the property (GitHub's `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotationLine(annotation: Annotation): string {
  const properties = [
    annotation.file !== undefined && `file=${escapeProperty(annotation.file)}`,
    annotation.file !== undefined && annotation.line !== undefined && `line=${annotation.line}`,
    `title=${escapeProperty(annotation.title)}`,
  ].filter(Boolean);
  return `::${annotation.level} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

/**
 * Orders annotations by importance and keeps what GitHub will show: per level, the first ten, or
 * nine and one line counting the rest.
 */
export function selectAnnotations(annotations: Annotation[]): string[] {
  const placed = (annotation: Annotation) => (annotation.file === undefined ? 2 : annotation.line === undefined ? 1 : 0);
  const sorted = annotations
    .map((annotation, index) => ({ annotation, index }))
    .sort((left, right) => left.annotation.rank - right.annotation.rank || placed(left.annotation) - placed(right.annotation) || left.index - right.index)
    .map(({ annotation }) => annotation);
  const lines: string[] = [];
  for (const level of ['error', 'warning', 'notice'] as const) {
    const ofLevel = sorted.filter((annotation) => annotation.level === level);
    const shown = ofLevel.length > ANNOTATIONS_PER_LEVEL ? ofLevel.slice(0, ANNOTATIONS_PER_LEVEL - 1) : ofLevel;
    lines.push(...shown.map(annotationLine));
    const rest = ofLevel.length - shown.length;
    if (rest > 0) {
      lines.push(
        annotationLine({
          level,
          rank: Number.POSITIVE_INFINITY,
          title: 'lepton',
          message: `${rest} more ${level === 'error' ? 'error' : level}s not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per step): see the job summary or the log`,
        }),
      );
    }
  }
  return lines;
}

/** A project-relative path as GitHub wants it: relative to the workspace (the repository checkout). */
export function workspacePath(file: string, options: Pick<ReportOptions, 'env' | 'root'>): string {
  const workspace = options.env.GITHUB_WORKSPACE;
  if (!workspace || !options.root) return file;
  const relative = path.relative(workspace, path.resolve(options.root, file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}

// Colour codes and control characters from a command's output mean nothing in an annotation.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function plain(text: string): string {
  return stripAnsi(text).replace(CONTROL, '');
}

export function checkAnnotations(check: CheckResult, options: Pick<ReportOptions, 'env' | 'root'>): Annotation[] {
  const failed = check.status === 'fail' || check.status === 'error';
  if (!failed && check.status !== 'waived') return [];
  const rank = check.status === 'waived' ? 3 : !check.required ? 2 : check.status === 'fail' ? 0 : 1;
  const level: Level = rank <= 1 ? 'error' : 'warning';
  const outcome = check.status === 'fail' ? 'failed' : 'errored';
  const label = check.status === 'waived' ? 'waived' : check.required ? outcome : `${outcome} (advisory)`;
  const title = `lepton ${check.phase}/${check.id} ${label}`;
  const hint = failed && check.hint ? `\nhint: ${check.hint}` : '';
  if (check.status === 'waived') {
    const waiver = check.waiver;
    return [{ level, rank, title, message: waiver ? `waived until ${waiver.until} by ${waiver.by}: ${waiver.reason}\n${check.message}` : check.message }];
  }
  if (check.problems.length === 0) {
    const output = check.output?.length ? `\n${check.output.slice(-5).join('\n')}` : '';
    return [{ level, rank, title, message: plain(`${check.message}${output}${hint}`) }];
  }
  return check.problems.map((problem) => ({
    level,
    rank,
    title,
    ...(problem.file !== undefined && { file: workspacePath(problem.file, options) }),
    ...(problem.file !== undefined && problem.line !== undefined && { line: problem.line }),
    message: plain(`${problem.message}${hint}`),
  }));
}

/**
 * Text printed after the annotations comes from checks (command output, file contents): it is
 * fenced with `::stop-commands::` so a line in it cannot act as a workflow command.
 */
export function inertText(text: string): string {
  const token = `lepton-${randomHex(8)}`;
  const shown = safeText(text, { multiline: true });
  return `::stop-commands::${token}\n${shown.endsWith('\n') ? shown : `${shown}\n`}::${token}::\n`;
}

export function formatGateGithub(report: GateReport, options: ReportOptions): string {
  const annotations = selectAnnotations(report.checks.flatMap((check) => checkAnnotations(check, options)));
  const plain = formatGatePretty(report, { paint: PLAIN, ...(options.titles && { titles: options.titles }) });
  return `${annotations.map((line) => `${line}\n`).join('')}${inertText(plain)}`;
}

export function formatStatusGithub(report: Omit<StatusReport, 'version' | 'lifecycle'>): string {
  const { summary } = report.gate;
  const current = report.phases.find((phase) => phase.state === 'current');
  const notice = annotationLine({
    level: 'notice',
    rank: 0,
    title: `lepton status: ${report.project}`,
    message: `phase ${report.phase}${current ? ` (${current.title})` : ''}: ${summary.passed} of ${summary.total} checks of its gate pass`,
  });
  const lines = [`${report.project}${report.description ? ` — ${report.description}` : ''}`];
  for (const phase of report.phases) lines.push(`  ${phase.state.padEnd(8)} ${phase.id}  ${phase.title}`);
  lines.push('', `Gate of ${report.phase}: ${summary.passed} of ${summary.total} checks pass`);
  for (const check of report.gate.checks) lines.push(`  ${STATUS_LABEL[check.status].padEnd(6)} ${check.id}  ${check.message}${check.required ? '' : ' (advisory)'}`);
  return `${notice}\n${inertText(lines.join('\n'))}`;
}

export function formatVerifyGithub(report: Omit<VerifyReport, 'version'>, options: ReportOptions): string {
  const ledger = workspacePath('.lepton/ledger.jsonl', options);
  // A problem's `seq` is its entry's position in the ledger, one entry per line: the line number.
  const annotations = selectAnnotations(
    report.problems.map((problem) => ({
      level: 'error' as const,
      rank: 0,
      file: ledger,
      ...(problem.seq !== undefined && { line: problem.seq }),
      title: 'lepton verify',
      message: problem.message,
    })),
  );
  const lines = report.ok
    ? [`ledger verified: ${report.entries} entr${report.entries === 1 ? 'y' : 'ies'}, phase ${report.phase} agrees with lepton.yaml`]
    : [`ledger check failed for ${report.project}:`, ...report.problems.map((problem) => `  ${problem.message}`)];
  return `${annotations.map((line) => `${line}\n`).join('')}${inertText(lines.join('\n'))}`;
}

// The human reports: a gate (one line per check, and for each failing one what is wrong and what to
// do), status, verify and history. --all puts them together in pretty-all.ts.
import type { CheckResult, GateReport } from '../gate/types.js';
import type { HistoryReport } from '../lifecycle/history.js';
import { describeEntry, type EntryWording } from './entries.js';
import type { PhaseState, StatusReport } from '../lifecycle/status.js';
import type { VerifyReport } from '../lifecycle/verify.js';
import { comparisonTable } from './comparison.js';
import { safeText } from '../text.js';
import { paintStatus, type Paint } from './style.js';
import { describeRecordedChecks } from './values.js';

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
  if (check.comparison && check.comparison.verdict !== 'no-baseline') {
    for (const line of comparisonTable(check.comparison)) lines.push(`${indent}${line}`);
  }
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

// ——— status ———

const STATE_MARK: Record<PhaseState, string> = { done: '✔', current: '▶', upcoming: '·' };

/** "terminated on 2026-06-15 by Ada Lovelace in poc: No-go", for status and gate. */
/** `gate` on a terminated project: said on stderr, the gate still runs. */
export function endedNote(ended: NonNullable<StatusReport['terminated']>): string {
  return `note: the project has ended: ${endedText(ended)}\n`;
}

export function endedText(ended: NonNullable<StatusReport['terminated']>): string {
  return safeText(`terminated on ${ended.time.slice(0, 10)}${ended.by ? ` by ${ended.by}` : ''} in ${ended.phase}: ${ended.reason}`);
}

export function formatStatusPretty(report: StatusReport, paint: Paint): string {
  const lines = [paint.bold(report.project) + (report.description ? ` — ${safeText(report.description)}` : '')];
  if (report.terminated) lines.push(paint.red.bold(`Ended: ${endedText(report.terminated)}`));
  lines.push('');
  const width = Math.max(...report.phases.map((phase) => phase.id.length));
  const ended = report.lifecycle === 'terminated';
  for (const phase of report.phases) {
    const current = phase.state === 'current';
    const mark = phase.state === 'done' ? paint.green(STATE_MARK.done) : current ? (ended ? paint.red('✖') : paint.cyan(STATE_MARK.current)) : paint.dim(STATE_MARK.upcoming);
    const text = `${phase.id.padEnd(width)}  ${safeText(phase.title)}`;
    const here = ended ? paint.red('  ← ended here') : paint.cyan('  ← current');
    lines.push(`  ${mark} ${current ? paint.bold(text) + here : phase.state === 'upcoming' ? paint.dim(text) : text}`);
  }
  const { summary, checks } = report.gate;
  lines.push('', `Gate of ${report.phase}: ${summary.passed} of ${summary.total} checks pass${summary.waived ? `, ${summary.waived} waived` : ''}`);
  const idWidth = Math.max(8, ...checks.map((check) => check.id.length));
  for (const check of checks) {
    lines.push(`  ${paintStatus(paint, check.status, check.required)} ${check.id.padEnd(idWidth)}  ${safeText(check.message)}${check.required ? '' : paint.dim(' (advisory)')}`);
  }
  lines.push(
    '',
    report.lifecycle === 'complete'
      ? 'Complete: every phase has passed its gate. `lepton gate --completed` keeps them holding.'
      : report.lifecycle === 'terminated'
        ? 'The project has ended: no phase moves on; `lepton history` shows the ledger.'
        : report.gate.passed
          ? `Next: \`lepton advance\` moves to the next phase once \`lepton gate\` passes in full.`
          : 'Next: `lepton gate` shows what is missing and how to fix it.',
  );
  return `${lines.join('\n')}\n`;
}

// ——— verify ———

const HINTS: Record<NonNullable<VerifyReport['problems'][number]['check']>, string> = {
  chain: 'the ledger is append-only and written only by lepton: restore it from git (`git log -p -- .lepton/ledger.jsonl`)',
  phase: 'set phase: back to what the ledger records; only `lepton advance` and `lepton reopen` change it',
  approvals: "sign-offs come from owners holding the check's roles (project.owners in lepton.yaml); restore the ledger from git",
  authors: 'commit each ledger entry as the person it names (e.g. `git commit --author "Name <email>"` right after their command)',
  gates: 'restore the gate as it was, or have an owner accept the new definition: `lepton amend PHASE --reason TEXT`',
  signatures:
    'an owner with a key signs every entry they make (LEPTON_SIGNING_KEY or git config user.signingkey); a signature that does not verify means the entry was changed: restore the ledger from git',
};

/** The hint for an entry whose actor could not make it: the ledger is right, lepton.yaml is where the fix is. */
const ACTOR_HINTS: Record<NonNullable<VerifyReport['problems'][number]['code']>, string> = {
  'owner-left':
    'the fix is in lepton.yaml: if they made the entry while still on the project, set their `left:` (project.owners) to the day of the entry or later; an owner who leaves keeps what they did up to that day',
  'not-an-owner':
    'if they were an owner when they made the entry, keep them under project.owners in lepton.yaml with `left: YYYY-MM-DD` (their last day, on or after the entry); an entry by someone who never was one did not come from lepton: see `git log -p -- .lepton/ledger.jsonl`',
};

export function formatVerifyPretty(report: VerifyReport, strict: boolean, paint: Paint): string {
  if (report.ok) {
    const what =
      report.entries === 0
        ? `no ledger yet; ${report.phase} is the first phase`
        : `${report.entries} ledger entr${report.entries === 1 ? 'y' : 'ies'}, hash chain intact, phase: ${report.phase} matches the ledger${strict ? ', each entry committed by its actor' : ''}`;
    return `${paint.green('✔')} ${report.project}: ${what}\n`;
  }
  const [first, ...rest] = report.problems;
  const lines = [`${paint.red('✖')} ${report.project}: ${safeText(first?.message ?? 'the ledger does not verify')}`];
  for (const problem of rest) lines.push(`  ${safeText(problem.message)}`);
  lines.push(`hint: ${first?.code ? ACTOR_HINTS[first.code] : HINTS[first?.check ?? 'chain']}`);
  return `${lines.join('\n')}\n`;
}

// ——— history ———

/** `lepton history`'s wording: the counts of each status, and what was said after a dash. */
const HISTORY_WORDING: EntryWording = {
  said: (text) => ` — "${text}"`,
  gate: (statuses) => {
    const counts = ['pass', 'waived', 'fail', 'error', 'skipped']
      .map((status) => [status, statuses.filter((each) => each === status).length] as const)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => `${count} ${status}`);
    return ` — gate: ${counts.join(', ')}`;
  },
};

export function formatHistoryPretty(report: HistoryReport, paint: Paint): string {
  const { entries } = report;
  const lines = [`${paint.bold(report.project)} — ${entries.length} ledger entr${entries.length === 1 ? 'y' : 'ies'} (times in UTC)`, ''];
  if (entries.length === 0) lines.push('  (no entries yet: the ledger starts with the first `lepton approve`, `waive` or `advance`)');
  const actorWidth = Math.max(0, ...entries.map((entry) => safeText(entry.actor?.name ?? '').length));
  const seqWidth = String(entries.length).length + 1;
  for (const entry of entries) {
    const when = safeText(
      String(entry.time ?? '')
        .slice(0, 16)
        .replace('T', ' '),
    );
    const event =
      entry.event === 'advance'
        ? paint.green(entry.event.padEnd(9))
        : entry.event === 'terminate' || entry.event === 'reopen'
          ? paint.yellow(entry.event.padEnd(9))
          : paint.cyan(entry.event.padEnd(9));
    lines.push(
      `  ${paint.dim(`#${entry.seq}`.padStart(seqWidth))}  ${when}  ${safeText(entry.actor?.name ?? '').padEnd(actorWidth)}  ${event}  ${safeText(describeEntry(entry, HISTORY_WORDING))}`,
    );
    // The values each advance recorded: what was approved, in numbers.
    if (entry.event === 'advance') for (const line of describeRecordedChecks(entry.checks ?? [])) lines.push(`${' '.repeat(seqWidth + 4)}${paint.dim(safeText(line))}`);
  }
  const now = report.terminated
    ? `terminated in ${report.ledgerPhase}: ${safeText(report.terminatedReason ?? '')}`
    : report.complete
      ? `complete: all ${report.totalPhases} phases passed`
      : `in ${report.ledgerPhase} (${report.passedPhases} of ${report.totalPhases} phases passed)`;
  lines.push('', `Now: ${now}`);
  if (report.phase !== report.ledgerPhase) lines.push(paint.red(`lepton.yaml says phase: ${report.phase}, which the ledger does not back; run \`lepton verify\``));
  return `${lines.join('\n')}\n`;
}

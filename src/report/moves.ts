// The pretty and JSON output of the lifecycle's moves: advance, approve, waive, reopen, terminate.
import type { AdvanceResult, ReopenResult } from '../lifecycle/moves.js';
import type { ApproveResult, WaiveResult } from '../lifecycle/sign-offs.js';
import type { LedgerEntryOf } from '../lifecycle/ledger-entries.js';
import type { RenderedDocument } from '../templates/generate.js';
import { publicCheck } from './json.js';
import type { Paint } from './style.js';
import type { Recovered } from '../lifecycle/project.js';
import { safeText } from '../text.js';

export function advanceJson(result: AdvanceResult, documents: RenderedDocument[]) {
  return {
    version: 1 as const,
    project: result.gate.project,
    from: result.from,
    to: result.to,
    complete: result.complete,
    dryRun: result.dryRun,
    advanced: result.advanced,
    entry: result.entry?.seq ?? null,
    documents: documents.map((document) => ({ file: document.file, status: document.status })),
    gate: { passed: result.gate.passed, summary: result.gate.summary, checks: result.gate.checks.map(publicCheck) },
  };
}

export function advanceSummary(result: AdvanceResult, documents: RenderedDocument[], templates: string[], paint: Paint): string {
  const target = result.to ?? 'complete';
  if (!result.gate.passed) {
    const blocking = result.gate.checks.filter((check) => check.required && (check.status === 'fail' || check.status === 'error'));
    return (
      `\n${paint.red('Not advanced:')} ${blocking.length} required check${blocking.length === 1 ? '' : 's'} of ${result.from} ${blocking.length === 1 ? 'does' : 'do'} not pass (${blocking.map((check) => check.id).join(', ')}). Nothing was changed.\n` +
      'Next: fix what failed above, then run `lepton advance` again.\n'
    );
  }
  if (result.dryRun) {
    return (
      `\n${paint.cyan('Dry run:')} the gate of ${result.from} passes. \`lepton advance\` would record it in the ledger and ` +
      (result.to
        ? `move to ${result.to}${templates.length ? `, rendering ${templates.map((name) => `docs/${name}.md`).join(', ')} where missing` : ''}.\n`
        : 'mark the project complete.\n')
    );
  }
  const lines = [''];
  if (!result.to) {
    lines.push(`${paint.green('Complete:')} ${result.from} passed its gate, the last phase (ledger entry #${result.entry?.seq}). The project has passed every phase.`);
    lines.push('Next: commit .lepton/ledger.jsonl; `lepton gate --completed` keeps every phase honest from here on.');
  } else {
    lines.push(`${paint.green('Advanced:')} ${result.from} → ${target} (ledger entry #${result.entry?.seq}); lepton.yaml now says phase: ${target}.`);
    for (const document of documents) lines.push(`  ${document.status === 'kept' ? 'kept   ' : 'created'} ${document.file}`);
    const created = documents.filter((document) => document.status !== 'kept').map((document) => document.file);
    lines.push(`Next: commit lepton.yaml and .lepton/ledger.jsonl${created.length ? `, fill in ${created.join(', ')}` : ''}; \`lepton gate\` shows what ${target} needs.`);
  }
  return `${lines.join('\n')}\n`;
}

export function approveText(result: ApproveResult): string {
  const who = `${result.actor.name} <${result.actor.email}>`;
  const tally = `${Math.min(result.approvals, result.required)} of ${result.required} sign-off${result.required === 1 ? '' : 's'}`;
  return result.recorded
    ? `Signed off ${result.checkId} (${result.phase}) as ${who}: ${tally} (ledger entry #${result.entry?.seq}).\nNext: commit .lepton/ledger.jsonl as ${who}${result.approvals >= result.required ? '; `lepton gate` counts it' : ''}.\n`
    : `${who} has already signed off ${result.checkId} in this visit of ${result.phase}: ${tally}; nothing recorded.\n`;
}

export function waiveText(result: WaiveResult): string {
  return (
    `Waived ${result.checkId} (${result.phase}) until ${result.until}: ${result.reason} (ledger entry #${result.entry.seq}).\n` +
    `While it fails, the check reports "waived"; from the day after ${result.until} it blocks the gate again.\n`
  );
}

export function reopenText(result: ReopenResult): string {
  return (
    `Reopened ${result.to} (from ${result.from}): ${result.entry.reason} (ledger entry #${result.entry.seq}); lepton.yaml now says phase: ${result.to}.\n` +
    `Sign-offs and waivers of ${result.to} start afresh. Next: commit lepton.yaml and .lepton/ledger.jsonl; \`lepton gate\` shows what ${result.to} needs.\n`
  );
}

export function terminateText(project: string, result: { phase: string; entry: LedgerEntryOf<'terminate'> }): string {
  return (
    `Terminated ${project} in ${result.phase}: ${result.entry.reason} (ledger entry #${result.entry.seq}).\n` +
    'Next: commit .lepton/ledger.jsonl; `lepton history` keeps the record.\n'
  );
}

export function formatAdvanceJson(result: AdvanceResult, documents: RenderedDocument[]): string {
  return `${JSON.stringify(advanceJson(result, documents), null, 2)}\n`;
}

/** What a roll-forward completed, for stderr: a user who re-runs the command sees it was done. */
export function recoveredText(recovered: Recovered): string {
  const what = recovered.event ? `${recovered.event}${recovered.to ? ` to ${recovered.to}` : ''}` : `step (${recovered.files.join(', ')})`;
  const recorded = recovered.seq !== undefined ? ` (recorded as ledger entry #${recovered.seq}${recovered.time ? `, ${recovered.time}` : ''})` : '';
  const lines = [`lepton: completed the interrupted ${what}${recorded}`];
  for (const document of recovered.documents) lines.push(`  ${document.status === 'kept' ? 'kept   ' : 'created'} ${document.file}`);
  if (recovered.renderProblem) lines.push(`warning: the new phase's documents were not rendered: ${recovered.renderProblem}; run \`lepton generate\``);
  return `${safeText(lines.join('\n'), { multiline: true })}\n`;
}

/** `lepton advance` run again after an interrupted advance that the roll-forward completed: it does not advance a second time. */
export function notAdvancedAgainText(recovered: Recovered): string {
  return `Not advanced again: the interrupted advance to ${safeText(recovered.to ?? '?')} was completed just now. Run \`lepton advance\` again to advance from ${safeText(recovered.to ?? '?')}.\n`;
}

export function notAdvancedAgainJson(project: string, recovered: Recovered): string {
  return `${JSON.stringify({ version: 1, project, advanced: false, recovered: { entry: recovered.seq ?? null, from: recovered.from ?? null, to: recovered.to ?? null, documents: recovered.documents } }, null, 2)}\n`;
}

/** The move is recorded, but the new phase's documents could not be rendered. */
export function documentsNotRenderedWarning(error: { message: string; hint?: string | undefined }): string {
  return `warning: advanced, but the new phase's documents were not rendered: ${error.message}\nhint: ${error.hint ?? 'fix it'}, then run \`lepton generate\`\n`;
}

// `lepton history [--format pretty|json]`: the ledger as a timeline.
import { EXIT } from '../errors.js';
import type { LedgerEntry } from '../lifecycle/ledger.js';
import { readProjectLedger } from '../lifecycle/project.js';
import type { LifecycleState } from '../lifecycle/state.js';
import type { Manifest } from '../manifest/schema.js';
import { palette, type Paint } from '../report/style.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';

export interface HistoryReport {
  version: 1;
  project: string;
  phase: string;
  complete: boolean;
  terminated: boolean;
  entries: LedgerEntry[];
}

export const run: CommandRun<{ format?: string }> = async ({ options, globals, io }) => {
  // commander allows only pretty and json.
  const format = options.format ?? 'pretty';
  const loaded = await openProject(globals, io);
  const { entries, state } = await readProjectLedger(loaded);
  const report: HistoryReport = {
    version: 1,
    project: loaded.manifest.project.name,
    phase: loaded.manifest.phase,
    complete: state.complete,
    terminated: Boolean(state.terminated),
    entries,
  };
  io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatHistoryPretty(loaded.manifest, entries, state, await palette(io.mode.color)));
  return EXIT.ok;
};

/** What one entry did, in a few words. */
export function describeEntry(entry: LedgerEntry): string {
  switch (entry.event) {
    case 'init':
      return `started in ${entry.to}`;
    case 'advance': {
      const checks = entry.checks ?? [];
      const counts = ['pass', 'waived', 'fail', 'error', 'skipped']
        .map((status) => [status, checks.filter((check) => check.status === status).length] as const)
        .filter(([, count]) => count > 0)
        .map(([status, count]) => `${count} ${status}`);
      const gate = checks.length ? ` — gate: ${counts.join(', ')}` : '';
      return `${entry.from} → ${entry.complete ? 'complete' : entry.to}${gate}${entry.message ? ` — "${entry.message}"` : ''}`;
    }
    case 'approve':
      return `signed off ${entry.checkId} (${entry.phase}${entry.roles?.length ? `, as ${entry.roles.join(', ')}` : ''})${entry.note ? ` — "${entry.note}"` : ''}`;
    case 'waive':
      return `waived ${entry.checkId} (${entry.phase}) until ${entry.until} — "${entry.reason}"`;
    case 'reopen':
      return `${entry.from} → back to ${entry.to} — "${entry.reason}"`;
    case 'terminate':
      return `ended the project in ${entry.from} — "${entry.reason}"`;
    default:
      return String((entry as LedgerEntry).event);
  }
}

export function formatHistoryPretty(manifest: Manifest, entries: readonly LedgerEntry[], state: LifecycleState, paint: Paint): string {
  const lines = [`${paint.bold(manifest.project.name)} — ${entries.length} ledger entr${entries.length === 1 ? 'y' : 'ies'} (times in UTC)`, ''];
  if (entries.length === 0) lines.push('  (no entries yet: the ledger starts with the first `lepton approve`, `waive` or `advance`)');
  const actorWidth = Math.max(0, ...entries.map((entry) => entry.actor?.name?.length ?? 0));
  const seqWidth = String(entries.length).length + 1;
  for (const entry of entries) {
    const when = (entry.time ?? '').slice(0, 16).replace('T', ' ');
    const event = entry.event === 'advance' ? paint.green(entry.event.padEnd(9)) : entry.event === 'terminate' || entry.event === 'reopen' ? paint.yellow(entry.event.padEnd(9)) : paint.cyan(entry.event.padEnd(9));
    lines.push(`  ${paint.dim(`#${entry.seq}`.padStart(seqWidth))}  ${when}  ${(entry.actor?.name ?? '').padEnd(actorWidth)}  ${event}  ${describeEntry(entry)}`);
  }
  const index = manifest.phases.findIndex((phase) => phase.id === state.phase);
  const now = state.terminated
    ? `terminated in ${state.phase}: ${state.terminated.reason}`
    : state.complete
      ? `complete: all ${manifest.phases.length} phases passed`
      : `in ${state.phase} (${index} of ${manifest.phases.length} phases passed)`;
  lines.push('', `Now: ${now}`);
  if (manifest.phase !== state.phase) lines.push(paint.red(`lepton.yaml says phase: ${manifest.phase}, which the ledger does not back; run \`lepton verify\``));
  return `${lines.join('\n')}\n`;
}

import { EXIT } from '../errors.js';
import { evaluatePhases } from '../lifecycle/evaluate.js';
import { currentPhase, phaseIndex } from '../lifecycle/phases.js';
import { readProjectLedger } from '../lifecycle/project.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { CheckKind } from '../manifest/schema.js';
import type { GateReport } from '../gate/types.js';
import { publicCheck } from '../report/json.js';
import { paintStatus, palette, type Paint } from '../report/style.js';
import { usageError } from '../errors.js';
import type { CommandIO, CommandRun } from './types.js';
import { openProject } from './project.js';

/** Kinds too slow or too outward-facing for a glance: `lepton gate` runs them. */
const SLOW_KINDS: CheckKind[] = ['run', 'http'];

export type PhaseState = 'done' | 'current' | 'upcoming';

export interface StatusReport {
  version: 1;
  project: string;
  description?: string;
  phase: string;
  phases: { id: string; title: string; state: PhaseState; checks: number }[];
  /** From the ledger: `complete` once the last phase's gate passed, `terminated` after `lepton terminate`. */
  lifecycle: 'active' | 'complete' | 'terminated';
  gate: Pick<GateReport, 'passed' | 'summary' | 'checks'>;
}

export async function status(loaded: LoadedManifest, io: Pick<CommandIO, 'env' | 'signal'>): Promise<StatusReport> {
  const { manifest } = loaded;
  const current = phaseIndex(manifest, manifest.phase);
  const { state: ledger } = await readProjectLedger(loaded);
  const gate = await evaluatePhases(loaded, [currentPhase(manifest)], {
    state: ledger,
    env: io.env,
    signal: io.signal,
    skipKinds: { kinds: SLOW_KINDS, message: 'not evaluated by `lepton status`; `lepton gate` runs it' },
  });
  return {
    version: 1,
    project: manifest.project.name,
    ...(manifest.project.description && { description: manifest.project.description }),
    phase: manifest.phase,
    phases: manifest.phases.map((phase, index) => ({
      id: phase.id,
      title: phase.title,
      state: index < current || (index === current && ledger.complete) ? 'done' : index === current ? 'current' : 'upcoming',
      checks: phase.gate.length,
    })),
    lifecycle: ledger.terminated ? 'terminated' : ledger.complete ? 'complete' : 'active',
    gate: { passed: gate.passed, summary: gate.summary, checks: gate.checks },
  };
}

export const run: CommandRun<{ format?: string; all?: boolean }> = async (input) => {
  if (input.options.all) return (await import('./all-projects.js')).runAll('status', input);
  const { options, globals, io } = input;
  const loaded = await openProject(globals, io);
  const report = await status(loaded, io);
  const { formatStatusReport, resolveFormat } = await import('../report/index.js');
  const format = resolveFormat(options.format, io.env);
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ ...report, gate: { ...report.gate, checks: report.gate.checks.map(publicCheck) } }, null, 2)}\n`);
  } else if (format === 'pretty') {
    io.stdout(formatStatusPretty(report, await palette(io.mode.color)));
  } else if (format === 'junit' || format === 'github' || format === 'markdown') {
    const reportOptions = { color: false, env: io.env, root: loaded.root };
    io.stdout(await formatStatusReport(format, report, reportOptions));
    if (format === 'github') await (await import('./report-files.js')).appendStepSummary(io, () => formatStatusReport('markdown', report, reportOptions));
  } else {
    throw usageError(`--format ${format} is not available for status`, 'use --format pretty, json, junit, github or markdown');
  }
  return EXIT.ok;
};

const STATE_MARK: Record<PhaseState, string> = { done: '✔', current: '▶', upcoming: '·' };

export function formatStatusPretty(report: StatusReport, paint: Paint): string {
  const lines = [paint.bold(report.project) + (report.description ? ` — ${report.description}` : ''), ''];
  const width = Math.max(...report.phases.map((phase) => phase.id.length));
  for (const phase of report.phases) {
    const mark = phase.state === 'done' ? paint.green(STATE_MARK.done) : phase.state === 'current' ? paint.cyan(STATE_MARK.current) : paint.dim(STATE_MARK.upcoming);
    const text = `${phase.id.padEnd(width)}  ${phase.title}`;
    lines.push(`  ${mark} ${phase.state === 'current' ? paint.bold(text) + paint.cyan('  ← current') : phase.state === 'upcoming' ? paint.dim(text) : text}`);
  }
  const { summary, checks } = report.gate;
  lines.push('', `Gate of ${report.phase}: ${summary.passed} of ${summary.total} checks pass${summary.waived ? `, ${summary.waived} waived` : ''}`);
  const idWidth = Math.max(8, ...checks.map((check) => check.id.length));
  for (const check of checks) {
    lines.push(`  ${paintStatus(paint, check.status, check.required)} ${check.id.padEnd(idWidth)}  ${check.message}${check.required ? '' : paint.dim(' (advisory)')}`);
  }
  lines.push('', report.lifecycle === 'complete'
    ? 'Complete: every phase has passed its gate. `lepton gate --completed` keeps them holding.'
    : report.lifecycle === 'terminated'
      ? 'Terminated: the project has ended; `lepton history` shows why.'
      : report.gate.passed
    ? `Next: \`lepton advance\` moves to the next phase once \`lepton gate\` passes in full.`
    : 'Next: `lepton gate` shows what is missing and how to fix it.');
  return `${lines.join('\n')}\n`;
}

import { EXIT, InterruptedError, usageError } from '../errors.js';
import { evaluatePhases, passedPhases } from '../lifecycle/evaluate.js';
import { currentPhase, phaseById, phaseTitles } from '../lifecycle/phases.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { Manifest, Phase } from '../manifest/schema.js';
import { readProjectLedger } from '../lifecycle/project.js';
import type { LifecycleState } from '../lifecycle/state.js';
import type { GateReport } from '../gate/types.js';
import type { Progress } from '../report/progress.js';
import { formatGateReport, resolveFormat } from '../report/index.js';
import type { CommandIO, CommandRun } from './types.js';
import { openProject } from './project.js';

export interface GateOptions {
  phase?: string;
  completed?: boolean;
  /** With --completed: evaluate every check again, also those judged at advance (recheck: false). */
  recheckAll?: boolean;
  only?: string[];
  format?: string;
  concurrency?: number;
  /** Also write the report as JUnit XML to this file (CI test reports). */
  junit?: string;
  /** Also write the report as SARIF 2.1.0 to this file (code scanning). */
  sarif?: string;
  /** Stream `run` checks' output with the live progress. */
  verbose?: boolean;
}

/** The phases `--phase` / `--completed` select (the current one by default); `state` is the replayed ledger. */
export function selectPhases(manifest: Manifest, state: LifecycleState, options: Pick<GateOptions, 'phase' | 'completed'>): Phase[] {
  if (options.phase && options.completed) throw usageError('--phase and --completed cannot be used together', 'pick one');
  if (options.completed) return passedPhases(manifest, state);
  return [options.phase ? phaseById(manifest, options.phase) : currentPhase(manifest)];
}

/** Evaluates the gate the options select; returns the report (options in, data out). */
export async function gate(loaded: LoadedManifest, options: GateOptions, io: Pick<CommandIO, 'env' | 'signal'>, progress?: Progress): Promise<GateReport> {
  if (options.recheckAll && !options.completed) throw usageError('--recheck-all goes with --completed', 'the current phase\'s gate evaluates every check already: `lepton gate --completed --recheck-all`');
  // The ledger is read once: it decides the phases (--completed) and the sign-offs and waivers.
  const { state } = await readProjectLedger(loaded);
  const report = await evaluatePhases(loaded, selectPhases(loaded.manifest, state, options), {
    state,
    completed: options.completed,
    // JSON carries each check's values, files' hashes included (gathered as advance gathers them).
    evidence: options.format === 'json',
    recheckAll: options.recheckAll,
    only: options.only,
    concurrency: options.concurrency,
    env: io.env,
    signal: io.signal,
    ...(progress && { onStart: progress.onStart, onResult: progress.onResult, onOutput: progress.onOutput }),
  });
  progress?.stop();
  if (io.signal.aborted) throw new InterruptedError();
  return report;
}

export const run: CommandRun<GateOptions & { all?: boolean }> = async (input) => {
  if (input.options.all) return (await import('./all-projects.js')).runAll('gate', input);
  const { options, globals, io } = input;
  const loaded = await openProject(globals, io);
  const progress = await (await import('./progress.js')).startProgress(globals, io, Boolean(options.verbose));
  const report = await gate(loaded, options, io, progress);
  const format = resolveFormat(options.format, io.env);
  const titles = phaseTitles(loaded.manifest);
  if (options.completed && report.checks.length === 0 && format === 'pretty' && !globals.quiet) {
    io.stderr(`no completed phases yet: ${loaded.manifest.phase} is the first\n`);
  }
  const sarif = format === 'sarif' || options.sarif;
  const locations = sarif ? await (await import('../lifecycle/locations.js')).projectLocations(loaded, io.env) : {};
  const reportOptions = { color: io.mode.color, titles, env: io.env, root: loaded.root, ...locations };
  io.stdout(await formatGateReport(format, report, reportOptions));
  if (format === 'github' || options.junit || options.sarif) {
    const { appendStepSummary, writeReportFile } = await import('./report-files.js');
    if (options.junit) await writeReportFile(globals.cwd, options.junit, await formatGateReport('junit', report, reportOptions));
    if (options.sarif) await writeReportFile(globals.cwd, options.sarif, await formatGateReport('sarif', report, reportOptions));
    if (format === 'github') await appendStepSummary(io, () => formatGateReport('markdown', report, reportOptions));
  }
  return report.passed ? EXIT.ok : EXIT.gateFailed;
};

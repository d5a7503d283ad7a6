// `lepton gate`: evaluates the selected gate; exit 0 when it passes, 1 when it does not.
import { EXIT } from '../errors.js';
import { gateProject } from '../lifecycle/gate-project.js';
import { phaseTitles } from '../lifecycle/phases.js';
import { formatGateReport, resolveFormat } from '../report/index.js';
import { endedNote } from '../report/pretty.js';
import { runAll } from './all.js';
import { noCompletedPhasesText } from '../report/notes.js';
import { onlyNamesNoCheck, onlyWithPhases, recheckAllWithoutCompleted } from './messages.js';
import { startProgress } from './progress.js';
import { openProject } from './project.js';
import { emitReport } from './report-files.js';
import type { CommandRun } from './types.js';

export interface GateCommandOptions {
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
  all?: boolean;
}

export const run: CommandRun<GateCommandOptions> = async (input) => {
  const { options, globals, io } = input;
  if (options.phase && options.completed) throw onlyWithPhases();
  if (options.recheckAll && !options.completed) throw recheckAllWithoutCompleted();
  if (options.all) return runAll('gate', input);
  const loaded = await openProject(globals, io);
  const progress = await startProgress(globals, io, Boolean(options.verbose));
  // JSON carries each check's values, files' hashes included (gathered as advance gathers them).
  const { report, phases, terminated } = await gateProject(loaded, { ...options, evidence: options.format === 'json', env: io.env, signal: io.signal, progress }).finally(() =>
    progress?.stop(),
  );
  if (report.unmatched) throw onlyNamesNoCheck(report.unmatched, phases);
  const format = resolveFormat(options.format, io.env);
  if (terminated && !globals.quiet) io.stderr(endedNote(terminated));
  if (options.completed && report.checks.length === 0 && format === 'pretty' && !globals.quiet) {
    io.stderr(noCompletedPhasesText(loaded.manifest.phase));
  }
  const locations = format === 'sarif' || options.sarif ? await (await import('../lifecycle/locations.js')).projectLocations(loaded, io.env) : {};
  const reportOptions = { color: io.mode.color, titles: phaseTitles(loaded.manifest), env: io.env, root: loaded.root, ...locations };
  await emitReport(io, globals.cwd, format, (as) => formatGateReport(as, report, reportOptions), { junit: options.junit, sarif: options.sarif });
  return report.passed ? EXIT.ok : EXIT.gateFailed;
};

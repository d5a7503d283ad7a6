// `lepton advance [--dry-run] [--message TEXT]`: the lifecycle core records the move and writes
// the next phase's documents with it (never overwriting one that exists).
import { EXIT, InterruptedError } from '../errors.js';
import { advance } from '../lifecycle/moves.js';
import { formatGateReport } from '../report/index.js';
import { advanceSummary, formatAdvanceJson, notAdvancedAgainJson, notAdvancedAgainText, notRenderedText } from '../report/moves.js';
import { palette } from '../report/style.js';
import type { CommandRun } from './types.js';
import { describeDirty } from '../lifecycle/dirty-evidence.js';
import { phaseTitles } from '../lifecycle/phases.js';
import { notAdvancedDirty } from './messages.js';
import { openProject } from './project.js';

export interface AdvanceCommandOptions {
  dryRun?: boolean;
  allowDirty?: boolean;
  message?: string;
  format?: string;
  verbose?: boolean;
}

export const run: CommandRun<AdvanceCommandOptions> = async ({ options, globals, io }) => {
  // commander allows only pretty and json.
  const format = options.format ?? 'pretty';
  const loaded = await openProject(globals, io);
  // A re-run after a crash: the roll-forward just completed the advance the user asked for. Doing
  // another would move a second phase they never saw the gate of.
  if (loaded.recovered?.event === 'advance' && !options.dryRun) {
    io.stdout(format === 'json' ? notAdvancedAgainJson(loaded.manifest.project.name, loaded.recovered) : notAdvancedAgainText(loaded.recovered));
    return EXIT.ok;
  }
  const progress = await (await import('./progress.js')).startProgress(globals, io, Boolean(options.verbose));
  const watch = progress && { onStart: progress.onStart, onResult: progress.onResult, onOutput: progress.onOutput };
  const result = await advance(loaded, {
    dryRun: options.dryRun,
    message: options.message,
    allowDirty: options.allowDirty,
    env: io.env,
    signal: io.signal,
    progress: watch,
  }).finally(() => progress?.stop());
  if (io.signal.aborted) throw new InterruptedError();
  if (result.dirty.length > 0 && !result.advanced && !result.dryRun) throw notAdvancedDirty(result.dirty.length, result.from, describeDirty(result.dirty));
  const next = result.to ? loaded.manifest.phases.find((phase) => phase.id === result.to) : undefined;
  const documents = result.documents;
  if (result.renderProblem) io.stderr(notRenderedText(result.renderProblem));
  if (format === 'json') {
    io.stdout(formatAdvanceJson(result, documents));
  } else {
    const titles = phaseTitles(loaded.manifest);
    if (!globals.quiet || !result.gate.passed) io.stdout(await formatGateReport('pretty', result.gate, { color: io.mode.color, titles, env: io.env, root: loaded.root }));
    io.stdout(advanceSummary(result, documents, next?.templates ?? [], await palette(io.mode.color)));
  }
  return result.gate.passed ? EXIT.ok : EXIT.gateFailed;
};

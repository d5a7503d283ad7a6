// `lepton gate`'s core: the phases a gate run selects and their evaluation with what the ledger knows.
import { InterruptedError, usageError } from '../errors.js';
import type { GateRunOptions } from '../gate/engine.js';
import type { GateReport } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { Manifest, Phase } from '../manifest/schema.js';
import { evaluatePhases, passedPhases } from './evaluate.js';
import { currentPhase, phaseById } from './phases.js';
import { readProjectLedger } from './project.js';
import type { LifecycleState } from './state.js';

export interface PhaseSelection {
  /** Another phase's gate than the current one's. */
  phase?: string | undefined;
  /** Every phase already passed (the regression guard). */
  completed?: boolean | undefined;
}

export interface GateProjectOptions extends PhaseSelection {
  /** With `completed`: evaluate every check again, also those judged at advance (recheck: false). */
  recheckAll?: boolean | undefined;
  /** Gather the evidence advance records (files' hashes) for the report's values. */
  evidence?: boolean | undefined;
  only?: readonly string[] | undefined;
  concurrency?: number | undefined;
  /** Live progress callbacks, passed to the engine. */
  progress?: Pick<GateRunOptions, 'onStart' | 'onResult' | 'onOutput'> | undefined;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

/** The phases a selection names (the current one by default); `state` is the replayed ledger. */
export function selectPhases(manifest: Manifest, state: LifecycleState, selection: PhaseSelection): Phase[] {
  if (selection.phase && selection.completed) throw usageError('a gate run takes one phase or the completed phases, not both', 'pick one');
  if (selection.completed) return passedPhases(manifest, state);
  return [selection.phase ? phaseById(manifest, selection.phase) : currentPhase(manifest)];
}

export interface GateRun {
  report: GateReport;
  /** The phases evaluated. */
  phases: Phase[];
  /** Set when the project has ended (`lepton terminate`). */
  terminated?: LifecycleState['terminated'];
}

/** Evaluates the gate of the selected phases; the ledger is read once, for the phases and the sign-offs and waivers. */
export async function gateProject(loaded: LoadedManifest, options: GateProjectOptions): Promise<GateRun> {
  const { state } = await readProjectLedger(loaded);
  const phases = selectPhases(loaded.manifest, state, options);
  const report = await evaluatePhases(loaded, phases, {
    state,
    completed: options.completed,
    evidence: options.evidence,
    recheckAll: options.recheckAll,
    only: options.only,
    concurrency: options.concurrency,
    ...(options.progress && { onStart: options.progress.onStart, onResult: options.progress.onResult, onOutput: options.progress.onOutput }),
    env: options.env,
    signal: options.signal,
  });
  if (options.signal.aborted) throw new InterruptedError();
  return { report, phases, ...(state.terminated && { terminated: state.terminated }) };
}

// Evaluates gates with what the ledger knows: sign-offs of the current visit and open waivers.
import { keepsCaches } from '../cache.js';
import { EXIT, LeptonError } from '../errors.js';
import { CheckCache } from '../gate/check-cache.js';
import { runGate, type GateRunOptions } from '../gate/engine.js';
import type { GateReport, RecordedGate } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { Manifest, Phase } from '../manifest/schema.js';
import { changedGates, describeGateChange } from './gate-definition.js';
import { phaseMismatch } from './phase-mismatch.js';
import { completedPhases } from './phases.js';
import { readProjectLedger } from './project.js';
import { currentApprovals, currentWaivers, type LifecycleState } from './state.js';
import { clockNow } from './test-hooks.js';

export type EvaluateOptions = Omit<GateRunOptions, 'manifest' | 'root' | 'phases' | 'approvals' | 'waivers' | 'baselines' | 'recordedValues' | 'recorded'> & {
  /** The replayed ledger, when the caller has it already. */
  state?: LifecycleState | undefined;
  /** The phases are passed ones (the regression guard): checks not rechecked report what their advance recorded. */
  completed?: boolean | undefined;
  /** With `completed`: evaluate every check again, whatever its `recheck`. */
  recheckAll?: boolean | undefined;
};

export async function evaluatePhases(loaded: LoadedManifest, phases: readonly Phase[], options: EvaluateOptions = {}): Promise<GateReport> {
  const { state: given, completed, recheckAll, ...rest } = options;
  const state = given ?? (await readProjectLedger(loaded)).state;
  return runGate({
    now: () => clockNow(options.env),
    // Without a .lepton/ folder nothing is cached, so nothing is hashed to look a result up.
    ...(keepsCaches(loaded.root) && { cache: new CheckCache(loaded.root) }),
    git: () => import('../git/git.js'),
    ...rest,
    manifest: loaded.manifest,
    root: loaded.root,
    phases,
    approvals: currentApprovals(state),
    waivers: currentWaivers(state),
    baselines: state.baselines,
    recordedValues: state.recordedValues,
    ...(completed && !recheckAll && { recorded: recordedGates(state) }),
  });
}

/** What each passed phase's advance recorded, for the checks the regression guard does not evaluate again. */
export function recordedGates(state: LifecycleState): Record<string, RecordedGate> {
  return Object.fromEntries(
    Object.entries(state.passedBy).map(([phase, entry]) => [
      phase,
      {
        seq: entry.seq,
        time: entry.time,
        checks: new Map((entry.checks ?? []).map((check) => [check.id, { status: check.status, ...(check.values !== undefined && { values: check.values }) }])),
      },
    ]),
  );
}

/**
 * The phases the project has passed, for `gate --completed`. A `phase:` the ledger does not
 * back (set by hand instead of by `lepton advance`) fails the gate: exit 1, naming the phases never earned.
 */
export function passedPhases(manifest: Manifest, state: LifecycleState): Phase[] {
  const mismatch = phaseMismatch(manifest, state);
  if (mismatch) throw new LeptonError(mismatch.message, { exitCode: EXIT.gateFailed, hint: mismatch.hint });
  // What passed was judged by the gate its advance recorded: one changed since proves nothing until an owner accepts it.
  const [changed, ...more] = changedGates(manifest, state);
  if (changed) {
    throw new LeptonError(describeGateChange(changed), {
      exitCode: EXIT.gateFailed,
      details: more.map(describeGateChange),
      hint: `restore the gate as it was, or have an owner accept the new one: \`lepton amend ${changed.phase}\` with a reason`,
    });
  }
  return completedPhases(manifest, { complete: state.complete });
}

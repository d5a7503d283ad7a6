// The regression guard a push to a protected branch runs: `verify`, then `gate --completed`, in
// one process. The manifest, verify and the gate load only when the input shows a branch update.
import type { GateReport } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import { evaluatePhases, passedPhases } from './evaluate.js';
import type { GatedUpdate } from './pre-push.js';
import { verifyAndReplay, type VerifyReport } from './verify.js';

export interface PrePushOutcome {
  /** The updates that were gated (none: the push was let through without running anything). */
  gated: GatedUpdate[];
  verify?: VerifyReport | undefined;
  report?: GateReport | undefined;
  passed: boolean;
}

export async function prePushGate(loaded: LoadedManifest, gated: GatedUpdate[], options: { env: NodeJS.ProcessEnv; signal: AbortSignal }): Promise<PrePushOutcome> {
  if (gated.length === 0) return { gated, passed: true };
  // The ledger pushed must keep every entry the remote branch already has.
  const remote = gated
    .filter((update) => update.action === 'update')
    .map((update) => ({ revision: update.remoteOid, label: `${update.branch} on the remote (${update.remoteOid.slice(0, 7)})` }));
  // The ledger is read and replayed once: verify's replay is the state the gate runs with.
  const { report: verify, state } = await verifyAndReplay(loaded, { strict: false, extends: remote });
  // A ledger that does not verify is the answer: the gate would stop at the first of its problems.
  if (!verify.ok) return { gated, verify, passed: false };
  const report = await evaluatePhases(loaded, passedPhases(loaded.manifest, state), { state, completed: true, env: options.env, signal: options.signal });
  return { gated, verify, report, passed: report.passed };
}

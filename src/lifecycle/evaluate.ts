// Evaluates gates with what the ledger knows: sign-offs of the current visit and open waivers.
import { runGate, type GateRunOptions } from '../gate/engine.js';
import type { GateReport } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { Phase } from '../manifest/schema.js';

export type EvaluateOptions = Omit<GateRunOptions, 'manifest' | 'root' | 'phases' | 'approvals' | 'waivers'>;

export async function evaluatePhases(loaded: LoadedManifest, phases: readonly Phase[], options: EvaluateOptions = {}): Promise<GateReport> {
  return runGate({ ...options, manifest: loaded.manifest, root: loaded.root, phases, approvals: [], waivers: [] });
}

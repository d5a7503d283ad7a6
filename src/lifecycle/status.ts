// `lepton status`'s core: the phases, which are done, the current one, and its gate at a glance
// (without the slow and outward-facing kinds, which `lepton gate` runs).
import type { GateReport } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { CheckKind } from '../manifest/schema.js';
import { evaluatePhases } from './evaluate.js';
import { currentPhase, phaseIndex } from './phases.js';
import { readProjectLedger } from './project.js';

/** Kinds too slow or too outward-facing for a glance. */
const SLOW_KINDS: CheckKind[] = ['run', 'http'];

export type PhaseState = 'done' | 'current' | 'upcoming';

export interface StatusReport {
  version: 1;
  project: string;
  description?: string;
  phase: string;
  phases: { id: string; title: string; state: PhaseState; checks: number }[];
  /** From the ledger: `complete` once the last phase's gate passed, `terminated` after the project ended. */
  lifecycle: 'active' | 'complete' | 'terminated';
  /** When the project ended (`lepton terminate`): when, by whom, in which phase and why. */
  terminated?: { time: string; by: string; phase: string; reason: string };
  gate: Pick<GateReport, 'passed' | 'summary' | 'checks'>;
}

export async function projectStatus(loaded: LoadedManifest, options: { env: NodeJS.ProcessEnv; signal: AbortSignal }): Promise<StatusReport> {
  const { manifest } = loaded;
  const current = phaseIndex(manifest, manifest.phase);
  const { state: ledger } = await readProjectLedger(loaded);
  const gate = await evaluatePhases(loaded, [currentPhase(manifest)], {
    state: ledger,
    env: options.env,
    signal: options.signal,
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
    ...(ledger.terminated && { terminated: { time: ledger.terminated.time, by: ledger.terminated.by, phase: ledger.terminated.phase, reason: ledger.terminated.reason } }),
    gate: { passed: gate.passed, summary: gate.summary, checks: gate.checks },
  };
}

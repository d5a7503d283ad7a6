// `lepton history`'s core: the ledger's entries and where they leave the project.
import type { LoadedManifest } from '../manifest/load.js';
import type { LedgerEntry } from './ledger.js';
import { readProjectLedger } from './project.js';

export interface HistoryReport {
  version: 1;
  project: string;
  /** What lepton.yaml says. */
  phase: string;
  /** What the ledger says: the phase the project is in, how many phases it has passed of how many. */
  ledgerPhase: string;
  passedPhases: number;
  totalPhases: number;
  complete: boolean;
  terminated: boolean;
  terminatedReason?: string;
  entries: LedgerEntry[];
}

export async function projectHistory(loaded: LoadedManifest): Promise<HistoryReport> {
  const { manifest } = loaded;
  const { entries, state } = await readProjectLedger(loaded);
  return {
    version: 1,
    project: manifest.project.name,
    phase: manifest.phase,
    ledgerPhase: state.phase,
    passedPhases: manifest.phases.findIndex((phase) => phase.id === state.phase),
    totalPhases: manifest.phases.length,
    complete: state.complete,
    terminated: Boolean(state.terminated),
    ...(state.terminated && { terminatedReason: state.terminated.reason }),
    entries,
  };
}

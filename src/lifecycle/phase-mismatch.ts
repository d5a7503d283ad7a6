// The one wording of "`phase:` does not match the ledger": verify reports it, gate --completed
// fails on it, and the moves refuse to start from it.
import type { Manifest } from '../manifest/schema.js';
import type { LifecycleState } from './state.js';

export interface PhaseMismatch {
  message: string;
  hint: string;
  /** The ledger entry that put the project in its phase, when there is one. */
  seq?: number;
  /** Phases between the ledger's and `phase:` that no advance passed (when `phase:` is ahead). */
  unearned: string[];
}

/** How `phase:` in lepton.yaml departs from the phase the ledger records, or undefined when they agree. */
export function phaseMismatch(manifest: Manifest, state: Pick<LifecycleState, 'phase' | 'enteredAt'>): PhaseMismatch | undefined {
  if (manifest.phase === state.phase) return undefined;
  const ids = manifest.phases.map((phase) => phase.id);
  const ledgerAt = ids.indexOf(state.phase);
  const manifestAt = ids.indexOf(manifest.phase);
  const unearned = ledgerAt !== -1 && manifestAt > ledgerAt ? ids.slice(ledgerAt, manifestAt) : [];
  const seq = state.enteredAt[state.phase];
  const where = seq !== undefined ? `(entry #${seq}) put the project in` : 'has the project still in';
  return {
    message:
      `lepton.yaml says phase: ${manifest.phase}, but the ledger ${where} ${state.phase}: phase: was changed without \`lepton advance\`` +
      (unearned.length ? ` (${unearned.join(', ')} never passed through \`lepton advance\`)` : ''),
    hint: `set phase: ${state.phase} back; only \`lepton advance\` and \`lepton reopen\` change it (\`lepton verify\` shows the ledger)`,
    ...(seq !== undefined && { seq }),
    unearned,
  };
}

// `amend`: an owner accepts a completed phase's changed gate definition, with a reason. Until then
// `verify` and the regression guard report the change: what passed was judged by the old gate.
import { usageError } from '../errors.js';
import type { LoadedManifest } from '../manifest/load.js';
import { changedChecks, gateDefinition } from './gate-definition.js';
import { assertMovable, requireReason, type ReasonOptions } from './guards.js';
import { nothingToWrite, recordInProject, writeEntry, type LedgerEntryOf } from './ledger.js';
import { phaseById } from './phases.js';
import { requireOwner } from './authority.js';
import { clockNow } from './test-hooks.js';

export interface AmendResult {
  phase: string;
  /** Check ids whose definition changed, were added or were removed; empty when nothing changed. */
  changed: string[];
  described: string[];
  /** Absent when the gate is the one already accepted: nothing was recorded. */
  entry?: LedgerEntryOf<'amend'> | undefined;
}

export async function amend(loaded: LoadedManifest, phaseId: string, options: ReasonOptions): Promise<AmendResult> {
  const { manifest } = loaded;
  const reason = requireReason(options.reason, 'amend');
  const phase = phaseById(manifest, phaseId);
  const { entry, result } = await recordInProject(loaded, options, ({ state }, actor) => {
    assertMovable(manifest, state, 'amend a gate');
    requireOwner(manifest, actor, clockNow(options.env), `amend the gate of ${phaseId}`);
    const accepted = state.acceptedGates[phaseId];
    if (!state.passedBy[phaseId] || !accepted) {
      throw usageError(
        `${phaseId} has no recorded gate to amend: ${state.passedBy[phaseId] ? 'its advance predates gate definitions in the ledger' : 'it has not passed its gate yet'}`,
        state.passedBy[phaseId] ? 'nothing to accept: the guard has no definition to compare with' : `${phaseId}'s gate can change freely until it passes with \`lepton advance\``,
      );
    }
    const current = gateDefinition(phase);
    const { ids, described } = changedChecks(accepted.checks, current.checks);
    if (current.hash === accepted.hash) return nothingToWrite({ phase: phaseId, changed: [], described: [] });
    return writeEntry({ event: 'amend', phase: phaseId, reason, gate: current.hash, definitions: current.checks, changed: ids }, { phase: phaseId, changed: ids, described });
  });
  return { ...result, ...(entry && { entry }) };
}

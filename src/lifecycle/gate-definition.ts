// A phase's gate definition as the ledger pins it: the SHA-256 of the canonical JSON of its
// `gate:` list, and one hash per check so a change can be named. An advance records it; a later
// change to a passed phase's gate (f1 ≥ 0.45 lowered to 0.0) is a finding until `lepton amend`.
import type { Manifest, Phase } from '../manifest/schema.js';
import { sha256 } from '../text.js';
import { canonicalJson } from './ledger-format.js';
import type { LifecycleState } from './state.js';

export interface GateDefinition {
  hash: string;
  /** Each check's definition hash, by id. */
  checks: Record<string, string>;
}

export function gateDefinition(phase: Pick<Phase, 'gate'>): GateDefinition {
  return {
    hash: sha256(canonicalJson(phase.gate)),
    checks: Object.fromEntries(phase.gate.map((check) => [check.id, sha256(canonicalJson(check))])),
  };
}

export interface GateChange {
  phase: string;
  /** The entry whose definition stands (the phase's advance, or a later amend). */
  seq: number;
  /** Check ids whose definition changed, was added or was removed, in that order of the words. */
  changed: string[];
  described: string[];
}

/** The ids of checks whose definition differs between `accepted` and `current`, each said how. */
export function changedChecks(accepted: Readonly<Record<string, string>>, current: Readonly<Record<string, string>>): { ids: string[]; described: string[] } {
  const ids: string[] = [];
  const described: string[] = [];
  for (const [id, hash] of Object.entries(current)) {
    if (accepted[id] === undefined) described.push(`${id} (added)`);
    else if (accepted[id] !== hash) described.push(`${id} (changed)`);
    else continue;
    ids.push(id);
  }
  for (const id of Object.keys(accepted)) {
    if (current[id] === undefined) {
      ids.push(id);
      described.push(`${id} (removed)`);
    }
  }
  return { ids, described };
}

/** Passed phases whose gate definition is no longer the one their advance (or a later amend) accepted. */
export function changedGates(manifest: Manifest, state: Pick<LifecycleState, 'acceptedGates'>): GateChange[] {
  const changes: GateChange[] = [];
  for (const phase of manifest.phases) {
    const accepted = state.acceptedGates[phase.id];
    if (!accepted) continue;
    const current = gateDefinition(phase);
    if (current.hash === accepted.hash) continue;
    const { ids, described } = changedChecks(accepted.checks, current.checks);
    changes.push({ phase: phase.id, seq: accepted.seq, changed: ids, described });
  }
  return changes;
}

/** The one wording of a changed gate, for verify and the regression guard. */
export function describeGateChange(change: GateChange): string {
  const what = change.described.length ? change.described.join(', ') : 'the order of its checks';
  return `the gate of completed phase ${change.phase} changed since ledger entry #${change.seq} accepted it: ${what}`;
}

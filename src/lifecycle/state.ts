// Replays the ledger: where the project is, whether it is complete or terminated, and which
// sign-offs and waivers belong to each phase's current visit. Problems found on the way
// (a transition that skips a phase, an approval by a non-owner…) are collected for `verify`.
import type { Approval, Waiver } from '../gate/types.js';
import type { Manifest, Owner } from '../manifest/schema.js';
import type { LedgerEntry, LedgerEntryOf } from './ledger-entries.js';

export interface LifecycleState {
  /** The phase the ledger says the project is in (the first phase before any transition). */
  phase: string;
  complete: boolean;
  terminated?: { reason: string; seq: number; time: string } | undefined;
  /** Seq of the latest entry that entered each phase: approvals and waivers before it no longer count. */
  enteredAt: Record<string, number>;
  approvals: (Approval & { seq: number })[];
  waivers: (Waiver & { seq: number })[];
  /** The advance that passed each phase, while it stands (a reopen of the phase or an earlier one undoes it). */
  passedBy: Record<string, LedgerEntryOf<'advance'>>;
  problems: { seq: number; message: string; check: 'phase' | 'approvals' }[];
}

export function ownerByEmail(manifest: Manifest, email: string): Owner | undefined {
  const wanted = email.trim().toLowerCase();
  return manifest.project.owners.find((owner) => owner.email.toLowerCase() === wanted);
}

export function approvalCheck(manifest: Manifest, phaseId: string, checkId: string) {
  const check = manifest.phases.find((phase) => phase.id === phaseId)?.gate.find((candidate) => candidate.id === checkId);
  return check && 'approval' in check ? check : undefined;
}

export function replayLedger(manifest: Manifest, entries: readonly LedgerEntry[]): LifecycleState {
  const ids = manifest.phases.map((phase) => phase.id);
  const state: LifecycleState = { phase: ids[0]!, complete: false, enteredAt: {}, approvals: [], waivers: [], passedBy: {}, problems: [] };
  const problem = (entry: LedgerEntry, message: string) =>
    state.problems.push({
      seq: entry.seq,
      message: `entry #${entry.seq} (${entry.event}): ${message}`,
      check: entry.event === 'approve' || entry.event === 'waive' ? 'approvals' : 'phase',
    });
  for (const [index, entry] of entries.entries()) {
    if (state.terminated) problem(entry, `recorded after the project was terminated (#${state.terminated.seq})`);
    const current = ids.indexOf(state.phase);
    switch (entry.event) {
      case 'init':
        if (index !== 0) problem(entry, 'init can only be the first entry');
        if (entry.to !== ids[0]) problem(entry, `starts at "${entry.to}", not the first phase "${ids[0]}"`);
        enter(state, ids[0]!, entry.seq);
        break;
      case 'advance':
        if (entry.from !== state.phase) problem(entry, `leaves "${entry.from}" but the project was in "${state.phase}"`);
        if (state.complete) problem(entry, 'the project was already complete');
        state.passedBy[entry.from] = entry;
        if (entry.complete) {
          if (current !== ids.length - 1) problem(entry, `marks the project complete from "${state.phase}", not the last phase`);
          state.complete = true;
        } else {
          if (entry.to !== ids[current + 1]) {
            problem(entry, `goes to "${entry.to}" but the phase after "${state.phase}" is "${ids[current + 1] ?? '(none)'}"`);
          }
          if (entry.to && ids.includes(entry.to)) enter(state, entry.to, entry.seq);
        }
        break;
      case 'reopen': {
        const target = ids.indexOf(entry.to ?? '');
        if (entry.from !== state.phase) problem(entry, `leaves "${entry.from}" but the project was in "${state.phase}"`);
        if (target === -1) problem(entry, `goes back to "${entry.to}", which is not a phase of this manifest`);
        else if (target > current || (target === current && !state.complete)) problem(entry, `"${entry.to}" is not before "${state.phase}"`);
        if (target !== -1) {
          for (const id of ids.slice(target)) delete state.passedBy[id];
          state.complete = false;
          enter(state, entry.to!, entry.seq);
        }
        break;
      }
      case 'terminate':
        state.terminated = { reason: entry.reason ?? '', seq: entry.seq, time: entry.time };
        break;
      case 'approve': {
        if (entry.phase !== state.phase) problem(entry, `signs off "${entry.phase}" while the project was in "${state.phase}"`);
        const check = approvalCheck(manifest, entry.phase ?? '', entry.checkId ?? '');
        const owner = ownerByEmail(manifest, entry.actor?.email ?? '');
        if (!check) problem(entry, `"${entry.checkId}" is not an approval check of phase "${entry.phase}"`);
        else if (!owner) problem(entry, `${entry.actor?.name} <${entry.actor?.email}> is not an owner of the project`);
        else if (!owner.roles.some((role) => check.approval.roles.includes(role))) {
          problem(entry, `${owner.name} <${owner.email}> holds none of the roles ${check.approval.roles.join(', ')} that "${check.id}" asks for`);
        }
        state.approvals.push({
          phase: entry.phase ?? '',
          checkId: entry.checkId ?? '',
          name: entry.actor?.name ?? '',
          email: entry.actor?.email ?? '',
          roles: entry.roles ?? [],
          at: entry.time,
          seq: entry.seq,
        });
        break;
      }
      case 'waive':
        // A complete project still takes waivers for the checks the regression guard re-checks, of any phase.
        if (entry.phase !== state.phase && !(state.complete && ids.includes(entry.phase))) {
          problem(entry, `waives a check of "${entry.phase}" while the project was in "${state.phase}"`);
        }
        if (!ownerByEmail(manifest, entry.actor?.email ?? '')) problem(entry, `${entry.actor?.name} <${entry.actor?.email}> is not an owner of the project`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.until ?? '')) problem(entry, 'has no valid `until` date');
        state.waivers.push({
          phase: entry.phase ?? '',
          checkId: entry.checkId ?? '',
          reason: entry.reason ?? '',
          until: entry.until ?? '0000-00-00',
          by: entry.actor?.name ?? '',
          seq: entry.seq,
        });
        break;
      default:
        // Reached only by entries lepton did not write: the chain check admits known events alone.
        problem(entry, `unknown event "${String((entry as LedgerEntry).event)}"`);
    }
  }
  return state;
}

function enter(state: LifecycleState, phase: string, seq: number): void {
  state.phase = phase;
  state.enteredAt[phase] = seq;
}

/** Sign-offs that count: those made during each phase's current visit. */
export function currentApprovals(state: LifecycleState): Approval[] {
  return state.approvals.filter((approval) => approval.seq > (state.enteredAt[approval.phase] ?? 0)).map(({ seq: _seq, ...approval }) => approval);
}

/** Waivers of each phase's current visit (their dates are checked by the gate). */
export function currentWaivers(state: LifecycleState): Waiver[] {
  return state.waivers.filter((waiver) => waiver.seq > (state.enteredAt[waiver.phase] ?? 0)).map(({ seq: _seq, ...waiver }) => waiver);
}


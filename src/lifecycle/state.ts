// Replays the ledger: where the project is, whether it is complete or terminated, and which
// sign-offs and waivers belong to each phase's current visit. Problems found on the way
// (a transition that skips a phase, an approval by a non-owner…) are collected for `verify`.
import { canonicalJson, isCalendarDate, sha256 } from '../text.js';
import type { Approval, BlessedBaseline, RecordedValues, Waiver } from '../gate/types.js';
import type { Manifest } from '../manifest/schema.js';
import { actorRefusal, governanceRefusal, ownerByEmail } from './authority.js';
import type { LedgerEntry, LedgerEntryOf } from './ledger-entries.js';

export { ownerByEmail } from './authority.js';

/** Why an entry's actor could not make it: not (or no longer) under project.owners, or past their `left:` day. */
export type ActorFinding = 'not-an-owner' | 'owner-left';

export interface LifecycleState {
  /** The phase the ledger says the project is in (the first phase before any transition). */
  phase: string;
  complete: boolean;
  /** `by`: the name of who ended it; `phase`: the phase it ended in. */
  terminated?: { reason: string; seq: number; time: string; by: string; phase: string } | undefined;
  /** Seq of the latest entry that entered each phase: approvals and waivers before it no longer count. */
  enteredAt: Record<string, number>;
  approvals: (Approval & { seq: number })[];
  waivers: (Waiver & { seq: number })[];
  /** Every `bless`, oldest first: the last one of a check is its baseline, whatever the visit. */
  baselines: BlessedBaseline[];
  /** The metric values each check recorded at the most recent advance that recorded any (`metric` regression's baseline). */
  recordedValues: RecordedValues[];
  /** The advance that passed each phase, while it stands (a reopen of the phase or an earlier one undoes it). */
  passedBy: Record<string, LedgerEntryOf<'advance'>>;
  /** The gate definition each passed phase stands on: its advance's, or a later amend's. */
  acceptedGates: Record<string, { hash: string; checks: Record<string, string>; seq: number }>;
  problems: { seq: number; message: string; check: 'phase' | 'approvals'; code?: ActorFinding }[];
}

export function approvalCheck(manifest: Manifest, phaseId: string, checkId: string) {
  const check = manifest.phases.find((phase) => phase.id === phaseId)?.gate.find((candidate) => candidate.id === checkId);
  return check && 'approval' in check ? check : undefined;
}

export function replayLedger(manifest: Manifest, entries: readonly LedgerEntry[]): LifecycleState {
  const ids = manifest.phases.map((phase) => phase.id);
  const state: LifecycleState = {
    phase: ids[0]!,
    complete: false,
    enteredAt: {},
    approvals: [],
    waivers: [],
    baselines: [],
    recordedValues: [],
    passedBy: {},
    acceptedGates: {},
    problems: [],
  };
  const problem = (entry: LedgerEntry, message: string, code?: ActorFinding) =>
    state.problems.push({
      seq: entry.seq,
      message: `entry #${entry.seq} (${entry.event}): ${message}`,
      check: entry.event === 'approve' || entry.event === 'waive' || entry.event === 'amend' || entry.event === 'bless' ? 'approvals' : 'phase',
      ...(code && { code }),
    });
  for (const [index, entry] of entries.entries()) {
    if (state.terminated) problem(entry, `recorded after the project was terminated (#${state.terminated.seq})`);
    // Who may make the entry: an owner for all but init and advance; anyone but an owner past their last day.
    const refused =
      entry.event === 'init'
        ? undefined
        : actorRefusal(manifest, entry, entry.event !== 'advance', entry.event === 'terminate' || entry.event === 'reopen' ? entry.event : undefined);
    // A sign-off, waiver, bless or amend the actor could not make does not count; a move is reported and still replayed.
    if (refused) {
      const counts = entry.event === 'advance' || entry.event === 'reopen' || entry.event === 'terminate';
      const code = ownerByEmail(manifest, entry.actor?.email ?? '') ? 'owner-left' : 'not-an-owner';
      problem(entry, counts ? refused : `${refused}; the entry does not count`, code);
      if (!counts) continue;
    }
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
        for (const check of entry.checks ?? []) {
          if (!Array.isArray(check.values) || check.values.length === 0) continue;
          state.recordedValues = state.recordedValues.filter((item) => !(item.phase === entry.from && item.checkId === check.id));
          state.recordedValues.push({ phase: entry.from, checkId: check.id, seq: entry.seq, values: check.values });
        }
        delete state.acceptedGates[entry.from];
        if (entry.gate) {
          const checks = Object.fromEntries((entry.checks ?? []).filter((check) => check.definition).map((check) => [check.id, check.definition!]));
          state.acceptedGates[entry.from] = { hash: entry.gate, checks, seq: entry.seq };
        }
        for (const message of unpassedChecks(manifest, entry)) problem(entry, message);
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
          for (const id of ids.slice(target)) {
            delete state.passedBy[id];
            delete state.acceptedGates[id];
          }
          state.complete = false;
          enter(state, entry.to!, entry.seq);
        }
        break;
      }
      case 'terminate':
        state.terminated = { reason: entry.reason ?? '', seq: entry.seq, time: entry.time, by: entry.actor?.name || entry.actor?.email || '', phase: state.phase };
        break;
      case 'approve': {
        if (entry.phase !== state.phase) problem(entry, `signs off "${entry.phase}" while the project was in "${state.phase}"`);
        const check = approvalCheck(manifest, entry.phase ?? '', entry.checkId ?? '');
        const owner = ownerByEmail(manifest, entry.actor?.email ?? '')!;
        if (!check) problem(entry, `"${entry.checkId}" is not an approval check of phase "${entry.phase}"`);
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
          ...(entry.evidenceOf && { evidenceOf: entry.evidenceOf }),
          seq: entry.seq,
        });
        break;
      }
      case 'waive':
        // A complete project still takes waivers for the checks the regression guard re-checks, of any phase.
        if (entry.phase !== state.phase && !(state.complete && ids.includes(entry.phase))) {
          problem(entry, `waives a check of "${entry.phase}" while the project was in "${state.phase}"`);
        }
        if (!isCalendarDate(entry.until ?? '')) problem(entry, `has no valid \`until\` date (${JSON.stringify(entry.until ?? null)} is not a calendar date as YYYY-MM-DD)`);
        {
          // The rules `lepton waive` enforces: a required check of the gate, never a sign-off.
          const governed = governanceRefusal(manifest, entry);
          if (governed) {
            problem(entry, `${governed}; the waiver does not count`);
            break;
          }
          const unwaived = unwaivable(manifest, entry.phase ?? '', entry.checkId ?? '');
          if (unwaived) {
            problem(entry, unwaived);
            break;
          }
        }
        state.waivers.push({
          phase: entry.phase ?? '',
          checkId: entry.checkId ?? '',
          reason: entry.reason ?? '',
          // An impossible date holds no day at all: the waiver never counts.
          until: isCalendarDate(entry.until ?? '') ? entry.until! : '0000-00-00',
          by: entry.actor?.name ?? '',
          seq: entry.seq,
        });
        break;
      case 'bless':
        if (!/^[0-9a-f]{64}$/.test(entry.baseline ?? '')) problem(entry, 'names no baseline (a SHA-256)');
        if (!approvalRolesAllow(manifest, entry.phase, entry.actor?.email ?? ''))
          problem(entry, `${entry.actor?.name} <${entry.actor?.email}> holds none of the approval roles of phase "${entry.phase}"`);
        state.baselines.push({
          phase: entry.phase ?? '',
          checkId: entry.checkId ?? '',
          sha256: entry.baseline ?? '',
          seq: entry.seq,
          time: entry.time,
          by: entry.actor?.name ?? '',
          cases: entry.cases ?? 0,
          reason: entry.reason ?? '',
        });
        break;
      case 'amend':
        if (!state.passedBy[entry.phase]) problem(entry, `amends the gate of "${entry.phase}", which had not passed`);
        else state.acceptedGates[entry.phase] = { hash: entry.gate, checks: entry.definitions ?? {}, seq: entry.seq };
        break;
      default:
        // Reached only by entries lepton did not write: the chain check admits known events alone.
        problem(entry, `unknown event "${String((entry as LedgerEntry).event)}"`);
    }
  }
  return state;
}

/** Whether the owner may bless in the phase: holds a role of its approval checks, or the phase has none. */
function approvalRolesAllow(manifest: Manifest, phaseId: string, email: string): boolean {
  const owner = ownerByEmail(manifest, email);
  if (!owner) return true; // reported as not an owner already
  const roles = (manifest.phases.find((phase) => phase.id === phaseId)?.gate ?? []).flatMap((check) => ('approval' in check ? check.approval.roles : []));
  return roles.length === 0 || owner.roles.some((role) => roles.includes(role));
}

/** Why a check may not be waived (what `lepton waive` refuses), or undefined when it may. */
function unwaivable(manifest: Manifest, phaseId: string, checkId: string): string | undefined {
  const check = manifest.phases.find((phase) => phase.id === phaseId)?.gate.find((candidate) => candidate.id === checkId);
  if (!check) return `"${checkId}" is not a check of phase "${phaseId}"`;
  if ('approval' in check) return `"${checkId}" is a sign-off (approval), which cannot be waived; the waiver does not count`;
  if (check.required === false) return `"${checkId}" is advisory (required: false): there is nothing to waive`;
  return undefined;
}

/**
 * What an advance lacks: every required check of the gate it left must be recorded, each `pass`
 * or `waived` (a hand-written advance with `checks: []` passed nothing).
 */
function unpassedChecks(manifest: Manifest, entry: LedgerEntryOf<'advance'>): string[] {
  const gate = manifest.phases.find((phase) => phase.id === entry.from)?.gate ?? [];
  const recorded = new Map((Array.isArray(entry.checks) ? entry.checks : []).map((check) => [check?.id, check?.status]));
  const messages: string[] = [];
  for (const check of gate) {
    if (check.required === false) continue;
    const status = recorded.get(check.id);
    if (status === undefined) messages.push(`does not record the gate's check "${check.id}": an advance carries every check of the gate it passed`);
    else if (status !== 'pass' && status !== 'waived') messages.push(`records "${check.id}" as ${String(status)}: an advance needs every required check pass or waived`);
  }
  // A gate changed since its advance is judged as such (verify's `gates` finding, or an amend): the
  // advance carried the gate as it was then. Hashed only then: a replay that finds nothing loads no crypto.
  if (messages.length > 0 && entry.gate && entry.gate !== sha256(canonicalJson(gate))) return [];
  return messages;
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

// What `lepton report` derives from the ledger alone: each phase's visits (entry and exit dates,
// reopen loops), sign-offs, waivers with the days they have left, and the waiver debt.
import { utcDate } from '../gate/engine.js';
import type { Approval } from '../gate/types.js';
import type { Manifest } from '../manifest/schema.js';
import type { LedgerEntry } from './ledger.js';
import type { LifecycleState } from './state.js';

export type TransitionEvent = 'init' | 'advance' | 'reopen' | 'terminate';

/** One move of the lifecycle: a mark on the timeline. */
export interface Transition {
  seq: number;
  time: string;
  event: TransitionEvent;
  from?: string | undefined;
  to?: string | undefined;
  complete?: boolean | undefined;
  actor: string;
}

/** One stay in a phase, from the entry that put the project there to the one that moved it on. */
export interface PhaseVisit {
  phase: string;
  enteredSeq: number;
  enteredAt: string;
  /** How the project came in: its start, an advance, or a reopen (a return). */
  enteredBy: TransitionEvent;
  leftSeq?: number | undefined;
  leftAt?: string | undefined;
  leftBy?: TransitionEvent | 'complete' | undefined;
}

export interface SignOff extends Omit<Approval, 'evidenceOf'> {
  seq: number;
  note?: string | undefined;
  /** The SHA-256 of the evidence signed off on, when the ledger records it. */
  evidence?: string | undefined;
  /** True when made during the phase's current visit (it counts for the gate). */
  current: boolean;
}

export interface WaiverView {
  seq: number;
  phase: string;
  checkId: string;
  reason: string;
  until: string;
  by: string;
  at: string;
  /** Whole days from today to `until`: 0 on the last day, negative once expired. */
  daysLeft: number;
  /** Made during its phase's current visit and not expired. */
  open: boolean;
}

export interface WaiverDebt {
  count: number;
  /** The open waiver granted first. */
  oldest?: WaiverView | undefined;
  /** The open waiver that expires first. */
  soonest?: WaiverView | undefined;
}

export function transitionsOf(entries: readonly LedgerEntry[]): Transition[] {
  return entries
    .filter((entry) => entry.event === 'init' || entry.event === 'advance' || entry.event === 'reopen' || entry.event === 'terminate')
    .map((entry) => ({
      seq: entry.seq,
      time: entry.time,
      event: entry.event as TransitionEvent,
      from: 'from' in entry ? entry.from : undefined,
      to: 'to' in entry ? entry.to : undefined,
      ...('complete' in entry && entry.complete && { complete: true }),
      actor: entry.actor?.name ?? '',
    }));
}

/**
 * The visits in ledger order. Without an `init` entry the project is taken to have started in the
 * first phase at the first entry's time (a ledger begun by a sign-off or an advance).
 */
export function visitsOf(manifest: Manifest, entries: readonly LedgerEntry[]): PhaseVisit[] {
  const visits: PhaseVisit[] = [];
  const first = entries[0];
  if (!first) return visits;
  const open = (phase: string, entry: LedgerEntry, by: TransitionEvent) => visits.push({ phase, enteredSeq: entry.seq, enteredAt: entry.time, enteredBy: by });
  const close = (entry: LedgerEntry, by: PhaseVisit['leftBy']) => {
    const last = visits.at(-1);
    if (last && last.leftSeq === undefined) Object.assign(last, { leftSeq: entry.seq, leftAt: entry.time, leftBy: by });
  };
  if (first.event !== 'init') open(manifest.phases[0]!.id, first, 'init');
  for (const entry of entries) {
    if (entry.event === 'init') open(entry.to ?? manifest.phases[0]!.id, entry, 'init');
    else if (entry.event === 'advance') {
      close(entry, entry.complete ? 'complete' : 'advance');
      if (entry.to) open(entry.to, entry, 'advance');
    } else if (entry.event === 'reopen') {
      close(entry, 'reopen');
      if (entry.to) open(entry.to, entry, 'reopen');
    } else if (entry.event === 'terminate') close(entry, 'terminate');
  }
  return visits;
}

export function signOffsOf(entries: readonly LedgerEntry[], state: LifecycleState): SignOff[] {
  // The replay has each sign-off; its entry adds the note and the evidence hash signed off on.
  const bySeq = new Map(entries.map((entry) => [entry.seq, entry]));
  return state.approvals.map(({ evidenceOf: _evidenceOf, ...approval }) => {
    const entry = bySeq.get(approval.seq) as { note?: string; evidence?: unknown } | undefined;
    return {
      ...approval,
      ...(entry?.note && { note: entry.note }),
      ...(typeof entry?.evidence === 'string' && { evidence: entry.evidence }),
      current: approval.seq > (state.enteredAt[approval.phase] ?? 0),
    };
  });
}

/** Days from one YYYY-MM-DD to another (both calendar days, so daylight saving does not matter). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function waiversOf(entries: readonly LedgerEntry[], state: LifecycleState, now: Date): WaiverView[] {
  const today = utcDate(now);
  return entries
    .filter((entry) => entry.event === 'waive')
    .map((entry) => {
      const until = entry.until ?? '0000-00-00';
      const daysLeft = daysBetween(today, until);
      const current = entry.seq > (state.enteredAt[entry.phase ?? ''] ?? 0);
      return {
        seq: entry.seq,
        phase: entry.phase ?? '',
        checkId: entry.checkId ?? '',
        reason: entry.reason ?? '',
        until,
        by: entry.actor?.name ?? '',
        at: entry.time,
        daysLeft: Number.isNaN(daysLeft) ? -1 : daysLeft,
        open: current && !Number.isNaN(daysLeft) && daysLeft >= 0 && !state.terminated,
      };
    });
}

/** Open waivers: how many, the one granted first, the one that expires first. A later waiver of the same check replaces an earlier one. */
export function waiverDebt(waivers: readonly WaiverView[]): WaiverDebt {
  const latest = new Map<string, WaiverView>();
  for (const waiver of waivers) if (waiver.open) latest.set(`${waiver.phase}/${waiver.checkId}`, waiver);
  const open = [...latest.values()];
  if (open.length === 0) return { count: 0 };
  return {
    count: open.length,
    oldest: open.reduce((left, right) => (right.at < left.at ? right : left)),
    soonest: open.reduce((left, right) => (right.until < left.until ? right : left)),
  };
}

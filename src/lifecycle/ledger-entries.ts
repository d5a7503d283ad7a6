// The ledger's entries, one type per event. What lepton writes is a `NewLedgerEntry`; the ledger
// adds the stamp (seq, time, actor, commit) and the chain (prev, hash) to make a `LedgerEntry`.
// A new event is one interface here, one member of each union and one name in LEDGER_EVENTS.
import type { CheckValues } from '../gate/types.js';

export interface Actor {
  name: string;
  email: string;
}

/** One check of the gate an advance passed: its status, the SHA-256 of its evidence and what it measured. */
export interface LedgerCheck {
  id: string;
  status: string;
  evidence: string;
  /** The values the check judged (`checks[].values` of gate JSON), when it has any. */
  values?: CheckValues | undefined;
  /** A regression verdict at the advance: against which blessed baseline (eval), and each metric's Δ with its interval (none for a metric check). */
  comparison?: { verdict: string; baseline?: string | undefined; metrics: { name: string; delta: number; low?: number; high?: number }[] } | undefined;
  /** SHA-256 of the check's definition (canonical JSON), to name it when the gate changes later. */
  definition?: string | undefined;
}

/** The project's first entry: it starts in the first phase. */
export interface InitEntry {
  event: 'init';
  to: string;
}

/** A gate passed: the project moves to `to`, or is complete after the last phase. */
export interface AdvanceEntry {
  event: 'advance';
  from: string;
  /** The phase entered; absent on the advance that completes the last phase. */
  to?: string | undefined;
  /** Set on the advance past the last phase: the project is complete. */
  complete?: boolean | undefined;
  /** Absent only in entries written by hand or by early versions. */
  checks?: LedgerCheck[] | undefined;
  message?: string | undefined;
  /** SHA-256 of the phase's gate definition (canonical JSON of its `gate:` list). */
  gate?: string | undefined;
  /** Files the gate read that were not committed as read (advanced anyway, with --allow-dirty). */
  dirty?: string[] | undefined;
}

/** A sign-off of an approval check of the current phase. */
export interface ApproveEntry {
  event: 'approve';
  phase: string;
  checkId: string;
  /** The approver's roles that the approval check asks for (absent only in entries written by hand). */
  roles?: string[] | undefined;
  note?: string | undefined;
  /** SHA-256 over the evidence of the phase's bound checks when the sign-off was made (canonical JSON of `evidenceOf`). */
  evidence?: string | undefined;
  /** Each bound check's evidence hash at that moment, by id, to name what changed since. */
  evidenceOf?: Record<string, string> | undefined;
}

/** A time-limited waiver of a required check of the current phase. */
export interface WaiveEntry {
  event: 'waive';
  phase: string;
  checkId: string;
  reason: string;
  /** Last day a waiver holds, YYYY-MM-DD. */
  until: string;
}

/** The project goes back to an earlier phase. */
export interface ReopenEntry {
  event: 'reopen';
  from: string;
  to: string;
  reason: string;
}

/** The project ends (a PoC no-go). */
export interface TerminateEntry {
  event: 'terminate';
  from: string;
  reason: string;
}

/** An eval check's current results become its baseline (stored in `.lepton/baselines/<baseline>.jsonl.gz`). */
export interface BlessEntry {
  event: 'bless';
  phase: string;
  checkId: string;
  /** SHA-256 of the stored baseline. */
  baseline: string;
  /** The results file it was read from, and that file's SHA-256. */
  file: string;
  fileSha256: string;
  cases: number;
  /** SHA-256 of the run's fingerprint (dataset, prompt, judge, where the format records them). */
  fingerprint: string;
  reason: string;
}

/** An owner accepts a completed phase's changed gate definition. */
export interface AmendEntry {
  event: 'amend';
  phase: string;
  reason: string;
  /** SHA-256 of the gate definition accepted. */
  gate: string;
  /** Each check's definition hash, by id, as accepted. */
  definitions: Record<string, string>;
  /** The check ids whose definition changed, were added or were removed. */
  changed: string[];
}

/** What a caller records; the ledger adds seq, time, actor, commit and the hashes. */
export type NewLedgerEntry = InitEntry | AdvanceEntry | ApproveEntry | WaiveEntry | ReopenEntry | TerminateEntry | AmendEntry | BlessEntry;
export type LedgerEvent = NewLedgerEntry['event'];
export const LEDGER_EVENTS: readonly LedgerEvent[] = ['init', 'advance', 'approve', 'waive', 'reopen', 'terminate', 'amend', 'bless'];

/** What the ledger adds to every entry. */
export interface LedgerStamp {
  seq: number;
  time: string;
  actor: Actor;
  commit: string | null;
  prev: string | null;
  hash: string;
  /** SSH signature over the entry's content hash, by the actor's owners[].key (signatures.ts). */
  sig?: string | undefined;
}

export type Stamped<E> = E & LedgerStamp;
export type LedgerEntry = Stamped<NewLedgerEntry>;
export type LedgerEntryOf<K extends LedgerEvent> = Stamped<Extract<NewLedgerEntry, { event: K }>>;

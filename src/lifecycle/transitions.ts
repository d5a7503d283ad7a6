// The lifecycle's moves — advance, reopen, terminate — and the sign-offs and waivers between
// them. Each returns data; nothing here prints. Every write happens under the project lock, and
// a move that changes both the ledger and `phase:` goes through the crash-safe journal.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError, usageError } from '../errors.js';
import { localDate } from '../gate/engine.js';
import type { GateRunOptions } from '../gate/engine.js';
import type { GateReport } from '../gate/types.js';
import { checkKind } from '../manifest/kinds.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { Manifest, Phase } from '../manifest/schema.js';
import { setManifestPhase } from '../manifest/write.js';
import { evaluatePhases } from './evaluate.js';
import { commitWrites, rollForward, type JournalWrite } from './journal.js';
import {
  appendedText, chainEntry, ensureLeptonGitignore, evidenceHash, LEDGER_PATH, ledgerLines, parseLedger, readLedgerText, stampFor,
  type Actor, type LedgerEntry, type NewLedgerEntry,
} from './ledger.js';
import { rememberCheckedLines } from './ledger-cache.js';
import { phaseById, phaseIndex } from './phases.js';
import { withLock } from './lock.js';
import { readProjectLedger } from './project.js';
import { currentApprovals, ownerByEmail, replayLedger, type LifecycleState } from './state.js';
import { clockNow } from './test-hooks.js';

export interface TransitionOptions {
  env?: NodeJS.ProcessEnv | undefined;
}

/** What a plan decides on: the ledger as read under the lock, and its replay. */
interface Fresh {
  text: string | undefined;
  state: LifecycleState;
}

interface Planned {
  entry: NewLedgerEntry;
  /** The phase `phase:` moves to, when the move changes it. */
  phase?: string | undefined;
}

/**
 * Under the lock: completes an interrupted move, re-reads the ledger and manifest, lets `plan`
 * decide (or refuse) on that fresh state, then writes the entry (and `phase:`, through the journal).
 */
async function record(loaded: LoadedManifest, options: TransitionOptions, plan: (fresh: Fresh, actor: Actor) => Planned): Promise<{ entry: LedgerEntry }> {
  const env = options.env ?? process.env;
  const stamp = await stampFor(loaded.root);
  return withLock(loaded.root, async () => {
    await rollForward(loaded.root);
    const text = await readLedgerText(loaded.root);
    const entries = parseLedger(text);
    const source = await readFile(loaded.file, 'utf8');
    if (source !== loaded.source) {
      throw new LeptonError(`${loaded.displayPath} changed while lepton was running`, { hint: 'run the command again' });
    }
    const state = replayLedger(loaded.manifest, entries);
    const planned = plan({ text, state }, stamp.actor);
    // The time is taken under the lock, so entries are in time order whoever waited for whom.
    const entry = chainEntry(entries.at(-1), planned.entry, { ...stamp, time: clockNow(env) });
    const ledgerText = appendedText(text, entry);
    await ensureLeptonGitignore(loaded.root);
    const writes: JournalWrite[] = [{ path: LEDGER_PATH, content: ledgerText, label: 'ledger' }];
    if (planned.phase !== undefined) {
      writes.push({ path: path.relative(loaded.root, loaded.file), content: setManifestPhase(source, planned.phase), label: 'manifest' });
    }
    await commitWrites(loaded.root, writes, env);
    await rememberCheckedLines(loaded.root, ledgerLines(ledgerText));
    return { entry };
  });
}

/** Refuses to move a project whose `phase:` the ledger does not back, or that has ended. */
function assertMovable(manifest: Manifest, state: LifecycleState, what: string): void {
  if (state.terminated) {
    throw usageError(
      `cannot ${what}: the project was terminated (ledger entry #${state.terminated.seq}, ${state.terminated.time.slice(0, 10)}): ${state.terminated.reason}`,
      '`lepton history` shows the record',
    );
  }
  if (manifest.phase !== state.phase) {
    throw usageError(
      `cannot ${what}: lepton.yaml says phase: ${manifest.phase}, but the ledger says the project is in ${state.phase}`,
      `set phase: ${state.phase} back; only \`lepton advance\` and \`lepton reopen\` change it (\`lepton verify\` explains)`,
    );
  }
}

function phaseAfter(manifest: Manifest, id: string): Phase | undefined {
  return manifest.phases[phaseIndex(manifest, id) + 1];
}

// ——— advance ———

export interface AdvanceOptions extends TransitionOptions {
  dryRun?: boolean | undefined;
  message?: string | undefined;
  signal?: AbortSignal | undefined;
  concurrency?: number | undefined;
  /** Live progress callbacks, passed to the gate. */
  progress?: Pick<GateRunOptions, 'onStart' | 'onResult' | 'onOutput'> | undefined;
}

export interface AdvanceResult {
  from: string;
  /** The phase entered; null when this advance completed the last phase. */
  to: string | null;
  complete: boolean;
  dryRun: boolean;
  /** Whether the move was recorded (false on a failing gate or a dry run). */
  advanced: boolean;
  gate: GateReport;
  entry?: LedgerEntry | undefined;
  /** The manifest after the move, with `phase:` set to `to`. */
  manifest?: Manifest | undefined;
}

export async function advance(loaded: LoadedManifest, options: AdvanceOptions = {}): Promise<AdvanceResult> {
  const { manifest } = loaded;
  const before = await readProjectLedger(loaded);
  assertMovable(manifest, before.state, 'advance');
  if (before.state.complete) {
    throw usageError(`the project is complete: all ${manifest.phases.length} phases have passed their gates`, 'to go back, use `lepton reopen PHASE --reason TEXT`');
  }
  const from = manifest.phase;
  const next = phaseAfter(manifest, from);
  const gate = await evaluatePhases(loaded, manifest.phases.filter((phase) => phase.id === from), {
    env: options.env,
    signal: options.signal,
    concurrency: options.concurrency,
    state: before.state,
    evidence: !options.dryRun,
    ...options.progress,
  });
  const result: AdvanceResult = { from, to: next?.id ?? null, complete: !next, dryRun: Boolean(options.dryRun), advanced: false, gate };
  if (!gate.passed || options.dryRun || options.signal?.aborted) return result;
  const { entry } = await record(loaded, options, (fresh) => {
    if (fresh.text !== before.text) {
      throw new LeptonError('the ledger changed while the gate ran', { hint: 'run `lepton advance` again' });
    }
    return {
      entry: {
        event: 'advance',
        from,
        ...(next ? { to: next.id } : { complete: true }),
        checks: gate.checks.map((check) => ({ id: check.id, status: check.status, evidence: evidenceHash(check.evidence) })),
        message: options.message,
      },
      phase: next?.id,
    };
  });
  return { ...result, advanced: true, entry, manifest: next ? { ...manifest, phase: next.id } : manifest };
}

// ——— reopen, terminate ———

export interface ReasonOptions extends TransitionOptions {
  reason: string;
}

function requireReason(reason: string | undefined, command: string): string {
  const text = reason?.trim() ?? '';
  if (!text) throw usageError(`${command} needs a reason`, `pass --reason "why"`);
  return text;
}

export interface ReopenResult {
  from: string;
  to: string;
  entry: LedgerEntry;
  manifest: Manifest;
}

export async function reopen(loaded: LoadedManifest, phaseId: string, options: ReasonOptions): Promise<ReopenResult> {
  const { manifest } = loaded;
  const reason = requireReason(options.reason, 'reopen');
  phaseById(manifest, phaseId);
  const ids = manifest.phases.map((phase) => phase.id);
  const { entry } = await record(loaded, options, ({ state }) => {
    assertMovable(manifest, state, 'reopen');
    const target = ids.indexOf(phaseId);
    const current = ids.indexOf(state.phase);
    if (target > current || (target === current && !state.complete)) {
      const earlier = ids.slice(0, state.complete ? current + 1 : current);
      throw usageError(
        `cannot reopen ${phaseId}: it is not before the current phase ${state.phase}`,
        earlier.length ? `phases you can go back to: ${earlier.join(', ')}` : `${state.phase} is the first phase`,
      );
    }
    return { entry: { event: 'reopen', from: state.phase, to: phaseId, reason }, phase: phaseId };
  });
  return { from: manifest.phase, to: phaseId, entry, manifest: { ...manifest, phase: phaseId } };
}

export async function terminate(loaded: LoadedManifest, options: ReasonOptions): Promise<{ phase: string; entry: LedgerEntry }> {
  const reason = requireReason(options.reason, 'terminate');
  const { entry } = await record(loaded, options, ({ state }) => {
    assertMovable(loaded.manifest, state, 'terminate');
    return { entry: { event: 'terminate', from: state.phase, reason } };
  });
  return { phase: loaded.manifest.phase, entry };
}

// ——— approve, waive ———

export interface ApproveOptions extends TransitionOptions {
  phase?: string | undefined;
  note?: string | undefined;
}

export interface ApproveResult {
  phase: string;
  checkId: string;
  actor: Actor;
  /** False when this identity had already signed off this visit: nothing was recorded. */
  recorded: boolean;
  entry?: LedgerEntry | undefined;
  /** Distinct sign-offs of this visit, and how many the check needs. */
  approvals: number;
  required: number;
}

/** The check a sign-off or waiver is for: in the current phase (sign-offs count for the current visit only). */
function checkOfCurrentPhase(manifest: Manifest, state: LifecycleState, checkId: string, phaseOption: string | undefined) {
  const phaseId = phaseOption ?? state.phase;
  const phase = phaseById(manifest, phaseId);
  const check = phase.gate.find((candidate) => candidate.id === checkId);
  if (!check) {
    throw usageError(`no check "${checkId}" in the gate of ${phaseId}`, phase.gate.length ? `checks of ${phaseId}: ${phase.gate.map((candidate) => candidate.id).join(', ')}` : `${phaseId} has no checks`);
  }
  if (phaseId !== state.phase) {
    throw usageError(`${checkId} belongs to ${phaseId}, but the project is in ${state.phase}: only the current phase's checks can be signed off or waived`, `to revisit ${phaseId}, use \`lepton reopen ${phaseId} --reason TEXT\``);
  }
  if (state.complete) throw usageError('the project is complete: there is no gate left to sign off or waive', 'to go back, use `lepton reopen PHASE --reason TEXT`');
  return { phase, check };
}

export async function approve(loaded: LoadedManifest, checkId: string, options: ApproveOptions = {}): Promise<ApproveResult> {
  const { manifest } = loaded;
  let outcome: Omit<ApproveResult, 'entry' | 'recorded'> | undefined;
  let duplicate = false;
  const attempt = record(loaded, options, ({ state }, actor) => {
    assertMovable(manifest, state, 'sign off');
    const { phase, check } = checkOfCurrentPhase(manifest, state, checkId, options.phase);
    if (!('approval' in check)) throw usageError(`${checkId} is a ${checkKind(check)} check, not an approval`, 'only `approval` checks are signed off with `lepton approve`');
    const roles = check.approval.roles;
    const owner = ownerByEmail(manifest, actor.email);
    const holding = owner?.roles.filter((role) => roles.includes(role)) ?? [];
    if (!owner || holding.length === 0) {
      const may = manifest.project.owners.filter((candidate) => candidate.roles.some((role) => roles.includes(role)));
      throw usageError(
        `${actor.name} <${actor.email}> may not approve ${checkId}: ${owner ? `their roles (${owner.roles.join(', ') || 'none'}) are not` : 'not an owner in lepton.yaml, and'} one of ${roles.join(', ')}`,
        may.length ? `who may approve: ${may.map((candidate) => `${candidate.name} <${candidate.email}>`).join(', ')}` : `no owner holds ${roles.join(' or ')}: add one under project.owners`,
      );
    }
    const approvers = new Set(currentApprovals(state).filter((approval) => approval.phase === phase.id && approval.checkId === checkId).map((approval) => approval.email.toLowerCase()));
    const required = check.approval.count ?? 1;
    duplicate = approvers.has(actor.email.toLowerCase());
    outcome = { phase: phase.id, checkId, actor, approvals: approvers.size + (duplicate ? 0 : 1), required };
    if (duplicate) throw ALREADY_SIGNED;
    return { entry: { event: 'approve', phase: phase.id, checkId, roles: holding, note: options.note?.trim() || undefined } };
  });
  try {
    const { entry } = await attempt;
    return { ...outcome!, recorded: true, entry };
  } catch (error) {
    if (error === ALREADY_SIGNED && outcome) return { ...outcome, recorded: false };
    throw error;
  }
}

/** Thrown inside the lock to leave without writing when the sign-off is already recorded. */
const ALREADY_SIGNED = new Error('already signed off');

export interface WaiveOptions extends TransitionOptions {
  reason: string;
  until: string;
  phase?: string | undefined;
}

export interface WaiveResult {
  phase: string;
  checkId: string;
  until: string;
  reason: string;
  entry: LedgerEntry;
}

export async function waive(loaded: LoadedManifest, checkId: string, options: WaiveOptions): Promise<WaiveResult> {
  const { manifest } = loaded;
  const reason = requireReason(options.reason, 'waive');
  const until = validUntil(options.until, clockNow(options.env));
  let phaseId = '';
  const { entry } = await record(loaded, options, ({ state }, actor) => {
    assertMovable(manifest, state, 'waive a check');
    const { phase, check } = checkOfCurrentPhase(manifest, state, checkId, options.phase);
    if (check.required === false) throw usageError(`${checkId} is advisory (required: false): it never blocks, so there is nothing to waive`);
    if ('approval' in check) {
      throw usageError(`${checkId} is a sign-off: it cannot be waived`, `ask one of its approvers (roles ${check.approval.roles.join(', ')}) to run \`lepton approve ${checkId}\``);
    }
    if (!ownerByEmail(manifest, actor.email)) {
      throw usageError(
        `${actor.name} <${actor.email}> may not waive ${checkId}: only an owner of the project may`,
        `owners: ${manifest.project.owners.map((owner) => `${owner.name} <${owner.email}>`).join(', ') || 'none (add them under project.owners)'}`,
      );
    }
    phaseId = phase.id;
    return { entry: { event: 'waive', phase: phase.id, checkId, reason, until } };
  });
  return { phase: phaseId, checkId, until, reason, entry };
}

/** A waiver's last day: a real YYYY-MM-DD date, today or later. */
export function validUntil(until: string | undefined, now: Date): string {
  const text = until?.trim() ?? '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.toISOString().slice(0, 10) !== text) {
    throw usageError(`--until must be a date as YYYY-MM-DD, got "${until ?? ''}"`, 'a waiver holds through the day given, e.g. --until 2026-12-31');
  }
  const today = localDate(now);
  if (text < today) throw usageError(`--until ${text} is in the past (today is ${today})`, 'give the last day the waiver should hold, today or later');
  return text;
}


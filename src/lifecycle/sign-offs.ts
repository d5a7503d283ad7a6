// Sign-offs and waivers: `approve` and `waive` on the current phase's checks. Each returns data;
// nothing here prints. Each is one plan on the ledger's write path (ledger.ts).
import { LeptonError, usageError } from '../errors.js';
import { utcDate } from '../gate/engine.js';
import { bindsEvidence, boundByApprovals, checkKind, rechecks } from '../manifest/kinds.js';
import { addDays, canonicalJson, sha256 } from '../text.js';
import { evaluatePhases } from './evaluate.js';
import { readProjectLedger } from './project.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { Manifest } from '../manifest/schema.js';
import { assertMovable, requireReason, type TransitionOptions } from './guards.js';
import { nothingToWrite, recordInProject, writeEntry, type Actor, type LedgerEntryOf } from './ledger.js';
import { phaseById } from './phases.js';
import { currentApprovals, type LifecycleState } from './state.js';
import { assertNotDeparted, requireOwner, waiveRolesRefusal } from './authority.js';
import { clockNow } from './test-hooks.js';

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
  entry?: LedgerEntryOf<'approve'> | undefined;
  /** Distinct sign-offs of this visit, and how many the check needs. */
  approvals: number;
  required: number;
}

/**
 * The check a sign-off or waiver is for: in the current phase (sign-offs count for the current
 * visit only). A complete project still takes waivers, for any phase's checks that the regression
 * guard evaluates again (`recheck`); nothing else is left to sign off.
 */
function checkToSignOff(manifest: Manifest, state: LifecycleState, checkId: string, phaseOption: string | undefined, what: 'approve' | 'waive') {
  const phaseId = phaseOption ?? state.phase;
  const phase = phaseById(manifest, phaseId);
  const check = phase.gate.find((candidate) => candidate.id === checkId);
  if (!check) {
    throw usageError(
      `no check "${checkId}" in the gate of ${phaseId}`,
      phase.gate.length ? `checks of ${phaseId}: ${phase.gate.map((candidate) => candidate.id).join(', ')}` : `${phaseId} has no checks`,
    );
  }
  if (state.complete && what === 'waive') {
    if (!rechecks(check)) {
      throw usageError(
        `${checkId} is judged at advance (recheck: false): the regression guard reports the result recorded then, so there is nothing to waive`,
        'to judge it again, reopen its phase',
        undefined,
        'reopen',
      );
    }
    return { phase, check };
  }
  if (phaseId !== state.phase) {
    throw usageError(
      `${checkId} belongs to ${phaseId}, but the project is in ${state.phase}: only the current phase's checks can be signed off or waived`,
      `to revisit ${phaseId}, reopen it`,
      undefined,
      'reopen',
    );
  }
  if (state.complete) throw usageError('the project is complete: there is no gate left to sign off', 'to go back, reopen an earlier phase', undefined, 'reopen');
  return { phase, check };
}

/**
 * What a sign-off of `checkId` binds: the evidence hash of each of its phase's other checks that
 * keep holding, evaluated now; undefined when the check does not bind (`binds: none`) or is unknown.
 */
async function boundEvidence(
  loaded: LoadedManifest,
  state: LifecycleState,
  phaseId: string,
  checkId: string,
  options: ApproveOptions,
): Promise<Record<string, string> | undefined> {
  const phase = loaded.manifest.phases.find((candidate) => candidate.id === phaseId);
  const check = phase?.gate.find((candidate) => candidate.id === checkId);
  if (!phase || !check || !bindsEvidence(check)) return undefined;
  const bound = phase.gate.filter((candidate) => boundByApprovals(candidate));
  if (bound.length === 0) return {};
  const report = await evaluatePhases(loaded, [phase], { state, only: bound.map((candidate) => candidate.id), evidence: true, env: options.env });
  return Object.fromEntries(report.checks.filter((result) => result.status !== 'skipped').map((result) => [result.id, sha256(canonicalJson(result.evidence ?? null))]));
}

export async function approve(loaded: LoadedManifest, checkId: string, options: ApproveOptions = {}): Promise<ApproveResult> {
  const { manifest } = loaded;
  const before = await readProjectLedger(loaded);
  const phaseAsked = options.phase ?? before.state.phase;
  const evidenceOf = await boundEvidence(loaded, before.state, phaseAsked, checkId, options);
  const { entry, result } = await recordInProject(loaded, options, ({ state, text }, actor) => {
    // Other sign-offs and waivers may land meanwhile; a move of the project would change what was gathered.
    const sameVisit = state.phase === before.state.phase && state.enteredAt[phaseAsked] === before.state.enteredAt[phaseAsked] && state.complete === before.state.complete;
    if (evidenceOf && text !== before.text && !sameVisit) throw new LeptonError('the project moved while the evidence was gathered', { hint: 'run `lepton approve` again' });
    assertMovable(manifest, state, 'sign off');
    const { phase, check } = checkToSignOff(manifest, state, checkId, options.phase, 'approve');
    if (!('approval' in check)) throw usageError(`${checkId} is a ${checkKind(check)} check, not an approval`, 'only `approval` checks are signed off with `lepton approve`');
    const roles = check.approval.roles;
    const owner = assertNotDeparted(manifest, actor, clockNow(options.env), `approve ${checkId}`);
    const holding = owner?.roles.filter((role) => roles.includes(role)) ?? [];
    if (!owner || holding.length === 0) {
      const may = manifest.project.owners.filter((candidate) => candidate.roles.some((role) => roles.includes(role)));
      throw usageError(
        `${actor.name} <${actor.email}> may not approve ${checkId}: ${owner ? `their roles (${owner.roles.join(', ') || 'none'}) are not` : 'not an owner in lepton.yaml, and'} one of ${roles.join(', ')}`,
        may.length
          ? `who may approve: ${may.map((candidate) => `${candidate.name} <${candidate.email}>`).join(', ')}`
          : `no owner holds ${roles.join(' or ')}: add one under project.owners`,
      );
    }
    const signOffs = currentApprovals(state).filter((approval) => approval.phase === phase.id && approval.checkId === checkId);
    const approvers = new Set(signOffs.map((approval) => approval.email.toLowerCase()));
    const required = check.approval.count ?? 1;
    const outcome = { phase: phase.id, checkId, actor, required };
    const own = signOffs.findLast((approval) => approval.email.toLowerCase() === actor.email.toLowerCase());
    // The same identity signing again this visit changes nothing, unless the evidence it signed has changed since.
    if (own && (!evidenceOf || canonicalJson(own.evidenceOf ?? null) === canonicalJson(evidenceOf))) return nothingToWrite({ ...outcome, approvals: approvers.size });
    const bound = evidenceOf ? { evidence: sha256(canonicalJson(evidenceOf)), evidenceOf } : {};
    return writeEntry(
      { event: 'approve', phase: phase.id, checkId, roles: holding, note: options.note?.trim() || undefined, ...bound },
      { ...outcome, approvals: approvers.size + (own ? 0 : 1) },
    );
  });
  return { ...result, recorded: entry !== undefined, ...(entry && { entry }) };
}

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
  entry: LedgerEntryOf<'waive'>;
}

export async function waive(loaded: LoadedManifest, checkId: string, options: WaiveOptions): Promise<WaiveResult> {
  const { manifest } = loaded;
  const reason = requireReason(options.reason, 'waive');
  const now = clockNow(options.env);
  const until = validUntil(options.until, now, manifest.governance?.waive?.['max-days']);
  const { entry, result: phaseId } = await recordInProject(loaded, options, ({ state }, actor) => {
    assertMovable(manifest, state, 'waive a check');
    const { phase, check } = checkToSignOff(manifest, state, checkId, options.phase, 'waive');
    if (check.required === false) throw usageError(`${checkId} is advisory (required: false): it never blocks, so there is nothing to waive`);
    if ('approval' in check) {
      throw usageError(`${checkId} is a sign-off: it cannot be waived`, `ask one of its approvers (roles ${check.approval.roles.join(', ')}) to run \`lepton approve ${checkId}\``);
    }
    const owner = requireOwner(manifest, actor, clockNow(options.env), `waive ${checkId}`);
    if (waiveRolesRefusal(manifest, owner)) {
      const roles = manifest.governance?.waive?.roles ?? [];
      const may = manifest.project.owners.filter((candidate) => !waiveRolesRefusal(manifest, candidate) && !(candidate.left && candidate.left < utcDate(now)));
      throw usageError(
        `${actor.name} <${actor.email}> may not waive ${checkId}: governance.waive allows only the roles ${roles.join(', ')}`,
        may.length
          ? `who may: ${may.map((candidate) => `${candidate.name} <${candidate.email}>`).join(', ')}`
          : `no owner holds ${roles.join(' or ')}: add one under project.owners`,
      );
    }
    return writeEntry({ event: 'waive', phase: phase.id, checkId, reason, until }, phase.id);
  });
  return { phase: phaseId, checkId, until, reason, entry };
}

/** A waiver's last day: a real YYYY-MM-DD date, today or later, and no later than `latest` (governance.waive.max-days). */
export function validUntil(until: string | undefined, now: Date, maxDays?: number): string {
  const text = until?.trim() ?? '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.toISOString().slice(0, 10) !== text) {
    throw usageError(`the last day must be a date as YYYY-MM-DD, got "${until ?? ''}"`, 'a waiver holds through the day given, e.g. 2026-12-31', undefined, 'until');
  }
  const today = utcDate(now);
  if (text < today) throw usageError(`the last day ${text} is in the past (today is ${today})`, 'give the last day the waiver should hold, today or later', undefined, 'until');
  const latest = maxDays === undefined ? undefined : addDays(today, maxDays);
  if (latest !== undefined && text > latest) {
    throw usageError(
      `the last day ${text} is more than ${maxDays} days away (governance.waive.max-days): the latest allowed is ${latest}`,
      `a waiver holds at most ${maxDays} days, e.g. ${latest}; to hold longer, waive again before it ends`,
      undefined,
      'until',
    );
  }
  return text;
}

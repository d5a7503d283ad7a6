// `approval: { roles, count }`: at least `count` distinct owners holding one of `roles` signed off
// this phase's current visit with `lepton approve` (the sign-offs come from the ledger). Bound to
// the evidence (`binds: evidence`, the default), a sign-off counts only while the evidence of the
// phase's other checks is what it was when the approver signed.
import type { CheckOf } from '../../manifest/schema.js';
import { utcDate } from '../../text.js';
import type { Approval, CheckContext, CheckModule, CheckOutcome } from '../types.js';

/** The bound checks whose evidence differs from what `approval` signed; empty when it still holds or cannot be told. */
function changedSince(approval: Approval, current: Readonly<Record<string, string>> | undefined): string[] {
  if (!current || !approval.evidenceOf) return [];
  const signed = approval.evidenceOf;
  return Object.keys(current).filter((id) => signed[id] !== current[id]);
}

function eligibleOwners(check: CheckOf<'approval'>, context: CheckContext) {
  return context.manifest.project.owners.filter((owner) => owner.roles.some((role) => check.approval.roles.includes(role)));
}

async function evaluate(check: CheckOf<'approval'>, context: CheckContext): Promise<CheckOutcome> {
  const required = check.approval.count ?? 1;
  const staleChecks = new Set<string>();
  const eligible = eligibleOwners(check, context);
  const byEmail = new Map(eligible.map((owner) => [owner.email.toLowerCase(), owner]));
  const signed = new Map<string, { name: string; email: string; at: string }>();
  const stale = new Set<string>();
  const binds = check.approval.binds !== 'none';
  // The latest sign-off of each person decides; counted only while they are an owner holding one of the roles.
  for (const approval of [...context.approvals].reverse()) {
    const email = approval.email.toLowerCase();
    if (approval.checkId !== check.id || !byEmail.has(email) || signed.has(email) || stale.has(email)) continue;
    const changed = binds ? changedSince(approval, context.evidenceOf) : [];
    if (changed.length === 0) signed.set(email, { name: approval.name, email: approval.email, at: approval.at });
    else {
      stale.add(email);
      for (const id of changed) staleChecks.add(id);
    }
  }
  const approvers = [...signed.values()];
  // An owner past their last day (`left`) can sign no more: their earlier sign-offs count, they are not waited for.
  const today = utcDate(context.now());
  const canSign = (owner: (typeof eligible)[number]) => !owner.left || owner.left >= today;
  const able = eligible.filter((owner) => canSign(owner) || signed.has(owner.email.toLowerCase()));
  const evidence = { roles: check.approval.roles, count: required, approvers: approvers.map(({ email, at }) => ({ email, at })) };
  const names = approvers.map((approver) => approver.name).join(', ');
  if (approvers.length >= required) {
    return { status: 'pass', message: `signed off by ${names}`, evidence };
  }
  if (able.length < required) {
    return {
      status: 'fail',
      message: `needs ${required} sign-off${required === 1 ? '' : 's'} from ${check.approval.roles.join(' or ')}, but only ${able.length} owner${able.length === 1 ? ' holds' : 's hold'} those roles${able.length < eligible.length ? ' and can still sign (the others left)' : ''}`,
      problems: [{ message: `add owners with role ${check.approval.roles.join(' or ')} under project.owners in lepton.yaml` }],
      evidence,
    };
  }
  if (staleChecks.size > 0) {
    return {
      status: 'fail',
      message: `signed off on evidence that has changed since (${[...staleChecks].join(', ')}); sign off again`,
      hint: `the approver runs \`lepton approve ${check.id}\` again, on the evidence as it is now`,
      evidence,
    };
  }
  const waiting = eligible.filter((owner) => canSign(owner) && !signed.has(owner.email.toLowerCase()));
  return {
    status: 'fail',
    message: `${approvers.length} of ${required} sign-off${required === 1 ? '' : 's'}${names ? ` (${names})` : ''}; may sign off: ${waiting.map((owner) => owner.name).join(', ')}`,
    evidence,
  };
}

export default {
  evaluate,
  defaultHint: (check) => `an owner with role ${check.approval.roles.join(' or ')} runs \`lepton approve ${check.id}\``,
} satisfies CheckModule<'approval'>;

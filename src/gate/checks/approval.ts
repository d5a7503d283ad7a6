// `approval: { roles, count }`: at least `count` distinct owners holding one of `roles` signed off
// this phase's current visit with `lepton approve` (the sign-offs come from the ledger).
import type { CheckOf } from '../../manifest/schema.js';
import type { CheckContext, CheckModule, CheckOutcome } from '../types.js';

function eligibleOwners(check: CheckOf<'approval'>, context: CheckContext) {
  return context.manifest.project.owners.filter((owner) => owner.roles.some((role) => check.approval.roles.includes(role)));
}

async function evaluate(check: CheckOf<'approval'>, context: CheckContext): Promise<CheckOutcome> {
  const required = check.approval.count ?? 1;
  const eligible = eligibleOwners(check, context);
  const byEmail = new Map(eligible.map((owner) => [owner.email.toLowerCase(), owner]));
  const signed = new Map<string, { name: string; email: string; at: string }>();
  for (const approval of context.approvals) {
    const email = approval.email.toLowerCase();
    // Counted once per person, and only while they are still an owner holding one of the roles.
    if (approval.checkId === check.id && byEmail.has(email) && !signed.has(email)) signed.set(email, { name: approval.name, email: approval.email, at: approval.at });
  }
  const approvers = [...signed.values()];
  const evidence = { roles: check.approval.roles, count: required, approvers: approvers.map(({ email, at }) => ({ email, at })) };
  const names = approvers.map((approver) => approver.name).join(', ');
  if (approvers.length >= required) {
    return { status: 'pass', message: `signed off by ${names}`, evidence };
  }
  if (eligible.length < required) {
    return {
      status: 'fail',
      message: `needs ${required} sign-off${required === 1 ? '' : 's'} from ${check.approval.roles.join(' or ')}, but only ${eligible.length} owner${eligible.length === 1 ? ' holds' : 's hold'} those roles`,
      problems: [{ message: `add owners with role ${check.approval.roles.join(' or ')} under project.owners in lepton.yaml` }],
      evidence,
    };
  }
  const waiting = eligible.filter((owner) => !signed.has(owner.email.toLowerCase()));
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

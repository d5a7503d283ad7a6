// The approval check on its own: the sign-offs it is given (as the engine reads them from the
// ledger) against the owners of the manifest. Who counts, how many, and when evidence binds.
import { describe, expect, it } from 'vitest';
import approvalCheck from '../../../src/gate/checks/approval.js';
import type { Approval } from '../../../src/gate/types.js';
import { manifestSchema, type CheckOf } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';

const ADA = { name: 'Ada Lovelace', email: 'ada@example.com' };
const GRACE = { name: 'Grace Hopper', email: 'grace@example.com' };
const KATHERINE = { name: 'Katherine Johnson', email: 'katherine@example.com' };
const MALLORY = { name: 'Mallory Intruder', email: 'mallory@example.com' };

const manifest = manifestSchema.parse({
  version: 1,
  project: {
    name: 'signed',
    owners: [
      { ...ADA, roles: ['tech-lead'] },
      { ...GRACE, roles: ['product-owner'] },
      { ...KATHERINE, roles: ['product-owner', 'tech-lead'] },
    ],
  },
  phase: 'poc',
  phases: [{ id: 'poc', title: 'PoC' }],
});

type Settings = CheckOf<'approval'>['approval'];

let minute = 0;
function signOff(who: { name: string; email: string }, extra: Partial<Approval> = {}): Approval {
  minute += 1;
  return { phase: 'poc', checkId: 'go-decision', ...who, roles: [], at: `2026-11-27T10:${String(minute).padStart(2, '0')}:00Z`, ...extra };
}

function evaluate(approval: Settings, approvals: Approval[], evidenceOf?: Record<string, string>) {
  return approvalCheck.evaluate({ id: 'go-decision', approval }, checkContext({ root: '/', manifest, approvals, evidenceOf }));
}

describe('approval: who counts', () => {
  it('fails with no sign-off, naming the owners who may sign', async () => {
    expect(await evaluate({ roles: ['product-owner'] }, [])).toMatchObject({
      status: 'fail',
      message: '0 of 1 sign-off; may sign off: Grace Hopper, Katherine Johnson',
    });
  });

  it('passes on one sign-off by an owner holding the role (count defaults to 1)', async () => {
    const outcome = await evaluate({ roles: ['product-owner'] }, [signOff(GRACE)]);
    expect(outcome).toMatchObject({ status: 'pass', message: 'signed off by Grace Hopper' });
    expect(outcome.evidence).toEqual({ roles: ['product-owner'], count: 1, approvers: [{ email: GRACE.email, at: expect.any(String) }] });
  });

  it('does not count someone who is not an owner, nor an owner without one of the roles', async () => {
    const outcome = await evaluate({ roles: ['product-owner'] }, [signOff(MALLORY), signOff(ADA)]);
    expect(outcome).toMatchObject({ status: 'fail', message: '0 of 1 sign-off; may sign off: Grace Hopper, Katherine Johnson' });
  });

  it('counts the sign-off of an owner who has left since, and waits for no owner past their last day', async () => {
    const departed = manifestSchema.parse({
      ...manifest,
      project: { ...manifest.project, owners: manifest.project.owners.map((owner) => (owner.email === GRACE.email ? { ...owner, left: '2026-11-30' } : owner)) },
    });
    const run = (approval: Settings, approvals: Approval[]) =>
      approvalCheck.evaluate({ id: 'go-decision', approval }, checkContext({ root: '/', manifest: departed, approvals, now: () => new Date('2026-12-01T08:00:00Z') }));
    expect(await run({ roles: ['product-owner'] }, [])).toMatchObject({ status: 'fail', message: '0 of 1 sign-off; may sign off: Katherine Johnson' });
    expect(await run({ roles: ['product-owner'] }, [signOff(GRACE)])).toMatchObject({ status: 'pass', message: 'signed off by Grace Hopper' });
    expect((await run({ roles: ['product-owner'], count: 2 }, [])).message).toBe(
      'needs 2 sign-offs from product-owner, but only 1 owner holds those roles and can still sign (the others left)',
    );
  });

  it('matches owners by email without regard to case', async () => {
    const outcome = await evaluate({ roles: ['product-owner'] }, [signOff({ name: 'Grace Hopper', email: 'Grace@Example.COM' })]);
    expect(outcome).toMatchObject({ status: 'pass', message: 'signed off by Grace Hopper' });
  });

  it('counts any of several roles', async () => {
    expect(await evaluate({ roles: ['tech-lead', 'product-owner'] }, [signOff(ADA)])).toMatchObject({ status: 'pass', message: 'signed off by Ada Lovelace' });
  });

  it('ignores sign-offs for another check', async () => {
    expect(await evaluate({ roles: ['product-owner'] }, [signOff(GRACE, { checkId: 'design-review' })])).toMatchObject({ status: 'fail' });
  });
});

describe('approval: count', () => {
  it('needs that many distinct people: one person signing twice counts once', async () => {
    const outcome = await evaluate({ roles: ['product-owner'], count: 2 }, [signOff(GRACE), signOff(GRACE)]);
    expect(outcome).toMatchObject({ status: 'fail', message: '1 of 2 sign-offs (Grace Hopper); may sign off: Katherine Johnson' });
  });

  it('passes when enough distinct owners signed, naming them latest first', async () => {
    const outcome = await evaluate({ roles: ['product-owner'], count: 2 }, [signOff(GRACE), signOff(KATHERINE)]);
    expect(outcome).toMatchObject({ status: 'pass', message: 'signed off by Katherine Johnson, Grace Hopper' });
  });

  it('fails at once when fewer owners hold the roles than the count, saying what to add', async () => {
    const outcome = await evaluate({ roles: ['tech-lead', 'auditor'], count: 3 }, [signOff(ADA), signOff(KATHERINE)]);
    expect(outcome).toMatchObject({
      status: 'fail',
      message: 'needs 3 sign-offs from tech-lead or auditor, but only 2 owners hold those roles',
      problems: [{ message: 'add owners with role tech-lead or auditor under project.owners in lepton.yaml' }],
    });
  });

  it('counts the eligible owners in the right number: 0 owners hold, 1 owner holds', async () => {
    expect((await evaluate({ roles: ['auditor'] }, [])).message).toBe('needs 1 sign-off from auditor, but only 0 owners hold those roles');
    expect((await evaluate({ roles: ['tech-lead'], count: 3 }, [])).message).toBe('needs 3 sign-offs from tech-lead, but only 2 owners hold those roles');
    const single = manifestSchema.parse({ ...manifest, project: { ...manifest.project, owners: [{ ...ADA, roles: ['tech-lead'] }] } });
    const outcome = await approvalCheck.evaluate({ id: 'go-decision', approval: { roles: ['tech-lead'], count: 2 } }, checkContext({ root: '/', manifest: single }));
    expect(outcome.message).toBe('needs 2 sign-offs from tech-lead, but only 1 owner holds those roles');
  });
});

describe('approval: binds evidence', () => {
  const signedOn = { 'results-meet-criteria': 'aaa', 'on-main': 'bbb' };

  it("counts a sign-off while the bound checks' evidence is what it was when signed", async () => {
    const outcome = await evaluate({ roles: ['product-owner'] }, [signOff(GRACE, { evidenceOf: signedOn })], { ...signedOn });
    expect(outcome).toMatchObject({ status: 'pass' });
  });

  it('stops counting it when that evidence changed, naming the checks and asking for a new sign-off', async () => {
    const outcome = await evaluate({ roles: ['product-owner'] }, [signOff(GRACE, { evidenceOf: signedOn })], { ...signedOn, 'results-meet-criteria': 'ccc' });
    expect(outcome).toMatchObject({
      status: 'fail',
      message: 'signed off on evidence that has changed since (results-meet-criteria); sign off again',
      hint: 'the approver runs `lepton approve go-decision` again, on the evidence as it is now',
    });
  });

  it('treats a check bound now but absent at signing as changed', async () => {
    const outcome = await evaluate({ roles: ['product-owner'] }, [signOff(GRACE, { evidenceOf: signedOn })], { ...signedOn, 'new-check': 'ddd' });
    expect(outcome).toMatchObject({ status: 'fail', message: 'signed off on evidence that has changed since (new-check); sign off again' });
  });

  it("lets a person's latest sign-off decide: a stale latest one is not rescued by an older one", async () => {
    const older = signOff(GRACE, { evidenceOf: { 'results-meet-criteria': 'ccc', 'on-main': 'bbb' } });
    const latest = signOff(GRACE, { evidenceOf: signedOn });
    const outcome = await evaluate({ roles: ['product-owner'] }, [older, latest], { 'results-meet-criteria': 'ccc', 'on-main': 'bbb' });
    expect(outcome).toMatchObject({ status: 'fail', message: 'signed off on evidence that has changed since (results-meet-criteria); sign off again' });
  });

  it('counts a fresh sign-off after a stale one by another owner', async () => {
    const outcome = await evaluate(
      { roles: ['product-owner'] },
      [signOff(GRACE, { evidenceOf: signedOn }), signOff(KATHERINE, { evidenceOf: { ...signedOn, 'on-main': 'eee' } })],
      { ...signedOn, 'on-main': 'eee' },
    );
    expect(outcome).toMatchObject({ status: 'pass', message: 'signed off by Katherine Johnson' });
  });

  it('counts an older sign-off that recorded no evidence, and any sign-off when the current evidence is not known', async () => {
    expect(await evaluate({ roles: ['product-owner'] }, [signOff(GRACE)], { ...signedOn })).toMatchObject({ status: 'pass' });
    expect(await evaluate({ roles: ['product-owner'] }, [signOff(GRACE, { evidenceOf: signedOn })])).toMatchObject({ status: 'pass' });
  });

  it('with binds: none, counts a sign-off whatever the evidence became', async () => {
    const outcome = await evaluate({ roles: ['product-owner'], binds: 'none' }, [signOff(GRACE, { evidenceOf: signedOn })], { ...signedOn, 'results-meet-criteria': 'ccc' });
    expect(outcome).toMatchObject({ status: 'pass', message: 'signed off by Grace Hopper' });
  });
});

describe('approval: default hint', () => {
  it('names the roles and the command', () => {
    expect(approvalCheck.defaultHint({ id: 'go-decision', approval: { roles: ['product-owner', 'tech-lead'] } })).toBe(
      'an owner with role product-owner or tech-lead runs `lepton approve go-decision`',
    );
  });
});

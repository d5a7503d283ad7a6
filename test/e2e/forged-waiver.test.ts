// A hand-written `waive` of an approval check (hash chain recomputed) was accepted by verify,
// gate and advance, although `lepton waive` refuses it: the replay applies the same rules, so
// verify reports it and the gate does not count it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendedText, chainEntry } from '../../src/lifecycle/ledger.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, OWNERS_YAML, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: forged-waiver
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: go-decision, approval: { roles: [product-owner] } }
  - id: design
    title: Design
`;
const NOW = '2026-06-15T12:00:00Z';

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(MANIFEST);
  const forged = chainEntry(
    undefined,
    { event: 'waive', phase: 'poc', checkId: 'go-decision', reason: 'no time', until: '2099-01-01' },
    { actor: ADA, commit: null, time: new Date(NOW) },
  );
  await repo.write('.lepton/ledger.jsonl', appendedText(undefined, forged));
  await commitAs(repo, ADA, 'waive by hand');
});
afterAll(async () => repo.cleanup());

it('verify --strict reports the waiver, and gate and advance do not count it', async () => {
  const verify = await lepton(repo, ['verify', '--strict', '--format', 'json'], { now: NOW });
  expect(verify.exitCode).toBe(1);
  expect(JSON.parse(verify.stdout).problems).toEqual([
    expect.objectContaining({ seq: 1, message: 'entry #1 (waive): "go-decision" is a sign-off (approval), which cannot be waived; the waiver does not count' }),
  ]);
  const gate = await lepton(repo, ['gate', '--format', 'json'], { now: NOW });
  expect(gate.exitCode).toBe(1);
  expect(JSON.parse(gate.stdout).checks[0]).toMatchObject({ id: 'go-decision', status: 'fail' });
  const advance = await lepton(repo, ['advance'], { now: NOW });
  expect(advance.exitCode).toBe(1);
});

// verify's hint for an entry whose actor is no longer an owner (deleted from lepton.yaml, or kept
// with a `left:` day before the entry) points at lepton.yaml, where the fix is, and not at
// restoring the ledger from git or at the roles of sign-offs, even for a waiver.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

const manifest = (grace: string) => `version: 1
project:
  name: departed
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
${grace}phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan-written, doc: docs/poc-plan.md }
  - id: design
    title: Design
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(manifest(`    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [tech-lead] }\n`));
  const waived = await lepton(repo, ['waive', 'plan-written', '--reason', 'next sprint', '--until', '2026-06-30'], { as: GRACE, now: '2026-06-10T12:00:00Z' });
  expect(waived.exitCode, waived.stderr).toBe(0);
  await commitAs(repo, GRACE, 'waive');
});
afterAll(() => repo.cleanup());

async function verifyWith(grace: string) {
  await writeFile(path.join(repo.dir, 'lepton.yaml'), manifest(grace));
  const verify = await lepton(repo, ['verify'], { now: '2026-06-20T00:00:00Z' });
  expect(verify.exitCode).toBe(1);
  const hint = verify.stdout.split('\n').find((line) => line.startsWith('hint: ')) ?? '';
  expect(hint).not.toContain('restore the ledger from git');
  expect(hint).not.toContain('sign-offs come from owners');
  return hint;
}

describe('verify hints for an entry by someone no longer an owner', () => {
  it('an owner whose left: is before the entry: move left: on to the entry day or later', async () => {
    const hint = await verifyWith(`    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [tech-lead], left: 2026-06-01 }\n`);
    expect(hint).toContain('lepton.yaml');
    expect(hint).toContain('`left:`');
    expect(hint).toContain('to the day of the entry or later');
  });

  it('an owner deleted from lepton.yaml: keep them under project.owners with left:', async () => {
    const hint = await verifyWith('');
    expect(hint).toContain('project.owners in lepton.yaml');
    expect(hint).toContain('`left: YYYY-MM-DD`');
  });
});

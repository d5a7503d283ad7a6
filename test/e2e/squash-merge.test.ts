// A sign-off made on a branch and squash-merged by someone else: the squash commit is authored by
// the merger, and the `Co-authored-by:` trailer it carries (what GitHub writes) makes the
// approver an author, so `verify --strict` passes. Without the trailer it names the mismatch.
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gitEnv, type TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, OWNERS_YAML, commitAs, createProject, lepton, type Identity } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: squash
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

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(MANIFEST);
});
afterAll(async () => repo.cleanup());

const git = (who: Identity, ...args: string[]) => execa('git', args, { cwd: repo.dir, env: gitEnv(who) });

async function squashGraceSignOff(branch: string, message: string): Promise<void> {
  await git(GRACE, 'checkout', '-q', '-b', branch, 'main');
  const approved = await lepton(repo, ['approve', 'go-decision'], { as: GRACE, now: '2026-06-15T10:00:00Z' });
  expect(approved.exitCode, approved.stderr).toBe(0);
  await commitAs(repo, GRACE, 'Grace signs off');
  await git(ADA, 'checkout', '-q', '-B', `${branch}-main`, 'main');
  await git(ADA, 'merge', '-q', '--squash', branch);
  await git(ADA, 'commit', '-q', '-m', message);
}

it('a squash merge with a Co-authored-by trailer passes verify --strict; without one it names the mismatch', async () => {
  await squashGraceSignOff('no-trailer', 'Sign-off (#1)');
  const plain = await lepton(repo, ['verify', '--strict', '--format', 'json']);
  expect(plain.exitCode).toBe(1);
  expect(JSON.parse(plain.stdout).problems[0].message).toMatch(/names Grace Hopper <grace@example.com>, but commit \w+ that added it was authored by Ada Lovelace/);

  await squashGraceSignOff('trailer', `Sign-off (#2)\n\nCo-authored-by: ${GRACE.name} <${GRACE.email.toUpperCase()}>`);
  const trailer = await lepton(repo, ['verify', '--strict', '--format', 'json']);
  expect(JSON.parse(trailer.stdout).problems).toEqual([]);
  expect(trailer.exitCode).toBe(0);
});

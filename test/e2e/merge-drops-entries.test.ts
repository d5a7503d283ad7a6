// A committed `terminate` removed by an ordinary `git merge -X theirs` (no merge driver): the merge
// commit's ledger is the other side's, so `git log -p` shows no line removed, and the commit that
// added the entry is simplified away. `verify --strict` checks every commit's ledger, merges
// included, against each parent's: the ledger only grows.
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { gitEnv, makeTempDir, type TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: merge-drops
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner] }
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
  await repo.git('checkout', '-q', '-b', 'side');
  const approve = await lepton(repo, ['approve', 'go-decision'], { as: GRACE, now: '2026-06-15T11:00:00Z' });
  expect(approve.exitCode, approve.stderr).toBe(0);
  await commitAs(repo, GRACE, 'Grace signs off');
  await repo.git('checkout', '-q', 'main');
  const terminate = await lepton(repo, ['terminate', '--reason', 'no-go'], { as: ADA, now: '2026-06-15T10:00:00Z' });
  expect(terminate.exitCode, terminate.stderr).toBe(0);
  await commitAs(repo, ADA, 'terminate');
});
afterAll(async () => {
  await repo.cleanup();
});

it('verify --strict names the merge commit that dropped a parent ledger entry', async () => {
  const merge = await execa('git', ['merge', '-q', '--no-edit', '-X', 'theirs', 'side'], { cwd: repo.dir, env: gitEnv(ADA), reject: false });
  expect(merge.exitCode, merge.stderr).toBe(0);
  const mergeCommit = (await execa('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: repo.dir })).stdout.trim();
  // The merge took the side's ledger whole: the terminate entry is gone from the working tree.
  const history = await lepton(repo, ['history', '--format', 'json']);
  expect(JSON.parse(history.stdout).terminated).toBe(false);

  const strict = await lepton(repo, ['verify', '--strict', '--format', 'json']);
  expect(strict.exitCode, strict.stdout).toBe(1);
  expect(JSON.parse(strict.stdout).problems).toEqual([
    expect.objectContaining({
      check: 'chain',
      seq: 1,
      message: `merge commit ${mergeCommit} by Ada Lovelace <ada@example.com> dropped ledger entry #1 (terminate by Ada Lovelace, 2026-06-15T10:00:00.000Z) of its parent ${(await execa('git', ['rev-parse', '--short=7', 'HEAD^1'], { cwd: repo.dir })).stdout.trim()}: the ledger only grows`,
    }),
  ]);
});

it('verify --strict in a shallow clone says it cannot see the history, instead of passing what it cannot check', async () => {
  const clone = `${await makeTempDir()}/shallow`;
  await execa('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
  const strict = await runLepton(['verify', '--strict', '--format', 'json'], { cwd: clone, env: gitEnv(ADA) });
  expect(strict.exitCode, strict.stdout).toBe(1);
  expect(JSON.parse(strict.stdout).problems).toContainEqual({
    check: 'authors',
    message: expect.stringContaining('this is a shallow clone; fetch all of it (`git fetch --unshallow`'),
  });
});

// `lepton amend PHASE --reason TEXT` from the command line: verify and gate --completed exit 1 on a
// passed phase's changed gate, amend exits 0 and records it, then both pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAs, createProject, lepton, ADA } from '../helpers/lifecycle-project.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'amend-cli',
  phases: [
    { id: 'poc', title: 'PoC', gate: [{ id: 'results', metric: { file: 'poc/results.json', checks: [{ path: 'f1', op: '>=', value: 0.45 }] } }] },
    { id: 'design', title: 'Design' },
  ],
});

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(MANIFEST, { 'poc/results.json': '{"f1": 0.5}\n' });
  expect((await lepton(repo, ['advance'])).exitCode).toBe(0);
  await commitAs(repo, ADA, 'poc passed');
  const text = (await import('node:fs/promises')).readFile(`${repo.dir}/lepton.yaml`, 'utf8');
  await repo.write('lepton.yaml', (await text).replace('value: 0.45', 'value: 0.0'));
});
afterAll(() => repo.cleanup());

describe('lepton amend', () => {
  it('is needed before verify and the guard accept a lowered threshold', async () => {
    const verify = await lepton(repo, ['verify']);
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toContain('the gate of completed phase poc changed since ledger entry #1 accepted it: results (changed)');
    const guard = await lepton(repo, ['gate', '--completed']);
    expect(guard.exitCode).toBe(1);
    expect(guard.stderr).toContain('results (changed)');

    const amended = await lepton(repo, ['amend', 'poc', '--reason', 'f1 no longer the criterion']);
    expect(amended.exitCode, amended.stderr).toBe(0);
    expect(amended.stdout).toContain('Amended the gate of poc: results (changed) — "f1 no longer the criterion" (ledger entry #2)');
    expect((await lepton(repo, ['verify'])).exitCode).toBe(0);
    expect((await lepton(repo, ['gate', '--completed'])).exitCode).toBe(0);
    expect((await lepton(repo, ['amend', 'poc'])).exitCode).toBe(2);
  });
});

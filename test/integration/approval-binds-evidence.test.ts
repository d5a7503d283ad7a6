// A sign-off that outlives what it signed (issue 10, "What broke" 5): the product owner approves
// results at f1 0.61; the results are re-run at a much worse value. With `binds: evidence` (the
// default) the sign-off stops counting, naming what changed; signing again counts; `binds: none`
// keeps the old behaviour. In-process, real git.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluatePhases } from '../../src/lifecycle/evaluate.js';
import { parseLedger, readLedgerText } from '../../src/lifecycle/ledger.js';
import { loadProject } from '../../src/lifecycle/project.js';
import { approve } from '../../src/lifecycle/sign-offs.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { GRACE } from '../helpers/lifecycle-project.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = (binds?: 'evidence' | 'none') =>
  manifestYaml({
    name: 'bound',
    phases: [
      {
        id: 'poc',
        title: 'PoC',
        gate: [
          { id: 'results-meet-criteria', metric: { file: 'poc/results.json', checks: [{ path: 'f1', op: '>=', value: 0.45 }] } },
          { id: 'on-main', git: { branch: 'main' } },
          { id: 'go-decision', approval: { roles: ['product-owner'], binds } },
        ],
      },
      { id: 'design', title: 'Design' },
    ],
  });

let repo: TempRepo;
async function setUp(binds?: 'evidence' | 'none') {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST(binds), 'poc/results.json': '{"f1": 0.61}\n' } });
  await repo.git('config', 'user.name', GRACE.name);
  await repo.git('config', 'user.email', GRACE.email);
}
afterEach(() => repo.cleanup());

const goDecision = async () => {
  const loaded = await loadProject({ cwd: repo.dir });
  return (await evaluatePhases(loaded, loaded.manifest.phases.slice(0, 1))).checks.find((check) => check.id === 'go-decision')!;
};
const signOff = async () => approve(await loadProject({ cwd: repo.dir }), 'go-decision');

describe('a sign-off bound to the evidence', () => {
  beforeEach(() => setUp());

  it("records the evidence of the phase's other checks, the branch check left out", async () => {
    expect((await signOff()).recorded).toBe(true);
    const [entry] = parseLedger(await readLedgerText(repo.dir));
    expect(entry).toMatchObject({ event: 'approve', evidence: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Object.keys(entry!.event === 'approve' ? entry!.evidenceOf! : {})).toEqual(['results-meet-criteria']);
    expect(await goDecision()).toMatchObject({ status: 'pass' });
    // Committing (the ledger, other work) moves HEAD: the sign-off still counts.
    await repo.commitAll('signed');
    expect(await goDecision()).toMatchObject({ status: 'pass' });
  });

  it('stops counting when the results are re-run at a worse value, naming them; signing again counts', async () => {
    await signOff();
    await repo.write('poc/results.json', '{"f1": 0.46}\n');
    expect(await goDecision()).toMatchObject({
      status: 'fail',
      message: 'signed off on evidence that has changed since (results-meet-criteria); sign off again',
    });
    const again = await signOff();
    expect(again).toMatchObject({ recorded: true, approvals: 1 });
    expect(await goDecision()).toMatchObject({ status: 'pass' });
    expect((await signOff()).recorded).toBe(false);
  });
});

describe('a sign-off with binds: none', () => {
  beforeEach(() => setUp('none'));

  it('keeps counting whatever the evidence does', async () => {
    await signOff();
    const [entry] = parseLedger(await readLedgerText(repo.dir));
    expect(entry).not.toHaveProperty('evidence');
    await repo.write('poc/results.json', '{"f1": 0.46}\n');
    expect(await goDecision()).toMatchObject({ status: 'pass' });
  });
});

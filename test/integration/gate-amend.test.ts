// A completed phase's gate changed afterwards (issue 10, "What broke" 5): lowering f1 ≥ 0.45 to
// 0.0 is reported by verify and fails the regression guard, naming the phase and the check,
// until an owner accepts the new definition with `lepton amend`. In-process, real git.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amend } from '../../src/lifecycle/amend.js';
import { evaluatePhases, passedPhases } from '../../src/lifecycle/evaluate.js';
import { parseLedger, readLedgerText } from '../../src/lifecycle/ledger.js';
import { loadProject, readProjectLedger } from '../../src/lifecycle/project.js';
import { advance } from '../../src/lifecycle/moves.js';
import { verifyProject } from '../../src/lifecycle/verify.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { MALLORY } from '../helpers/lifecycle-project.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'amended',
  phases: [
    {
      id: 'poc',
      title: 'PoC',
      gate: [
        { id: 'results-meet-criteria', metric: { file: 'poc/results.json', checks: [{ path: 'f1', op: '>=', value: 0.45 }] } },
        { id: 'prototype', file: 'src/*.py' },
      ],
    },
    { id: 'design', title: 'Design' },
  ],
});

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'poc/results.json': '{"f1": 0.52}\n', 'src/model.py': 'print(1)\n' } });
  expect((await advance(await loadProject({ cwd: repo.dir }))).advanced).toBe(true);
  await repo.commitAll('poc passed');
});
afterEach(() => repo.cleanup());

const lowered = () => repo.write('lepton.yaml', MANIFEST.replace('value: 0.45', 'value: 0.0').replace('phase: poc', 'phase: design'));
const project = () => loadProject({ cwd: repo.dir });

async function guard() {
  const loaded = await project();
  const { state } = await readProjectLedger(loaded);
  return evaluatePhases(loaded, passedPhases(loaded.manifest, state), { state, completed: true });
}

describe("a completed phase's gate changed afterwards", () => {
  it('is recorded as the gate hash of the advance', async () => {
    const [entry] = parseLedger(await readLedgerText(repo.dir));
    expect(entry).toMatchObject({ event: 'advance', gate: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('is reported by verify and fails the regression guard, naming the phase and the check', async () => {
    await lowered();
    const report = await verifyProject(await project(), { strict: false });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { check: 'gates', seq: 1, message: 'the gate of completed phase poc changed since ledger entry #1 accepted it: results-meet-criteria (changed)' },
    ]);
    await expect(guard()).rejects.toMatchObject({
      exitCode: 1,
      message: 'the gate of completed phase poc changed since ledger entry #1 accepted it: results-meet-criteria (changed)',
    });
  });

  it('names checks added and removed', async () => {
    await repo.write(
      'lepton.yaml',
      MANIFEST.replace('      - { id: prototype, file: "src/*.py" }\n', '      - { id: notebook, file: "notebooks/*.ipynb" }\n').replace('phase: poc', 'phase: design'),
    );
    const [problem] = (await verifyProject(await project())).problems;
    expect(problem!.message).toMatch(/: notebook \(added\), prototype \(removed\)$/);
  });

  it("is accepted by an owner's amend, after which verify and the guard pass; amending again writes nothing", async () => {
    await lowered();
    await repo.git('config', 'user.name', MALLORY.name);
    await repo.git('config', 'user.email', MALLORY.email);
    await expect(amend(await project(), 'poc', { reason: 'lower bar' })).rejects.toThrow(/may not amend the gate of poc: only an owner/);
    await repo.git('config', 'user.name', 'Ada Lovelace');
    await repo.git('config', 'user.email', 'ada@example.com');
    await expect(amend(await project(), 'design', { reason: 'x' })).rejects.toThrow(/design has no recorded gate to amend: it has not passed its gate yet/);
    const amended = await amend(await project(), 'poc', { reason: 'f1 is not the criterion any more (steering group, 2026-11-30)' });
    expect(amended).toMatchObject({ phase: 'poc', changed: ['results-meet-criteria'], entry: { event: 'amend', seq: 2, changed: ['results-meet-criteria'] } });
    expect(await verifyProject(await project())).toMatchObject({ ok: true, problems: [] });
    expect((await guard()).passed).toBe(true);
    const again = await amend(await project(), 'poc', { reason: 'again' });
    expect(again.entry).toBeUndefined();
    expect(parseLedger(await readLedgerText(repo.dir))).toHaveLength(2);
  });
});

// `gate --completed` on a project whose passed phase has a 10-minute `run`: with its inputs
// unchanged and its outputs present it runs no command at all (the cache from the advance), and
// with its declared output deleted it runs the command again. The command is a script outside
// the inputs: after the advance it is swapped for one that would take ten minutes, and every
// start of either version is counted in runs.log.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluatePhases, passedPhases } from '../../src/lifecycle/evaluate.js';
import { LEPTON_GITIGNORE, LEPTON_GITIGNORE_TEXT } from '../../src/lifecycle/ledger.js';
import { loadProject, readProjectLedger } from '../../src/lifecycle/project.js';
import { advance } from '../../src/lifecycle/moves.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'long-run',
  phases: [
    {
      id: 'develop',
      title: 'Development',
      gate: [
        { id: 'train', run: 'sh train.sh', timeout: 900, inputs: ['src/**'], outputs: 'models/model.txt' },
        { id: 'model-good', metric: { file: 'models/model.txt', checks: [{ path: 'auc', op: '>=', value: 0.7 }] } },
      ],
    },
    { id: 'test', title: 'Testing' },
  ],
});
const FAST = 'echo ran >> runs.log\nmkdir -p models\necho "auc: 0.8" > models/model.txt\n';
const TEN_MINUTES = 'echo ran >> runs.log\nsleep 600\nmkdir -p models\necho "auc: 0.8" > models/model.txt\n';

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo({
    files: { 'lepton.yaml': MANIFEST, 'src/train.py': 'print(1)\n', 'train.sh': FAST, [LEPTON_GITIGNORE]: LEPTON_GITIGNORE_TEXT, '.gitignore': 'models/\nruns.log\n' },
  });
});
afterEach(() => repo.cleanup());

const runs = async () => (await readFile(path.join(repo.dir, 'runs.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

async function guard() {
  const loaded = await loadProject({ cwd: repo.dir });
  const { state } = await readProjectLedger(loaded);
  return evaluatePhases(loaded, passedPhases(loaded.manifest, state), { state, completed: true });
}

describe('gate --completed and a long run', () => {
  it('runs 0 commands while inputs are unchanged and outputs present; runs again once an output is missing', async () => {
    expect((await advance(await loadProject({ cwd: repo.dir }))).advanced).toBe(true);
    await repo.commitAll('develop passed');
    expect(await runs()).toBe(1);

    await writeFile(path.join(repo.dir, 'train.sh'), TEN_MINUTES);
    const started = Date.now();
    const cached = await guard();
    expect(cached.passed).toBe(true);
    expect(cached.checks[0]!.message).toMatch(/cached: inputs unchanged/);
    expect(await runs()).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);

    await writeFile(path.join(repo.dir, 'train.sh'), FAST);
    await rm(path.join(repo.dir, 'models/model.txt'));
    const rerun = await guard();
    expect(rerun.passed).toBe(true);
    expect(rerun.checks[0]!.message).toBe('`sh train.sh` passed');
    expect(await runs()).toBe(2);
  });
});

// Evidence the ledger's commit does not have (issue 10, "What broke" 5): advance refuses when a
// file its gate read is untracked, ignored or changed since HEAD, listing them; --allow-dirty
// advances and records them. A run's declared outputs are exempt; its inputs are not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLedger, readLedgerText } from '../../src/lifecycle/ledger.js';
import { loadProject } from '../../src/lifecycle/project.js';
import { advance } from '../../src/lifecycle/moves.js';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'dirty',
  phases: [
    {
      id: 'poc',
      title: 'PoC',
      gate: [
        { id: 'evaluate', run: 'mkdir -p reports && echo ok > reports/eval.txt', inputs: ['src/**'], outputs: 'reports/eval.txt' },
        { id: 'report-written', file: 'reports/eval.txt' },
        { id: 'results-meet-criteria', metric: { file: 'poc/results.json', checks: [{ path: 'f1', op: '>=', value: 0.45 }] } },
      ],
    },
    { id: 'design', title: 'Design' },
  ],
});

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'src/model.py': 'print(1)\n', '.gitignore': 'reports/\n' } });
});
afterEach(() => repo.cleanup());

const entries = async () => parseLedger(await readLedgerText(repo.dir));

describe('advance and evidence not committed', () => {
  it('refuses an untracked results file and a changed input, listing them, and writes nothing', async () => {
    await repo.write('poc/results.json', '{"f1": 0.5}\n');
    await repo.write('src/model.py', 'print(2)\n');
    const result = await advance(await loadProject({ cwd: repo.dir }));
    expect(result).toMatchObject({ advanced: false, gate: { passed: true } });
    expect(result.dirty).toEqual([
      { path: 'poc/results.json', state: 'untracked' },
      { path: 'src/model.py', state: 'changed' },
    ]);
    expect(await entries()).toEqual([]);
  });

  it("names an ignored evidence file too, and exempts the run's declared output", async () => {
    await repo.write('.gitignore', 'reports/\npoc/\n');
    await repo.write('poc/results.json', '{"f1": 0.5}\n');
    await repo.commitAll('results ignored');
    const result = await advance(await loadProject({ cwd: repo.dir }));
    expect(result.dirty).toEqual([{ path: 'poc/results.json', state: 'ignored' }]);
  });

  it('advances once the evidence is committed (outputs of runs need not be)', async () => {
    await repo.write('poc/results.json', '{"f1": 0.5}\n');
    await repo.commitAll('results');
    const result = await advance(await loadProject({ cwd: repo.dir }));
    expect(result).toMatchObject({ advanced: true, dirty: [] });
    expect((await entries())[0]).not.toHaveProperty('dirty');
  });

  it('with --allow-dirty advances and records the dirty paths; the CLI refuses with exit 1 without it', async () => {
    await repo.write('poc/results.json', '{"f1": 0.5}\n');
    const refused = await runLepton(['advance'], { cwd: repo.dir });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('not advanced: a file the gate of poc read is not committed as read: poc/results.json (untracked)');
    const result = await advance(await loadProject({ cwd: repo.dir }), { allowDirty: true });
    expect(result.advanced).toBe(true);
    expect((await entries())[0]).toMatchObject({ event: 'advance', dirty: ['poc/results.json'] });
  });
});

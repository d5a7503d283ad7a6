// Order between checks (issue 10, "What broke" 3): a check runs after the checks it needs, declared
// with `needs` or implied by reading another check's `outputs`; a cached `run` whose output is
// gone runs again. Real files and real processes; the engine is called directly.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckCache } from '../../src/gate/check-cache.js';
import { runGate } from '../../src/gate/engine.js';
import type { CheckResult } from '../../src/gate/types.js';
import { parseManifest } from '../../src/manifest/load.js';
import type { Check, Manifest } from '../../src/manifest/schema.js';
import { makeTempDir } from '../helpers/git-repo.js';

let root: string;
beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(() => rm(root, { recursive: true, force: true }));

function manifestWith(gate: Check[]): Manifest {
  return {
    version: 1,
    project: { name: 'needs', preset: 'ml-model', domain: 'general', language: 'en', strategy: 'rolling', owners: [] },
    phase: 'poc',
    phases: [{ id: 'poc', title: 'PoC', templates: [], gate }],
  };
}

async function gateOf(gate: Check[], options: Partial<Parameters<typeof runGate>[0]> = {}) {
  const manifest = manifestWith(gate);
  const finished: string[] = [];
  const report = await runGate({ manifest, root, phases: [manifest.phases[0]!], concurrency: 4, onResult: (result: CheckResult) => finished.push(result.id), ...options });
  return { report, finished };
}

const WRITE_RESULTS = 'sleep 0.4 && mkdir -p poc && printf \'{"f1": 0.9}\' > poc/results.json';
const READ_RESULTS: Check = { id: 'results-meet-criteria', metric: { file: 'poc/results.json', checks: [{ path: 'f1', op: '>=', value: 0.5 }] } };

describe('needs between checks', () => {
  it('runs a metric after the run whose outputs it reads, with no needs written', async () => {
    const { report, finished } = await gateOf([READ_RESULTS, { id: 'evaluate', run: WRITE_RESULTS, outputs: 'poc/results.json' }]);
    expect(finished).toEqual(['evaluate', 'results-meet-criteria']);
    expect(report.checks.map((check) => [check.id, check.status])).toEqual([
      ['results-meet-criteria', 'pass'],
      ['evaluate', 'pass'],
    ]);
  });

  it('runs a check after the checks it declares in needs; independent ones still run at once', async () => {
    const { report, finished } = await gateOf([
      { id: 'check-model', run: 'test -f model.bin', needs: ['train'] },
      { id: 'train', run: 'sleep 0.4 && touch model.bin' },
      { id: 'lint', run: 'true' },
    ]);
    expect(report.passed).toBe(true);
    expect(finished).toEqual(['lint', 'train', 'check-model']);
  });

  it('does not start a check whose need failed', async () => {
    const { report } = await gateOf([{ id: 'evaluate', run: 'exit 3', outputs: 'poc/results.json' }, READ_RESULTS]);
    expect(report.checks[1]).toMatchObject({ id: 'results-meet-criteria', status: 'skipped', message: 'not run: needs evaluate, which did not pass' });
    expect(report.passed).toBe(false);
  });

  it('fails a run that passes without writing its declared outputs', async () => {
    const { report } = await gateOf([{ id: 'evaluate', run: 'true', outputs: ['poc/results.json'] }]);
    expect(report.checks[0]).toMatchObject({ status: 'fail', message: '`true` exited 0 but wrote nothing matching its outputs poc/results.json' });
  });

  it('runs a cached run again when its declared output is missing, and not while it is there', async () => {
    await mkdir(path.join(root, '.lepton'));
    await mkdir(path.join(root, 'src'));
    await import('node:fs/promises').then((fs) => fs.writeFile(path.join(root, 'src', 'train.py'), 'print(1)\n'));
    const run: Check = { id: 'evaluate', run: `echo ran >> runs.log && ${WRITE_RESULTS}`, inputs: ['src/**'], outputs: 'poc/results.json' };
    const runs = async () => (await readFile(path.join(root, 'runs.log'), 'utf8')).split('\n').filter(Boolean).length;
    const cached = () => gateOf([run, READ_RESULTS], { cache: new CheckCache(root) });
    expect((await cached()).report.passed).toBe(true);
    const again = await cached();
    expect(again.report.checks[0]!.message).toMatch(/cached: inputs unchanged/);
    expect(await runs()).toBe(1);
    await rm(path.join(root, 'poc/results.json'));
    const rerun = await cached();
    expect(rerun.report.passed).toBe(true);
    expect(rerun.report.checks[0]!.message).not.toMatch(/cached/);
    expect(await runs()).toBe(2);
  });
});

describe('needs in the manifest', () => {
  const manifest = (gate: string) => `version: 1\nproject: { name: needs }\nphase: poc\nphases:\n  - id: poc\n    title: PoC\n    gate:\n${gate}`;
  const problems = async (gate: string) => (await parseManifest(Buffer.from(manifest(gate)), root)).problems;

  it('refuses a need naming no check of the phase, at its place', async () => {
    expect(await problems('      - { id: a, run: "true", needs: [b] }\n')).toEqual([
      { line: 8, column: 39, keyPath: 'phases[0].gate[0].needs[0]', message: 'names no check "b" in phase "poc"; checks here: none' },
    ]);
  });

  it('refuses a cycle of declared needs', async () => {
    const [problem] = await problems('      - { id: a, run: "true", needs: [b] }\n      - { id: b, run: "true", needs: [a] }\n');
    expect(problem).toMatchObject({ line: 8, keyPath: 'phases[0].gate[0].needs[0]', message: 'needs form a cycle: a → b → a; a check can only run after the checks it needs' });
  });

  it('refuses a cycle through outputs read by another check', async () => {
    const [problem] = await problems(
      '      - { id: a, run: "true", inputs: [data/b.csv], outputs: data/a.csv }\n      - { id: b, run: "true", inputs: ["data/a*.csv"], outputs: data/b.csv }\n',
    );
    expect(problem).toMatchObject({
      line: 8,
      keyPath: 'phases[0].gate[0]',
      message: 'needs form a cycle: a → b → a (a reads data/b.csv, an output of b) (b reads data/a*.csv, an output of a); a check can only run after the checks it needs',
    });
  });
});

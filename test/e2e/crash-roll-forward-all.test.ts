// `gate --all` and `report --all` load many projects: a step a crash interrupted in any of them is
// completed by the load, and was completed silently. Each is now said on stderr, one line per
// project, naming it, as a single-project command says it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, gitEnv, type TempRepo } from '../helpers/git-repo.js';
import { ADA, phaseOf } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: crash-again
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype-exists, file: "src/*.py" }
  - id: design
    title: Design
    templates: [architecture]
    gate:
      - { id: prototype-still-there, file: "src/*.py" }
`;

let repo: TempRepo | undefined;
afterEach(async () => repo?.cleanup());

const named = (name: string) => MANIFEST.replace('name: crash-again', `name: ${name}`);

it.each([
  ['gate', '--all', '--format', 'json'],
  ['report', '--all', '--out', '-'],
])('%s %s completes each interrupted advance and says so on stderr, naming the project', async (...args) => {
  repo = await createTempRepo({
    files: { 'one/lepton.yaml': named('first'), 'one/src/model.py': 'print(1)\n', 'two/lepton.yaml': named('second'), 'two/src/model.py': 'print(1)\n' },
  });
  const env = { ...gitEnv(ADA), LEPTON_NOW: '2026-06-15T12:00:00Z' };
  for (const dir of ['one', 'two']) {
    const killed = await runLepton(['advance'], { cwd: path.join(repo.dir, dir), env: { ...env, LEPTON_TEST_CRASH_AT: 'after-manifest' } });
    expect(killed.exitCode).not.toBe(0);
  }
  const result = await runLepton(args, { cwd: repo.dir, env });
  expect(result.exitCode, result.stderr).toBe(0);
  const lines = result.stderr.split('\n').filter((line) => line.includes('interrupted'));
  expect(lines.sort()).toEqual([
    'lepton: one (first): completed the interrupted advance to design (recorded as ledger entry #1, 2026-06-15T12:00:00.000Z)',
    'lepton: two (second): completed the interrupted advance to design (recorded as ledger entry #1, 2026-06-15T12:00:00.000Z)',
  ]);
  for (const dir of ['one', 'two']) {
    expect(phaseOf(await readFile(path.join(repo.dir, dir, 'lepton.yaml'), 'utf8'))).toBe('design');
    expect(existsSync(path.join(repo.dir, dir, 'docs/architecture.md'))).toBe(true);
  }
});

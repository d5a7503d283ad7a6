// A hand-written advance with `checks: []` (hash chain recomputed, phase: set, committed by its
// actor) passed `verify --strict`: an advance must carry every required check of its gate, each
// pass or waived.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendedText, chainEntry } from '../../src/lifecycle/ledger.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, OWNERS_YAML, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: forged
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype, file: "src/*.py" }
  - id: design
    title: Design
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(MANIFEST);
});
afterAll(async () => repo.cleanup());

it('verify --strict reports an advance that records no passing gate', async () => {
  const forged = chainEntry(undefined, { event: 'advance', from: 'poc', to: 'design', checks: [] }, { actor: ADA, commit: null, time: new Date('2026-06-15T12:00:00Z') });
  await repo.write('.lepton/ledger.jsonl', appendedText(undefined, forged));
  const manifestFile = path.join(repo.dir, 'lepton.yaml');
  await writeFile(manifestFile, (await readFile(manifestFile, 'utf8')).replace('phase: poc', 'phase: design'));
  await commitAs(repo, ADA, 'advance by hand');
  const verify = await lepton(repo, ['verify', '--strict', '--format', 'json']);
  expect(verify.exitCode).toBe(1);
  expect(JSON.parse(verify.stdout).problems).toEqual([
    expect.objectContaining({ seq: 1, message: 'entry #1 (advance): does not record the gate\'s check "prototype": an advance carries every check of the gate it passed' }),
  ]);
});

// `kill -9` at each write point of `advance` leaves the project fully before or fully after the
// step: the next lepton command completes an interrupted step from its journal.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TempRepo } from '../helpers/git-repo.js';
import { createProject, lepton, phaseOf, readLedgerLines, readManifestText } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: crash
phase: poc   # the current phase
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype-exists, file: "src/*.py" }
  - id: design
    title: Design
`;

const POINTS = ['after-journal', 'after-ledger', 'after-manifest', 'after-commit'] as const;

describe('advance killed at each write point', () => {
  let repo: TempRepo | undefined;
  afterEach(async () => repo?.cleanup());

  it.each(POINTS)('%s: the next command sees the step complete, and verify passes', async (point) => {
    repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
    const killed = await lepton(repo, ['advance'], { env: { LEPTON_TEST_CRASH_AT: point } });
    expect(killed.exitCode, killed.stderr).not.toBe(0);
    expect(killed.stdout).not.toContain('Advanced');
    // Killed while holding the lock: the lock it leaves behind names a dead process.
    expect(existsSync(path.join(repo.dir, '.lepton/lock'))).toBe(true);
    expect(existsSync(path.join(repo.dir, '.lepton/pending.json'))).toBe(point !== 'after-commit');

    const verify = await lepton(repo, ['verify']);
    expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
    expect(existsSync(path.join(repo.dir, '.lepton/pending.json'))).toBe(false);
    const entries = (await readLedgerLines(repo)).map((line) => JSON.parse(line));
    expect(entries.map((entry) => [entry.event, entry.from, entry.to])).toEqual([['advance', 'poc', 'design']]);
    const manifest = await readManifestText(repo);
    expect(phaseOf(manifest)).toBe('design');
    expect(manifest).toBe(MANIFEST.replace('phase: poc ', 'phase: design '));
  });

  it('a failing gate writes nothing at all, not even .lepton/', async () => {
    repo = await createProject(MANIFEST);
    const failed = await lepton(repo, ['advance'], { env: { LEPTON_TEST_CRASH_AT: 'after-journal' } });
    expect(failed.exitCode).toBe(1);
    expect(existsSync(path.join(repo.dir, '.lepton'))).toBe(false);
    expect(await readManifestText(repo)).toBe(MANIFEST);
    expect((await lepton(repo, ['verify'])).exitCode).toBe(0);
  });

  it.each([
    ['gate --completed', ['gate', '--completed', '--format', 'json']],
    ['gate --all --completed', ['gate', '--all', '--completed', '--format', 'json']],
    ['status --all', ['status', '--all', '--format', 'json']],
  ])('%s completes an interrupted step before judging the project', async (_name, args) => {
    repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
    await lepton(repo, ['advance'], { env: { LEPTON_TEST_CRASH_AT: 'after-ledger' } });
    expect(phaseOf(await readManifestText(repo))).toBe('poc');
    const result = await lepton(repo, args);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(phaseOf(await readManifestText(repo))).toBe('design');
  });

  it('any lepton command rolls an interrupted step forward first', async () => {
    repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
    await lepton(repo, ['advance'], { env: { LEPTON_TEST_CRASH_AT: 'after-ledger' } });
    expect(phaseOf(await readManifestText(repo))).toBe('poc');
    const history = await lepton(repo, ['history', '--format', 'json']);
    expect(history.exitCode, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout)).toMatchObject({ phase: 'design', entries: [{ event: 'advance', to: 'design' }] });
    expect(phaseOf(await readManifestText(repo))).toBe('design');
  });
});

describe('a crash followed by a hand edit', () => {
  let repo: TempRepo | undefined;
  afterEach(async () => repo?.cleanup());

  it('is not overwritten: the journal is refused, naming the file', async () => {
    repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
    await lepton(repo, ['advance'], { env: { LEPTON_TEST_CRASH_AT: 'after-journal' } });
    const edited = MANIFEST.replace('title: Design', 'title: Design and architecture');
    await writeFile(path.join(repo.dir, 'lepton.yaml'), edited);
    const result = await lepton(repo, ['status']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/lepton\.yaml changed after an interrupted lepton command; \.lepton\/pending\.json would overwrite that change/);
    expect(await readManifestText(repo)).toBe(edited);
  });
});

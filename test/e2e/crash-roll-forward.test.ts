// After a `kill -9` mid-advance the next command completes the step from its journal. It used to
// say nothing, so a user re-ran `advance` and moved a second phase whose gate they never saw. Now
// the roll-forward says what it completed, renders the new phase's documents, and `advance` run
// again does not advance a second time. Temp files a kill left beside a file are removed by the
// next write of it.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/git-repo.js';
import { createProject, lepton, phaseOf, readLedgerLines, readManifestText } from '../helpers/lifecycle-project.js';

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
  - id: develop
    title: Development
`;

let repo: TempRepo | undefined;
afterEach(async () => repo?.cleanup());

it.each(['after-journal', 'after-ledger', 'after-manifest', 'after-document'])('killed %s: advance run again says what was completed and does not advance twice', async (point) => {
  repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
  const killed = await lepton(repo, ['advance'], { now: '2026-06-15T12:00:00Z', env: { LEPTON_TEST_CRASH_AT: point } });
  expect(killed.exitCode).not.toBe(0);

  const again = await lepton(repo, ['advance']);
  expect(again.exitCode, again.stderr).toBe(0);
  expect(again.stderr).toContain('lepton: completed the interrupted advance to design (recorded as ledger entry #1, 2026-06-15T12:00:00.000Z)');
  expect(again.stderr).toContain('created docs/architecture.md');
  expect(again.stdout).toBe('Not advanced again: the interrupted advance to design was completed just now. Run `lepton advance` again to advance from design.\n');
  expect((await readLedgerLines(repo)).map((line) => JSON.parse(line).to)).toEqual(['design']);
  expect(phaseOf(await readManifestText(repo))).toBe('design');
  expect(existsSync(path.join(repo.dir, 'docs/architecture.md'))).toBe(true);

  // Nothing left to complete: the next advance is an ordinary one.
  const next = await lepton(repo, ['advance', '--format', 'json']);
  expect(next.stderr).not.toContain('interrupted');
  expect(JSON.parse(next.stdout)).toMatchObject({ from: 'design', to: 'develop', advanced: true });
});

it('another command completing an interrupted advance says so on stderr', async () => {
  repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
  await lepton(repo, ['advance'], { now: '2026-06-15T12:00:00Z', env: { LEPTON_TEST_CRASH_AT: 'after-ledger' } });
  const status = await lepton(repo, ['status', '--format', 'json']);
  expect(status.exitCode, status.stderr).toBe(0);
  expect(status.stderr).toContain('lepton: completed the interrupted advance to design (recorded as ledger entry #1');
  expect(JSON.parse(status.stdout)).toMatchObject({ phase: 'design' });
});

it("temp files a killed write left are removed by the next write of the same file; a live process's are kept", async () => {
  repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
  // A pid no process has any more: a child that has exited.
  const dead = (await execa(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])).stdout;
  const stale = [`.lepton.yaml.${dead}.1.tmp`, `.lepton/.ledger.jsonl.${dead}.2.tmp`];
  const live = `.lepton.yaml.${process.pid}.7.tmp`;
  await lepton(repo, ['advance'], { env: { LEPTON_TEST_CRASH_AT: 'after-journal' } });
  for (const file of [...stale, live]) await writeFile(path.join(repo.dir, file), 'half-written');
  const advanced = await lepton(repo, ['advance']);
  expect(advanced.exitCode, advanced.stderr).toBe(0);
  for (const file of stale) expect(existsSync(path.join(repo.dir, file)), file).toBe(false);
  expect(existsSync(path.join(repo.dir, live))).toBe(true);
});

// Every point an advance can be killed at, in the order it reaches them. The documents are written
// with the ledger and the manifest, from the same journal: none of them can be lost on its own.
it.each(['after-journal', 'after-ledger', 'after-manifest', 'after-document', 'after-commit'])(
  'killed %s: the next command leaves ledger, phase and documents as a completed advance',
  async (point) => {
    repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
    const killed = await lepton(repo, ['advance'], { now: '2026-06-15T12:00:00Z', env: { LEPTON_TEST_CRASH_AT: point } });
    expect(killed.exitCode).not.toBe(0);

    const status = await lepton(repo, ['status', '--format', 'json']);
    expect(status.exitCode, status.stderr).toBe(0);
    expect((await readLedgerLines(repo)).map((line) => JSON.parse(line).to)).toEqual(['design']);
    expect(phaseOf(await readManifestText(repo))).toBe('design');
    const document = await readFile(path.join(repo.dir, 'docs/architecture.md'), 'utf8');
    expect(document).toContain('crash-again');
    expect(existsSync(path.join(repo.dir, '.lepton/rendered/docs/architecture.md.json'))).toBe(true);
    expect(existsSync(path.join(repo.dir, '.lepton/pending.json'))).toBe(false);
    // Until the journal is removed the step is incomplete and the next command says it completed it, once;
    // after-commit comes after that removal, when everything is written and nothing is left to say.
    const said = status.stderr.split('completed the interrupted advance to design').length - 1;
    expect(said).toBe(point === 'after-commit' ? 0 : 1);
    const next = await lepton(repo, ['status']);
    expect(next.stderr).not.toContain('interrupted');
  },
);

it('a document written by hand after the crash is kept, not replaced by the journal', async () => {
  repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
  await lepton(repo, ['advance'], { env: { LEPTON_TEST_CRASH_AT: 'after-ledger' } });
  await mkdir(path.join(repo.dir, 'docs'), { recursive: true });
  await writeFile(path.join(repo.dir, 'docs/architecture.md'), '# Mine\n');
  const status = await lepton(repo, ['status']);
  expect(status.exitCode, status.stderr).toBe(0);
  expect(status.stderr).toContain('kept    docs/architecture.md');
  expect(await readFile(path.join(repo.dir, 'docs/architecture.md'), 'utf8')).toBe('# Mine\n');
});

it('report on one project says what it completed', async () => {
  repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
  await lepton(repo, ['advance'], { now: '2026-06-15T12:00:00Z', env: { LEPTON_TEST_CRASH_AT: 'after-manifest' } });
  const result = await lepton(repo, ['report', '--out', '-']);
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stderr).toContain('lepton: completed the interrupted advance to design (recorded as ledger entry #1');
});

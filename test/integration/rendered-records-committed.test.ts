// The records of what was rendered (.lepton/rendered/) are committed like the ledger, so a fresh
// clone judges documents as the author's machine does; a .lepton/.gitignore an earlier lepton wrote
// is brought up to date, a user's own is left alone.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LEPTON_GITIGNORE, LEPTON_GITIGNORE_TEXT, ensureLeptonGitignore } from '../../src/lifecycle/ledger.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const EARLIER =
  '# lepton: commit the ledger, the schema and project templates; not the lock, journal or cache\n*\n!.gitignore\n!ledger.jsonl\n!schema.json\n!templates/\n!templates/**\n';
let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo();
});
afterEach(() => repo.cleanup());

/** The paths git would add, of those given. */
async function tracked(...files: string[]): Promise<string[]> {
  for (const file of files) await repo.write(file, 'x\n');
  await repo.git('add', '-A');
  return (await repo.git('diff', '--cached', '--name-only')).split('\n').filter(Boolean).sort();
}

it('a new .lepton/.gitignore lets the records through, and keeps the lock and cache out', async () => {
  await ensureLeptonGitignore(repo.dir);
  expect(await readFile(path.join(repo.dir, LEPTON_GITIGNORE), 'utf8')).toBe(LEPTON_GITIGNORE_TEXT);
  expect(await tracked('.lepton/rendered/docs/poc-plan.md.json', '.lepton/lock', '.lepton/cache/x.json', '.lepton/ledger.jsonl')).toEqual([
    '.lepton/.gitignore',
    '.lepton/ledger.jsonl',
    '.lepton/rendered/docs/poc-plan.md.json',
  ]);
});

it('one an earlier lepton wrote is updated; one the user changed is kept', async () => {
  await repo.write(LEPTON_GITIGNORE, EARLIER);
  await ensureLeptonGitignore(repo.dir);
  expect(await readFile(path.join(repo.dir, LEPTON_GITIGNORE), 'utf8')).toBe(LEPTON_GITIGNORE_TEXT);
  const own = `${EARLIER}!notes.md\n`;
  await repo.write(LEPTON_GITIGNORE, own);
  await ensureLeptonGitignore(repo.dir);
  expect(await readFile(path.join(repo.dir, LEPTON_GITIGNORE), 'utf8')).toBe(own);
});

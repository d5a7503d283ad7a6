// A project made by `lepton init` starts its ledger with an `init` entry that verifies strictly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, commitAs, lepton, readLedgerLines } from '../helpers/lifecycle-project.js';
import { createTempRepo } from '../helpers/git-repo.js';

describe('a project made by lepton init', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo();
  });
  afterAll(async () => repo.cleanup());

  it('starts its ledger at init, verifies strictly once committed, and gates its first phase', async () => {
    const init = await lepton(repo, ['init', '--yes', '--name', 'churn', '--owner', `${ADA.name} <${ADA.email}>`, '--role', 'tech-lead', '--metric', 'accuracy>=0.85']);
    expect(init.exitCode, init.stderr).toBe(0);
    const [first, ...rest] = (await readLedgerLines(repo)).map((line) => JSON.parse(line));
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ seq: 1, event: 'init', to: 'poc', actor: ADA, prev: null });
    expect((await lepton(repo, ['verify', '--strict'])).exitCode).toBe(1);
    await commitAs(repo, ADA, 'lepton init');
    const verify = await lepton(repo, ['verify', '--strict']);
    expect(verify.exitCode, verify.stdout).toBe(0);
    const advance = await lepton(repo, ['advance']);
    expect(advance.exitCode).toBe(1);
    expect(await readLedgerLines(repo)).toHaveLength(1);
  });
});

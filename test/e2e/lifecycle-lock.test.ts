// Two lepton commands writing at once cannot interleave: `.lepton/lock` serialises them, and a
// lock left by a dead process or held too long is taken over.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { TempRepo } from '../helpers/git-repo.js';
import { GRACE, createProject, lepton, readLedgerLines } from '../helpers/lifecycle-project.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'lock',
  phases: [
    {
      id: 'poc',
      title: 'Proof of concept',
      gate: [
        { id: 'prototype-exists', file: 'src/*.py' },
        { id: 'go-decision', approval: { roles: ['product-owner'] } },
      ],
    },
  ],
});

async function writeLock(repo: TempRepo, content: { pid: number; time: string }) {
  await mkdir(path.join(repo.dir, '.lepton'), { recursive: true });
  await writeFile(path.join(repo.dir, '.lepton/lock'), JSON.stringify({ ...content, host: hostname() }));
}

describe('the project lock', () => {
  let repo: TempRepo | undefined;
  afterEach(async () => repo?.cleanup());

  it('serialises concurrent writers into one unbroken chain', async () => {
    repo = await createProject(MANIFEST);
    const project = repo;
    const results = await Promise.all([
      ...[1, 2, 3, 4, 5].map((index) => lepton(project, ['waive', 'prototype-exists', '--reason', `writer ${index}`, '--until', '2099-12-31'])),
      lepton(project, ['approve', 'go-decision'], { as: GRACE }),
    ]);
    for (const result of results) expect(result.exitCode, result.stderr).toBe(0);
    const entries = (await readLedgerLines(project)).map((line) => JSON.parse(line));
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(entries.map((entry) => entry.reason ?? entry.event)).size).toBe(6);
    expect((await lepton(project, ['verify'])).exitCode).toBe(0);
    expect(existsSync(path.join(project.dir, '.lepton/lock'))).toBe(false);
  });

  it('waits for a live holder and proceeds once it lets go', async () => {
    repo = await createProject(MANIFEST);
    await writeLock(repo, { pid: process.pid, time: new Date().toISOString() });
    const pending = lepton(repo, ['approve', 'go-decision'], { as: GRACE });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await readLedgerLines(repo)).toEqual([]);
    await rm(path.join(repo.dir, '.lepton/lock'));
    const result = await pending;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await readLedgerLines(repo)).toHaveLength(1);
  });

  it('takes over a lock whose process is gone, or that is older than ten minutes', async () => {
    repo = await createProject(MANIFEST);
    await writeLock(repo, { pid: 2 ** 22 + 17, time: new Date().toISOString() });
    expect((await lepton(repo, ['approve', 'go-decision'], { as: GRACE })).exitCode).toBe(0);
    await writeLock(repo, { pid: process.pid, time: new Date(Date.now() - 11 * 60 * 1000).toISOString() });
    const waived = await lepton(repo, ['waive', 'prototype-exists', '--reason', 'later', '--until', '2099-12-31']);
    expect(waived.exitCode, waived.stderr).toBe(0);
    expect(await readLedgerLines(repo)).toHaveLength(2);
  });
});

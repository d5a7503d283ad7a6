// Authority: `governance.waive` limits who may waive (roles) and for how long (max-days, in UTC
// days from the day of the waiver); `terminate` and `reopen` need an owner. The commands refuse
// (exit 2), and verify's replay reports a hand-written entry that breaks the same rules.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendedText, chainEntry, type LedgerEntry, type NewLedgerEntry } from '../../src/lifecycle/ledger.js';
import type { Identity } from '../helpers/lifecycle-project.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, MALLORY, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: governed
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner] }
governance:
  waive: { roles: [tech-lead], max-days: 30 }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype, file: "src/*.py" }
  - id: design
    title: Design
`;
const NOW = '2026-06-15T12:00:00Z';

describe('the commands', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createProject(MANIFEST);
  });
  afterAll(async () => repo.cleanup());

  it('waive: an owner without a governance role is refused, naming who may', async () => {
    const result = await lepton(repo, ['waive', 'prototype', '--reason', 'later', '--until', '2026-06-20'], { as: GRACE, now: NOW });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Grace Hopper <grace@example.com> may not waive prototype: governance.waive allows only the roles tech-lead');
    expect(result.stderr).toContain('Ada Lovelace <ada@example.com>');
  });

  it('waive: --until past today + max-days (UTC) is refused; the last allowed day is accepted', async () => {
    const tooLong = await lepton(repo, ['waive', 'prototype', '--reason', 'later', '--until', '2026-07-16'], { as: ADA, now: NOW });
    expect(tooLong.exitCode).toBe(2);
    expect(tooLong.stderr).toContain('--until 2026-07-16 is more than 30 days away (governance.waive.max-days): the latest allowed is 2026-07-15');
    const longest = await lepton(repo, ['waive', 'prototype', '--reason', 'later', '--until', '2026-07-15'], { as: ADA, now: NOW });
    expect(longest.exitCode, longest.stderr).toBe(0);
  });

  it('terminate and reopen: a non-owner is refused', async () => {
    const advanced = await lepton(repo, ['advance'], { as: ADA, now: NOW });
    expect(advanced.exitCode, advanced.stderr).toBe(0);
    for (const args of [
      ['reopen', 'poc', '--reason', 'again'],
      ['terminate', '--reason', 'no-go'],
    ]) {
      const result = await lepton(repo, args, { as: MALLORY, now: NOW });
      expect(result.exitCode, args[0]).toBe(2);
      expect(result.stderr, args[0]).toContain(`Mallory Intruder <mallory@example.com> may not ${args[0]} the project: only an owner of the project may`);
    }
    const reopened = await lepton(repo, ['reopen', 'poc', '--reason', 'again'], { as: GRACE, now: NOW });
    expect(reopened.exitCode, reopened.stderr).toBe(0);
  });
});

describe("verify's replay", () => {
  let repo: TempRepo;
  const forged: LedgerEntry[] = [];
  const add = (actor: Identity, entry: NewLedgerEntry) => {
    forged.push(chainEntry(forged.at(-1), entry, { actor, commit: null, time: new Date(NOW) }) as LedgerEntry);
  };
  beforeAll(async () => {
    repo = await createProject(MANIFEST);
    add(ADA, { event: 'advance', from: 'poc', to: 'design', checks: [{ id: 'prototype', status: 'pass', evidence: '' }] });
    add(MALLORY, { event: 'reopen', from: 'design', to: 'poc', reason: 'by hand' });
    add(GRACE, { event: 'waive', phase: 'poc', checkId: 'prototype', reason: 'by hand', until: '2026-06-20' });
    add(ADA, { event: 'waive', phase: 'poc', checkId: 'prototype', reason: 'by hand', until: '2026-07-16' });
    add(MALLORY, { event: 'terminate', from: 'poc', reason: 'by hand' });
    await mkdir(path.join(repo.dir, '.lepton'), { recursive: true });
    await writeFile(path.join(repo.dir, '.lepton/ledger.jsonl'), forged.reduce<string | undefined>((text, entry) => appendedText(text, entry), undefined)!);
    await commitAs(repo, ADA, 'forged by hand');
  });
  afterAll(async () => repo.cleanup());

  it('reports each entry the commands would have refused', async () => {
    const verify = await lepton(repo, ['verify', '--format', 'json'], { now: NOW });
    expect(verify.exitCode).toBe(1);
    expect(JSON.parse(verify.stdout).problems).toEqual([
      expect.objectContaining({
        seq: 2,
        message: expect.stringMatching(/^entry #2 \(reopen\): Mallory Intruder <mallory@example\.com> is not an owner of the project: only an owner may reopen;/),
      }),
      expect.objectContaining({
        seq: 3,
        message: 'entry #3 (waive): Grace Hopper <grace@example.com> holds none of the roles tech-lead that governance.waive allows; the waiver does not count',
      }),
      expect.objectContaining({
        seq: 4,
        message: 'entry #4 (waive): until 2026-07-16 is more than 30 days after the waiver (2026-06-15; governance.waive.max-days); the waiver does not count',
      }),
      expect.objectContaining({
        seq: 5,
        message: expect.stringMatching(/^entry #5 \(terminate\): Mallory Intruder <mallory@example\.com> is not an owner of the project: only an owner may terminate;/),
      }),
    ]);
  });
});

// The lifecycle commands as a user meets them: refusals exit 2 with one line and a hint, results
// go to stdout, and a terminated project stays terminated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, MALLORY, createProject, lepton, readLedgerLines, readManifestText } from '../helpers/lifecycle-project.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'commands',
  phases: [
    {
      id: 'poc',
      title: 'Proof of concept',
      gate: [
        { id: 'prototype-exists', file: 'src/*.py' },
        { id: 'advisory-notes', file: 'NOTES.md', required: false },
        { id: 'go-decision', approval: { roles: ['product-owner'] } },
      ],
    },
    { id: 'design', title: 'Design' },
  ],
});
const NOW = '2026-06-15T12:00:00Z';

describe('lifecycle commands', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
  });
  afterAll(async () => repo.cleanup());

  it('history and verify on a project without a ledger', async () => {
    const history = await lepton(repo, ['history']);
    expect(history.exitCode).toBe(0);
    expect(history.stdout).toContain('commands — 0 ledger entries');
    expect(history.stdout).toContain('Now: in poc (0 of 2 phases passed)');
    const verify = await lepton(repo, ['verify', '--format', 'json']);
    expect(JSON.parse(verify.stdout)).toEqual({ version: 1, project: 'commands', phase: 'poc', ok: true, entries: 0, problems: [] });
  });

  it('approve: says who may sign off when the identity may not', async () => {
    const stranger = await lepton(repo, ['approve', 'go-decision'], { as: MALLORY });
    expect(stranger.exitCode).toBe(2);
    expect(stranger.stdout).toBe('');
    expect(stranger.stderr).toBe(
      'lepton: Mallory Intruder <mallory@example.com> may not approve go-decision: not an owner in lepton.yaml, and one of product-owner\n' +
        'hint: who may approve: Grace Hopper <grace@example.com>\n',
    );
    const wrongKind = await lepton(repo, ['approve', 'prototype-exists'], { as: GRACE });
    expect(wrongKind.exitCode).toBe(2);
    expect(wrongKind.stderr).toContain('prototype-exists is a file check, not an approval');
    const unknown = await lepton(repo, ['approve', 'nope'], { as: GRACE });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('checks of poc: prototype-exists, advisory-notes, go-decision');
    const otherPhase = await lepton(repo, ['approve', 'go-decision', '--phase', 'design'], { as: GRACE });
    expect(otherPhase.exitCode).toBe(2);
  });

  it('waive: only dated, only by owners, only required non-sign-off checks', async () => {
    const cases: [string[], string, typeof ADA][] = [
      [['waive', 'prototype-exists', '--reason', 'x', '--until', '2026-06-14'], '--until 2026-06-14 is in the past (today is 2026-06-15)', ADA],
      [['waive', 'prototype-exists', '--reason', 'x', '--until', 'soon'], 'must be a date as YYYY-MM-DD', ADA],
      [['waive', 'prototype-exists', '--reason', 'x', '--until', '2026-07-01'], 'only an owner of the project may', MALLORY],
      [['waive', 'go-decision', '--reason', 'x', '--until', '2026-07-01'], 'go-decision is a sign-off: it cannot be waived', ADA],
      [['waive', 'advisory-notes', '--reason', 'x', '--until', '2026-07-01'], 'advisory', ADA],
      [['waive', 'prototype-exists', '--reason', 'x'], "required option '--until <date>' not specified", ADA],
    ];
    const results = await Promise.all(cases.map(([args, , as]) => lepton(repo, args, { as, now: NOW })));
    for (const [index, [args, message]] of cases.entries()) {
      expect(results[index]!.exitCode, args.join(' ')).toBe(2);
      expect(results[index]!.stderr).toContain(message);
    }
    expect(existsSync(path.join(repo.dir, '.lepton/ledger.jsonl'))).toBe(false);
  });

  it('advance --dry-run says what would happen and writes nothing', async () => {
    const approve = await lepton(repo, ['approve', 'go-decision', '--note', 'Go'], { as: GRACE });
    expect(approve.stdout).toContain('Signed off go-decision (poc) as Grace Hopper <grace@example.com>: 1 of 1 sign-off (ledger entry #1)');
    const before = await readManifestText(repo);
    const ledgerBefore = await readLedgerLines(repo);
    const statusBefore = await repo.git('status', '--porcelain', '-uall');
    const dry = await lepton(repo, ['advance', '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('Dry run: the gate of poc passes. `lepton advance` would record it in the ledger and move to design.');
    expect(await readManifestText(repo)).toBe(before);
    expect(await readLedgerLines(repo)).toEqual(ledgerBefore);
    expect(await repo.git('status', '--porcelain', '-uall')).toBe(statusBefore);
    const json = JSON.parse((await lepton(repo, ['advance', '--dry-run', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ version: 1, from: 'poc', to: 'design', dryRun: true, advanced: false, entry: null, gate: { passed: true } });
    expect(json.gate.checks[0]).not.toHaveProperty('evidence');
  });

  it('reopen only goes back; terminate ends the project for good', async () => {
    const forward = await lepton(repo, ['reopen', 'design', '--reason', 'x']);
    expect(forward.exitCode).toBe(2);
    expect(forward.stderr).toContain('cannot reopen design: it is not before the current phase poc');
    const terminated = await lepton(repo, ['terminate', '--reason', 'No-go: accuracy 0.71 against 0.85']);
    expect(terminated.exitCode).toBe(0);
    expect(terminated.stdout).toContain('Terminated commands in poc: No-go: accuracy 0.71 against 0.85 (ledger entry #2)');
    for (const args of [['advance'], ['approve', 'go-decision'], ['reopen', 'poc', '--reason', 'x'], ['terminate', '--reason', 'again']]) {
      const refused = await lepton(repo, args, { as: GRACE });
      expect(refused.exitCode, args.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(/the project was terminated \(ledger entry #2, \d{4}-\d\d-\d\d\): No-go: accuracy 0.71 against 0.85/);
    }
    const history = await lepton(repo, ['history']);
    expect(history.stdout).toMatch(/#1 .* Grace Hopper\s+approve\s+signed off go-decision \(poc, as product-owner\) — "Go"/);
    expect(history.stdout).toMatch(/#2 .* Ada Lovelace\s+terminate\s+ended the project in poc — "No-go: accuracy 0.71 against 0.85"/);
    expect(history.stdout).toContain('Now: terminated in poc');
    const status = await lepton(repo, ['status']);
    expect(status.stdout).toMatch(/^Ended: terminated on \d{4}-\d\d-\d\d by Ada Lovelace in poc: No-go: accuracy 0.71 against 0.85$/m);
    expect(status.stdout).toContain('The project has ended: no phase moves on; `lepton history` shows the ledger.');
    expect((await lepton(repo, ['verify'])).exitCode).toBe(0);
  });
});

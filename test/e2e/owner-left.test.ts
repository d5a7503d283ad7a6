// An approver who leaves the project: deleting them from `owners` made every past sign-off of theirs
// a finding for good. An owner kept with `left: YYYY-MM-DD` (a UTC date) keeps what they did on or
// before that day valid; after it, they can no longer act, and a hand-written entry of theirs is a finding.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendedText, chainEntry, parseLedger } from '../../src/lifecycle/ledger.js';
import { entryHash } from '../../src/lifecycle/ledger-format.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

const manifest = (grace: string) => `version: 1
project:
  name: departed
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
${grace}phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: go-decision, approval: { roles: [product-owner, tech-lead] } }
  - id: design
    title: Design
    gate:
      - { id: prototype, file: "src/*.py" }
  - id: build
    title: Build
`;
const GRACE_OWNER = `    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner] }\n`;
const GRACE_LEFT = `    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner], left: 2026-06-30 }\n`;
const SIGNED = '2026-06-10T12:00:00Z';
const AFTER = '2026-07-01T00:30:00Z';

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(manifest(GRACE_OWNER));
  const approved = await lepton(repo, ['approve', 'go-decision'], { as: GRACE, now: SIGNED });
  expect(approved.exitCode, approved.stderr).toBe(0);
  await commitAs(repo, GRACE, 'go');
  const advanced = await lepton(repo, ['advance'], { as: ADA, now: SIGNED });
  expect(advanced.exitCode, advanced.stderr).toBe(0);
  await commitAs(repo, ADA, 'advance');
});
afterAll(async () => repo.cleanup());

async function setOwners(grace: string): Promise<void> {
  const text = manifest(grace).replace('phase: poc', 'phase: design');
  await writeFile(path.join(repo.dir, 'lepton.yaml'), text);
  await commitAs(repo, ADA, 'owners changed');
}

it('deleting a departed owner is a finding that says to keep them with left:', async () => {
  await setOwners('');
  const verify = await lepton(repo, ['verify', '--format', 'json'], { now: AFTER });
  expect(verify.exitCode).toBe(1);
  expect(JSON.parse(verify.stdout).problems).toEqual([
    expect.objectContaining({
      seq: 1,
      message: expect.stringMatching(/Grace Hopper <grace@example\.com> is not an owner of the project.*keep them under project\.owners with `left: YYYY-MM-DD`/),
    }),
  ]);
});

it('an owner kept with left: keeps their past sign-offs valid, in plain and strict verify', async () => {
  await setOwners(GRACE_LEFT);
  for (const args of [['verify'], ['verify', '--strict']]) {
    const verify = await lepton(repo, [...args, '--format', 'json'], { now: AFTER });
    expect(verify.exitCode, verify.stdout).toBe(0);
  }
});

it('after their last day, a departed owner cannot act: exit 2 naming them and the date', async () => {
  const attempts = [['waive', 'prototype', '--reason', 'later', '--until', '2026-07-10'], ['advance'], ['reopen', 'poc', '--reason', 'again'], ['terminate', '--reason', 'no-go']];
  for (const args of attempts) {
    const result = await lepton(repo, args, { as: GRACE, now: AFTER });
    expect(result.exitCode, `${args[0]}: ${result.stderr}`).toBe(2);
    expect(result.stderr, args[0]).toContain('Grace Hopper <grace@example.com> left the project on 2026-06-30');
  }
  // On their last day (UTC) they still may.
  const lastDay = await lepton(repo, ['waive', 'prototype', '--reason', 'later', '--until', '2026-07-10'], { as: GRACE, now: '2026-06-30T23:30:00Z' });
  expect(lastDay.exitCode, lastDay.stderr).toBe(0);
});

it('a hand-written entry by a departed owner after their last day is a finding and does not count', async () => {
  const file = path.join(repo.dir, '.lepton/ledger.jsonl');
  const text = await readFile(file, 'utf8');
  const entries = parseLedger(text);
  const forged = chainEntry(
    entries.at(-1),
    { event: 'waive', phase: 'design', checkId: 'prototype', reason: 'by hand', until: '2026-07-20' },
    { actor: GRACE, commit: null, time: new Date('2026-07-02T09:00:00Z') },
  );
  await writeFile(file, appendedText(text, forged));
  const verify = await lepton(repo, ['verify', '--format', 'json'], { now: '2026-07-11T10:00:00Z' });
  expect(verify.exitCode).toBe(1);
  expect(JSON.parse(verify.stdout).problems).toEqual([
    expect.objectContaining({
      seq: forged.seq,
      message: `entry #${forged.seq} (waive): Grace Hopper <grace@example.com> left the project on 2026-06-30 (owners[].left) and could not act on 2026-07-02; the entry does not count`,
    }),
  ]);
  // The waiver made on the last day has expired; the forged one does not take its place.
  const gate = await lepton(repo, ['gate', '--format', 'json'], { now: '2026-07-11T10:00:00Z' });
  expect(JSON.parse(gate.stdout).checks[0]).toMatchObject({ id: 'prototype', status: 'fail' });
});

it.each([
  ['a date in words', 'July 2nd, after I left'],
  ['an extended year', '+275760-09-13T00:00:00.000Z'],
  ['an impossible offset', '2026-07-02T09:00:00+25:00'],
])('a hand-written entry dated with %s is a chain finding, not an entry from before the owner left', async (_kind, time) => {
  const file = path.join(repo.dir, '.lepton/ledger.jsonl');
  const text = await readFile(file, 'utf8');
  const entries = parseLedger(text);
  const forged = chainEntry(
    entries.at(-1),
    { event: 'waive', phase: 'design', checkId: 'prototype', reason: 'by hand', until: '2026-07-20' },
    { actor: GRACE, commit: null, time: new Date('2026-06-20T09:00:00Z') },
  );
  forged.time = time;
  forged.hash = entryHash(forged);
  await writeFile(file, appendedText(text, forged));
  try {
    const verify = await lepton(repo, ['verify', '--format', 'json'], { now: '2026-07-11T10:00:00Z' });
    expect(verify.exitCode).toBe(1);
    // The earlier test's forged waiver (#4) is still there; this one's date is what breaks the chain.
    expect(JSON.parse(verify.stdout).problems).toContainEqual({
      seq: forged.seq,
      check: 'chain',
      message: `entry #${forged.seq}: is dated ${JSON.stringify(time)}, not a UTC time as lepton writes it (YYYY-MM-DDTHH:MM:SS.sssZ)`,
    });
  } finally {
    await writeFile(file, text);
  }
});

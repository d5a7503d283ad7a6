// Waiver dates follow one rule, UTC dates: the same ledger gives the same verdict in every time
// zone, and a hand-written impossible date (2099-02-30) is a finding, never a waiver.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { entryHash } from '../../src/lifecycle/ledger.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, OWNERS_YAML, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: dates
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
  const waived = await lepton(repo, ['waive', 'prototype', '--reason', 'later', '--until', '2026-06-15'], { as: ADA, now: '2026-06-15T12:00:00Z' });
  expect(waived.exitCode, waived.stderr).toBe(0);
});
afterAll(async () => repo.cleanup());

// 2026-06-16 03:00 UTC is still 2026-06-15 in Los Angeles and already 2026-06-16 in Shanghai.
const AFTER_UTC_MIDNIGHT = '2026-06-16T03:00:00Z';

it('a waiver ends at the end of its day in UTC, whatever the local time zone', async () => {
  for (const zone of ['America/Los_Angeles', 'Asia/Shanghai', 'UTC']) {
    const gate = await lepton(repo, ['gate', '--format', 'json'], { now: AFTER_UTC_MIDNIGHT, env: { TZ: zone } });
    expect(gate.exitCode, zone).toBe(1);
    expect(JSON.parse(gate.stdout).checks[0], zone).toMatchObject({ status: 'fail', message: expect.stringContaining('waiver expired on 2026-06-15') });
  }
  const sameDay = await lepton(repo, ['gate', '--format', 'json'], { now: '2026-06-15T23:30:00Z', env: { TZ: 'Asia/Shanghai' } });
  expect(JSON.parse(sameDay.stdout).checks[0]).toMatchObject({ status: 'waived' });
});

it('an impossible until date in the ledger is reported by verify and waives nothing', async () => {
  const file = path.join(repo.dir, '.lepton/ledger.jsonl');
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  const entry = JSON.parse(lines.at(-1)!);
  entry.until = '2099-02-30';
  entry.hash = entryHash(entry);
  lines[lines.length - 1] = JSON.stringify(entry);
  await writeFile(file, `${lines.join('\n')}\n`);
  const verify = await lepton(repo, ['verify', '--format', 'json'], { now: '2026-06-15T12:00:00Z' });
  expect(verify.exitCode).toBe(1);
  expect(JSON.parse(verify.stdout).problems).toEqual([expect.objectContaining({ seq: entry.seq, message: expect.stringContaining('"2099-02-30" is not a calendar date') })]);
  const gate = await lepton(repo, ['gate', '--format', 'json'], { now: '2026-06-15T12:00:00Z' });
  expect(JSON.parse(gate.stdout).checks[0]).toMatchObject({ status: 'fail' });
});

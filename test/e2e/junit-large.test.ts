// A 60 MB JUnit report (under the 64 MiB report cap) took 3 GB: the whole document was built as a
// tree. The tests check now streams it through a SAX parser; `gate` under a 256 MB V8 heap (which
// the tree blew through) counts every test case and names the first failures.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project:
  name: big-junit
  owners:
    - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: unit-tests, tests: { junit: "reports/junit.xml", min: 1 } }
  - id: design
    title: Design
`;

// Small test cases, many of them: the tree cost far more per byte than its text.
const CASES = 1_150_000;
let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'reports/.keep': '' } });
  const file = await open(path.join(repo.dir, 'reports/junit.xml'), 'w');
  await file.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="pytest">\n');
  const batch: string[] = [];
  for (let index = 0; index < CASES; index++) {
    const failure = index % 10_000 === 0 ? `<failure message="assert ${index} == 0"/>` : '';
    batch.push(`<testcase classname="t.a" name="t${index}">${failure}</testcase>\n`);
    if (batch.length === 10_000) await file.write(batch.splice(0).join(''));
  }
  await file.write(`${batch.join('')}</testsuite></testsuites>\n`);
  const { size } = await file.stat();
  await file.close();
  expect(size).toBeGreaterThan(60_000_000);
});
afterAll(async () => {
  await repo.cleanup();
});

it('gate reads a 60 MB JUnit report within a 256 MB heap', async () => {
  const gate = await runLepton(['gate', '--format', 'json'], { cwd: repo.dir, env: { NODE_OPTIONS: '--max-old-space-size=256' }, timeout: 120_000 });
  expect(gate.exitCode, gate.stderr.slice(0, 2000)).toBe(1);
  const check = JSON.parse(gate.stdout).checks.find((item: { id: string }) => item.id === 'unit-tests');
  expect(check.message).toBe(`${CASES} tests, ${CASES / 10_000} failed in 1 file`);
  expect(check.problems[0]).toEqual({ file: 'reports/junit.xml', message: 't.a.t0 failed: assert 0 == 0' });
}, 180_000);

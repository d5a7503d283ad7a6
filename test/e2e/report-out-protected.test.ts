// `report --out` never replaces lepton.yaml or the ledger with a report, even with --force: exit 2
// saying why, the file untouched, and no hint offering --force.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/git-repo.js';
import { createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: churn
  owners: [{ name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }]
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan-written, doc: docs/poc-plan.md }
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(MANIFEST);
  const ended = await lepton(repo, ['terminate', '--reason', 'writes a ledger']);
  expect(ended.exitCode, ended.stderr).toBe(0);
});
afterAll(() => repo.cleanup());

describe('report --out onto lepton.yaml or the ledger', () => {
  for (const [out, force] of [
    ['lepton.yaml', false],
    ['lepton.yaml', true],
    ['./sub/../lepton.yaml', true],
    ['.lepton/ledger.jsonl', false],
    ['.lepton/ledger.jsonl', true],
  ] as const) {
    it(`refuses ${out}${force ? ' with --force' : ''}`, async () => {
      const file = path.join(repo.dir, out);
      const before = await readFile(file, 'utf8');
      const report = await lepton(repo, ['report', '--out', out, ...(force ? ['--force'] : [])]);
      expect(report.exitCode).toBe(2);
      expect(report.stderr).toMatch(/never replaces (lepton\.yaml|the ledger)/);
      expect(report.stderr).not.toContain('--force to replace');
      expect(report.stderr).toContain('--out lepton-report.html');
      expect(await readFile(file, 'utf8')).toBe(before);
    });
  }
});

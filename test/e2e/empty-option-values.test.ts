// An option given an empty value (`gate --phase ""`, `-C ""`, `--manifest ""`) is a mistake, most
// often an unset shell variable: it exits 2 naming the option instead of running as if it were not
// given, on the fast path (gate, status) and through commander (init, advance) alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/git-repo.js';
import { createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project: { name: churn }
phase: poc
phases:
  - id: poc
    title: Proof of concept
  - id: design
    title: Design
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(MANIFEST);
});
afterAll(() => repo.cleanup());

describe('empty option values', () => {
  for (const [args, option] of [
    [['gate', '--phase', ''], '--phase'],
    [['gate', '--phase='], '--phase'],
    [['-C', '', 'gate'], '--cwd'],
    [['gate', '-C', ''], '--cwd'],
    [['status', '--manifest', ''], '--manifest'],
    [['advance', '--dry-run', '-C', ''], '--cwd'],
    [['-C', '', 'hooks', 'run', 'pre-push'], '--cwd'],
  ] as const) {
    it(`lepton ${args.map((arg) => (arg === '' ? '""' : arg)).join(' ')} exits 2 naming ${option}`, async () => {
      const result = await lepton(repo, [...args]);
      expect(result.exitCode, result.stdout + result.stderr).toBe(2);
      expect(result.stderr).toContain(option);
      expect(result.stderr).toContain('empty');
      expect(result.stdout).toBe('');
    });
  }
});

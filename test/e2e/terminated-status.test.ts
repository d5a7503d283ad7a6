// After `lepton terminate`, `status` says first that the project has ended (when, by whom, why)
// instead of leading with "▶ poc ← current" and its failing gate, and `gate` says it too (its exit
// code is still the gate's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: churn
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan-written, doc: docs/poc-plan.md }
  - id: design
    title: Design
`;

let repo: TempRepo;

beforeAll(async () => {
  repo = await createProject(MANIFEST);
  const ended = await lepton(repo, ['terminate', '--reason', 'No-go: accuracy 0.71'], { now: '2026-06-15T10:00:00Z' });
  expect(ended.exitCode, ended.stderr).toBe(0);
});
afterAll(() => repo.cleanup());

describe('a terminated project', () => {
  it('status leads with the end: when, by whom and why, and marks no phase current', async () => {
    const status = await lepton(repo, ['status']);
    expect(status.exitCode, status.stderr).toBe(0);
    const lines = status.stdout.split('\n');
    expect(lines[1]).toBe('Ended: terminated on 2026-06-15 by Ada Lovelace in poc: No-go: accuracy 0.71');
    expect(status.stdout).not.toContain('← current');
    expect(status.stdout).toMatch(/✖ poc +Proof of concept {2}← ended here/);
    expect(status.stdout).not.toContain('Next:');
  });

  it('gate says the project has ended and keeps the exit code of the gate', async () => {
    const gate = await lepton(repo, ['gate']);
    expect(gate.exitCode).toBe(1);
    expect(gate.stderr).toContain('note: the project has ended: terminated on 2026-06-15 by Ada Lovelace in poc: No-go: accuracy 0.71');
  });
});

// Terminal escapes in ledger reasons and in files (an OSC window title, clear screen, a carriage
// return) never reach the terminal raw: `history` and `gate` show them as visible escapes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, OWNERS_YAML, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: escapes
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype, file: "src/*.py" }
      - { id: plan, doc: docs/plan.md }
  - id: design
    title: Design
`;
const ATTACK = '\u001b]0;owned\u0007\u001b[2J\rall fine';
// Any control character but the line breaks lepton itself prints.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createProject(MANIFEST, { 'docs/plan.md': `# Plan\n\n## Goal \u001b[2J\r\n\nTODO\n` });
});
afterAll(async () => repo.cleanup());

it('history and gate neutralise control characters from the ledger and from files', async () => {
  const waived = await lepton(repo, ['waive', 'prototype', '--reason', ATTACK, '--until', '2099-01-01'], { as: ADA, now: '2026-06-15T12:00:00Z' });
  expect(waived.exitCode, waived.stderr).toBe(0);
  const history = await lepton(repo, ['history'], { now: '2026-06-15T12:00:00Z' });
  expect(history.exitCode).toBe(0);
  expect(history.stdout).not.toMatch(RAW_CONTROL);
  expect(history.stdout).toContain('\\x1b]0;owned\\x07\\x1b[2J\\rall fine');
  const gate = await lepton(repo, ['gate'], { now: '2026-06-15T12:00:00Z' });
  expect(gate.exitCode).toBe(1);
  expect(gate.stdout).not.toMatch(RAW_CONTROL);
  expect(gate.stdout).toContain('\\x1b]0;owned');
  expect(gate.stdout).toContain("in 'Goal \\x1b[2J");
});

// Terminal escapes in ledger reasons and in files (an OSC window title, clear screen, a carriage
// return) never reach the terminal raw: `history` and `gate` show them as visible escapes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, OWNERS_YAML, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: escapes
  description: "a description \\e]0;owned\\a\\e[2J"
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
  expect(waived.stdout).not.toMatch(RAW_CONTROL);
  expect(waived.stdout).toContain('until 2099-01-01: \\x1b]0;owned');
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

it('markdown, GitHub annotations, status and error messages neutralise them too', async () => {
  // The waiver of the first test is in the ledger: its reason reaches every report of the gate.
  const outputs: Record<string, string> = {};
  for (const format of ['markdown', 'github']) {
    const gate = await lepton(repo, ['gate', '--format', format], { now: '2026-06-15T12:00:00Z' });
    expect(gate.exitCode, `${format}: ${gate.stderr}`).toBe(1);
    outputs[`gate ${format}`] = gate.stdout;
  }
  for (const format of ['pretty', 'markdown', 'github']) {
    const status = await lepton(repo, ['status', '--format', format], { now: '2026-06-15T12:00:00Z' });
    expect(status.exitCode, `${format}: ${status.stderr}`).toBe(0);
    outputs[`status ${format}`] = status.stdout;
  }
  for (const [name, text] of Object.entries(outputs)) {
    expect(text, name).not.toMatch(RAW_CONTROL);
    expect(text, name).toContain('\\x1b');
  }
  // Each workflow command stays one line: the escapes are shown, `\r` and line breaks get GitHub's own encoding.
  const annotations = outputs['gate github']!.split('\n').filter((line) => line.startsWith('::warning') || line.startsWith('::error'));
  expect(annotations.find((line) => line.includes('waived'))).toContain('\\x1b]0;owned\\x07\\x1b[2J%0Dall fine');

  // An error message that quotes an argument (or a file's content) shows its escapes.
  const refused = await lepton(repo, ['approve', ATTACK], { as: ADA });
  expect(refused.exitCode).toBe(2);
  expect(refused.stderr).not.toMatch(RAW_CONTROL);
  expect(refused.stderr).toContain('no check "\\x1b]0;owned\\x07\\x1b[2J\\rall fine"');
});

it('the confirmation of a move quotes its reason with the escapes shown', async () => {
  const terminated = await lepton(repo, ['terminate', '--reason', ATTACK], { as: ADA, now: '2026-06-16T12:00:00Z' });
  expect(terminated.exitCode, terminated.stderr).toBe(0);
  expect(terminated.stdout).not.toMatch(RAW_CONTROL);
  expect(terminated.stdout).toContain('in poc: \\x1b]0;owned\\x07\\x1b[2J\\rall fine (ledger entry #');
});

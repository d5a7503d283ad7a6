// `--format markdown` opens with the hidden `<!-- lepton-report -->` line CI finds its pull-request
// comment by: once, first, for gate, status and verify, of one project or `--all` of them.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const MARKER = '<!-- lepton-report -->';

const manifest = (name: string) => `version: 1
project: { name: ${name} }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: code, file: "src/*.py" }
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({
    files: { 'a/lepton.yaml': manifest('alpha'), 'a/src/model.py': 'x = 1\n', 'b/lepton.yaml': manifest('beta') },
  });
});
afterAll(() => repo.cleanup());

const markers = (text: string) => text.split('\n').filter((line) => line.includes(MARKER)).length;

describe('the Markdown marker', () => {
  it.each(['gate', 'status', 'verify'])('opens %s --format markdown, once', async (command) => {
    const result = await runLepton([command, '--format', 'markdown'], { cwd: path.join(repo.dir, 'a') });
    expect(result.stdout.startsWith(`${MARKER}\n## `), result.stdout).toBe(true);
    expect(markers(result.stdout)).toBe(1);
  });

  it.each(['gate', 'status', 'verify'])('opens %s --all --format markdown, once for every project', async (command) => {
    const result = await runLepton([command, '--all', '--format', 'markdown'], { cwd: repo.dir });
    expect(result.stdout.startsWith(`${MARKER}\n`), result.stdout).toBe(true);
    expect(markers(result.stdout)).toBe(1);
    expect(result.stdout).toContain('# a (alpha)');
    expect(result.stdout).toContain('# b (beta)');
  });
});

// Live progress on a terminal (a real pseudo-terminal through node-pty): gate shows each check as
// it starts and ends and the elapsed time of a slow `run`; --verbose streams its output; nothing of
// it when piped, in CI or with -q.
import { spawn } from '@lydell/node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, LEPTON_BIN, runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project: { name: slow }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: code, file: "src/*.py" }
      - { id: training, run: "echo epoch-one; sleep 3; echo epoch-two" }
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'src/model.py': 'x = 1\n' } });
});
afterAll(() => repo.cleanup());

function onTerminal(args: string[], extra: Record<string, string> = {}): Promise<{ exitCode: number; output: string }> {
  const env = Object.fromEntries(
    Object.entries(cleanEnv({ TERM: 'xterm-256color', NO_COLOR: '1', ...extra })).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const pty = spawn(process.execPath, [LEPTON_BIN, ...args], { name: 'xterm-256color', cols: 120, rows: 40, cwd: repo.dir, env });
  let output = '';
  pty.onData((data) => (output += data));
  return new Promise((resolve) => pty.onExit(({ exitCode }) => resolve({ exitCode, output })));
}

const PROGRESS = /▸ start/;

describe('live progress', () => {
  it('shows each check starting and ending, and the elapsed time of a slow run, on a terminal', async () => {
    const { exitCode, output } = await onTerminal(['gate']);
    expect(exitCode).toBe(0);
    expect(output).toMatch(/▸ start\s+code \(file\)/);
    expect(output).toMatch(/▸ start\s+training \(run\)/);
    expect(output).toMatch(/… running: training [23]\.\d s/);
    expect(output).toMatch(/pass\s+training \d\.\d s/);
    expect(output).not.toContain('│ epoch-one');
    // The report follows the progress.
    expect(output.lastIndexOf('gate passed')).toBeGreaterThan(output.lastIndexOf('▸ start'));
  }, 30_000);

  it('shows the same progress for advance', async () => {
    const { exitCode, output } = await onTerminal(['advance', '--dry-run']);
    expect(exitCode).toBe(0);
    expect(output).toMatch(/▸ start\s+training \(run\)[\s\S]*pass\s+training \d\.\d s[\s\S]*Dry run:/);
  }, 30_000);

  it("streams a run check's output with --verbose", async () => {
    const { output } = await onTerminal(['gate', '--verbose']);
    expect(output).toMatch(/│ epoch-one[\s\S]*│ epoch-two[\s\S]*pass\s+training/);
  }, 30_000);

  it('shows none with -q, in CI, or when piped', async () => {
    expect((await onTerminal(['gate', '-q'])).output).not.toMatch(PROGRESS);
    expect((await onTerminal(['gate'], { CI: 'true' })).output).not.toMatch(PROGRESS);
    const piped = await runLepton(['gate', '--verbose'], { cwd: repo.dir });
    expect(piped.exitCode).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toMatch(PROGRESS);
  }, 30_000);
});

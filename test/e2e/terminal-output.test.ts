// On a real terminal (a pseudo-terminal), the pretty report is coloured; in CI it is not.
import pty from '@lydell/node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEPTON_BIN, cleanEnv } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { manifestYaml } from '../helpers/manifest.js';

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({
    files: { 'lepton.yaml': manifestYaml({ name: 'tty', owners: [], phases: [{ id: 'poc', title: 'PoC', gate: [{ id: 'code', file: 'src/*.py' }] }] }) },
  });
});
afterAll(() => repo.cleanup());

function runInTerminal(args: string[], env: Record<string, string | undefined>): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    const terminal = pty.spawn(process.execPath, [LEPTON_BIN, ...args], {
      cwd: repo.dir,
      cols: 120,
      rows: 40,
      env: cleanEnv({ TERM: 'xterm-256color', ...env }) as Record<string, string>,
    });
    let output = '';
    terminal.onData((data) => {
      output += data;
    });
    terminal.onExit(({ exitCode }) => resolve({ exitCode, output }));
  });
}

describe('output on a terminal', () => {
  it('is coloured', async () => {
    const { exitCode, output } = await runInTerminal(['gate'], {});
    expect(exitCode).toBe(1);
    expect(output).toMatch(/\u001b\[\d+m/);
    expect(output).toMatch(/code/);
  });

  it('is plain in CI and with NO_COLOR', async () => {
    expect((await runInTerminal(['gate'], { CI: 'true' })).output).not.toMatch(/\u001b\[\d+m/);
    expect((await runInTerminal(['gate'], { NO_COLOR: '1' })).output).not.toMatch(/\u001b\[\d+m/);
  });
});

// The command line's own pages: help (as a flag and as a command) and `lepton schema`, through the built CLI.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';

const COMMANDS = ['init', 'status', 'gate', 'advance', 'approve', 'waive', 'reopen', 'terminate', 'history', 'verify', 'generate', 'validate', 'schema', 'hooks', 'ci'];

describe('help', () => {
  it('--help lists every command and exits 0', async () => {
    const result = await runLepton(['--help']);
    expect(result.exitCode).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('`lepton help gate` shows the gate page and exits 0, as `lepton gate --help` does', async () => {
    const asCommand = await runLepton(['help', 'gate']);
    const asFlag = await runLepton(['gate', '--help']);
    expect(asCommand.exitCode).toBe(0);
    expect(asFlag.exitCode).toBe(0);
    expect(asCommand.stdout).toMatch(/^Usage: lepton gate/m);
    expect(asCommand.stdout).toBe(asFlag.stdout);
  });

  it('an unknown command is exit 2', async () => {
    const result = await runLepton(['gates']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'gates'/);
  });
});

describe('lepton schema', () => {
  it('prints the JSON Schema committed in schema/, and nothing else', async () => {
    const result = await runLepton(['schema']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const committed = await readFile(fileURLToPath(new URL('../../schema/lepton.schema.json', import.meta.url)), 'utf8');
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(committed));
  });
});

// Every command of the command table, the ones version 2 added among them, is on `lepton --help`
// and has a help page with examples.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/table.js';
import { runLepton } from '../helpers/cli.js';

const visible = COMMANDS.filter((command) => !command.hidden).map((command) => command.name);

describe('lepton --help', () => {
  it('lists every command of the table', async () => {
    expect(visible).toEqual(expect.arrayContaining(['amend', 'baseline', 'report', 'vendor', 'ledger']));
    const result = await runLepton(['--help']);
    expect(result.exitCode).toBe(0);
    for (const name of visible) expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it.each(['amend', 'report', 'vendor'])('gives `lepton %s --help` its examples', async (name) => {
    const result = await runLepton([name, '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Examples:\\n  \\$ lepton ${name}`, 'm'));
  });
});

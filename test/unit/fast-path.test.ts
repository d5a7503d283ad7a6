// The commands parsed without commander accept exactly what commander declares for them, and give
// the command modules the same options; anything unusual is left to commander.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFastPath } from '../../src/cli/fast-path.js';
import { buildProgram } from '../../src/cli/program.js';
import { COMMANDS, GLOBAL_OPTIONS, parseFlags } from '../../src/cli/table.js';

const program = buildProgram(async () => {}, { writeOut: () => {}, writeErr: () => {} });
const longNames = (options: readonly { long?: string }[]) => options.map((option) => option.long!.replace(/^--/, '')).sort();
const FAST = COMMANDS.filter((command) => command.fast);

describe('the fast path', () => {
  it('reads the same global options as commander', () => {
    expect(GLOBAL_OPTIONS.map((option) => parseFlags(option.flags).long).sort()).toEqual(longNames(program.options).filter((name) => name !== 'version'));
  });

  it.each(FAST.map((command) => command.name))('reads the same options for %s as commander', (name) => {
    const command = program.commands.find((candidate) => candidate.name() === name)!;
    const spec = FAST.find((candidate) => candidate.name === name)!;
    expect((spec.options ?? []).map((option) => parseFlags(option.flags).long).sort()).toEqual(longNames(command.options));
    for (const option of spec.options ?? []) {
      const { long, takesValue } = parseFlags(option.flags);
      const declared = command.options.find((candidate) => candidate.long === `--${long}`)!;
      expect(declared.required || declared.optional, long).toBe(takesValue);
      if (option.choices) expect(declared.argChoices).toEqual([...option.choices]);
    }
  });

  it('gives the command the options commander would', async () => {
    const argv = ['gate', '--only', 'a,b', '--only', 'c', '--concurrency', '3', '--format', 'json', '--completed'];
    let fromCommander: Record<string, unknown> = {};
    const parsingProgram = buildProgram(
      async (_load, _args, command) => {
        fromCommander = command.opts();
      },
      { writeOut: () => {}, writeErr: () => {} },
    );
    await parsingProgram.parseAsync(argv, { from: 'user' });
    const fast = parseFastPath(argv);
    expect(fast).toMatchObject({ kind: 'command', options: fromCommander });
  });

  it('parses a plain gate invocation into the options commander would give', () => {
    const parsed = parseFastPath(['gate', '--only', 'a,b', '--only', 'c', '--concurrency', '3', '--format', 'json', '-C', 'sub', '--no-color', '--completed']);
    expect(parsed).toMatchObject({
      kind: 'command',
      options: { only: ['a', 'b', 'c'], concurrency: 3, format: 'json', completed: true },
      globals: { cwd: path.resolve('sub'), quiet: false },
      noColor: true,
    });
  });

  it('hands `hooks run pre-push <remote> <url>` straight to the hook runner', () => {
    expect(parseFastPath(['hooks', 'run', 'pre-push', 'origin', 'file:///tmp/remote.git'])).toMatchObject({
      kind: 'command',
      args: ['pre-push', ['origin', 'file:///tmp/remote.git']],
      options: {},
    });
    expect(parseFastPath(['-C', 'sub', 'hooks', 'run', 'pre-push', '--', 'origin', '/tmp/remote.git'])).toMatchObject({
      kind: 'command',
      args: ['pre-push', ['origin', '/tmp/remote.git']],
      globals: { cwd: path.resolve('sub') },
    });
    const hooks = program.commands.find((candidate) => candidate.name() === 'hooks')!;
    expect(hooks.commands.find((candidate) => candidate.name() === 'run')!.options).toEqual([]);
  });

  it('answers --version by itself', () => {
    expect(parseFastPath(['--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['gate', '--help']],
    [['gate', '--concurrency', '0']],
    [['gate', '--format', 'xml']],
    [['gate', '--frobnicate']],
    [['gate', 'extra']],
    [['-C', 'dir', 'gate']],
    [['init', 'demo']],
    [[]],
  ])('leaves %j to commander', (argv) => {
    expect(parseFastPath(argv)).toBeUndefined();
  });
});

// The commands parsed without commander accept exactly what commander declares for them, and give
// the command modules the same options; anything unusual is left to commander.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST_COMMANDS, GLOBAL_OPTIONS, parseFastPath } from '../../src/fast-path.js';
import { buildProgram } from '../../src/program.js';

const program = buildProgram(async () => {}, { writeOut: () => {}, writeErr: () => {} });
const longNames = (options: readonly { long?: string }[]) => options.map((option) => option.long!.replace(/^--/, '')).sort();

describe('the fast path', () => {
  it('declares the same global options as commander', () => {
    expect(GLOBAL_OPTIONS.map((option) => option.name).sort()).toEqual(longNames(program.options).filter((name) => name !== 'version'));
  });

  it.each(Object.keys(FAST_COMMANDS))('declares the same options for %s as commander', (name) => {
    const command = program.commands.find((candidate) => candidate.name() === name)!;
    expect(FAST_COMMANDS[name]!.options.map((option) => option.name).sort()).toEqual(longNames(command.options));
    for (const option of FAST_COMMANDS[name]!.options) {
      const declared = command.options.find((candidate) => candidate.long === `--${option.name}`)!;
      expect(declared.required || declared.optional, option.name).toBe(option.takesValue);
      if (option.choices) expect(declared.argChoices).toEqual([...option.choices]);
    }
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

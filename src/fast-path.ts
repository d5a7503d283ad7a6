// The commands that hooks and CI run on every push (gate, validate, status, verify, --version),
// parsed without loading commander: start-up time is most of their cost. Anything unusual
// (help, an unknown option, a bad value) goes to the full command line in program.ts, which
// explains the problem. A test keeps these tables in step with program.ts.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandRun, GlobalOptions } from './commands/types.js';

declare const __LEPTON_VERSION__: string;
export const VERSION = typeof __LEPTON_VERSION__ === 'string' ? __LEPTON_VERSION__ : '0.0.0-dev';

export const FORMATS = ['pretty', 'json', 'junit', 'github', 'markdown'] as const;
/** gate also writes SARIF (code scanning), which has no form for status or verify. */
export const GATE_FORMATS = [...FORMATS, 'sarif'] as const;

export type CommandModule = { run: CommandRun<any> };

export interface FastOption {
  /** The long name, as on the command line (`only`, `no-color`). */
  name: string;
  takesValue: boolean;
  short?: string;
  choices?: readonly string[];
  /** Parses and checks a value; undefined means "not valid: let the full parser explain". */
  parse?: (value: string) => unknown;
  /** Repeatable (`--only a --only b,c`): each value is parsed and the lists are joined. */
  multiple?: boolean;
}

/** The global options as commands get them, from either parser's raw values. */
export function globalOptions(raw: { cwd?: string | undefined; manifest?: string | undefined; quiet?: boolean | undefined }): GlobalOptions {
  return { cwd: path.resolve(raw.cwd ?? '.'), manifest: raw.manifest, quiet: Boolean(raw.quiet) };
}

/** A positive whole number, or undefined. */
export function parsePositiveInteger(value: string): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? number : undefined;
}

/** `a,b, c` → ['a', 'b', 'c']. */
export function splitIds(value: string): string[] {
  return value.split(',').map((id) => id.trim()).filter(Boolean);
}

export const GLOBAL_OPTIONS: FastOption[] = [
  { name: 'cwd', short: 'C', takesValue: true },
  { name: 'manifest', takesValue: true },
  { name: 'no-color', takesValue: false },
  { name: 'quiet', short: 'q', takesValue: false },
];

const format: FastOption = { name: 'format', takesValue: true, choices: FORMATS };
const all: FastOption = { name: 'all', takesValue: false };
const junit: FastOption = { name: 'junit', takesValue: true };

export const FAST_COMMANDS: Record<string, { load: () => Promise<CommandModule>; options: FastOption[] }> = {
  gate: {
    load: () => import('./commands/gate.js'),
    options: [
      { name: 'phase', takesValue: true },
      { name: 'completed', takesValue: false },
      { name: 'only', takesValue: true, multiple: true, parse: splitIds },
      { name: 'format', takesValue: true, choices: GATE_FORMATS },
      { name: 'concurrency', takesValue: true, parse: parsePositiveInteger },
      junit,
      { name: 'sarif', takesValue: true },
      { name: 'verbose', takesValue: false },
      all,
    ],
  },
  validate: { load: () => import('./commands/validate.js'), options: [] },
  status: { load: () => import('./commands/status.js'), options: [format, all] },
  verify: { load: () => import('./commands/verify.js'), options: [{ name: 'strict', takesValue: false }, format, junit, all] },
};

export type FastInvocation =
  | { kind: 'version' }
  | { kind: 'command'; load: () => Promise<CommandModule>; args: unknown[]; options: Record<string, unknown>; globals: GlobalOptions; noColor: boolean };

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** The invocation, when argv is a plain use of a fast command; undefined sends it to commander. */
export function parseFastPath(argv: readonly string[]): FastInvocation | undefined {
  if (argv.length === 1 && argv[0] === '--version') return { kind: 'version' };
  const hookRun = parseHookRun(argv);
  if (hookRun) return hookRun;
  const commandIndex = argv.findIndex((arg) => !arg.startsWith('-'));
  const name = argv[commandIndex];
  const command = name === undefined ? undefined : FAST_COMMANDS[name];
  // A global option's value would look like a command word: leave such lines to commander.
  if (!command || argv.slice(0, commandIndex).some((arg) => !arg.startsWith('--') || ['--cwd', '--manifest'].includes(arg))) return undefined;
  const specs = [...GLOBAL_OPTIONS, ...command.options];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)],
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(specs.map((spec) => [spec.name, {
        type: spec.takesValue ? 'string' as const : 'boolean' as const,
        ...(spec.short && { short: spec.short }),
        ...(spec.multiple && { multiple: true }),
      }])),
    });
  } catch {
    return undefined;
  }
  const options: Record<string, unknown> = {};
  for (const spec of command.options) {
    const raw = parsed.values[spec.name];
    if (raw === undefined) continue;
    if (spec.choices && !spec.choices.includes(raw as string)) return undefined;
    const value = spec.multiple ? (raw as string[]).flatMap((one) => (spec.parse ? (spec.parse(one) as unknown[]) : [one])) : spec.parse ? spec.parse(raw as string) : raw;
    if (value === undefined) return undefined;
    options[camelCase(spec.name)] = value;
  }
  const values = parsed.values as { cwd?: string; manifest?: string; 'no-color'?: boolean; quiet?: boolean };
  return {
    kind: 'command',
    load: command.load,
    args: [],
    options,
    globals: globalOptions(values),
    noColor: Boolean(values['no-color']),
  };
}

/**
 * What git's pre-push hook runs: `lepton [-C DIR] hooks run pre-push [--] <remote> <url>`
 * (lepton's own hook passes -C and --; husky and lefthook call it without).
 */
function parseHookRun(argv: readonly string[]): FastInvocation | undefined {
  let rest = [...argv];
  let cwd = '.';
  if (rest[0] === '-C' || rest[0] === '--cwd') {
    if (rest[1] === undefined) return undefined;
    cwd = rest[1];
    rest = rest.slice(2);
  }
  if (rest[0] !== 'hooks' || rest[1] !== 'run' || rest[2] === undefined || rest[2].startsWith('-')) return undefined;
  const gitArgs = rest[3] === '--' ? rest.slice(4) : rest.slice(3);
  if (gitArgs.some((arg) => arg.startsWith('-'))) return undefined;
  return {
    kind: 'command',
    load: () => import('./commands/hooks-run.js'),
    args: [rest[2], gitArgs],
    options: {},
    globals: globalOptions({ cwd }),
    noColor: false,
  };
}

// The shapes of lepton's command-line table (table.ts), the options several commands share, and
// how a value on the command line is read; both parsers (program.ts, fast-path.ts) use them.
import type { CommandRun } from '../commands/types.js';

// biome-ignore lint/suspicious/noExplicitAny: each command declares its own options type; the table holds them all.
export type CommandModule = { run: CommandRun<any> };

export const FORMATS = ['pretty', 'json', 'junit', 'github', 'markdown'] as const;
/** gate also writes SARIF (code scanning), which has no form for status or verify. */
export const GATE_FORMATS = [...FORMATS, 'sarif'] as const;
export const LIFECYCLE_FORMATS = ['pretty', 'json'] as const;

export interface OptionSpec {
  /** As commander writes them: `-C, --cwd <dir>`, `--no-color`, `--only <ids>`. */
  flags: string;
  description: string;
  choices?: readonly string[];
  /** How a value is read: a positive whole number, comma-separated ids (repeatable), or a repeatable string. */
  value?: 'positive-integer' | 'ids' | 'repeatable';
  required?: boolean;
  default?: string;
}

export interface ArgumentSpec {
  /** `<check-id>`, `[dir]`, `[templates...]`. */
  syntax: string;
  description: string;
  default?: string;
}

export interface CommandSpec {
  name: string;
  description: string;
  args?: ArgumentSpec[];
  options?: OptionSpec[];
  examples?: string[];
  load?: () => Promise<CommandModule>;
  /** Parsed without commander when the invocation is plain (start-up is most of their cost). */
  fast?: boolean;
  hidden?: boolean;
  subcommands?: CommandSpec[];
}

/** An option of the table: its flags, what it does, and anything more its spec says (choices, a value parser, required…). */
export function option(flags: string, description: string, more: Omit<OptionSpec, 'flags' | 'description'> = {}): OptionSpec {
  return { flags, description, ...more };
}

export const format: OptionSpec = { flags: '--format <format>', description: 'output format (default: pretty, or github inside GitHub Actions)', choices: FORMATS };
export const lifecycleFormat: OptionSpec = { flags: '--format <format>', description: 'output format (default: pretty)', choices: LIFECYCLE_FORMATS };
export const all: OptionSpec = { flags: '--all', description: 'every project below the current folder' };
export const junit: OptionSpec = { flags: '--junit <file>', description: 'also write the report as JUnit XML to FILE (for CI test reports)' };
export const verbose: OptionSpec = { flags: '--verbose', description: 'on a terminal, stream the output of run checks as they go' };
export const phase: OptionSpec = { flags: '--phase <id>', description: 'the phase of the check (default: the current phase)' };
export const reason = (what: string): OptionSpec => ({ flags: '--reason <text>', description: `why ${what} (required)`, required: true });

/** The parts of commander's flags string: `-C, --cwd <dir>` → { long: 'cwd', short: 'C', takesValue: true }. */
export function parseFlags(flags: string): { long: string; short?: string; takesValue: boolean } {
  const long = /--([a-z][a-z-]*)/.exec(flags)?.[1];
  if (!long) throw new Error(`option "${flags}" has no long name`);
  const short = /(?:^|\s)-([a-zA-Z])\b/.exec(flags)?.[1];
  return { long, ...(short && { short }), takesValue: /[<[]/.test(flags) };
}

/** A positive whole number, or undefined. */
export function parsePositiveInteger(value: string): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? number : undefined;
}

/** `a,b, c` → ['a', 'b', 'c']. */
export function splitIds(value: string): string[] {
  return value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

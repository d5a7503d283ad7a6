// The commands that hooks and CI run on every push (the table's `fast` commands and `--version`),
// parsed without loading commander: start-up time is most of their cost. Anything unusual (help,
// an unknown option, a bad value) goes to commander (program.ts), which explains the problem.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { GlobalOptions } from '../commands/types.js';
import { COMMANDS, GLOBAL_OPTIONS, parseFlags, parsePositiveInteger, splitIds, type CommandModule, type CommandSpec, type OptionSpec } from './table.js';

export type FastInvocation =
  | { kind: 'version' }
  | { kind: 'command'; load: () => Promise<CommandModule>; args: unknown[]; options: Record<string, unknown>; globals: GlobalOptions; noColor: boolean };

/** The global options as commands get them, from either parser's raw values. */
export function globalOptions(raw: { cwd?: string | undefined; manifest?: string | undefined; quiet?: boolean | undefined }): GlobalOptions {
  return { cwd: path.resolve(raw.cwd ?? '.'), manifest: raw.manifest, quiet: Boolean(raw.quiet) };
}

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** An option's value as commander's parser would give it; undefined when commander would refuse it. */
function optionValue(spec: OptionSpec, raw: string | string[] | boolean): unknown {
  if (typeof raw === 'boolean') return raw;
  const values = Array.isArray(raw) ? raw : [raw];
  if (spec.choices && values.some((value) => !spec.choices!.includes(value))) return undefined;
  switch (spec.value) {
    case 'positive-integer':
      return parsePositiveInteger(values.at(-1)!);
    case 'ids':
      return values.flatMap(splitIds);
    case 'repeatable':
      return values;
    default:
      return values.at(-1);
  }
}

function parseOptions(specs: readonly OptionSpec[]) {
  return Object.fromEntries(
    specs.map((spec) => {
      const { long, short, takesValue } = parseFlags(spec.flags);
      return [
        long,
        {
          type: takesValue ? ('string' as const) : ('boolean' as const),
          ...(short && { short }),
          ...(takesValue && { multiple: true }),
        },
      ];
    }),
  );
}

/** The invocation, when argv is a plain use of a fast command; undefined sends it to commander. */
export function parseFastPath(argv: readonly string[], commands: readonly CommandSpec[] = COMMANDS): FastInvocation | undefined {
  if (argv.length === 1 && argv[0] === '--version') return { kind: 'version' };
  const hookRun = parseHookRun(argv, commands);
  if (hookRun) return hookRun;
  const commandIndex = argv.findIndex((arg) => !arg.startsWith('-'));
  const command = commands.find((spec) => spec.fast && spec.name === argv[commandIndex]);
  // A global option's value would look like a command word: leave such lines to commander.
  if (!command?.load || argv.slice(0, commandIndex).some((arg) => !arg.startsWith('--') || ['--cwd', '--manifest'].includes(arg))) return undefined;
  const specs = [...GLOBAL_OPTIONS, ...(command.options ?? [])];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)], strict: true, allowPositionals: false, options: parseOptions(specs) });
  } catch {
    return undefined;
  }
  // An empty value goes to commander, which refuses it.
  if (Object.values(parsed.values).some((value) => value === '' || (Array.isArray(value) && value.includes('')))) return undefined;
  const options: Record<string, unknown> = {};
  for (const spec of command.options ?? []) {
    const { long } = parseFlags(spec.flags);
    const raw = parsed.values[long];
    if (raw === undefined) continue;
    const value = optionValue(spec, raw as string | string[] | boolean);
    if (value === undefined) return undefined;
    options[camelCase(long)] = value;
  }
  const global = (name: string) => (parsed.values[name] as string[] | undefined)?.at(-1);
  return {
    kind: 'command',
    load: command.load,
    args: [],
    options,
    globals: globalOptions({ cwd: global('cwd'), manifest: global('manifest'), quiet: Boolean(parsed.values.quiet) }),
    noColor: Boolean(parsed.values['no-color']),
  };
}

/**
 * What git's pre-push hook runs: `lepton [-C DIR] hooks run pre-push [--] <remote> <url>`
 * (lepton's own hook passes -C and --; husky and lefthook call it without).
 */
function parseHookRun(argv: readonly string[], commands: readonly CommandSpec[]): FastInvocation | undefined {
  let rest = [...argv];
  let cwd = '.';
  if (rest[0] === '-C' || rest[0] === '--cwd') {
    if (!rest[1]) return undefined;
    cwd = rest[1];
    rest = rest.slice(2);
  }
  if (rest[0] !== 'hooks' || rest[1] !== 'run' || rest[2] === undefined || rest[2].startsWith('-')) return undefined;
  const load = commands.find((spec) => spec.name === 'hooks')?.subcommands?.find((spec) => spec.name === 'run')?.load;
  const gitArgs = rest[3] === '--' ? rest.slice(4) : rest.slice(3);
  if (!load || gitArgs.some((arg) => arg.startsWith('-'))) return undefined;
  return { kind: 'command', load, args: [rest[2], gitArgs], options: {}, globals: globalOptions({ cwd }), noColor: false };
}

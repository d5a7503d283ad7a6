// Builds commander's program from the command table. Loaded only for invocations the fast path
// leaves alone: help, init, the lifecycle moves, and anything to explain (a bad option or value).
import { Command, InvalidArgumentError, Option } from 'commander';
import type { GlobalOptions } from '../commands/types.js';
import { VERSION } from '../version.js';
import { globalOptions } from './fast-path.js';
import { COMMANDS, GLOBAL_OPTIONS, PROGRAM, parsePositiveInteger, splitIds, type CommandModule, type CommandSpec, type OptionSpec } from './table.js';

export type Invoke = (load: () => Promise<CommandModule>, args: unknown[], command: Command) => Promise<void>;

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

const VALUE_PARSERS: Record<NonNullable<OptionSpec['value']>, (value: string, previous?: unknown) => unknown> = {
  'positive-integer': (value) => {
    const number = parsePositiveInteger(value);
    if (number === undefined) throw new InvalidArgumentError('expected a positive whole number');
    return number;
  },
  ids: (value, previous) => [...((previous as string[] | undefined) ?? []), ...splitIds(value)],
  repeatable: (value, previous) => [...((previous as string[] | undefined) ?? []), value],
};

/** An empty value (`--phase ""`, often an unset shell variable) is refused rather than read as no option. */
function nonEmpty(parse?: (value: string, previous?: unknown) => unknown) {
  return (value: string, previous?: unknown) => {
    if (value === '') throw new InvalidArgumentError('it is empty; give a value, or leave the option out');
    return parse ? parse(value, previous) : value;
  };
}

function optionOf(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  const parse = spec.value && VALUE_PARSERS[spec.value];
  if (option.required && !spec.choices) option.argParser(nonEmpty(parse));
  else if (parse) option.argParser(parse);
  if (spec.required) option.makeOptionMandatory();
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

function addCommand(parent: Command, spec: CommandSpec, invoke: Invoke): void {
  const command = parent.command(spec.name, { hidden: Boolean(spec.hidden) }).description(spec.description);
  for (const argument of spec.args ?? []) command.argument(argument.syntax, argument.description, argument.default);
  for (const option of spec.options ?? []) command.addOption(optionOf(option));
  if (spec.examples?.length) command.addHelpText('after', examples(spec.examples));
  for (const sub of spec.subcommands ?? []) addCommand(command, sub, invoke);
  const load = spec.load;
  // commander passes the positional arguments, then the options object and the command.
  if (load) command.action((...args: unknown[]) => invoke(load, args.slice(0, -2), args.at(-1) as Command));
}

export function buildProgram(invoke: Invoke, output: { writeOut: (text: string) => void; writeErr: (text: string) => void }): Command {
  // Set before any subcommand is added: subcommands inherit these settings.
  const program = new Command('lepton')
    .exitOverride()
    .configureOutput(output)
    .description(PROGRAM.description)
    .version(VERSION, '--version', 'print the version')
    .showSuggestionAfterError()
    .showHelpAfterError('hint: add --help for the usage and examples')
    .configureHelp({ sortSubcommands: false })
    .addHelpText('after', examples(PROGRAM.examples));
  for (const option of GLOBAL_OPTIONS) program.addOption(optionOf(option));
  for (const spec of COMMANDS) addCommand(program, spec, invoke);
  return program;
}

/** The global options of a parsed command, as every command module receives them. */
export function globalsOf(command: Command): { globals: GlobalOptions; noColor: boolean } {
  const raw = command.optsWithGlobals() as { cwd?: string; manifest?: string; color?: boolean; quiet?: boolean };
  return { globals: globalOptions(raw), noColor: raw.color === false };
}

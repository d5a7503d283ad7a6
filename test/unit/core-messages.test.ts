// The core layers report facts: a sentence that names one of lepton's command-line flags is
// composed in src/commands/ (messages.ts), where the command line is known.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, GLOBAL_OPTIONS, parseFlags, type CommandSpec } from '../../src/cli/table.js';
import { sourceFiles } from '../helpers/imports.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const CORE = ['manifest', 'gate', 'lifecycle', 'templates'];
/** Text that is not a message: the manifest init writes and the schema's descriptions explain the regression guard; the one command an eval regression hint gives. */
const CONTENT: Record<string, string[]> = {
  'templates/scaffold.ts': ['--completed'],
  'templates/default-gates.ts': ['--completed'],
  'templates/eval-gates.ts': ['--reason'],
  // The regression hint's bless command must run as given, and bless refuses without a reason.
  'gate/checks/eval.ts': ['--reason'],
  'manifest/schema.ts': ['--completed'],
};

function flagsOf(specs: readonly CommandSpec[]): string[] {
  return specs.flatMap((spec) => [...(spec.options ?? []).map((option) => parseFlags(option.flags).long), ...flagsOf(spec.subcommands ?? [])]);
}

const FLAGS = [...new Set([...GLOBAL_OPTIONS.map((option) => parseFlags(option.flags).long), ...flagsOf(COMMANDS)])];

/** Where `text` (a source file with its comments removed) names a lepton flag: `--only`, `-C`. */
function flagMentions(text: string, flags: readonly string[] = FLAGS): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const pattern = new RegExp(`(?<![\\w-])(--(?:${flags.map((flag) => flag.replace(/-/g, '\\-')).join('|')})(?![\\w-])|-C(?=[\\s/'"\`]))`, 'g');
  return [...code.matchAll(pattern)].map((match) => match[1]!);
}

describe('messages of the core layers', () => {
  it("knows lepton's flags", () => {
    expect(FLAGS).toEqual(expect.arrayContaining(['cwd', 'manifest', 'only', 'until', 'reason', 'force', 'strict']));
  });

  it('name no command-line flag', () => {
    const found = sourceFiles(SRC)
      .filter((file) => CORE.includes(file.split('/')[0]!))
      .flatMap((file) =>
        flagMentions(
          readFileSync(path.join(SRC, file), 'utf8'),
          FLAGS.filter((flag) => !CONTENT[file]?.includes(`--${flag}`)),
        ).map((flag) => `${file}: ${flag}`),
      );
    expect(found).toEqual([]);
  });

  it("catches a flag in a message, and leaves other tools' flags and comments alone", () => {
    expect(flagMentions('throw usageError(\'pass --reason "why"\');')).toEqual(['--reason']);
    expect(flagMentions('hint: `check the folder given to -C / --cwd`')).toEqual(['-C', '--cwd']);
    expect(flagMentions("const hint = 'run `pytest --junitxml=reports/junit.xml`';\n// --only in a comment")).toEqual([]);
  });
});

// The sentences of the command line that name its flags: the core layers report facts, and the
// commands put them in the user's terms here.
import { LeptonError, usageError } from '../errors.js';
import type { Phase } from '../manifest/schema.js';

export function onlyWithPhases(): LeptonError {
  return usageError('--phase and --completed cannot be used together', 'pick one');
}

export function recheckAllWithoutCompleted(): LeptonError {
  return usageError('--recheck-all goes with --completed', "the current phase's gate evaluates every check already: `lepton gate --completed --recheck-all`");
}

/** `--only` named ids the selected phases do not have. */
export function onlyNamesNoCheck(unmatched: readonly string[], phases: readonly Phase[]): LeptonError {
  const known = phases.flatMap((phase) => phase.gate.map((check) => check.id));
  return usageError(
    `--only names no check ${unmatched.map((id) => `"${id}"`).join(', ')} in ${phases.map((phase) => phase.id).join(', ') || 'these phases'}`,
    known.length ? `checks here: ${[...new Set(known)].join(', ')}` : 'this gate has no checks',
  );
}

/** `--only` named ids that no project below the folder has. */
export function onlyNamesNoCheckInAnyProject(unmatched: readonly string[]): string {
  return `lepton: --only names no check ${unmatched.map((id) => `"${id}"`).join(', ')} in any project's gate\nhint: check the ids with \`lepton gate --all --format json\`\n`;
}

export function allWithManifest(): LeptonError {
  return usageError('--all and --manifest cannot be used together', 'use -C DIR to choose the folder searched for projects');
}

export function allWithJunit(): LeptonError {
  return usageError('--junit is not available with --all', 'fan out with `lepton ci matrix` and write one JUnit file per project, or use --format json');
}

export function formatNotForAll(format: string): LeptonError {
  return usageError(
    `--format ${format} is not available with --all`,
    'use --format pretty, json, github or markdown; for one JUnit report per project, fan out with `lepton ci matrix`',
  );
}

/**
 * How to fix a problem the core reported, in the command line's terms: the core names the problem
 * (LeptonError `code`) and says what is wrong; only here are flags named. Undefined keeps the core's hint.
 */
export function commandHint(error: LeptonError): string | undefined {
  switch (error.code) {
    case 'no-such-folder':
      return 'check the folder given to -C / --cwd';
    case 'no-manifest':
      return 'run `lepton init` to create one, or pass -C DIR / --manifest FILE';
    case 'named-manifest-unreadable':
      return 'check the path given to --manifest';
    case 'named-manifest-folder': {
      const folder = error.location?.file ?? 'DIR';
      return `pass the file itself (--manifest ${folder.replace(/\/+$/, '')}/lepton.yaml), or -C ${folder} to work in that folder`;
    }
    case 'no-projects':
      return 'run `lepton init` in a project folder, or pass -C DIR';
    case 'file-exists':
      return 'pass --force to overwrite it, or run `lepton init` in another folder';
    case 'ledger-moved':
      return 'init never rewrites a ledger, even with --force; use `lepton generate --force` to re-render documents';
    case 'template-name':
      return 'template names are kebab-case, e.g. poc-plan; see `lepton generate --list`';
    case 'reason-missing':
      return 'pass --reason "why"';
    case 'reopen':
      return `${error.hint ?? 'reopen a phase'}: \`lepton reopen PHASE --reason TEXT\``;
    case 'until':
      return error.hint?.replace(/e\.g\. (\d{4}-\d{2}-\d{2})/, 'e.g. --until $1');
    case 'unknown-template':
      return `${error.hint ?? ''} (\`lepton generate --list\` shows them)`;
    default:
      return undefined;
  }
}

/** A problem the core found with a value the command line gave, named by its flag. */
export function inCommandTerms(error: unknown): unknown {
  if (!(error instanceof LeptonError) || error.code !== 'until') return error;
  return new LeptonError(error.message.replace(/^the last day/, '--until'), { exitCode: error.exitCode, hint: commandHint(error), cause: error });
}

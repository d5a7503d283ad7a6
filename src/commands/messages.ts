// The sentences of the command line that name its flags: the core layers report facts, and the
// commands put them in the user's terms here.
import { EXIT, LeptonError, usageError } from '../errors.js';
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

export function allWithSarif(): LeptonError {
  return usageError('--sarif is not available with --all', 'fan out with `lepton ci matrix` and write one SARIF file per project');
}

export function formatNotForAll(format: string): LeptonError {
  return usageError(
    `--format ${format} is not available with --all`,
    'use --format pretty, json, github or markdown; for one JUnit report per project, fan out with `lepton ci matrix`',
  );
}

/** `advance` refused: `count` files the gate of `from` read (`described`) are not committed as read. */
export function notAdvancedDirty(count: number, from: string, described: string): LeptonError {
  const one = count === 1;
  return new LeptonError(`not advanced: ${one ? 'a file' : `${count} files`} the gate of ${from} read ${one ? 'is' : 'are'} not committed as read: ${described}`, {
    exitCode: EXIT.gateFailed,
    hint: 'the ledger names a commit: commit the evidence first (`git add` them, `git commit`), or record them as dirty with `lepton advance --allow-dirty`',
  });
}

/** `report --all` found no project. */
export function noProjectsBelow(cwd: string): LeptonError {
  return usageError(`no lepton.yaml found in ${cwd} or below it (ignored folders and node_modules are skipped)`, 'run `lepton init` in a project folder, or pass -C DIR');
}

/** `report --out FILE` names a file lepton did not write. */
export function foreignReportFile(shown: string): LeptonError {
  return usageError(`${shown} exists and is not a lepton report`, 'pass --out FILE to write elsewhere, or --force to replace it');
}

/** A file named on the command line (`--junit`, `--sarif`, `--out`) cannot be written. */
export function cannotWriteReport(file: string, error: unknown): LeptonError {
  return new LeptonError(`cannot write ${file}: ${(error as Error).message}`, { hint: 'pass a file in a folder you can write to', cause: error });
}

/** `init` without a terminal to ask on, and questions left open; `flags` answer them. */
export function cannotAsk(ci: boolean, flags: readonly string[]): LeptonError {
  const why = ci ? 'in CI' : 'stdin or stdout is not a terminal';
  return usageError(`cannot ask questions (${why}); missing ${flags.join(', ')}`, 'pass those flags (or --answers FILE.yaml), or pass --yes to take the defaults');
}

export function noGitIdentity(): LeptonError {
  return new LeptonError("no git identity to record as the project's first ledger entry", {
    hint: 'set one: git config --global user.name "Your Name" && git config --global user.email you@example.com',
  });
}

export function prePushNeedsStdin(): LeptonError {
  return usageError(
    "`lepton hooks run pre-push` reads git's pre-push input on stdin",
    'git runs it from the pre-push hook; to check by hand, run `lepton verify` and `lepton gate --completed`',
  );
}

export function noSuchHook(hook: string): LeptonError {
  return usageError(`lepton runs no "${hook}" hook`, 'the one hook is pre-push: `lepton hooks run pre-push`');
}

export function notPrePushInput(message: string): LeptonError {
  return usageError(message, 'this command reads the input git gives a pre-push hook');
}

/** Each side's place on the command line, as git's merge driver passes them (merge.lepton-ledger.driver: `… ledger merge %O %A %B`). */
const LEDGER_ARGUMENTS: Record<string, string> = {
  base: "the first argument (BASE, git's %O)",
  ours: "the second argument (OURS, git's %A)",
  theirs: "the third argument (THEIRS, git's %B)",
};

export function ledgerSideUnreadable(side: string, file: string, error: NodeJS.ErrnoException): LeptonError {
  const why = error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'it is a folder' : error.message;
  return new LeptonError(`cannot read ${file}, ${LEDGER_ARGUMENTS[side]}: ${why}`, {
    hint:
      'it takes three ledger files, BASE OURS THEIRS, and writes the merged ledger to OURS; git passes them itself ' +
      '(.gitattributes names the driver, git config merge.lepton-ledger.driver runs `… ledger merge %O %A %B`, set by `lepton hooks install`); ' +
      'by hand: `lepton ledger merge base.jsonl ours.jsonl theirs.jsonl`',
  });
}

export function ledgerSideUntrusted(side: string, file: string, problem: string): LeptonError {
  return new LeptonError(`${side} ledger ${file} cannot be trusted: ${problem}`, {
    exitCode: EXIT.gateFailed,
    hint: 'resolve the merge by hand from git: `git checkout --ours` or `--theirs` .lepton/ledger.jsonl',
  });
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

/** `report --out` naming lepton.yaml or a file in .lepton/: never a report's place, --force or not. */
export function reportOutProtected(out: string, what: 'manifest' | 'ledger', defaultFile: string): LeptonError {
  const hint = `write it elsewhere, e.g. --out ${defaultFile} (the default)`;
  return what === 'manifest'
    ? usageError(`--out ${out} is the project's manifest: a report never replaces lepton.yaml, even with --force`, hint)
    : usageError(`--out ${out} is inside .lepton/: a report never replaces the ledger or lepton's own files, even with --force`, hint);
}

// The git merge driver for the ledger: `.gitattributes` names it for `.lepton/ledger.jsonl`, and
// the repository's config says what runs: `… ledger merge %O %A %B` with the lepton the pre-push
// hook runs (node and the vendored file, or the pinned node_modules/.bin/lepton), by a path from
// the top of the working tree, where git runs merge drivers. Registered by `lepton init` and
// `lepton hooks install`; both steps are idempotent.
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { pathExists, writeFileAtomic } from '../fs.js';
import { VENDORED_PATH } from './hook-script.js';

export const MERGE_DRIVER = 'lepton-ledger';
export const LEDGER_ATTRIBUTE = `.lepton/ledger.jsonl merge=${MERGE_DRIVER}`;

/**
 * The lepton the driver runs: `vendored` (the project's .lepton/bin/lepton.cjs with node), `pinned`
 * (node_modules/.bin/lepton in the project, or at the top of the working tree), or `path` (lepton on PATH).
 */
export type DriverLepton = 'vendored' | 'pinned-project' | 'pinned-top' | 'path';

/** Single-quotes a value for POSIX sh. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The driver's command line; `project` is the project folder from the top of the working tree, `/`-separated (`.` at the top). */
export function mergeDriverCommand(project: string, lepton: DriverLepton): string {
  const inProject = (file: string) => (project === '.' ? file : `${project}/${file}`);
  const program =
    lepton === 'vendored'
      ? `node ${shellQuote(inProject(VENDORED_PATH))}`
      : lepton === 'pinned-project'
        ? shellQuote(inProject('node_modules/.bin/lepton'))
        : lepton === 'pinned-top'
          ? shellQuote('node_modules/.bin/lepton')
          : 'lepton';
  return `${program} ledger merge %O %A %B`;
}

/** The project folder from the top of the working tree that holds it (`.` at the top). */
async function projectInWorktree(root: string): Promise<{ worktree: string; project: string }> {
  const worktree = await simpleGit({ baseDir: root, trimmed: true }).revparse(['--show-toplevel']);
  const relative = path.relative(await realpath(worktree).catch(() => worktree), await realpath(root).catch(() => root));
  return { worktree, project: relative === '' ? '.' : relative.split(path.sep).join('/') };
}

/** What is there now: the vendored file, else an installed node_modules/.bin/lepton, else lepton on PATH. */
async function presentLepton(root: string, worktree: string): Promise<DriverLepton> {
  if (await pathExists(path.join(root, VENDORED_PATH))) return 'vendored';
  if (await pathExists(path.join(root, 'node_modules/.bin/lepton'))) return 'pinned-project';
  if (await pathExists(path.join(worktree, 'node_modules/.bin/lepton'))) return 'pinned-top';
  return 'path';
}

/** The command git config merge.lepton-ledger.driver holds in the repository of `root`, if any. */
export async function registeredMergeDriver(root: string): Promise<string | undefined> {
  const value = await simpleGit({ baseDir: root, trimmed: true }).getConfig(`merge.${MERGE_DRIVER}.driver`);
  return value.value ?? undefined;
}

/**
 * Adds the attribute line to the project's `.gitattributes` (keeping what is there) and sets the
 * driver in the repository config, running `lepton` (default: the one found in the project now).
 */
export async function registerLedgerMergeDriver(root: string, lepton?: DriverLepton): Promise<{ attributesChanged: boolean; command: string }> {
  const file = path.join(root, '.gitattributes');
  const current = await readFile(file, 'utf8').catch(() => undefined);
  const lines = (current ?? '').split(/\r?\n/).map((line) => line.trim());
  const attributesChanged = !lines.includes(LEDGER_ATTRIBUTE);
  if (attributesChanged) {
    const body = current && !current.endsWith('\n') ? `${current}\n` : (current ?? '');
    await writeFileAtomic(file, `${body}${LEDGER_ATTRIBUTE}\n`);
  }
  const { worktree, project } = await projectInWorktree(root);
  const command = mergeDriverCommand(project, lepton ?? (await presentLepton(root, worktree)));
  // simple-git refuses merge.*.driver unless told: setting this one driver is the point here.
  const git = simpleGit({ baseDir: root, trimmed: true, unsafe: { allowUnsafeMergeDriver: true } });
  await git.addConfig(`merge.${MERGE_DRIVER}.name`, 'lepton ledger: keeps every sign-off of both sides');
  await git.addConfig(`merge.${MERGE_DRIVER}.driver`, command);
  return { attributesChanged, command };
}

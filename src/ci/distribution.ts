// How a clone of the repository gets lepton, for the CI `ci init` writes and the hook `hooks install`
// writes: lepton is published to no registry, so it is either committed (`lepton vendor`) or
// pinned in package-lock.json (installed from a tarball or a git URL by `npm ci`).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError } from '../errors.js';
import { pathExists } from '../fs.js';
import { listSome } from '../text.js';
import { VENDORED_PATH } from './vendor.js';

/** `vendored`: .lepton/bin/lepton.cjs is committed. `npm-ci`: package-lock.json pins lepton. */
export type LeptonSource = 'vendored' | 'npm-ci';

export const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json'];

export async function isVendored(projectDir: string): Promise<boolean> {
  return pathExists(path.join(projectDir, VENDORED_PATH));
}

/** Whether `dir`'s npm lock file names lepton, so `npm ci` installs that exact copy (lockfile v1, v2 or v3). */
export async function lockPinsLepton(dir: string): Promise<boolean> {
  for (const name of LOCK_FILES) {
    const text = await readFile(path.join(dir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    try {
      const lock = JSON.parse(text) as { packages?: Record<string, unknown>; dependencies?: Record<string, unknown> };
      return Boolean(lock.packages?.['node_modules/lepton'] ?? lock.dependencies?.lepton);
    } catch {
      return false;
    }
  }
  return false;
}

/** The two ways, for the hint of a refusal; `rerun` is the command to run afterwards. */
function twoWays(rerun: string): string {
  return (
    `either run \`lepton vendor\` and commit ${VENDORED_PATH} (lepton in one file, run with plain node), ` +
    'or pin lepton in package.json (`npm install --save-dev --save-exact` with its tarball or git URL) and commit package-lock.json; ' +
    `then run \`${rerun}\` again`
  );
}

/**
 * What CI uses: the vendored file when every project has one (each job runs its own project's),
 * else the repository root's lock file. Neither: a usage error naming both ways.
 */
export async function ciLeptonSource(root: string, folders: readonly string[]): Promise<LeptonSource> {
  const vendored = await Promise.all(folders.map((folder) => isVendored(path.join(root, folder))));
  if (vendored.every(Boolean)) return 'vendored';
  if (await lockPinsLepton(root)) return 'npm-ci';
  const missing = folders.filter((_, index) => !vendored[index]);
  throw new LeptonError(
    `CI cannot get lepton: there is no ${VENDORED_PATH}${vendored.some(Boolean) ? ` in ${listSome(missing)}` : ''}, and no package-lock.json pins lepton (lepton is on no registry to install it from)`,
    { hint: twoWays('lepton ci init') },
  );
}

/** What the hook of a clone finds: the project's vendored file, else lepton pinned in the project's or the repository's lock file. */
export async function hookLeptonSource(projectDir: string, worktree: string): Promise<LeptonSource> {
  if (await isVendored(projectDir)) return 'vendored';
  if ((await lockPinsLepton(projectDir)) || (await lockPinsLepton(worktree))) return 'npm-ci';
  throw new LeptonError(`the pre-push hook would find no lepton in a clone of this repository: there is no ${VENDORED_PATH}, and no package-lock.json pins lepton`, {
    hint: twoWays('lepton hooks install'),
  });
}

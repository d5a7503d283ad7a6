// lepton's git pre-push hook: installing, removing and inspecting it in the hooks folder git
// really uses (the script itself is hook-script.ts). A hook lepton did not write is never lost: it
// is kept beside lepton's (renamed, so bytes, mode and symlinks stay as they were), run first, and
// put back.
import { lstat, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError } from '../errors.js';
import { isInside, makeDirectory, writeFileAtomic } from '../fs.js';
import { configWithScope, gitCommonDir, hooksDir, repositoryRoot } from './git.js';
import { CHAINED_NAME, HOOK_NAME, isLeptonHook, prePushHookScript, readHookSettings, type HookSettings } from './hook-script.js';

export * from './hook-script.js';

export interface HookLocation {
  /** Top of the working tree. */
  worktree: string;
  /** The `.git` folder shared by all worktrees. */
  commonDir: string;
  /** Where git looks for hooks, as git resolves it. */
  hooksDir: string;
  /** Where git looks when core.hooksPath is unset. */
  defaultHooksDir: string;
  hooksPath?: { value: string; scope: string } | undefined;
}

async function realOrSelf(file: string): Promise<string> {
  return realpath(file).catch(() => path.resolve(file));
}

/** Where git runs hooks for the repository holding `cwd`; errors outside a working tree. */
export async function locateHooks(cwd: string): Promise<HookLocation> {
  const worktree = await repositoryRoot(cwd).catch(() => '');
  if (!worktree) {
    throw new LeptonError(`${cwd} is not inside a git working tree`, {
      hint: 'run `git init` first, or pass -C DIR to point at a repository',
    });
  }
  const commonDir = await gitCommonDir(cwd);
  return {
    worktree: await realOrSelf(worktree),
    commonDir: await realOrSelf(commonDir),
    hooksDir: await realOrSelf(await hooksDir(cwd)),
    defaultHooksDir: path.join(await realOrSelf(commonDir), 'hooks'),
    hooksPath: await configWithScope(cwd, 'core.hooksPath'),
  };
}

/** How to name a path to the user: relative to the top of the working tree when inside it. */
export function displayHookPath(location: HookLocation, file: string): string {
  return isInside(location.worktree, file) ? path.relative(location.worktree, file) || '.' : file;
}

/** Refuses a hooks folder lepton must not write into: one outside the repository, or husky's generated one. */
async function assertWritableHooksDir(location: HookLocation): Promise<void> {
  const { hooksDir: dir, hooksPath } = location;
  if (!isInside(location.worktree, dir) && !isInside(location.commonDir, dir)) {
    const origin = hooksPath ? ` (core.hooksPath = ${hooksPath.value}, from ${hooksPath.scope} config)` : '';
    throw new LeptonError(`git runs hooks from ${dir}${origin}, outside this repository; lepton installs hooks only inside a repository`, {
      hint:
        hooksPath?.scope === 'global' || hooksPath?.scope === 'system'
          ? `call \`lepton hooks run pre-push "$@"\` from the pre-push hook in ${dir}, or give this repository its own hooks with \`git config --local core.hooksPath .git/hooks\``
          : `point core.hooksPath at a folder inside the repository, or call \`lepton hooks run pre-push "$@"\` from the pre-push hook in ${dir}`,
    });
  }
  const huskyRuntime = await Promise.all(
    ['h', 'husky.sh'].map((name) =>
      stat(path.join(dir, name)).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (path.basename(dir) === '_' && huskyRuntime.some(Boolean)) {
    const userHook = path.join(path.dirname(dir), HOOK_NAME);
    throw new LeptonError(`${displayHookPath(location, dir)} is husky's generated hooks folder: husky rewrites it, and its hooks find yours by their own file name`, {
      hint: `add the line \`npx lepton hooks run pre-push "$@"\` to ${displayHookPath(location, userHook)} instead`,
    });
  }
}

async function readIfFile(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

async function entryExists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

export interface InstallResult {
  hookFile: string;
  /** `created` (nothing was there), `chained` (another hook was kept and runs first) or `updated` (lepton's hook rewritten). */
  action: 'created' | 'chained' | 'updated';
  /** The kept hook, when there is one. */
  chainedFile?: string | undefined;
}

export async function installHook(location: HookLocation, settings: HookSettings): Promise<InstallResult> {
  await assertWritableHooksDir(location);
  const hookFile = path.join(location.hooksDir, HOOK_NAME);
  const chainedFile = path.join(location.hooksDir, CHAINED_NAME);
  const info = await lstat(hookFile).catch(() => undefined);
  if (info?.isDirectory()) {
    throw new LeptonError(`${displayHookPath(location, hookFile)} is a folder, not a hook`, { hint: 'move it away, then run `lepton hooks install` again' });
  }
  const content = info ? await readIfFile(hookFile) : undefined;
  const ours = content !== undefined && isLeptonHook(content);
  const hasChained = await entryExists(chainedFile);
  let action: InstallResult['action'] = 'created';
  if (info && ours) {
    action = 'updated';
  } else if (info) {
    if (hasChained) {
      throw new LeptonError(`${displayHookPath(location, hookFile)} is not lepton's, and ${CHAINED_NAME} already holds an earlier hook; not replacing either`, {
        hint: `merge them by hand (or delete the one you no longer need), then run \`lepton hooks install\` again`,
      });
    }
    await rename(hookFile, chainedFile);
    action = 'chained';
  }
  await makeDirectory(location.hooksDir);
  await writeFileAtomic(hookFile, prePushHookScript(settings), { mode: 0o755 });
  return { hookFile, action, chainedFile: action === 'chained' || hasChained ? chainedFile : undefined };
}

export interface UninstallResult {
  hookFile: string;
  /** `removed` (nothing was there before), `restored` (the kept hook is back), `absent` (lepton's hook was not there). */
  action: 'removed' | 'restored' | 'absent';
  /** A hook lepton did not write sits where lepton's would be (left alone). */
  foreign: boolean;
}

/** Removes lepton's hook from `dir` and puts back the hook it kept, byte for byte. */
export async function uninstallHook(dir: string): Promise<UninstallResult> {
  const hookFile = path.join(dir, HOOK_NAME);
  const chainedFile = path.join(dir, CHAINED_NAME);
  const content = await readIfFile(hookFile);
  const exists = await entryExists(hookFile);
  // lepton's hook deleted by hand leaves the kept one behind: it is still put back.
  if (!exists && (await entryExists(chainedFile))) {
    await rename(chainedFile, hookFile);
    return { hookFile, action: 'restored', foreign: false };
  }
  if (content === undefined || !isLeptonHook(content)) {
    return { hookFile, action: 'absent', foreign: exists };
  }
  if (await entryExists(chainedFile)) {
    await rename(chainedFile, hookFile);
    return { hookFile, action: 'restored', foreign: false };
  }
  await rm(hookFile);
  return { hookFile, action: 'removed', foreign: false };
}

export interface HookStatus {
  location: HookLocation;
  /** lepton's hook in the folder git runs hooks from: `installed`, a hook lepton did not write (`foreign`) or none (`absent`). */
  state: 'installed' | 'foreign' | 'absent';
  hookFile: string;
  /** False when git would skip lepton's hook for lack of the executable bit. */
  executable: boolean;
  chainedFile?: string | undefined;
  chainedExecutable?: boolean | undefined;
  /** Settings written into the installed hook (undefined when absent or unreadable). */
  settings?: HookSettings | undefined;
  /** lepton's hook found in the default folder while core.hooksPath sends git elsewhere. */
  strandedFile?: string | undefined;
  /** git will run lepton's hook on the next push. */
  willRun: boolean;
}

async function isExecutable(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => (info.mode & 0o111) !== 0 && info.isFile(),
    () => false,
  );
}

export async function hookStatus(location: HookLocation): Promise<HookStatus> {
  const hookFile = path.join(location.hooksDir, HOOK_NAME);
  const chainedFile = path.join(location.hooksDir, CHAINED_NAME);
  const content = await readIfFile(hookFile);
  const exists = await entryExists(hookFile);
  const state = content !== undefined && isLeptonHook(content) ? 'installed' : exists ? 'foreign' : 'absent';
  const executable = await isExecutable(hookFile);
  const hasChained = state === 'installed' && (await entryExists(chainedFile));
  let strandedFile: string | undefined;
  if (location.hooksDir !== location.defaultHooksDir) {
    const stranded = path.join(location.defaultHooksDir, HOOK_NAME);
    const strandedContent = await readIfFile(stranded);
    if (strandedContent !== undefined && isLeptonHook(strandedContent)) strandedFile = stranded;
  }
  return {
    location,
    state,
    hookFile,
    executable,
    chainedFile: hasChained ? chainedFile : undefined,
    chainedExecutable: hasChained ? await isExecutable(chainedFile) : undefined,
    settings: state === 'installed' && content !== undefined ? readHookSettings(content) : undefined,
    strandedFile,
    willRun: state === 'installed' && executable,
  };
}

// `lepton hooks install|uninstall|status`'s core: the pre-push hook written with the manifest's
// settings, the lepton it runs (vendored or pinned), and the ledger's merge driver. Returns data.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError, usageError } from '../errors.js';
import { hookStatus, installHook, locateHooks, uninstallHook, type HookLocation, type HookSettings, type HookStatus } from '../git/hooks.js';
import { DEFAULT_PRE_PUSH_BRANCHES, branchPatternProblem } from '../lifecycle/pre-push.js';
import { loadManifest, type LoadedManifest } from '../manifest/load.js';

/** The settings the hook is written with: `hooks.pre-push` of the manifest, and where the project sits in the repository. */
export async function hookSettingsFor(loaded: LoadedManifest, location: HookLocation): Promise<HookSettings> {
  const prePush = loaded.manifest.hooks?.['pre-push'];
  const branches = [...(prePush?.branches ?? DEFAULT_PRE_PUSH_BRANCHES)];
  for (const pattern of branches) {
    const problem = branchPatternProblem(pattern);
    if (problem) throw usageError(`hooks.pre-push.branches: ${problem}`, 'fix it in lepton.yaml', { file: loaded.displayPath });
  }
  const root = await realpath(loaded.root).catch(() => loaded.root);
  const relative = path.relative(location.worktree, root);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw usageError(`${loaded.displayPath} is outside the git working tree ${location.worktree}`, 'install the hook inside the repository that holds the project');
  }
  return { branches, required: prePush?.required ?? true, project: relative === '' ? '.' : relative.split(path.sep).join('/') };
}

export interface HookInstall {
  location: HookLocation;
  settings: HookSettings;
  result: Awaited<ReturnType<typeof installHook>>;
  /** Which lepton the hook runs. */
  source: Awaited<ReturnType<typeof import('./distribution.js')['hookLeptonSource']>>;
  /** The command git config merge.lepton-ledger.driver now holds. */
  mergeDriver: string;
}

export async function installProjectHook(loaded: LoadedManifest): Promise<HookInstall> {
  const location = await locateHooks(loaded.root);
  const settings = await hookSettingsFor(loaded, location);
  const { hookLeptonSource } = await import('./distribution.js');
  const source = await hookLeptonSource(loaded.root, location.worktree);
  const result = await installHook(location, settings);
  // The merge driver runs the lepton the hook runs, which a clone has once `npm ci` has run.
  const { lockPinsLepton } = await import('./distribution.js');
  const driverLepton = source === 'vendored' ? 'vendored' : (await lockPinsLepton(loaded.root)) ? 'pinned-project' : 'pinned-top';
  const { registerLedgerMergeDriver } = await import('../git/merge-driver.js');
  const { command: mergeDriver } = await registerLedgerMergeDriver(loaded.root, driverLepton);
  return { location, settings, result, source, mergeDriver };
}

export interface HookRemoval {
  location: HookLocation;
  removed: { dir: string; result: Awaited<ReturnType<typeof uninstallHook>> }[];
}

export async function uninstallProjectHooks(cwd: string): Promise<HookRemoval> {
  const location = await locateHooks(cwd);
  const removed: HookRemoval['removed'] = [];
  for (const dir of [...new Set([location.hooksDir, location.defaultHooksDir])]) removed.push({ dir, result: await uninstallHook(dir) });
  return { location, removed };
}

export interface HookReview {
  status: HookStatus;
  /** The settings lepton.yaml asks for; undefined when the manifest could not be read (`unreadable` says why). */
  expected?: HookSettings | undefined;
  unreadable?: string | undefined;
}

export async function reviewHook(globals: { cwd: string; manifest?: string | undefined }): Promise<HookReview> {
  const location = await locateHooks(globals.cwd);
  const status = await hookStatus(location);
  // Without a readable manifest the hook's state is still worth showing; the settings are just not compared.
  try {
    return { status, expected: await hookSettingsFor(await loadManifest(globals), location) };
  } catch (error) {
    if (!(error instanceof LeptonError)) throw error;
    return { status, unreadable: error.message };
  }
}

// `lepton hooks install|uninstall|status`: lepton's git pre-push hook. The hook itself runs
// `lepton hooks run pre-push` (src/commands/hooks-run.ts) when a push needs gating.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, LeptonError, usageError } from '../errors.js';
import { isInside } from '../fs.js';
import {
  CHAINED_NAME,
  displayHookPath,
  hookStatus,
  installHook,
  locateHooks,
  uninstallHook,
  type HookLocation,
  type HookSettings,
  type HookStatus,
} from '../git/hooks.js';
import { DEFAULT_PRE_PUSH_BRANCHES, branchPatternProblem } from '../lifecycle/pre-push.js';
import { loadManifest, type LoadedManifest } from '../manifest/load.js';
import type { CommandRun } from './types.js';

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
    throw usageError(`${loaded.displayPath} is outside the git working tree ${location.worktree}`, 'run `lepton hooks install` inside the repository that holds the project');
  }
  return { branches, required: prePush?.required ?? true, project: relative === '' ? '.' : relative.split(path.sep).join('/') };
}

/** The manifest hooks install and status read (no lifecycle step is involved), its warnings on stderr. */
async function readManifest(globals: { cwd: string; manifest?: string | undefined }, stderr: (text: string) => void): Promise<LoadedManifest> {
  const loaded = await loadManifest(globals);
  for (const warning of loaded.warnings) stderr(`warning: ${warning}\n`);
  return loaded;
}

export const install: CommandRun = async ({ globals, io }) => {
  const loaded = await readManifest(globals, io.stderr);
  const location = await locateHooks(loaded.root);
  const settings = await hookSettingsFor(loaded, location);
  const { hookLeptonSource } = await import('../ci/distribution.js');
  const source = await hookLeptonSource(loaded.root, location.worktree);
  const result = await installHook(location, settings);
  const shown = displayHookPath(location, result.hookFile);
  const verb = result.action === 'updated' ? 'updated' : 'installed';
  io.stdout(`${verb} the pre-push hook: ${shown}\n`);
  if (result.action === 'chained') {
    io.stdout(`the hook that was there is kept as ${CHAINED_NAME} and runs first; \`lepton hooks uninstall\` puts it back\n`);
  } else if (result.chainedFile) {
    io.stdout(`${CHAINED_NAME} still runs first\n`);
  }
  io.stdout(settings.branches.length > 0
    ? `before a push to ${settings.branches.join(', ')} it runs \`lepton verify\` and \`lepton gate --completed\`\n`
    : 'hooks.pre-push.branches is empty, so it gates no push\n');
  io.stdout(source === 'vendored' ? 'it runs the vendored .lepton/bin/lepton.cjs with node\n' : 'it runs the lepton package-lock.json pins, once `npm ci` (or `npm install`) has installed it\n');
  if (!globals.quiet) {
    io.stderr(`skip it once with \`git push --no-verify\` or \`LEPTON_SKIP=1 git push\`\n`);
    if (isInside(location.worktree, location.hooksDir) && !isInside(location.commonDir, location.hooksDir)) {
      io.stderr(`note: ${displayHookPath(location, location.hooksDir)} is part of the working tree (core.hooksPath): commit the change so the team gets the hook\n`);
    }
  }
  return EXIT.ok;
};

export const uninstall: CommandRun = async ({ globals, io }) => {
  const location = await locateHooks(globals.cwd);
  const dirs = [...new Set([location.hooksDir, location.defaultHooksDir])];
  let removed = 0;
  for (const dir of dirs) {
    const result = await uninstallHook(dir);
    const shown = displayHookPath(location, result.hookFile);
    if (result.action === 'restored') io.stdout(`removed lepton's pre-push hook and put back the one that was there: ${shown}\n`);
    else if (result.action === 'removed') io.stdout(`removed lepton's pre-push hook: ${shown}\n`);
    else if (result.foreign && dir === location.hooksDir) io.stderr(`note: ${shown} is not lepton's; left as it is\n`);
    if (result.action !== 'absent') removed += 1;
  }
  if (removed === 0) io.stdout(`lepton's pre-push hook is not installed in ${displayHookPath(location, location.hooksDir)}; nothing to do\n`);
  return EXIT.ok;
};

/** Lines describing the hook's state, and whether it is in order (git runs it with the manifest's settings). */
export function describeStatus(status: HookStatus, expected: HookSettings | undefined): { lines: string[]; ok: boolean } {
  const { location } = status;
  const show = (file: string) => displayHookPath(location, file);
  const lines: string[] = [];
  let ok = status.willRun;
  const origin = location.hooksPath ? ` (core.hooksPath = ${location.hooksPath.value}, ${location.hooksPath.scope} config)` : '';
  if (status.state === 'installed') {
    lines.push(`pre-push hook: installed in ${show(status.hookFile)}${origin}`);
    if (!status.executable) lines.push(`  problem: it is not executable, so git will not run it; fix: chmod +x ${show(status.hookFile)}`);
    if (status.chainedFile) {
      lines.push(`  runs first: ${show(status.chainedFile)} (the hook that was there before)`);
      if (!status.chainedExecutable) lines.push(`  note: ${CHAINED_NAME} is not executable, so it is skipped, as git would skip it`);
    }
    if (status.settings) {
      lines.push(`  gates pushes to: ${status.settings.branches.join(', ') || 'no branch (hooks.pre-push.branches is empty)'}`);
      lines.push(`  when lepton is not installed: ${status.settings.required ? 'refuse the push' : 'warn and push'}`);
      if (expected && !sameSettings(status.settings, expected)) {
        ok = false;
        lines.push('  problem: its settings differ from hooks.pre-push in lepton.yaml; fix: run `lepton hooks install` to rewrite it');
      }
    } else {
      ok = false;
      lines.push('  problem: it was written by another version of lepton; fix: run `lepton hooks install` to rewrite it');
    }
  } else if (status.state === 'foreign') {
    lines.push(`pre-push hook: ${show(status.hookFile)} is not lepton's${origin}; \`lepton hooks install\` keeps it and runs it first`);
  } else {
    lines.push(`pre-push hook: not installed in ${show(location.hooksDir)}${origin}; run \`lepton hooks install\``);
  }
  if (status.strandedFile) {
    lines.push(`  problem: lepton's hook in ${show(status.strandedFile)} never runs: git runs hooks from ${show(location.hooksDir)}${origin}; fix: run \`lepton hooks install\` again, or unset core.hooksPath`);
  }
  return { lines, ok };
}

function sameSettings(left: HookSettings, right: HookSettings): boolean {
  return left.required === right.required && left.project === right.project && left.branches.join(' ') === right.branches.join(' ');
}

export const status: CommandRun = async ({ globals, io }) => {
  const location = await locateHooks(globals.cwd);
  const current = await hookStatus(location);
  // Without a readable manifest the hook's state is still worth showing; the settings are just not compared.
  const expected = await loadManifest(globals).then(
    (loaded) => hookSettingsFor(loaded, location),
    (error: unknown) => {
      if (!(error instanceof LeptonError)) throw error;
      io.stderr(`note: cannot compare the hook with lepton.yaml: ${error.message}\n`);
      return undefined;
    },
  );
  const { lines, ok } = describeStatus(current, expected);
  io.stdout(`${lines.join('\n')}\n`);
  return ok ? EXIT.ok : EXIT.gateFailed;
};

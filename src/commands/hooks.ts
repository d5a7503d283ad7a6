// `lepton hooks install|uninstall|status`: lepton's git pre-push hook. The hook itself runs
// `lepton hooks run pre-push` (src/commands/hooks-run.ts) when a push needs gating.
import { installProjectHook, reviewHook, uninstallProjectHooks } from '../ci/hooks.js';
import { EXIT } from '../errors.js';
import { loadManifest } from '../manifest/load.js';
import { installText, statusText, uninstallText } from '../report/hooks.js';
import { noteLines, warningText } from '../report/notes.js';
import type { CommandRun } from './types.js';

export const install: CommandRun = async ({ globals, io }) => {
  // The manifest is read as it is: installing a hook is no lifecycle step.
  const loaded = await loadManifest(globals);
  for (const warning of loaded.warnings) io.stderr(warningText(warning));
  const { stdout, notes } = installText(await installProjectHook(loaded));
  io.stdout(stdout);
  if (!globals.quiet) io.stderr(noteLines(notes));
  return EXIT.ok;
};

export const uninstall: CommandRun = async ({ globals, io }) => {
  const { stdout, notes } = uninstallText(await uninstallProjectHooks(globals.cwd));
  io.stdout(stdout);
  io.stderr(noteLines(notes));
  return EXIT.ok;
};

export const status: CommandRun = async ({ globals, io }) => {
  const { stdout, notes, ok } = statusText(await reviewHook(globals));
  io.stderr(noteLines(notes));
  io.stdout(stdout);
  return ok ? EXIT.ok : EXIT.gateFailed;
};

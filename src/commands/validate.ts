// `lepton validate`: the manifest against the schema and its rules; exit 2 with every problem.
import { loadManifest } from '../manifest/load.js';
import { validText } from '../report/manifest.js';
import { warningText } from '../report/notes.js';
import type { CommandRun } from './types.js';

export const run: CommandRun = async ({ globals, io }) => {
  const loaded = await loadManifest(globals);
  for (const warning of loaded.warnings) io.stderr(warningText(warning));
  if (!globals.quiet) io.stdout(validText(loaded));
  return 0;
};

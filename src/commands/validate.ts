import { loadManifest } from '../manifest/load.js';
import type { CommandRun } from './types.js';

export const run: CommandRun = async ({ globals, io }) => {
  const loaded = await loadManifest(globals);
  for (const warning of loaded.warnings) io.stderr(`warning: ${warning}\n`);
  const checks = loaded.manifest.phases.reduce((count, phase) => count + phase.gate.length, 0);
  if (!globals.quiet) {
    io.stdout(`${loaded.displayPath} is valid: ${loaded.manifest.phases.length} phases, ${checks} checks, current phase ${loaded.manifest.phase}\n`);
  }
  return 0;
};

// The project a lifecycle command works on: loadProject completes a transition a crash
// interrupted, then the manifest's warnings go to stderr before anything else is said.
import { loadProject } from '../lifecycle/project.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { CommandIO, GlobalOptions } from './types.js';

export async function openProject(globals: GlobalOptions, io: Pick<CommandIO, 'stderr'>): Promise<LoadedManifest> {
  const loaded = await loadProject(globals);
  for (const warning of loaded.warnings) io.stderr(`warning: ${warning}\n`);
  return loaded;
}

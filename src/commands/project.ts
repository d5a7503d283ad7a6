// The project a lifecycle command works on: loadProject completes a transition a crash
// interrupted (and says so on stderr), then the manifest's warnings go to stderr before anything else is said.
import { loadProject, type Recovered } from '../lifecycle/project.js';
import type { LoadedManifest } from '../manifest/load.js';
import { recoveredText } from '../report/moves.js';
import { warningText } from '../report/notes.js';
import type { CommandIO, GlobalOptions } from './types.js';
import { safeText } from '../text.js';

export async function openProject(globals: GlobalOptions, io: Pick<CommandIO, 'stderr'>): Promise<LoadedManifest & { recovered?: Recovered }> {
  let recovered: Recovered | undefined;
  const loaded = await loadProject(globals, (step) => {
    recovered = step;
    io.stderr(recoveredText(step));
  });
  for (const warning of loaded.warnings) io.stderr(warningText(safeText(warning, { multiline: true })));
  return recovered ? { ...loaded, recovered } : loaded;
}

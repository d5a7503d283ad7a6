// `lepton terminate --reason TEXT`: ends the project (a PoC no-go); `advance` refuses afterwards.
import { EXIT } from '../errors.js';
import { terminate } from '../lifecycle/moves.js';
import { terminateText } from '../report/moves.js';
import { openProject } from './project.js';
import type { CommandRun } from './types.js';

export const run: CommandRun<{ reason: string }> = async ({ options, globals, io }) => {
  const loaded = await openProject(globals, io);
  io.stdout(terminateText(loaded.manifest.project.name, await terminate(loaded, { reason: options.reason, env: io.env })));
  return EXIT.ok;
};

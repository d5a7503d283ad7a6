// `lepton approve CHECK-ID [--phase ID] [--note TEXT]`: a sign-off by the current git identity.
import { EXIT } from '../errors.js';
import { approve } from '../lifecycle/sign-offs.js';
import { approveText } from '../report/moves.js';
import { openProject } from './project.js';
import type { CommandRun } from './types.js';

export const run: CommandRun<{ phase?: string; note?: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  io.stdout(approveText(await approve(loaded, String(args[0]), { phase: options.phase, note: options.note, env: io.env })));
  return EXIT.ok;
};

// `lepton reopen PHASE --reason TEXT`: back to an earlier phase; its sign-offs start afresh.
import { EXIT } from '../errors.js';
import { reopen } from '../lifecycle/moves.js';
import { reopenText } from '../report/moves.js';
import { openProject } from './project.js';
import type { CommandRun } from './types.js';

export const run: CommandRun<{ reason: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  io.stdout(reopenText(await reopen(loaded, String(args[0]), { reason: options.reason, env: io.env })));
  return EXIT.ok;
};

// `lepton amend PHASE --reason TEXT`: an owner accepts a completed phase's changed gate definition.
import { EXIT } from '../errors.js';
import { amend } from '../lifecycle/amend.js';
import { formatAmend } from '../report/amend.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';

export const run: CommandRun<{ reason: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const result = await amend(loaded, String(args[0]), { reason: options.reason, env: io.env });
  io.stdout(formatAmend(result));
  return EXIT.ok;
};

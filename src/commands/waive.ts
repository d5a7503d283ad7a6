// `lepton waive CHECK-ID --reason TEXT --until YYYY-MM-DD`: a time-limited waiver by an owner.
import { EXIT } from '../errors.js';
import { waive } from '../lifecycle/sign-offs.js';
import { waiveText } from '../report/moves.js';
import { inCommandTerms } from './messages.js';
import { openProject } from './project.js';
import type { CommandRun } from './types.js';

export const run: CommandRun<{ reason: string; until: string; phase?: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const result = await waive(loaded, String(args[0]), { reason: options.reason, until: options.until, phase: options.phase, env: io.env }).catch((error: unknown) => {
    throw inCommandTerms(error);
  });
  io.stdout(waiveText(result));
  return EXIT.ok;
};

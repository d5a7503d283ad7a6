// `lepton waive CHECK-ID --reason TEXT --until YYYY-MM-DD`: a time-limited waiver by an owner.
import { EXIT } from '../errors.js';
import { waive } from '../lifecycle/transitions.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';

export const run: CommandRun<{ reason: string; until: string; phase?: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const checkId = String(args[0]);
  const result = await waive(loaded, checkId, { reason: options.reason, until: options.until, phase: options.phase, env: io.env });
  io.stdout(
    `Waived ${checkId} (${result.phase}) until ${result.until}: ${result.reason} (ledger entry #${result.entry.seq}).\n` +
      `While it fails, the check reports "waived"; from the day after ${result.until} it blocks the gate again.\n`,
  );
  return EXIT.ok;
};

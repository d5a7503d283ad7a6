// `lepton amend PHASE --reason TEXT`: an owner accepts a completed phase's changed gate definition.
import { EXIT } from '../errors.js';
import { amend } from '../lifecycle/amend.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';

export const run: CommandRun<{ reason: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const result = await amend(loaded, String(args[0]), { reason: options.reason, env: io.env });
  if (!result.entry) {
    io.stdout(`The gate of ${result.phase} is the one already accepted: nothing to amend.\n`);
    return EXIT.ok;
  }
  io.stdout(
    `Amended the gate of ${result.phase}: ${result.described.join(', ') || 'its checks reordered'} — "${result.entry.reason}" (ledger entry #${result.entry.seq}).\n` +
      'Next: commit lepton.yaml and .lepton/ledger.jsonl; `lepton verify` and `lepton gate --completed` judge by the new definition.\n',
  );
  return EXIT.ok;
};

// `lepton reopen PHASE --reason TEXT`: back to an earlier phase; its sign-offs start afresh.
import { EXIT } from '../errors.js';
import { reopen } from '../lifecycle/transitions.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';

export const run: CommandRun<{ reason: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const result = await reopen(loaded, String(args[0]), { reason: options.reason, env: io.env });
  io.stdout(
    `Reopened ${result.to} (from ${result.from}): ${result.entry.reason} (ledger entry #${result.entry.seq}); lepton.yaml now says phase: ${result.to}.\n` +
      `Sign-offs and waivers of ${result.to} start afresh. Next: commit lepton.yaml and .lepton/ledger.jsonl; \`lepton gate\` shows what ${result.to} needs.\n`,
  );
  return EXIT.ok;
};

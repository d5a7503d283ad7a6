// `lepton terminate --reason TEXT`: ends the project (a PoC no-go); `advance` refuses afterwards.
import { EXIT } from '../errors.js';
import { terminate } from '../lifecycle/transitions.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';

export const run: CommandRun<{ reason: string }> = async ({ options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const result = await terminate(loaded, { reason: options.reason, env: io.env });
  io.stdout(
    `Terminated ${loaded.manifest.project.name} in ${result.phase}: ${result.entry.reason} (ledger entry #${result.entry.seq}).\n` +
      'Next: commit .lepton/ledger.jsonl; `lepton history` keeps the record.\n',
  );
  return EXIT.ok;
};

// `lepton approve CHECK-ID [--phase ID] [--note TEXT]`: a sign-off by the current git identity.
import { EXIT } from '../errors.js';
import { approve } from '../lifecycle/transitions.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';

export const run: CommandRun<{ phase?: string; note?: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const checkId = String(args[0]);
  const result = await approve(loaded, checkId, { phase: options.phase, note: options.note, env: io.env });
  const who = `${result.actor.name} <${result.actor.email}>`;
  const tally = `${Math.min(result.approvals, result.required)} of ${result.required} sign-off${result.required === 1 ? '' : 's'}`;
  io.stdout(result.recorded
    ? `Signed off ${checkId} (${result.phase}) as ${who}: ${tally} (ledger entry #${result.entry?.seq}).\nNext: commit .lepton/ledger.jsonl as ${who}${result.approvals >= result.required ? '; `lepton gate` counts it' : ''}.\n`
    : `${who} has already signed off ${checkId} in this visit of ${result.phase}: ${tally}; nothing recorded.\n`);
  return EXIT.ok;
};

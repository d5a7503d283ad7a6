// `lepton baseline bless CHECK-ID [--phase ID] --reason TEXT` and `lepton baseline show [CHECK-ID] [--format json]`.
import { EXIT } from '../errors.js';
import { blessBaseline, listBaselines } from '../lifecycle/baseline.js';
import { formatBaselines, formatBaselinesJson, formatBless } from '../report/baseline.js';
import { warningText } from '../report/notes.js';
import { openProject } from './project.js';
import type { CommandRun } from './types.js';

export const bless: CommandRun<{ phase?: string; reason: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const result = await blessBaseline(loaded, String(args[0]), { phase: options.phase, reason: options.reason, env: io.env });
  if (result.gitignoreWarning) io.stderr(warningText(result.gitignoreWarning));
  io.stdout(formatBless(result));
  return EXIT.ok;
};

export const show: CommandRun<{ format?: string }> = async ({ args, options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const rows = await listBaselines(loaded, args[0] === undefined ? undefined : String(args[0]));
  io.stdout(options.format === 'json' ? formatBaselinesJson(rows) : formatBaselines(rows));
  return EXIT.ok;
};

// `lepton history [--format pretty|json]`: the ledger as a timeline.
import { EXIT } from '../errors.js';
import { projectHistory } from '../lifecycle/history.js';
import { formatHistoryReport } from '../report/index.js';
import { openProject } from './project.js';
import type { CommandRun } from './types.js';

export const run: CommandRun<{ format?: 'pretty' | 'json' }> = async ({ options, globals, io }) => {
  const loaded = await openProject(globals, io);
  const report = await projectHistory(loaded);
  io.stdout(await formatHistoryReport(options.format ?? 'pretty', report, { color: io.mode.color }));
  return EXIT.ok;
};

// `lepton status`: the phases, which are done, the current one, its gate at a glance.
import { EXIT } from '../errors.js';
import { projectStatus } from '../lifecycle/status.js';
import { formatStatusReport, resolveFormat } from '../report/index.js';
import { runAll } from './all.js';
import { openProject } from './project.js';
import { emitReport } from './report-files.js';
import type { CommandRun } from './types.js';

export const run: CommandRun<{ format?: string; all?: boolean }> = async (input) => {
  if (input.options.all) return runAll('status', input);
  const { options, globals, io } = input;
  const loaded = await openProject(globals, io);
  const report = await projectStatus(loaded, { env: io.env, signal: io.signal });
  const format = resolveFormat(options.format, io.env);
  const reportOptions = { color: io.mode.color, env: io.env, root: loaded.root };
  await emitReport(io, globals.cwd, format, (as) => formatStatusReport(as, report, as === 'pretty' ? reportOptions : { ...reportOptions, color: false }));
  return EXIT.ok;
};

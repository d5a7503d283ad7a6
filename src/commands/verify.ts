// `lepton verify [--strict]`: exit 0 when the ledger holds together and backs `phase:`, 1 naming
// the first broken entry otherwise.
import { EXIT } from '../errors.js';
import { verifyProject } from '../lifecycle/verify.js';
import { formatVerifyReport, resolveFormat } from '../report/index.js';
import { runAll } from './all.js';
import { openProject } from './project.js';
import { emitReport } from './report-files.js';
import type { CommandRun } from './types.js';

export const run: CommandRun<{ strict?: boolean; format?: string; all?: boolean; junit?: string }> = async (input) => {
  if (input.options.all) return runAll('verify', input);
  const { options, globals, io } = input;
  const loaded = await openProject(globals, io);
  const report = await verifyProject(loaded, { strict: options.strict });
  const format = resolveFormat(options.format, io.env);
  const reportOptions = { color: io.mode.color, env: io.env, root: loaded.root, strict: Boolean(options.strict) };
  await emitReport(io, globals.cwd, format, (as) => formatVerifyReport(as, report, reportOptions), { junit: options.junit });
  return report.ok ? EXIT.ok : EXIT.gateFailed;
};

// `lepton vendor`: writes .lepton/bin/lepton.cjs, lepton in one file, for the repository to commit.
import { vendorProject } from '../ci/vendor.js';
import { EXIT } from '../errors.js';
import { formatVendor, vendorIgnoredWarning } from '../report/vendor.js';
import type { CommandRun } from './types.js';

export const run: CommandRun = async ({ globals, io }) => {
  const report = await vendorProject(globals);
  const warning = vendorIgnoredWarning(report);
  if (warning) io.stderr(warning);
  io.stdout(formatVendor(report));
  return EXIT.ok;
};

// `lepton ci init --provider github|gitlab [--force]`: writes the CI configuration that enforces the
// phase gates on every pull request and push to the main branch.
import { type CiInitOptions, ciInit } from '../ci/init.js';
import { EXIT } from '../errors.js';
import { describeCiInit } from '../report/ci.js';
import { warningText } from '../report/notes.js';
import type { CommandRun } from './types.js';

export const run: CommandRun<CiInitOptions> = async ({ options, globals, io }) => {
  const result = await ciInit(globals, options);
  for (const warning of result.warnings) io.stderr(warningText(warning));
  io.stdout(describeCiInit(result));
  return EXIT.ok;
};

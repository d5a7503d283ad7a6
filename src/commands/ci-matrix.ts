// `lepton ci matrix`: the projects below the current folder as a GitHub Actions matrix, one line of JSON on stdout.
import { ciMatrix } from '../ci/matrix.js';
import type { CommandRun } from './types.js';

export const run: CommandRun = async ({ globals, io }) => {
  const { matrix, warnings } = await ciMatrix(globals.cwd);
  for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
  if (matrix.include.length === 0) io.stderr(`warning: no lepton.yaml found in ${globals.cwd} or below it; the matrix is empty\n`);
  io.stdout(`${JSON.stringify(matrix)}\n`);
  return 0;
};

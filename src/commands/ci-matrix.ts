// `lepton ci matrix`: the projects below the current folder as a GitHub Actions matrix, one line of JSON on stdout.
import { ciMatrix } from '../ci/matrix.js';
import { emptyMatrixWarning, formatCiMatrix } from '../report/ci.js';
import { warningText } from '../report/notes.js';
import type { CommandRun } from './types.js';

export const run: CommandRun = async ({ globals, io }) => {
  const { matrix, warnings } = await ciMatrix(globals.cwd);
  for (const warning of warnings) io.stderr(warningText(warning));
  if (matrix.include.length === 0) io.stderr(emptyMatrixWarning(globals.cwd));
  io.stdout(formatCiMatrix(matrix));
  return 0;
};

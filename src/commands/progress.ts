// Live progress for gate and advance: on a terminal (stderr), outside CI, without --quiet.
import type { Progress } from '../report/progress.js';
import type { CommandIO, GlobalOptions } from './types.js';

export async function startProgress(globals: GlobalOptions, io: CommandIO, verbose: boolean): Promise<Progress | undefined> {
  const { progressWanted, createProgress } = await import('../report/progress.js');
  if (!progressWanted({ stderrIsTTY: Boolean(process.stderr.isTTY), ci: io.mode.ci, quiet: globals.quiet, env: io.env })) return undefined;
  const { palette } = await import('../report/style.js');
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return createProgress(io.stderr, await palette(!noColor && io.mode.color), { verbose });
}

// How the process ends: with the command's exit code once it has one. A command whose work stops
// without an answer (a promise nothing will ever settle) empties the event loop; it must not pass
// for a success, so that case is reported and exits 2.
import { EXIT } from './errors.js';

export function exitWhenSettled(result: Promise<number>, proc: Pick<NodeJS.Process, 'once' | 'stderr' | 'exitCode'> = process): void {
  let settled = false;
  result.then((code) => {
    settled = true;
    proc.exitCode = code;
  });
  // 'beforeExit' fires only when the event loop runs dry, never on process.exit().
  proc.once('beforeExit', () => {
    if (settled) return;
    proc.stderr.write('lepton: internal error: the command stopped without finishing\nhint: run again with LEPTON_DEBUG=1, and report it if it persists\n');
    proc.exitCode = EXIT.usage;
  });
}

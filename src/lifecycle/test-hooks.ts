// The two environment switches that exist for tests, each read here and nowhere else:
// LEPTON_NOW pins the clock, LEPTON_TEST_CRASH_AT kills the process at a named write point.

/** The current time; `LEPTON_NOW` (an ISO date) pins it for tests. */
export function clockNow(env: NodeJS.ProcessEnv = process.env): Date {
  const pinned = env.LEPTON_NOW;
  if (pinned) {
    const date = new Date(pinned);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return new Date();
}

/** The write points a crash test can stop at, in the order a transition reaches them. */
export type CrashPoint = 'after-journal' | 'after-ledger' | 'after-manifest' | 'after-document' | 'after-commit';

/** Simulates `kill -9` at `point` when LEPTON_TEST_CRASH_AT names it. */
export function crashPoint(point: CrashPoint, env: NodeJS.ProcessEnv = process.env): void {
  if (env.LEPTON_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

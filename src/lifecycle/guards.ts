// What every lifecycle write checks first: the project can still move, and a reason was given.
import { usageError } from '../errors.js';
import type { Manifest } from '../manifest/schema.js';
import { phaseMismatch } from './phase-mismatch.js';
import type { LifecycleState } from './state.js';

export interface TransitionOptions {
  env?: NodeJS.ProcessEnv | undefined;
}

export interface ReasonOptions extends TransitionOptions {
  reason: string;
}

/** Refuses to move a project whose `phase:` the ledger does not back, or that has ended. */
export function assertMovable(manifest: Manifest, state: LifecycleState, what: string): void {
  if (state.terminated) {
    throw usageError(
      `cannot ${what}: the project was terminated (ledger entry #${state.terminated.seq}, ${state.terminated.time.slice(0, 10)}): ${state.terminated.reason}`,
      '`lepton history` shows the record',
    );
  }
  const mismatch = phaseMismatch(manifest, state);
  if (mismatch) throw usageError(`cannot ${what}: ${mismatch.message}`, mismatch.hint);
}

export function requireReason(reason: string | undefined, command: string): string {
  const text = reason?.trim() ?? '';
  if (!text) throw usageError(`${command} needs a reason`, `pass --reason "why"`);
  return text;
}

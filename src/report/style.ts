// Colour on or off, decided by the caller; reporters never look at the terminal themselves.
import { Chalk, type ChalkInstance } from 'chalk';
import type { CheckStatus } from '../gate/types.js';

export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

export const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: 'pass',
  fail: 'FAIL',
  error: 'ERROR',
  skipped: 'skip',
  waived: 'waived',
};

export function paintStatus(paint: ChalkInstance, status: CheckStatus, required: boolean): string {
  const label = STATUS_LABEL[status].padEnd(6);
  switch (status) {
    case 'pass':
      return paint.green(label);
    case 'fail':
    case 'error':
      return required ? paint.red.bold(label) : paint.yellow(label);
    case 'waived':
      return paint.yellow(label);
    default:
      return paint.dim(label);
  }
}

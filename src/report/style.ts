// Colour on or off, decided by the caller; reporters never look at the terminal themselves.
// chalk loads only when there is colour to paint: pipes, CI and NO_COLOR never pay for it.
import type { ChalkInstance } from 'chalk';
import type { CheckStatus } from '../gate/types.js';

export type Paint = ChalkInstance;

/**
 * Paint that leaves text as it is, however styles are chained (`paint.red.bold(text)`), as chalk
 * does at level 0. It has no `then`: a promise resolving to it must not take it for one.
 */
export const PLAIN: Paint = new Proxy(() => undefined, {
  get: (_target, key) => (key === 'then' ? undefined : PLAIN),
  apply: (_target, _this, texts: unknown[]) => texts.join(' '),
}) as unknown as Paint;

export async function palette(color: boolean): Promise<Paint> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

export const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: 'pass',
  fail: 'FAIL',
  error: 'ERROR',
  skipped: 'skip',
  waived: 'waived',
};

export function paintStatus(paint: Paint, status: CheckStatus, required: boolean): string {
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

// Live progress of a gate on a terminal (stderr): a line as each check starts and as it ends, a
// status line with the elapsed time of what is still running, and with `verbose` a `run` check's
// output as it arrives. Shown only on a terminal, outside CI, without --quiet (`progressWanted`).
import type { CheckResult, CheckStart } from '../gate/types.js';
import { stripAnsi } from '../text.js';
import { paintStatus, type Paint } from './style.js';

export interface ProgressInput {
  stderrIsTTY: boolean;
  ci: boolean;
  quiet: boolean;
  env: NodeJS.ProcessEnv;
}

/** Decided once, from what the caller knows of the terminal (never looked up here). */
export function progressWanted(input: ProgressInput): boolean {
  return input.stderrIsTTY && !input.ci && !input.quiet && input.env.TERM !== 'dumb';
}

export interface Progress {
  onStart(check: CheckStart): void;
  onResult(result: CheckResult): void;
  onOutput(check: CheckStart, text: string): void;
  /** Clears the status line; call before the report is printed. */
  stop(): void;
}

/** A check running longer than this gets its elapsed time on the status line. */
const LONG_MS = 2000;
const TICK_MS = 1000;

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

// Control characters from command output other than newline and tab never reach the terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function createProgress(write: (text: string) => void, paint: Paint, options: { verbose: boolean; now?: () => number }): Progress {
  const now = options.now ?? Date.now;
  const running = new Map<string, { check: CheckStart; started: number }>();
  const partial = new Map<string, string>();
  let statusShown = false;
  const key = (check: CheckStart) => `${check.phase}/${check.id}`;
  const clearStatus = () => {
    if (statusShown) write('\r\u001b[2K');
    statusShown = false;
  };
  const drawStatus = () => {
    clearStatus();
    const long = [...running.values()].filter((item) => now() - item.started >= LONG_MS);
    if (long.length === 0) return;
    const text = long.map((item) => `${item.check.id} ${seconds(now() - item.started)}`).join(', ');
    write(paint.dim(`  … running: ${text}`.slice(0, (process.stderr.columns || 100) - 1)));
    statusShown = true;
  };
  const line = (text: string) => {
    clearStatus();
    write(`${text}\n`);
    drawStatus();
  };
  const timer = setInterval(drawStatus, TICK_MS);
  timer.unref();
  return {
    onStart(check) {
      running.set(key(check), { check, started: now() });
      line(`  ${paint.cyan('▸')} ${paint.dim('start ')} ${check.id} ${paint.dim(`(${check.kind})`)}`);
    },
    onResult(result) {
      const started = running.get(key(result))?.started;
      running.delete(key(result));
      const rest = partial.get(key(result));
      if (rest) line(`  ${paint.dim('│')} ${rest}`);
      partial.delete(key(result));
      const took = started === undefined ? '' : paint.dim(` ${seconds(now() - started)}`);
      line(`  ${paintStatus(paint, result.status, result.required)} ${result.id}${took}`);
    },
    onOutput(check, text) {
      if (!options.verbose) return;
      const lines = `${partial.get(key(check)) ?? ''}${stripAnsi(text)}`.split(/\r?\n/);
      partial.set(key(check), lines.pop() ?? '');
      for (const output of lines) line(`  ${paint.dim('│')} ${output.replace(CONTROL, '')}`);
    },
    stop() {
      clearInterval(timer);
      clearStatus();
    },
  };
}

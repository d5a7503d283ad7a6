// The process ends with the command's exit code, and a command that never finishes is no success.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { exitWhenSettled } from '../../src/exit.js';

/** Enough of `process` for exitWhenSettled: events, stderr and an exit code. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const written: string[] = [];
  const proc = {
    once: emitter.once.bind(emitter),
    stderr: { write: (text: string) => written.push(text) },
    exitCode: undefined as number | undefined,
  };
  return { proc, written, runDry: () => emitter.emit('beforeExit') };
}

describe('exitWhenSettled', () => {
  it("sets the command's exit code and says nothing more", async () => {
    const { proc, written, runDry } = fakeProcess();
    exitWhenSettled(Promise.resolve(1), proc as never);
    await new Promise((resolve) => setImmediate(resolve));
    runDry();
    expect(proc.exitCode).toBe(1);
    expect(written).toEqual([]);
  });

  it('turns a command that stopped without an answer into exit 2 with a message, never a silent 0', () => {
    const { proc, written, runDry } = fakeProcess();
    exitWhenSettled(new Promise<number>(() => {}), proc as never);
    runDry();
    expect(proc.exitCode).toBe(2);
    expect(written.join('')).toMatch(/internal error: the command stopped without finishing/);
  });
});

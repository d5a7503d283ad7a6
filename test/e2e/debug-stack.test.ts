// LEPTON_DEBUG=1 shows the stack of an error, named by the TypeScript sources (the build's source map).
import { describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';

describe('LEPTON_DEBUG=1', () => {
  it('prints a stack trace that names src/…ts:line, and none without it', async () => {
    const debug = await runLepton(['-C', '/nonexistent-folder', 'gate'], { env: { LEPTON_DEBUG: '1' } });
    expect(debug.exitCode).toBe(2);
    expect(debug.stderr).toMatch(/^lepton: no such folder: \/nonexistent-folder$/m);
    expect(debug.stderr).toMatch(/\bat .*src\/manifest\/load\.ts:\d+:\d+/);
    const plain = await runLepton(['-C', '/nonexistent-folder', 'gate']);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).not.toMatch(/\bat /);
  });
});

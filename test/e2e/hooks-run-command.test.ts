// `lepton hooks run pre-push` on its own, as husky or lefthook would call it: git's input on
// stdin; nothing is loaded or gated for pushes of tags and deletions.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';

const A = 'a'.repeat(40);
const ZERO = '0'.repeat(40);
let empty: string;

beforeAll(async () => {
  // No lepton.yaml here or above: anything that needed the manifest would fail with exit 2.
  empty = await makeTempDir('lepton-no-manifest-');
});

afterAll(async () => {
  await rm(empty, { recursive: true, force: true });
});

describe('lepton hooks run pre-push', () => {
  it('lets tags, deletions and an empty input through without reading the manifest', async () => {
    for (const input of ['', `refs/tags/v1 ${A} refs/tags/v1 ${ZERO}\n`, `(delete) ${ZERO} refs/heads/main ${A}\n`]) {
      const result = await runLepton(['hooks', 'run', 'pre-push', 'origin', 'url'], { cwd: empty, input });
      expect({ input, exitCode: result.exitCode, stderr: result.stderr }).toEqual({ input, exitCode: 0, stderr: '' });
    }
  });

  it('needs the manifest once a branch is updated', async () => {
    const result = await runLepton(['hooks', 'run', 'pre-push'], { cwd: empty, input: `refs/heads/main ${A} refs/heads/main ${ZERO}\n` });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no lepton.yaml found');
  });

  it('honours LEPTON_SKIP=1 when called from another hook manager', async () => {
    const result = await runLepton(['hooks', 'run', 'pre-push'], { cwd: empty, input: `refs/heads/main ${A} refs/heads/main ${ZERO}\n`, env: { LEPTON_SKIP: '1' } });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('lepton: LEPTON_SKIP=1, skipping the pre-push gate');
  });

  it("rejects input that is not git's and hooks other than pre-push", async () => {
    const garbled = await runLepton(['hooks', 'run', 'pre-push'], { cwd: empty, input: 'main main\n' });
    expect(garbled.exitCode).toBe(2);
    expect(garbled.stderr).toContain('line 1 of the pre-push input');
    const other = await runLepton(['hooks', 'run', 'pre-commit'], { cwd: empty, input: '' });
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain('the one hook is pre-push');
  });

  it('is not listed in help', async () => {
    const help = await runLepton(['hooks', '--help'], { cwd: empty });
    expect(help.stdout).toContain('install');
    expect(help.stdout).not.toMatch(/^\s+run\b/m);
  });
});

// The hook script itself, run by sh and dash with git's kind of input and a fake lepton that
// records how it was called: syntax, the decisions made before Node starts, finding lepton.
import { execa } from 'execa';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prePushHookScript, readHookSettings } from '../../src/git/hooks.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { writeExecutable } from './hooks-setup.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);
const ZERO256 = '0'.repeat(64);

const shells = ['sh', 'dash'];
let dir: string;
let hook: string;
let fakeLepton: string;

beforeAll(async () => {
  dir = await makeTempDir('lepton-hook-script-');
  hook = path.join(dir, 'hooks', 'pre-push');
  await writeExecutable(hook, prePushHookScript({ branches: ['main', 'release/*'], required: true, project: "projects/it's here" }));
  fakeLepton = path.join(dir, 'fake-lepton');
  // Records its arguments and its stdin, then exits with $FAKE_EXIT.
  await writeExecutable(fakeLepton, '#!/bin/sh\nprintf "%s\\n" "$@" > "$FAKE_LOG.args"\ncat > "$FAKE_LOG.stdin"\nexit "${FAKE_EXIT:-0}"\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runHook(shell: string, input: string, env: Record<string, string> = {}) {
  const log = path.join(dir, `log-${shell}-${Math.random().toString(36).slice(2)}`);
  const result = await execa(shell, [hook, 'origin', 'file:///remote.git'], {
    cwd: dir,
    input,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LEPTON_BIN: fakeLepton, FAKE_LOG: log, ...env },
    extendEnv: false,
    reject: false,
  });
  const args = await readFile(`${log}.args`, 'utf8').catch(() => undefined);
  const stdin = await readFile(`${log}.stdin`, 'utf8').catch(() => undefined);
  return { exitCode: result.exitCode, stderr: String(result.stderr), ran: args !== undefined, args: args?.split('\n').slice(0, -1), stdin };
}

describe.each(shells)('the pre-push hook script under %s', (shell) => {
  it('parses', async () => {
    const result = await execa(shell, ['-n', hook], { reject: false });
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toBe('');
  });

  it("starts lepton for a push to a protected branch, with git's input and arguments, in the project folder", async () => {
    const input = `refs/heads/main ${A} refs/heads/main ${B}\n`;
    const result = await runHook(shell, input);
    expect(result.exitCode).toBe(0);
    expect(result.args).toEqual(['-C', "projects/it's here", 'hooks', 'run', 'pre-push', '--', 'origin', 'file:///remote.git']);
    expect(result.stdin).toBe(input);
  });

  it("passes lepton's refusal on as its exit code", async () => {
    const result = await runHook(shell, `refs/heads/main ${A} refs/heads/main ${B}\n`, { FAKE_EXIT: '1' });
    expect(result.ran).toBe(true);
    expect(result.exitCode).toBe(1);
  });

  it('gates release branches matched by a wildcard, and a local side with spaces', async () => {
    const result = await runHook(shell, `main@{1 day ago} ${A} refs/heads/release/1.0 ${ZERO}\n`);
    expect(result.ran).toBe(true);
  });

  it('does not start lepton for another branch, a deletion, a tag or an empty input', async () => {
    for (const input of [
      `refs/heads/main ${A} refs/heads/feature ${B}\n`,
      `(delete) ${ZERO} refs/heads/main ${A}\n`,
      `(delete) ${ZERO256} refs/heads/main ${'c'.repeat(64)}\n`,
      `refs/tags/v1 ${A} refs/tags/v1 ${ZERO}\n`,
      `refs/heads/main ${A} refs/heads/mainline ${B}\n`,
      '',
    ]) {
      const result = await runHook(shell, input);
      expect({ input, ran: result.ran, exitCode: result.exitCode }).toEqual({ input, ran: false, exitCode: 0 });
    }
  });

  it('gates a push that mixes a deletion, a tag and a protected branch', async () => {
    const input = `(delete) ${ZERO} refs/heads/old ${A}\nrefs/tags/v2 ${B} refs/tags/v2 ${ZERO}\nHEAD ${A} refs/heads/main ${B}\n`;
    const result = await runHook(shell, input);
    expect(result.ran).toBe(true);
    expect(result.stdin).toBe(input);
  });

  it('skips the gate with LEPTON_SKIP=1, saying so, without starting lepton', async () => {
    const result = await runHook(shell, `refs/heads/main ${A} refs/heads/main ${B}\n`, { LEPTON_SKIP: '1' });
    expect(result.ran).toBe(false);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('lepton: LEPTON_SKIP=1, skipping the pre-push gate');
  });

  it('does not expand branch patterns as file names', async () => {
    // A file matching `release/*` in the working folder must not turn the pattern into its name.
    await writeExecutable(path.join(dir, 'release', 'x'), '');
    const result = await runHook(shell, `HEAD ${A} refs/heads/release/2.0 ${B}\n`);
    expect(result.ran).toBe(true);
  });
});

describe('the settings written into the hook', () => {
  it('read back as they were written, quotes included', () => {
    const settings = { branches: ['main', 'release/*'], required: false, project: "a b/it's" };
    expect(readHookSettings(prePushHookScript(settings))).toEqual(settings);
  });

  it('bake in no absolute path', () => {
    const script = prePushHookScript({ branches: ['main'], required: true, project: '.' });
    expect(script).not.toMatch(/(^|[\s'"=])\/(?!dev\/null)[a-z]/m);
  });
});

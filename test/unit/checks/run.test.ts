import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/gate/checks/command.js';
import runCheck from '../../../src/gate/checks/run.js';
import { CheckCache } from '../../../src/gate/check-cache.js';
import type { CheckContext } from '../../../src/gate/types.js';
import type { CheckOf } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { runLepton } from '../../helpers/cli.js';
import { makeTempDir } from '../../helpers/git-repo.js';

let root: string;

beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

type RunOptions = Omit<CheckOf<'run'>, 'id' | 'run'>;

function evaluate(run: string, options: RunOptions = {}, context: Partial<CheckContext> = {}) {
  const full = checkContext({ root, env: process.env, now: () => new Date('2026-11-27T10:00:00Z'), ...context });
  return runCheck.evaluate({ id: 'unit-tests', run, ...options }, full);
}

/** True while the process exists and is not a zombie waiting for a parent that does not reap it. */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return false;
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function waitForFile(file: string): Promise<string> {
  for (;;) {
    const content = await readFile(file, 'utf8').catch(() => '');
    if (content.trim()) return content.trim();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('run check: exit codes and output', () => {
  it('passes on exit 0, keeping the output, with command and exit code as evidence', async () => {
    const outcome = await evaluate(`echo '4 passed in 0.1s'`);
    expect(outcome).toMatchObject({ status: 'pass', message: "`echo '4 passed in 0.1s'` passed", output: ['4 passed in 0.1s'] });
    expect(outcome.evidence).toEqual({ command: "echo '4 passed in 0.1s'", cwd: '.', exitCode: 0 });
  });

  it('fails with the exit code and the last 20 lines of stdout and stderr together', async () => {
    const script = 'i=1; while [ $i -le 30 ]; do if [ $((i % 2)) -eq 1 ]; then echo "line $i" >&2; else echo "line $i"; fi; i=$((i + 1)); done; exit 3';
    const outcome = await evaluate(script);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/^`i=1; while .*\.\.\.` exited with code 3$/);
    expect(outcome.output).toEqual(Array.from({ length: 20 }, (_, index) => `line ${index + 11}`));
    expect(outcome.evidence).toMatchObject({ exitCode: 3 });
  });

  it('says when the command does not exist', async () => {
    const outcome = await evaluate('no-such-tool-for-lepton --check');
    expect(outcome).toMatchObject({ status: 'fail', message: '`no-such-tool-for-lepton --check` exited with code 127 (command not found)' });
  });

  it('keeps lines plain: colours and progress-bar redraws removed', async () => {
    const outcome = await evaluate(`printf '\\033[32mok\\033[0m\\nprogress 10%%\\rprogress 100%%\\nlast line without newline'`);
    expect(outcome.output).toEqual(['ok', 'progress 100%', 'last line without newline']);
  });
});

describe('run check: environment and folder', () => {
  it('merges env over the environment, values as strings', async () => {
    const outcome = await evaluate(
      'echo "$MODEL $EPOCHS $FAST $BASE"',
      { env: { MODEL: 'gbm', EPOCHS: 3, FAST: true } },
      { env: { ...process.env, BASE: 'from-lepton', MODEL: 'overridden' } },
    );
    expect(outcome).toMatchObject({ status: 'pass', output: ['gbm 3 true from-lepton'] });
  });

  it('runs in cwd inside the project', async () => {
    await mkdir(path.join(root, 'service', 'api'), { recursive: true });
    const outcome = await evaluate('pwd', { cwd: 'service/api' });
    expect(outcome).toMatchObject({ status: 'pass', output: [path.join(root, 'service', 'api')] });
    expect(outcome.evidence).toMatchObject({ cwd: 'service/api' });
  });

  it('refuses a cwd leaving the project, through .., a symlink, or one that is not a folder', async () => {
    const outside = await makeTempDir();
    try {
      await symlink(outside, path.join(root, 'elsewhere'));
      await writeFile(path.join(root, 'file.txt'), 'x');
      for (const cwd of ['..', '../..', '/tmp', 'elsewhere', 'missing', 'file.txt']) {
        const outcome = await evaluate('touch ran-here', { cwd });
        expect(outcome.status, cwd).toBe('error');
        expect(outcome.message, cwd).toMatch(/^cwd /);
      }
      expect(await readdir(outside)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('run check: ending the whole process tree', () => {
  it('kills the command and its grandchild when the timeout passes', async () => {
    const outcome = await evaluate('sleep 30 & echo $! > grandchild.pid; wait', { timeout: 1 });
    expect(outcome).toMatchObject({ status: 'fail', message: '`sleep 30 & echo $! > grandchild.pid; wait` timed out after 1s' });
    const grandchild = Number(await readFile(path.join(root, 'grandchild.pid'), 'utf8'));
    expect(grandchild).toBeGreaterThan(0);
    expect(await isAlive(grandchild)).toBe(false);
  });

  it('stops on interrupt (Ctrl-C), grandchild included', async () => {
    const controller = new AbortController();
    const pending = evaluate(`sh -c 'sleep 30 & echo $! > grandchild.pid; wait'`, {}, { signal: controller.signal });
    const grandchild = Number(await waitForFile(path.join(root, 'grandchild.pid')));
    controller.abort();
    const outcome = await pending;
    expect(outcome).toMatchObject({ status: 'error', message: `\`sh -c 'sleep 30 & echo $! > grandchild.pid; wait'\` was interrupted` });
    expect(await isAlive(grandchild)).toBe(false);
  });

  it('sends SIGKILL to a tree that ignores SIGTERM', async () => {
    const result = await runCommand(`trap '' TERM; sleep 30 & echo $! > grandchild.pid; wait`, {
      cwd: root,
      env: process.env,
      timeoutMs: 300,
      killGraceMs: 300,
      signal: new AbortController().signal,
    });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    expect(await isAlive(Number(await readFile(path.join(root, 'grandchild.pid'), 'utf8')))).toBe(false);
  });

  it('keeps the exit code of a command whose stubborn leftover outlives the timeout', async () => {
    const result = await runCommand(`(trap '' TERM; sleep 30) & echo done`, {
      cwd: root,
      env: process.env,
      timeoutMs: 200,
      killGraceMs: 600,
      signal: new AbortController().signal,
    });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, output: ['done'] });
  });

  it('ends background jobs a passing command leaves behind', async () => {
    const outcome = await evaluate('sleep 30 & echo $! > leftover.pid; echo done');
    expect(outcome).toMatchObject({ status: 'pass', output: ['done'] });
    const leftover = Number(await readFile(path.join(root, 'leftover.pid'), 'utf8'));
    for (let tries = 0; tries < 100 && (await isAlive(leftover)); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await isAlive(leftover)).toBe(false);
  });
});

describe('run check: caching passes by inputs', () => {
  async function setUp(): Promise<{ cache: CheckCache; runs: () => Promise<number> }> {
    await mkdir(path.join(root, 'src'), { recursive: true });
    await writeFile(path.join(root, 'src', 'model.py'), 'def train(): ...\n');
    await writeFile(path.join(root, 'src', 'features.py'), 'COLUMNS = []\n');
    // As init leaves a project: lepton keeps state (and caches) only where .lepton/ exists.
    await mkdir(path.join(root, '.lepton'), { recursive: true });
    const cache = new CheckCache(root);
    const runs = async () => (await readFile(path.join(root, 'runs.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    return { cache, runs };
  }
  const command = 'echo run >> runs.log; echo "4 passed"';

  it('reuses a pass while the inputs are unchanged, and runs again when one changes', async () => {
    const { cache, runs } = await setUp();
    const first = await evaluate(command, { inputs: ['src/**'] }, { cache });
    expect(first).toMatchObject({ status: 'pass', output: ['4 passed'] });
    // Kept in the check cache, one entry per command, cwd and env.
    await cache.save();
    const saved = JSON.parse(await readFile(path.join(root, '.lepton/cache/checks.json'), 'utf8'));
    expect(Object.keys(saved.data)).toEqual([`run\0${command}\0.\0[]`]);

    const second = await evaluate(command, { inputs: ['src/**'] }, { cache });
    expect(second).toMatchObject({ status: 'pass', message: `\`${command}\` passed (cached: inputs unchanged since 2026-11-27T10:00:00.000Z)`, output: ['4 passed'] });
    expect(second.evidence).toEqual(first.evidence);
    expect(await runs()).toBe(1);

    await writeFile(path.join(root, 'src', 'features.py'), 'COLUMNS = ["plan"]\n');
    const third = await evaluate(command, { inputs: ['src/**'] }, { cache });
    expect(third.message).not.toContain('cached');
    expect(third.evidence).not.toEqual(first.evidence);
    expect(await runs()).toBe(2);

    await writeFile(path.join(root, 'src', 'new_module.py'), 'x = 1\n');
    await evaluate(command, { inputs: ['src/**'] }, { cache });
    expect(await runs()).toBe(3);
  });

  it('keys the cache on env and cwd too', async () => {
    const { cache, runs } = await setUp();
    await evaluate(command, { inputs: ['src/**'], env: { SEED: 1 } }, { cache });
    await evaluate(command, { inputs: ['src/**'], env: { SEED: 2 } }, { cache });
    await evaluate(command.replaceAll('runs.log', '../runs.log'), { inputs: ['src/**'], cwd: 'src' }, { cache });
    expect(await runs()).toBe(3);
  });

  it('never caches a failure, and caches nothing without inputs or without a cache', async () => {
    const { cache, runs } = await setUp();
    await evaluate('echo run >> runs.log; exit 1', { inputs: ['src/**'] }, { cache });
    await evaluate('echo run >> runs.log; exit 1', { inputs: ['src/**'] }, { cache });
    await evaluate(command, {}, { cache });
    await evaluate(command, {}, { cache });
    await evaluate(command, { inputs: ['src/**'] });
    await evaluate(command, { inputs: ['src/**'] });
    expect(await runs()).toBe(6);
  });

  it('caches nothing when the inputs match no file (a typo in a glob would otherwise keep a pass for good)', async () => {
    const { cache, runs } = await setUp();
    await evaluate(command, { inputs: ['scr/**'] }, { cache });
    await evaluate(command, { inputs: ['scr/**'] }, { cache });
    expect(await runs()).toBe(2);
  });
});

describe('run check through the built CLI', () => {
  it("never lets the command's output through to lepton's stdout or stderr", async () => {
    await writeFile(
      path.join(root, 'lepton.yaml'),
      [
        'version: 1',
        'project: { name: leak-test }',
        'phase: develop',
        'phases:',
        '  - id: develop',
        '    title: Development',
        '    gate:',
        '      - { id: noisy, run: "echo OUT-PASS; echo ERR-PASS >&2" }',
        '      - { id: noisy-fail, run: "echo OUT-FAIL; echo ERR-FAIL >&2; exit 2" }',
        '',
      ].join('\n'),
    );
    const result = await runLepton(['gate', '--format', 'json'], { cwd: root });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).not.toMatch(/OUT-|ERR-/);
    const report = JSON.parse(result.stdout) as { checks: { status: string; output: string[] }[] };
    expect(report.checks.map((check) => [check.status, check.output])).toEqual([
      ['pass', ['OUT-PASS', 'ERR-PASS']],
      ['fail', ['OUT-FAIL', 'ERR-FAIL']],
    ]);
  });
});

describe('run check hint', () => {
  it('names the command and its folder', () => {
    expect(runCheck.defaultHint({ id: 'unit-tests', run: 'pytest -q', cwd: 'service' })).toContain('run `pytest -q` in service yourself');
  });
});

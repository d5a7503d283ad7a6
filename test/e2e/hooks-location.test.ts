// The hook goes where git looks for hooks: a core.hooksPath folder such as .husky, the shared
// hooks of a linked worktree; never a hooks folder outside the repository or husky's generated one;
// `status` says when git would not run it.
import { execa } from 'execa';
import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, gitEnv, makeTempDir } from '../helpers/git-repo.js';
import { FAILING_RESULTS, createHookProject, pushEnv, writeExecutable, type HookProject } from './hooks-setup.js';

const cleanups: (() => Promise<void>)[] = [];

/** `pushes: false` for tests that never push: no ledger, nothing on the remote. */
async function project(options: { pushes?: boolean } = {}): Promise<HookProject> {
  const created = await createHookProject({ install: false, advance: options.pushes !== false });
  cleanups.push(created.cleanupAll);
  return created;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('installing under core.hooksPath', () => {
  it('writes the hook into that folder, and git runs it from there', async () => {
    const repo = await project();
    await repo.git('config', 'core.hooksPath', '.husky');
    const result = await repo.lepton(['hooks', 'install']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('installed the pre-push hook: .husky/pre-push');
    expect(result.stderr).toContain('commit the change');
    await stat(path.join(repo.dir, '.husky', 'pre-push'));
    await repo.write('poc/results.json', FAILING_RESULTS);
    await repo.commitAll('worse model');
    const push = await repo.push(['origin', 'main']);
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toContain('push to main refused');
  });

  it("refuses husky's generated folder, pointing at the hook file husky runs", async () => {
    const repo = await project({ pushes: false });
    await writeExecutable(path.join(repo.dir, '.husky', '_', 'h'), '#!/usr/bin/env sh\n');
    await repo.git('config', 'core.hooksPath', '.husky/_');
    const result = await repo.lepton(['hooks', 'install']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("husky's generated hooks folder");
    expect(result.stderr).toContain('.husky/pre-push');
  });

  it('refuses a global hooks folder outside the repository', async () => {
    const repo = await project({ pushes: false });
    const globalHooks = await makeTempDir('lepton-global-hooks-');
    const globalConfig = path.join(globalHooks, 'gitconfig');
    cleanups.push(() => rm(globalHooks, { recursive: true, force: true }));
    await writeFile(globalConfig, `[core]\n\thooksPath = ${globalHooks}\n`);
    const result = await repo.lepton(['hooks', 'install'], { GIT_CONFIG_GLOBAL: globalConfig });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('from global config');
    expect(result.stderr).toContain('hint:');
    await expect(stat(path.join(globalHooks, 'pre-push'))).rejects.toThrow();
  });
});

describe('hooks status', () => {
  it('says when git would not run the hook: core.hooksPath set elsewhere, or not executable', async () => {
    const repo = await project({ pushes: false });
    expect((await repo.lepton(['hooks', 'status'])).exitCode).toBe(1);
    expect((await repo.lepton(['hooks', 'install'])).exitCode).toBe(0);
    expect((await repo.lepton(['hooks', 'status'])).exitCode).toBe(0);
    await chmod(path.join(repo.dir, '.git', 'hooks', 'pre-push'), 0o644);
    const notExecutable = await repo.lepton(['hooks', 'status']);
    expect(notExecutable.exitCode).toBe(1);
    expect(notExecutable.stdout).toContain('not executable, so git will not run it');
    await chmod(path.join(repo.dir, '.git', 'hooks', 'pre-push'), 0o755);
    await repo.git('config', 'core.hooksPath', '.githooks');
    const elsewhere = await repo.lepton(['hooks', 'status']);
    expect(elsewhere.exitCode).toBe(1);
    expect(elsewhere.stdout).toContain('never runs: git runs hooks from .githooks');
  });

  it("says when the hook's settings differ from lepton.yaml", async () => {
    const repo = await project({ pushes: false });
    expect((await repo.lepton(['hooks', 'install'])).exitCode).toBe(0);
    await writeFile(path.join(repo.dir, 'lepton.yaml'), `${await readFile(path.join(repo.dir, 'lepton.yaml'), 'utf8')}hooks:\n  pre-push: { branches: [develop] }\n`);
    const drifted = await repo.lepton(['hooks', 'status']);
    expect(drifted.exitCode).toBe(1);
    expect(drifted.stdout).toContain('run `lepton hooks install` to rewrite it');
    expect((await repo.lepton(['hooks', 'install'])).exitCode).toBe(0);
    const refreshed = await repo.lepton(['hooks', 'status']);
    expect(refreshed.stdout).toContain('gates pushes to: develop');
    expect(refreshed.exitCode).toBe(0);
  });
});

describe('a linked worktree', () => {
  it('shares the hook installed from it, and a push from it is gated', async () => {
    const repo = await project();
    const worktree = path.join(await makeTempDir('lepton-worktree-'), 'wt');
    cleanups.push(() => rm(path.dirname(worktree), { recursive: true, force: true }));
    await repo.git('worktree', 'add', '-q', '-b', 'topic', worktree);
    const install = await repo.lepton(['-C', worktree, 'hooks', 'install']);
    expect(install.exitCode).toBe(0);
    await stat(path.join(repo.dir, '.git', 'hooks', 'pre-push'));
    await writeFile(path.join(worktree, 'poc', 'results.json'), FAILING_RESULTS);
    const git = (...args: string[]) => execa('git', args, { cwd: worktree, env: pushEnv(), extendEnv: false, reject: false });
    await git('commit', '-q', '-am', 'worse model in the worktree');
    const refused = await git('push', 'origin', 'topic:main');
    expect(refused.exitCode).not.toBe(0);
    expect(String(refused.stderr)).toContain('results-meet-criteria');
    expect((await git('push', 'origin', 'topic')).exitCode).toBe(0);
  });
});

describe('a submodule', () => {
  it("gets the hook in its own hooks folder inside the superproject's .git", async () => {
    const sub = await project({ pushes: false });
    const superproject = await createTempRepo();
    cleanups.push(superproject.cleanup);
    await superproject.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'model');
    const inside = path.join(superproject.dir, 'model');
    const result = await runLepton(['-C', inside, 'hooks', 'install'], { env: gitEnv() });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(path.join(superproject.dir, '.git', 'modules', 'model', 'hooks', 'pre-push'));
    await stat(path.join(superproject.dir, '.git', 'modules', 'model', 'hooks', 'pre-push'));
    await expect(stat(path.join(superproject.dir, '.git', 'hooks', 'pre-push'))).rejects.toThrow();
  });
});

import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import gitCheck from '../../../src/gate/checks/git.js';
import type { CheckContext } from '../../../src/gate/types.js';
import type { CheckOf } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { createTempRepo, makeTempDir, type TempRepo } from '../../helpers/git-repo.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function repo(files: Record<string, string> = { 'lepton.yaml': 'version: 1\n', '.gitignore': 'build/\n' }): Promise<TempRepo> {
  const created = await createTempRepo({ files });
  cleanups.push(created.cleanup);
  return created;
}

function evaluate(root: string, git: CheckOf<'git'>['git'], context: Partial<CheckContext> = {}) {
  const full = checkContext({ root, git: () => import('../../../src/git/git.js'), ...context });
  return gitCheck.evaluate({ id: 'release-tagged', git }, full);
}

describe('git check: clean working tree', () => {
  it('passes a clean tree, ignored files not counting', async () => {
    const project = await repo();
    await project.write('build/model.pkl', 'weights');
    const outcome = await evaluate(project.dir, { clean: true });
    expect(outcome).toMatchObject({ status: 'pass', message: 'working tree clean' });
    expect(outcome.evidence).toMatchObject({ commit: expect.stringMatching(/^[0-9a-f]{40}$/), changes: 0 });
  });

  it('fails on a modified, a staged and an untracked file, listing each', async () => {
    const project = await repo({ 'lepton.yaml': 'version: 1\n', 'src/model.py': 'x = 1\n', 'src/train.py': 'y = 1\n' });
    await project.write('src/model.py', 'x = 2\n');
    await project.write('src/train.py', 'y = 2\n');
    await project.git('add', 'src/train.py');
    await project.write('notes/draft.md', 'draft');
    const outcome = await evaluate(project.dir, { clean: true });
    expect(outcome).toMatchObject({ status: 'fail', message: 'working tree has 3 uncommitted changes' });
    expect(outcome.problems).toEqual(
      expect.arrayContaining([
        { file: 'src/model.py', message: 'uncommitted change' },
        { file: 'src/train.py', message: 'uncommitted change' },
        { file: 'notes/draft.md', message: 'untracked' },
      ]),
    );
  });

  it("does not count lepton's own cache, but anything else in .lepton/", async () => {
    const project = await repo();
    await project.write('.lepton/cache/checks.json', '{}');
    expect((await evaluate(project.dir, { clean: true })).status).toBe('pass');
    await project.write('.lepton/notes.md', 'x\n');
    expect((await evaluate(project.dir, { clean: true })).status).toBe('fail');
  });

  it('gives paths relative to a project in a subfolder of the repository', async () => {
    const project = await repo({ 'services/churn/lepton.yaml': 'version: 1\n' });
    await project.write('services/churn/src/model.py', 'x = 1\n');
    const outcome = await evaluate(path.join(project.dir, 'services', 'churn'), { clean: true });
    expect(outcome.problems).toEqual([{ file: 'src/model.py', message: 'untracked' }]);
  });
});

describe('git check: branch', () => {
  it('passes when the branch matches one of the globs', async () => {
    const project = await repo();
    await project.git('switch', '-q', '-c', 'release/1.4');
    expect(await evaluate(project.dir, { branch: ['main', 'release/*'] })).toMatchObject({ status: 'pass', message: 'on branch release/1.4' });
    expect(await evaluate(project.dir, { branch: 'release/*' })).toMatchObject({ status: 'pass' });
  });

  it('fails on another branch, naming it and the globs', async () => {
    const project = await repo();
    await project.git('switch', '-q', '-c', 'feature/drift-alerts');
    const outcome = await evaluate(project.dir, { branch: ['main', 'release/*'] });
    expect(outcome).toMatchObject({ status: 'fail', message: 'on branch feature/drift-alerts, expected main or release/*' });
    expect(outcome.evidence).toMatchObject({ branch: 'feature/drift-alerts' });
  });

  it('on a detached HEAD, uses the branch CI says it builds, or fails', async () => {
    const project = await repo();
    await project.git('switch', '-q', '--detach', 'HEAD');
    expect(await evaluate(project.dir, { branch: 'main' })).toMatchObject({ status: 'fail', message: 'HEAD is detached, not on a branch matching main' });
    const ci = await evaluate(project.dir, { branch: 'main' }, { env: { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' } });
    expect(ci).toMatchObject({ status: 'pass', message: 'on branch main (from GITHUB_REF_NAME)' });
  });
});

describe('git check: tag', () => {
  it('passes when a tag matching the glob points at HEAD', async () => {
    const project = await repo();
    await project.git('tag', 'v1.2.0');
    expect(await evaluate(project.dir, { tag: 'v*', clean: true })).toMatchObject({ status: 'pass', message: 'working tree clean, HEAD tagged v1.2.0' });
  });

  it('fails when the matching tag is on an older commit, naming the tags HEAD has', async () => {
    const project = await repo();
    await project.git('tag', '-a', 'v1.0.0', '-m', 'first release');
    await project.write('src/model.py', 'x = 1\n');
    await project.commitAll('new model');
    await project.git('tag', 'candidate');
    const head = (await project.git('rev-parse', 'HEAD')).slice(0, 7);
    const outcome = await evaluate(project.dir, { tag: 'v*' });
    expect(outcome).toMatchObject({ status: 'fail', message: `no tag matching v* points at HEAD ${head} (HEAD has candidate)` });
  });

  it('reports every failing rule at once', async () => {
    const project = await repo();
    await project.write('dirty.txt', 'x');
    const outcome = await evaluate(project.dir, { clean: true, branch: 'release/*', tag: 'v*' });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/^working tree has 1 uncommitted change; on branch main, expected release\/\*; no tag matching v\* points at HEAD [0-9a-f]{7}$/);
  });

  it('fails in a repository without commits', async () => {
    const project = await createTempRepo({ commit: false });
    cleanups.push(project.cleanup);
    expect(await evaluate(project.dir, { tag: 'v*' })).toMatchObject({ status: 'fail', message: 'the repository has no commit yet, so no tag matching v* can point at HEAD' });
  });
});

describe('git check outside a repository', () => {
  it('is an error, not a failure', async () => {
    const dir = await makeTempDir();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(path.join(dir, 'project'));
    const outcome = await evaluate(path.join(dir, 'project'), { clean: true });
    expect(outcome).toMatchObject({ status: 'error', message: 'the project is not inside a git repository, so its git state cannot be checked' });
  });

  it('hints at each rule', () => {
    const hint = gitCheck.defaultHint({ id: 'release-tagged', git: { clean: true, branch: ['main'], tag: 'v*' } });
    expect(hint).toContain('commit or stash');
    expect(hint).toContain('switch to a branch matching main');
    expect(hint).toContain('`git tag v1.0.0`');
  });
});

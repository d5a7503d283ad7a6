// Which lepton.yaml files `--all` and `ci matrix` find: git's view of the tree inside a repository
// (tracked or untracked-but-not-ignored, present on disk), a plain walk outside one.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { comparePaths, findProjects } from '../../src/lifecycle/projects.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = 'version: 1\nproject: { name: p }\nphase: poc\nphases: [{ id: poc, title: PoC }]\n';

describe('finding projects', () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.cleanup();
  });

  it('inside git: tracked and untracked projects, not ignored ones, not node_modules, not deleted ones', async () => {
    repo = await createTempRepo({
      files: {
        '.gitignore': '/out\n*.tmp/\n',
        'lepton.yaml': MANIFEST,
        'models/a/lepton.yaml': MANIFEST,
        'models/deleted/lepton.yaml': MANIFEST,
        'out/copy/lepton.yaml': MANIFEST,
        'models/scratch.tmp/lepton.yaml': MANIFEST,
        'models/a/node_modules/x/lepton.yaml': MANIFEST,
      },
    });
    await repo.write('models/new/lepton.yaml', MANIFEST);
    await rm(path.join(repo.dir, 'models/deleted/lepton.yaml'));
    const found = await findProjects(repo.dir);
    expect(found.method).toBe('git');
    expect(found.projects.map((project) => project.path)).toEqual(['.', 'models/a', 'models/new']);
    expect(found.projects[1]).toEqual({ path: 'models/a', dir: path.join(repo.dir, 'models/a'), manifest: 'models/a/lepton.yaml' });
    expect((await findProjects(path.join(repo.dir, 'models'))).projects.map((project) => project.manifest)).toEqual(['a/lepton.yaml', 'new/lepton.yaml']);
  });

  it('outside git: a walk that skips node_modules, __pycache__ and dot folders', async () => {
    repo = await createTempRepo({
      git: false,
      files: {
        'one/lepton.yaml': MANIFEST,
        'two/deeper/lepton.yaml': MANIFEST,
        '.venv/lib/lepton.yaml': MANIFEST,
        'node_modules/dep/lepton.yaml': MANIFEST,
        'one/__pycache__/lepton.yaml': MANIFEST,
      },
    });
    const found = await findProjects(repo.dir);
    expect(found.method).toBe('walk');
    expect(found.projects.map((project) => project.path)).toEqual(['one', 'two/deeper']);
  });

  it('orders paths by segment, the same everywhere', () => {
    expect(['b', 'a-c', 'a/b', '.', 'a'].sort(comparePaths)).toEqual(['.', 'a', 'a/b', 'a-c', 'b']);
  });
});

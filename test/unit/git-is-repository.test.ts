// isRepository answers "no" without starting git when no folder from `dir` up holds a `.git`, and
// "yes" without asking again below a `.git` whose work tree git confirmed (what `report --all` over
// hundreds of projects relies on); it asks git in any other case, and when GIT_DIR points elsewhere.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRepository } from '../../src/git/git.js';
import { createTempRepo, makeTempDir } from '../helpers/git-repo.js';

const saved = process.env.GIT_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.GIT_DIR;
  else process.env.GIT_DIR = saved;
});

describe('isRepository', () => {
  it('is false in a folder with no .git in it or above it', async () => {
    const dir = await makeTempDir();
    await mkdir(path.join(dir, 'a/b'), { recursive: true });
    expect(await isRepository(path.join(dir, 'a/b'))).toBe(false);
  });

  it('is true in a subfolder of a repository, and false in a folder that only holds a .git file git rejects', async () => {
    const repo = await createTempRepo();
    await mkdir(path.join(repo.dir, 'services/alpha'), { recursive: true });
    expect(await isRepository(path.join(repo.dir, 'services/alpha'))).toBe(true);
    const bogus = await makeTempDir();
    await writeFile(path.join(bogus, '.git'), 'gitdir: /nowhere\n');
    expect(await isRepository(bogus)).toBe(false);
  });

  it('is true in every subfolder of a confirmed work tree, and still false inside its .git folder', async () => {
    const repo = await createTempRepo();
    await mkdir(path.join(repo.dir, 'a/b'), { recursive: true });
    expect(await isRepository(repo.dir)).toBe(true);
    expect(await isRepository(path.join(repo.dir, 'a/b'))).toBe(true);
    expect(await isRepository(path.join(repo.dir, '.git'))).toBe(false);
    expect(await isRepository(path.join(repo.dir, '.git/objects'))).toBe(false);
  });

  it('asks git when GIT_DIR names a repository, whatever the folder', async () => {
    const repo = await createTempRepo();
    const elsewhere = await makeTempDir();
    process.env.GIT_DIR = path.join(repo.dir, '.git');
    expect(await isRepository(elsewhere)).toBe(true);
  });
});

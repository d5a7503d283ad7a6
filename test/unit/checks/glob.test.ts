// matchFiles answers `folder/*.ext` patterns from one folder listing instead of loading tinyglobby:
// on a tree full of corner cases, both answer every pattern alike.
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchFiles } from '../../../src/gate/checks/glob.js';
import { makeTempDir } from '../../helpers/git-repo.js';

let root: string;
let outside: string;

const FILES = [
  'model.py',
  'train.py',
  '.hidden.py',
  'README.md',
  'notes.MD',
  'a.b$c^d.py',
  'with space.py',
  'empty.py',
  'src/model.py',
  'src/.env.py',
  'src/features.py',
  'src/test_model.py',
  'src/model_test.py',
  'src/py',
  'src/x.pyc',
  'src/nested/deep.py',
  'src/node_modules/dep.py',
  'tests/test_a.py',
  'tests/test_b.py',
  'tests/conftest.py',
  '.github/workflows/ci.yml',
  '.github/workflows/.draft.yml',
  'node_modules/pkg/index.py',
  'docs/a.md',
  'docs/b.md',
  // A worktree's or submodule's `.git` is a file; so can `node_modules` be. A name may hold a newline.
  'sub/.git',
  'sub/node_modules',
  'sub/main.py',
  'odd/new\nline.py',
  'odd/a|b.py',
];

beforeAll(async () => {
  root = await makeTempDir();
  outside = await makeTempDir();
  for (const file of FILES) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), file === 'empty.py' ? '' : `# ${file}\n`);
  }
  await mkdir(path.join(root, 'src', 'folder.py'));
  await writeFile(path.join(outside, 'secret.py'), 'x = 1\n');
  await symlink(path.join(root, 'src', 'model.py'), path.join(root, 'src', 'linked.py'));
  await symlink(path.join(root, 'src', 'missing.py'), path.join(root, 'src', 'broken.py'));
  await symlink(path.join(outside, 'secret.py'), path.join(root, 'src', 'escape.py'));
  await symlink(path.join(root, 'docs'), path.join(root, 'docs-link'));
  await mkdir(path.join(root, 'loop'));
  await symlink(path.join(root, 'loop', 'a.py'), path.join(root, 'loop', 'b.py'));
  await symlink(path.join(root, 'loop', 'b.py'), path.join(root, 'loop', 'a.py'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const PATTERNS = [
  '*.py',
  '*',
  '*.md',
  '*.MD',
  'src/*.py',
  './src/*.py',
  'src//*.py',
  'src/*',
  'src/test_*.py',
  'src/*_test.py',
  'src/*model*',
  'src/*.p',
  'src/*py',
  'tests/test_*.py',
  '.github/workflows/*.yml',
  'docs-link/*.md',
  'node_modules/pkg/*.py',
  'src/node_modules/*.py',
  'missing/*.py',
  'a.b$c^d*',
  'with *',
  '.*.py',
  'src/.*',
  'sub/*',
  'sub/.g*',
  'sub/node*',
  'odd/*',
  'odd/*line.py',
  'odd/*|*',
  'loop/*',
];

describe('matchFiles: one-folder `*` patterns without the glob library', () => {
  for (const dot of [false, true]) {
    for (const pattern of PATTERNS) {
      it(`${pattern}${dot ? ' (dot files included)' : ''} matches what tinyglobby matches`, async () => {
        const fast = await matchFiles(root, pattern, undefined, { dot });
        const library = await matchFiles(root, pattern, undefined, { dot, library: true });
        expect(fast).toEqual(library);
      });
    }
  }

  it('finds what the patterns are meant to find, and nothing through a symlink out of the project', async () => {
    expect(await matchFiles(root, 'src/*.py')).toEqual(['src/features.py', 'src/linked.py', 'src/model.py', 'src/model_test.py', 'src/test_model.py']);
    expect(await matchFiles(root, 'tests/test_*.py')).toEqual(['tests/test_a.py', 'tests/test_b.py']);
    expect(await matchFiles(root, 'sub/*', undefined, { dot: true })).toEqual(['sub/main.py']);
  });

  it('finds no file, rather than failing, where a path cannot be looked at (a symlink loop)', async () => {
    expect(await matchFiles(root, 'loop/a.py')).toEqual([]);
    expect(await matchFiles(root, 'loop/*.py')).toEqual([]);
  });
});

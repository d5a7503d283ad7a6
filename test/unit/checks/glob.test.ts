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
  'model.py', 'train.py', '.hidden.py', 'README.md', 'notes.MD', 'a.b$c^d.py', 'with space.py', 'empty.py',
  'src/model.py', 'src/.env.py', 'src/features.py', 'src/test_model.py', 'src/model_test.py', 'src/py', 'src/x.pyc',
  'src/nested/deep.py', 'src/node_modules/dep.py', 'tests/test_a.py', 'tests/test_b.py', 'tests/conftest.py',
  '.github/workflows/ci.yml', '.github/workflows/.draft.yml', 'node_modules/pkg/index.py', 'docs/a.md', 'docs/b.md',
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
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const PATTERNS = [
  '*.py', '*', '*.md', '*.MD', 'src/*.py', './src/*.py', 'src//*.py', 'src/*', 'src/test_*.py', 'src/*_test.py', 'src/*model*',
  'src/*.p', 'src/*py', 'tests/test_*.py', '.github/workflows/*.yml', 'docs-link/*.md', 'node_modules/pkg/*.py',
  'src/node_modules/*.py', 'missing/*.py', 'a.b$c^d*', 'with *', '.*.py', 'src/.*',
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
  });
});

import { createHash } from 'node:crypto';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fileCheck from '../../../src/gate/checks/file.js';
import type { CheckOf } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { makeTempDir } from '../../helpers/git-repo.js';

let root: string;
let outside: string;

beforeEach(async () => {
  root = await makeTempDir();
  outside = await makeTempDir();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function write(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
}

function evaluate(file: CheckOf<'file'>['file'], evidence = true) {
  const context = checkContext({ root, env: process.env, evidence });
  return fileCheck.evaluate({ id: 'prototype-exists', file }, context);
}

const sha = (content: string) => createHash('sha256').update(content).digest('hex');

describe('file check', () => {
  it('hashes the files only when the evidence is recorded (advance), not on a plain gate', async () => {
    await write('src/model.py', 'x = 1\n');
    const outcome = await evaluate('src/*.py', false);
    expect(outcome).toMatchObject({ status: 'pass', message: '1 file found' });
    expect(outcome.evidence).toBeUndefined();
  });

  it('passes when every pattern matches a non-empty file, with the files and their hashes as evidence', async () => {
    await write('src/churn/model.py', 'def train(): ...\n');
    await write('src/churn/features.py', 'COLUMNS = []\n');
    await write('notebooks/explore.ipynb', '{"cells": []}');
    const outcome = await evaluate(['src/**/*.py', 'notebooks/*.ipynb']);
    expect(outcome).toMatchObject({ status: 'pass', message: '3 files found' });
    expect(outcome.evidence).toEqual({
      files: [
        { path: 'notebooks/explore.ipynb', sha256: sha('{"cells": []}') },
        { path: 'src/churn/features.py', sha256: sha('COLUMNS = []\n') },
        { path: 'src/churn/model.py', sha256: sha('def train(): ...\n') },
      ],
    });
  });

  it('names the pattern that matches nothing', async () => {
    await write('src/model.py', 'x = 1\n');
    const outcome = await evaluate(['src/**/*.py', 'notebooks/*.ipynb']);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('no file matches "notebooks/*.ipynb"');
    expect(outcome.problems).toEqual([{ message: 'no file matches "notebooks/*.ipynb"' }]);
  });

  it('does not count empty files, and says so', async () => {
    await write('src/__init__.py', '');
    await write('src/model.py', '');
    const outcome = await evaluate('src/*.py');
    expect(outcome).toMatchObject({ status: 'fail', message: '"src/*.py" matches only empty files: src/__init__.py, src/model.py' });
  });

  it('passes when an empty file sits beside a non-empty one', async () => {
    await write('src/__init__.py', '');
    await write('src/model.py', 'x = 1\n');
    const outcome = await evaluate('src/*.py');
    expect(outcome).toMatchObject({ status: 'pass', message: '1 file found' });
  });

  it('summarises when several patterns fail', async () => {
    const outcome = await evaluate(['src/*.py', 'tests/*.py', 'README.md']);
    expect(outcome.message).toBe('3 patterns of 3 match no non-empty file');
    expect(outcome.problems).toHaveLength(3);
  });

  it('ignores hidden files, node_modules and .git', async () => {
    await write('.hidden/model.py', 'x = 1\n');
    await write('node_modules/pkg/model.py', 'x = 1\n');
    await write('.git/hooks/model.py', 'x = 1\n');
    expect((await evaluate('**/model.py')).status).toBe('fail');
  });

  it('does not count a symlink that resolves outside the project', async () => {
    await writeFile(path.join(outside, 'secret.py'), 'token = 1\n');
    await mkdir(path.join(root, 'src'));
    await symlink(path.join(outside, 'secret.py'), path.join(root, 'src', 'secret.py'));
    await symlink(outside, path.join(root, 'linked'));
    expect((await evaluate('src/*.py')).status).toBe('fail');
    expect((await evaluate('linked/*.py')).status).toBe('fail');
    expect((await evaluate('**/*.py')).status).toBe('fail');
  });

  it('counts a symlink that stays inside the project', async () => {
    await write('data/model.py', 'x = 1\n');
    await mkdir(path.join(root, 'src'));
    await symlink(path.join(root, 'data', 'model.py'), path.join(root, 'src', 'model.py'));
    expect((await evaluate('src/*.py')).status).toBe('pass');
  });

  it('matches nothing for a pattern leaving the project', async () => {
    await writeFile(path.join(outside, 'model.py'), 'x = 1\n');
    const outcome = await evaluate(`../${path.basename(outside)}/*.py`);
    expect(outcome.status).toBe('fail');
  });

  it('treats a plain path like a glob matching only itself', async () => {
    await write('src/model.py', 'x = 1\n');
    await write('src/__init__.py', '');
    await write('node_modules/pkg/index.py', 'x = 1\n');
    await writeFile(path.join(outside, 'secret.py'), 'token = 1\n');
    await symlink(path.join(outside, 'secret.py'), path.join(root, 'secret.py'));
    expect(await evaluate('./src/model.py')).toMatchObject({ status: 'pass', evidence: { files: [{ path: 'src/model.py', sha256: sha('x = 1\n') }] } });
    expect((await evaluate('src/__init__.py')).message).toBe('"src/__init__.py" matches only empty files: src/__init__.py');
    expect((await evaluate('src')).message).toBe('no file matches "src"');
    expect((await evaluate('node_modules/pkg/index.py')).status).toBe('fail');
    expect((await evaluate('secret.py')).status).toBe('fail');
  });

  it('hints at the patterns', () => {
    expect(fileCheck.defaultHint({ id: 'x', file: ['src/**/*.py', 'notebooks/*.ipynb'] })).toContain('"src/**/*.py", "notebooks/*.ipynb"');
  });
});

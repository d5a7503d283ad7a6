// The helpers' temporary folders are removed without the test asking: after the test file
// (test/setup.ts runs removeTempDirs), not between its tests; cleanup() still removes at once.
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, removeTempDirs } from '../helpers/git-repo.js';

const exists = (dir: string) =>
  access(dir).then(
    () => true,
    () => false,
  );

describe('temporary folders', () => {
  let kept: string;

  it('makes a folder that outlives its test', async () => {
    kept = await makeTempDir('lepton-kept-');
    await writeFile(path.join(kept, 'a.txt'), 'a\n');
    expect(await exists(kept)).toBe(true);
  });

  it('still has it in the next test of the file', async () => {
    expect(await exists(path.join(kept, 'a.txt'))).toBe(true);
  });

  it('removeTempDirs removes every folder the helpers made, repositories included', async () => {
    const dir = await makeTempDir();
    const repo = await createTempRepo({ files: { 'src/model.py': 'x = 1\n' } });
    await removeTempDirs();
    expect(await exists(dir)).toBe(false);
    expect(await exists(repo.dir)).toBe(false);
    expect(await exists(kept)).toBe(false);
  });

  it('cleanup() removes a repository at once and may be called again, before or after removeTempDirs', async () => {
    const repo = await createTempRepo();
    await repo.cleanup();
    expect(await exists(repo.dir)).toBe(false);
    await repo.cleanup();
    await removeTempDirs();
  });
});

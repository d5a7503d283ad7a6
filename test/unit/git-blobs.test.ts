// filesAtRevisions (src/git/blobs.ts): files as committed, from one `git cat-file --batch`, in a
// real repository: texts of any size and content, undefined for what git has no file for.
import { describe, expect, it } from 'vitest';
import { filesAtRevisions } from '../../src/git/blobs.js';
import { createTempRepo, makeTempDir } from '../helpers/git-repo.js';

describe('filesAtRevisions', () => {
  it('reads each revision:path in order, the missing and the folders as undefined', async () => {
    const large = `${'x'.repeat(200_000)}\nend\n`;
    const repo = await createTempRepo({ files: { '.lepton/ledger.jsonl': 'first\n', 'sub/large.txt': large, 'sub/no-newline': 'a\nb' } });
    const first = await repo.git('rev-parse', 'HEAD');
    await repo.write('.lepton/ledger.jsonl', 'first\nsecond ü\n');
    await repo.commitAll('second');
    const texts = await filesAtRevisions(repo.dir, [
      'HEAD:./.lepton/ledger.jsonl',
      `${first}:./.lepton/ledger.jsonl`,
      'HEAD:./missing.txt',
      'HEAD:./sub',
      'HEAD:./sub/large.txt',
      `${'0'.repeat(40)}:./.lepton/ledger.jsonl`,
      'HEAD:./sub/no-newline',
    ]);
    expect(texts).toEqual(['first\nsecond ü\n', 'first\n', undefined, undefined, large, undefined, 'a\nb']);
  });

  it('reads paths relative to the folder it is given, as git show does', async () => {
    const repo = await createTempRepo({ files: { 'project/.lepton/ledger.jsonl': 'entry\n' } });
    expect(await filesAtRevisions(`${repo.dir}/project`, ['HEAD:./.lepton/ledger.jsonl'])).toEqual(['entry\n']);
  });

  it('answers undefined for every file outside a git repository, and nothing for no files', async () => {
    const dir = await makeTempDir();
    expect(await filesAtRevisions(dir, ['HEAD:./a', 'HEAD:./b'])).toEqual([undefined, undefined]);
    expect(await filesAtRevisions(dir, [])).toEqual([]);
  });

  it('still asks git in a folder with no .git above it when GIT_WORK_TREE and GIT_DIR point at a repository', async () => {
    const repo = await createTempRepo({ files: { 'ledger.txt': 'kept\n' } });
    const elsewhere = await makeTempDir();
    const saved = { dir: process.env.GIT_DIR, tree: process.env.GIT_WORK_TREE };
    process.env.GIT_DIR = `${repo.dir}/.git`;
    process.env.GIT_WORK_TREE = repo.dir;
    try {
      expect(await filesAtRevisions(elsewhere, ['HEAD:ledger.txt'])).toEqual(['kept\n']);
    } finally {
      for (const [key, value] of [
        ['GIT_DIR', saved.dir],
        ['GIT_WORK_TREE', saved.tree],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

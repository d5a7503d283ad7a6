// The check cache (.lepton/cache/checks.json): a document's analysis is reused only for the
// exact text it came from, and only projects lepton keeps state for get one.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckCache } from '../../src/gate/check-cache.js';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { manifestYaml } from '../helpers/manifest.js';

const CACHE = '.lepton/cache/checks.json';
const MANIFEST = manifestYaml({ name: 'cached', owners: [], phases: [{ id: 'poc', title: 'PoC', gate: [{ id: 'plan', doc: 'docs/plan.md' }] }] });
const PLAN = '# Plan\n\n## Goal\n\nPredict churn.\n\n## Steps\n\n- [x] agreed\n';

let root: string;
beforeEach(async () => {
  root = await makeTempDir();
  await mkdir(path.join(root, '.lepton'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('CheckCache', () => {
  it('keeps a value for the exact input across instances, in a folder that ignores itself', async () => {
    const writer = new CheckCache(root);
    await writer.set('doc\0a.md', 'text one', { sections: 1 });
    await writer.save();
    expect(await readFile(path.join(root, '.lepton/cache/.gitignore'), 'utf8')).toBe('*\n');
    const reader = new CheckCache(root);
    expect(await reader.get('doc\0a.md', 'text one')).toEqual({ sections: 1 });
    expect(await reader.get('doc\0a.md', 'text two')).toBeUndefined();
    expect(await reader.get('doc\0b.md', 'text one')).toBeUndefined();
  });

  it('keeps the entries it did not touch when it saves', async () => {
    const first = new CheckCache(root);
    await first.set('a', 'in-a', 1);
    await first.save();
    const second = new CheckCache(root);
    await second.set('b', 'in-b', 2);
    await second.save();
    const third = new CheckCache(root);
    expect([await third.get('a', 'in-a'), await third.get('b', 'in-b')]).toEqual([1, 2]);
  });

  it('ignores a cache written by another build, or one that is not JSON, and replaces it', async () => {
    const file = path.join(root, CACHE);
    await mkdir(path.dirname(file), { recursive: true });
    const older = new CheckCache(root);
    await older.set('a', 'in', 'stale');
    await older.save();
    const written = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...written, build: 'older' }));
    expect(await new CheckCache(root).get('a', 'in')).toBeUndefined();
    await writeFile(file, '{ not json');
    const cache = new CheckCache(root);
    expect(await cache.get('a', 'in')).toBeUndefined();
    await cache.set('a', 'in', 'fresh');
    await cache.save();
    expect(await new CheckCache(root).get('a', 'in')).toBe('fresh');
  });

  it('trusts a cache only in the folder that wrote it: not in a copy of the project, as a clone would bring', async () => {
    const cache = new CheckCache(root);
    await cache.set('a', 'in', 'value');
    await cache.save();
    expect(await new CheckCache(root).get('a', 'in')).toBe('value');
    const copy = await makeTempDir();
    try {
      await cp(root, copy, { recursive: true });
      expect(JSON.parse(await readFile(path.join(copy, CACHE), 'utf8')).data).toEqual({ a: { input: 'in', value: 'value' } });
      expect(await new CheckCache(copy).get('a', 'in')).toBeUndefined();
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('neither reads nor writes through a cache folder that is a symlink', async () => {
    const elsewhere = await makeTempDir();
    try {
      await symlink(elsewhere, path.join(root, '.lepton', 'cache'));
      const cache = new CheckCache(root);
      await cache.set('a', 'in', 'value');
      await cache.save();
      expect(await readdir(elsewhere)).toEqual([]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('writes nothing in a project without .lepton/, and nothing when nothing was added', async () => {
    const cache = new CheckCache(root);
    await cache.get('a', 'in');
    await cache.save();
    await expect(readFile(path.join(root, CACHE))).rejects.toThrow(/ENOENT/);
    await rm(path.join(root, '.lepton'), { recursive: true });
    await cache.set('a', 'in', 1);
    await cache.save();
    await expect(readFile(path.join(root, '.lepton'))).rejects.toThrow(/ENOENT/);
  });
});

describe('lepton gate with cached document analyses', () => {
  beforeEach(async () => {
    await writeFile(path.join(root, 'lepton.yaml'), MANIFEST);
    await mkdir(path.join(root, 'docs'));
    await writeFile(path.join(root, 'docs/plan.md'), PLAN);
  });

  it('caches the analysis on the first gate and follows every later edit of the document', async () => {
    expect((await runLepton(['gate'], { cwd: root })).exitCode).toBe(0);
    const cached = JSON.parse(await readFile(path.join(root, CACHE), 'utf8'));
    // The document's hash, not its text: a large document must not be copied into the cache.
    expect(Object.values(cached.data)).toEqual([expect.objectContaining({ input: createHash('sha256').update(PLAN).digest('hex') })]);
    expect((await runLepton(['gate'], { cwd: root })).exitCode).toBe(0);

    await writeFile(path.join(root, 'docs/plan.md'), PLAN.replace('Predict churn.', 'TODO'));
    const edited = await runLepton(['gate', '--format', 'json'], { cwd: root });
    expect(edited.exitCode).toBe(1);
    expect(JSON.parse(edited.stdout).checks[0].problems).toEqual([{ file: 'docs/plan.md', line: 5, message: "placeholder TODO in 'Goal'" }]);

    await writeFile(path.join(root, 'docs/plan.md'), PLAN);
    expect((await runLepton(['gate'], { cwd: root })).exitCode).toBe(0);
  });

  it('does not mistake a cache entry for another placeholder for this one', async () => {
    await writeFile(path.join(root, 'docs/plan.md'), PLAN.replace('Predict churn.', 'Predict churn. TBD: which month'));
    expect((await runLepton(['gate'], { cwd: root })).exitCode).toBe(0);
    await writeFile(path.join(root, 'lepton.yaml'), MANIFEST.replace('doc: docs/plan.md', 'doc: docs/plan.md, placeholder: "TBD"'));
    const result = await runLepton(['gate'], { cwd: root });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/placeholder/);
  });
});

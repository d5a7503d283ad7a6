// The validated-manifest cache: used only for the exact text it was made from, re-checked
// against the file system, never created in a project lepton keeps no state for.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_CACHE } from '../../src/manifest/cache.js';
import { loadManifest } from '../../src/manifest/load.js';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({ name: 'cached', owners: [], phases: [{ id: 'poc', title: 'PoC', gate: [{ id: 'plan', doc: 'docs/plan.md' }] }] });

let root: string;
beforeEach(async () => {
  root = await makeTempDir();
  await writeFile(path.join(root, 'lepton.yaml'), MANIFEST);
  await mkdir(path.join(root, '.lepton'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('manifest cache', () => {
  it('stores a validated manifest with its text, in a folder that ignores itself', async () => {
    const first = await loadManifest({ cwd: root });
    const cached = JSON.parse(await readFile(path.join(root, MANIFEST_CACHE), 'utf8'));
    expect(cached.data.source).toBe(MANIFEST);
    expect(cached.data.manifest).toEqual(first.manifest);
    expect(await readFile(path.join(root, '.lepton/cache/.gitignore'), 'utf8')).toBe('*\n');
    const second = await loadManifest({ cwd: root });
    expect(second.manifest).toEqual(first.manifest);
  });

  it('validates a changed manifest afresh: a cache never hides an error', async () => {
    await loadManifest({ cwd: root });
    await writeFile(path.join(root, 'lepton.yaml'), MANIFEST.replace('doc: docs/plan.md', 'doc: docs/plan.md, colour: red'));
    await expect(loadManifest({ cwd: root })).rejects.toThrow(/lepton\.yaml:8:\d+: phases\[0\]\.gate\[0\]\.colour: unknown key/);
    const result = await runLepton(['gate'], { cwd: root });
    expect(result.exitCode).toBe(2);
  });

  it('re-checks the file system: a symlink pointing out, added later, is still refused', async () => {
    await loadManifest({ cwd: root });
    const outside = await mkdtemp(path.join(tmpdir(), 'lepton-outside-'));
    await symlink(outside, path.join(root, 'docs'));
    await expect(loadManifest({ cwd: root })).rejects.toThrow(/lepton\.yaml:8:\d+: .*goes through a symlink/);
    await rm(outside, { recursive: true, force: true });
  });

  it('creates nothing for a hand-written manifest without .lepton/', async () => {
    await rm(path.join(root, '.lepton'), { recursive: true });
    await loadManifest({ cwd: root });
    await expect(readFile(path.join(root, MANIFEST_CACHE))).rejects.toThrow(/ENOENT/);
  });

  it('ignores a cache written by another build or another file', async () => {
    await loadManifest({ cwd: root });
    const file = path.join(root, MANIFEST_CACHE);
    const cached = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...cached, build: 'older', data: { ...cached.data, manifest: { ...cached.data.manifest, phase: 'bogus' } } }));
    expect((await loadManifest({ cwd: root })).manifest.phase).toBe('poc');
  });

  it('ignores a cache that came with a copy of the project (as a force-committed one would with a clone)', async () => {
    await loadManifest({ cwd: root });
    const copy = await makeTempDir();
    try {
      await cp(root, copy, { recursive: true });
      const file = path.join(copy, MANIFEST_CACHE);
      const cached = JSON.parse(await readFile(file, 'utf8'));
      // A forged cache: same text, a manifest whose gate has no checks.
      const forged = { ...cached.data, file: path.join(copy, 'lepton.yaml'), manifest: { ...cached.data.manifest, phases: [{ ...cached.data.manifest.phases[0], gate: [] }] } };
      await writeFile(file, JSON.stringify({ ...cached, data: forged }));
      expect((await loadManifest({ cwd: copy })).manifest.phases[0]!.gate).toHaveLength(1);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

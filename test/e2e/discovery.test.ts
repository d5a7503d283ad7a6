// lepton.yaml is found from -C DIR or the cwd upwards, as git finds .git; --manifest overrides.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';

const MINIMAL = 'version: 1\nproject: { name: found-me }\nphase: poc\nphases: [{ id: poc, title: PoC }]\n';
let root: string;

beforeAll(async () => {
  root = await makeTempDir();
  await writeFile(path.join(root, 'lepton.yaml'), MINIMAL);
  await mkdir(path.join(root, 'src', 'deep', 'er'), { recursive: true });
  await mkdir(path.join(root, 'other'), { recursive: true });
  await writeFile(path.join(root, 'other', 'alt.yaml'), MINIMAL.replace('found-me', 'alternative'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('manifest discovery', () => {
  it('walks up from the cwd', async () => {
    const result = await runLepton(['validate'], { cwd: path.join(root, 'src', 'deep', 'er') });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/lepton\.yaml is valid: 1 phases, 0 checks, current phase poc/);
  });

  it('walks up from -C DIR', async () => {
    const result = await runLepton(['status', '--format', 'json', '-C', path.join(root, 'src', 'deep')], { cwd: '/' });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).project).toBe('found-me');
  });

  it('takes --manifest over discovery', async () => {
    const result = await runLepton(['status', '--format', 'json', '--manifest', 'other/alt.yaml'], { cwd: root });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).project).toBe('alternative');
  });

  it('says how to start when there is no manifest', async () => {
    const empty = await makeTempDir();
    const result = await runLepton(['gate'], { cwd: empty });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^lepton: no lepton\.yaml found in .* or any folder above it$/m);
    expect(result.stderr).toMatch(/^hint: run `lepton init`/m);
    await rm(empty, { recursive: true, force: true });
  });

  it('names a -C folder that does not exist', async () => {
    const result = await runLepton(['gate', '-C', path.join(root, 'nope')], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^lepton: no such folder: .*nope$/m);
  });

  it('names a missing --manifest file', async () => {
    const result = await runLepton(['validate', '--manifest', 'nope.yaml'], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/cannot read \/.*\/nope\.yaml: no such file/);
  });

  it('refuses unknown options and commands with exit 2', async () => {
    expect((await runLepton(['gate', '--frobnicate'], { cwd: root })).exitCode).toBe(2);
    const unknown = await runLepton(['gaet'], { cwd: root });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/Did you mean gate\?/);
  });
});

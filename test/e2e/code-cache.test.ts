// bin/lepton.js starts the bundle from V8's code cache: the build leaves one for its own bundle,
// a valid one is used as it is, and a damaged or foreign one is never trusted, only replaced.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { chmod, cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/git-repo.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const ROOT = process.getuid?.() === 0;
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => existsSync(candidate));
let install: string;
let cacheFile: string;

/** A copy of the installed package: bin/, dist/ and package.json, as npm would lay them out. */
beforeEach(async () => {
  install = await makeTempDir();
  await cp(path.join(repo, 'bin'), path.join(install, 'bin'), { recursive: true });
  await cp(path.join(repo, 'dist'), path.join(install, 'dist'), { recursive: true });
  await cp(path.join(repo, 'package.json'), path.join(install, 'package.json'));
  cacheFile = path.join(install, 'dist', 'lepton.cjs.cache');
});
afterEach(async () => {
  await chmod(path.join(install, 'dist'), 0o755).catch(() => {});
  await rm(install, { recursive: true, force: true });
});

async function lepton(...args: string[]) {
  return execa(process.execPath, [path.join(install, 'bin', 'lepton.js'), ...args], { reject: false, env: { NO_COLOR: '1' } });
}

async function bundleId(): Promise<string> {
  const bundle = await readFile(path.join(install, 'dist', 'lepton.cjs'), 'utf8');
  return /^\/\/ lepton bundle (\w+)\n/.exec(bundle)![1]!;
}

describe('the built files', () => {
  it('all run in strict mode, as the ES modules they are built from did', async () => {
    const files = ['lepton.cjs', ...(await readdir(path.join(install, 'dist', 'vendor'))).map((name) => `vendor/${name}`)];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = await readFile(path.join(install, 'dist', file), 'utf8');
      // "use strict" counts only as the first statement; a comment line may come before it.
      expect(text.replace(/^\/\/[^\n]*\n/, '').startsWith('"use strict";'), file).toBe(true);
    }
  });
});

describe('the code cache of dist/lepton.cjs', () => {
  it('comes with the build, marked with the build it belongs to, and is used as it is', async () => {
    const cache = await readFile(cacheFile);
    expect(cache.subarray(0, 17).toString()).toBe(`${await bundleId()}\n`);
    const before = await stat(cacheFile);
    const result = await lepton('--version');
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
    // An accepted cache is never rewritten.
    expect((await stat(cacheFile)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(cacheFile)).toEqual(cache);
  });

  it('is replaced when V8 rejects it (damaged, or made by another Node), and the command still works', async () => {
    const damaged = Buffer.concat([Buffer.from(`${await bundleId()}\n`), Buffer.alloc(4096, 7)]);
    await writeFile(cacheFile, damaged);
    const result = await lepton('validate', '-C', path.join(repo, 'examples', 'churn-predictor'));
    expect(result.exitCode).toBe(0);
    const replaced = await readFile(cacheFile);
    expect(replaced.equals(damaged)).toBe(false);
    expect(replaced.subarray(0, 17).toString()).toBe(`${await bundleId()}\n`);
    // The new one is accepted: the next run leaves it alone.
    await lepton('--version');
    expect((await readFile(cacheFile)).equals(replaced)).toBe(true);
  });

  it('never uses a cache made for another build, even one V8 would accept', async () => {
    const valid = await readFile(cacheFile);
    const foreign = Buffer.concat([Buffer.from('0123456789abcdef\n'), valid.subarray(17)]);
    await writeFile(cacheFile, foreign);
    expect((await lepton('--version')).exitCode).toBe(0);
    expect((await readFile(cacheFile)).subarray(0, 17).toString()).toBe(`${await bundleId()}\n`);
  });

  it('runs without one, and writes one as it exits', async () => {
    await rm(cacheFile);
    const result = await lepton('--version');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect((await readFile(cacheFile)).subarray(0, 17).toString()).toBe(`${await bundleId()}\n`);
  });

  // root writes through any file mode: as root, the run drops to `nobody` through setpriv.
  it.skipIf(ROOT && !SETPRIV)('works in an install it cannot write to, keeping no cache and saying nothing (as root, needs setpriv)', async () => {
    await rm(cacheFile);
    await chmod(install, 0o755);
    await chmod(path.join(install, 'dist'), 0o555);
    const bin = path.join(install, 'bin', 'lepton.js');
    const result = ROOT
      ? await execa(SETPRIV!, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, '--version'], { reject: false, env: { NO_COLOR: '1' } })
      : await lepton('--version');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    await expect(stat(cacheFile)).rejects.toThrow(/ENOENT/);
  });
});

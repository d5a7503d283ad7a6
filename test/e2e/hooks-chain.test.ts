// A pre-push hook lepton did not write is kept, run first with git's input and arguments,
// can refuse the push itself, and is put back byte for byte (mode included) on uninstall.
import { chmod, lstat, readFile, readdir, readlink, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookProject, writeExecutable, type HookProject } from './hooks-setup.js';

// Appends its arguments and its stdin to a log in the repository's .git folder; refuses when told.
const EXISTING_HOOK =
  '#!/bin/sh\n# the team\'s own pre-push hook\t(with a tab, and no final newline)\nlog="$(git rev-parse --git-dir)/chained.log"\necho "args: $*" >> "$log"\ncat >> "$log"\n[ ! -f "$(git rev-parse --git-dir)/refuse" ]';

let project: HookProject;
let hookFile: string;
let log: string;

beforeAll(async () => {
  project = await createHookProject({ install: false });
  hookFile = path.join(project.dir, '.git', 'hooks', 'pre-push');
  log = path.join(project.dir, '.git', 'chained.log');
  await writeExecutable(hookFile, EXISTING_HOOK);
  await chmod(hookFile, 0o750);
});

afterAll(async () => {
  await project.cleanupAll();
});

describe('an existing pre-push hook', () => {
  it("is kept beside lepton's on install, and installing again changes nothing", async () => {
    const first = await project.lepton(['hooks', 'install']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('pre-push.lepton-chained');
    const script = await readFile(hookFile, 'utf8');
    expect(script).toContain('# lepton-managed-hook: pre-push');
    expect(await readFile(`${hookFile}.lepton-chained`, 'utf8')).toBe(EXISTING_HOOK);
    const second = await project.lepton(['hooks', 'install']);
    expect(second.exitCode).toBe(0);
    expect(await readFile(hookFile, 'utf8')).toBe(script);
    expect(await readFile(`${hookFile}.lepton-chained`, 'utf8')).toBe(EXISTING_HOOK);
    const status = await project.lepton(['hooks', 'status']);
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toContain('runs first: .git/hooks/pre-push.lepton-chained');
  });

  it('runs first, with the arguments and input git gave the hook', async () => {
    await project.commitAll('a change');
    const head = await project.git('rev-parse', 'HEAD');
    const before = await project.remoteRef('main');
    const result = await project.push(['origin', 'main']);
    expect(result.exitCode).toBe(0);
    expect(await readFile(log, 'utf8')).toBe(`args: origin ${project.remote}\nrefs/heads/main ${head} refs/heads/main ${before}\n`);
  });

  it('refuses the push on its own, and lepton says which hook did', async () => {
    await project.write('.git/refuse', '');
    await project.commitAll('another change');
    const result = await project.push(['origin', 'main']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('pre-push.lepton-chained failed (exit code 1)');
  });

  it('is put back exactly as it was on uninstall', async () => {
    const result = await project.lepton(['hooks', 'uninstall']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('put back the one that was there');
    expect(await readFile(hookFile, 'utf8')).toBe(EXISTING_HOOK);
    expect((await lstat(hookFile)).mode & 0o777).toBe(0o750);
    expect((await readdir(path.dirname(hookFile))).filter((name) => name.includes('lepton'))).toEqual([]);
  });
});

describe('an existing hook that is a symbolic link', () => {
  it('stays the same link through install and uninstall', async () => {
    const linkProject = await createHookProject({ install: false, advance: false });
    try {
      const linked = path.join(linkProject.dir, '.git', 'hooks', 'pre-push');
      await writeExecutable(path.join(linkProject.dir, 'tools', 'pre-push.sh'), '#!/bin/sh\nexit 0\n');
      await symlink('../../tools/pre-push.sh', linked);
      expect((await linkProject.lepton(['hooks', 'install'])).exitCode).toBe(0);
      expect(await readlink(`${linked}.lepton-chained`)).toBe('../../tools/pre-push.sh');
      expect((await linkProject.lepton(['hooks', 'uninstall'])).exitCode).toBe(0);
      expect(await readlink(linked)).toBe('../../tools/pre-push.sh');
    } finally {
      await linkProject.cleanupAll();
    }
  });
});

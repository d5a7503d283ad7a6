// When the hook cannot find lepton (a fresh clone before `npm install`): the push is refused
// with the fix and the bypass, or only warned about with `hooks.pre-push.required: false`.
// The hook finds lepton through node_modules/.bin once it is there.
import { execa } from 'execa';
import { rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/git-repo.js';
import { LEPTON_BIN, createHookProject, writeExecutable, type HookProject } from './hooks-setup.js';

let binDir: string;
/** A PATH with git, node and sh but no lepton. */
let pathWithoutLepton: string;

beforeAll(async () => {
  binDir = await makeTempDir('lepton-path-');
  for (const tool of ['git', 'node', 'sh', 'cat', 'dirname']) {
    const found = (await execa('sh', ['-c', `command -v ${tool}`])).stdout.trim();
    await symlink(found, path.join(binDir, tool));
  }
  pathWithoutLepton = binDir;
});

afterAll(async () => {
  await rm(binDir, { recursive: true, force: true });
});

describe('a push to main when lepton is not installed', () => {
  let project: HookProject;
  beforeAll(async () => {
    project = await createHookProject();
    await project.commitAll('a change');
  });
  afterAll(async () => {
    await project?.cleanupAll();
  });

  it('is refused, naming npm install and git push --no-verify', async () => {
    const result = await project.push(['origin', 'main'], { LEPTON_BIN: undefined, PATH: pathWithoutLepton });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('lepton is not installed');
    expect(result.stderr).toContain('npm install');
    expect(result.stderr).toContain('git push --no-verify');
  });

  it('goes through the gate once node_modules/.bin/lepton is there', async () => {
    await writeExecutable(path.join(project.dir, 'node_modules', '.bin', 'lepton'), `#!/bin/sh\nexec node '${LEPTON_BIN}' "$@"\n`);
    await writeFile(path.join(project.dir, '.git', 'info', 'exclude'), 'node_modules/\n');
    const result = await project.push(['origin', 'main'], { LEPTON_BIN: undefined, PATH: pathWithoutLepton });
    expect(result.stderr).toContain('pre-push gate passed for main');
    expect(result.exitCode).toBe(0);
  });
});

describe('a push to main when lepton is not installed and hooks.pre-push.required is false', () => {
  it('goes through with a warning naming the fix', async () => {
    // No gate runs, so the project need not be past its first phase.
    const project = await createHookProject({ extraManifest: 'hooks:\n  pre-push: { required: false }\n', advance: false });
    try {
      await project.commitAll('a change');
      const result = await project.push(['origin', 'main'], { LEPTON_BIN: undefined, PATH: pathWithoutLepton });
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toContain('lepton: warning: lepton is not installed');
      expect(result.stderr).toContain('npm install');
      expect(await project.remoteRef('main')).toBe(await project.git('rev-parse', 'HEAD'));
    } finally {
      await project.cleanupAll();
    }
  });
});

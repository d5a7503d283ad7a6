// The Python churn project of issue 10's journey (test/fixtures/churn-python: standard library only,
// `tools/run_tests.py` writes reports/junit.xml and coverage.xml as pytest and coverage.py would),
// in a real repository with a bare remote, and fresh clones of that remote.
import { execa } from 'execa';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, runLepton, type CliResult } from './cli.js';
import { createTempRepo, gitEnv, makeTempDir, type TempRepo } from './git-repo.js';
import type { Identity } from './lifecycle-project.js';

export const CHURN_FIXTURE = fileURLToPath(new URL('../fixtures/churn-python/', import.meta.url));

/** The fixture's files, relative path → content. */
export async function churnFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(CHURN_FIXTURE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(CHURN_FIXTURE, file).split(path.sep).join('/')] = await readFile(file, 'utf8');
  }
  return files;
}

export interface ChurnRepo extends TempRepo {
  remote: string;
  /** Runs the built CLI (the installed lepton) as `as`. */
  lepton: (args: string[], as?: Identity) => Promise<CliResult>;
  /** `git push ARGS` through the hooks, with no lepton on PATH and no $LEPTON_BIN. */
  push: (args: string[], cwd?: string) => Promise<CliResult>;
  /** A fresh `git clone` of the remote. */
  clone: () => Promise<string>;
  cleanupAll: () => Promise<void>;
}

export async function createChurnRepo(manifest: string, extra: Record<string, string> = {}): Promise<ChurnRepo> {
  const repo = await createTempRepo({ files: { ...(await churnFiles()), 'lepton.yaml': manifest, ...extra } });
  const remote = await makeTempDir('lepton-remote-');
  await execa('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: gitEnv() });
  await repo.git('remote', 'add', 'origin', remote);
  const clones: string[] = [];
  const lepton = (args: string[], as?: Identity) => runLepton(args, { cwd: repo.dir, env: gitEnv(as), timeout: 120_000 });
  const push = async (args: string[], cwd = repo.dir) => {
    const result = await execa('git', ['push', ...args], { cwd, env: cleanEnv(gitEnv()), extendEnv: false, reject: false, timeout: 120_000 });
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  const clone = async () => {
    const dir = path.join(await makeTempDir('lepton-clone-'), 'churn');
    clones.push(path.dirname(dir));
    await execa('git', ['clone', '-q', remote, dir], { env: gitEnv() });
    await execa('git', ['config', 'user.name', 'Ada Lovelace'], { cwd: dir });
    await execa('git', ['config', 'user.email', 'ada@example.com'], { cwd: dir });
    await execa('git', ['config', 'commit.gpgsign', 'false'], { cwd: dir });
    return dir;
  };
  const cleanupAll = async () => {
    await repo.cleanup();
    await Promise.all([remote, ...clones].map((dir) => rm(dir, { recursive: true, force: true })));
  };
  return { ...repo, remote, lepton, push, clone, cleanupAll };
}

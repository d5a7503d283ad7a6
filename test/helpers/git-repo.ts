// A real temporary git repository per test: identity set, no signing, an initial commit,
// removed afterwards. Never the caller's cwd. Every folder made here is removed after its test
// file (test/setup.ts): tests need not call cleanup(), which still removes a folder at once.
import { execa } from 'execa';
import { mkdtemp, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TempRepo {
  dir: string;
  git: (...args: string[]) => Promise<string>;
  write: (file: string, content: string | Uint8Array) => Promise<string>;
  commitAll: (message?: string) => Promise<void>;
  cleanup: () => Promise<void>;
}

export const TEST_IDENTITY = { name: 'Ada Lovelace', email: 'ada@example.com' };

export function gitEnv(identity = TEST_IDENTITY): Record<string, string> {
  return {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
}

/** The folders made by makeTempDir in this test file and not removed yet. */
const tempDirs = new Set<string>();

async function removeTempDir(dir: string): Promise<void> {
  tempDirs.delete(dir);
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Removes every folder makeTempDir made and nothing removed yet; run after each test file by test/setup.ts. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all([...tempDirs].map(removeTempDir));
}

/** A new empty folder under the system's temporary folder, removed after the test file. */
export async function makeTempDir(prefix = 'lepton-test-'): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), prefix)));
  tempDirs.add(dir);
  return dir;
}

export async function createTempRepo(options: { files?: Record<string, string>; commit?: boolean; git?: boolean } = {}): Promise<TempRepo> {
  const dir = await makeTempDir();
  const git = async (...args: string[]) => (await execa('git', args, { cwd: dir, env: gitEnv() })).stdout;
  const write = async (file: string, content: string | Uint8Array) => {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    return target;
  };
  const commitAll = async (message = 'test commit') => {
    await git('add', '-A');
    await git('commit', '-q', '--allow-empty', '-m', message);
  };
  if (options.git !== false) {
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.name', TEST_IDENTITY.name);
    await git('config', 'user.email', TEST_IDENTITY.email);
    await git('config', 'commit.gpgsign', 'false');
    await git('config', 'tag.gpgsign', 'false');
  }
  for (const [file, content] of Object.entries(options.files ?? {})) await write(file, content);
  if (options.git !== false && options.commit !== false) await commitAll('initial commit');
  return { dir, git, write, commitAll, cleanup: () => removeTempDir(dir) };
}

// What init writes around the manifest: git repository, .gitignore entry, schema, ledger.
import { execa } from 'execa';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import YAML from 'yaml';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/git-repo.js';
import { initEnv } from '../helpers/init-project.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await makeTempDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a new folder becomes a git repository with the manifest, the plan, the schema, the ledger and the ignore entry', async () => {
  const dir = await tempDir();
  const result = await runLepton(['init', 'nested/demo', '--yes', '--metric', 'f1 >= 0.7'], { cwd: dir, env: initEnv() });
  expect(result.exitCode).toBe(0);
  const root = path.join(dir, 'nested/demo');
  expect(result.stdout).toContain('(new git repository)');
  expect(result.stdout).toContain('cd nested/demo');
  expect(result.stdout).toContain('lepton status');
  expect(result.stdout).toContain('lepton gate');
  expect(result.stdout).toContain('docs/poc-plan.md');
  expect((await execa('git', ['rev-parse', '--show-toplevel'], { cwd: root })).stdout).toBe(root);

  const manifestText = await readFile(path.join(root, 'lepton.yaml'), 'utf8');
  expect(manifestText.split('\n')[0]).toBe('# yaml-language-server: $schema=./.lepton/schema.json');
  const schema = JSON.parse(await readFile(path.join(root, '.lepton/schema.json'), 'utf8')) as { title: string };
  expect(schema.title).toBe('lepton.yaml');
  const manifest = YAML.parse(manifestText);
  expect(manifest.project).toMatchObject({ name: 'demo', preset: 'ml-model', domain: 'general', language: 'en', strategy: 'rolling' });
  expect(manifest.project.owners).toEqual([{ name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] }]);
  expect(manifest.phase).toBe('poc');
  expect(manifest.phases.map((phase: { id: string }) => phase.id)).toEqual(['poc', 'design', 'develop', 'test', 'deploy']);
  expect(manifest.phases[0].gate).toContainEqual({
    id: 'metric-f1',
    metric: { file: 'poc/results.json', checks: [{ path: 'f1', op: '>=', value: 0.7 }], regression: { margin: 0.02 } },
  });
  // Without a product owner, the roles the owners hold sign the go/no-go.
  expect(manifest.phases[0].gate).toContainEqual({ id: 'go-decision', approval: { roles: ['tech-lead'] } });

  // .lepton/.gitignore keeps the lock, journal and cache out of git: the project's own .gitignore is not touched.
  await expect(readFile(path.join(root, '.gitignore'))).rejects.toThrow(/ENOENT/);
  const ledger = (await readFile(path.join(root, '.lepton/ledger.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(ledger).toHaveLength(1);
  expect(ledger[0]).toMatchObject({ event: 'init', to: 'poc', actor: { name: 'Ada Lovelace', email: 'ada@example.com' } });
  // No results are invented: poc/ does not exist until the team writes its results.
  await expect(readFile(path.join(root, 'poc/results.json'))).rejects.toThrow();
  // The ledger, schema and manifest are committable; the cache is not.
  const status = (await execa('git', ['status', '--porcelain', '-uall'], { cwd: root })).stdout;
  expect(status).toContain('.lepton/ledger.jsonl');
  expect(status).toContain('.lepton/schema.json');
  expect(status).toContain('lepton.yaml');
  expect(status).not.toContain('.lepton/cache');
});

test('inside an existing repository: no new repository, and the .gitignore files are left as they are', async () => {
  const repo: TempRepo = await createTempRepo({ files: { '.gitignore': 'node_modules/\n*.pyc' } });
  cleanups.push(repo.cleanup);
  await mkdir(path.join(repo.dir, 'services/churn'), { recursive: true });
  await writeFile(path.join(repo.dir, 'services/churn/.gitignore'), '__pycache__/\n/.lepton/cache\n');
  const inSubfolder = await runLepton(['init', 'services/churn', '--yes'], { cwd: repo.dir, env: initEnv() });
  expect(inSubfolder.exitCode).toBe(0);
  expect(inSubfolder.stdout).not.toContain('new git repository');
  expect(await readFile(path.join(repo.dir, 'services/churn/.gitignore'), 'utf8')).toBe('__pycache__/\n/.lepton/cache\n');
  await expect(readFile(path.join(repo.dir, 'services/churn/.git/HEAD'))).rejects.toThrow();

  const atTop = await runLepton(['init', '--yes'], { cwd: repo.dir, env: initEnv() });
  expect(atTop.exitCode).toBe(0);
  expect(await readFile(path.join(repo.dir, '.gitignore'), 'utf8')).toBe('node_modules/\n*.pyc');
  expect(atTop.stdout).not.toMatch(/\.gitignore/);
});

test('without a git identity init stops before writing anything', async () => {
  const dir = await tempDir();
  const env = {
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: dir,
    EMAIL: undefined,
    GIT_AUTHOR_NAME: undefined,
    GIT_AUTHOR_EMAIL: undefined,
    GIT_COMMITTER_NAME: undefined,
    GIT_COMMITTER_EMAIL: undefined,
  };
  const result = await runLepton(['init', 'demo', '--yes'], { cwd: dir, env });
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/^lepton: no git identity/m);
  expect(result.stderr).toMatch(/^hint: .*git config/m);
  await expect(readFile(path.join(dir, 'demo/lepton.yaml'))).rejects.toThrow();
});

test('a failure while writing undoes everything init did, including git init', async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, '.lepton/templates/en'), { recursive: true });
  await writeFile(path.join(dir, '.lepton/templates/en/poc-plan.md.hbs'), '# {{project.nam}}\n');
  const result = await runLepton(['init', '--yes'], { cwd: dir, env: initEnv() });
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/^lepton: template "poc-plan" failed to render/m);
  expect((await readdir(dir, { recursive: true })).sort()).toEqual(['.lepton', '.lepton/templates', '.lepton/templates/en', '.lepton/templates/en/poc-plan.md.hbs']);
});

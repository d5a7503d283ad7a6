// init never overwrites what is there without --force, and refusing writes nothing at all.
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { initEnv } from '../helpers/init-project.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const init = (...args: string[]) => runLepton(['init', ...args], { cwd: dir, env: initEnv() });

test('an existing lepton.yaml is refused, naming the file and --force; nothing else is written', async () => {
  await writeFile(path.join(dir, 'lepton.yaml'), '# mine\n');
  const result = await init('--yes');
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/^lepton: lepton\.yaml already exists in .*; not overwriting it$/m);
  expect(result.stderr).toMatch(/^hint: .*--force/m);
  expect(result.stdout).toBe('');
  expect(await readdir(dir)).toEqual(['lepton.yaml']);
  expect(await readFile(path.join(dir, 'lepton.yaml'), 'utf8')).toBe('# mine\n');
});

test('an existing first-phase document is refused before anything is written', async () => {
  await mkdir(path.join(dir, 'docs'));
  await writeFile(path.join(dir, 'docs/poc-plan.md'), 'my plan\n');
  const result = await init('--yes');
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain('docs/poc-plan.md already exists');
  expect(result.stderr).toContain('--force');
  expect((await readdir(dir)).sort()).toEqual(['docs']);
  expect(await readFile(path.join(dir, 'docs/poc-plan.md'), 'utf8')).toBe('my plan\n');
});

test('a second init is refused; with --force it rewrites the manifest and the plan', async () => {
  expect((await init('--yes', '--name', 'first')).exitCode).toBe(0);
  await writeFile(path.join(dir, 'docs/poc-plan.md'), 'edited\n');
  const again = await init('--yes', '--name', 'second');
  expect(again.exitCode).toBe(2);
  expect(await readFile(path.join(dir, 'docs/poc-plan.md'), 'utf8')).toBe('edited\n');
  expect(await readFile(path.join(dir, 'lepton.yaml'), 'utf8')).toContain('name: first');

  const forced = await init('--yes', '--name', 'second', '--force');
  expect(forced.exitCode).toBe(0);
  expect(forced.stdout).toMatch(/overwritten\s+lepton\.yaml/);
  expect(forced.stdout).toMatch(/overwritten\s+docs\/poc-plan\.md/);
  expect(await readFile(path.join(dir, 'lepton.yaml'), 'utf8')).toContain('name: second');
  expect(await readFile(path.join(dir, 'docs/poc-plan.md'), 'utf8')).toContain('second');
  // The ledger keeps its one init entry.
  expect((await readFile(path.join(dir, '.lepton/ledger.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
});

test('init --force is refused once the project has advanced: it would contradict the ledger', async () => {
  expect((await init('--yes', '--name', 'first')).exitCode).toBe(0);
  const ledger = path.join(dir, '.lepton/ledger.jsonl');
  const [line] = (await readFile(ledger, 'utf8')).trim().split('\n');
  const { chainEntry } = await import('../../src/lifecycle/ledger.js');
  const advanced = chainEntry(
    JSON.parse(line!),
    { event: 'advance', from: 'poc', to: 'design' },
    { actor: { name: 'Ada', email: 'ada@example.com' }, commit: null, time: new Date() },
  );
  await writeFile(ledger, `${line}\n${JSON.stringify(advanced)}\n`);
  const forced = await init('--yes', '--name', 'second', '--force');
  expect(forced.exitCode).toBe(2);
  expect(forced.stderr).toMatch(/has moved through its lifecycle \(\.lepton\/ledger\.jsonl entry #2: advance\)/);
  expect(await readFile(path.join(dir, 'lepton.yaml'), 'utf8')).toContain('name: first');
});

test('a file where the project folder should be is refused', async () => {
  await writeFile(path.join(dir, 'demo'), 'not a folder\n');
  const result = await init('demo', '--yes');
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain('is not a folder');
});

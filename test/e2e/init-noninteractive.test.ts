// Without a terminal (or in CI) init never prompts: it takes flags, an answers file or --yes,
// and otherwise says which flags are missing instead of waiting for input.
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import YAML from 'yaml';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { initEnv } from '../helpers/init-project.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const init = (args: string[], env: Record<string, string | undefined> = {}) => runLepton(['init', ...args], { cwd: dir, env: initEnv(env) });
const manifestOf = async (folder: string) => YAML.parse(await readFile(path.join(dir, folder, 'lepton.yaml'), 'utf8'));

test('without --yes and without a terminal it names every missing flag and writes nothing', async () => {
  const result = await init(['demo', '--name', 'demo', '--preset', 'llm-app']);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/^lepton: cannot ask questions \(stdin or stdout is not a terminal\); missing --description, --domain, --lang, --owner, --metric, --strategy$/m);
  expect(result.stderr).toMatch(/^hint: .*--yes to take the defaults/m);
  expect(await readdir(dir)).toEqual([]);
});

test('in CI it says so, and an owner without a role counts as a missing --role', async () => {
  const result = await init(['demo', '--owner', 'Ada <ada@example.com>'], { CI: 'true' });
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/cannot ask questions \(in CI\); missing .*--role/);
});

test('every flag given: no prompt, no --yes needed; roles pair with owners by position and merge', async () => {
  const result = await init([
    'churn',
    '--name',
    'churn-predictor',
    '--description',
    'Predict which subscribers cancel: next month',
    '--preset',
    'ml-model',
    '--domain',
    'retail',
    '--lang',
    'zh-CN',
    '--strategy',
    'canary',
    '--owner',
    'Ada Lovelace <ada@example.com>',
    '--role',
    'tech-lead',
    '--owner',
    'Grace Hopper <grace@example.com>',
    '--role',
    'product-owner',
    '--owner',
    'Ada Lovelace <ADA@example.com>',
    '--role',
    'reviewer',
    '--metric',
    'accuracy>=0.85',
    '--metric',
    'latency_ms.p95 <= 300',
  ]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  const manifest = await manifestOf('churn');
  expect(manifest.project).toEqual({
    name: 'churn-predictor',
    description: 'Predict which subscribers cancel: next month',
    preset: 'ml-model',
    domain: 'retail',
    language: 'zh-CN',
    strategy: 'canary',
    owners: [
      { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead', 'reviewer'] },
      { name: 'Grace Hopper', email: 'grace@example.com', roles: ['product-owner'] },
    ],
  });
  const poc = manifest.phases[0];
  expect(poc.title).toBe('概念验证');
  expect(poc.gate.map((check: { id: string }) => check.id)).toEqual(['plan-written', 'metric-accuracy', 'metric-latency-ms-p95', 'go-decision']);
  expect(poc.gate[2].metric.checks).toEqual([{ path: 'latency_ms.p95', op: '<=', value: 300 }]);
  expect(poc.gate[3]).toEqual({ id: 'go-decision', approval: { roles: ['product-owner'] } });
  expect(manifest.phases[3].gate.map((check: { id: string }) => check.id)).toContain('ab-test-planned');
});

test('--yes takes the defaults and says that without a metric the PoC gate checks no results', async () => {
  const result = await init(['--yes']);
  expect(result.exitCode).toBe(0);
  expect(result.stderr).toMatch(/^note: no success metric given/m);
  const manifest = await manifestOf('.');
  expect(manifest.project.name).toBe(path.basename(dir));
  expect(manifest.phases[0].gate.some((check: object) => 'metric' in check)).toBe(false);
  expect(await readFile(path.join(dir, 'lepton.yaml'), 'utf8')).toContain('# No success metric was given');
});

test('bad flag values are refused with what would be valid', async () => {
  const metric = await init(['--yes', '--metric', 'accuracy=>0.85']);
  expect(metric.exitCode).toBe(2);
  expect(metric.stderr).toMatch(/^lepton: "accuracy=>0.85" is not a success metric$/m);
  expect(metric.stderr).toMatch(/^hint: .*accuracy>=0\.85/m);
  const owner = await init(['--yes', '--owner', 'ada@example.com']);
  expect(owner.stderr).toMatch(/"ada@example\.com" is not an owner/);
  const roles = await init(['--yes', '--owner', 'Ada <ada@example.com>', '--role', 'lead', '--role', 'extra']);
  expect(roles.stderr).toMatch(/2 --role but 1 --owner/);
  const preset = await init(['--yes', '--preset', 'llm']);
  expect(preset.exitCode).toBe(2);
  expect(preset.stderr).toMatch(/ml-model, llm-app/);
  expect(await readdir(dir)).toEqual([]);
});

test('--answers FILE answers every question; flags win over it', async () => {
  await writeFile(
    path.join(dir, 'answers.yaml'),
    [
      'name: triage-assistant',
      "description: Answers nurses' questions from the hospital handbook",
      'preset: llm-app',
      'domain: healthcare',
      'lang: en',
      'strategy: blue-green',
      'owners:',
      '  - Ada Lovelace <ada@example.com>',
      '  - { name: Grace Hopper, email: grace@example.com, roles: [product-owner, clinician] }',
      'metrics:',
      '  - groundedness>=0.9',
      '  - { path: hallucination_rate, op: "<=", value: 0.02 }',
      '',
    ].join('\n'),
  );
  const result = await init([
    'app',
    '--answers',
    'answers.yaml',
    '--strategy',
    'canary',
    '--owner',
    'Ada Lovelace <ada@example.com>',
    '--role',
    'tech-lead',
    '--owner',
    'Grace Hopper <grace@example.com>',
    '--role',
    'product-owner',
  ]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  const manifest = await manifestOf('app');
  expect(manifest.project).toMatchObject({ name: 'triage-assistant', preset: 'llm-app', domain: 'healthcare', strategy: 'canary' });
  expect(manifest.project.owners.map((owner: { roles: string[] }) => owner.roles)).toEqual([['tech-lead'], ['product-owner']]);
  const metricIds = manifest.phases[0].gate.filter((check: object) => 'metric' in check).map((check: { id: string }) => check.id);
  expect(metricIds).toEqual(['metric-groundedness', 'metric-hallucination-rate']);
  expect(manifest.phases[0].gate.map((check: { id: string }) => check.id)).toContain('llm-evaluation-planned');
});

test('an invalid answers file is reported with its line and what is valid', async () => {
  await writeFile(path.join(dir, 'answers.yaml'), 'name: x\npreset: llm\nowners:\n  - { name: Ada, email: not-an-email }\ncolour: blue\n');
  const result = await init(['--answers', 'answers.yaml']);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/^lepton: invalid answers file: answers\.yaml:2: preset: must be one of ml-model, llm-app$/m);
  expect(result.stderr).toContain('answers.yaml:4: owners[0]');
  expect(result.stderr).toMatch(/answers\.yaml:5: colour: unknown key "colour"; valid keys: name, description/);
  const missing = await init(['--answers', 'nope.yaml']);
  expect(missing.stderr).toMatch(/^lepton: cannot read answers file nope\.yaml: no such file$/m);
  expect(await readdir(dir)).toEqual(['answers.yaml']);
});

test('creates a project below a symlinked folder (as $TMPDIR is on macOS), its documents included', async () => {
  await mkdir(path.join(dir, 'real'));
  await symlink(path.join(dir, 'real'), path.join(dir, 'link'));
  const result = await init([path.join(dir, 'link', 'demo'), '--yes', '--name', 'demo']);
  expect(result.stderr).not.toMatch(/symlink/);
  expect(result.exitCode).toBe(0);
  expect(await readdir(path.join(dir, 'real', 'demo', 'docs'))).toContain('poc-plan.md');
});

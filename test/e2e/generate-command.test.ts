// `lepton generate` through the built CLI: the current phase's documents by default, --force,
// --lang, --list with where each template comes from, and exit 2 for unknown or broken templates.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project:
  name: churn-predictor
  language: en
phase: design
phases:
  - { id: poc, title: Proof of concept, templates: [poc-plan] }
  - { id: design, title: Design, templates: [architecture, model-card, threat-model] }
`;

let root: string;
beforeEach(async () => {
  root = await makeTempDir();
  await writeFile(path.join(root, 'lepton.yaml'), MANIFEST);
  await mkdir(path.join(root, '.lepton/templates/en'), { recursive: true });
  await writeFile(path.join(root, '.lepton/templates/en/threat-model.md.hbs'), '# Threat model: {{project.name}}\n');
  await writeFile(path.join(root, '.lepton/templates/en/model-card.md.hbs'), '# Our model card: {{project.name}}\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const generate = (...args: string[]) => runLepton(['generate', ...args], { cwd: root });
const read = (file: string) => readFile(path.join(root, file), 'utf8');

test("with no name it renders the current phase's templates, then keeps them", async () => {
  const first = await generate();
  expect(first.exitCode).toBe(0);
  expect(first.stdout).toBe(
    ['created   docs/architecture.md', 'created   docs/model-card.md  (from .lepton/templates/en)', 'created   docs/threat-model.md  (from .lepton/templates/en)', ''].join('\n'),
  );
  expect(await read('docs/model-card.md')).toBe('# Our model card: churn-predictor\n');
  expect(await read('docs/architecture.md')).toMatch(/^# churn-predictor/);

  await writeFile(path.join(root, 'docs/architecture.md'), 'ours\n');
  const second = await generate('architecture');
  expect(second.exitCode).toBe(0);
  expect(second.stdout).toBe('kept      docs/architecture.md\n');
  expect(second.stderr).toBe('docs/architecture.md already exists; pass --force to overwrite\n');
  expect(await read('docs/architecture.md')).toBe('ours\n');
});

test('--force overwrites; --lang renders another language', async () => {
  await generate('poc-plan');
  const result = await generate('poc-plan', '--force', '--lang', 'zh-CN');
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toBe('overwrote docs/poc-plan.md\n');
  expect(await read('docs/poc-plan.md')).toMatch(/成功标准/);
});

test('--list shows every template, its phases, languages and source', async () => {
  const result = await generate('--list');
  expect(result.exitCode).toBe(0);
  const rows = result.stdout
    .trim()
    .split('\n')
    .map((line) => line.split(/\s{2,}/));
  expect(rows[0]).toEqual(['TEMPLATE', 'PHASES', 'LANGUAGES', 'SOURCE']);
  const row = (name: string) => rows.find((cells) => cells[0] === name);
  expect(row('poc-plan')).toEqual(['poc-plan', 'poc', 'en, zh-CN', 'built-in']);
  expect(row('model-card')).toEqual(['model-card', 'design', 'en, zh-CN', 'project (overrides built-in en)']);
  expect(row('threat-model')).toEqual(['threat-model', 'design', 'en', 'project']);
  expect(row('test-plan')).toEqual(['test-plan', '-', 'en, zh-CN', 'built-in']);
});

test('an unknown template is exit 2 listing the available ones; nothing is written', async () => {
  const result = await generate('architecture', 'archtecture');
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/^lepton: unknown template "archtecture"$/m);
  expect(result.stderr).toMatch(/^hint: available: architecture, datasheet, deploy-runbook, .*threat-model/m);
  await expect(read('docs/architecture.md')).rejects.toThrow();
});

test('a template that fails to render is exit 2 naming it', async () => {
  await writeFile(path.join(root, '.lepton/templates/en/threat-model.md.hbs'), '# {{#each owners}}{{name}}\n');
  const result = await generate('threat-model');
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/^lepton: template "threat-model" failed to render/m);
});

test('without a manifest, --list shows the built-ins and generate says to run init', async () => {
  await rm(path.join(root, 'lepton.yaml'));
  const list = await generate('--list');
  expect(list.exitCode).toBe(0);
  expect(list.stdout).toMatch(/^poc-plan\s+-\s+en, zh-CN\s+built-in$/m);
  const render = await generate();
  expect(render.exitCode).toBe(2);
  expect(render.stderr).toMatch(/no lepton\.yaml found/);
});

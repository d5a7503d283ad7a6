// renderTemplates, as `lepton generate` and `lepton advance` call it: project templates override
// built-ins, nothing is written unless every document renders, existing documents are kept.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { LeptonError } from '../../src/errors.js';
import { loadManifest } from '../../src/manifest/load.js';
import { renderTemplates } from '../../src/templates/generate.js';
import { makeTempDir } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project:
  name: churn-predictor
  language: en
  owners:
    - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    templates: [poc-plan, threat-model]
    gate:
      - { id: accuracy, metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }] } }
`;

let root: string;
let outside: string;
beforeEach(async () => {
  root = await makeTempDir();
  outside = await makeTempDir();
  await writeFile(path.join(root, 'lepton.yaml'), MANIFEST);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function projectTemplate(language: string, name: string, source: string): Promise<void> {
  await mkdir(path.join(root, '.lepton/templates', language), { recursive: true });
  await writeFile(path.join(root, '.lepton/templates', language, `${name}.md.hbs`), source);
}

const read = (file: string) => readFile(path.join(root, file), 'utf8');
const loaded = () => loadManifest({ cwd: root });
const now = new Date('2026-03-04T10:00:00Z');

test("renders built-in and project templates with the manifest's data into docs/", async () => {
  await projectTemplate('en', 'threat-model', '# Threats to {{project.name}} ({{date}})\n{{#each metrics}}- {{text}} in {{file}}\n{{/each}}');
  const results = await renderTemplates(await loaded(), ['poc-plan', 'threat-model'], { now });
  expect(results).toEqual([
    { name: 'poc-plan', file: 'docs/poc-plan.md', status: 'created', language: 'en', origin: 'built-in' },
    { name: 'threat-model', file: 'docs/threat-model.md', status: 'created', language: 'en', origin: 'project' },
  ]);
  expect(await read('docs/threat-model.md')).toBe('# Threats to churn-predictor (2026-03-04)\n- accuracy >= 0.85 in poc/results.json\n');
  expect(await read('docs/poc-plan.md')).toContain('churn-predictor');
});

test('a project template overrides the built-in of the same name and language only', async () => {
  await projectTemplate('en', 'poc-plan', '# Our own plan for {{project.name}}\n');
  const english = await renderTemplates(await loaded(), ['poc-plan'], { now });
  expect(english[0]).toMatchObject({ origin: 'project', status: 'created' });
  expect(await read('docs/poc-plan.md')).toBe('# Our own plan for churn-predictor\n');
  const chinese = await renderTemplates(await loaded(), ['poc-plan'], { now, lang: 'zh-CN', force: true });
  expect(chinese[0]).toMatchObject({ origin: 'built-in', language: 'zh-CN', status: 'overwritten' });
  expect(await read('docs/poc-plan.md')).toMatch(/成功标准/);
});

test('an existing document is kept without force, replaced with it', async () => {
  await mkdir(path.join(root, 'docs'));
  await writeFile(path.join(root, 'docs/poc-plan.md'), 'our notes\n');
  expect((await renderTemplates(await loaded(), ['poc-plan'], { now }))[0]!.status).toBe('kept');
  expect(await read('docs/poc-plan.md')).toBe('our notes\n');
  expect((await renderTemplates(await loaded(), ['poc-plan'], { now, force: true }))[0]!.status).toBe('overwritten');
  expect(await read('docs/poc-plan.md')).not.toBe('our notes\n');
});

test('a template only in another language is rendered from that language', async () => {
  await projectTemplate('zh-CN', 'threat-model', '# 威胁模型：{{project.name}}\n');
  const [result] = await renderTemplates(await loaded(), ['threat-model'], { now });
  expect(result).toMatchObject({ language: 'zh-CN', origin: 'project', status: 'created' });
});

async function expectLeptonError(promise: Promise<unknown>, message: RegExp, hint?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LeptonError);
  expect((error as LeptonError).exitCode).toBe(2);
  expect((error as LeptonError).message).toMatch(message);
  if (hint) expect((error as LeptonError).hint).toMatch(hint);
}

test('a template that fails to render writes nothing, not even the documents before it', async () => {
  await projectTemplate('en', 'threat-model', '# {{project.owner}}\n');
  await expectLeptonError(renderTemplates(await loaded(), ['poc-plan', 'threat-model'], { now }), /template "threat-model" failed to render/);
  await expect(read('docs/poc-plan.md')).rejects.toThrow();
});

test('templates run no code: an unknown helper is refused', async () => {
  await projectTemplate('en', 'threat-model', '{{shout project.name}}\n');
  await expectLeptonError(renderTemplates(await loaded(), ['threat-model'], { now }), /failed to render/, /only/);
});

test('unknown names and names that are not template names are refused', async () => {
  await expectLeptonError(renderTemplates(await loaded(), ['no-such-doc'], { now }), /unknown template "no-such-doc"/, /available: .*architecture.*poc-plan/);
  await expectLeptonError(renderTemplates(await loaded(), ['../escape'], { now }), /"\.\.\/escape" is not a template name/);
});

test('a docs folder that is a symlink out of the project is refused', async () => {
  await symlink(outside, path.join(root, 'docs'));
  await expectLeptonError(renderTemplates(await loaded(), ['poc-plan'], { now }), /cannot write docs\/poc-plan\.md: .*symlink/);
});

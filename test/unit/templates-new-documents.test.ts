// The documents AI teams are asked for besides plans and runbooks (issue 13, Deliver 4): rendered for
// every preset × domain × language, in the same structure in English and Chinese, listed by the phases
// that need them and by `generate --list`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOMAINS, LANGUAGES, PRESETS, manifestSchema, type Domain, type Language, type Preset } from '../../src/manifest/schema.js';
import { templateContext } from '../../src/templates/context.js';
import { phaseTemplates } from '../../src/templates/default-gates.js';
import { listTemplates, templateFiles } from '../../src/templates/registry.js';
import { renderTemplate } from '../../src/templates/render.js';

const NEW_DOCUMENTS = ['datasheet', 'evaluation-report', 'risk-register', 'monitoring-plan', 'incident-postmortem', 'release-notes', 'system-card'] as const;
const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));
const CJK = /[\u4e00-\u9fff]/;

async function render(name: string, preset: Preset, domain: Domain, language: Language): Promise<string> {
  const manifest = manifestSchema.parse({
    version: 1,
    project: { name: 'demo', preset, domain, language, owners: [{ name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] }] },
    phase: 'poc',
    phases: [{ id: 'poc', title: 'PoC', gate: [{ id: 'metric-accuracy', metric: { file: 'poc/results.json', checks: [{ path: 'accuracy', op: '>=', value: 0.8 }] } }] }],
  });
  return renderTemplate(await readFile(path.join(templatesDir, language, `${name}.md.hbs`), 'utf8'), templateContext(manifest), name);
}

function structure(markdown: string) {
  const lines = markdown.split('\n');
  return {
    h2: lines.filter((line) => line.startsWith('## ')).length,
    h3: lines.filter((line) => line.startsWith('### ')).length,
    boxes: lines.filter((line) => line.startsWith('- [ ]')).length,
    mermaid: lines.filter((line) => line.trim() === '```mermaid').length,
    todos: lines.filter((line) => line.startsWith('TODO: ')).length,
  };
}

/** `##` sections with their lines. */
function sections(markdown: string): { title: string; lines: string[] }[] {
  const found: { title: string; lines: string[] }[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) found.push({ title: line.slice(3), lines: [] });
    else found.at(-1)?.lines.push(line);
  }
  return found;
}

const VARIANTS = PRESETS.flatMap((preset) => DOMAINS.map((domain) => ({ preset, domain })));

describe.each(NEW_DOCUMENTS)('%s', (name) => {
  it.each(VARIANTS)('renders for $preset $domain in the same structure in both languages, each section asking to be written', async ({ preset, domain }) => {
    const english = await render(name, preset, domain, 'en');
    const chinese = await render(name, preset, domain, 'zh-CN');
    for (const output of [english, chinese]) {
      expect(output).not.toMatch(/\{\{|\}\}/);
      expect(output.split('\n')[0]).toMatch(/^# .*demo/);
      for (const section of sections(output)) {
        const todo = section.lines.findIndex((line) => line.startsWith('TODO: '));
        expect(todo, `'${section.title}' has a TODO line`).toBeGreaterThanOrEqual(0);
        expect(section.lines.slice(Math.max(0, todo - 1), todo + 2).join('\n'), `'${section.title}' guidance`).toMatch(/<!-- \S.*-->/);
      }
    }
    expect(structure(chinese)).toEqual(structure(english));
    for (const section of sections(chinese)) expect(section.title, 'Chinese heading').toMatch(CJK);
  });
});

it('the datasheet has the seven sections of Gebru et al. (2021), in their order', async () => {
  const titles = (markdown: string) => sections(markdown).map((section) => section.title);
  expect(titles(await render('datasheet', 'ml-model', 'general', 'en'))).toEqual([
    'Motivation',
    'Composition',
    'Collection process',
    'Preprocessing, cleaning and labelling',
    'Uses',
    'Distribution',
    'Maintenance',
  ]);
  expect(titles(await render('datasheet', 'llm-app', 'general', 'zh-CN'))).toEqual(['动机', '组成', '采集过程', '预处理、清洗与标注', '用途', '分发', '维护']);
});

it('each phase lists the documents it needs, and generate --list shows every one in both languages', async () => {
  for (const preset of PRESETS) {
    const phases = phaseTemplates(preset);
    expect(phases.design).toEqual(expect.arrayContaining(['datasheet', 'risk-register', preset === 'ml-model' ? 'model-card' : 'system-card']));
    expect(phases.test).toContain('evaluation-report');
    expect(phases.deploy).toEqual(expect.arrayContaining(['monitoring-plan', 'incident-postmortem', 'release-notes']));
  }
  const listing = listTemplates(await templateFiles(templatesDir), undefined);
  for (const name of NEW_DOCUMENTS) {
    expect(
      listing.find((entry) => entry.name === name),
      name,
    ).toMatchObject({ builtIn: ['en', 'zh-CN'] });
  }
  expect(LANGUAGES).toEqual(['en', 'zh-CN']);
});

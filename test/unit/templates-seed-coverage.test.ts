// What the seed article (../shared/seed) asks each phase to cover and the templates once left out
// (issue 13, defect 8): a design strategy, choosing a deployment strategy (shadow included), security
// testing, models in diagnostic devices, retail beyond recommenders, debugging playbooks.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifestSchema, type Domain, type Language, type Preset } from '../../src/manifest/schema.js';
import { templateContext } from '../../src/templates/context.js';
import { renderTemplate } from '../../src/templates/render.js';

const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

async function render(name: string, language: Language, preset: Preset = 'ml-model', domain: Domain = 'general'): Promise<string> {
  const manifest = manifestSchema.parse({ version: 1, project: { name: 'demo', preset, domain, language }, phase: 'poc', phases: [{ id: 'poc', title: 'PoC' }] });
  return renderTemplate(await readFile(path.join(templatesDir, language, `${name}.md.hbs`), 'utf8'), templateContext(manifest), name);
}

const WORDS = {
  en: {
    design: '## Design strategy',
    shadow: /\| shadow \|/,
    security: '### Security testing',
    device: 'diagnostic devices',
    forecast: 'demand forecasting',
    behaviour: 'customer-behaviour',
    playbook: '### Debugging playbook',
  },
  'zh-CN': {
    design: '## 设计策略',
    shadow: /\| 影子部署 \|/,
    security: '### 安全测试',
    device: '诊断设备',
    forecast: '需求预测',
    behaviour: '客户行为分析',
    playbook: '### 排障手册',
  },
} as const;

describe.each(['en', 'zh-CN'] as const)('%s', (language) => {
  const words = WORDS[language];
  it('the architecture states its design strategy', async () => {
    for (const preset of ['ml-model', 'llm-app'] as const) expect(await render('architecture', language, preset)).toContain(words.design);
  });
  it('the runbook says how to choose a strategy, shadow deployment included, and has a debugging playbook', async () => {
    const runbook = await render('deploy-runbook', language);
    expect(runbook).toMatch(words.shadow);
    expect(runbook).toContain(words.playbook);
  });
  it('the test plan has a security test level', async () => {
    for (const preset of ['ml-model', 'llm-app'] as const) expect(await render('test-plan', language, preset)).toContain(words.security);
  });
  it('healthcare covers models deployed into diagnostic devices', async () => {
    expect(await render('deploy-runbook', language, 'ml-model', 'healthcare')).toContain(words.device);
  });
  it('retail covers demand forecasting and customer-behaviour analysis, not only recommenders', async () => {
    for (const name of ['poc-plan', 'architecture', 'test-plan']) {
      const text = await render(name, language, 'ml-model', 'retail');
      expect(text, name).toContain(words.forecast);
    }
    expect(await render('poc-plan', language, 'ml-model', 'retail')).toContain(words.behaviour);
  });
});

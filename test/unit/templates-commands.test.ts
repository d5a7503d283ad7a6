// Commands in the rendered documents that must work as written (issue 13, defect 5).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, PRESETS, STRATEGIES, manifestSchema, type Language, type Preset, type Strategy } from '../../src/manifest/schema.js';
import { templateContext } from '../../src/templates/context.js';
import { renderTemplate } from '../../src/templates/render.js';

const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

async function render(name: string, language: Language, preset: Preset, strategy: Strategy): Promise<string> {
  const manifest = manifestSchema.parse({
    version: 1,
    project: { name: 'demo', preset, language, strategy },
    phase: 'poc',
    phases: [{ id: 'poc', title: 'PoC' }],
  });
  return renderTemplate(await readFile(path.join(templatesDir, language, `${name}.md.hbs`), 'utf8'), templateContext(manifest), name);
}

const VARIANTS = LANGUAGES.flatMap((language) => PRESETS.flatMap((preset) => STRATEGIES.map((strategy) => ({ language, preset, strategy }))));

describe.each(VARIANTS)('runbook $language $preset $strategy', ({ language, preset, strategy }) => {
  it('never pauses a Deployment before undoing it, and installs with helm upgrade --install', async () => {
    const runbook = await render('deploy-runbook', language, preset, strategy);
    expect(runbook).not.toMatch(/`kubectl rollout pause/);
    for (const command of runbook.match(/helm upgrade[^`]*/g) ?? []) expect(command).toMatch(/^helm upgrade --install /);
    if (strategy === 'canary') {
      // One tool moves the traffic: an Argo Rollouts Rollout, not a second Helm release beside the stable one.
      expect(runbook).not.toMatch(/demo-canary/);
      expect(runbook).toMatch(/kubectl argo rollouts abort demo/);
    }
    if (strategy === 'rolling') expect(runbook).toMatch(/kubectl rollout resume deployment\/demo/);
  });
});

describe.each(LANGUAGES)('development guide %s', (language) => {
  it('sets no PYTHONHASHSEED at run time and points at the tools below, not above', async () => {
    const guide = await render('development-guide', language, 'ml-model', 'rolling');
    expect(guide).not.toMatch(/os\.environ\["PYTHONHASHSEED"\]/);
    expect(guide).toMatch(/PYTHONHASHSEED=0 python -m/);
    const standards = guide.slice(guide.indexOf(language === 'en' ? '## Coding standards' : '## 编码规范'));
    expect(standards.split('\n').find((line) => line.startsWith('TODO'))).toMatch(language === 'en' ? /tools and versions below/ : /下列工具/);
  });
});

// Every preset × domain × language: the manifest init writes passes `lepton validate`, and every
// section a preset or domain check names is a heading of the document it points at.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DOMAINS, LANGUAGES, PRESETS } from '../../src/manifest/schema.js';
import { scaffoldManifest } from '../../src/lifecycle/init.js';
import { renderTemplates } from '../../src/templates/generate.js';
import { withDefaults } from '../../src/commands/init-answers.js';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';

const combinations = PRESETS.flatMap((preset) => DOMAINS.flatMap((domain) => LANGUAGES.map((lang) => ({ preset, domain, lang }))));

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const headingsOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
    .map((line) =>
      line
        .replace(/^#+\s+/, '')
        .trim()
        .toLowerCase(),
    );

describe.each(combinations)('$preset × $domain × $lang', ({ preset, domain, lang }) => {
  test('lepton validate accepts the manifest; every named section is a heading of its document', async () => {
    const root = path.join(dir, `${preset}-${domain}-${lang}`);
    const answers = withDefaults(
      {
        preset,
        domain,
        language: lang,
        owners: [
          { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] },
          { name: 'Grace Hopper', email: 'grace@example.com', roles: ['product-owner'] },
        ],
        metrics: [
          { path: 'accuracy', op: '>=', value: 0.85 },
          { path: 'latency_ms.p95', op: '<=', value: 300 },
        ],
      },
      { name: 'demo' },
    );
    const { text, manifest } = await scaffoldManifest(root, answers);
    await renderTemplates(
      { manifest, root },
      manifest.phases.flatMap((phase) => phase.templates),
      { now: new Date('2026-01-02T00:00:00Z') },
    );
    await writeFile(path.join(root, 'lepton.yaml'), text);

    const validate = await runLepton(['validate'], { cwd: root });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toMatch(/lepton\.yaml is valid: 5 phases, \d+ checks, current phase poc/);
    expect(validate.exitCode).toBe(0);

    const checks = manifest.phases.flatMap((phase) => phase.gate);
    const named = checks.flatMap((check) => ('doc' in check ? (check.sections ?? []).map((section) => ({ file: check.doc, section })) : []));
    expect(named.length).toBe((preset === 'llm-app' ? 4 : 0) + (domain === 'general' ? 0 : 3));
    for (const { file, section } of named) {
      expect(headingsOf(await readFile(path.join(root, file), 'utf8')), `${file} should have a heading "${section}"`).toContain(section.toLowerCase());
    }
    const rendered = manifest.phases.flatMap((phase) => phase.templates).map((name) => `docs/${name}.md`);
    for (const check of checks) if ('doc' in check) expect(rendered).toContain(check.doc);
    expect(checks.filter((check) => 'metric' in check)).toHaveLength(2);
  });
});

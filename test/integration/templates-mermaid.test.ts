// Every Mermaid block of every built-in template, for each preset × domain × language (and strategy),
// must parse with Mermaid's own parser: the shared checker runs once over all rendered documents.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { glob } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAINS, LANGUAGES, PRESETS, STRATEGIES, manifestSchema, type Language } from '../../src/manifest/schema.js';
import { templateContext } from '../../src/templates/context.js';
import { renderTemplate } from '../../src/templates/render.js';
import { makeTempDir } from '../helpers/git-repo.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// ../shared from the main checkout, ../../shared from a worktree under wt/.
const checker =
  ['../shared', '../../shared'].map((shared) => path.resolve(repoRoot, shared, 'validators/mermaid/check-mermaid.mjs')).find((file) => existsSync(file)) ??
  path.resolve(repoRoot, '../shared/validators/mermaid/check-mermaid.mjs');
const NOW = new Date('2026-03-14T09:00:00Z');

function manifest(language: Language, preset: string, domain: string, strategy: string, withMetrics: boolean) {
  return manifestSchema.parse({
    version: 1,
    project: {
      name: 'churn-predictor',
      description: 'Predict which subscribers cancel next month',
      preset,
      domain,
      language,
      strategy,
      owners: [{ name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead', 'product-owner'] }],
    },
    phase: 'poc',
    phases: [
      {
        id: 'poc',
        title: 'Proof of concept',
        templates: ['poc-plan'],
        gate: withMetrics
          ? [{ id: 'metric-accuracy', metric: { file: 'poc/results.json', checks: [{ path: 'accuracy', op: '>=', value: 0.85 }] } }]
          : [{ id: 'plan-written', doc: 'docs/poc-plan.md' }],
      },
      { id: 'design', title: 'Design', templates: ['architecture'] },
    ],
  });
}

/** The body of each ```mermaid block, the way the checker extracts them. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^\s*```mermaid[^\n]*\n([\s\S]*?)^\s*```\s*$/gm)].map((match) => match[1]!);
}

interface Rendered {
  /** `en/poc-plan ml-model finance rolling with metrics` */
  variant: string;
  template: string;
  blocks: number;
  /** Where the document was written, or undefined when an identical set of diagrams is checked already. */
  file: string | undefined;
}

describe('Mermaid diagrams in the built-in templates', () => {
  let dir: string;
  const rendered: Rendered[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('lepton-mermaid-');
    const templates = (await glob('templates/*/*.md.hbs', { cwd: repoRoot })).sort();
    const seen = new Set<string>();
    for (const relative of templates) {
      const [language, fileName] = relative.split('/').slice(-2) as [Language, string];
      if (!LANGUAGES.includes(language)) continue;
      const template = `${language}/${fileName.replace(/\.md\.hbs$/, '')}`;
      const source = await readFile(path.join(repoRoot, relative), 'utf8');
      // A template that never mentions the strategy or the metrics cannot vary with them.
      const strategies = /strategy/.test(source) ? STRATEGIES : STRATEGIES.slice(0, 1);
      const metricChoices = /metrics|resultsFile/i.test(source) ? [true, false] : [true];
      for (const preset of PRESETS) {
        for (const domain of DOMAINS) {
          for (const strategy of strategies) {
            for (const withMetrics of metricChoices) {
              const variant = `${template} ${preset} ${domain} ${strategy} ${withMetrics ? 'with' : 'without'} metrics`;
              const output = renderTemplate(source, templateContext(manifest(language, preset, domain, strategy, withMetrics), NOW), template);
              const blocks = mermaidBlocks(output);
              // Most variants share their diagrams; the parser needs to see each distinct set once.
              const signature = `${template}\n${blocks.join('\n---\n')}`;
              let file: string | undefined;
              if (blocks.length > 0 && !seen.has(signature)) {
                seen.add(signature);
                file = path.join(dir, `${variant.replaceAll('/', '-').replaceAll(' ', '_')}.md`);
                await writeFile(file, output);
              }
              rendered.push({ variant, template, blocks: blocks.length, file });
            }
          }
        }
      }
    }
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds the templates in both languages', () => {
    const templates = new Set(rendered.map((entry) => entry.template));
    for (const expected of ['en/poc-plan', 'en/architecture', 'zh-CN/poc-plan', 'zh-CN/architecture']) expect(templates).toContain(expected);
  });

  it('draws the PoC loop and the system architecture in every variant', () => {
    for (const entry of rendered.filter((candidate) => /\/(poc-plan|architecture)$/.test(candidate.template))) {
      expect(entry.blocks, entry.variant).toBeGreaterThanOrEqual(1);
    }
  });

  it('parses every block with Mermaid (one run of the shared checker)', async (context) => {
    if (!existsSync(checker)) {
      context.skip(`the shared Mermaid checker is not at ${checker}; nothing to run`);
      return;
    }
    const files = rendered.flatMap((entry) => (entry.file ? [entry.file] : []));
    const expectedBlocks = rendered.reduce((sum, entry) => sum + (entry.file ? entry.blocks : 0), 0);
    expect(files.length).toBeGreaterThan(0);
    // The checker loads mermaid and happy-dom from the working directory's node_modules.
    const result = await execa(process.execPath, [checker, '--require-blocks', ...files], { cwd: repoRoot, reject: false, all: true });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain(`${expectedBlocks} block(s), 0 failure(s)`);
    expect(expectedBlocks).toBeGreaterThanOrEqual(files.length);
  }, 120_000);
});

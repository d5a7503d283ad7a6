// The development guide, test plan and deployment runbook as a user gets them: rendered from a
// manifest for every preset × domain × language (× strategy for the runbook), then checked for
// filled or placeholder sections, strategy-specific steps, preset and domain sections, the ML Test
// Score list, en/zh-CN parity, and that filling in every TODO makes each document pass a `doc` check.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import docCheck from '../../src/gate/checks/doc.js';
import { ML_TEST_IDS } from '../../src/gate/checks/mlscore.js';
import { DOMAINS, LANGUAGES, PRESETS, STRATEGIES, manifestSchema, type Domain, type Language, type Manifest, type Preset, type Strategy } from '../../src/manifest/schema.js';
import { templateContext } from '../../src/templates/context.js';
import { renderTemplate } from '../../src/templates/render.js';
import { checkContext } from '../helpers/check-context.js';
import { makeTempDir } from '../helpers/git-repo.js';

const TEMPLATES = ['development-guide', 'test-plan', 'deploy-runbook'] as const;
type TemplateName = (typeof TEMPLATES)[number];

const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));
const NOW = new Date('2026-03-14T09:00:00Z');
const HAN = /\p{Script=Han}/u;

interface Variant {
  template: TemplateName;
  preset: Preset;
  domain: Domain;
  language: Language;
  strategy: Strategy;
  withOwners: boolean;
}

/** Every combination; the strategy only varies for the runbook, owners and metrics are present or absent. */
const VARIANTS: Variant[] = TEMPLATES.flatMap((template) =>
  PRESETS.flatMap((preset) =>
    DOMAINS.flatMap((domain) =>
      LANGUAGES.flatMap((language) =>
        (template === 'deploy-runbook' ? STRATEGIES : (['rolling'] as const)).flatMap((strategy) =>
          [true, false].map((withOwners) => ({ template, preset, domain, language, strategy, withOwners })),
        ),
      ),
    ),
  ),
);

const label = (variant: Variant) =>
  `${variant.template} ${variant.language} ${variant.preset} ${variant.domain} ${variant.strategy} ${variant.withOwners ? 'with owners' : 'bare'}`;

function manifestFor(variant: Variant): Manifest {
  return manifestSchema.parse({
    version: 1,
    project: {
      name: 'churn-predictor',
      description: variant.withOwners ? 'Predict which subscribers cancel next month' : undefined,
      preset: variant.preset,
      domain: variant.domain,
      language: variant.language,
      strategy: variant.strategy,
      owners: variant.withOwners
        ? [
            { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] },
            { name: 'Grace Hopper', email: 'grace@example.com', roles: ['product-owner', 'on-call'] },
          ]
        : [],
    },
    phase: 'poc',
    phases: [
      {
        id: 'poc',
        title: 'Proof of concept',
        gate: variant.withOwners
          ? [
              {
                id: 'results-meet-criteria',
                metric: {
                  file: 'poc/results.json',
                  checks: [
                    { path: 'accuracy', op: '>=', value: 0.85 },
                    { path: 'latency_ms.p95', op: '<=', value: 300 },
                  ],
                },
              },
            ]
          : [],
      },
      { id: 'develop', title: 'Development', templates: ['development-guide'] },
      { id: 'test', title: 'Testing', templates: ['test-plan'] },
      { id: 'deploy', title: 'Deployment', templates: ['deploy-runbook'] },
    ],
  });
}

const sources = new Map<string, string>();
async function render(variant: Variant): Promise<string> {
  const file = path.join(templatesDir, variant.language, `${variant.template}.md.hbs`);
  let source = sources.get(file);
  if (source === undefined) {
    source = await readFile(file, 'utf8');
    sources.set(file, source);
  }
  return renderTemplate(source, templateContext(manifestFor(variant), NOW), variant.template);
}

/** Lines outside fenced code blocks, with their fence state, so `# comment` in code is not a heading. */
function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

interface Section {
  title: string;
  lines: string[];
  /** Raw lines including code blocks, for content checks. */
  raw: string[];
}

/** The `##` sections (each with its `###` subsections). */
function sectionsOf(markdown: string): Section[] {
  const prose = proseLines(markdown);
  const raw = markdown.split('\n');
  const sections: Section[] = [];
  prose.forEach((line, index) => {
    const heading = /^## (.+)$/.exec(line);
    if (heading) sections.push({ title: heading[1]!, lines: [], raw: [] });
    else if (sections.length > 0) {
      sections.at(-1)!.lines.push(line);
      sections.at(-1)!.raw.push(raw[index]!);
    }
  });
  return sections;
}

const headings = (markdown: string, level: 2 | 3) => proseLines(markdown).filter((line) => line.startsWith(`${'#'.repeat(level)} `));
const mermaidBlocks = (markdown: string) => markdown.split('\n').filter((line) => line.trim() === '```mermaid').length;
const isTodoLine = (line: string) => /^TODO: \S/.test(line);
const withoutComments = (lines: string[]) => lines.join('\n').replace(/<!--[\s\S]*?-->/g, '');

function fillIn(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (isTodoLine(line) ? 'We agreed on this with the team and wrote the details here.' : line))
    .map((line) => line.replace(/^- \[ \]/, '- [x]'))
    .join('\n');
}

/** Headings a preset or domain adds; each must appear only for its preset or domain. */
const LLM_PREFIX: Record<Language, string> = { en: '## LLM application', 'zh-CN': '## 大模型应用' };
const DOMAIN_PREFIX: Record<Language, Record<Exclude<Domain, 'general'>, string>> = {
  en: { finance: '## Finance:', healthcare: '## Healthcare:', retail: '## Retail:' },
  'zh-CN': { finance: '## 金融：', healthcare: '## 医疗：', retail: '## 零售：' },
};

/** What identifies each strategy's deployment and rollback steps, in either language. */
const STRATEGY_MARKERS: Record<Strategy, { heading: Record<Language, string>; commands: string[] }> = {
  rolling: {
    heading: { en: '### Rolling update', 'zh-CN': '### 滚动更新' },
    commands: ['kubectl rollout status', 'kubectl rollout undo'],
  },
  'blue-green': {
    heading: { en: '### Blue-green deployment', 'zh-CN': '### 蓝绿部署' },
    commands: ['kubectl patch service', 'churn-predictor-green'],
  },
  canary: {
    heading: { en: '### Canary release', 'zh-CN': '### 金丝雀发布' },
    commands: ['setWeight: 5', 'kubectl argo rollouts abort'],
  },
};

const MERMAID_BLOCKS: Record<TemplateName, number> = { 'development-guide': 1, 'test-plan': 1, 'deploy-runbook': 2 };

describe('development guide, test plan and runbook templates', () => {
  it.each(VARIANTS.map((variant) => [label(variant), variant] as const))('%s', async (_label, variant) => {
    const markdown = await render(variant);
    const sections = sectionsOf(markdown);
    expect(sections.length).toBeGreaterThanOrEqual(9);
    expect(markdown).not.toContain('{{');
    expect(markdown).not.toContain('}}');
    expect(markdown).toContain('churn-predictor');

    // Every section holds exactly one visible TODO line with guidance in a comment right after it,
    // besides its content; the marker appears nowhere else.
    for (const section of sections) {
      const todos = section.lines.filter(isTodoLine);
      expect(todos, `'${section.title}' TODO lines`).toHaveLength(1);
      const at = section.lines.indexOf(todos[0]!);
      expect(section.lines[at + 1], `'${section.title}' guidance`).toMatch(/^<!-- .+ -->$/);
      // Above the subsections, so the gate reports the placeholder under the section it belongs to.
      const firstSubsection = section.lines.findIndex((line) => line.startsWith('### '));
      if (firstSubsection >= 0) expect(at, `'${section.title}' TODO before its subsections`).toBeLessThan(firstSubsection);
      const content = withoutComments(section.raw.filter((line) => !isTodoLine(line))).trim();
      expect(content.length, `'${section.title}' content`).toBeGreaterThan(0);
    }
    expect(markdown.split('\n').filter((line) => line.includes('TODO') && !isTodoLine(line))).toEqual([]);

    // Chinese documents are Chinese in every section.
    if (variant.language === 'zh-CN') {
      for (const section of sections) expect(withoutComments(section.lines), `'${section.title}'`).toMatch(HAN);
    }

    // Preset and domain sections appear only for their preset or domain.
    const titles = headings(markdown, 2);
    expect(titles.some((title) => title.startsWith(LLM_PREFIX[variant.language]))).toBe(variant.preset === 'llm-app');
    for (const [domain, prefix] of Object.entries(DOMAIN_PREFIX[variant.language])) {
      expect(
        titles.filter((title) => title.startsWith(prefix)),
        `${domain} sections`,
      ).toHaveLength(domain === variant.domain ? 1 : 0);
    }

    expect(mermaidBlocks(markdown)).toBe(MERMAID_BLOCKS[variant.template]);

    // Pre-filled from the manifest.
    if (variant.withOwners) {
      expect(markdown).toContain('Ada Lovelace');
      expect(markdown).toContain('Grace Hopper');
      if (variant.template !== 'test-plan') expect(markdown).toContain('grace@example.com');
      expect(markdown).toMatch(variant.template === 'deploy-runbook' ? /accuracy.*>= 0\.85/ : /`accuracy >= 0\.85`/);
      expect(markdown).toContain('latency_ms.p95');
    } else {
      expect(markdown).not.toContain('Ada Lovelace');
      expect(markdown).not.toContain('accuracy');
    }
  });

  it.each(VARIANTS.filter((variant) => variant.template === 'deploy-runbook').map((variant) => [label(variant), variant] as const))(
    'runbook holds only the chosen strategy: %s',
    async (_label, variant) => {
      const markdown = await render(variant);
      for (const strategy of STRATEGIES) {
        const markers = STRATEGY_MARKERS[strategy];
        const chosen = strategy === variant.strategy;
        expect(markdown.includes(markers.heading[variant.language]), `${strategy} heading`).toBe(chosen);
        for (const command of markers.commands) expect(markdown.includes(command), `${strategy}: ${command}`).toBe(chosen);
      }
      const strategySection = sectionsOf(markdown).find((section) => section.title === (variant.language === 'en' ? 'Deployment strategy' : '部署策略'));
      expect(strategySection).toBeDefined();
      expect(strategySection!.lines.join('\n')).toContain(`**${variant.strategy}**`);
      expect(strategySection!.raw.filter((line) => line.trim() === '```mermaid')).toHaveLength(1);
      expect(strategySection!.lines.filter((line) => /^\d+\. /.test(line)).length).toBeGreaterThanOrEqual(7);
      const rollback = sectionsOf(markdown).find((section) => section.title === (variant.language === 'en' ? 'Rollback' : '回滚'));
      expect(rollback!.lines.filter((line) => /^\d+\. /.test(line)).length).toBeGreaterThanOrEqual(4);
    },
  );

  it.each(LANGUAGES)('the ML Test Score is a scoring table of its 28 tests, 7 per section, with no boxes to tick (%s)', async (language) => {
    const markdown = await render({ template: 'test-plan', preset: 'ml-model', domain: 'general', language, strategy: 'rolling', withOwners: true });
    const section = sectionsOf(markdown).find((candidate) => candidate.title === 'ML Test Score');
    expect(section).toBeDefined();
    expect(section!.lines.filter((line) => line.startsWith('- [ ] '))).toHaveLength(0);
    const ids = section!.lines.flatMap((line) => /^\| `((data|model|infra|monitor)-[1-7])` \|/.exec(line)?.[1] ?? []);
    expect(ids).toEqual(ML_TEST_IDS);
    expect(section!.lines.join('\n')).toContain('docs/ml-test-score.yaml');
    const llm = await render({ template: 'test-plan', preset: 'llm-app', domain: 'general', language, strategy: 'rolling', withOwners: true });
    expect(sectionsOf(llm).some((candidate) => candidate.title === 'ML Test Score')).toBe(false);
  });

  it.each(VARIANTS.filter((variant) => variant.language === 'en').map((variant) => [label(variant), variant] as const))(
    'en and zh-CN have the same structure: %s',
    async (_label, variant) => {
      const english = await render(variant);
      const chinese = await render({ ...variant, language: 'zh-CN' });
      expect(headings(chinese, 2)).toHaveLength(headings(english, 2).length);
      expect(headings(chinese, 3)).toHaveLength(headings(english, 3).length);
      expect(mermaidBlocks(chinese)).toBe(mermaidBlocks(english));
      const count = (markdown: string, pattern: RegExp) => proseLines(markdown).filter((line) => pattern.test(line)).length;
      for (const pattern of [/^- \[ \]/, /^\|/, /^TODO: /, /^\d+\. /]) expect(count(chinese, pattern), String(pattern)).toBe(count(english, pattern));
    },
  );

  describe('a filled-in document passes its doc check', () => {
    let root: string;
    beforeAll(async () => {
      root = await makeTempDir('lepton-templates-develop-deploy-');
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    // llm-app documents hold every ml-model section plus their own. Each language gets two domains and
    // each domain one strategy, so every domain and strategy is filled in once (the doc check is the slow part).
    const pairs: { language: Language; domain: Domain; strategy: Strategy }[] = [
      { language: 'en', domain: 'finance', strategy: 'blue-green' },
      { language: 'en', domain: 'retail', strategy: 'rolling' },
      { language: 'zh-CN', domain: 'healthcare', strategy: 'canary' },
      { language: 'zh-CN', domain: 'general', strategy: 'rolling' },
    ];
    it.each(
      TEMPLATES.flatMap((template) =>
        pairs.map((pair) => {
          const variant: Variant = { template, preset: 'llm-app', withOwners: true, ...pair, strategy: template === 'deploy-runbook' ? pair.strategy : 'rolling' };
          return [label(variant), variant] as const;
        }),
      ),
    )('%s', async (_label, variant) => {
      const markdown = await render(variant);
      const doc = `docs/${variant.language}-${variant.preset}-${variant.domain}-${variant.strategy}-${variant.template}.md`;
      const file = path.join(root, doc);
      await mkdir(path.dirname(file), { recursive: true });
      const context = checkContext({ root, env: process.env });
      const check = { id: 'doc-written', doc, sections: headings(markdown, 2).map((line) => line.slice(3)) };

      await writeFile(file, markdown);
      const before = await docCheck.evaluate(check, context);
      expect(before.status).toBe('fail');
      expect(before.problems?.filter((problem) => /placeholder TODO/.test(problem.message))).toHaveLength(check.sections.length);

      await writeFile(file, fillIn(markdown));
      const after = await docCheck.evaluate(check, context);
      expect(after.status, JSON.stringify(after.problems)).toBe('pass');
    });
  });
});

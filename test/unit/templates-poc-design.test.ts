// The PoC plan, architecture and model card as a user gets them: rendered for every preset × domain ×
// language from a manifest with the default gates, then checked for sections, metrics, domain content,
// language parity, and that filling in every TODO makes the documents pass their `doc` checks.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import docCheck from '../../src/gate/checks/doc.js';
import { DOMAINS, LANGUAGES, PRESETS, manifestSchema, type CheckOf, type Domain, type Language, type Manifest, type Preset } from '../../src/manifest/schema.js';
import type { InitAnswers } from '../../src/templates/answers.js';
import { templateContext } from '../../src/templates/context.js';
import { defaultPhases } from '../../src/templates/default-gates.js';
import { renderTemplate } from '../../src/templates/render.js';
import { checkContext } from '../helpers/check-context.js';
import { makeTempDir } from '../helpers/git-repo.js';

const TEMPLATES = ['poc-plan', 'architecture', 'model-card'] as const;
type TemplateName = (typeof TEMPLATES)[number];

const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));
const NOW = new Date('2026-03-14T09:00:00Z');
const CJK = /[\u4e00-\u9fff]/;

const METRICS = [
  { path: 'accuracy', op: '>=', value: 0.85 },
  { path: 'latency_ms.p95', op: '<=', value: 300 },
] as const;

interface Variant {
  preset: Preset;
  domain: Domain;
  language: Language;
  withMetrics: boolean;
}

const VARIANTS: Variant[] = PRESETS.flatMap((preset) =>
  DOMAINS.flatMap((domain) => LANGUAGES.flatMap((language) => [true, false].map((withMetrics) => ({ preset, domain, language, withMetrics })))),
);

const label = (variant: Variant) => `${variant.language} ${variant.preset} ${variant.domain} ${variant.withMetrics ? 'with metrics' : 'without metrics'}`;

function answersFor(variant: Variant): InitAnswers {
  return {
    name: 'churn-predictor',
    description: variant.withMetrics ? 'Predict which subscribers cancel next month' : '',
    preset: variant.preset,
    domain: variant.domain,
    language: variant.language,
    owners: variant.withMetrics
      ? [
          { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] },
          { name: 'Grace Hopper', email: 'grace@example.com', roles: ['product-owner'] },
        ]
      : [],
    metrics: variant.withMetrics ? METRICS.map((metric) => ({ ...metric })) : [],
    strategy: 'canary',
  };
}

/** The manifest `lepton init` would write for these answers: the default phases and gates. */
function manifestFor(variant: Variant): Manifest {
  const answers = answersFor(variant);
  return manifestSchema.parse({
    version: 1,
    project: {
      name: answers.name,
      description: answers.description,
      preset: answers.preset,
      domain: answers.domain,
      language: answers.language,
      strategy: answers.strategy,
      owners: answers.owners,
    },
    phase: 'poc',
    phases: defaultPhases(answers).map((phase) => ({
      id: phase.id,
      title: phase.title,
      templates: phase.templates,
      gate: phase.gate.map((entry) => entry.check),
    })),
  });
}

const sources = new Map<string, string>();
async function source(language: Language, name: TemplateName): Promise<string> {
  const key = `${language}/${name}`;
  if (!sources.has(key)) sources.set(key, await readFile(path.join(templatesDir, language, `${name}.md.hbs`), 'utf8'));
  return sources.get(key)!;
}

const rendered = new Map<string, string>();
async function render(name: TemplateName, variant: Variant): Promise<string> {
  const key = `${name} ${label(variant)}`;
  if (!rendered.has(key)) {
    rendered.set(key, renderTemplate(await source(variant.language, name), templateContext(manifestFor(variant), NOW), name));
  }
  return rendered.get(key)!;
}

interface MdSection {
  depth: number;
  title: string;
  /** Lines under the heading up to the next heading of any level. */
  own: string[];
  /** Lines under the heading up to the next heading of the same or a higher level. */
  whole: string[];
}

/** Headings outside code fences, each with its own lines and its lines including subsections. */
function sectionsOf(markdown: string): MdSection[] {
  const lines = markdown.split('\n');
  const headings: { index: number; depth: number; title: string }[] = [];
  let fenced = false;
  lines.forEach((line, index) => {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : /^(#{1,6}) (.+)$/.exec(line);
    if (match) headings.push({ index, depth: match[1]!.length, title: match[2]!.trim() });
  });
  return headings.map((heading, position) => {
    const next = headings[position + 1];
    const nextSameOrHigher = headings.slice(position + 1).find((other) => other.depth <= heading.depth);
    return {
      depth: heading.depth,
      title: heading.title,
      own: lines.slice(heading.index + 1, next ? next.index : lines.length),
      whole: lines.slice(heading.index + 1, nextSameOrHigher ? nextSameOrHigher.index : lines.length),
    };
  });
}

const withoutComments = (lines: string[]) => lines.join('\n').replace(/<!--[\s\S]*?-->/g, '');
const visibleLines = (lines: string[]) =>
  withoutComments(lines)
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^#{1,6} /.test(line));
const isTodoLine = (line: string) => /^TODO: \S/.test(line);
const headingTitles = (markdown: string, depth?: number) =>
  sectionsOf(markdown)
    .filter((section) => depth === undefined || section.depth === depth)
    .map((section) => section.title);
const mermaidBlocks = (markdown: string) => markdown.split('\n').filter((line) => line.trim() === '```mermaid').length;

/** What a user does before the gate: every TODO replaced by prose, every box ticked. */
function fillIn(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (isTodoLine(line) ? 'We agreed on this with the team and recorded the details here.' : line))
    .map((line) => line.replace(/TODO: [^|]*/g, 'filled in'))
    .map((line) => line.replace(/^- \[ \]/, '- [x]'))
    .join('\n');
}

/** Headings each preset or domain adds, per template and language. */
const PRESET_HEADINGS: Record<TemplateName, Record<Language, { llmApp: string[] }>> = {
  'poc-plan': { en: { llmApp: ['LLM evaluation', 'Evaluation set'] }, 'zh-CN': { llmApp: ['大模型评测', '评测集'] } },
  architecture: {
    en: { llmApp: ['LLM-specific design', 'Prompt and model version pinning'] },
    'zh-CN': { llmApp: ['大模型专项设计', '提示词与模型版本锁定'] },
  },
  'model-card': { en: { llmApp: ['Foundation model and prompts'] }, 'zh-CN': { llmApp: ['基础模型与提示词'] } },
};

type SpecialDomain = Exclude<Domain, 'general'>;
const DOMAIN_HEADINGS: Record<TemplateName, Record<Language, Record<SpecialDomain, string[]>>> = {
  'poc-plan': {
    en: {
      finance: ['Model risk and explainability'],
      healthcare: ['Clinical validation and patient safety'],
      retail: ['A/B test and offline quality'],
    },
    'zh-CN': { finance: ['模型风险与可解释性'], healthcare: ['临床验证与患者安全'], retail: ['A/B 测试与离线质量'] },
  },
  architecture: {
    en: {
      finance: ['Model risk management and audit trail', 'Explainability', 'Audit trail'],
      healthcare: ['Clinical safety and human oversight', 'Patient data privacy', 'Human oversight'],
      retail: ['Retail experimentation and quality'],
    },
    'zh-CN': {
      finance: ['模型风险管理与审计轨迹', '可解释性', '审计轨迹'],
      healthcare: ['临床安全与人工监督', '患者数据隐私', '人工监督'],
      retail: ['零售实验与质量'],
    },
  },
  'model-card': {
    en: {
      finance: ['Explainability and model risk'],
      healthcare: ['Clinical performance and oversight'],
      retail: ['Recommendation quality'],
    },
    'zh-CN': { finance: ['可解释性与模型风险'], healthcare: ['临床表现与人工监督'], retail: ['推荐质量'] },
  },
};

describe.each(TEMPLATES)('template %s', (name) => {
  describe.each(VARIANTS.map((variant) => [label(variant), variant] as const))('%s', (_label, variant) => {
    let output: string;
    beforeAll(async () => {
      output = await render(name, variant);
    });

    it('leaves no Handlebars syntax and names the project and the date', () => {
      expect(output).not.toContain('{{');
      expect(output).not.toContain('}}');
      expect(output.split('\n')[0]).toMatch(/^# .*churn-predictor/);
      expect(output).toContain('2026-03-14');
    });

    it('gives every section a TODO line with guidance, or pre-filled content', () => {
      const sections = sectionsOf(output);
      expect(sections.filter((section) => section.depth === 2).length).toBeGreaterThanOrEqual(9);
      for (const section of sections) {
        const visible = visibleLines(section.whole);
        expect(visible.length, `section '${section.title}' is empty`).toBeGreaterThan(0);
        const todoLines = section.own.filter(isTodoLine);
        if (todoLines.length > 0) {
          expect(section.own.join('\n'), `section '${section.title}' has a TODO without guidance`).toMatch(/<!-- \S[\s\S]*?-->/);
        }
      }
      for (const line of output.split('\n').filter((line) => line.startsWith('TODO'))) {
        expect(line, 'a TODO line reads "TODO: <what to write>"').toMatch(/^TODO: \S.{10,}$/);
      }
      const sectionsWithTodo = sections.filter((section) => section.depth === 2 && section.whole.some(isTodoLine));
      expect(sectionsWithTodo.length).toBeGreaterThanOrEqual(8);
    });

    it('adds the preset and domain sections only where they belong', () => {
      const titles = headingTitles(output);
      for (const heading of PRESET_HEADINGS[name][variant.language].llmApp) {
        expect(titles.includes(heading), `'${heading}'`).toBe(variant.preset === 'llm-app');
      }
      for (const [domain, headings] of Object.entries(DOMAIN_HEADINGS[name][variant.language])) {
        for (const heading of headings) expect(titles.includes(heading), `'${heading}'`).toBe(domain === variant.domain);
      }
    });

    it('has the same headings and diagrams as the other language', async () => {
      const other = await render(name, { ...variant, language: variant.language === 'en' ? 'zh-CN' : 'en' });
      expect(headingTitles(output, 2).length).toBe(headingTitles(other, 2).length);
      expect(headingTitles(output, 3).length).toBe(headingTitles(other, 3).length);
      expect(mermaidBlocks(output)).toBe(mermaidBlocks(other));
      expect(output.split('\n').filter((line) => line.startsWith('- [ ]')).length).toBe(other.split('\n').filter((line) => line.startsWith('- [ ]')).length);
    });
  });
});

describe.each(TEMPLATES)('template %s in Chinese', (name) => {
  const chinese = VARIANTS.filter((variant) => variant.language === 'zh-CN');
  it.each(chinese.map((variant) => [label(variant), variant] as const))('is written in Chinese in every section: %s', async (_label, variant) => {
    for (const section of sectionsOf(await render(name, variant))) {
      expect(section.title, `heading '${section.title}'`).toMatch(CJK);
      expect(withoutComments(section.whole), `section '${section.title}'`).toMatch(CJK);
    }
  });
});

describe('poc-plan success criteria', () => {
  const successSection = (output: string, language: Language) => sectionsOf(output).find((section) => section.title === (language === 'en' ? 'Success criteria' : '成功标准'))!;

  it.each(LANGUAGES)('lists each metric of the PoC gate as a table row and says where results go (%s)', async (language) => {
    const output = await render('poc-plan', { preset: 'ml-model', domain: 'general', language, withMetrics: true });
    const section = successSection(output, language).whole.join('\n');
    expect(section).toMatch(/^\| `accuracy` \| >= 0\.85 \| .*poc\/results\.json/m);
    expect(section).toMatch(/^\| `latency_ms\.p95` \| <= 300 \| .*poc\/results\.json/m);
    expect(section).toContain('{"accuracy": 0.9}');
    expect(section).toContain('lepton gate');
    expect(section.split('\n').filter(isTodoLine)).toHaveLength(1);
  });

  it.each(LANGUAGES)('asks for a metric when the PoC gate has none (%s)', async (language) => {
    const output = await render('poc-plan', { preset: 'llm-app', domain: 'retail', language, withMetrics: false });
    const section = successSection(output, language).whole.join('\n');
    expect(section).not.toContain('`accuracy`');
    expect(section).toContain('poc/results.json');
    expect(section).toContain('metric');
    expect(section.split('\n').filter(isTodoLine).length).toBeGreaterThanOrEqual(1);
  });
});

describe('architecture headings the default gates name', () => {
  it('has the English titles System architecture, Modules, Security and privacy', async () => {
    for (const preset of PRESETS) {
      const titles = headingTitles(await render('architecture', { preset, domain: 'general', language: 'en', withMetrics: true }), 2);
      expect(titles).toEqual(expect.arrayContaining(['System architecture', 'Modules', 'Security and privacy']));
    }
  });
});

describe('filled in, the documents pass the default doc checks', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeTempDir();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function evaluate(check: CheckOf<'doc'>, markdown: string) {
    const file = path.join(root, check.doc);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, markdown);
    return docCheck.evaluate(check, checkContext({ root, env: process.env }));
  }

  function docChecksFor(variant: Variant): { check: CheckOf<'doc'>; name: TemplateName }[] {
    return manifestFor(variant)
      .phases.flatMap((phase) => phase.gate)
      .filter((check): check is CheckOf<'doc'> => 'doc' in check)
      .flatMap((check) => {
        const name = TEMPLATES.find((template) => check.doc === `docs/${template}.md`);
        return name ? [{ check, name }] : [];
      });
  }

  it.each(LANGUAGES)('a freshly rendered PoC plan fails on its TODOs and unticked boxes (%s)', async (language) => {
    const variant: Variant = { preset: 'ml-model', domain: 'general', language, withMetrics: true };
    const outcome = await evaluate({ id: 'plan-written', doc: 'docs/poc-plan.md' }, await render('poc-plan', variant));
    expect(outcome.status).toBe('fail');
    const messages = (outcome.problems ?? []).map((problem) => problem.message);
    expect(messages.filter((message) => message.startsWith('placeholder TODO')).length).toBeGreaterThanOrEqual(15);
    expect(messages.some((message) => message.startsWith('unticked box'))).toBe(true);
  });

  // Parsing Markdown dominates the time, so every preset × domain × language once, with metrics,
  // plus the no-metrics variant of the general domain.
  const filledVariants = VARIANTS.filter((variant) => variant.withMetrics || variant.domain === 'general');
  it.each(filledVariants.map((variant) => [label(variant), variant] as const))('%s', async (_label, variant) => {
    const checks = docChecksFor(variant);
    expect(checks.filter(({ check }) => !check.sections).length).toBe(variant.preset === 'ml-model' ? 3 : 2);
    for (const { check, name } of checks) {
      const rendered = await render(name, variant);
      if (check.sections) {
        // A section check adds only the headings to the full-document check of the same file.
        const titles = headingTitles(rendered).map((title) => title.toLowerCase());
        for (const section of check.sections) expect(titles, `${check.id} needs '${section}'`).toContain(section.toLowerCase());
        continue;
      }
      const outcome = await evaluate(check, fillIn(rendered));
      expect(outcome.status, `${check.id}: ${JSON.stringify(outcome.problems)}`).toBe('pass');
    }
  });
});

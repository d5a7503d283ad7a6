// Documents that fit the project: an llm-app's documents carry no ML-training vocabulary, every
// threshold comes from lepton.yaml or is marked as an example, and quality metrics are kept apart
// from operational ones (latency is measured under load, never "on labelled data").
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAINS, LANGUAGES, type Domain, type Language, type Preset } from '../../src/manifest/schema.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { answersFor, renderProject } from '../helpers/rendered-project.js';
import { vocabularyHits } from '../helpers/vocabulary.js';

async function renderAll(preset: Preset, domain: Domain, language: Language, metrics: Parameters<typeof answersFor>[1]): Promise<{ root: string; docs: Map<string, string> }> {
  const root = await makeTempDir('lepton-presets-');
  await renderProject(root, { ...answersFor({ preset, domain, language }, metrics), name: preset === 'llm-app' ? 'support-assistant' : 'demand-forecaster' });
  const docs = new Map<string, string>();
  for (const file of await readdir(path.join(root, 'docs'))) docs.set(file, await readFile(path.join(root, 'docs', file), 'utf8'));
  return { root, docs };
}

const VARIANTS = DOMAINS.flatMap((domain) => LANGUAGES.map((language) => ({ domain, language })));

describe.each(VARIANTS)('llm-app $domain $language', ({ domain, language }) => {
  let root: string;
  let docs: Map<string, string>;
  beforeAll(async () => {
    ({ root, docs } = await renderAll('llm-app', domain, language, [{ path: 'faithfulness', op: '>=', value: 0.81 }]));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('has no ML-training vocabulary in any document', () => {
    expect([...docs.keys()].sort()).toEqual(
      expect.arrayContaining(['architecture.md', 'system-card.md', 'test-plan.md', 'deploy-runbook.md', 'development-guide.md', 'poc-plan.md']),
    );
    const hits = [...docs].flatMap(([file, text]) => vocabularyHits(text).map((hit) => `${file}:${hit.line} "${hit.word}": ${hit.text}`));
    expect(hits).toEqual([]);
  });

  it('has a system card and no model card or ML Test Score', () => {
    expect(docs.has('system-card.md')).toBe(true);
    expect(docs.has('model-card.md')).toBe(false);
    expect(docs.has('ml-test-score.yaml')).toBe(false);
  });
});

it('the word list finds the training vocabulary of an ml-model project (so the test above can fail)', async () => {
  const { root, docs } = await renderAll('ml-model', 'finance', 'en', undefined);
  try {
    const words = new Set([...docs.values()].flatMap((text) => vocabularyHits(text).map((hit) => hit.word.toLowerCase())));
    expect(words.size).toBeGreaterThanOrEqual(5);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

// Thresholds no default would produce: each document must show these, never the defaults.
const UNUSUAL = [
  { path: 'accuracy', op: '>=', value: 0.93 },
  { path: 'latency_ms.p95', op: '<=', value: 47 },
] as const;
const LATENCY_DEFAULT = /(\b300\s*(ms|毫秒))|(\| 300 \|)|(p95 ≤ 300(?!\d))|(≤ 3,000 ms)|(≤ 3000 毫秒)|(p95 ≤ 3 (s|秒))/;
const EXAMPLE_MARK = /e\.g\.|example|示例|例如/i;

describe.each(LANGUAGES)('thresholds from lepton.yaml (%s)', (language) => {
  for (const preset of ['ml-model', 'llm-app'] as const) {
    it(`${preset}: the manifest's latency and accuracy, no unmarked default`, async () => {
      const { root, docs } = await renderAll(
        preset,
        'general',
        language,
        UNUSUAL.map((metric) => ({ ...metric })),
      );
      try {
        for (const [file, text] of docs) {
          for (const line of text.split('\n')) {
            if (LATENCY_DEFAULT.test(line)) expect(line, `${file}: a default latency`).toMatch(EXAMPLE_MARK);
            // Latency is operational: never a quality metric measured on labelled data or in slices.
            if (line.includes('latency_ms.p95'))
              expect(line, `${file}: latency as a quality metric`).not.toMatch(/labelled|已标注|有标签|all data \||全部数据 \||frozen evaluation set|冻结评测集/);
          }
          expect(text, file).not.toMatch(/\b0\.85\b/);
        }
        expect(docs.get('architecture.md')).toMatch(/latency_ms\.p95 <= 47/);
        expect(docs.get('test-plan.md')).toMatch(/<= 47/);
        expect(docs.get('deploy-runbook.md')).toMatch(/latency_ms\.p95 <= 47/);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    });
  }

  it('llm-app: one hallucination threshold across documents, marked as an example', async () => {
    const { root, docs } = await renderAll('llm-app', 'general', language, undefined);
    try {
      const thresholds = [...docs.values()].flatMap((text) =>
        text
          .split('\n')
          .filter((line) => /hallucination|幻觉/i.test(line))
          .flatMap((line) => [...line.matchAll(/[≤<]=?\s*(\d+(?:\.\d+)?\s*%?)/g)].map((match) => match[1]!.replace(/\s/g, ''))),
      );
      expect(thresholds.length).toBeGreaterThan(0);
      expect(new Set(thresholds)).toEqual(new Set(['0.05']));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

it('the model card carries the measured values of the results file', async () => {
  const root = await makeTempDir('lepton-presets-');
  try {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(path.join(root, 'poc'), { recursive: true });
    await writeFile(path.join(root, 'poc/results.json'), '{"accuracy": 0.9412, "latency_ms": {"p95": 41}}\n');
    await renderProject(
      root,
      answersFor(
        { preset: 'ml-model', domain: 'general', language: 'en' },
        UNUSUAL.map((metric) => ({ ...metric })),
      ),
    );
    const card = await readFile(path.join(root, 'docs/model-card.md'), 'utf8');
    expect(card).toMatch(/^\| `accuracy` \| 0\.9412 \(from `poc\/results\.json`/m);
    // Latency is not a model-quality result.
    expect(card).not.toMatch(/^\| `latency_ms\.p95` \|/m);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

describe.each(['finance', 'healthcare', 'retail'] as const)('the %s model card', (domain) => {
  it.each(LANGUAGES)('gives examples of its own domain, not the churn example (%s)', async (language) => {
    const { root, docs } = await renderAll('ml-model', domain, language, undefined);
    try {
      expect(docs.get('model-card.md')).not.toMatch(/retention|churn|挽留|流失/i);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

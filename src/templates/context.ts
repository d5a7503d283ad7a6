// What a template sees: plain data derived from the manifest, with flags for the
// preset, domain and strategy, so templates need no logic beyond if/each.
import type { Manifest, MetricComparison } from '../manifest/schema.js';
import { RESULTS_FILE } from './default-gates.js';

export interface TemplateMetric {
  name: string;
  op: MetricComparison['op'];
  value: number;
  /** `accuracy >= 0.85` */
  text: string;
  /** The file the value is read from, e.g. poc/results.json. */
  file: string;
  checkId: string;
  /** The value measured in the results file when the document was rendered, as text; '' when there is none. */
  measured: string;
}

export interface TemplateContext {
  project: { name: string; description: string; preset: string; domain: string; language: string; strategy: string };
  owners: { name: string; email: string; roles: string[]; rolesText: string }[];
  metrics: TemplateMetric[];
  hasMetrics: boolean;
  /** What the model or application gets right (accuracy, faithfulness…), apart from how it runs. */
  qualityMetrics: TemplateMetric[];
  hasQualityMetrics: boolean;
  /** How it runs (latency, cost, throughput…): measured under load or in operation, never on labelled data. */
  operationalMetrics: TemplateMetric[];
  hasOperationalMetrics: boolean;
  /** The first latency metric, for the documents' latency targets. */
  latency: TemplateMetric | undefined;
  /** Where the PoC results go (the first metric check's file, else poc/results.json). */
  resultsFile: string;
  /** The manifest's first `mlscore` check, where there is one. */
  mlScore: { checkId: string; file: string; min: number } | undefined;
  preset: { mlModel: boolean; llmApp: boolean };
  domain: { general: boolean; finance: boolean; healthcare: boolean; retail: boolean };
  strategy: { rolling: boolean; blueGreen: boolean; canary: boolean };
  phases: { id: string; title: string }[];
  /** The day of rendering, YYYY-MM-DD. */
  date: string;
}

/** Names of metrics about how a system runs rather than how right it is. */
const OPERATIONAL = /latency|duration|time_?ms|seconds|throughput|qps|rps|cost|price|usd|tokens|memory|ram|cpu|gpu|availability|uptime|error_?rate/i;

export function isOperationalMetric(name: string): boolean {
  return OPERATIONAL.test(name);
}

/**
 * `results`: the parsed results file when it exists, so documents rendered after the PoC (the model
 * card) carry the measured values.
 */
export function templateContext(manifest: Manifest, now: Date = new Date(), results?: unknown): TemplateContext {
  const { project } = manifest;
  const metrics = (manifest.phases[0]?.gate ?? []).flatMap((check) =>
    'metric' in check
      ? check.metric.checks.map((comparison) => ({
          name: comparison.path,
          op: comparison.op,
          value: comparison.value,
          text: `${comparison.path} ${comparison.op} ${comparison.value}`,
          file: check.metric.file,
          checkId: check.id,
          measured: measuredValue(results, comparison.path),
        }))
      : [],
  );
  return {
    project: {
      name: project.name,
      description: project.description ?? '',
      preset: project.preset,
      domain: project.domain,
      language: project.language,
      strategy: project.strategy,
    },
    owners: project.owners.map((owner) => ({ ...owner, rolesText: owner.roles.join(', ') })),
    metrics,
    hasMetrics: metrics.length > 0,
    qualityMetrics: metrics.filter((metric) => !isOperationalMetric(metric.name)),
    hasQualityMetrics: metrics.some((metric) => !isOperationalMetric(metric.name)),
    operationalMetrics: metrics.filter((metric) => isOperationalMetric(metric.name)),
    hasOperationalMetrics: metrics.some((metric) => isOperationalMetric(metric.name)),
    latency: metrics.find((metric) => /latency/i.test(metric.name)),
    resultsFile: metrics[0]?.file ?? RESULTS_FILE,
    mlScore: mlScoreCheck(manifest),
    preset: { mlModel: project.preset === 'ml-model', llmApp: project.preset === 'llm-app' },
    domain: {
      general: project.domain === 'general',
      finance: project.domain === 'finance',
      healthcare: project.domain === 'healthcare',
      retail: project.domain === 'retail',
    },
    strategy: { rolling: project.strategy === 'rolling', blueGreen: project.strategy === 'blue-green', canary: project.strategy === 'canary' },
    phases: manifest.phases.map((phase) => ({ id: phase.id, title: phase.title })),
    date: now.toISOString().slice(0, 10),
  };
}

function mlScoreCheck(manifest: Manifest): TemplateContext['mlScore'] {
  for (const check of manifest.phases.flatMap((phase) => phase.gate)) {
    if ('mlscore' in check) return { checkId: check.id, file: check.mlscore.file, min: check.mlscore.min };
  }
  return undefined;
}

/** The number at a dotted path (with [n] indexes) of the results, as text; '' when there is none. */
function measuredValue(results: unknown, dotted: string): string {
  let value: unknown = results;
  for (const part of dotted.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return '';
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[match[1]!] : undefined;
    for (const index of match[2]!.match(/\d+/g) ?? []) value = Array.isArray(value) ? value[Number(index)] : undefined;
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

// DeepEval's test-run JSON (what `deepeval test run` and evaluate() keep, camelCase as its API
// models alias them): testCases[] with success and metricsData[{ name, score, success, evaluationModel }].
import { createHash } from 'node:crypto';
import { describeValue, EvalFileError, finiteNumber } from '../cases.js';
import { readWhole } from '../source.js';
import { parseJson } from './promptfoo.js';
import type { FormatReader } from './types.js';

interface MetricData {
  name?: string;
  score?: unknown;
  success?: boolean;
  evaluationModel?: string | null;
  evaluation_model?: string | null;
  error?: string | null;
}

/** "Answer Relevancy" → "answer_relevancy"; "Correctness [GEval]" → "correctness". */
export function deepevalMetricName(name: string): string {
  return name
    .replace(/\s*\[[^\]]*\]\s*$/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export const readDeepeval: FormatReader = async (file, display, table) => {
  const document = parseJson(await readWhole(file), display) as Record<string, unknown>;
  const listKey = Array.isArray(document.testCases)
    ? 'testCases'
    : Array.isArray(document.test_cases)
      ? 'test_cases'
      : Array.isArray(document.test_results)
        ? 'test_results'
        : undefined;
  if (!listKey) throw new EvalFileError(`${display} has no testCases list: not a DeepEval test run`);
  const judges = new Set<string>();
  (document[listKey] as Record<string, unknown>[]).forEach((testCase, index) => {
    const where = `${listKey}[${index}]`;
    if (testCase === null || typeof testCase !== 'object') throw new EvalFileError(`${display}: ${where} is ${describeValue(testCase)}, not a test case`);
    const id = typeof testCase.name === 'string' && testCase.name ? testCase.name : String(testCase.order ?? index);
    if (typeof testCase.success !== 'boolean') throw new EvalFileError(`${display}: case "${id}" (${where}) has no "success" (true or false)`);
    const metrics: Record<string, number> = {};
    const list = (testCase.metricsData ?? testCase.metrics_data ?? []) as MetricData[];
    for (const metric of list) {
      if (typeof metric?.name !== 'string') throw new EvalFileError(`${display}: case "${id}" (${where}) has a metric without a "name"`);
      const score = finiteNumber(metric.score);
      if (score !== undefined) metrics[deepevalMetricName(metric.name)] = score;
      const model = metric.evaluationModel ?? metric.evaluation_model;
      if (model) judges.add(`${metric.name}|${model}`);
    }
    for (const [field, name] of [
      ['evaluationCost', 'evaluation_cost'],
      ['runDuration', 'run_duration'],
      ['completionTime', 'completion_time'],
      ['tokenCost', 'token_cost'],
    ] as const) {
      const value = finiteNumber(testCase[field]);
      if (value !== undefined) metrics[name] = value;
    }
    const metadata = (testCase.metadata ?? testCase.additionalMetadata) as { category?: unknown } | null | undefined;
    const category = metadata?.category;
    table.add({ id, pass: testCase.success, metrics, ...(typeof category === 'string' && { category }), where });
  });
  const judge = judges.size
    ? createHash('sha256')
        .update([...judges].sort().join('\n'))
        .digest('hex')
        .slice(0, 16)
    : undefined;
  return { fingerprint: judge ? { judge } : {}, tool: 'DeepEval' };
};

// promptfoo's `promptfoo eval -o out.json`: results.results[] (one per test × prompt × provider,
// `--repeat` repeating each). A case is its test's description, else its index; its category is
// the test's metadata.category; named scores, cost and latency are its metrics.
import { createHash } from 'node:crypto';
import { describeValue, EvalFileError, finiteNumber } from '../cases.js';
import { canonical } from './canonical.js';
import type { FormatReader } from './types.js';

interface PromptfooResult {
  testIdx?: number;
  promptIdx?: number;
  success?: boolean;
  score?: number;
  latencyMs?: number;
  cost?: number;
  namedScores?: Record<string, unknown>;
  gradingResult?: { namedScores?: Record<string, unknown> } | null;
  provider?: { id?: string; label?: string };
  testCase?: { description?: string; vars?: unknown; assert?: { type?: string; metric?: string; value?: unknown; provider?: unknown }[]; metadata?: { category?: unknown } };
  metadata?: { category?: unknown };
  error?: string | null;
}

/** Assertion types whose grading is a program or a model: what they say is the judge. */
const JUDGED = /^(javascript|python|llm-rubric|g-eval|model-graded|factuality|answer-relevance|context-|select-best|similar)/;

export const readPromptfoo: FormatReader = async (file, display, table) => {
  const { readWhole } = await import('../source.js');
  const document = parseJson(await readWhole(file), display) as {
    results?: { results?: unknown };
    config?: { defaultTest?: { options?: { provider?: unknown } } };
    metadata?: { promptfooVersion?: string };
  };
  const results = document.results?.results;
  if (!Array.isArray(results)) throw new EvalFileError(`${display} has no results.results list: not the JSON that \`promptfoo eval -o\` writes`);
  const combos = new Set(results.map((result: PromptfooResult) => `${result.promptIdx ?? 0}|${result.provider?.id ?? ''}`));
  const judges = new Set<string>();
  results.forEach((result: PromptfooResult, index) => {
    const where = `results.results[${index}]`;
    if (result === null || typeof result !== 'object') throw new EvalFileError(`${display}: ${where} is ${describeValue(result)}, not a result`);
    const description = result.testCase?.description;
    const testIndex = result.testIdx ?? index;
    let id = typeof description === 'string' && description !== '' ? description : String(testIndex);
    if (combos.size > 1) id = `${id} · ${result.provider?.label ?? result.provider?.id ?? 'provider'} #${result.promptIdx ?? 0}`;
    if (typeof result.success !== 'boolean') throw new EvalFileError(`${display}: case "${id}" (${where}) has no "success" (true or false)`);
    const metrics: Record<string, number> = {};
    const put = (name: string, value: unknown) => {
      const number = finiteNumber(value);
      if (number !== undefined) metrics[name] = number;
    };
    put('score', result.score);
    put('latency_ms', result.latencyMs);
    put('cost', result.cost);
    for (const [name, value] of Object.entries(result.namedScores ?? result.gradingResult?.namedScores ?? {})) put(name, value);
    const category = result.testCase?.metadata?.category ?? result.metadata?.category;
    for (const assertion of result.testCase?.assert ?? []) {
      if (assertion?.type && JUDGED.test(assertion.type)) judges.add(canonical([assertion.type, assertion.metric ?? null, assertion.value ?? null, assertion.provider ?? null]));
    }
    table.add({
      id,
      pass: result.success,
      metrics,
      ...(typeof category === 'string' && { category }),
      input: hash(canonical([result.testCase?.vars ?? null, result.testCase?.assert ?? null])),
      where,
    });
  });
  const grader = document.config?.defaultTest?.options?.provider;
  const judge = judges.size || grader ? hash(canonical([[...judges].sort(), grader ?? null])) : undefined;
  const version = document.metadata?.promptfooVersion;
  return { fingerprint: judge ? { judge } : {}, tool: version ? `promptfoo ${version}` : 'promptfoo' };
};

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function parseJson(text: string, display: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Python's json.dump writes NaN and Infinity, which JSON has no words for: read them as null.
    const repaired = text.replace(/("(?:[^"\\]|\\.)*")|\b-?(?:NaN|Infinity)\b/g, (_match, quoted: string | undefined) => quoted ?? 'null');
    try {
      return JSON.parse(repaired);
    } catch {
      throw new EvalFileError(`${display} is not valid JSON: ${(error as Error).message}`);
    }
  }
}

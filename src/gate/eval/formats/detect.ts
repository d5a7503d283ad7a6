// Which format a results file is, from its first 64 KiB: `format: auto` uses it, and a file named
// as one format but written by another is refused with what it looks like.
import type { EvalFormat } from '../cases.js';
import { RAGAS_TEXT_COLUMNS } from './ragas.js';

export const FORMAT_NAMES: Record<EvalFormat, string> = {
  promptfoo: 'promptfoo output (`promptfoo eval -o out.json`)',
  'lm-eval': 'lm-evaluation-harness results or samples',
  deepeval: 'a DeepEval test run',
  ragas: 'a Ragas table (`result.to_pandas()` saved as CSV or JSON)',
  jsonl: 'the generic JSONL ({ "id", "pass", "metrics" } per line)',
};

/** The format the text looks like, or undefined when it looks like none. */
export function detectFormat(head: string): EvalFormat | undefined {
  const text = head.trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    const firstLine = text.split('\n', 1)[0]!;
    const record = parseObject(firstLine);
    if (record && !Array.isArray(record)) {
      // One complete object on the first line: JSONL (or a one-line JSON document).
      if ('doc_id' in record && ('resps' in record || 'doc' in record || 'metrics' in record)) return 'lm-eval';
      if ('id' in record && ('pass' in record || 'metrics' in record)) return 'jsonl';
      if (hasRagasColumns(Object.keys(record))) return 'ragas';
    }
    return detectDocument(text);
  }
  const header = text
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .map((name) => name.replace(/^"|"$/g, ''));
  if (hasRagasColumns(header)) return 'ragas';
  return undefined;
}

function detectDocument(text: string): EvalFormat | undefined {
  // Keys near the start of a pretty-printed or minified document.
  const has = (key: string) => text.includes(`"${key}"`);
  if (has('evalId') || (has('results') && has('promptIdx') && has('testCase'))) return 'promptfoo';
  if (has('testCases') && (has('metricsData') || has('testPassed'))) return 'deepeval';
  if (has('test_results') && has('metrics_data')) return 'deepeval';
  if (has('results') && (has('versions') || has('n-shot') || has('configs') || has('higher_is_better') || /"[\w-]+_stderr,/.test(text))) return 'lm-eval';
  if (hasRagasColumns([...text.matchAll(/"([a-z_]+)"\s*:/g)].map((match) => match[1]!))) return 'ragas';
  return undefined;
}

function hasRagasColumns(columns: readonly string[]): boolean {
  const text = columns.filter((name) => RAGAS_TEXT_COLUMNS.has(name) && name !== 'id' && name !== 'category');
  return text.includes('user_input') || text.includes('question') || (text.includes('response') && text.includes('retrieved_contexts'));
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

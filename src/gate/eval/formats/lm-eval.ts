// lm-evaluation-harness: the `--output_path` results JSON (one case per task, its metrics with
// their `_stderr`), or a `--log_samples` samples_<task>_*.jsonl (one case per document, streamed).
import { createHash } from 'node:crypto';
import { describeValue, EvalFileError, finiteNumber } from '../cases.js';
import { eachLine, readWhole } from '../source.js';
import { canonical } from './canonical.js';
import { parseJson } from './promptfoo.js';
import type { FormatReader } from './types.js';

/** "acc,none" → "acc"; "exact_match,strict-match" → "exact_match/strict-match"; "acc_stderr,none" → "acc_stderr". */
export function lmEvalMetricName(key: string): string {
  const [metric, filter] = key.split(',', 2);
  return !filter || filter === 'none' ? metric! : `${metric}/${filter}`;
}

export const readLmEval: FormatReader = async (file, display, table) => {
  const head = (await import('../source.js').then((module) => module.sniff(file))).trimStart();
  return head.startsWith('{') && isSamplesLine(head.split('\n', 1)[0]!) ? readSamples(file, display, table) : readResults(file, display, table);
};

function isSamplesLine(line: string): boolean {
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    return parsed !== null && typeof parsed === 'object' && 'doc_id' in parsed;
  } catch {
    return false;
  }
}

const readResults: FormatReader = async (file, display, table) => {
  const document = parseJson(await readWhole(file), display) as Record<string, unknown>;
  const results = document.results as Record<string, Record<string, unknown>> | undefined;
  if (!results || typeof results !== 'object') throw new EvalFileError(`${display} has no "results" object: not an lm-evaluation-harness results file`);
  const groups = (document.group_subtasks ?? {}) as Record<string, string[]>;
  const groupOf = new Map<string, string>();
  for (const [group, tasks] of Object.entries(groups)) for (const task of Array.isArray(tasks) ? tasks : []) groupOf.set(task, group);
  for (const [task, values] of Object.entries(results)) {
    const where = `results.${task}`;
    if (values === null || typeof values !== 'object') throw new EvalFileError(`${display}: task "${task}" (${where}) is ${describeValue(values)}, not an object of metrics`);
    const metrics: Record<string, number> = {};
    for (const [key, value] of Object.entries(values)) {
      if (key === 'alias' || key === 'name' || key === 'sample_len' || key === 'samples') continue;
      const number = finiteNumber(value);
      if (number !== undefined && typeof value === 'number') metrics[lmEvalMetricName(key)] = number;
    }
    const group = groupOf.get(task);
    table.add({ id: task, metrics, ...(group !== undefined && { category: group }), where });
  }
  const taskHashes = document.task_hashes;
  const fingerprint = taskHashes && typeof taskHashes === 'object' && Object.keys(taskHashes).length ? { dataset: short(canonical(taskHashes)) } : {};
  const version = (document.config as { lm_eval_version?: string } | undefined)?.lm_eval_version ?? (document.lm_eval_version as string | undefined);
  return { fingerprint, tool: version ? `lm-evaluation-harness ${version}` : 'lm-evaluation-harness' };
};

const readSamples: FormatReader = async (file, display, table) => {
  await eachLine(file, (text, line) => {
    if (text.trim() === '') return;
    let sample: Record<string, unknown>;
    try {
      sample = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new EvalFileError(`${display}:${line} is not valid JSON: ${(error as Error).message}`);
    }
    const docId = sample.doc_id;
    if (typeof docId !== 'number' && typeof docId !== 'string') throw new EvalFileError(`${display}:${line}: the sample has no "doc_id"`);
    const id = String(docId);
    const names = Array.isArray(sample.metrics) ? (sample.metrics as unknown[]).filter((name): name is string => typeof name === 'string') : inferMetricNames(sample);
    if (names.length === 0) throw new EvalFileError(`${display}:${line}: sample "${id}" names no metric (no "metrics" list and no numeric metric field)`);
    const filter = typeof sample.filter === 'string' && sample.filter !== 'none' ? sample.filter : undefined;
    const metrics: Record<string, number> = {};
    for (const name of names) {
      const value = finiteNumber(sample[name]);
      if (value === undefined && sample[name] !== null)
        throw new EvalFileError(`${display}:${line}: sample "${id}" has metric "${name}": ${describeValue(sample[name])}, not a number`);
      if (value !== undefined) metrics[filter ? `${name}/${filter}` : name] = value;
    }
    // Accuracy-like first metric (acc, exact_match: 0 or 1 per document) is the pass/fail.
    const first = metrics[filter ? `${names[0]}/${filter}` : names[0]!];
    const pass = !filter && (first === 0 || first === 1) ? first === 1 : undefined;
    const input = typeof sample.doc_hash === 'string' ? short(`${sample.doc_hash}|${String(sample.prompt_hash ?? '')}`) : undefined;
    table.add({ id, ...(pass !== undefined && { pass }), metrics, ...(input && { input }), where: `line ${line}`, merge: true });
  });
  return { fingerprint: {}, tool: 'lm-evaluation-harness' };
};

const SAMPLE_FIELDS = new Set(['doc_id', 'doc', 'target', 'arguments', 'resps', 'filtered_resps', 'filter', 'metrics', 'doc_hash', 'prompt_hash', 'target_hash']);

function inferMetricNames(sample: Record<string, unknown>): string[] {
  return Object.keys(sample).filter((key) => !SAMPLE_FIELDS.has(key) && typeof sample[key] === 'number');
}

function short(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

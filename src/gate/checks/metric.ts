// `metric: { file, checks }`: numbers read from a JSON or YAML results file meet their thresholds.
// Read synchronously: a results file is small, and an await through the thread pool costs more than the read.
import { readRegularFileSync } from '../../fs.js';
import path from 'node:path';
import type { CheckOf, MetricComparison } from '../../manifest/schema.js';
import { formatNumber } from '../../text.js';
import { holds } from '../compare.js';
import type { CheckContext, CheckModule, CheckOutcome, Comparison, MetricValue, Problem } from '../types.js';
import { plural, resolveInside, sha256 } from './files.js';

/** Results files larger than this are refused unread. */
const MAX_RESULTS_BYTES = 16 * 1024 * 1024;

type Parsed = { data: unknown } | { error: string };

async function evaluate(check: CheckOf<'metric'>, context: CheckContext): Promise<CheckOutcome> {
  const { file, checks } = check.metric;
  const resolved = resolveInside(context.root, file);
  if ('reason' in resolved) return { status: 'error', message: resolved.reason };
  const read = readRegularFileSync(resolved.path, MAX_RESULTS_BYTES);
  if ('problem' in read && read.problem === 'missing') {
    // An example only with top-level keys: a dotted path is a nested object, not a key with dots.
    const simple = checks.filter((comparison) => /^[A-Za-z_][\w-]*$/.test(comparison.path)).slice(0, 2);
    const example = simple.length ? `, e.g. ${JSON.stringify(Object.fromEntries(simple.map((comparison) => [comparison.path, comparison.value])))}` : '';
    return {
      status: 'fail',
      message: `${file} does not exist`,
      hint: `write the measured values to ${file} from your evaluation run${example}`,
      evidence: { file, missing: true },
    };
  }
  if ('problem' in read) {
    const message = `${file} cannot be read: ${read.problem === 'unreadable' ? read.message : `it ${read.problem === 'folder' ? 'is a folder' : read.message}`}`;
    return { status: 'fail', message, problems: [{ file, message }], evidence: { file, missing: true } };
  }
  const source = read.bytes.toString('utf8');
  // The file's hash only when advance records it: a plain gate need not load node:crypto.
  const digest = context.evidence ? { sha256: sha256(source) } : {};
  const parsed = await parseResults(file, source);
  if ('error' in parsed) return { status: 'fail', message: parsed.error, problems: [{ file, message: parsed.error }], evidence: { file, ...digest } };

  const values: Record<string, unknown> = {};
  const measured: MetricValue[] = [];
  const failures: string[] = [];
  const passes: string[] = [];
  for (const comparison of checks) {
    const found = valueAt(parsed.data, comparison.path);
    values[comparison.path] = found.found ? found.value : null;
    const value = found.found && typeof found.value === 'number' && Number.isFinite(found.value) ? found.value : null;
    measured.push({ path: comparison.path, value, op: comparison.op, threshold: comparison.value });
    const verdict = judge(file, comparison, found);
    (verdict.ok ? passes : failures).push(verdict.message);
  }
  const evidence = { file, ...digest, values };
  let comparison: Comparison | undefined;
  let regressed: string | undefined;
  if (check.metric.regression) {
    const { compareWithRecorded } = await import('../eval/recorded-regression.js');
    comparison = compareWithRecorded(
      measured,
      context.recordedValues?.find((item) => item.checkId === check.id),
      check.metric.regression.margin,
    );
    if (comparison.verdict === 'regression') regressed = `regression: ${comparison.reason}`;
  }
  const compared = comparison ? { comparison } : {};
  if (failures.length === 0 && !regressed) {
    const message = passes.length <= 3 ? passes.join(', ') : `all ${checks.length} metrics meet their thresholds`;
    return { status: 'pass', message, evidence, values: measured, reads: [file], ...compared };
  }
  const problems: Problem[] = [...failures, ...(regressed ? [regressed] : [])].map((message) => ({ file, message }));
  // The thresholds that fail are counted among the thresholds; the regression is told beside them.
  const thresholds = failures.length <= 1 ? failures : [`${failures.length} of ${plural(checks.length, 'metric check')} fail`];
  const message = [...thresholds, ...(regressed ? [regressed] : [])].join('; ');
  return { status: 'fail', message, problems, evidence, values: measured, reads: [file], ...compared };
}

/** By extension: `.json` JSON, `.yaml`/`.yml` YAML, anything else JSON and then YAML. */
async function parseResults(file: string, source: string): Promise<Parsed> {
  const extension = path.extname(file).toLowerCase();
  if (source.trim() === '') return { error: `${file} is empty` };
  const asJson = (): Parsed => {
    try {
      return { data: JSON.parse(source) as unknown };
    } catch (error) {
      // Python's json.dump writes NaN, Infinity and -Infinity by default: read them as those numbers.
      const python = parsePythonJson(source);
      return python !== undefined ? { data: python } : { error: `${file} is not valid JSON: ${(error as Error).message}` };
    }
  };
  const asYaml = async (): Promise<Parsed> => {
    const { parse } = await import('yaml');
    try {
      return { data: parse(source) as unknown };
    } catch (error) {
      return { error: `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
    }
  };
  if (extension === '.json') return asJson();
  if (extension === '.yaml' || extension === '.yml') return asYaml();
  const json = asJson();
  if ('data' in json) return json;
  const yaml = await asYaml();
  return 'data' in yaml ? yaml : { error: `${file} is neither valid JSON nor valid YAML` };
}

/** The three non-finite numbers Python writes into JSON, outside strings. */
const PYTHON_CONSTANTS = /"(?:[^"\\]|\\.)*"|(-?)\b(NaN|Infinity)\b/g;

/**
 * JSON as Python's json module writes it, NaN and ±Infinity included; undefined when it is not
 * JSON even then. Each constant becomes a string marker that the reviver turns back into a number.
 */
export function parsePythonJson(source: string): unknown {
  const marker = '\u0000lepton-number:';
  let replaced = false;
  const text = source.replace(PYTHON_CONSTANTS, (match, sign: string | undefined, name: string | undefined) => {
    if (!name) return match;
    replaced = true;
    return JSON.stringify(`${marker}${sign ?? ''}${name}`);
  });
  if (!replaced) return undefined;
  try {
    return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' && value.startsWith(marker) ? Number(value.slice(marker.length)) : value));
  } catch {
    return undefined;
  }
}

type Lookup = { found: true; value: unknown } | { found: false };

/** Segments of `latency_ms.p95`, `runs[0].f1`, `scores["f1.macro"]`. */
export function parseMetricPath(metricPath: string): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  const token = /\.?([^.[\]]+)|\[(\d+)\]|\[(["'])(.*?)\3\]/y;
  let position = 0;
  while (position < metricPath.length) {
    token.lastIndex = position;
    const match = token.exec(metricPath);
    if (!match || (match[1] !== undefined && position > 0 && metricPath[position] !== '.')) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[4]!);
    position = token.lastIndex;
  }
  return segments.length ? segments : undefined;
}

export function valueAt(data: unknown, metricPath: string): Lookup {
  const segments = parseMetricPath(metricPath);
  if (!segments) return { found: false };
  let current: unknown = data;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : undefined;
      if (index === undefined || index >= current.length) return { found: false };
      current = current[index];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, String(segment))) {
      current = (current as Record<string, unknown>)[String(segment)];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

function judge(file: string, comparison: MetricComparison, found: Lookup): { ok: boolean; message: string } {
  const { path: metricPath, op, value: threshold } = comparison;
  if (!found.found) return { ok: false, message: `${file} has no "${metricPath}"` };
  const actual = found.value;
  if (typeof actual === 'number' && !Number.isFinite(actual)) return { ok: false, message: `${metricPath} is ${String(actual)}, not a finite number` };
  if (typeof actual !== 'number') return { ok: false, message: `"${metricPath}" in ${file} is ${describe(actual)}, not a number` };
  const stated = `${metricPath} = ${formatNumber(actual)}`;
  if (holds(actual, op, threshold)) return { ok: true, message: `${stated} (${op} ${formatNumber(threshold)})` };
  const gap = formatNumber(Math.abs(actual - threshold));
  const by = op === '>=' || op === '>' ? `short by ${gap}` : op === '<=' || op === '<' ? `over by ${gap}` : op === '==' ? `off by ${gap}` : '';
  const detail = by && gap !== '0' ? ` (${by})` : '';
  return { ok: false, message: `${stated}, expected ${op} ${formatNumber(threshold)}${detail}` };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function defaultHint(check: CheckOf<'metric'>): string {
  return `update ${check.metric.file} from a fresh evaluation run, or revisit the thresholds with the product owner`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'metric'>;

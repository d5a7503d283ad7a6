// The regression verdict: a candidate run against its blessed baseline, cases paired by id
// (DESIGN "AI evaluation gates"). Pure: the caller reads both runs and loads the statistics.
import { caseValue } from './aggregate.js';
import type { CollapsedCase, Fingerprint } from './cases.js';
import type { Statistics } from './stats.js';

export type Verdict = 'regression' | 'no-detectable-change' | 'improvement' | 'unreliable-baseline' | 'insufficient-data' | 'no-baseline';

/** One metric's own verdict: the comparison's verdict is the worst of them. */
export type MetricVerdict = 'regression' | 'no-detectable-change' | 'improvement';

/**
 * One compared metric. An eval check's has the paired interval `[low, high]` of the delta (and
 * `mcnemarP` beside `pass`); a metric check's compares one number a side and has no interval.
 */
export interface ComparisonMetric {
  name: string;
  baseline: number;
  candidate: number;
  delta: number;
  low?: number;
  high?: number;
  mcnemarP?: number;
  verdict: MetricVerdict;
}

/** A metric of an eval check's comparison: always with its interval. */
export type PairedMetric = ComparisonMetric & { low: number; high: number };

/**
 * An eval check's comparison has every field; a metric check's (one number a side, against the
 * values an advance recorded) has no `flipped`, `confidence` or `paired`, and its `baseline` is
 * just the advance's `seq`.
 */
export interface Comparison {
  verdict: Verdict;
  metrics: ComparisonMetric[];
  /** Ids of cases that passed (stable-pass) in the baseline and do not now. */
  flipped?: string[];
  /** Why the verdict, in one sentence. */
  reason: string;
  margin: number;
  confidence?: number;
  /** Cases paired by id (and by input, where the format records one). */
  paired?: number;
  /** The blessed baseline (`sha256`, `cases`), or the advance whose recorded values were compared. */
  baseline?: { sha256?: string; seq: number; cases?: number } | undefined;
}

export interface CompareOptions {
  metrics: readonly string[];
  margin: number;
  confidence: number;
  minCases: number;
  /** Metrics where lower is better (latency, cost): a rise is the regression. */
  lowerIsBetter: ReadonlySet<string>;
}

/**
 * A blessed run as a comparison reads it: per case (by index) its pass share and the compared
 * metrics, NaN where the case has none. Columns, not an object per case: the baseline's cases are
 * read only to be paired, and 100,000 objects kept for that cost more to collect than to parse.
 */
export interface BaselineRun {
  sha256: string;
  seq: number;
  fingerprint: Fingerprint;
  size: number;
  /** Each case id's index. */
  index: ReadonlyMap<string, number>;
  pass: Float64Array;
  metrics: ReadonlyMap<string, Float64Array>;
  /** Input hashes by index, where the format records them. */
  inputs: ReadonlyMap<number, string>;
}

/** Below this share of the baseline's ids found in the candidate, the comparison says nothing. */
export const MIN_SHARED = 0.9;

export function compareRuns(baseline: BaselineRun, candidate: { cases: CollapsedCase[]; fingerprint: Fingerprint }, options: CompareOptions, statistics: Statistics): Comparison {
  const base = { margin: options.margin, confidence: options.confidence, baseline: { sha256: baseline.sha256, seq: baseline.seq, cases: baseline.size } };
  const verdict = (kind: Verdict, reason: string, paired: number, metrics: PairedMetric[] = [], flipped: string[] = []): Comparison => ({
    verdict: kind,
    reason,
    metrics,
    flipped,
    paired,
    ...base,
  });

  const changed = (Object.keys(baseline.fingerprint) as (keyof Fingerprint)[]).filter(
    (key) => candidate.fingerprint[key] !== undefined && candidate.fingerprint[key] !== baseline.fingerprint[key],
  );
  if (changed.length > 0) return verdict('unreliable-baseline', `the ${changed.join(' and ')} differ${changed.length === 1 ? 's' : ''} from the baseline's`, 0);

  // The pairs as two parallel lists: the baseline's index and the candidate case.
  const olds: number[] = [];
  const nows: CollapsedCase[] = [];
  for (const item of candidate.cases) {
    const old = baseline.index.get(item.id);
    if (old === undefined) continue;
    const input = baseline.inputs.get(old);
    if (input === undefined || item.input === undefined || input === item.input) {
      olds.push(old);
      nows.push(item);
    }
  }
  const pairs: Pairs = { olds, nows, length: olds.length, baseline };
  const share = baseline.size ? pairs.length / baseline.size : 0;
  if (share < MIN_SHARED) {
    return verdict(
      'unreliable-baseline',
      `only ${pairs.length} of the baseline's ${baseline.size} cases (${percent(share)}) are in this run; at least ${percent(MIN_SHARED)} must be`,
      pairs.length,
    );
  }
  if (pairs.length < options.minCases) return verdict('insufficient-data', `${pairs.length} paired cases, fewer than min-cases ${options.minCases}`, pairs.length);

  const metrics = options.metrics.map((name) => {
    const metric = compareMetric(name, pairs, options, statistics);
    return { ...metric, verdict: metricVerdict(metric, options.lowerIsBetter.has(name), options.margin) };
  });
  const flipped: string[] = [];
  for (let index = 0; index < pairs.length; index++) {
    const now = nows[index]!;
    if (baseline.pass[olds[index]!] === 1 && now.pass !== undefined && now.pass < 1) flipped.push(now.id);
  }
  const worse = metrics.filter((metric) => metric.verdict === 'regression');
  if (worse.length > 0) {
    const [first] = worse;
    return verdict(
      'regression',
      `${first!.name} ${signed(first!.delta)} [${signed(first!.low)}, ${signed(first!.high)}] is worse than the margin ${options.margin} allows`,
      pairs.length,
      metrics,
      flipped,
    );
  }
  const better = metrics.every((metric) => metric.verdict === 'improvement');
  return better
    ? verdict('improvement', `every metric is better than the baseline's at ${percent(options.confidence)} confidence`, pairs.length, metrics, flipped)
    : verdict('no-detectable-change', `no metric is worse than the margin ${options.margin} at ${percent(options.confidence)} confidence`, pairs.length, metrics, flipped);
}

interface Pairs {
  olds: readonly number[];
  nows: readonly CollapsedCase[];
  length: number;
  baseline: BaselineRun;
}

/** Worse than the margin allows, better at the confidence, or neither; a rise is worse where lower is better. */
function metricVerdict(metric: Omit<PairedMetric, 'verdict'>, lowerIsBetter: boolean, margin: number): MetricVerdict {
  if (lowerIsBetter ? metric.high > margin : metric.low < -margin) return 'regression';
  return (lowerIsBetter ? metric.high < 0 : metric.low > 0) ? 'improvement' : 'no-detectable-change';
}

function compareMetric(name: string, pairs: Pairs, options: CompareOptions, statistics: Statistics): Omit<PairedMetric, 'verdict'> {
  // Typed arrays: two numbers per pair, no boxed number and nothing for the collector to trace.
  const beforeAll = new Float64Array(pairs.length);
  const afterAll = new Float64Array(pairs.length);
  const column = name === 'pass' ? pairs.baseline.pass : pairs.baseline.metrics.get(name);
  let count = 0;
  for (let index = 0; index < pairs.length; index++) {
    const was = column ? column[pairs.olds[index]!]! : Number.NaN;
    const is = caseValue(pairs.nows[index]!, name);
    if (Number.isNaN(was) || is === undefined) continue;
    beforeAll[count] = was;
    afterAll[count] = is;
    count++;
  }
  const before = beforeAll.subarray(0, count);
  const after = afterAll.subarray(0, count);
  const mean = (values: Float64Array) => values.reduce((total, value) => total + value, 0) / values.length;
  if (name !== 'pass') {
    const interval = statistics.pairedMean(before, after, options.confidence);
    return { name, baseline: mean(before), candidate: mean(after), ...interval };
  }
  const interval = statistics.pairedProportion(before, after, options.confidence);
  let lost = 0;
  let gained = 0;
  for (let index = 0; index < before.length; index++) {
    const wasStable = before[index] === 1;
    const isStable = after[index] === 1;
    if (wasStable && !isStable) lost++;
    else if (!wasStable && isStable) gained++;
  }
  return { name, baseline: mean(before), candidate: mean(after), ...interval, mcnemarP: statistics.mcnemarExact(lost, gained) };
}

function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}

export function signed(value: number): string {
  const rounded = Number(value.toPrecision(3));
  return `${rounded > 0 ? '+' : rounded === 0 ? '±' : ''}${rounded}`;
}

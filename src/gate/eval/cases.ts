// Per-case evaluation results as every format is read into: `{ id, pass?, metrics, category?, repeat? }`,
// and the table of cases they collapse into (repeats folded: pass becomes a pass share, each score its mean).

import { EVAL_FORMATS } from '../../manifest/kinds.js';

export { EVAL_FORMATS };
export type EvalFormat = (typeof EVAL_FORMATS)[number];

export interface EvalCase {
  id: string;
  pass?: boolean | undefined;
  metrics: Record<string, number>;
  category?: string | undefined;
  repeat?: number | undefined;
  /** A hash of what the case asked (its inputs), where the format records it: pairs must share it. */
  input?: string | undefined;
}

/** Where a case is in its file, said as a person looks for it: "line 17", "results.results[16]". */
export interface LocatedCase extends EvalCase {
  where: string;
  /** Lines of one case split by the format (lm-eval writes one per filter): their metrics merge. */
  merge?: boolean | undefined;
}

/**
 * What must stay the same for two runs to be compared, where the format records it: the dataset,
 * the prompt template of a benchmark, the judge. The model or prompt under test is what a comparison
 * compares, so it is not part of it.
 */
export type Fingerprint = Partial<Record<'dataset' | 'prompt' | 'model' | 'judge', string>>;

/** One case after its repeats are folded. */
export interface CollapsedCase {
  id: string;
  /** Share of runs that passed (0…1); absent when the format has no pass/fail. */
  pass?: number | undefined;
  metrics: Record<string, number>;
  category?: string | undefined;
  /** How many runs (repeats) the case had. */
  runs: number;
  input?: string | undefined;
  where: string;
}

export class EvalFileError extends Error {}

interface Accumulator {
  id: string;
  where: string;
  category: string | undefined;
  input: string | undefined;
  /** The repeat numbers read, as bits (0…30: no array per case), and any higher ones. */
  runBits: number;
  higherRuns: number[] | undefined;
  runs: number;
  passes: number;
  judged: number;
  /** The first run's metrics object itself (no copy), summed into by later runs. */
  sums: Record<string, number>;
  /** How many metrics `sums` has, while every run summed had the same ones. */
  keys: number;
  /** Runs summed into `sums`, while each had the same metrics as the first (the common case). */
  uniform: number;
  /** Runs that had each metric: made only when a run's metrics differ from the first's. */
  counts: Record<string, number> | undefined;
}

const RUN_BITS = 31;

/** Collects cases as an adapter streams them; repeats of one id fold into one accumulator. */
export class CaseTable {
  readonly #cases = new Map<string, Accumulator>();
  readonly #order: Accumulator[] = [];
  /** Occurrences without a repeat number, per id: the n-th is repeat n. */
  readonly #seen = new Map<string, number>();
  /** One string per category name (the parsed copies are dropped). */
  readonly #categories = new Map<string, string>();
  rows = 0;

  add(item: LocatedCase): void {
    this.rows++;
    let accumulator = this.#cases.get(item.id);
    if (!accumulator) {
      let keys = 0;
      for (const _name in item.metrics) keys++;
      accumulator = {
        id: item.id,
        where: item.where,
        category: undefined,
        input: item.input,
        runBits: 0,
        higherRuns: undefined,
        runs: 0,
        passes: 0,
        judged: 0,
        sums: item.metrics,
        keys,
        uniform: 1,
        counts: undefined,
      };
      this.#cases.set(item.id, accumulator);
      this.#order.push(accumulator);
      this.#count(accumulator, item, true);
      return;
    }
    this.#count(accumulator, item, false);
  }

  #count(accumulator: Accumulator, item: LocatedCase, first: boolean): void {
    const repeat = item.repeat ?? (item.merge ? 0 : this.#nextRepeat(item.id));
    const seenRun = repeat < RUN_BITS ? (accumulator.runBits & (1 << repeat)) !== 0 : (accumulator.higherRuns?.includes(repeat) ?? false);
    if (seenRun && !item.merge) {
      throw new EvalFileError(`case "${item.id}" (${item.where}) repeats run ${repeat}, already read at ${accumulator.where}: give each run its own "repeat" number`);
    }
    if (!seenRun) {
      accumulator.runs++;
      if (repeat < RUN_BITS) accumulator.runBits |= 1 << repeat;
      else if (accumulator.higherRuns) accumulator.higherRuns.push(repeat);
      else accumulator.higherRuns = [repeat];
    }
    if (item.pass !== undefined && !seenRun) {
      accumulator.judged++;
      if (item.pass) accumulator.passes++;
    }
    if (accumulator.category === undefined && item.category !== undefined) accumulator.category = this.#category(item.category);
    if (first) return;
    const { sums } = accumulator;
    let counts = accumulator.counts;
    if (!counts) {
      let keys = 0;
      let same = true;
      for (const name in item.metrics) {
        keys++;
        if (!(name in sums)) same = false;
      }
      if (same && keys === accumulator.keys) {
        for (const name in item.metrics) sums[name]! += item.metrics[name]!;
        accumulator.uniform++;
        return;
      }
      counts = {};
      for (const name in sums) counts[name] = accumulator.uniform;
      accumulator.counts = counts;
    }
    for (const name in item.metrics) {
      const value = item.metrics[name]!;
      if (name in sums) {
        sums[name]! += value;
        counts[name]!++;
      } else {
        sums[name] = value;
        counts[name] = 1;
      }
    }
  }

  #category(name: string): string {
    const known = this.#categories.get(name);
    if (known !== undefined) return known;
    this.#categories.set(name, name);
    return name;
  }

  #nextRepeat(id: string): number {
    const next = this.#seen.get(id) ?? 0;
    this.#seen.set(id, next + 1);
    return next;
  }

  get size(): number {
    return this.#cases.size;
  }

  collapse(): CollapsedCase[] {
    const collapsed: CollapsedCase[] = new Array(this.#order.length);
    let index = 0;
    for (const accumulator of this.#order) {
      // A case read once keeps its parsed metrics object. Means go into a new object: dividing in
      // place would turn a whole-number field of the parsed objects' shape into a fraction, and V8
      // would then migrate every object of that shape one by one (slower than the copy).
      const { sums, counts, uniform } = accumulator;
      let metrics = sums;
      if (counts) {
        metrics = {};
        for (const name in sums) metrics[name] = sums[name]! / counts[name]!;
      } else if (uniform > 1) {
        metrics = {};
        for (const name in sums) metrics[name] = sums[name]! / uniform;
      }
      const item: CollapsedCase = { id: accumulator.id, metrics, runs: accumulator.runs, where: accumulator.where };
      if (accumulator.judged > 0) item.pass = accumulator.passes / accumulator.judged;
      if (accumulator.category !== undefined) item.category = accumulator.category;
      if (accumulator.input !== undefined) item.input = accumulator.input;
      collapsed[index++] = item;
    }
    return collapsed;
  }
}

/** A finite number, or undefined: formats write NaN, null or "N/A" for a metric that failed to compute. */
export function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

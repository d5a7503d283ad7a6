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
  runs: Set<number>;
  passes: number;
  judged: number;
  sums: Record<string, number>;
  counts: Record<string, number>;
}

/** Collects cases as an adapter streams them; repeats of one id fold into one accumulator. */
export class CaseTable {
  readonly #cases = new Map<string, Accumulator>();
  /** Occurrences without a repeat number, per id: the n-th is repeat n. */
  readonly #seen = new Map<string, number>();
  rows = 0;

  add(item: LocatedCase): void {
    this.rows++;
    let accumulator = this.#cases.get(item.id);
    if (!accumulator) {
      accumulator = { id: item.id, where: item.where, category: item.category, input: item.input, runs: new Set(), passes: 0, judged: 0, sums: {}, counts: {} };
      this.#cases.set(item.id, accumulator);
    }
    const repeat = item.repeat ?? (item.merge ? 0 : this.#nextRepeat(item.id));
    if (accumulator.runs.has(repeat) && !item.merge) {
      throw new EvalFileError(`case "${item.id}" (${item.where}) repeats run ${repeat}, already read at ${accumulator.where}: give each run its own "repeat" number`);
    }
    const firstOfRun = !accumulator.runs.has(repeat);
    accumulator.runs.add(repeat);
    if (item.pass !== undefined && firstOfRun) {
      accumulator.judged++;
      if (item.pass) accumulator.passes++;
    }
    for (const name in item.metrics) {
      accumulator.sums[name] = (accumulator.sums[name] ?? 0) + item.metrics[name]!;
      accumulator.counts[name] = (accumulator.counts[name] ?? 0) + 1;
    }
    if (accumulator.category === undefined) accumulator.category = item.category;
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
    const collapsed: CollapsedCase[] = [];
    for (const accumulator of this.#cases.values()) {
      const metrics: Record<string, number> = {};
      for (const name in accumulator.sums) metrics[name] = accumulator.sums[name]! / accumulator.counts[name]!;
      collapsed.push({
        id: accumulator.id,
        ...(accumulator.judged > 0 && { pass: accumulator.passes / accumulator.judged }),
        metrics,
        ...(accumulator.category !== undefined && { category: accumulator.category }),
        runs: accumulator.runs.size,
        ...(accumulator.input !== undefined && { input: accumulator.input }),
        where: accumulator.where,
      });
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

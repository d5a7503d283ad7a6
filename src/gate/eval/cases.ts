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

const INITIAL_CAPACITY = 1024;
const RUN_BITS = 31;

/** A case's metric names in their order, as a trie of column numbers: cases of one shape share it. */
interface Shape {
  columns: number[];
  next: Map<number, Shape>;
}

/**
 * Collects cases as an adapter streams them; repeats of one id fold into one case. Columns, not an
 * object per case: per case a few counters and, per metric, a sum and a count in typed arrays, so a
 * 100,000-case file leaves little for the collector to trace before collapse() makes the cases.
 */
export class CaseTable {
  readonly #index = new Map<string, number>();
  readonly #ids: string[] = [];
  readonly #where: string[] = [];
  readonly #category: (string | undefined)[] = [];
  readonly #input: (string | undefined)[] = [];
  readonly #shape: Shape[] = [];
  /** The repeat numbers read, as bits (0…30), and any higher ones by case. */
  #runBits = new Int32Array(INITIAL_CAPACITY);
  readonly #higherRuns = new Map<number, number[]>();
  #runs = new Int32Array(INITIAL_CAPACITY);
  #passes = new Int32Array(INITIAL_CAPACITY);
  #judged = new Int32Array(INITIAL_CAPACITY);
  readonly #columns = new Map<string, number>();
  readonly #names: string[] = [];
  readonly #sums: Float64Array[] = [];
  /** Runs that had the metric, per case: 0 while the case has not had it. */
  readonly #counts: Int32Array[] = [];
  readonly #root: Shape = { columns: [], next: new Map() };
  /** Occurrences without a repeat number, per id: the n-th is repeat n. */
  readonly #seen = new Map<string, number>();
  /** One string per category name (the parsed copies are dropped). */
  readonly #categories = new Map<string, string>();
  #capacity = INITIAL_CAPACITY;
  rows = 0;

  add(item: LocatedCase): void {
    this.rows++;
    let at = this.#index.get(item.id);
    if (at === undefined) {
      at = this.#ids.length;
      if (at === this.#capacity) this.#grow();
      this.#index.set(item.id, at);
      this.#ids.push(item.id);
      this.#where.push(item.where);
      this.#category.push(undefined);
      this.#input.push(item.input);
      this.#shape.push(this.#root);
    }
    const repeat = item.repeat ?? (item.merge ? 0 : this.#nextRepeat(item.id));
    const seenRun = repeat < RUN_BITS ? (this.#runBits[at]! & (1 << repeat)) !== 0 : (this.#higherRuns.get(at)?.includes(repeat) ?? false);
    if (seenRun && !item.merge) {
      throw new EvalFileError(`case "${item.id}" (${item.where}) repeats run ${repeat}, already read at ${this.#where[at]}: give each run its own "repeat" number`);
    }
    if (!seenRun) {
      this.#runs[at]!++;
      if (repeat < RUN_BITS) this.#runBits[at]! |= 1 << repeat;
      else {
        const higher = this.#higherRuns.get(at);
        if (higher) higher.push(repeat);
        else this.#higherRuns.set(at, [repeat]);
      }
      if (item.pass !== undefined) {
        this.#judged[at]!++;
        if (item.pass) this.#passes[at]!++;
      }
    }
    if (this.#category[at] === undefined && item.category !== undefined) this.#category[at] = this.#interned(item.category);
    let shape = this.#shape[at]!;
    const grownFrom = shape;
    for (const name in item.metrics) {
      const column = this.#column(name);
      const counts = this.#counts[column]!;
      if (counts[at] === 0) shape = this.#extend(shape, column);
      counts[at]!++;
      this.#sums[column]![at]! += item.metrics[name]!;
    }
    if (shape !== grownFrom) this.#shape[at] = shape;
  }

  #column(name: string): number {
    let column = this.#columns.get(name);
    if (column === undefined) {
      column = this.#names.length;
      this.#columns.set(name, column);
      this.#names.push(name);
      this.#sums.push(new Float64Array(this.#capacity));
      this.#counts.push(new Int32Array(this.#capacity));
    }
    return column;
  }

  #extend(shape: Shape, column: number): Shape {
    let next = shape.next.get(column);
    if (!next) {
      next = { columns: [...shape.columns, column], next: new Map() };
      shape.next.set(column, next);
    }
    return next;
  }

  #grow(): void {
    this.#capacity *= 2;
    const grow = <T extends Int32Array | Float64Array>(values: T): T => {
      const larger = new (values.constructor as new (length: number) => T)(this.#capacity);
      larger.set(values);
      return larger;
    };
    this.#runBits = grow(this.#runBits);
    this.#runs = grow(this.#runs);
    this.#passes = grow(this.#passes);
    this.#judged = grow(this.#judged);
    for (let column = 0; column < this.#names.length; column++) {
      this.#sums[column] = grow(this.#sums[column]!);
      this.#counts[column] = grow(this.#counts[column]!);
    }
  }

  #interned(name: string): string {
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
    return this.#ids.length;
  }

  /** The cases in the order first read; each metric the mean over the runs that had it. */
  collapse(): CollapsedCase[] {
    const collapsed: CollapsedCase[] = new Array(this.#ids.length);
    for (let at = 0; at < this.#ids.length; at++) {
      const metrics: Record<string, number> = {};
      for (const column of this.#shape[at]!.columns) metrics[this.#names[column]!] = this.#sums[column]![at]! / this.#counts[column]![at]!;
      const item: CollapsedCase = { id: this.#ids[at]!, metrics, runs: this.#runs[at]!, where: this.#where[at]! };
      if (this.#judged[at]! > 0) item.pass = this.#passes[at]! / this.#judged[at]!;
      const category = this.#category[at];
      if (category !== undefined) item.category = category;
      const input = this.#input[at];
      if (input !== undefined) item.input = input;
      collapsed[at] = item;
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

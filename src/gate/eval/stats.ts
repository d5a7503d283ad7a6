// The statistics of a regression comparison. Distribution quantiles and the binomial CDF come from
// stdlib (loaded only by the checks that compare); what is computed here is the textbook formula
// around them, chosen so statsmodels computes the same (test/fixtures/eval/reference/):
//   pass:   mean paired difference ± z · s/√n                 DescrStatsW(d).zconfint_mean
//   scores: mean paired difference ± t(n − 1) · s/√n          DescrStatsW(d).tconfint_mean
//   McNemar's exact test: two-sided binomial p on the discordant pairs   mcnemar(table, exact=True)
// where d is candidate − baseline per paired case and s its standard deviation with n − 1.

export interface Interval {
  delta: number;
  low: number;
  high: number;
}

export interface Statistics {
  /** Paired difference of proportions (pass shares, 0…1 per case): normal interval. */
  pairedProportion(baseline: ArrayLike<number>, candidate: ArrayLike<number>, confidence: number): Interval;
  /** Paired difference of means (scores): Student's t interval. */
  pairedMean(baseline: ArrayLike<number>, candidate: ArrayLike<number>, confidence: number): Interval;
  /** McNemar's exact two-sided p from the discordant counts (passed → failed, failed → passed). */
  mcnemarExact(lost: number, gained: number): number;
}

let loaded: Promise<Statistics> | undefined;

export function loadStatistics(): Promise<Statistics> {
  loaded ??= Promise.all([import('@stdlib/stats-base-dists-normal-quantile'), import('@stdlib/stats-base-dists-t-quantile'), import('@stdlib/stats-base-dists-binomial-cdf')]).then(
    ([normal, student, binomial]) => statistics(moduleFunction(normal), moduleFunction(student), moduleFunction(binomial)),
  );
  return loaded;
}

/** A CommonJS package's function, however the module system wrapped it. */
function moduleFunction<T>(module: unknown): T {
  const candidate = (module as { default?: unknown }).default ?? module;
  return candidate as T;
}

type NormalQuantile = (p: number, mu: number, sigma: number) => number;
type StudentQuantile = (p: number, v: number) => number;
type BinomialCdf = (x: number, n: number, p: number) => number;

function statistics(normalQuantile: NormalQuantile, studentQuantile: StudentQuantile, binomialCdf: BinomialCdf): Statistics {
  return {
    pairedProportion(baseline, candidate, confidence) {
      const { mean, standardError } = pairedDifference(baseline, candidate);
      const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
      return around(mean, z * standardError);
    },
    pairedMean(baseline, candidate, confidence) {
      const { mean, standardError, count } = pairedDifference(baseline, candidate);
      if (count < 2) return around(mean, standardError === 0 ? 0 : Number.POSITIVE_INFINITY);
      const t = studentQuantile(1 - (1 - confidence) / 2, count - 1);
      return around(mean, t * standardError);
    },
    mcnemarExact(lost, gained) {
      const discordant = lost + gained;
      if (discordant === 0) return 1;
      return Math.min(1, 2 * binomialCdf(Math.min(lost, gained), discordant, 0.5));
    },
  };
}

function around(delta: number, halfWidth: number): Interval {
  return { delta, low: delta - halfWidth, high: delta + halfWidth };
}

/** Mean of candidate − baseline and its standard error s/√n (s with n − 1), in two passes for accuracy. */
function pairedDifference(baseline: ArrayLike<number>, candidate: ArrayLike<number>): { mean: number; standardError: number; count: number } {
  const count = baseline.length;
  if (count === 0) return { mean: Number.NaN, standardError: Number.NaN, count };
  let sum = 0;
  for (let index = 0; index < count; index++) sum += candidate[index]! - baseline[index]!;
  const mean = sum / count;
  if (count < 2) return { mean, standardError: 0, count };
  let squares = 0;
  for (let index = 0; index < count; index++) {
    const deviation = candidate[index]! - baseline[index]! - mean;
    squares += deviation * deviation;
  }
  return { mean, standardError: Math.sqrt(squares / (count - 1)) / Math.sqrt(count), count };
}

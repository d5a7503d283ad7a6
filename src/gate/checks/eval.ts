// `eval: { file, format, min-cases, max-flaky, checks, regression }`: per-case evaluation results
// (promptfoo, lm-eval, DeepEval, Ragas, JSONL) meet their thresholds and are no worse than the
// blessed baseline, within the margin, at the stated confidence.
import { statSync } from 'node:fs';
import type { CheckOf } from '../../manifest/schema.js';
import { readBaseline } from '../eval/baseline-read.js';
import { EvalFileError, type CollapsedCase } from '../eval/cases.js';
import { compareRuns, signed, type BaselineRun, type Comparison } from '../eval/compare.js';
import { droppedProblems } from '../eval/dropped.js';
import { readEvalRun, type EvalRun } from '../eval/formats/index.js';
import { formatValue, judgeThresholds, located } from '../eval/thresholds.js';
import type { CheckContext, CheckModule, CheckOutcome, Problem } from '../types.js';
import { hashFile, plural, resolveInside } from './files.js';

const FLIPPED_SHOWN = 10;

async function evaluate(check: CheckOf<'eval'>, context: CheckContext): Promise<CheckOutcome> {
  const settings = check.eval;
  const { file } = settings;
  const resolved = resolveInside(context.root, file);
  if ('reason' in resolved) return { status: 'error', message: resolved.reason };
  if (!statSync(resolved.path, { throwIfNoEntry: false })?.isFile()) {
    return { status: 'fail', message: `${file} does not exist`, hint: `write the per-case results of your evaluation run to ${file}`, evidence: { file, missing: true } };
  }
  // The blessed baseline is read on another thread while this one reads the results; the thread
  // ends with the check, whichever way it ends (a check that stops early does not wait for it).
  const baseline = settings.regression ? startBaseline(check, context) : undefined;
  try {
    return await judge(check, context, resolved.path, baseline);
  } finally {
    baseline?.stop();
  }
}

async function judge(check: CheckOf<'eval'>, context: CheckContext, resultsPath: string, baseline: PendingBaseline): Promise<CheckOutcome> {
  const settings = check.eval;
  const { file } = settings;
  let run: EvalRun;
  try {
    run = await readEvalRun(resultsPath, file, settings.format ?? 'auto');
  } catch (error) {
    if (!(error instanceof EvalFileError)) throw error;
    return { status: 'fail', message: error.message, problems: [{ file, message: error.message }], evidence: { file, unreadable: true } };
  }
  const digest = context.evidence ? { sha256: await hashFile(resultsPath) } : {};
  const failures: string[] = [];
  const problems: Problem[] = [];
  const minCases = settings['min-cases'];
  if (minCases !== undefined && run.cases.length < minCases) failures.push(`${plural(run.cases.length, 'case')}, fewer than min-cases ${minCases}`);

  const thresholds = judgeThresholds(run.cases, settings.checks ?? [], file);
  failures.push(...thresholds.failures);
  problems.push(...thresholds.missing);
  if (thresholds.missing.length > 0) failures.unshift(`some cases lack a metric the checks need`);

  const flaky = run.cases.filter((item) => item.runs > 1 && item.pass !== undefined && item.pass > 0 && item.pass < 1);
  const maxFlaky = settings['max-flaky'];
  if (maxFlaky !== undefined && run.cases.length > 0 && flaky.length / run.cases.length > maxFlaky) {
    failures.push(`${plural(flaky.length, 'flaky case')} (${formatValue((flaky.length / run.cases.length) * 100)}%), more than max-flaky ${maxFlaky}`);
    for (const item of flaky.slice(0, FLIPPED_SHOWN)) problems.push(located(file, item, `case "${item.id}" passed ${formatValue(item.pass! * item.runs)} of ${item.runs} runs`));
  }

  let comparison: Comparison | undefined;
  let listed = 0;
  if (settings.regression) {
    let compared: Compared;
    try {
      compared = await compareWithBaseline(check, baseline, run, minCases ?? 1);
    } catch (error) {
      if (!(error instanceof EvalFileError)) throw error;
      return { status: 'error', message: error.message, values: thresholds.values, evidence: { file, ...digest } };
    }
    comparison = compared.comparison;
    const blocking =
      comparison.verdict === 'regression' ||
      ((comparison.verdict === 'unreliable-baseline' || comparison.verdict === 'insufficient-data') && settings.regression['on-unreliable'] !== 'pass');
    if (blocking) {
      failures.push(`${comparison.verdict}: ${comparison.reason}`);
      const cases = [
        ...flippedProblems(comparison, run.cases, file),
        ...(compared.baseline ? droppedProblems(comparison, compared.baseline, run.cases, file, compared.lowerIsBetter, FLIPPED_SHOWN) : []),
      ];
      listed = cases.length;
      problems.push(...cases);
    }
  }

  const evidence = {
    file,
    ...digest,
    cases: run.cases.length,
    values: thresholds.values,
    ...(comparison && { comparison: { verdict: comparison.verdict, baseline: comparison.baseline?.sha256, metrics: comparison.metrics } }),
  };
  const common = { values: thresholds.values, ...(comparison && { comparison }), evidence };
  if (failures.length === 0) {
    const parts = thresholds.passes.length <= 3 ? thresholds.passes : [`all ${thresholds.passes.length} thresholds hold`];
    if (comparison) parts.push(verdictSummary(comparison));
    return { status: 'pass', message: `${plural(run.cases.length, 'case')}: ${parts.join(', ') || 'read'}`, ...common };
  }
  problems.unshift(...thresholds.failures.map((message) => ({ file, message })));
  const message = failures.length === 1 ? failures[0]! : `${failures.length} problems: ${failures[0]}; …`;
  return { status: 'fail', message, problems, ...common, ...(comparison?.verdict === 'regression' && { hint: regressionHint(check, comparison, listed > 0) }) };
}

type PendingBaseline = ReturnType<typeof readBaseline> | undefined;

function startBaseline(check: CheckOf<'eval'>, context: CheckContext): PendingBaseline {
  const blessed = (context.baselines ?? []).findLast((baseline) => baseline.checkId === check.id);
  if (!blessed) return undefined;
  const pending = readBaseline(context.root, blessed.sha256, blessed.seq, check.eval.regression!.metrics);
  // Awaited only when the comparison runs; a check that stops before it must not leave it unhandled.
  pending.read.catch(() => undefined);
  return pending;
}

/** The comparison, with the baseline it read (to find the cases behind a regression). */
interface Compared {
  comparison: Comparison;
  baseline?: BaselineRun;
  lowerIsBetter: ReadonlySet<string>;
}

async function compareWithBaseline(check: CheckOf<'eval'>, pending: PendingBaseline, run: EvalRun, minCases: number): Promise<Compared> {
  const regression = check.eval.regression!;
  const confidence = regression.confidence ?? 0.95;
  const lowerIsBetter = new Set((check.eval.checks ?? []).filter((comparison) => comparison.op === '<=' || comparison.op === '<').map((comparison) => comparison.metric));
  if (!pending) {
    return {
      comparison: { verdict: 'no-baseline', reason: 'nothing blessed yet for this check', metrics: [], flipped: [], margin: regression.margin, confidence, paired: 0 },
      lowerIsBetter,
    };
  }
  for (const metric of regression.metrics) {
    const lacking = run.cases.find((item) => (metric === 'pass' ? item.pass : item.metrics[metric]) === undefined);
    if (lacking)
      throw new EvalFileError(
        `case "${lacking.id}" (${lacking.where}) of ${check.eval.file} has no ${metric === 'pass' ? 'pass/fail' : `metric "${metric}"`}, which the regression compares`,
      );
  }
  const [baseline, { loadStatistics }] = await Promise.all([pending.read, import('../eval/stats.js')]);
  const comparison = compareRuns(baseline, run, { metrics: regression.metrics, margin: regression.margin, confidence, minCases, lowerIsBetter }, await loadStatistics());
  return { comparison, baseline, lowerIsBetter };
}

function flippedProblems(comparison: Comparison, cases: readonly CollapsedCase[], file: string): Problem[] {
  const where = new Map(cases.map((item) => [item.id, item]));
  // The metrics' intervals are in `comparison` (every report prints its table); problems name the cases.
  const problems: Problem[] = [];
  const flipped = comparison.flipped ?? [];
  for (const id of flipped.slice(0, FLIPPED_SHOWN)) {
    const item = where.get(id);
    problems.push(item ? located(file, item, `case "${id}" passed in the baseline and fails now`) : { file, message: `case "${id}" passed in the baseline and fails now` });
  }
  if (flipped.length > FLIPPED_SHOWN)
    problems.push({ file, message: `… and ${flipped.length - FLIPPED_SHOWN} more flipped cases (see \`comparison.flipped\` in the JSON report)` });
  return problems;
}

function verdictSummary(comparison: Comparison): string {
  if (comparison.verdict === 'no-baseline') return 'no baseline blessed yet';
  const pass = comparison.metrics.find((metric) => metric.name === 'pass') ?? comparison.metrics[0];
  const bounds = pass?.low !== undefined && pass.high !== undefined ? ` [${signed(pass.low)}, ${signed(pass.high)}]` : '';
  const interval = pass ? ` (${pass.name} Δ ${signed(pass.delta)}${bounds})` : '';
  return `${comparison.verdict} against baseline #${comparison.baseline?.seq}${interval}`;
}

function regressionHint(check: CheckOf<'eval'>, comparison: Comparison, listed: boolean): string {
  const worse = comparison.metrics.filter((metric) => metric.verdict === 'regression').map((metric) => metric.name);
  const fix = listed ? 'fix the regressed cases listed above' : `find why ${worse.join(' and ') || 'the compared metrics'} got worse`;
  return `${fix} and evaluate again; if the new behaviour is intended, bless it as the new baseline (\`lepton baseline bless ${check.id} --reason "…"\`)`;
}

function defaultHint(check: CheckOf<'eval'>): string {
  return `re-run the evaluation that writes ${check.eval.file}, or revisit the thresholds with the product owner`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'eval'>;

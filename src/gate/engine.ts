// Runs gates: checks of one or more phases, each after the checks it needs, independent ones
// concurrently (bounded), results in manifest order.
import { availableParallelism } from 'node:os';
import { usageError } from '../errors.js';
import { checkKind, rechecks, type CheckKind } from '../manifest/kinds.js';
import type { Manifest, Phase } from '../manifest/schema.js';
import { loadCheckModule } from './registry.js';
import { plannedNeeds, runScheduled, type PlannedCheck } from './schedule.js';
import type { Approval, CheckContext, CheckResult, CheckStart, GateReport, GateSummary, GitQueries, RecordedGate, TextCache, Waiver } from './types.js';

export interface GateRunOptions {
  manifest: Manifest;
  root: string;
  /** Phases whose gates to evaluate, in this order. */
  phases: readonly Phase[];
  /** Only these check ids (any phase). */
  only?: readonly string[] | undefined;
  concurrency?: number | undefined;
  now?: (() => Date) | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  signal?: AbortSignal | undefined;
  approvals?: readonly Approval[] | undefined;
  waivers?: readonly Waiver[] | undefined;
  /** Results computed from file texts (and run passes), kept between runs; saved when the gate is done. Undefined turns caching off. */
  cache?: (TextCache & { save(): Promise<void> }) | undefined;
  /** Gather the evidence `advance` records (file hashes); a plain gate does without. */
  evidence?: boolean | undefined;
  /** Git for the checks that need it (lifecycle passes the git module). */
  git?: (() => Promise<GitQueries>) | undefined;
  /** Kinds reported as `skipped` without running, with this message (e.g. slow kinds in `status`). */
  skipKinds?: { kinds: readonly CheckKind[]; message: string } | undefined;
  /** Called as each check finishes, in completion order (for live progress). */
  onResult?: ((result: CheckResult) => void) | undefined;
  /** Called as each check starts (for live progress). */
  onStart?: ((check: CheckStart) => void) | undefined;
  /** Output of a command a check runs, as it arrives (`run`; for `--verbose`). */
  onOutput?: ((check: CheckStart, text: string) => void) | undefined;
  /**
   * What the advance that passed each phase recorded, by phase id (the regression guard): a check
   * that is not rechecked reports its recorded result instead of being evaluated again.
   */
  recorded?: Readonly<Record<string, RecordedGate>> | undefined;
}

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

export async function runGate(options: GateRunOptions): Promise<GateReport> {
  const planned = planChecks(options.phases, options.only);
  const needs = await plannedNeeds(planned);
  const results = await runScheduled<PlannedCheck, CheckResult>(planned, needs, options.concurrency ?? defaultConcurrency(), async (item, _index, needed) => {
    // Once interrupted, or when a check it needs did not pass, a check is not started.
    const failed = needed.filter((result) => result.status === 'fail' || result.status === 'error').map((result) => result.id);
    const why = options.signal?.aborted ? 'not run: interrupted' : failed.length ? `not run: needs ${failed.join(', ')}, which did not pass` : undefined;
    const reported = why ? notRun(item, why) : recordedResult(item, options);
    if (!reported) return runOne(item, options);
    options.onResult?.(reported);
    return reported;
  });
  await options.cache?.save();
  return {
    version: 1,
    project: options.manifest.project.name,
    phase: options.manifest.phase,
    passed: gatePassed(results),
    checks: results,
    summary: summarise(results),
  };
}

function planChecks(phases: readonly Phase[], only: readonly string[] | undefined): PlannedCheck[] {
  const all = phases.flatMap((phase) => phase.gate.map((check) => ({ phase, check })));
  if (!only || only.length === 0) return all;
  const known = new Set(all.map((item) => item.check.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw usageError(
      `--only names no check ${unknown.map((id) => `"${id}"`).join(', ')} in ${phases.map((phase) => phase.id).join(', ') || 'these phases'}`,
      known.size ? `checks here: ${[...known].join(', ')}` : 'this gate has no checks',
    );
  }
  return all.filter((item) => only.includes(item.check.id));
}

function baseResult({ phase, check }: PlannedCheck) {
  return {
    id: check.id,
    phase: phase.id,
    kind: checkKind(check),
    required: check.required ?? true,
    ...(check.title !== undefined && { title: check.title }),
  };
}

function notRun(item: PlannedCheck, message: string): CheckResult {
  return { ...baseResult(item), status: 'skipped', message, problems: [], durationMs: 0 };
}

/** The result the phase's advance recorded, for a check the regression guard does not evaluate again. */
function recordedResult(item: PlannedCheck, options: GateRunOptions): CheckResult | undefined {
  const gate = options.recorded?.[item.phase.id];
  const recorded = gate?.checks.get(item.check.id);
  if (!gate || !recorded || rechecks(item.check)) return undefined;
  const status = (['pass', 'fail', 'error', 'skipped', 'waived'] as const).find((known) => known === recorded.status) ?? 'error';
  return {
    ...baseResult(item),
    status,
    message: `${status === 'pass' ? 'passed' : status} at advance (ledger entry #${gate.seq}, ${gate.time.slice(0, 10)}); not re-checked`,
    problems: [],
    durationMs: 0,
    ...(recorded.values !== undefined && { values: recorded.values }),
    recorded: { seq: gate.seq, time: gate.time },
  };
}

async function runOne(item: PlannedCheck, options: GateRunOptions): Promise<CheckResult> {
  const { phase, check } = item;
  const kind = checkKind(check);
  // hrtime rather than performance.now(): it does not load perf_hooks on every start.
  const started = process.hrtime.bigint();
  const base = baseResult(item);
  const context: CheckContext = {
    root: options.root,
    manifest: options.manifest,
    phase,
    now: options.now ?? (() => new Date()),
    env: options.env ?? process.env,
    signal: options.signal ?? new AbortController().signal,
    approvals: (options.approvals ?? []).filter((approval) => approval.phase === phase.id),
    cache: options.cache,
    evidence: options.evidence ?? false,
    git: options.git ?? (() => Promise.reject(new Error('git is not available to this gate'))),
  };
  const onOutput = options.onOutput;
  if (onOutput) context.onOutput = (text) => onOutput(base, text);
  options.onStart?.(base);
  let result: CheckResult;
  let outcomeHint: string | undefined;
  if (options.skipKinds?.kinds.includes(kind)) {
    result = { ...base, status: 'skipped', message: options.skipKinds.message, problems: [], durationMs: 0 };
  } else {
    const module = await loadCheckModule(kind);
    try {
      const outcome = await module.evaluate(check as never, context);
      outcomeHint = outcome.hint;
      result = {
        ...base,
        status: outcome.status,
        message: outcome.message,
        problems: outcome.problems ?? [],
        durationMs: 0,
        ...(outcome.output && { output: outcome.output }),
        ...(outcome.values !== undefined && { values: outcome.values }),
        ...(outcome.evidence !== undefined && { evidence: outcome.evidence }),
      };
    } catch (error) {
      result = { ...base, status: 'error', message: `could not evaluate: ${(error as Error).message}`, problems: [], durationMs: 0 };
    }
    if (result.status === 'fail' || result.status === 'error') {
      result.hint = check.hint ?? outcomeHint ?? module.defaultHint(check as never);
    }
  }
  result = applyWaiver(result, options.waivers ?? [], context.now());
  result.durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  options.onResult?.(result);
  return result;
}

/** A failing required check with an open waiver reports `waived`; an expired waiver no longer counts. */
function applyWaiver(result: CheckResult, waivers: readonly Waiver[], now: Date): CheckResult {
  if (result.status !== 'fail' && result.status !== 'error') return result;
  const waiver = waivers.findLast((candidate) => candidate.phase === result.phase && candidate.checkId === result.id);
  if (!waiver) return result;
  if (waiver.until < localDate(now)) {
    return { ...result, message: `${result.message} (waiver expired on ${waiver.until})` };
  }
  return { ...result, status: 'waived', waiver: { reason: waiver.reason, until: waiver.until, by: waiver.by } };
}

/** YYYY-MM-DD in local time: a waiver "until 2026-12-01" holds through that day. */
export function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function gatePassed(results: readonly CheckResult[]): boolean {
  return results.every((result) => !result.required || result.status === 'pass' || result.status === 'waived');
}

export function summarise(results: readonly CheckResult[]): GateSummary {
  const count = (status: CheckResult['status']) => results.filter((result) => result.status === status).length;
  return {
    total: results.length,
    passed: count('pass'),
    failed: count('fail'),
    errored: count('error'),
    skipped: count('skipped'),
    waived: count('waived'),
  };
}

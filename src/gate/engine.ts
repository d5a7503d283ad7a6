// Runs gates: checks of one or more phases, each after the checks it needs, independent ones
// concurrently (bounded), results in manifest order.
import { availableParallelism } from 'node:os';
import { bindsEvidence, boundByApprovals, checkKind, rechecks, type CheckKind } from '../manifest/kinds.js';
import { canonicalJson, sha256, utcDate } from '../text.js';
import type { Manifest, Phase } from '../manifest/schema.js';
import { loadCheckModule } from './registry.js';
import { plannedOrder, runScheduled, type PlannedCheck } from './schedule.js';
import type {
  Approval,
  BlessedBaseline,
  RecordedValues,
  CheckContext,
  CheckResult,
  CheckStart,
  GateReport,
  GateSummary,
  GitQueries,
  RecordedGate,
  TextCache,
  Waiver,
} from './types.js';

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
  baselines?: readonly BlessedBaseline[] | undefined;
  recordedValues?: readonly RecordedValues[] | undefined;
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
  const { planned, unmatched } = planChecks(options.phases, options.only);
  const { needs, after } = await plannedOrder(planned);
  const results = await runScheduled<PlannedCheck, CheckResult>(planned, after, options.concurrency ?? defaultConcurrency(), async (item, index, before) => {
    // Once interrupted, or when a check it needs did not pass, a check is not started.
    const needed = before.filter((result) => needs[index]!.some((need) => planned[need]!.check.id === result.id));
    const failed = needed.filter((result) => result.status === 'fail' || result.status === 'error').map((result) => result.id);
    const why = options.signal?.aborted ? 'not run: interrupted' : failed.length ? `not run: needs ${failed.join(', ')}, which did not pass` : undefined;
    const reported = why ? notRun(item, why) : recordedResult(item, options);
    if (!reported) return runOne(item, options, bindsEvidence(item.check) ? evidenceHashes(before) : undefined);
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
    ...(unmatched.length > 0 && { unmatched }),
  };
}

/** The checks to run, and the `only` ids that name no check of these phases (the caller decides what that means). */
function planChecks(phases: readonly Phase[], only: readonly string[] | undefined): { planned: PlannedCheck[]; unmatched: string[] } {
  const all = phases.flatMap((phase) => phase.gate.map((check) => ({ phase, check })));
  if (!only || only.length === 0) return { planned: all, unmatched: [] };
  const known = new Set(all.map((item) => item.check.id));
  return { planned: all.filter((item) => only.includes(item.check.id)), unmatched: only.filter((id) => !known.has(id)) };
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

/** Each evaluated check's evidence hash by id (what a bound sign-off compares); checks not evaluated now are left out. */
function evidenceHashes(results: readonly CheckResult[]): Record<string, string> {
  return Object.fromEntries(
    results.filter((result) => result.status !== 'skipped' && !result.recorded).map((result) => [result.id, sha256(canonicalJson(result.evidence ?? null))]),
  );
}

/** Whether the phase has a sign-off bound to the evidence of `check`: then that evidence is gathered in full. */
function evidenceBound(item: PlannedCheck): boolean {
  return boundByApprovals(item.check) && item.phase.gate.some((check) => bindsEvidence(check));
}

async function runOne(item: PlannedCheck, options: GateRunOptions, evidenceOf?: Record<string, string>): Promise<CheckResult> {
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
    baselines: (options.baselines ?? []).filter((baseline) => baseline.phase === phase.id),
    recordedValues: (options.recordedValues ?? []).filter((item) => item.phase === phase.id),
    cache: options.cache,
    evidence: (options.evidence ?? false) || evidenceBound(item),
    git: options.git ?? (() => Promise.reject(new Error('git is not available to this gate'))),
    ...(evidenceOf && { evidenceOf }),
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
        ...(outcome.reads && { reads: outcome.reads }),
        ...(outcome.comparison && { comparison: outcome.comparison }),
        ...(outcome.evidence !== undefined && { evidence: outcome.evidence }),
        ...(outcome.values !== undefined && { values: outcome.values }),
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
  if (waiver.until < utcDate(now)) {
    return { ...result, message: `${result.message} (waiver expired on ${waiver.until})` };
  }
  return { ...result, status: 'waived', waiver: { reason: waiver.reason, until: waiver.until, by: waiver.by } };
}

// UTC dates are the one rule for waivers and owners' `left`; defined in text.ts for the manifest's rules too.
export { isCalendarDate, utcDate } from '../text.js';

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

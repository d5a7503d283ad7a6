// The shapes every check module and the engine share.
import type { CheckKind, CheckOf, Manifest, Phase } from '../manifest/schema.js';
import type { Comparison } from './eval/compare.js';

export type { Comparison, ComparisonMetric, Verdict } from './eval/compare.js';

export type CheckStatus = 'pass' | 'fail' | 'error' | 'skipped' | 'waived';

/** One thing wrong, pointing at a file and line where there is one. */
export interface Problem {
  file?: string;
  line?: number;
  message: string;
}

/** A sign-off recorded in the ledger, for the current visit of its phase. */
export interface Approval {
  phase: string;
  checkId: string;
  name: string;
  email: string;
  roles: string[];
  at: string;
  /** Each bound check's evidence hash when the sign-off was made (absent in older entries). */
  evidenceOf?: Record<string, string> | undefined;
}

/** A time-limited waiver recorded in the ledger. */
export interface Waiver {
  phase: string;
  checkId: string;
  reason: string;
  /** Last day the waiver holds, YYYY-MM-DD. */
  until: string;
  by: string;
}

/** A blessed baseline of an `eval` check, as its `bless` ledger entry records it. */
export interface BlessedBaseline {
  phase: string;
  checkId: string;
  /** SHA-256 of the stored baseline: `.lepton/baselines/<sha256>.jsonl.gz`. */
  sha256: string;
  seq: number;
  time: string;
  by: string;
  cases: number;
  reason: string;
}

/** One comparison a metric (or eval) check judged: the value found (null when missing or not a number), the operator and the threshold. */
export interface MetricValue {
  path: string;
  value: number | null;
  op: string;
  threshold: number;
}

/** A check's metric values as an advance entry recorded them. */
export interface RecordedValues {
  phase: string;
  checkId: string;
  seq: number;
  values: MetricValue[];
}

/**
 * What a check measured, by kind (`checks[].values` in JSON, and in the checks of an advance
 * entry): metric comparisons; coverage percentages; JUnit counts; the files read with their hashes.
 */
export type CheckValues =
  | MetricValue[]
  | { lines?: number; branches?: number }
  | { tests: number; failures: number; errors: number; skipped: number }
  | { files?: { path: string; sha256: string }[]; sections?: { filled: number; total: number } }
  | { data: number; model: number; infra: number; monitor: number; score: number };

/** What a check module returns. */
export interface CheckOutcome {
  status: Exclude<CheckStatus, 'waived'>;
  message: string;
  problems?: Problem[];
  /** The last lines of a command's output. */
  output?: string[];
  /** What to do about this particular failure, when it differs from the kind's default hint. */
  hint?: string;
  /**
   * What the result rests on (file contents hashes, metric values, command and exit code),
   * hashed into the ledger on advance. Never printed.
   */
  evidence?: unknown;
  /** What the check measured, reported and recorded as is. */
  values?: CheckValues;
  /** The project files the result rests on (relative paths): `advance` wants them committed. */
  reads?: string[];
  /** The regression verdict against the baseline (`eval`, and `metric` with `regression`). */
  comparison?: Comparison;
}

/** The git queries a check may make. The caller supplies them: gate does not import git. */
export interface GitQueries {
  isRepository(dir: string): Promise<boolean>;
  repositoryRoot(dir: string): Promise<string>;
  currentBranch(dir: string): Promise<string | undefined>;
  tagsAtHead(dir: string): Promise<string[]>;
  headCommit(dir: string): Promise<string | undefined>;
  uncommittedChanges(dir: string): Promise<{ path: string; untracked: boolean }[]>;
}

/** A value kept with the exact text it was computed from (see check-cache.ts). */
export interface TextCache {
  get<T>(key: string, input: string): Promise<T | undefined>;
  set(key: string, input: string, value: unknown): Promise<void>;
}

/** What a check gets besides its own settings: it stays small and testable. */
export interface CheckContext {
  /** Absolute project root. */
  root: string;
  manifest: Manifest;
  phase: Phase;
  now: () => Date;
  env: NodeJS.ProcessEnv;
  /** Aborted when the user interrupts; long checks must stop. */
  signal: AbortSignal;
  /** Sign-offs for the phase's current visit (from the ledger). */
  approvals: readonly Approval[];
  /** Baselines blessed for this phase's checks, oldest first (from the ledger). */
  baselines?: readonly BlessedBaseline[] | undefined;
  /** Metric values recorded at the latest advance that recorded each check of this phase (from the ledger). */
  recordedValues?: readonly RecordedValues[] | undefined;
  /** Results computed from a file's text (and run passes), kept between runs; undefined when caching is off. */
  cache: TextCache | undefined;
  /**
   * True when the evidence will be recorded (`lepton advance` hashes it into the ledger). Checks
   * leave out evidence that is costly to gather (file hashes) when it is not.
   */
  evidence: boolean;
  /** Git, loaded only by the checks that ask for it. */
  git: () => Promise<GitQueries>;
  /** For an approval check that binds evidence: the evidence hash of each of the phase's bound checks, as evaluated now. */
  evidenceOf?: Readonly<Record<string, string>> | undefined;
  /** Receives a command's output as it arrives, when someone watches (`--verbose`). */
  onOutput?: ((text: string) => void) | undefined;
}

/** What live progress knows of a check as it starts. */
export interface CheckStart {
  id: string;
  phase: string;
  kind: CheckKind;
  required: boolean;
  title?: string;
}

export interface CheckModule<K extends CheckKind = CheckKind> {
  evaluate(check: CheckOf<K>, context: CheckContext): Promise<CheckOutcome>;
  /** What to do when the check fails and has no `hint` of its own. */
  defaultHint(check: CheckOf<K>): string;
}

export interface CheckResult {
  id: string;
  phase: string;
  kind: CheckKind;
  required: boolean;
  status: CheckStatus;
  message: string;
  problems: Problem[];
  durationMs: number;
  title?: string;
  hint?: string;
  output?: string[];
  waiver?: { reason: string; until: string; by: string };
  /** What the check measured (see CheckValues). */
  values?: CheckValues;
  /** Set when the check was not evaluated again: the ledger entry (an advance) whose result it reports. */
  recorded?: { seq: number; time: string };
  comparison?: Comparison;
  /** Kept for the ledger; reporters leave it out. */
  evidence?: unknown;
  /** The project files the result rests on; reporters leave it out. */
  reads?: string[];
}

/** A check's result as an advance recorded it, reported by `gate --completed` for checks not rechecked. */
export interface RecordedCheck {
  status: string;
  values?: CheckValues | undefined;
}

/** What the advance that passed a phase recorded: its entry and each check's result by id. */
export interface RecordedGate {
  seq: number;
  time: string;
  checks: ReadonlyMap<string, RecordedCheck>;
}

export interface GateSummary {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  waived: number;
}

export interface GateReport {
  version: 1;
  project: string;
  phase: string;
  passed: boolean;
  checks: CheckResult[];
  summary: GateSummary;
  /** Ids a run was limited to that name no check of the phases evaluated. */
  unmatched?: string[];
}

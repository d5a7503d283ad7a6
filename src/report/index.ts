// Picks the reporter for a format; each format is its own module, loaded when used.
import { usageError } from '../errors.js';
import type { GateReport } from '../gate/types.js';

export type ReportFormat = 'pretty' | 'json' | 'junit' | 'github' | 'markdown' | 'sarif';

export interface ReportOptions {
  color: boolean;
  titles?: Record<string, string>;
  env: NodeJS.ProcessEnv;
  /** Absolute project root: annotations name files relative to `$GITHUB_WORKSPACE` from it. */
  root?: string;
  /** Clock for report timestamps (JUnit); tests pin it. */
  now?: () => Date;
  /** SARIF: absolute repository root, which code scanning's paths are relative to (default: `root`). */
  repositoryRoot?: string | undefined;
  /** SARIF: absolute path of lepton.yaml, where results that name no file are placed. */
  manifestFile?: string | undefined;
  /** SARIF: `phase/check-id` → the check's line in lepton.yaml. */
  checkLines?: Record<string, number> | undefined;
}

/** What `lepton status` reports (structurally `StatusReport`; the report layer imports no command). */
export interface StatusView {
  project: string;
  description?: string;
  phase: string;
  phases: { id: string; title: string; state: 'done' | 'current' | 'upcoming'; checks: number }[];
  gate: Pick<GateReport, 'passed' | 'summary' | 'checks'>;
}

/** What `lepton verify` reports (structurally `VerifyReport` of src/lifecycle/verify.ts). */
export interface VerifyView {
  project: string;
  phase: string;
  ok: boolean;
  entries: number;
  /** `check` (chain | phase | approvals | authors) groups a problem; without it the message decides. */
  problems: { seq?: number; message: string; check?: string }[];
}

/** An explicit `--format` wins; inside GitHub Actions the default is `github`, elsewhere `pretty`. */
export function resolveFormat(requested: string | undefined, env: NodeJS.ProcessEnv): ReportFormat {
  if (requested) return requested as ReportFormat;
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty';
}

export async function formatGateReport(format: ReportFormat, report: GateReport, options: ReportOptions): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).formatGateJson(report);
    case 'pretty':
      return (await import('./pretty.js')).formatGatePretty(report, { ...options, paint: await (await import('./style.js')).palette(options.color) });
    case 'junit':
      return (await import('./junit.js')).formatGateJunit(report, options);
    case 'github':
      return (await import('./github.js')).formatGateGithub(report, options);
    case 'markdown':
      return (await import('./markdown.js')).formatGateMarkdown(report, options);
    case 'sarif':
      return (await import('./sarif.js')).formatGateSarif(report, options);
    default:
      throw usageError(`--format ${format} is not available for this command`, 'use --format pretty or json');
  }
}

/** `status` in the CI formats; the command prints `pretty` and `json` itself. */
export async function formatStatusReport(format: 'junit' | 'github' | 'markdown', report: StatusView, options: ReportOptions): Promise<string> {
  switch (format) {
    case 'junit':
      return (await import('./junit.js')).formatStatusJunit(report, options);
    case 'github':
      return (await import('./github.js')).formatStatusGithub(report);
    case 'markdown':
      return (await import('./markdown.js')).formatStatusMarkdown(report);
  }
}

/** `verify` in the CI formats; the command prints `pretty` and `json` itself. */
export async function formatVerifyReport(format: 'junit' | 'github' | 'markdown', report: VerifyView, options: ReportOptions): Promise<string> {
  switch (format) {
    case 'junit':
      return (await import('./junit.js')).formatVerifyJunit(report, options);
    case 'github':
      return (await import('./github.js')).formatVerifyGithub(report, options);
    case 'markdown':
      return (await import('./markdown.js')).formatVerifyMarkdown(report);
  }
}

// Picks the reporter for a format; each format is its own module, loaded when used. Reporters take
// the data a command's core returned and return text; they print nothing themselves.
import { usageError } from '../errors.js';
import type { GateReport } from '../gate/types.js';
import type { AllReport, ProjectResult } from '../lifecycle/all-projects.js';
import type { HistoryReport } from '../lifecycle/history.js';
import type { StatusReport } from '../lifecycle/status.js';
import type { VerifyReport } from '../lifecycle/verify.js';
import type { Paint } from './style.js';
import type { ReportFormat, ReportOptions } from './types.js';

export type { ReportFormat, ReportOptions } from './types.js';

/** An explicit `--format` wins; inside GitHub Actions the default is `github`, elsewhere `pretty`. */
export function resolveFormat(requested: string | undefined, env: NodeJS.ProcessEnv): ReportFormat {
  if (requested) return requested as ReportFormat;
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty';
}

async function paintFor(options: Pick<ReportOptions, 'color'>): Promise<Paint> {
  return (await import('./style.js')).palette(options.color);
}

export async function formatGateReport(format: ReportFormat, report: GateReport, options: ReportOptions): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).formatGateJson(report);
    case 'pretty':
      return (await import('./pretty.js')).formatGatePretty(report, { paint: await paintFor(options), titles: options.titles });
    case 'junit':
      return (await import('./junit.js')).formatGateJunit(report, options);
    case 'github':
      return (await import('./github.js')).formatGateGithub(report, options);
    case 'markdown':
      return (await import('./markdown.js')).formatGateMarkdown(report, options);
    case 'sarif':
      return (await import('./sarif.js')).formatGateSarif(report, options);
  }
}

export async function formatStatusReport(format: ReportFormat, report: StatusReport, options: ReportOptions): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).formatStatusJson(report);
    case 'pretty':
      return (await import('./pretty.js')).formatStatusPretty(report, await paintFor(options));
    case 'junit':
      return (await import('./junit.js')).formatStatusJunit(report, options);
    case 'github':
      return (await import('./github.js')).formatStatusGithub(report);
    case 'markdown':
      return (await import('./markdown.js')).formatStatusMarkdown(report);
    case 'sarif':
      throw usageError('--format sarif is for the gate only', 'use --format pretty, json, junit, github or markdown');
  }
}

export async function formatVerifyReport(format: ReportFormat, report: VerifyReport, options: ReportOptions & { strict: boolean }): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).formatVerifyJson(report);
    case 'pretty':
      return (await import('./pretty.js')).formatVerifyPretty(report, options.strict, await paintFor(options));
    case 'junit':
      return (await import('./junit.js')).formatVerifyJunit(report, options);
    case 'github':
      return (await import('./github.js')).formatVerifyGithub(report, options);
    case 'markdown':
      return (await import('./markdown.js')).formatVerifyMarkdown(report);
    case 'sarif':
      throw usageError('--format sarif is for the gate only', 'use --format pretty, json, junit, github or markdown');
  }
}

export async function formatHistoryReport(format: 'pretty' | 'json', report: HistoryReport, options: Pick<ReportOptions, 'color'>): Promise<string> {
  if (format === 'json') return (await import('./json.js')).formatHistoryJson(report);
  return (await import('./pretty.js')).formatHistoryPretty(report, await paintFor(options));
}

/** The formats `--all` reports in: one JUnit file per project is what `lepton ci matrix` is for. */
export const ALL_FORMATS: readonly ReportFormat[] = ['pretty', 'json', 'github', 'markdown'];

/** One project's section of `--all` output: a heading, then its own report (or why it has none). JSON has no sections. */
export async function formatProjectSection(format: ReportFormat, project: ProjectResult, options: Omit<ReportOptions, 'root' | 'titles'>): Promise<string> {
  if (format === 'json') return '';
  const own = { ...options, root: project.root, titles: project.titles };
  let body: string;
  if (project.error) {
    body = (await import('./all.js')).errorText(project.error, format);
  } else if (project.result?.command === 'gate') {
    const { report } = project.result;
    body =
      report.checks.length === 0 && report.unmatched?.length
        ? `no check named ${report.unmatched.join(', ')} in this gate\n\n`
        : `${await formatGateReport(format, report, own)}${format === 'pretty' ? '\n' : ''}`;
  } else if (project.result?.command === 'status') {
    body = `${await formatStatusReport(format, project.result.report, own)}${format === 'pretty' ? '\n' : ''}`;
  } else if (project.result?.command === 'verify') {
    body = `${await formatVerifyReport(format, project.result.report, { ...own, strict: project.result.strict })}${format === 'pretty' ? '\n' : ''}`;
  } else {
    body = '';
  }
  const all = await import('./all.js');
  // The whole --all output carries the Markdown marker once, on its first line (formatAllOpening).
  if (format === 'markdown') body = (await import('./markdown.js')).withoutMarker(body);
  return `${all.heading(project, format, await paintFor(options))}${body}${format === 'github' ? '::endgroup::\n' : ''}`;
}

/** What `--all` output starts with: the Markdown marker a CI job finds its pull-request comment by. */
export async function formatAllOpening(format: ReportFormat): Promise<string> {
  return format === 'markdown' ? `${(await import('./markdown.js')).REPORT_MARKER}\n` : '';
}

/** What follows the projects' sections: the whole report (json) or the overall verdict. */
export async function formatAllClosing(format: ReportFormat, report: AllReport, options: Pick<ReportOptions, 'color'>): Promise<string> {
  if (format === 'json') return (await import('./json.js')).formatAllJson(report);
  return (await import('./all.js')).closing(format, report, await paintFor(options));
}

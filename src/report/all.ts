// The frame of `--all` output around each project's own report: a heading per project, why a
// project could not be evaluated, and the overall verdict, in the pretty, markdown and github formats.
import type { AllReport, ProjectResult } from '../lifecycle/all-projects.js';
import { escapeData } from './github.js';
import type { ReportFormat } from './types.js';
import type { Paint } from './style.js';

export function heading(project: ProjectResult, format: ReportFormat, paint: Paint): string {
  const name = project.project ? ` (${project.project})` : '';
  if (format === 'pretty') return `${paint.bold.underline(`${project.path}${name}`)}\n`;
  if (format === 'markdown') return `\n# ${project.path}${name}\n\n`;
  if (format === 'github') return `::group::${project.path}${name}\n`;
  return '';
}

export function errorText(error: NonNullable<ProjectResult['error']>, format: ReportFormat): string {
  const lines = [`lepton: ${error.message}`, ...error.details.map((detail) => `  ${detail}`), ...(error.hint ? [`hint: ${error.hint}`] : [])];
  if (format === 'github') return `::error title=lepton::${escapeData(lines.join('\n'))}\n`;
  if (format === 'markdown') return `\`\`\`text\n${lines.join('\n')}\n\`\`\`\n`;
  return `${lines.join('\n')}\n\n`;
}

function verdictOf(result: ProjectResult): 'passed' | 'failed' | 'invalid' {
  return result.error ? 'invalid' : result.passed ? 'passed' : 'failed';
}

function overallLine(report: AllReport): string {
  const { summary } = report;
  const parts = [`${summary.passed} passed`];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.invalid) parts.push(`${summary.invalid} could not be evaluated`);
  return `${summary.total} project${summary.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

export function closing(format: ReportFormat, report: AllReport, paint: Paint): string {
  if (format === 'markdown') {
    const rows = report.projects.map((project) => `| \`${project.path}\` | ${project.project ?? ''} | ${verdictOf(project)} |`);
    return `\n# ${overallLine(report)}\n\n| path | project | result |\n|---|---|---|\n${rows.join('\n')}\n`;
  }
  if (format === 'github') return `${overallLine(report)}\n`;
  const width = Math.max(...report.projects.map((project) => project.path.length));
  const marks = { passed: paint.green('✔'), failed: paint.red('✖'), invalid: paint.red('!') };
  const lines = report.projects.map(
    (project) => `  ${marks[verdictOf(project)]} ${project.path.padEnd(width)}  ${project.error ? project.error.message : (project.project ?? '')}`,
  );
  const failed = report.projects.some((project) => project.exitCode !== 0);
  const verdict = failed ? paint.red.bold(overallLine(report)) : paint.green.bold(overallLine(report));
  return `${verdict}\n${lines.join('\n')}\n`;
}

// What lepton leaves for CI besides stdout: the Markdown job summary (the file
// `$GITHUB_STEP_SUMMARY` names, kept under GitHub's 1 MiB limit) and a JUnit file (`--junit FILE`).
import { appendFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs.js';
import type { ReportFormat } from '../report/index.js';
import { SUMMARY_FULL_WARNING, summaryAddition, summaryNotWrittenWarning } from '../report/summary.js';
import { cannotWriteReport } from './messages.js';
import type { CommandIO } from './types.js';

/**
 * Prints a report in `format`, and what CI gets besides stdout: the JUnit and SARIF files
 * `--junit FILE` and `--sarif FILE` name, and inside GitHub Actions (format github) the Markdown job summary.
 */
export async function emitReport(
  io: CommandIO,
  cwd: string,
  format: ReportFormat,
  render: (format: ReportFormat) => Promise<string>,
  files: { junit?: string | undefined; sarif?: string | undefined } = {},
): Promise<void> {
  io.stdout(await render(format));
  if (files.junit) await writeReportFile(cwd, files.junit, await render('junit'));
  if (files.sarif) await writeReportFile(cwd, files.sarif, await render('sarif'));
  if (format === 'github') await appendStepSummary(io, () => render('markdown'));
}

/** Writes a report to a file named on the command line (relative to where lepton was started). */
export async function writeReportFile(cwd: string, file: string, content: string): Promise<void> {
  const target = path.resolve(cwd, file);
  try {
    await writeFileAtomic(target, content);
  } catch (error) {
    throw cannotWriteReport(file, error);
  }
}

/**
 * When running in GitHub Actions, appends the report to the step summary. A summary that cannot be
 * written is a warning, never a reason to fail the gate.
 */
export async function appendStepSummary(io: Pick<CommandIO, 'env' | 'stderr'>, markdown: () => Promise<string>): Promise<void> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    const used = await stat(file).then(
      (stats) => stats.size,
      () => 0,
    );
    const fitted = summaryAddition(await markdown(), used);
    if (fitted === undefined) {
      io.stderr(SUMMARY_FULL_WARNING);
      return;
    }
    await appendFile(file, fitted, 'utf8');
  } catch (error) {
    io.stderr(summaryNotWrittenWarning(file, (error as Error).message));
  }
}

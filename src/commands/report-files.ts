// What lepton leaves for CI besides stdout: the Markdown job summary (the file
// `$GITHUB_STEP_SUMMARY` names, kept under GitHub's 1 MiB limit) and a JUnit file (`--junit FILE`).
import { appendFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import type { ReportFormat } from '../report/index.js';
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
    throw new LeptonError(`cannot write ${file}: ${(error as Error).message}`, { hint: 'pass a file in a folder you can write to', cause: error });
  }
}

/** GitHub rejects a step summary larger than this (and shows none of it). */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** What `markdown` becomes when only `room` bytes are left: cut at a line end, with a note saying so. */
export function fitSummary(markdown: string, room: number): string | undefined {
  const bytes = Buffer.from(markdown, 'utf8');
  if (bytes.length <= room) return markdown;
  const note = `\n\n> **lepton:** this summary was cut short to stay under GitHub's 1 MiB step-summary limit; the job log has the full report.\n`;
  const budget = room - Buffer.byteLength(note);
  if (budget <= 0) return undefined;
  // A line end is always a character boundary, so the cut never splits a UTF-8 sequence.
  const cut = bytes.subarray(0, budget).lastIndexOf(0x0a);
  return `${bytes.subarray(0, Math.max(0, cut)).toString('utf8')}${note}`;
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
    const separator = used > 0 ? '\n' : '';
    const fitted = fitSummary(`${separator}${await markdown()}`, STEP_SUMMARY_LIMIT - used);
    if (fitted === undefined) {
      io.stderr("warning: the job summary is already at GitHub's 1 MiB limit; lepton's report was not added to it\n");
      return;
    }
    await appendFile(file, fitted, 'utf8');
  } catch (error) {
    io.stderr(`warning: could not write the job summary to ${file}: ${(error as Error).message}\n`);
  }
}

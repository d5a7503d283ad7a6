// The Markdown job summary GitHub shows for a step ($GITHUB_STEP_SUMMARY): kept under its size limit.

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

/** What is appended to a summary file of `used` bytes: `markdown` after a blank line, fitted to the room left. */
export function summaryAddition(markdown: string, used: number): string | undefined {
  return fitSummary(`${used > 0 ? '\n' : ''}${markdown}`, STEP_SUMMARY_LIMIT - used);
}

export const SUMMARY_FULL_WARNING = "warning: the job summary is already at GitHub's 1 MiB limit; lepton's report was not added to it\n";

export function summaryNotWrittenWarning(file: string, message: string): string {
  return `warning: could not write the job summary to ${file}: ${message}\n`;
}

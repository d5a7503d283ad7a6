// The short lines commands write to stderr besides a report: warnings, notes, and what a command
// did with a file it wrote.

/** `warning: TEXT`, as one line; `where` (a project's path) goes first when given. */
export function warningText(text: string, where?: string): string {
  return where === undefined ? `warning: ${text}\n` : `warning: ${where}: ${text}\n`;
}

/** Each note on its own line. */
export function noteLines(notes: readonly string[]): string {
  return notes.map((note) => `${note}\n`).join('');
}

/** `gate --completed` before any phase is completed. */
export function noCompletedPhasesText(current: string): string {
  return `no completed phases yet: ${current} is the first\n`;
}

/** `lepton report`: the file written (stdout), and what it is (stderr). */
export function reportWrittenText(out: string): string {
  return `${out}\n`;
}

export function reportWrittenNote(out: string, html: string): string {
  return `wrote ${out} (${Math.ceil(Buffer.byteLength(html) / 1024)} KiB): open it in a browser, or print it\n`;
}

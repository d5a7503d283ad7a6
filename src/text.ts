// Small text and hashing helpers shared by checks, reports and the ledger.
import { createHash } from 'node:crypto';

/** SHA-256 as hex, of text (UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

// ANSI escape sequences: CSI (colours, cursor moves) and OSC (titles, hyperlinks).
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Text without terminal escape sequences, as a command's output is kept and reported. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

// Small text and hashing helpers shared by checks, reports and the ledger.
import type { Hash } from 'node:crypto';
import { createRequire } from 'node:module';

// node:crypto takes milliseconds to load: it is required on the first hash, so a gate that
// hashes nothing (no ledger, no evidence to record) never loads it.
const requireBuiltin = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;

/** A SHA-256 hash to feed. */
export function createSha256(): Hash {
  crypto ??= requireBuiltin('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256');
}

/** `bytes` random bytes as hex, from the system's secure source. */
export function randomHex(bytes: number): string {
  crypto ??= requireBuiltin('node:crypto') as typeof import('node:crypto');
  return crypto.randomBytes(bytes).toString('hex');
}

/** SHA-256 as hex, of text (UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createSha256().update(data).digest('hex');
}

// ANSI escape sequences: CSI (colours, cursor moves) and OSC (titles, hyperlinks).
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Text without terminal escape sequences, as a command's output is kept and reported. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** JSON with object keys sorted at every level and no whitespace; undefined values dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

// C0 controls but tab, DEL and C1 controls: what can move a terminal's cursor, retitle its window
// or clear it. Line breaks are kept only where the caller says a value may span lines.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from files or the ledger made safe to print: every control character shown as a visible
 * escape (`\x1b`, `\r`) instead of reaching the terminal raw. For every human-readable output.
 */
export function safeText(text: string, options: { multiline?: boolean } = {}): string {
  return text.replace(options.multiline ? CONTROL_BUT_NEWLINE : CONTROL, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** A number without binary floating-point noise, to `digits` significant digits: 0.85 - 0.8 reads 0.05. */
export function formatNumber(value: number, digits = 12): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(digits))) : String(value);
}

/**
 * YYYY-MM-DD in UTC: a waiver "until 2026-12-01" holds through that day in UTC, wherever the gate
 * runs (the same ledger gives the same verdict in Los Angeles, in Shanghai and in CI).
 */
export function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True when `text` is a real calendar date written YYYY-MM-DD (no 2099-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The UTC calendar date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return utcDate(new Date(Date.UTC(year!, month! - 1, day! + days)));
}

/** Names joined with commas, the first `max` of them and "… and N more" after. */
export function listSome(names: readonly string[], max = 10): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} … and ${names.length - max} more` : names.join(', ');
}

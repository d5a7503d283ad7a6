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
  const keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

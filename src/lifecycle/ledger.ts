// The evidence ledger `.lepton/ledger.jsonl`: one JSON object per line, append-only, each entry
// chained to the one before by its SHA-256 hash over a canonical form (sorted keys, no whitespace).
import { sha256 } from '../text.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT, LeptonError } from '../errors.js';
import { pathExists, writeFileAtomic } from '../fs.js';
import { rollForward } from './journal.js';
import { rememberCheckedLines } from './ledger-cache.js';
import { withLock } from './lock.js';
import { clockNow } from './test-hooks.js';

export const LEDGER_PATH = '.lepton/ledger.jsonl';
export const LEPTON_GITIGNORE = '.lepton/.gitignore';
/** What of .lepton/ is committed: the ledger, the schema and project templates; not the lock, journal or cache. */
export const LEPTON_GITIGNORE_TEXT = '# lepton: commit the ledger, the schema and project templates; not the lock, journal or cache\n*\n!.gitignore\n!ledger.jsonl\n!schema.json\n!templates/\n!templates/**\n';

export type LedgerEvent = 'init' | 'advance' | 'approve' | 'waive' | 'reopen' | 'terminate';
export const LEDGER_EVENTS: readonly LedgerEvent[] = ['init', 'advance', 'approve', 'waive', 'reopen', 'terminate'];

export interface Actor {
  name: string;
  email: string;
}

/** One check of the gate an advance passed: its status and the SHA-256 of its evidence. */
export interface LedgerCheck {
  id: string;
  status: string;
  evidence: string;
}

/** What a caller records; the ledger adds seq, time, actor, commit and the hashes. */
export interface NewLedgerEntry {
  event: LedgerEvent;
  from?: string | undefined;
  /** The phase entered; absent on the advance that completes the last phase. */
  to?: string | undefined;
  /** Set on the advance past the last phase: the project is complete. */
  complete?: boolean | undefined;
  /** The phase an approval or waiver belongs to. */
  phase?: string | undefined;
  checkId?: string | undefined;
  /** The approver's roles that the approval check asks for. */
  roles?: string[] | undefined;
  checks?: LedgerCheck[] | undefined;
  message?: string | undefined;
  reason?: string | undefined;
  note?: string | undefined;
  /** Last day a waiver holds, YYYY-MM-DD. */
  until?: string | undefined;
}

export interface LedgerEntry extends NewLedgerEntry {
  seq: number;
  time: string;
  actor: Actor;
  commit: string | null;
  prev: string | null;
  hash: string;
  /** SSH signature over the entry's content hash, by the actor's owners[].key (signatures.ts). */
  sig?: string | undefined;
}

export interface AppendOptions {
  now?: Date | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

/** JSON with object keys sorted at every level and no whitespace; undefined values dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const keys = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

/** The hash an entry must carry: over everything in it but `hash`. */
export function entryHash(entry: Omit<LedgerEntry, 'hash'> | Record<string, unknown>): string {
  const { hash: _hash, ...rest } = entry as Record<string, unknown>;
  return sha256(canonicalJson(rest));
}

/** The SHA-256 recorded for a check's evidence (what its result rested on). */
export function evidenceHash(evidence: unknown): string {
  return sha256(canonicalJson(evidence ?? null));
}

export async function readLedgerText(root: string): Promise<string | undefined> {
  try {
    return readFileSync(path.join(root, LEDGER_PATH), 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    throw new LeptonError(`cannot read ${LEDGER_PATH}: ${message}`, { hint: 'check the file permissions' });
  }
}

/** The ledger's non-blank lines; a checkout with CRLF line ends reads the same. */
export function ledgerLines(text: string | undefined): string[] {
  return (text ?? '').split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
}

export interface ChainProblem {
  seq: number;
  check: 'chain';
  message: string;
}

/**
 * The ledger's entries, its hash chain checked: nothing built on a ledger edited by hand is
 * trusted (a gate, a sign-off, a transition). `lepton verify` reports the same break in full.
 */
export function parseLedger(text: string | undefined, checked?: ReadonlySet<string>): LedgerEntry[] {
  const { entries, problems } = checkChain(ledgerLines(text), checked);
  const [broken] = problems;
  if (broken) {
    throw new LeptonError(`${LEDGER_PATH} cannot be trusted: ${broken.message}`, {
      exitCode: EXIT.gateFailed,
      hint: 'the ledger is append-only; restore it from git (`git checkout -- .lepton/ledger.jsonl`) and run `lepton verify`',
    });
  }
  return entries;
}

/**
 * Parses and checks each line's seq, prev and hash; stops at the first break (what follows it
 * cannot be trusted). Lines in `checked` are known to carry the right hash (ledger-cache.ts).
 */
export function checkChain(lines: readonly string[], checked?: ReadonlySet<string>): { entries: LedgerEntry[]; problems: ChainProblem[] } {
  const entries: LedgerEntry[] = [];
  let previous: LedgerEntry | undefined;
  for (const [index, line] of lines.entries()) {
    const position = index + 1;
    const entry = parseEntry(line);
    const fail = (message: string) => ({ entries, problems: [{ seq: position, check: 'chain' as const, message: `entry #${position}: ${message}` }] });
    if (!entry) return fail('not a ledger entry (one JSON object per line expected)');
    if (entry.seq !== position) {
      return fail(entry.seq > position
        ? `has seq ${entry.seq}: ${entry.seq - position === 1 ? `entry #${position} is` : `entries #${position}–#${entry.seq - 1} are`} missing (a line was removed)`
        : `has seq ${entry.seq}, expected ${position} (lines were reordered or copied)`);
    }
    if (entry.prev !== (previous?.hash ?? null)) {
      return fail(previous ? `its prev hash is not the hash of entry #${previous.seq} (the chain was altered before it)` : 'the first entry must have prev: null');
    }
    if (!checked?.has(line) && entry.hash !== entryHash(entry)) return fail('its hash does not match its content (the line was edited after it was written)');
    if (!LEDGER_EVENTS.includes(entry.event) || typeof entry.time !== 'string' || typeof entry.actor?.email !== 'string') {
      return fail('lacks an event, time or actor');
    }
    // Entries are appended as time goes on: one dated before its predecessor was backdated.
    if (previous && Date.parse(entry.time) < Date.parse(previous.time)) {
      return fail(`is dated ${entry.time}, before entry #${previous.seq} (${previous.time}): entries are only ever appended`);
    }
    entries.push(entry);
    previous = entry;
  }
  return { entries, problems: [] };
}

export function parseEntry(line: string): LedgerEntry | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as LedgerEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** The entry that follows `previous`, made by `actor` on `commit` at `time`. */
export function chainEntry(previous: LedgerEntry | undefined, entry: NewLedgerEntry, stamp: { actor: Actor; commit: string | null; time: Date }): LedgerEntry {
  const defined = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as NewLedgerEntry;
  const unhashed = {
    seq: (previous?.seq ?? 0) + 1,
    time: stamp.time.toISOString(),
    actor: { name: stamp.actor.name, email: stamp.actor.email },
    ...defined,
    commit: stamp.commit,
    prev: previous?.hash ?? null,
  };
  return { ...unhashed, hash: entryHash(unhashed) };
}

/** The ledger text with `entry` appended as one line. */
export function appendedText(text: string | undefined, entry: LedgerEntry): string {
  const body = text && !text.endsWith('\n') ? `${text}\n` : text ?? '';
  return `${body}${JSON.stringify(entry)}\n`;
}

/** Who is acting: the git identity (user.name/user.email or GIT_AUTHOR_*). */
export async function currentActor(root: string): Promise<Actor> {
  const { userIdentity } = await import('../git/git.js');
  const identity = await userIdentity(root);
  if (!identity) {
    throw new LeptonError('no git identity to record in the ledger', {
      hint: 'set one: git config user.name "Your Name" && git config user.email you@example.com',
    });
  }
  return identity;
}

/** The commit the entry is made on: HEAD, or null outside git or before the first commit. */
export async function currentCommit(root: string): Promise<string | null> {
  const { headCommit } = await import('../git/git.js');
  return (await headCommit(root).catch(() => undefined)) ?? null;
}

/** Who makes an entry and on which commit; the time is taken later, under the lock. */
export async function stampFor(root: string): Promise<{ actor: Actor; commit: string | null }> {
  const [actor, commit] = await Promise.all([currentActor(root), currentCommit(root)]);
  return { actor, commit };
}

/** Keeps the lock, journal and cache out of git while the ledger is committed. Never replaces a user's file. */
export async function ensureLeptonGitignore(root: string): Promise<void> {
  const file = path.join(root, LEPTON_GITIGNORE);
  if (await pathExists(file)) return;
  await writeFileAtomic(file, LEPTON_GITIGNORE_TEXT);
}

/** Appends one entry under the project lock and returns it as written. */
export async function appendLedgerEntry(root: string, entry: NewLedgerEntry, options: AppendOptions = {}): Promise<LedgerEntry> {
  const stamp = await stampFor(root);
  return withLock(root, async () => {
    await rollForward(root);
    const text = await readLedgerText(root);
    // The time is taken under the lock, so entries are in time order whoever waited for whom.
    const written = chainEntry(parseLedger(text).at(-1), entry, { ...stamp, time: options.now ?? clockNow(options.env) });
    await ensureLeptonGitignore(root);
    const appended = appendedText(text, written);
    await writeFileAtomic(path.join(root, LEDGER_PATH), appended);
    await rememberCheckedLines(root, ledgerLines(appended));
    return written;
  });
}

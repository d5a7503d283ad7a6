// The ledger file's format: one JSON object per line, append-only, each entry chained to the one
// before by its SHA-256 hash over a canonical form (sorted keys, no whitespace). Pure: no I/O.
import { canonicalJson, isCalendarDate, sha256 } from '../text.js';
import { EXIT, LeptonError } from '../errors.js';
import { LEDGER_EVENTS, type Actor, type LedgerEntry, type LedgerEvent, type Stamped } from './ledger-entries.js';

export const LEDGER_PATH = '.lepton/ledger.jsonl';

export { canonicalJson } from '../text.js';

/** The hash an entry must carry: over everything in it but `hash`. */
export function entryHash(entry: object): string {
  const { hash: _hash, ...rest } = entry as Record<string, unknown>;
  return sha256(canonicalJson(rest));
}

/** The SHA-256 recorded for a check's evidence (what its result rested on). */
export function evidenceHash(evidence: unknown): string {
  return sha256(canonicalJson(evidence ?? null));
}

/** The ledger's non-blank lines; a checkout with CRLF line ends reads the same. */
export function ledgerLines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
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
      return fail(
        entry.seq > position
          ? `has seq ${entry.seq}: ${entry.seq - position === 1 ? `entry #${position} is` : `entries #${position}–#${entry.seq - 1} are`} missing (a line was removed)`
          : `has seq ${entry.seq}, expected ${position} (lines were reordered or copied)`,
      );
    }
    if (entry.prev !== (previous?.hash ?? null)) {
      return fail(previous ? `its prev hash is not the hash of entry #${previous.seq} (the chain was altered before it)` : 'the first entry must have prev: null');
    }
    if (!checked?.has(line) && entry.hash !== entryHash(entry)) return fail('its hash does not match its content (the line was edited after it was written)');
    if (!LEDGER_EVENTS.includes(entry.event) || typeof entry.time !== 'string' || typeof entry.actor?.email !== 'string') {
      return fail('lacks an event, time or actor');
    }
    if (!isLedgerTime(entry.time)) return fail(`is dated ${JSON.stringify(entry.time)}, not a UTC time as lepton writes it (YYYY-MM-DDTHH:MM:SS.sssZ)`);
    // Entries are appended as time goes on: one dated before its predecessor was backdated.
    if (previous && Date.parse(entry.time) < Date.parse(previous.time)) {
      return fail(`is dated ${entry.time}, before entry #${previous.seq} (${previous.time}): entries are only ever appended`);
    }
    entries.push(entry);
    previous = entry;
  }
  return { entries, problems: [] };
}

/** A time as lepton writes it (`Date#toISOString`, milliseconds optional): a four-digit year, UTC, a real calendar day. */
export function isLedgerTime(time: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/.test(time) && isCalendarDate(time.slice(0, 10));
}

export function parseEntry(line: string): LedgerEntry | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as LedgerEntry) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The entry that follows `previous`, made by `actor` on `commit` at `time`. It chains any entry
 * (tests forge incomplete ones); lepton's own entries are typed by the write path in ledger.ts.
 */
export function chainEntry<E extends { event: LedgerEvent }>(previous: LedgerEntry | undefined, entry: E, stamp: { actor: Actor; commit: string | null; time: Date }): Stamped<E> {
  const defined = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as E;
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

/** A whole ledger's text: one line per entry. */
export function ledgerText(entries: readonly LedgerEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

/** The ledger text with `entry` appended as one line. */
export function appendedText(text: string | undefined, entry: LedgerEntry): string {
  const body = text && !text.endsWith('\n') ? `${text}\n` : (text ?? '');
  return `${body}${JSON.stringify(entry)}\n`;
}

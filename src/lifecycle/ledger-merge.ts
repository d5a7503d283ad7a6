// Merging two ledgers that grew apart from a common prefix (two owners signing off in their own
// clones): when both sides appended only sign-offs and waivers, every entry is kept, the new ones
// ordered by time, renumbered and re-chained. Signatures survive: they cover the content hash,
// which leaves seq, prev and hash out. Anything else on both sides (two moves of the phase) is a
// conflict for people to resolve. A pure function over entries; the command is ledger-merge.ts.
import { entryHash, type LedgerEntry } from './ledger.js';
import { contentHash } from './signatures.js';

export type LedgerMergeResult = { ok: true; entries: LedgerEntry[]; added: { ours: number; theirs: number } } | { ok: false; message: string };

const MERGEABLE = new Set(['approve', 'waive']);

export function mergeLedgerEntries(base: readonly LedgerEntry[], ours: readonly LedgerEntry[], theirs: readonly LedgerEntry[]): LedgerMergeResult {
  for (const [side, entries] of [
    ['ours', ours],
    ['theirs', theirs],
  ] as const) {
    if (!base.every((entry, index) => entries[index]?.hash === entry.hash)) {
      return { ok: false, message: `${side} does not extend the common ancestor's ledger (entries were removed or changed); the ledger only grows` };
    }
  }
  const prefix = commonPrefixLength(ours, theirs);
  const ourNew = ours.slice(prefix);
  const theirNew = theirs.slice(prefix);
  if (theirNew.length === 0) return { ok: true, entries: [...ours], added: { ours: ourNew.length, theirs: 0 } };
  if (ourNew.length === 0) return { ok: true, entries: [...theirs], added: { ours: 0, theirs: theirNew.length } };
  const ourMoves = ourNew.filter((entry) => !MERGEABLE.has(entry.event));
  const theirMoves = theirNew.filter((entry) => !MERGEABLE.has(entry.event));
  if (ourMoves.length > 0 || theirMoves.length > 0) {
    return {
      ok: false,
      message: `both sides changed the ledger and at least one moved the project: ours ${describeMoves(ourMoves, ourNew)}; theirs ${describeMoves(theirMoves, theirNew)}. Merge one side first and record the other again`,
    };
  }
  // The same entry on both sides (a cherry-pick) is kept once.
  const seen = new Set(ourNew.map((entry) => contentHash(entry)));
  const merged = [...ourNew, ...theirNew.filter((entry) => !seen.has(contentHash(entry)))]
    .map((entry, index) => ({ entry, index }))
    .sort((left, right) => Date.parse(left.entry.time) - Date.parse(right.entry.time) || left.index - right.index)
    .map(({ entry }) => entry);
  const entries = [...ours.slice(0, prefix)];
  for (const entry of merged) {
    const previous = entries.at(-1);
    const { hash: _hash, ...rest } = { ...entry, seq: (previous?.seq ?? 0) + 1, prev: previous?.hash ?? null };
    entries.push({ ...rest, hash: entryHash(rest) });
  }
  return { ok: true, entries, added: { ours: ourNew.length, theirs: merged.length - ourNew.length } };
}

function commonPrefixLength(left: readonly LedgerEntry[], right: readonly LedgerEntry[]): number {
  let length = 0;
  while (length < left.length && length < right.length && left[length]!.hash === right[length]!.hash) length++;
  return length;
}

function describeMoves(moves: readonly LedgerEntry[], added: readonly LedgerEntry[]): string {
  if (moves.length === 0) return `added ${added.length} sign-off${added.length === 1 ? '' : 's'} or waiver${added.length === 1 ? '' : 's'}`;
  return moves
    .map((entry) => {
      const move = entry as Partial<{ from: string; to: string; complete: boolean }> & LedgerEntry;
      return `#${entry.seq} ${entry.event}${move.from ? ` from ${move.from}` : ''}${move.to ? ` to ${move.to}` : ''}${move.complete ? ' (complete)' : ''} by ${entry.actor?.name ?? '?'}`;
    })
    .join(', ');
}

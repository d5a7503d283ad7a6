// A ledger that lost entries against one already committed or pushed: entries cut off the end
// leave a consistent, shorter chain that the hash chain alone accepts. Every entry of the older
// ledger (matched by content hash, so a ledger merge's renumbering is no loss) must still be there.
import { ledgerLines, parseEntry, type LedgerEntry } from './ledger.js';
import { contentHash } from './signatures.js';

export interface LedgerLoss {
  seq: number;
  message: string;
}

/**
 * The entries of the ledger at each revision (a commit, `HEAD`, with a name for messages) missing
 * from `entries`; none against a revision git has no ledger for, and none outside a git repository.
 * The ledgers are read by one git process.
 */
export async function lostEntries(root: string, against: readonly { revision: string; label: string }[], entries: readonly LedgerEntry[]): Promise<LedgerLoss[]> {
  const { filesAtRevisions } = await import('../git/blobs.js');
  const texts = await filesAtRevisions(
    root,
    against.map(({ revision }) => `${revision}:./.lepton/ledger.jsonl`),
  );
  return against.flatMap(({ label }, index) => {
    const text = texts[index];
    return text === undefined ? [] : lostFrom(ledgerLines(text), label, entries);
  });
}

function lostFrom(older: readonly string[], label: string, entries: readonly LedgerEntry[]): LedgerLoss[] {
  // The usual case, a ledger that only grew: every older line is still there as it was.
  const current = new Set(entries.map((entry) => JSON.stringify(entry)));
  if (older.every((line) => current.has(line))) return [];
  const present = new Set(entries.map((entry) => contentHash(entry)));
  const losses: LedgerLoss[] = [];
  for (const line of older) {
    const entry = parseEntry(line);
    if (!entry || present.has(contentHash(entry))) continue;
    losses.push({
      seq: entry.seq,
      message: `entry #${entry.seq} (${entry.event} by ${entry.actor?.name ?? '?'}, ${entry.time}) of ${label} is missing from the ledger: entries were removed`,
    });
  }
  return losses;
}

/**
 * Across history the ledger only grows: each merge commit's ledger keeps every entry of each
 * parent's (by content hash, so `lepton ledger merge`'s renumbering keeps them). `git log -p`
 * shows no diff for merges, so a merge that took one side's ledger whole is caught here.
 */
export async function mergeLosses(root: string): Promise<LedgerLoss[]> {
  const { fileAtMerges } = await import('../git/merge-history.js');
  const losses: LedgerLoss[] = [];
  for (const merge of await fileAtMerges(root, '.lepton/ledger.jsonl')) {
    const kept = new Set(
      ledgerLines(merge.text ?? '').flatMap((line) => {
        const entry = parseEntry(line);
        return entry ? [contentHash(entry)] : [];
      }),
    );
    for (const parent of merge.parents) {
      for (const line of ledgerLines(parent.text ?? '')) {
        const entry = parseEntry(line);
        if (!entry || kept.has(contentHash(entry))) continue;
        losses.push({
          seq: entry.seq,
          message: `merge commit ${merge.commit.slice(0, 7)} by ${merge.name} <${merge.email}> dropped ledger entry #${entry.seq} (${entry.event} by ${entry.actor?.name ?? '?'}, ${entry.time}) of its parent ${parent.commit.slice(0, 7)}: the ledger only grows`,
        });
      }
    }
  }
  return losses;
}

// What `lepton ledger merge` (git's merge driver for the ledger) says on stderr.
import type { LedgerMergeResult } from '../lifecycle/ledger-merge.js';
import { safeText } from '../text.js';

export function formatLedgerMerge(result: LedgerMergeResult): string {
  if (!result.ok) return `lepton: cannot merge the ledger: ${safeText(result.message, { multiline: true })}\n`;
  const { ours, theirs } = result.added;
  return `lepton: ledger merged: ${ours} entr${ours === 1 ? 'y' : 'ies'} of ours, ${theirs} of theirs, renumbered and re-chained\n`;
}

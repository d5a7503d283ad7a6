// What `lepton amend` prints.
import type { AmendResult } from '../lifecycle/amend.js';
import { safeText } from '../text.js';

export function formatAmend(result: AmendResult): string {
  if (!result.entry) return safeText(`The gate of ${result.phase} is the one already accepted: nothing to amend.\n`, { multiline: true });
  return safeText(
    `Amended the gate of ${result.phase}: ${result.described.join(', ') || 'its checks reordered'} — "${result.entry.reason}" (ledger entry #${result.entry.seq}).\n` +
      'Next: commit lepton.yaml and .lepton/ledger.jsonl; `lepton verify` and `lepton gate --completed` judge by the new definition.\n',
    { multiline: true },
  );
}

// One ledger entry in a few words, for `lepton history` and the HTML report's ledger: the same
// facts, each output quoting what was said and counting the gate in its own words.
import type { LedgerEntry } from '../lifecycle/ledger.js';

export interface EntryWording {
  /** What the actor wrote (a reason, a note, a message), as the output quotes it after the summary. */
  said: (text: string) => string;
  /** The gate an advance recorded, from its checks' statuses (called only when there are any). */
  gate: (statuses: readonly string[]) => string;
}

export function describeEntry(entry: LedgerEntry, { said, gate }: EntryWording): string {
  switch (entry.event) {
    case 'init':
      return `started in ${entry.to}`;
    case 'advance': {
      const statuses = (entry.checks ?? []).map((check) => check.status);
      return `${entry.from} → ${entry.complete ? 'complete' : entry.to}${statuses.length ? gate(statuses) : ''}${entry.message ? said(entry.message) : ''}`;
    }
    case 'approve':
      return `signed off ${entry.checkId} (${entry.phase}${entry.roles?.length ? `, as ${entry.roles.join(', ')}` : ''})${entry.note ? said(entry.note) : ''}`;
    case 'waive':
      return `waived ${entry.checkId} (${entry.phase}) until ${entry.until}${said(entry.reason)}`;
    case 'reopen':
      return `${entry.from} → back to ${entry.to}${said(entry.reason)}`;
    case 'terminate':
      return `ended the project in ${entry.from}${said(entry.reason)}`;
    case 'amend':
      return `accepted the changed gate of ${entry.phase} (${entry.changed.join(', ') || 'checks reordered'})${said(entry.reason)}`;
    default:
      return String((entry as LedgerEntry).event);
  }
}

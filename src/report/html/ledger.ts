// The ledger in the report: `verify`'s verdict, then every entry with who, when, what and its
// signature where one is recorded.
import type { LedgerEntry } from '../../lifecycle/ledger.js';
import type { ProjectReportData } from '../../lifecycle/report-data.js';
import { attr, text, timeTag } from './markup.js';

/** What one entry did, in a few words. */
export function entrySummary(entry: LedgerEntry): string {
  switch (entry.event) {
    case 'init':
      return `started in ${entry.to}`;
    case 'advance': {
      const checks = entry.checks ?? [];
      const passed = checks.filter((check) => check.status === 'pass').length;
      const waived = checks.filter((check) => check.status === 'waived').length;
      const gate = checks.length ? ` (gate: ${passed} passed${waived ? `, ${waived} waived` : ''} of ${checks.length})` : '';
      return `${entry.from} → ${entry.complete ? 'complete' : entry.to}${gate}${entry.message ? `: “${entry.message}”` : ''}`;
    }
    case 'approve':
      return `signed off ${entry.checkId} (${entry.phase}${entry.roles?.length ? `, as ${entry.roles.join(', ')}` : ''})${entry.note ? `: “${entry.note}”` : ''}`;
    case 'waive':
      return `waived ${entry.checkId} (${entry.phase}) until ${entry.until}: “${entry.reason}”`;
    case 'reopen':
      return `${entry.from} → back to ${entry.to}: “${entry.reason}”`;
    case 'terminate':
      return `ended the project in ${entry.from}: “${entry.reason}”`;
    default:
      return String((entry as { event: unknown }).event);
  }
}

export function renderLedger(data: ProjectReportData, heading: (title: string) => string): string {
  const { verify, entries } = data.ledger;
  const problemsBySeq = new Map<number, string[]>();
  for (const problem of verify.problems) {
    if (problem.seq !== undefined) problemsBySeq.set(problem.seq, [...(problemsBySeq.get(problem.seq) ?? []), problem.message]);
  }
  const verdict = verify.ok
    ? `<p><span class="verdict pass">verified</span> ${verify.entries === 0 ? 'no ledger yet' : `${verify.entries} entries, hash chain intact, <code>phase: ${text(verify.phase)}</code> matches the ledger`}</p>`
    : `<div class="card"><p><span class="verdict fail">does not verify</span></p><ul class="problems">${verify.problems.map((problem) => `<li>${text(problem.message)}</li>`).join('')}</ul></div>`;
  if (entries.length === 0) return `${heading('Ledger')}${verdict}`;
  const signed = entries.some((entry) => 'sig' in entry);
  const rows = entries.map((entry) => {
    const sig = (entry as { sig?: unknown }).sig;
    const problems = problemsBySeq.get(entry.seq) ?? [];
    const signature = signed
      ? `<td>${typeof sig === 'string' ? `signed <span class="muted mono" title="${attr(sig)}">${text(signatureTail(sig))}</span>` : '<span class="muted">unsigned</span>'}`
      : '';
    return `<tr data-seq="${entry.seq}"><td>${entry.seq}<td>${timeTag(entry.time)}<td>${text(entry.actor?.name)}<br><span class="muted">${text(entry.actor?.email)}</span><td>${text(entry.event)}<td>${text(entrySummary(entry))}${problems.map((message) => `<br><strong class="fail">${text(message)}</strong>`).join('')}${signature}<td>${text(entry.hash.slice(0, 8))}`;
  });
  return `${heading('Ledger')}${verdict}<table class="ledger"><thead><tr><th>#<th>When<th>Who<th>Event<th>What${signed ? '<th>Signature' : ''}<th>Hash</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The last characters of an armored SSH signature's body: enough to tell two apart. */
function signatureTail(sig: string): string {
  const body = sig.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return `…${body.slice(-16)}`;
}

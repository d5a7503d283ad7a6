// The ledger in the report: `verify`'s verdict, then every entry with who, when, what and its
// signature where one is recorded.
import type { ProjectReportData } from '../../lifecycle/report-data.js';
import { describeEntry, type EntryWording } from '../entries.js';
import { attr, text, timeTag } from './markup.js';

/** The report's wording: how many checks passed (and were waived), what was said in quotes. */
const REPORT_WORDING: EntryWording = {
  said: (said) => `: “${said}”`,
  gate: (statuses) => {
    const passed = statuses.filter((status) => status === 'pass').length;
    const waived = statuses.filter((status) => status === 'waived').length;
    return ` (gate: ${passed} passed${waived ? `, ${waived} waived` : ''} of ${statuses.length})`;
  },
};

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
    return `<tr data-seq="${entry.seq}"><td>${entry.seq}<td>${timeTag(entry.time)}<td>${text(entry.actor?.name)}<br><span class="muted">${text(entry.actor?.email)}</span><td>${text(entry.event)}<td>${text(describeEntry(entry, REPORT_WORDING))}${problems.map((message) => `<br><strong class="fail">${text(message)}</strong>`).join('')}${signature}<td>${text(entry.hash.slice(0, 8))}`;
  });
  return `${heading('Ledger')}${verdict}<table class="ledger"><thead><tr><th>#<th>When<th>Who<th>Event<th>What${signed ? '<th>Signature' : ''}<th>Hash</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The last characters of an armored SSH signature's body: enough to tell two apart. */
function signatureTail(sig: string): string {
  const body = sig.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return `…${body.slice(-16)}`;
}

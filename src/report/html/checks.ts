// A gate as an HTML table: every check with its status, message, problems (file:line), hint,
// recorded values and, for checks compared with a baseline, an interval plot per metric.
import type { CheckResult, GateReport } from '../../gate/types.js';
import { attr, plural, text } from './markup.js';

/** Fields other parts of lepton add to a result (DESIGN "Evidence in the ledger and in JSON"); shown when present. */
interface ComparisonMetric {
  name: string;
  baseline?: number;
  candidate?: number;
  delta: number;
  /** The paired interval of an eval check's delta; a metric check compares one number a side and has none. */
  low?: number;
  high?: number;
  mcnemarP?: number;
  verdict?: string;
}

interface Comparison {
  verdict: string;
  metrics?: ComparisonMetric[];
  flipped?: string[];
  /** Present for an eval check's comparison (cases paired with the blessed baseline). */
  paired?: number;
  baseline?: { seq: number };
}

type ShownResult = CheckResult & { values?: unknown; comparison?: Comparison; recorded?: { seq: number; time: string } };

const LABEL: Record<CheckResult['status'], string> = { pass: 'pass', fail: 'FAIL', error: 'ERROR', skipped: 'skipped', waived: 'waived' };

export function statusBadge(check: Pick<CheckResult, 'status' | 'required'>): string {
  const advisory = !check.required && (check.status === 'fail' || check.status === 'error');
  return `<span class="status ${advisory ? 'advisory' : check.status}">${LABEL[check.status]}${advisory ? ' (advisory)' : ''}</span>`;
}

/** The hint a check's row shows: a failing or erroring check's. */
function shownHint(check: CheckResult): string | undefined {
  return check.hint && (check.status === 'fail' || check.status === 'error') ? check.hint : undefined;
}

/** A hint given by more than one check on a page, said once in its list of common fixes: its number and how many checks give it. */
export type CommonHints = ReadonlyMap<string, { number: number; checks: number }>;

/** The hints that more than one check of these gates gives, numbered by first appearance. */
export function commonHints(gates: readonly (GateReport | undefined)[]): CommonHints {
  const counts = new Map<string, number>();
  for (const gate of gates) {
    for (const check of gate?.checks ?? []) {
      const hint = shownHint(check);
      if (hint) counts.set(hint, (counts.get(hint) ?? 0) + 1);
    }
  }
  let number = 0;
  return new Map([...counts].filter(([, checks]) => checks > 1).map(([hint, checks]) => [hint, { number: ++number, checks }]));
}

/** The list the checks' rows link to: each common hint once, with how many checks give it. */
export function renderCommonFixes(hints: CommonHints): string {
  if (hints.size === 0) return '';
  const items = [...hints].map(([hint, { number, checks }]) => `<li id="fix-${number}">${text(hint)} <span class="muted">(${plural(checks, 'check')})</span></li>`);
  return `<section class="fixes" aria-labelledby="fixes-title"><h2 id="fixes-title">Common fixes</h2><p class="muted">Hints that more than one failing check gives; each of those checks links here.</p><ol>${items.join('')}</ol></section>`;
}

export function renderGate(report: GateReport, titles: Record<string, string>, margins: Record<string, number>, common: CommonHints = new Map()): string {
  if (report.checks.length === 0) return '<p class="muted">This gate has no checks.</p>';
  const { summary } = report;
  const counts = [
    `${summary.passed} passed`,
    summary.failed && `${summary.failed} failed`,
    summary.errored && `${summary.errored} errored`,
    summary.waived && `${summary.waived} waived`,
    summary.skipped && `${summary.skipped} skipped`,
  ]
    .filter(Boolean)
    .join(', ');
  const phases = [...new Set(report.checks.map((check) => check.phase))];
  const verdict = `<p><span class="verdict ${report.passed ? 'pass' : 'fail'}">${report.passed ? 'passes' : 'does not pass'}</span> ${plural(summary.total, 'check')}: ${counts}</p>`;
  const rows = report.checks.map((check) =>
    checkRow(check as ShownResult, phases.length > 1 ? (titles[check.phase] ?? check.phase) : undefined, margins[`${check.phase}/${check.id}`], common),
  );
  return `${verdict}<table class="checks"><thead><tr><th>Status<th>Check<th>Kind<th>Result</thead><tbody>${rows.join('')}</tbody></table>`;
}

function checkRow(check: ShownResult, phase: string | undefined, margin: number | undefined, common: CommonHints): string {
  const name = `<code>${text(check.id)}</code>${check.title ? `<br><span class="muted">${text(check.title)}</span>` : ''}${phase ? `<br><span class="muted">${text(phase)}</span>` : ''}`;
  const details: string[] = [text(check.message)];
  if (check.problems.length > 0) {
    const shown = check.problems
      .slice(0, 50)
      .map((problem) => `<li>${problem.file ? `<code>${text(problem.file)}${problem.line ? `:${problem.line}` : ''}</code> ` : ''}${text(problem.message)}</li>`);
    if (check.problems.length > 50) shown.push(`<li class="muted">… and ${check.problems.length - 50} more (<code>lepton gate --format json</code> lists them all)</li>`);
    details.push(`<ul class="problems">${shown.join('')}</ul>`);
  }
  const hint = shownHint(check);
  const listed = hint === undefined ? undefined : common.get(hint);
  if (hint) details.push(`<p class="hint"><strong>How to fix:</strong> ${listed ? `see <a href="#fix-${listed.number}">common fix ${listed.number}</a>` : text(hint)}</p>`);
  if (check.waiver) details.push(`<p class="hint">Waived until <strong>${text(check.waiver.until)}</strong> by ${text(check.waiver.by)}: ${text(check.waiver.reason)}</p>`);
  if (check.recorded) details.push(`<p class="muted">Result recorded at ledger entry #${check.recorded.seq}, not evaluated again.</p>`);
  if (check.values !== undefined && !saysItAll(check)) details.push(renderValues(check.values));
  if (check.comparison) details.push(renderComparison(check.comparison, margin));
  if (check.output?.length && (check.status === 'fail' || check.status === 'error')) {
    details.push(`<details><summary>Last lines of output</summary><pre>${text(check.output.join('\n'))}</pre></details>`);
  }
  return `<tr class="check" data-check="${attr(`${check.phase}/${check.id}`)}" data-status="${check.status}"><td>${statusBadge(check)}<td>${name}<td>${text(check.kind)}<td>${details.join('')}`;
}

function scalar(value: unknown): string {
  if (typeof value === 'number') return text(Number.isInteger(value) ? value : Number(value.toPrecision(6)));
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return `<code>${text(JSON.stringify(value).slice(0, 200))}</code>`;
  return text(value);
}

/**
 * A complete document's values are its sections, all written, and the one file read, itself: its
 * message ("docs/plan.md is complete") says it all.
 */
function saysItAll(check: ShownResult): boolean {
  const values = check.values as { files?: { path?: unknown }[]; sections?: { filled?: number; total?: number } } | undefined;
  const files = values?.files;
  const named = files === undefined || (Array.isArray(files) && files.length === 1 && typeof files[0]?.path === 'string' && check.message.includes(files[0].path));
  return check.status === 'pass' && named && values?.sections !== undefined && values.sections.filled === values.sections.total;
}

/** `values` by shape: comparisons (metric, eval), a file list (file, doc) or named numbers (coverage, tests). */
export function renderValues(values: unknown): string {
  if (Array.isArray(values)) {
    const rows = values.map((value) => {
      const item = (value ?? {}) as Record<string, unknown>;
      return `<tr><td><code>${text(item.path)}</code><td>${scalar(item.value)}<td><code>${text(item.op ?? '')}</code><td>${scalar(item.threshold)}`;
    });
    return `<table class="values"><caption class="muted">Recorded values</caption><thead><tr><th>Value of<th>Recorded<th>Rule<th>Threshold</thead><tbody>${rows.join('')}</tbody></table>`;
  }
  if (values && typeof values === 'object') {
    const record = values as Record<string, unknown>;
    const sections = record.sections as { filled?: unknown; total?: unknown } | undefined;
    if (sections && typeof sections === 'object' && !Array.isArray(record.files)) {
      return `<p class="values muted">Sections written: ${scalar(sections.filled)} of ${scalar(sections.total)}</p>`;
    }
    if (Array.isArray(record.files)) {
      // The hashes are in the ledger; the page names the files.
      const listed = record.files as { path?: unknown }[];
      const files = listed.slice(0, 10).map((file) => `<code>${text(file.path)}</code>`);
      const more = listed.length > 10 ? ` and ${listed.length - 10} more` : '';
      return `<p class="values muted">Read: ${files.join(', ')}${more}</p>`;
    }
    const items = Object.entries(record).map(([key, value]) => `<dt>${text(key)}</dt><dd>${scalar(value)}</dd>`);
    return `<dl class="facts values">${items.join('')}</dl>`;
  }
  return `<p class="values">Recorded: ${scalar(values)}</p>`;
}

/** The baseline comparison: per metric, the delta and its interval against the tolerated drop. */
export function renderComparison(comparison: Comparison, margin: number | undefined): string {
  const metrics = comparison.metrics ?? [];
  // A metric check's comparison: each value against the one an advance recorded, no interval.
  const single = comparison.paired === undefined && metrics.every((metric) => metric.low === undefined);
  const rows = metrics.map(
    (metric) =>
      `<tr><td><code>${text(metric.name)}</code><td>${scalar(metric.baseline)}<td>${scalar(metric.candidate)}<td>${scalar(metric.delta)}${
        single || metric.low === undefined || metric.high === undefined ? '' : `<td>[${scalar(metric.low)}, ${scalar(metric.high)}]`
      }<td>${metric.verdict ? text(metric.verdict) : ''}<td>${intervalPlot(metric, margin)}`,
  );
  const flipped = comparison.flipped?.length
    ? `<p>${plural(comparison.flipped.length, 'case')} passed in the baseline and fail now: ${comparison.flipped
        .slice(0, 20)
        .map((id) => `<code>${text(id)}</code>`)
        .join(', ')}</p>`
    : '';
  const baseline = single && comparison.baseline ? `Advance #${comparison.baseline.seq}` : 'Baseline';
  const table = metrics.length
    ? `<table class="comparison"><thead><tr><th>Metric<th>${baseline}<th>Candidate<th>Δ${single ? '' : '<th>Interval'}<th>Verdict<th>Against the margin${margin !== undefined ? ` (−${scalar(margin)})` : ''}</thead><tbody>${rows.join('')}</tbody></table>`
    : '';
  return `<div class="card comparison-card"><strong>Baseline comparison:</strong> ${text(comparison.verdict)}${table}${flipped}</div>`;
}

function intervalPlot(metric: ComparisonMetric, margin: number | undefined): string {
  const width = 180;
  const height = 28;
  const floor = margin === undefined ? undefined : -Math.abs(margin);
  const low0 = metric.low ?? metric.delta;
  const high0 = metric.high ?? metric.delta;
  const values = [low0, high0, metric.delta, 0, ...(floor === undefined ? [] : [floor])].filter((value) => Number.isFinite(value));
  const spread = Math.max(...values) - Math.min(...values) || 1;
  const low = Math.min(...values) - spread * 0.1;
  const high = Math.max(...values) + spread * 0.1;
  const x = (value: number) => (8 + ((value - low) / (high - low)) * (width - 16)).toFixed(1);
  const interval = metric.low === undefined || metric.high === undefined ? '' : `, interval ${metric.low} to ${metric.high}`;
  const label = `${metric.name}: delta ${metric.delta}${interval}${floor === undefined ? '' : `, margin ${floor}`}`;
  return (
    `<svg role="img" aria-label="${attr(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<line class="zero" x1="${x(0)}" x2="${x(0)}" y1="2" y2="${height - 2}"/>` +
    (floor === undefined ? '' : `<line class="margin" x1="${x(floor)}" x2="${x(floor)}" y1="2" y2="${height - 2}"/>`) +
    (interval ? `<line class="interval" x1="${x(low0)}" x2="${x(high0)}" y1="${height / 2}" y2="${height / 2}"/>` : '') +
    `<circle class="delta" cx="${x(metric.delta)}" cy="${height / 2}" r="4"/></svg>`
  );
}

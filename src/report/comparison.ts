// The regression comparison of an eval (or metric) check as a compact table, shared by the pretty,
// Markdown and JUnit reports. An eval check's: metric, baseline, candidate, Δ [low, high], verdict,
// then its paired cases, margin and confidence. A metric check's compares one number a side with
// the values an advance recorded: metric, advance #N, candidate, Δ, verdict, then the margin.
import type { Comparison } from '../gate/types.js';
import { formatNumber } from '../text.js';

export interface ComparisonRow {
  metric: string;
  baseline: string;
  candidate: string;
  delta: string;
  verdict: string;
}

const number = (value: number) => formatNumber(value, 4);

function signed(value: number): string {
  const text = number(value);
  return value > 0 ? `+${text}` : text;
}

/** An eval check's comparison pairs cases; a metric check's compares the values one advance recorded. */
const paired = (comparison: Comparison) => comparison.paired !== undefined;

/** One row per compared metric, each with its own verdict. */
export function comparisonRows(comparison: Comparison): ComparisonRow[] {
  return comparison.metrics.map((metric) => ({
    metric: metric.name,
    baseline: number(metric.baseline),
    candidate: number(metric.candidate),
    delta: `${signed(metric.delta)}${metric.low !== undefined && metric.high !== undefined ? ` [${signed(metric.low)}, ${signed(metric.high)}]` : ''}${metric.mcnemarP !== undefined ? ` p=${number(metric.mcnemarP)}` : ''}`,
    verdict: metric.verdict,
  }));
}

function header(comparison: Comparison): ComparisonRow {
  return paired(comparison)
    ? { metric: 'metric', baseline: 'baseline', candidate: 'candidate', delta: 'Δ [low, high]', verdict: 'verdict' }
    : { metric: 'metric', baseline: `advance #${comparison.baseline?.seq}`, candidate: 'candidate', delta: 'Δ', verdict: 'verdict' };
}

function flippedCount(comparison: Comparison): number {
  return comparison.flipped?.length ?? 0;
}

/** The line under the table: what was compared, the margin, the confidence. */
function footer(comparison: Comparison, separator: string): string {
  if (!paired(comparison)) return `baseline: the values recorded at advance #${comparison.baseline?.seq}, margin ${comparison.margin}`;
  const parts = [`${comparison.paired} paired cases`, `margin ${comparison.margin}`];
  if (comparison.confidence !== undefined) parts.push(`${comparison.confidence * 100}% confidence`);
  return parts.join(separator);
}

/** Plain-text table lines, columns padded; a verdict without metrics is one line. */
export function comparisonTable(comparison: Comparison): string[] {
  const rows = comparisonRows(comparison);
  const summary = `${comparison.verdict}: ${comparison.reason}`;
  if (rows.length === 0) return [summary];
  const all = [header(comparison), ...rows];
  const keys = Object.keys(all[0]!) as (keyof ComparisonRow)[];
  const widths = keys.map((key) => Math.max(...all.map((row) => row[key].length)));
  const lines = all.map((row) =>
    keys
      .map((key, index) => row[key].padEnd(widths[index]!))
      .join('  ')
      .trimEnd(),
  );
  const count = flippedCount(comparison);
  const flipped = count ? ` · ${count} case${count === 1 ? '' : 's'} flipped to fail` : '';
  return [...lines, `${footer(comparison, ', ')}${flipped}`];
}

/** A Markdown table (cells already safe: numbers, metric names escaped by the caller). */
export function comparisonMarkdown(comparison: Comparison, escapeText: (text: string) => string): string[] {
  const rows = comparisonRows(comparison);
  if (rows.length === 0) return [`_Comparison: **${comparison.verdict}** — ${escapeText(comparison.reason)}_`];
  const flipped = comparison.flipped ?? [];
  const head = paired(comparison) ? 'Baseline' : `Advance #${comparison.baseline?.seq}`;
  const delta = paired(comparison) ? 'Δ [low, high]' : 'Δ';
  return [
    `| Metric | ${head} | Candidate | ${delta} | Verdict |`,
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${escapeText(row.metric)} | ${row.baseline} | ${row.candidate} | ${row.delta} | ${row.verdict ? `**${row.verdict}**` : ''} |`),
    '',
    `${footer(comparison, ' · ')}${
      flipped.length
        ? ` · flipped: ${flipped
            .slice(0, 10)
            .map((id) => `\`${id.replace(/`/g, "'")}\``)
            .join(', ')}${flipped.length > 10 ? ` and ${flipped.length - 10} more` : ''}`
        : ''
    }`,
  ];
}

// The regression comparison of an eval (or metric) check as a compact table: metric, baseline,
// candidate, Δ [low, high], verdict. Shared by the pretty, Markdown and JUnit reports.
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

/** One row per compared metric, each with its own verdict. */
export function comparisonRows(comparison: Comparison): ComparisonRow[] {
  return comparison.metrics.map((metric) => ({
    metric: metric.name,
    baseline: number(metric.baseline),
    candidate: number(metric.candidate),
    delta: `${signed(metric.delta)} [${signed(metric.low)}, ${signed(metric.high)}]${metric.mcnemarP !== undefined ? ` p=${number(metric.mcnemarP)}` : ''}`,
    verdict: metric.verdict,
  }));
}

const HEADER: ComparisonRow = { metric: 'metric', baseline: 'baseline', candidate: 'candidate', delta: 'Δ [low, high]', verdict: 'verdict' };

/** Plain-text table lines, columns padded; a verdict without metrics is one line. */
export function comparisonTable(comparison: Comparison): string[] {
  const rows = comparisonRows(comparison);
  const summary = `${comparison.verdict}: ${comparison.reason}`;
  if (rows.length === 0) return [summary];
  const all = [HEADER, ...rows];
  const keys = Object.keys(HEADER) as (keyof ComparisonRow)[];
  const widths = keys.map((key) => Math.max(...all.map((row) => row[key].length)));
  const lines = all.map((row) =>
    keys
      .map((key, index) => row[key].padEnd(widths[index]!))
      .join('  ')
      .trimEnd(),
  );
  const flipped = comparison.flipped.length ? ` · ${comparison.flipped.length} case${comparison.flipped.length === 1 ? '' : 's'} flipped to fail` : '';
  return [...lines, `${comparison.paired} paired cases, margin ${comparison.margin}, ${comparison.confidence * 100}% confidence${flipped}`];
}

/** A Markdown table (cells already safe: numbers, metric names escaped by the caller). */
export function comparisonMarkdown(comparison: Comparison, escapeText: (text: string) => string): string[] {
  const rows = comparisonRows(comparison);
  if (rows.length === 0) return [`_Comparison: **${comparison.verdict}** — ${escapeText(comparison.reason)}_`];
  return [
    '| Metric | Baseline | Candidate | Δ [low, high] | Verdict |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${escapeText(row.metric)} | ${row.baseline} | ${row.candidate} | ${row.delta} | ${row.verdict ? `**${row.verdict}**` : ''} |`),
    '',
    `${comparison.paired} paired cases · margin ${comparison.margin} · ${comparison.confidence * 100}% confidence${
      comparison.flipped.length
        ? ` · flipped: ${comparison.flipped
            .slice(0, 10)
            .map((id) => `\`${id.replace(/`/g, "'")}\``)
            .join(', ')}${comparison.flipped.length > 10 ? ` and ${comparison.flipped.length - 10} more` : ''}`
        : ''
    }`,
  ];
}

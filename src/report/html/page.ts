// `lepton report`: one self-contained HTML page, for one project or a portfolio of them. Inline
// CSS and SVG only; no script, and a Content-Security-Policy that forbids every request.
import type { PortfolioReportData, ProjectReportData } from '../../lifecycle/report-data.js';
import { attr, day, plural, slug, text, when } from './markup.js';
import { commonHints, renderCommonFixes } from './checks.js';
import { lifecycleLabel, renderProject } from './project.js';
import { STYLE } from './style.js';

/** Nothing may be fetched: not a font, an image, a style sheet or a prefetch. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lepton">
<title>${text(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

export function renderProjectPage(data: ProjectReportData): string {
  return page(`${data.project.name}: lepton report`, renderProject(data, { level: 1, id: 'project' }));
}

interface Row {
  anchor: string;
  path: string;
  name: string;
  phase: string;
  phaseRank: number;
  days?: number | undefined;
  blockers?: number | undefined;
  debt?: number | undefined;
  lastAdvance?: string | undefined;
  error?: string | undefined;
}

type SortKey = 'phase' | 'days' | 'blockers' | 'debt' | 'advance';

const COLUMNS: { key: SortKey | 'project'; label: string; order?: 'ascending' | 'descending' }[] = [
  { key: 'project', label: 'Project', order: 'ascending' },
  { key: 'phase', label: 'Phase', order: 'ascending' },
  { key: 'days', label: 'Days in phase', order: 'descending' },
  { key: 'blockers', label: 'Blockers', order: 'descending' },
  { key: 'debt', label: 'Waiver debt', order: 'descending' },
  { key: 'advance', label: 'Last advance', order: 'ascending' },
];

/** Each sorted copy's order; ties keep path order. */
const SORTS: Record<SortKey, (left: Row, right: Row) => number> = {
  phase: (left, right) => left.phaseRank - right.phaseRank,
  days: (left, right) => (right.days ?? -1) - (left.days ?? -1),
  blockers: (left, right) => (right.blockers ?? -1) - (left.blockers ?? -1),
  debt: (left, right) => (right.debt ?? -1) - (left.debt ?? -1),
  // Stalest first: a project never advanced comes before one advanced long ago.
  advance: (left, right) => (left.lastAdvance ?? '').localeCompare(right.lastAdvance ?? ''),
};

function rowOf(entry: PortfolioReportData['projects'][number], index: number): Row {
  const anchor = `p${index + 1}-${slug(entry.path)}`;
  if (!entry.data) return { anchor, path: entry.path, name: entry.name ?? entry.path, phase: 'could not be read', phaseRank: -1, error: entry.error };
  const { data } = entry;
  const position = data.phases.findIndex((phase) => phase.id === data.phase);
  return {
    anchor,
    path: entry.path,
    name: data.project.name,
    phase: lifecycleLabel(data),
    // Terminated projects last, complete ones after every active phase.
    phaseRank: data.lifecycle === 'terminated' ? 1000 : data.lifecycle === 'complete' ? 999 : position,
    days: data.daysInPhase,
    blockers: data.gate.checks.filter((check) => check.required && (check.status === 'fail' || check.status === 'error')).length,
    debt: data.waiverDebt.count,
    lastAdvance: data.lastAdvance,
  };
}

function tableOf(rows: Row[], tableId: string, sortedBy: SortKey | 'project'): string {
  const head = COLUMNS.map((column) => {
    const target = column.key === 'project' ? 'portfolio' : `${tableId}-by-${column.key}`;
    const sorted = column.key === sortedBy ? ` aria-sort="${column.order}"` : '';
    return `<th${sorted}><a href="#${target}">${column.label}</a>`;
  }).join('');
  const body = rows
    .map((row) => {
      const cells = row.error
        ? `<td colspan="5"><span class="status error">ERROR</span> ${text(row.error)}`
        : `<td>${text(row.phase)}<td>${row.days ?? '—'}<td>${row.blockers}<td>${row.debt}<td>${row.lastAdvance ? day(row.lastAdvance) : '<span class="muted">never</span>'}`;
      // The path order's table names each project's folder; the sorted copies keep to the name.
      const where = sortedBy === 'project' ? `<br><span class="muted mono">${text(row.path)}</span>` : '';
      return `<tr><th scope="row"><a href="#${attr(row.anchor)}">${text(row.name)}</a>${where}${cells}`;
    })
    .join('');
  const label = COLUMNS.find((column) => column.key === sortedBy)!.label.toLowerCase();
  return `<table class="portfolio-table"><caption>${plural(rows.length, 'project')}, by ${text(label)}</caption><thead><tr>${head}</thead><tbody>${body}</tbody></table>`;
}

export function renderPortfolioPage(data: PortfolioReportData): string {
  const rows = data.projects.map(rowOf);
  const sorted = (Object.keys(SORTS) as SortKey[]).map((key) => `<div class="sorted" id="portfolio-by-${key}">${tableOf([...rows].sort(SORTS[key]), 'portfolio', key)}</div>`);
  const blocked = rows.filter((row) => (row.blockers ?? 0) > 0).length;
  const debt = rows.reduce((sum, row) => sum + (row.debt ?? 0), 0);
  // A hint many projects' checks give (the same check in each) is said once, in a list of common fixes.
  const common = commonHints(data.projects.flatMap((entry) => (entry.data ? [entry.data.gate, entry.data.guard] : [])));
  const sections = data.projects.map((entry, index) =>
    entry.data
      ? renderProject(entry.data, { level: 2, id: rows[index]!.anchor, common })
      : `<section class="project" id="${attr(rows[index]!.anchor)}" aria-labelledby="${attr(`${rows[index]!.anchor}-title`)}"><h2 id="${attr(`${rows[index]!.anchor}-title`)}">${text(entry.path)}</h2><p><span class="status error">ERROR</span> ${text(entry.error)}</p></section>`,
  );
  const body = `<h1>Portfolio: ${text(data.base)}</h1>
<p class="lead">${plural(rows.length, 'project')}; ${plural(blocked, 'project')} with blockers in the current gate; ${plural(debt, 'open waiver')} in all. Report made ${when(data.generatedAt)}.</p>
<div class="portfolio" id="portfolio">
<p class="muted no-print">Sort by a column by choosing its heading; choose “Project” for path order.</p>
<div class="unsorted">${tableOf(rows, 'portfolio', 'project')}</div>
${sorted.join('\n')}
</div>
${renderCommonFixes(common)}
${sections.join('\n')}`;
  return page(`Portfolio: ${data.base}: lepton report`, body);
}

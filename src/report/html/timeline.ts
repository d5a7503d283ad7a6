// The phase timeline in SVG: one lane per phase, a bar per visit (entry to exit, the current one
// running to now), one mark per ledger transition, and reopen loops drawn as returns to an
// earlier lane. A table beside it gives the same dates in words.
import type { ProjectReportData } from '../../lifecycle/report-data.js';
import { attr, day, text, when } from './markup.js';

const WIDTH = 900;
/** The lane labels' font size (style.ts sets it), and a width per character that holds for a proportional font. */
const LABEL_FONT = 13;
const CHAR_WIDTH = LABEL_FONT * 0.6;
/** A longer title is shortened with an ellipsis (all of it in the tooltip), so the lanes keep most of the width. */
const MAX_LABEL_CHARS = 40;
const NOW_MARK = ' ◀ now';
const LANE = 30;
const TOP = 12;
const AXIS = 28;

/** `3 d 4 h`, `5 h`, `12 min`: how long a stay lasted. */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

export function renderTimeline(data: ProjectReportData, idPrefix: string): string {
  if (data.transitions.length === 0) {
    return '<p class="muted">No transition recorded yet: the timeline starts with the ledger\'s first entry (<code>lepton advance</code>, or <code>lepton init</code>).</p>';
  }
  // The labels first: the lanes start where the longest one ends.
  const labels = data.phases.map((phase) => {
    const current = phase.state === 'current' && data.lifecycle === 'active';
    const room = MAX_LABEL_CHARS - (current ? NOW_MARK.length : 0);
    const shown =
      [...phase.title].length > room
        ? `${[...phase.title]
            .slice(0, room - 1)
            .join('')
            .trimEnd()}…`
        : phase.title;
    return { current, shown, full: shown === phase.title ? undefined : phase.title, chars: [...shown].length + (current ? NOW_MARK.length : 0) };
  });
  const LABEL = Math.max(120, Math.ceil(Math.max(...labels.map((label) => label.chars)) * CHAR_WIDTH) + 16);
  const now = Date.parse(data.generatedAt);
  const times = data.transitions.map((transition) => Date.parse(transition.time));
  const start = Math.min(...times);
  const end = Math.max(now, ...times);
  const span = Math.max(end - start, 3_600_000);
  const x = (iso: string | number) => LABEL + (((typeof iso === 'number' ? iso : Date.parse(iso)) - start) / span) * (WIDTH - LABEL - 20);
  const lanes = data.phases.map((phase) => phase.id);
  const y = (phase: string | undefined) => TOP + Math.max(0, lanes.indexOf(phase ?? '')) * LANE + LANE / 2;
  const height = TOP + lanes.length * LANE + AXIS;
  // The lanes, one path of rectangles; then each lane's label.
  const parts: string[] = [`<path class="lane" d="${data.phases.map((_, index) => `M${LABEL} ${TOP + index * LANE + 4}h${WIDTH - LABEL - 20}v${LANE - 8}H${LABEL}z`).join('')}"/>`];
  for (const [index, { current, shown, full }] of labels.entries()) {
    const top = TOP + index * LANE;
    const label = `<text x="${LABEL - 8}" y="${top + LANE / 2 + 4}"${current ? ' font-weight="700"' : ''}>${text(shown)}${current ? NOW_MARK : ''}</text>`;
    parts.push(full === undefined ? label : `<g class="label"><title>${text(full)}</title>${label}</g>`);
  }
  for (const visit of data.visits) {
    const from = x(visit.enteredAt);
    const to = visit.leftAt ? x(visit.leftAt) : x(now);
    const open = visit.leftAt === undefined;
    // The visits table below gives each bar's dates in words.
    parts.push(
      `<rect class="bar${open ? ' bar-current' : ''}" x="${Math.round(from)}" y="${y(visit.phase) - 6}" width="${Math.max(2, Math.round(to - from))}" height="12" rx="2"/>`,
    );
  }
  for (const transition of data.transitions) {
    const cx = Math.round(x(transition.time));
    if (transition.event === 'reopen') {
      // A return: from the phase left, back up to the earlier one.
      const fromY = y(transition.from);
      const toY = y(transition.to);
      parts.push(`<path class="return" d="M ${cx} ${fromY} C ${cx - 24} ${fromY}, ${cx - 24} ${toY}, ${cx} ${toY}"/>`);
      parts.push(`<path class="return" d="M ${cx - 6} ${toY - 6} L ${cx} ${toY} L ${cx - 6} ${toY + 6}"/>`);
    }
    const lane = transition.event === 'terminate' || transition.complete ? transition.from : transition.to;
    const what =
      transition.event === 'advance'
        ? `${transition.from} → ${transition.complete ? 'complete' : transition.to}`
        : transition.event === 'reopen'
          ? `${transition.from} → back to ${transition.to}`
          : transition.event === 'init'
            ? `started in ${transition.to}`
            : `terminated in ${transition.from}`;
    parts.push(
      `<circle class="mark mark-${transition.event}" data-seq="${transition.seq}" data-event="${transition.event}" cx="${cx}" cy="${y(lane)}" r="5"><title>#${transition.seq} ${text(what)}, ${when(transition.time)}, ${text(transition.actor)}</title></circle>`,
    );
  }
  if (data.lifecycle === 'active') {
    parts.push(`<line class="now" x1="${Math.round(x(now))}" x2="${Math.round(x(now))}" y1="${TOP}" y2="${TOP + lanes.length * LANE}"/>`);
  }
  const axisY = TOP + lanes.length * LANE + 4;
  parts.push(`<line class="axis" x1="${LABEL}" x2="${WIDTH - 20}" y1="${axisY}" y2="${axisY}"/>`);
  parts.push(`<text x="${LABEL}" y="${axisY + 16}" text-anchor="start">${day(new Date(start).toISOString())}</text>`);
  parts.push(`<text x="${WIDTH - 20}" y="${axisY + 16}">${day(new Date(end).toISOString())}</text>`);
  const title = `${idPrefix}-timeline-title`;
  const summary = `${data.transitions.length} transitions from ${day(new Date(start).toISOString())} to ${day(new Date(end).toISOString())}; ${data.visits.filter((visit) => visit.enteredBy === 'reopen').length} reopened`;
  return `<figure class="timeline">
<svg role="img" aria-labelledby="${attr(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"><title id="${attr(title)}">Phase timeline: ${text(summary)}</title>${parts.join('')}</svg>
<figcaption class="muted">${text(summary)}. Bars: stays in a phase; circles: transitions; arrows: reopens.</figcaption>
</figure>
${visitsTable(data, now)}`;
}

function visitsTable(data: ProjectReportData, now: number): string {
  const titles = Object.fromEntries(data.phases.map((phase) => [phase.id, phase.title]));
  const rows = data.visits.map((visit) => {
    const left = visit.leftAt ? Date.parse(visit.leftAt) : now;
    const how = visit.enteredBy === 'reopen' ? 'reopened' : visit.enteredBy === 'init' ? 'started' : 'advanced';
    const exit = visit.leftAt
      ? `${when(visit.leftAt)} (${visit.leftBy === 'complete' ? 'completed' : visit.leftBy === 'reopen' ? 'reopened an earlier phase' : visit.leftBy === 'terminate' ? 'terminated' : 'advanced'})`
      : '<strong>current</strong>';
    return `<tr><td>${text(titles[visit.phase] ?? visit.phase)} <code>${text(visit.phase)}</code><td>${when(visit.enteredAt)} (${how}, #${visit.enteredSeq})<td>${exit}<td>${duration(left - Date.parse(visit.enteredAt))}`;
  });
  return `<table class="visits"><caption class="muted">Stays in each phase</caption><thead><tr><th>Phase<th>Entered<th>Left<th>Time spent</thead><tbody>${rows.join('')}</tbody></table>`;
}

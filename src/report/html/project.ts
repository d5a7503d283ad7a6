// One project's section of the report: who and where it is, its timeline, the current gate and
// the regression guard, sign-offs, waivers and their debt, documents, and the ledger.
import type { ProjectReportData } from '../../lifecycle/report-data.js';
import { type CommonHints, renderGate } from './checks.js';
import { renderLedger } from './ledger.js';
import { attr, day, plural, slug, text, timeTag, when } from './markup.js';
import { renderTimeline } from './timeline.js';

export interface SectionOptions {
  /** Heading level of the project's title: 1 on a page of its own, 2 in a portfolio. */
  level: 1 | 2;
  /** Unique prefix for ids on a page holding many projects. */
  id: string;
  /** Hints said once on the page (a portfolio's common fixes): the checks giving them link there. */
  common?: CommonHints | undefined;
}

export function lifecycleLabel(data: Pick<ProjectReportData, 'lifecycle' | 'phase' | 'phases'>): string {
  if (data.lifecycle === 'complete') return 'complete';
  if (data.lifecycle === 'terminated') return `terminated in ${data.phase}`;
  const phase = data.phases.find((candidate) => candidate.id === data.phase);
  return phase ? `${phase.title} (${phase.id})` : data.phase;
}

export function renderProject(data: ProjectReportData, options: SectionOptions): string {
  const h = (level: number) => (title: string, id?: string) => `<h${level}${id ? ` id="${attr(`${options.id}-${id}`)}"` : ''}>${text(title)}</h${level}>`;
  const section = h(options.level + 1);
  const sub = h(options.level + 2);
  const titles = Object.fromEntries(data.phases.map((phase) => [phase.id, phase.title]));
  const { margins } = data;
  const parts = [
    `<section class="project" id="${attr(options.id)}" aria-labelledby="${attr(`${options.id}-title`)}">`,
    `<h${options.level} id="${attr(`${options.id}-title`)}">${text(data.project.name)}</h${options.level}>`,
    data.project.description ? `<p class="lead">${text(data.project.description)}</p>` : '',
    facts(data, options.level === 1),
    owners(data),
    section('Phase timeline', 'timeline'),
    renderTimeline(data, options.id),
    section(`Current gate: ${titles[data.phase] ?? data.phase}`, 'gate'),
    data.lifecycle === 'active' ? '' : `<p class="muted">The project is ${text(lifecycleLabel(data))}; this is the gate of its last phase.</p>`,
    `<div class="gate-current">${renderGate(data.gate, titles, margins, options.common)}</div>`,
    section('Regression guard: the phases already passed', 'guard'),
    `<div class="gate-guard">${data.guard ? renderGate(data.guard, titles, margins, options.common) : `<p class="muted">${data.guardError ? text(data.guardError) : 'No phase has been passed yet.'}</p>`}</div>`,
    section('Sign-offs', 'sign-offs'),
    signOffs(data),
    section('Waivers', 'waivers'),
    waivers(data, sub),
    section('Documents', 'documents'),
    documents(data),
    renderLedger(data, (title) => section(title, 'ledger')),
    '</section>',
  ];
  return parts.join('\n');
}

/** `dated`: a page of its own says when it was made (a portfolio says it once, at the top). */
function facts(data: ProjectReportData, dated: boolean): string {
  const rows: [string, string][] = [
    [
      'Status',
      data.lifecycle === 'active'
        ? `in <strong>${text(lifecycleLabel(data))}</strong>${data.daysInPhase !== undefined ? `, for ${plural(data.daysInPhase, 'day')}` : ''}`
        : `<strong>${text(lifecycleLabel(data))}</strong>`,
    ],
    ['Preset', text(data.project.preset ?? '—')],
    ['Domain', text(data.project.domain ?? '—')],
    ['Last advance', data.lastAdvance ? timeTag(data.lastAdvance) : 'none yet'],
    ...(dated ? [['Report made', timeTag(data.generatedAt)] as [string, string]] : []),
  ];
  if (data.terminated) rows.splice(1, 0, ['Ended', `${when(data.terminated.time)}: ${text(data.terminated.reason)}`]);
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function owners(data: ProjectReportData): string {
  if (data.project.owners.length === 0) return '<p class="muted">No owners are named in lepton.yaml.</p>';
  const rows = data.project.owners.map((owner) => `<tr><td>${text(owner.name)}<td>${text(owner.email)}<td>${owner.roles.map((role) => text(role)).join(', ')}`);
  return `<table class="owners"><caption class="muted">Owners and roles</caption><thead><tr><th>Name<th>Email<th>Roles</thead><tbody>${rows.join('')}</tbody></table>`;
}

function signOffs(data: ProjectReportData): string {
  if (data.signOffs.length === 0) return '<p class="muted">No sign-off recorded.</p>';
  const rows = data.signOffs.map(
    (signOff) =>
      `<tr data-seq="${signOff.seq}"><td>${text(signOff.name)}<br><span class="muted">${text(signOff.email)}</span><td>${signOff.roles.map((role) => text(role)).join(', ')}<td><code>${text(signOff.phase)}/${text(signOff.checkId)}</code><td>${timeTag(signOff.at)}<td>${signOff.evidence ? `<span class="mono">${text(signOff.evidence.slice(0, 12))}</span>` : '<span class="muted">not recorded</span>'}<td>${signOff.current ? 'counts' : '<span class="muted">an earlier visit of the phase</span>'}${signOff.note ? `<br>“${text(signOff.note)}”` : ''}`,
  );
  return `<table class="sign-offs"><thead><tr><th>Who<th>Roles<th>Check<th>When<th>Evidence<th>Standing</thead><tbody>${rows.join('')}</tbody></table>`;
}

function daysLeft(days: number): string {
  if (days < 0) return `expired ${plural(-days, 'day')} ago`;
  if (days === 0) return 'last day today';
  return plural(days, 'day');
}

function waivers(data: ProjectReportData, sub: (title: string, id?: string) => string): string {
  const { waiverDebt: debt } = data;
  const summary =
    debt.count === 0
      ? '<p>Waiver debt: <strong>none</strong>.</p>'
      : `<div class="card waiver-debt"><p>Waiver debt: <strong>${plural(debt.count, 'open waiver')}</strong>; oldest granted ${day(debt.oldest!.at)} (<code>${text(debt.oldest!.checkId)}</code>); soonest to expire ${text(debt.soonest!.until)} (<code>${text(debt.soonest!.checkId)}</code>, ${daysLeft(debt.soonest!.daysLeft)} left).</p></div>`;
  if (data.waivers.length === 0) return summary;
  const rows = data.waivers.map(
    (waiver) =>
      `<tr class="waiver" data-seq="${waiver.seq}" data-days-left="${waiver.daysLeft}"><td><code>${text(waiver.phase)}/${text(waiver.checkId)}</code><td>${text(waiver.by)}<td>${timeTag(waiver.at, day(waiver.at))}<td>${text(waiver.until)}<td class="days-left">${daysLeft(waiver.daysLeft)}<td>${waiver.open ? 'open' : waiver.daysLeft < 0 ? 'expired' : 'an earlier visit'}<td>${text(waiver.reason)}`,
  );
  return `${summary}${sub('Every waiver')}<table class="waivers"><thead><tr><th>Check<th>By<th>Granted<th>Until<th>Days left<th>State<th>Reason</thead><tbody>${rows.join('')}</tbody></table>`;
}

function documents(data: ProjectReportData): string {
  if (data.documents.length === 0) return '<p class="muted">No document check in the phases reached so far.</p>';
  const rows = data.documents.map((document) => {
    const share = document.total ? Math.round((document.filled / document.total) * 100) : 0;
    const cell = document.exists
      ? `${document.filled} / ${document.total} <meter min="0" max="${Math.max(1, document.total)}" value="${document.filled}" aria-label="${attr(`${document.file}: ${document.filled} of ${document.total} sections filled`)}">${share}%</meter>`
      : '<span class="status fail">missing</span>';
    return `<tr><td><code>${text(document.file)}</code><td><code>${text(document.phase)}/${text(document.checkId)}</code><td>${cell}`;
  });
  return `<table class="documents"><thead><tr><th>Document<th>Check<th>Sections filled</thead><tbody>${rows.join('')}</tbody></table>`;
}

export function projectAnchor(path: string): string {
  return `project-${slug(path)}`;
}

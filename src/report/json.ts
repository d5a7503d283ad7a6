// `--format json`: exactly the documented objects; evidence and what only the reporters need stay out.
import type { CheckResult, GateReport } from '../gate/types.js';
import type { AllReport, ProjectResult } from '../lifecycle/all-projects.js';
import type { HistoryReport } from '../lifecycle/history.js';
import type { StatusReport } from '../lifecycle/status.js';
import type { VerifyReport } from '../lifecycle/verify.js';

/**
 * Significant digits of the numbers lepton derives (means, rates, quantiles, deltas, interval
 * bounds, p-values) in JSON: 0.85 - 0.74 prints -0.11, not -0.10999999999999999. Only the output
 * is rounded; the verdicts were reached on the unrounded values.
 */
export const JSON_DIGITS = 12;

const derived = (value: number) => (Number.isFinite(value) ? Number(value.toPrecision(JSON_DIGITS)) : value);

export function publicCheck({ evidence: _evidence, reads: _reads, ...result }: CheckResult): Omit<CheckResult, 'evidence' | 'reads'> {
  // An eval check's values are aggregates it computed; a metric check's are read from the file as they are.
  const read = result.kind !== 'eval';
  const values = !read && Array.isArray(result.values) ? { values: result.values.map((value) => ({ ...value, value: value.value === null ? null : derived(value.value) })) } : {};
  const comparison = result.comparison && {
    comparison: {
      ...result.comparison,
      metrics: result.comparison.metrics.map((metric) => ({
        ...metric,
        ...(!read && { baseline: derived(metric.baseline), candidate: derived(metric.candidate) }),
        delta: derived(metric.delta),
        ...(metric.low !== undefined && { low: derived(metric.low) }),
        ...(metric.high !== undefined && { high: derived(metric.high) }),
        ...(metric.mcnemarP !== undefined && { mcnemarP: derived(metric.mcnemarP) }),
      })),
    },
  };
  return { ...result, ...values, ...comparison };
}

export function gateJson({ unmatched: _unmatched, ...report }: GateReport) {
  return { ...report, checks: report.checks.map(publicCheck) };
}

export function statusJson(report: StatusReport) {
  return { ...report, gate: { ...report.gate, checks: report.gate.checks.map(publicCheck) } };
}

function historyJson(report: HistoryReport) {
  const { version, project, phase, complete, terminated, entries } = report;
  return { version, project, phase, complete, terminated, entries };
}

function projectJson({ result, warnings: _warnings, root: _root, titles: _titles, ...project }: ProjectResult) {
  if (project.error?.code) {
    const { code: _code, ...error } = project.error;
    return { ...project, error };
  }
  if (!result) return project;
  const report = result.command === 'gate' ? gateJson(result.report) : result.command === 'status' ? statusJson(result.report) : result.report;
  return { ...project, report };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export const formatGateJson = (report: GateReport) => json(gateJson(report));
export const formatStatusJson = (report: StatusReport) => json(statusJson(report));
export const formatVerifyJson = (report: VerifyReport) => json(report);
export const formatHistoryJson = (report: HistoryReport) => json(historyJson(report));
export const formatAllJson = ({ unmatched: _unmatched, ...report }: AllReport) => json({ ...report, projects: report.projects.map(projectJson) });

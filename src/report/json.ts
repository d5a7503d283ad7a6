// `--format json`: exactly the documented objects; evidence and what only the reporters need stay out.
import type { CheckResult, GateReport } from '../gate/types.js';
import type { AllReport, ProjectResult } from '../lifecycle/all-projects.js';
import type { HistoryReport } from '../lifecycle/history.js';
import type { StatusReport } from '../lifecycle/status.js';
import type { VerifyReport } from '../lifecycle/verify.js';

export function publicCheck({ evidence: _evidence, reads: _reads, ...result }: CheckResult): Omit<CheckResult, 'evidence' | 'reads'> {
  return result;
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

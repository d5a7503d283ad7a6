// `--format json`: exactly the documented object; evidence stays out.
import type { CheckResult, GateReport } from '../gate/types.js';

export function publicCheck({ evidence: _evidence, ...result }: CheckResult): Omit<CheckResult, 'evidence'> {
  return result;
}

export function formatGateJson(report: GateReport): string {
  return `${JSON.stringify({ ...report, checks: report.checks.map(publicCheck) }, null, 2)}\n`;
}

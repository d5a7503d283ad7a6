// `--format json`: exactly the documented object; evidence (and the files it was read from) stays out.
import type { CheckResult, GateReport } from '../gate/types.js';

export function publicCheck({ evidence: _evidence, reads: _reads, ...result }: CheckResult): Omit<CheckResult, 'evidence' | 'reads'> {
  return result;
}

export function formatGateJson(report: GateReport): string {
  return `${JSON.stringify({ ...report, checks: report.checks.map(publicCheck) }, null, 2)}\n`;
}

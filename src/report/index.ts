// Picks the reporter for a format; each format is its own module, loaded when used.
import { usageError } from '../errors.js';
import type { GateReport } from '../gate/types.js';

export type ReportFormat = 'pretty' | 'json' | 'junit' | 'github' | 'markdown';

export interface ReportOptions {
  color: boolean;
  titles?: Record<string, string>;
  env: NodeJS.ProcessEnv;
}

export function resolveFormat(requested: string | undefined, env: NodeJS.ProcessEnv): ReportFormat {
  void env;
  return (requested as ReportFormat | undefined) ?? 'pretty';
}

export async function formatGateReport(format: ReportFormat, report: GateReport, options: ReportOptions): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).formatGateJson(report);
    case 'pretty':
      return (await import('./pretty.js')).formatGatePretty(report, options);
    default:
      throw usageError(`--format ${format} is not available for this command`, 'use --format pretty or json');
  }
}

// What every format reader shares: it streams cases into a table and returns what the run records.
import type { CaseTable, Fingerprint } from '../cases.js';

export interface FormatResult {
  fingerprint: Fingerprint;
  /** The tool and version the file says wrote it, when it does ("promptfoo 0.118.17"). */
  tool?: string | undefined;
}

/** Reads `file` (absolute) into `table`; `display` is the project-relative name for messages. */
export type FormatReader = (file: string, display: string, table: CaseTable) => Promise<FormatResult>;

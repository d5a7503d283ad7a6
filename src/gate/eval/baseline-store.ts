// Blessed baselines: `.lepton/baselines/<sha256>.jsonl.gz`, committed. The name is the SHA-256 of
// the uncompressed text (a header line, then one collapsed case per line), so the same results
// bless to the same file and a file edited by hand is caught when it is read.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../../fs.js';
import type { CollapsedCase, EvalFormat, Fingerprint } from './cases.js';

export const BASELINES_DIR = '.lepton/baselines';

export interface BaselineHeader {
  lepton: 'eval-baseline';
  version: 1;
  format: EvalFormat;
  fingerprint: Fingerprint;
  cases: number;
  tool?: string | undefined;
}

export function baselinePath(sha256: string): string {
  return `${BASELINES_DIR}/${sha256}.jsonl.gz`;
}

export function baselineText(run: { format: EvalFormat; fingerprint: Fingerprint; cases: CollapsedCase[]; tool?: string | undefined }): string {
  const header: BaselineHeader = {
    lepton: 'eval-baseline',
    version: 1,
    format: run.format,
    fingerprint: run.fingerprint,
    cases: run.cases.length,
    ...(run.tool && { tool: run.tool }),
  };
  const sorted = [...run.cases].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
  return `${[header, ...sorted].map((line) => JSON.stringify(line)).join('\n')}\n`;
}

/** Writes the baseline (if not there already) and returns its SHA-256 and project-relative path. */
export async function storeBaseline(root: string, run: Parameters<typeof baselineText>[0]): Promise<{ sha256: string; path: string }> {
  const text = baselineText(run);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const relative = baselinePath(sha256);
  await mkdir(path.join(root, BASELINES_DIR), { recursive: true });
  await writeFileAtomic(path.join(root, relative), gzipSync(text, { level: 9 }));
  return { sha256, path: relative };
}

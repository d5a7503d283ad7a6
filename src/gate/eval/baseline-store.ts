// Blessed baselines: `.lepton/baselines/<sha256>.jsonl.gz`, committed. The name is the SHA-256 of
// the uncompressed text (a header line, then one collapsed case per line), so the same results
// bless to the same file and a file edited by hand is caught when it is read.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../../fs.js';
import { EvalFileError, type CollapsedCase, type EvalFormat, type Fingerprint } from './cases.js';
import { BaselineColumns, type BaselineRun } from './compare.js';

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

/** The baseline's cases, holding of each only what a comparison of `metrics` reads (see BaselineRun). */
export async function readBaseline(root: string, sha256: string, seq: number, metrics: readonly string[]): Promise<BaselineRun & { header: BaselineHeader }> {
  const relative = baselinePath(sha256);
  // Read whole and inflated at once: a baseline is a tenth of its text compressed, and one gunzip
  // of the file costs less than a stream of small inflated chunks decoded and hashed one by one.
  let bytes: Buffer;
  try {
    bytes = gunzipSync(await readFile(path.join(root, relative)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EvalFileError(`the blessed baseline ${relative} (ledger entry #${seq}) is missing: commit .lepton/baselines/ with the ledger`);
    throw new EvalFileError(`the blessed baseline ${relative} cannot be read: ${(error as Error).message}`);
  }
  const text = bytes.toString('utf8');
  let header: BaselineHeader | undefined;
  const cases = new BaselineColumns(metrics);
  if (createHash('sha256').update(bytes).digest('hex') === sha256) {
    let start = 0;
    let line = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      line++;
      if (end > start) {
        const parsed = JSON.parse(text.slice(start, end)) as unknown;
        if (line === 1) header = parsed as BaselineHeader;
        else cases.add(parsed as CollapsedCase);
      }
      start = end + 1;
    }
  }
  if (header?.lepton !== 'eval-baseline') {
    throw new EvalFileError(`the blessed baseline ${relative} does not match its name (ledger entry #${seq}): it was changed after it was blessed; restore it from git`);
  }
  return { sha256, seq, fingerprint: header.fingerprint, header, ...cases.done() };
}

// Reads a results file of any supported format into collapsed cases.
import { CaseTable, EvalFileError, type CollapsedCase, type EvalFormat, type Fingerprint } from '../cases.js';
import { sniff } from '../source.js';
import { detectFormat, FORMAT_NAMES } from './detect.js';
import type { FormatReader } from './types.js';

export interface EvalRun {
  format: EvalFormat;
  cases: CollapsedCase[];
  /** Rows read (cases × repeats). */
  rows: number;
  fingerprint: Fingerprint;
  tool?: string | undefined;
}

const READERS: Record<EvalFormat, () => Promise<FormatReader>> = {
  promptfoo: () => import('./promptfoo.js').then((module) => module.readPromptfoo),
  'lm-eval': () => import('./lm-eval.js').then((module) => module.readLmEval),
  deepeval: () => import('./deepeval.js').then((module) => module.readDeepeval),
  ragas: () => import('./ragas.js').then((module) => module.readRagas),
  jsonl: () => import('./jsonl.js').then((module) => module.readJsonl),
};

/** `format` is the manifest's (`auto` by default); `display` names the file in messages. */
export async function readEvalRun(file: string, display: string, format: EvalFormat | 'auto'): Promise<EvalRun> {
  const head = await sniff(file);
  if (head.trim() === '') throw new EvalFileError(`${display} is empty`);
  const detected = detectFormat(head);
  let chosen: EvalFormat;
  if (format === 'auto') {
    if (!detected) throw new EvalFileError(`${display} is in no format lepton reads: expected ${Object.values(FORMAT_NAMES).join('; ')}`);
    chosen = detected;
  } else {
    if (detected && detected !== format) {
      throw new EvalFileError(`${display} is not ${FORMAT_NAMES[format]}: it looks like ${FORMAT_NAMES[detected]} (set format: ${detected}, or auto)`);
    }
    chosen = format;
  }
  const table = new CaseTable();
  const result = await (await READERS[chosen]())(file, display, table);
  return { format: chosen, cases: table.collapse(), rows: table.rows, fingerprint: result.fingerprint, ...(result.tool && { tool: result.tool }) };
}

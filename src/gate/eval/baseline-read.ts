// Reading a blessed baseline on a worker thread, while the gate reads the candidate's results: the
// baseline is inflated, its SHA-256 checked against its name, and each case parsed into the columns
// a comparison reads (BaselineRun). On 100,000 cases that is a third of the gate's work, done on
// the machine's other core; only the columns come back (typed arrays moved, not copied).
import { Worker } from 'node:worker_threads';
import { EvalFileError } from './cases.js';
import path from 'node:path';
import { type BaselineHeader, baselinePath } from './baseline-store.js';
import type { BaselineRun } from './compare.js';

interface Read {
  header?: BaselineHeader;
  ids: string[];
  pass: Float64Array;
  metrics: [string, Float64Array][];
  inputs: [number, string][];
}

type Answer = { read: Read } | { missing: true } | { unreadable: string } | { mismatch: true };

/**
 * The worker's code: self-contained (its source text is what the worker runs), so it names nothing
 * outside itself but Node's modules.
 */
function readInWorker(): void {
  const { parentPort, workerData } = require('node:worker_threads');
  const { readFileSync } = require('node:fs');
  const { gunzipSync } = require('node:zlib');
  const { createHash } = require('node:crypto');
  const { file, sha256, names } = workerData as { file: string; sha256: string; names: string[] };
  let bytes: Buffer;
  try {
    bytes = gunzipSync(readFileSync(file));
  } catch (error) {
    const code = (error as { code?: string }).code;
    parentPort.postMessage(code === 'ENOENT' ? { missing: true } : { unreadable: (error as Error).message });
    return;
  }
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    parentPort.postMessage({ mismatch: true });
    return;
  }
  const text = bytes.toString('utf8');
  const compared = names.filter((name) => name !== 'pass');
  let capacity = 1024;
  let pass = new Float64Array(capacity);
  let columns = compared.map(() => new Float64Array(capacity));
  const grown = (values: Float64Array) => {
    const larger = new Float64Array(capacity);
    larger.set(values);
    return larger;
  };
  const ids: string[] = [];
  const inputs: [number, string][] = [];
  let header: unknown;
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    if (end > start) {
      const parsed = JSON.parse(text.slice(start, end));
      if (line === 1) header = parsed;
      else {
        const at = ids.length;
        if (at === capacity) {
          capacity *= 2;
          pass = grown(pass);
          columns = columns.map(grown);
        }
        ids.push(parsed.id);
        pass[at] = parsed.pass ?? Number.NaN;
        for (let column = 0; column < compared.length; column++) columns[column]![at] = parsed.metrics?.[compared[column]!] ?? Number.NaN;
        if (parsed.input !== undefined) inputs.push([at, parsed.input]);
      }
    }
    start = end + 1;
  }
  const size = ids.length;
  const metrics = compared.map((name, column) => [name, columns[column]!.slice(0, size)] as [string, Float64Array]);
  const passes = pass.slice(0, size);
  parentPort.postMessage({ read: { header, ids, pass: passes, metrics, inputs } }, [passes.buffer, ...metrics.map(([, values]) => values.buffer)]);
}

const WORKER_SOURCE = `(${readInWorker.toString()})()`;

/**
 * Starts reading the baseline `sha256` (ledger entry `seq`), keeping of each case what a comparison
 * of `names` reads; `read` says what the file holds, or why it cannot be used (EvalFileError), and
 * `stop` ends the reading thread (a check that ends early).
 */
export function readBaseline(root: string, sha256: string, seq: number, names: readonly string[]): { read: Promise<BaselineRun & { header: BaselineHeader }>; stop: () => void } {
  const relative = baselinePath(sha256);
  const file = path.join(root, relative);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sha256, names: [...names] } });
  const read = new Promise<BaselineRun & { header: BaselineHeader }>((resolve, reject) => {
    worker.once('error', (error) => reject(new EvalFileError(`the blessed baseline ${relative} cannot be read: ${error.message}`)));
    // A thread that ends without an answer (stopped, or out of memory) must not leave the gate waiting.
    worker.once('exit', (code) => reject(new EvalFileError(`the blessed baseline ${relative} cannot be read: its reader stopped (exit code ${code})`)));
    worker.once('message', (answer: Answer) => {
      void worker.terminate();
      if ('missing' in answer) reject(new EvalFileError(`the blessed baseline ${relative} (ledger entry #${seq}) is missing: commit .lepton/baselines/ with the ledger`));
      else if ('unreadable' in answer) reject(new EvalFileError(`the blessed baseline ${relative} cannot be read: ${answer.unreadable}`));
      else if ('mismatch' in answer || answer.read.header?.lepton !== 'eval-baseline') {
        reject(new EvalFileError(`the blessed baseline ${relative} does not match its name (ledger entry #${seq}): it was changed after it was blessed; restore it from git`));
      } else {
        const { header, ids, pass, metrics, inputs } = answer.read;
        const index = new Map<string, number>();
        for (let at = 0; at < ids.length; at++) index.set(ids[at]!, at);
        resolve({ sha256, seq, fingerprint: header!.fingerprint, header: header!, size: ids.length, index, pass, metrics: new Map(metrics), inputs: new Map(inputs) });
      }
    });
  });
  return { read, stop: () => void worker.terminate() };
}

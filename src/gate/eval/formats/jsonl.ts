// The generic JSONL: one `{ id, pass?, metrics?, category?, repeat? }` per line; streamed.
import { describeValue, EvalFileError, type CaseTable } from '../cases.js';
import { eachLine } from '../source.js';
import type { FormatReader } from './types.js';

export const readJsonl: FormatReader = async (file, display, table) => {
  await eachLine(file, (text, line) => {
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new EvalFileError(`${display}:${line} is not valid JSON: ${(error as Error).message}`);
    }
    addCase(parsed, line, display, table);
  });
  return { fingerprint: {} };
};

function addCase(parsed: unknown, line: number, display: string, table: CaseTable): void {
  const where = `line ${line}`;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new EvalFileError(`${display}:${line} is ${describeValue(parsed)}, not a case object ({ "id", "pass", "metrics" })`);
  }
  const record = parsed as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new EvalFileError(`${display}:${line}: the case has ${id === undefined ? 'no "id"' : `an "id" that is ${describeValue(id)}`}; each line needs a string or number id`);
  }
  const name = String(id);
  const fail = (message: string) => new EvalFileError(`${display}:${line}: case "${name}" ${message}`);
  const pass = record.pass;
  if (pass !== undefined && typeof pass !== 'boolean' && pass !== 0 && pass !== 1) throw fail(`has "pass": ${describeValue(pass)}, expected true or false`);
  let metrics = record.metrics as Record<string, unknown> | undefined;
  if (metrics === undefined) metrics = {};
  else {
    if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) throw fail(`has "metrics": ${describeValue(metrics)}, expected an object of numbers`);
    // The parsed object is kept as it is when every value is a number (the common case: no copy).
    for (const metric in metrics) {
      const value = metrics[metric];
      if (typeof value === 'number' && Number.isFinite(value)) continue;
      if (value !== null) throw fail(`has metric "${metric}": ${describeValue(value)}, not a number`);
      delete metrics[metric];
    }
  }
  const category = record.category;
  if (category !== undefined && typeof category !== 'string') throw fail(`has "category": ${describeValue(category)}, expected a string`);
  const repeat = record.repeat;
  if (repeat !== undefined && !(Number.isInteger(repeat) && (repeat as number) >= 0)) throw fail(`has "repeat": ${describeValue(repeat)}, expected a whole number`);
  table.add({
    id: name,
    pass: pass === undefined ? undefined : Boolean(pass),
    metrics: metrics as Record<string, number>,
    category: category as string | undefined,
    repeat: repeat as number | undefined,
    where,
  });
}

// The generic JSONL: one `{ id, pass?, metrics?, category?, repeat? }` per line; streamed.
import { describeValue, EvalFileError, type CaseTable } from '../cases.js';
import { lines } from '../source.js';
import type { FormatReader } from './types.js';

export const readJsonl: FormatReader = async (file, display, table) => {
  for await (const { text, line } of lines(file)) {
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new EvalFileError(`${display}:${line} is not valid JSON: ${(error as Error).message}`);
    }
    addCase(parsed, line, display, table);
  }
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
  const metrics: Record<string, number> = {};
  if (record.metrics !== undefined) {
    if (record.metrics === null || typeof record.metrics !== 'object' || Array.isArray(record.metrics)) throw fail(`has "metrics": ${describeValue(record.metrics)}, expected an object of numbers`);
    for (const [metric, value] of Object.entries(record.metrics)) {
      if (typeof value === 'number' && Number.isFinite(value)) metrics[metric] = value;
      else if (value !== null) throw fail(`has metric "${metric}": ${describeValue(value)}, not a number`);
    }
  }
  const category = record.category;
  if (category !== undefined && typeof category !== 'string') throw fail(`has "category": ${describeValue(category)}, expected a string`);
  const repeat = record.repeat;
  if (repeat !== undefined && !(Number.isInteger(repeat) && (repeat as number) >= 0)) throw fail(`has "repeat": ${describeValue(repeat)}, expected a whole number`);
  table.add({
    id: name,
    ...(pass !== undefined && { pass: Boolean(pass) }),
    metrics,
    ...(category !== undefined && { category }),
    ...(repeat !== undefined && { repeat: repeat as number }),
    where,
  });
}

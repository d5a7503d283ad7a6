// Ragas' per-sample table, as `result.to_pandas()` is saved: CSV (`to_csv`, streamed) or JSON
// (`to_json`, records or columns). Text columns are the sample; every other column is a metric.
import { describeValue, EvalFileError, type CaseTable } from '../cases.js';
import { readWhole } from '../source.js';
import { csvRecords } from './csv.js';
import { parseJson } from './promptfoo.js';
import type { FormatReader } from './types.js';

/** Columns of a Ragas sample (current and pre-0.2 names): never metrics. */
export const RAGAS_TEXT_COLUMNS = new Set([
  'user_input',
  'retrieved_contexts',
  'reference_contexts',
  'response',
  'multi_responses',
  'reference',
  'rubrics',
  'question',
  'contexts',
  'answer',
  'ground_truth',
  'ground_truths',
  'id',
  'category',
]);

export const readRagas: FormatReader = async (file, display, table) => {
  const head = (await import('../source.js').then((module) => module.sniff(file))).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) readJsonTable(parseJson(await readWhole(file), display), display, table);
  else await readCsvTable(file, display, table);
  return { fingerprint: {}, tool: 'Ragas' };
};

async function readCsvTable(file: string, display: string, table: CaseTable): Promise<void> {
  let header: string[] | undefined;
  let row = 0;
  for await (const { fields, line } of csvRecords(file)) {
    if (!header) {
      header = fields;
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== header.length) throw new EvalFileError(`${display}:${line}: row ${row} has ${fields.length} columns, the header ${header.length}`);
    const record: Record<string, string> = {};
    for (const [index, name] of header.entries()) record[name] = fields[index]!;
    addRow(record, row, `line ${line}`, display, table, (text) => (text === '' ? null : Number(text)));
    row++;
  }
  if (!header) throw new EvalFileError(`${display} is empty`);
}

function readJsonTable(data: unknown, display: string, table: CaseTable): void {
  let rows: Record<string, unknown>[];
  if (Array.isArray(data)) rows = data as Record<string, unknown>[];
  else if (data && typeof data === 'object') {
    // pandas' default orient, "columns": { column: { rowIndex: value } }.
    const columns = data as Record<string, Record<string, unknown>>;
    const indexes = Object.keys(Object.values(columns)[0] ?? {});
    rows = indexes.map((index) => Object.fromEntries([['', index], ...Object.entries(columns).map(([name, values]) => [name, values?.[index]])]));
  } else throw new EvalFileError(`${display} is ${describeValue(data)}, not a Ragas table`);
  for (const [index, row] of rows.entries()) addRow(row, index, `[${index}]`, display, table, (value) => value);
}

function addRow(record: Record<string, unknown>, row: number, where: string, display: string, table: CaseTable, toNumber: (value: never) => unknown): void {
  const id = String(record.id ?? (record[''] !== undefined && record[''] !== '' ? record[''] : row));
  const metrics: Record<string, number> = {};
  for (const [name, raw] of Object.entries(record)) {
    if (name === '' || RAGAS_TEXT_COLUMNS.has(name)) continue;
    const value = toNumber(raw as never);
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value) && (raw === 'nan' || raw === 'NaN'))) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new EvalFileError(
        `${display} (${where}): case "${id}" has ${JSON.stringify(name)} = ${describeValue(raw)}, not a number (text columns Ragas writes: ${[...RAGAS_TEXT_COLUMNS].slice(0, 7).join(', ')})`,
      );
    }
    metrics[name] = value;
  }
  const category = record.category;
  table.add({ id, metrics, ...(typeof category === 'string' && category !== '' && { category }), where });
}

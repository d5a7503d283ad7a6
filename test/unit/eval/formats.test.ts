// Each format reader on files its tool wrote (or, for DeepEval and Ragas, files written to their
// documented shape: see each fixture's script). Values are checked against the raw files, so a
// field read from the wrong place fails here.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readEvalRun } from '../../../src/gate/eval/formats/index.js';

const fixture = (relative: string) => new URL(`../../fixtures/eval/${relative}`, import.meta.url).pathname;
const byId = <T extends { id: string }>(cases: T[]) => new Map(cases.map((item) => [item.id, item]));

describe('promptfoo', () => {
  const raw = JSON.parse(gunzipSync(readFileSync(fixture('promptfoo/baseline.json.gz'))).toString('utf8'));

  it('reads success, named scores, latency, cost and metadata.category per test description', async () => {
    const run = await readEvalRun(fixture('promptfoo/baseline.json.gz'), 'baseline.json', 'auto');
    expect(run.format).toBe('promptfoo');
    expect(run.tool).toBe('promptfoo 0.118.17');
    expect(run.cases).toHaveLength(200);
    const cases = byId(run.cases);
    for (const [index, result] of raw.results.results.entries()) {
      const item = cases.get(result.testCase.description)!;
      expect(item.pass).toBe(result.success ? 1 : 0);
      expect(item.metrics.faithfulness).toBe(result.namedScores.faithfulness);
      expect(item.metrics.latency_ms).toBe(result.latencyMs);
      expect(item.metrics.score).toBe(result.score);
      expect(item.category).toBe(result.testCase.metadata.category);
      expect(item.where).toBe(`results.results[${index}]`);
    }
    expect(
      run.cases
        .filter((item) => item.pass === 0)
        .map((item) => item.id)
        .sort(),
    ).toContain('billing-007');
  });

  it('folds --repeat runs into pass shares and mean scores, cost included', async () => {
    const rawRepeat = JSON.parse(gunzipSync(readFileSync(fixture('promptfoo/priced-repeat.json.gz'))).toString('utf8'));
    const run = await readEvalRun(fixture('promptfoo/priced-repeat.json.gz'), 'priced-repeat.json', 'promptfoo');
    expect(run.rows).toBe(60);
    expect(run.cases).toHaveLength(20);
    const cases = byId(run.cases);
    expect(cases.get('billing-030')).toMatchObject({ pass: 2 / 3, runs: 3 });
    expect(cases.get('shipping-100')).toMatchObject({ pass: 2 / 3, runs: 3 });
    expect(run.cases.filter((item) => item.pass === 1)).toHaveLength(18);
    const costs = rawRepeat.results.results
      .filter((result: { testCase: { description: string } }) => result.testCase.description === 'billing-000')
      .map((result: { cost: number }) => result.cost);
    expect(costs.every((cost: number) => cost > 0)).toBe(true);
    expect(cases.get('billing-000')!.metrics.cost).toBeCloseTo(costs.reduce((sum: number, cost: number) => sum + cost, 0) / 3, 15);
  });
});

describe('lm-evaluation-harness', () => {
  it('reads a results file: one case per task, the filter dropped from metric names, _stderr kept', async () => {
    const run = await readEvalRun(fixture('lm-eval/results.json'), 'results.json', 'auto');
    expect(run.format).toBe('lm-eval');
    expect(run.tool).toBe('lm-evaluation-harness 0.4.13');
    expect(run.cases).toEqual([expect.objectContaining({ id: 'lepton_even', metrics: { acc: 0.675, acc_stderr: 0.07499999999999998 } })]);
    expect(run.fingerprint.dataset).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads --log_samples JSONL: doc_id as id, acc as pass and metric, doc and prompt hashes as the input', async () => {
    const lines = readFileSync(fixture('lm-eval/samples_lepton_even.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const run = await readEvalRun(fixture('lm-eval/samples_lepton_even.jsonl'), 'samples.jsonl', 'auto');
    expect(run.format).toBe('lm-eval');
    expect(run.cases).toHaveLength(40);
    const cases = byId(run.cases);
    for (const [index, sample] of lines.entries()) {
      const item = cases.get(String(sample.doc_id))!;
      expect(item.metrics.acc).toBe(sample.acc);
      expect(item.pass).toBe(sample.acc);
      expect(item.where).toBe(`line ${index + 1}`);
      expect(item.input).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(run.cases.filter((item) => item.pass === 1)).toHaveLength(27);
  });
});

describe('DeepEval', () => {
  it('reads testCases: name as id, success as pass, metric scores by snake_case name, category from metadata', async () => {
    const raw = JSON.parse(readFileSync(fixture('deepeval/test_run.json'), 'utf8'));
    const run = await readEvalRun(fixture('deepeval/test_run.json'), 'test_run.json', 'auto');
    expect(run.format).toBe('deepeval');
    const cases = byId(run.cases);
    for (const testCase of raw.testCases) {
      const item = cases.get(testCase.name)!;
      expect(item.pass).toBe(testCase.success ? 1 : 0);
      expect(item.metrics.answer_relevancy).toBe(testCase.metricsData[0].score);
      expect(item.metrics.faithfulness).toBe(testCase.metricsData[1].score);
      expect(item.metrics.run_duration).toBe(testCase.runDuration);
      expect(item.category).toBe(testCase.metadata.category);
    }
    expect(run.fingerprint.judge).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('Ragas', () => {
  it('reads to_pandas() CSV (index as id, quoted line breaks, NaN as missing) and JSON records alike', async () => {
    const csv = await readEvalRun(fixture('ragas/ragas.csv'), 'ragas.csv', 'auto');
    const json = await readEvalRun(fixture('ragas/ragas.json'), 'ragas.json', 'auto');
    expect(csv.format).toBe('ragas');
    expect(json.format).toBe('ragas');
    expect(csv.cases).toHaveLength(12);
    const fromCsv = byId(csv.cases);
    expect(fromCsv.get('3')!.metrics).toEqual({ faithfulness: 0.625, answer_relevancy: 0.87, context_precision: 0.5 });
    expect(fromCsv.get('5')!.metrics.faithfulness).toBeUndefined();
    expect(fromCsv.get('4')!.where).toBe('line 7');
    expect(json.cases.map((item) => item.metrics)).toEqual(csv.cases.map((item) => item.metrics));
  });
});

describe('the generic JSONL and detection', () => {
  async function file(name: string, text: string): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'lepton-eval-'));
    const target = path.join(dir, name);
    await writeFile(target, text);
    return target;
  }

  it('reads one case per line with repeats and categories', async () => {
    const target = await file(
      'cases.jsonl',
      [
        '{"id":"a","pass":true,"metrics":{"latency_ms":120},"category":"pii","repeat":0}',
        '{"id":"a","pass":false,"metrics":{"latency_ms":180},"category":"pii","repeat":1}',
        '{"id":"b","pass":true,"metrics":{"latency_ms":90}}',
        '',
      ].join('\n'),
    );
    const run = await readEvalRun(target, 'cases.jsonl', 'auto');
    expect(run.format).toBe('jsonl');
    expect(run.cases).toEqual([
      { id: 'a', pass: 0.5, metrics: { latency_ms: 150 }, category: 'pii', runs: 2, where: 'line 1' },
      { id: 'b', pass: 1, metrics: { latency_ms: 90 }, runs: 1, where: 'line 3' },
    ]);
  });

  it('names the case and the line of a field it cannot read', async () => {
    const missingId = await file('a.jsonl', '{"id":"a","pass":true}\n{"pass":true,"metrics":{}}\n');
    await expect(readEvalRun(missingId, 'evals/a.jsonl', 'jsonl')).rejects.toThrow('evals/a.jsonl:2: the case has no "id"');
    const badMetric = await file('b.jsonl', '{"id":"a","pass":true}\n{"id":"q-17","metrics":{"faithfulness":"high"}}\n');
    await expect(readEvalRun(badMetric, 'evals/b.jsonl', 'jsonl')).rejects.toThrow('evals/b.jsonl:2: case "q-17" has metric "faithfulness": "high", not a number');
    const twice = await file('c.jsonl', '{"id":"a","pass":true,"repeat":0}\n{"id":"a","pass":true,"repeat":0}\n');
    await expect(readEvalRun(twice, 'evals/c.jsonl', 'jsonl')).rejects.toThrow('case "a" (line 2) repeats run 0, already read at line 1');
  });

  it('says which format a file named as another one looks like', async () => {
    await expect(readEvalRun(fixture('promptfoo/baseline.json.gz'), 'evals/out.json', 'jsonl')).rejects.toThrow(
      'evals/out.json is not the generic JSONL ({ "id", "pass", "metrics" } per line): it looks like promptfoo output (`promptfoo eval -o out.json`) (set format: promptfoo, or auto)',
    );
    await expect(readEvalRun(fixture('lm-eval/samples_lepton_even.jsonl'), 'samples.jsonl', 'ragas')).rejects.toThrow(/it looks like lm-evaluation-harness results or samples/);
    await expect(readEvalRun(fixture('ragas/ragas.csv'), 'ragas.csv', 'deepeval')).rejects.toThrow(/it looks like a Ragas table/);
    const unknown = await file('x.json', '{"accuracy": 0.9}');
    await expect(readEvalRun(unknown, 'x.json', 'auto')).rejects.toThrow(/x\.json is in no format lepton reads/);
  });
});

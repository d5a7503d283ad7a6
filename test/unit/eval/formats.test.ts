// Each format reader on files its real tool wrote (see each fixture's script). Values are checked
// exactly, against the raw files and as literals, so a field read from the wrong place fails here.
import { createHash } from 'node:crypto';
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
  // test_run.json is what DeepEval 4.1.10's evaluate() wrote (deepeval/make-fixture.py).
  it('reads testCases: name as id, success as pass, metric scores by snake_case name, category from metadata', async () => {
    const raw = JSON.parse(readFileSync(fixture('deepeval/test_run.json'), 'utf8'));
    const run = await readEvalRun(fixture('deepeval/test_run.json'), 'test_run.json', 'auto');
    expect(run.format).toBe('deepeval');
    expect(run.tool).toBe('DeepEval');
    expect(run.cases.map((item) => item.id)).toEqual(['faq-00', 'faq-01', 'faq-02', 'faq-03', 'faq-04', 'faq-05', 'faq-06', 'faq-07', 'faq-08', 'faq-09']);
    const cases = byId(run.cases);
    expect(cases.get('faq-00')).toMatchObject({
      pass: 1,
      category: 'refunds',
      metrics: { exact_match: 1, pattern_match: 1, keyword_coverage: 1, run_duration: 0.009185475999402115 },
      where: 'testCases[0]',
    });
    // Exact match but no number of days: DeepEval fails the case on Pattern Match alone.
    expect(cases.get('faq-04')).toMatchObject({ pass: 0, category: 'shipping', metrics: { exact_match: 1, pattern_match: 0, keyword_coverage: 1 } });
    expect(cases.get('faq-03')!.metrics).toMatchObject({ exact_match: 0, pattern_match: 0, keyword_coverage: 0.3333 });
    expect(cases.get('faq-07')).toMatchObject({ pass: 0, category: 'refunds', metrics: { keyword_coverage: 0.5 } });
    expect(run.cases.filter((item) => item.pass === 1).map((item) => item.id)).toEqual(['faq-00', 'faq-02', 'faq-06', 'faq-09']);
    for (const [index, testCase] of raw.testCases.entries()) {
      const item = cases.get(testCase.name)!;
      expect(item.pass).toBe(testCase.success ? 1 : 0);
      expect(item.metrics).toEqual({
        exact_match: testCase.metricsData[0].score,
        pattern_match: testCase.metricsData[1].score,
        keyword_coverage: testCase.metricsData[2].score,
        run_duration: testCase.runDuration,
      });
      expect(item.category).toBe(testCase.metadata.category);
      expect(item.where).toBe(`testCases[${index}]`);
    }
    // Only the custom metric names an evaluation model: the judge is that metric and model.
    expect(run.fingerprint).toEqual({ judge: createHash('sha256').update('Keyword Coverage|keyword-overlap-v1').digest('hex').slice(0, 16) });
  });
});

describe('Ragas', () => {
  // ragas.csv and ragas.json are Ragas 0.4.0's result.to_pandas() saved by pandas (ragas/make-fixtures.py).
  it('reads to_pandas() CSV (index as id, quoted line breaks and quotes) and JSON records alike', async () => {
    const csv = await readEvalRun(fixture('ragas/ragas.csv'), 'ragas.csv', 'auto');
    const json = await readEvalRun(fixture('ragas/ragas.json'), 'ragas.json', 'auto');
    expect(csv.format).toBe('ragas');
    expect(json.format).toBe('ragas');
    expect(csv.tool).toBe('Ragas');
    expect(csv.cases).toHaveLength(12);
    expect(json.cases).toHaveLength(12);
    expect(csv.cases.map((item) => item.id)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    const fromCsv = byId(csv.cases);
    // CSV keeps every digit pandas has; fields with commas, doubled quotes and (case 3) a line break are one field each.
    expect(fromCsv.get('0')!.metrics).toEqual({ exact_match: 0, string_present: 1, non_llm_string_similarity: 0.17500000000000004, bleu_score: 0.08392229812593097 });
    expect(fromCsv.get('1')!.metrics).toEqual({ exact_match: 1, string_present: 1, non_llm_string_similarity: 1, bleu_score: 1.0000000000000004 });
    expect(fromCsv.get('3')!.metrics).toEqual({ exact_match: 0, string_present: 1, non_llm_string_similarity: 0.6153846153846154, bleu_score: 0.5450176720923848 });
    expect(fromCsv.get('5')!.metrics).toEqual({ exact_match: 0, string_present: 0, non_llm_string_similarity: 0.22499999999999998, bleu_score: 0.051145987070888896 });
    expect(fromCsv.get('4')!.where).toBe('line 7');
    expect(fromCsv.get('11')!.where).toBe('line 14');
    expect(fromCsv.get('3')!.pass).toBeUndefined();
    // to_json rounds to 10 digits (pandas' double_precision): the same table, to that precision.
    const fromJson = byId(json.cases);
    expect(fromJson.get('0')!.metrics).toEqual({ exact_match: 0, string_present: 1, non_llm_string_similarity: 0.175, bleu_score: 0.0839222981 });
    expect(fromJson.get('4')!.where).toBe('[4]');
    for (const item of csv.cases) {
      const other = fromJson.get(item.id)!;
      expect(Object.keys(other.metrics)).toEqual(Object.keys(item.metrics));
      for (const [name, value] of Object.entries(item.metrics)) expect(Math.abs(other.metrics[name]! - value)).toBeLessThan(1e-10);
    }
  });

  it('reads a metric that failed to compute (NaN: an empty CSV field, null in JSON) as missing', async () => {
    // The real table with case 5's BLEU knocked out, as pandas writes NaN.
    const dir = await mkdtemp(path.join(tmpdir(), 'lepton-ragas-'));
    const csvText = readFileSync(fixture('ragas/ragas.csv'), 'utf8').replace(/,0\.051145987070888896\n/, ',\n');
    const records = JSON.parse(readFileSync(fixture('ragas/ragas.json'), 'utf8'));
    records[5].bleu_score = null;
    await writeFile(path.join(dir, 'nan.csv'), csvText);
    await writeFile(path.join(dir, 'nan.json'), JSON.stringify(records));
    for (const name of ['nan.csv', 'nan.json']) {
      const cases = byId((await readEvalRun(path.join(dir, name), name, 'ragas')).cases);
      expect(cases.get('5')!.metrics).toEqual({ exact_match: 0, string_present: 0, non_llm_string_similarity: expect.closeTo(0.225, 10) });
      expect(cases.get('9')!.metrics.bleu_score).toBeCloseTo(0.051145987070888896, 10);
    }
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

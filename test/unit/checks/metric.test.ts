import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import metricCheck, { parseMetricPath } from '../../../src/gate/checks/metric.js';
import { formatNumber } from '../../../src/text.js';
import type { MetricComparison } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { makeTempDir } from '../../helpers/git-repo.js';

let root: string;

beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const RESULTS = JSON.stringify({
  accuracy: 0.8,
  latency_ms: { p50: 120, p95: 250 },
  runs: [{ f1: 0.71 }, { f1: 0.74 }],
  model: 'gbm-v3',
});

async function evaluate(checks: MetricComparison[], content: string | null = RESULTS, file = 'poc/results.json', evidence = false) {
  if (content !== null) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  const context = checkContext({ root, env: process.env, evidence });
  return metricCheck.evaluate({ id: 'results-meet-criteria', metric: { file, checks } }, context);
}

describe('metric check: comparisons', () => {
  it('passes when every comparison holds, reading dotted paths and [n] indexes, with the values as evidence', async () => {
    const outcome = await evaluate([
      { path: 'latency_ms.p95', op: '<=', value: 300 },
      { path: 'runs[1].f1', op: '>', value: 0.7 },
      { path: 'accuracy', op: '!=', value: 0 },
    ]);
    expect(outcome).toMatchObject({ status: 'pass', message: 'latency_ms.p95 = 250 (<= 300), runs[1].f1 = 0.74 (> 0.7), accuracy = 0.8 (!= 0)' });
    expect(outcome.evidence).toMatchObject({ file: 'poc/results.json', values: { 'latency_ms.p95': 250, 'runs[1].f1': 0.74, accuracy: 0.8 } });
  });

  it('adds the SHA-256 of the results file when the evidence is recorded (advance), and only then', async () => {
    const checks: MetricComparison[] = [{ path: 'accuracy', op: '>=', value: 0.5 }];
    const recorded = await evaluate(checks, RESULTS, undefined, true);
    expect(recorded.evidence).toEqual({ file: 'poc/results.json', sha256: createHash('sha256').update(RESULTS).digest('hex'), values: { accuracy: 0.8 } });
    expect((await evaluate(checks)).evidence).toEqual({ file: 'poc/results.json', values: { accuracy: 0.8 } });
  });

  it('says expected, actual and by how much, without floating-point noise', async () => {
    const outcome = await evaluate([{ path: 'accuracy', op: '>=', value: 0.85 }]);
    expect(outcome).toMatchObject({ status: 'fail', message: 'accuracy = 0.8, expected >= 0.85 (short by 0.05)' });
    expect(outcome.problems).toEqual([{ file: 'poc/results.json', message: 'accuracy = 0.8, expected >= 0.85 (short by 0.05)' }]);
  });

  it('words each operator', async () => {
    const outcome = await evaluate([
      { path: 'latency_ms.p95', op: '<=', value: 200 },
      { path: 'latency_ms.p95', op: '<', value: 250 },
      { path: 'latency_ms.p50', op: '==', value: 100 },
      { path: 'latency_ms.p50', op: '!=', value: 120 },
      { path: 'accuracy', op: '>', value: 0.8 },
    ]);
    expect(outcome.message).toBe('5 of 5 metric checks fail');
    expect(outcome.problems?.map((problem) => problem.message)).toEqual([
      'latency_ms.p95 = 250, expected <= 200 (over by 50)',
      'latency_ms.p95 = 250, expected < 250',
      'latency_ms.p50 = 120, expected == 100 (off by 20)',
      'latency_ms.p50 = 120, expected != 120',
      'accuracy = 0.8, expected > 0.8',
    ]);
  });

  it('holds at the edge of inclusive operators', async () => {
    expect(
      (
        await evaluate([
          { path: 'accuracy', op: '>=', value: 0.8 },
          { path: 'latency_ms.p95', op: '<=', value: 250 },
        ])
      ).status,
    ).toBe('pass');
  });
});

describe('metric check: what cannot be compared', () => {
  it('names a missing path and a value that is not a number', async () => {
    const outcome = await evaluate([
      { path: 'latency_ms.p99', op: '<=', value: 300 },
      { path: 'runs[5].f1', op: '>=', value: 0.7 },
      { path: 'model', op: '>=', value: 1 },
      { path: 'latency_ms', op: '<=', value: 1 },
    ]);
    expect(outcome.status).toBe('fail');
    expect(outcome.problems?.map((problem) => problem.message)).toEqual([
      'poc/results.json has no "latency_ms.p99"',
      'poc/results.json has no "runs[5].f1"',
      '"model" in poc/results.json is "gbm-v3", not a number',
      '"latency_ms" in poc/results.json is an object, not a number',
    ]);
    expect(outcome.evidence).toMatchObject({ values: { 'latency_ms.p99': null, model: 'gbm-v3' } });
  });

  it('fails a missing file, an empty file and an unparsable one, naming which', async () => {
    expect(await evaluate([{ path: 'accuracy', op: '>=', value: 0.85 }], null)).toMatchObject({ status: 'fail', message: 'poc/results.json does not exist' });
    expect(await evaluate([{ path: 'accuracy', op: '>=', value: 0.85 }], ' \n')).toMatchObject({ status: 'fail', message: 'poc/results.json is empty' });
    const broken = await evaluate([{ path: 'accuracy', op: '>=', value: 0.85 }], '{"accuracy": 0.9,');
    expect(broken.status).toBe('fail');
    expect(broken.message).toMatch(/^poc\/results\.json is not valid JSON: /);
  });

  it('is an error for a file outside the project', async () => {
    const outcome = await evaluate([{ path: 'accuracy', op: '>=', value: 0.85 }], null, '../results.json');
    expect(outcome.status).toBe('error');
  });
});

describe('metric check: YAML', () => {
  const yaml = 'accuracy: 0.91\nlatency_ms:\n  p95: 180  # measured on staging\nruns:\n  - f1: 0.8\n';

  it('reads .yaml and .yml files as YAML', async () => {
    const checks: MetricComparison[] = [
      { path: 'accuracy', op: '>=', value: 0.85 },
      { path: 'runs[0].f1', op: '>=', value: 0.75 },
    ];
    expect((await evaluate(checks, yaml, 'eval/metrics.yaml')).status).toBe('pass');
    expect((await evaluate(checks, yaml, 'eval/metrics.yml')).status).toBe('pass');
  });

  it('tries JSON then YAML for other extensions', async () => {
    expect((await evaluate([{ path: 'latency_ms.p95', op: '<=', value: 200 }], yaml, 'eval/metrics.txt')).status).toBe('pass');
    expect((await evaluate([{ path: 'accuracy', op: '<=', value: 0.8 }], RESULTS, 'eval/metrics')).status).toBe('pass');
  });

  it('reports invalid YAML', async () => {
    const outcome = await evaluate([{ path: 'accuracy', op: '>=', value: 0.85 }], 'accuracy: [0.9\n', 'eval/metrics.yaml');
    expect(outcome.message).toMatch(/^eval\/metrics\.yaml is not valid YAML: /);
  });
});

describe('metric paths and numbers', () => {
  it('parses dotted paths, indexes and quoted keys', () => {
    expect(parseMetricPath('latency_ms.p95')).toEqual(['latency_ms', 'p95']);
    expect(parseMetricPath('runs[0].f1')).toEqual(['runs', 0, 'f1']);
    expect(parseMetricPath('matrix[1][2]')).toEqual(['matrix', 1, 2]);
    expect(parseMetricPath('scores["f1.macro"]')).toEqual(['scores', 'f1.macro']);
    expect(parseMetricPath('a..b')).toBeUndefined();
    expect(parseMetricPath('runs[0]f1')).toBeUndefined();
  });

  it('rounds away binary noise', () => {
    expect(formatNumber(0.85 - 0.8)).toBe('0.05');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1234.5)).toBe('1234.5');
  });

  it('hints at a fresh evaluation run', () => {
    expect(metricCheck.defaultHint({ id: 'x', metric: { file: 'poc/results.json', checks: [] } })).toContain('update poc/results.json');
  });
});

// Results as Python writes them (issue 10, "What broke" 7): json.dump writes NaN, Infinity and
// -Infinity; the file is read, the metric that is not finite fails by name and the others are judged.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import metricCheck, { parsePythonJson } from '../../../src/gate/checks/metric.js';
import type { CheckContext } from '../../../src/gate/types.js';
import type { MetricComparison } from '../../../src/manifest/schema.js';
import { manifestSchema } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { makeTempDir } from '../../helpers/git-repo.js';

let root: string;
beforeEach(async () => {
  root = await makeTempDir();
  await mkdir(path.join(root, 'poc'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const manifest = manifestSchema.parse({ version: 1, project: { name: 'metrics' }, phase: 'poc', phases: [{ id: 'poc', title: 'PoC' }] });

function context(): CheckContext {
  return checkContext({ root, manifest });
}

async function evaluate(json: string, checks: MetricComparison[]) {
  await writeFile(path.join(root, 'poc/results.json'), json);
  return metricCheck.evaluate({ id: 'results', metric: { file: 'poc/results.json', checks } }, context());
}

describe("metric with Python's non-finite numbers", () => {
  it('names f1 as NaN and judges the other metrics', async () => {
    // Exactly what `json.dump({"accuracy": 0.91, "f1": float("nan"), "loss": float("inf")}, f)` writes.
    const outcome = await evaluate('{"accuracy": 0.91, "f1": NaN, "loss": Infinity}', [
      { path: 'accuracy', op: '>=', value: 0.85 },
      { path: 'f1', op: '>=', value: 0.45 },
      { path: 'loss', op: '<=', value: 1 },
    ]);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('2 of 3 metric checks fail');
    expect(outcome.problems!.map((problem) => problem.message)).toEqual(['f1 is NaN, not a finite number', 'loss is Infinity, not a finite number']);
    expect(outcome.values).toEqual([
      { path: 'accuracy', value: 0.91, op: '>=', threshold: 0.85 },
      { path: 'f1', value: null, op: '>=', threshold: 0.45 },
      { path: 'loss', value: null, op: '<=', threshold: 1 },
    ]);
  });

  it('passes when only a metric no check names is NaN', async () => {
    expect(await evaluate('{"accuracy": 0.91, "f1": NaN}', [{ path: 'accuracy', op: '>=', value: 0.85 }])).toMatchObject({ status: 'pass', message: 'accuracy = 0.91 (>= 0.85)' });
  });

  it('reads -Infinity, and leaves the words alone inside strings', () => {
    expect(parsePythonJson('{"low": -Infinity, "note": "NaN and Infinity", "x": [NaN]}')).toEqual({ low: -Infinity, note: 'NaN and Infinity', x: [Number.NaN] });
    expect(parsePythonJson('{"a": 1}')).toBeUndefined();
    expect(parsePythonJson('{"a": NaN')).toBeUndefined();
  });
});

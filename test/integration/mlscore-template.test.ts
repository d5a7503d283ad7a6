// The ML Test Score as init sets it up: ml-model projects score docs/ml-test-score.yaml, rendered
// with its 28 tests at 0, and the test gate's mlscore check computes the score from it; llm-app
// projects get neither (its tests are about training and serving an ML model).
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mlscoreCheck, { ML_TEST_IDS } from '../../src/gate/checks/mlscore.js';
import { LANGUAGES, type CheckOf, type Manifest } from '../../src/manifest/schema.js';
import { checkContext } from '../helpers/check-context.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { answersFor, renderProject } from '../helpers/rendered-project.js';

describe.each(LANGUAGES)('an ml-model project (%s)', (language) => {
  let root: string;
  let manifest: Manifest;
  beforeAll(async () => {
    root = await makeTempDir('lepton-mlscore-');
    manifest = await renderProject(root, answersFor({ preset: 'ml-model', domain: 'finance', language }));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const check = () => manifest.phases.find((phase) => phase.id === 'test')!.gate.find((candidate): candidate is CheckOf<'mlscore'> => 'mlscore' in candidate)!;
  const evaluate = () => mlscoreCheck.evaluate(check(), checkContext({ root, env: process.env }));

  it('gates the test phase on the scored file, rendered by the phase', () => {
    expect(check().mlscore).toEqual({ file: 'docs/ml-test-score.yaml', min: 2 });
    expect(manifest.phases.find((phase) => phase.id === 'test')!.templates).toContain('ml-test-score');
  });

  it('fails as rendered: every test at 0, a research project', async () => {
    const outcome = await evaluate();
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/^ML Test Score 0 \(data 0, model 0, infra 0, monitor 0\): more of a research project/);
    expect(outcome.values).toEqual({ data: 0, model: 0, infra: 0, monitor: 0, score: 0 });
  });

  it('passes once every section reaches 2, and the test plan names the file and the minimum', async () => {
    const file = path.join(root, 'docs/ml-test-score.yaml');
    const text = await readFile(file, 'utf8');
    expect(text.match(/^[a-z]+-\d: /gm)?.map((line) => line.slice(0, -2))).toEqual(ML_TEST_IDS);
    await writeFile(file, text.replace(/^((data|model|infra|monitor)-[12]): \{ score: 0, evidence: "" \}/gm, '$1: { score: 1, evidence: "ci.yml: job $1" }'));
    const outcome = await evaluate();
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toMatch(/^ML Test Score 2 \(data 2, model 2, infra 2, monitor 2\): a first pass at basic productionization/);
    const plan = await readFile(path.join(root, 'docs/test-plan.md'), 'utf8');
    expect(plan).toContain('`docs/ml-test-score.yaml`');
    expect(plan).toMatch(/`ml-test-score`[^\n]*\b2\b/);
  });
});

it('an llm-app project has no ML Test Score check or file', async () => {
  const root = await makeTempDir('lepton-mlscore-');
  try {
    const manifest = await renderProject(root, answersFor({ preset: 'llm-app', domain: 'general', language: 'en' }));
    expect(manifest.phases.flatMap((phase) => phase.gate).some((check) => 'mlscore' in check)).toBe(false);
    expect(manifest.phases.flatMap((phase) => phase.templates)).not.toContain('ml-test-score');
    expect(await readFile(path.join(root, 'docs/test-plan.md'), 'utf8')).not.toContain('ML Test Score');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

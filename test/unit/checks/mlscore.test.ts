import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import mlscoreCheck, { ML_TEST_IDS } from '../../../src/gate/checks/mlscore.js';
import { checkContext } from '../../helpers/check-context.js';
import { makeTempDir } from '../../helpers/git-repo.js';

let root: string;
beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const FILE = 'docs/ml-test-score.yaml';

async function evaluate(text: string | undefined, min = 2) {
  if (text !== undefined) {
    await mkdir(path.join(root, 'docs'), { recursive: true });
    await writeFile(path.join(root, FILE), text);
  }
  const context = checkContext({ root, env: process.env });
  return mlscoreCheck.evaluate({ id: 'ml-test-score', mlscore: { file: FILE, min } }, context);
}

/** A scored file: each section's seven tests given as scores, the rest of the entry filled in. */
function scored(sections: Partial<Record<'data' | 'model' | 'infra' | 'monitor', number[]>>, fallback = 1): string {
  return ML_TEST_IDS.map((id) => {
    const [section, number] = id.split('-') as ['data', string];
    const score = sections[section]?.[Number(number) - 1] ?? fallback;
    return `${id}: { score: ${score}, evidence: "ci.yml job ${id}" }`;
  }).join('\n');
}
const all = (score: number) => Array.from({ length: 7 }, () => score);

describe("mlscore: the score and the paper's interpretation bands", () => {
  it.each([
    { label: '0', sections: { data: all(0) }, score: 0, band: /more of a research project than a productionized system/ },
    { label: '(0, 1]', sections: { model: [1, 0, 0, 0, 0, 0, 0] }, score: 1, band: /serious holes in reliability/ },
    { label: '(1, 2]', sections: { infra: [1, 0.5, 0, 0, 0, 0, 0] }, score: 1.5, band: /first pass at basic productionization/ },
    { label: '(2, 3]', sections: { monitor: [1, 1, 0.5, 0.5, 0, 0, 0] }, score: 3, band: /more of the tests and procedures may be automated/ },
    { label: '(3, 5]', sections: { data: [1, 1, 1, 1, 0.5, 0, 0] }, score: 4.5, band: /appropriate for mission-critical systems/ },
    { label: '> 5', sections: { data: [1, 1, 1, 1, 1, 0.5, 0.5] }, score: 6, band: /exceptional automated testing and monitoring/ },
  ])('band $label: score $score', async ({ sections, score, band }) => {
    const outcome = await evaluate(scored(sections), 0);
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toMatch(new RegExp(`^ML Test Score ${score} \\(data \\d+(\\.5)?, model \\d+(\\.5)?, infra \\d+(\\.5)?, monitor \\d+(\\.5)?\\): `));
    expect(outcome.message).toMatch(band);
    expect((outcome.values as { score: number }).score).toBe(score);
  });

  it('gives every section sum in values and the message', async () => {
    const outcome = await evaluate(scored({ data: [1, 1, 1, 0.5, 0, 0, 0], model: all(1), infra: [0.5, 0.5, 0.5, 0.5, 0, 0, 0], monitor: [1, 1, 1, 1, 1, 0, 0] }));
    expect(outcome.values).toEqual({ data: 3.5, model: 7, infra: 2, monitor: 5, score: 2 });
    expect(outcome.message).toContain('(data 3.5, model 7, infra 2, monitor 5)');
    expect(outcome.status).toBe('pass');
  });

  it('fails below min, naming each section under it', async () => {
    const outcome = await evaluate(scored({ data: [1, 0, 0, 0, 0, 0, 0], monitor: [1, 0.5, 0, 0, 0, 0, 0] }), 2);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/^ML Test Score 1 \(data 1, model 7, infra 7, monitor 1\.5\): .*; needs at least 2 in every section$/);
    expect(outcome.problems?.map((problem) => problem.message)).toEqual(['section data scores 1 of 7, below 2', 'section monitor scores 1.5 of 7, below 2']);
  });
});

describe('mlscore: entries that cannot be scored', () => {
  it('names a missing test', async () => {
    const outcome = await evaluate(
      scored({})
        .split('\n')
        .filter((line) => !line.startsWith('model-4:'))
        .join('\n'),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.problems).toEqual([{ file: FILE, message: 'test model-4 is missing' }]);
  });

  it('names an unknown id, a score that is not 0, 0.5 or 1, and a score without evidence', async () => {
    const text = scored({})
      .replace('data-2: { score: 1,', 'data-2: { score: 0.7,')
      .replace(/infra-3: \{[^}]*\}/, 'infra-3: { score: 1 }')
      .concat('\ndata-8: { score: 1, evidence: x }\n');
    const outcome = await evaluate(text);
    expect(outcome.status).toBe('fail');
    const messages = outcome.problems!.map((problem) => problem.message);
    expect(messages).toContainEqual(expect.stringMatching(/^unknown test id "data-8"/));
    expect(messages).toContainEqual(expect.stringMatching(/^test data-2 has score 0\.7: a score is 0, 0\.5 \(done manually\) or 1 \(automated\)$/));
    expect(messages).toContainEqual(expect.stringMatching(/^test infra-3 scores 1 without evidence/));
    expect(outcome.message).toBe('3 test entries of docs/ml-test-score.yaml cannot be scored');
  });

  it('takes a score of 0 without evidence, a string score or a bare value for malformed', async () => {
    expect((await evaluate(scored({ data: all(0) }).replace(/data-1: \{[^}]*\}/, 'data-1: { score: 0 }'), 0)).status).toBe('pass');
    const outcome = await evaluate(
      scored({})
        .replace(/model-1: \{[^}]*\}/, 'model-1: { score: "1", evidence: x }')
        .replace(/model-2: \{[^}]*\}/, 'model-2: 1'),
    );
    expect(outcome.problems!.map((problem) => problem.message)).toEqual([
      'test model-1 has score "1": a score is 0, 0.5 (done manually) or 1 (automated)',
      'test model-2 must be { score, evidence }',
    ]);
  });

  it('fails on invalid YAML, a list instead of a mapping, and a missing file', async () => {
    expect((await evaluate('data-1: { score: 1\n')).message).toMatch(/^docs\/ml-test-score\.yaml is not valid YAML/);
    expect((await evaluate('- data-1\n')).problems![0]!.message).toMatch(/must map each test id/);
    await rm(path.join(root, FILE));
    const missing = await evaluate(undefined);
    expect(missing).toMatchObject({ status: 'fail', message: 'docs/ml-test-score.yaml does not exist', hint: expect.stringContaining('lepton generate ml-test-score') });
  });
});

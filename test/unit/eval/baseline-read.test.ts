// The baseline is read on a worker thread (src/gate/eval/baseline-read.ts): it answers with the
// stored cases, and a check that ends before it needs them stops the thread, whose promise then
// settles with a reason instead of leaving the gate waiting.
import { expect, it } from 'vitest';
import { readBaseline } from '../../../src/gate/eval/baseline-read.js';
import { storeBaseline } from '../../../src/gate/eval/baseline-store.js';
import type { CollapsedCase } from '../../../src/gate/eval/cases.js';
import { makeTempDir } from '../../helpers/git-repo.js';

const cases: CollapsedCase[] = Array.from({ length: 20_000 }, (_, index) => ({
  id: `case-${String(index).padStart(5, '0')}`,
  pass: index % 7 === 0 ? 0 : 1,
  metrics: { score: (index % 100) / 100 },
  runs: 1,
  where: `line ${index + 1}`,
}));

it('reads a stored baseline into columns on its thread', async () => {
  const root = await makeTempDir();
  const { sha256 } = await storeBaseline(root, { format: 'jsonl', fingerprint: { dataset: 'd1' }, cases });
  const baseline = await readBaseline(root, sha256, 3, ['score']).read;
  expect(baseline).toMatchObject({ sha256, seq: 3, size: 20_000, fingerprint: { dataset: 'd1' } });
  const at = baseline.index.get('case-00014')!;
  expect(baseline.pass[at]).toBe(0);
  expect(baseline.metrics.get('score')![at]).toBeCloseTo(0.14, 12);
});

it('stopped before it answers, it settles with why instead of never', async () => {
  const root = await makeTempDir();
  const { sha256 } = await storeBaseline(root, { format: 'jsonl', fingerprint: {}, cases });
  const pending = readBaseline(root, sha256, 3, ['score']);
  pending.stop();
  await expect(pending.read).rejects.toThrow(/its reader stopped/);
});

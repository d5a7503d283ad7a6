// How repeats of a case fold: pass share over runs, each metric's mean over the runs that had it,
// the first run's place in the file, and repeat numbers of any size.
import { describe, expect, it } from 'vitest';
import { CaseTable } from '../../../src/gate/eval/cases.js';

describe('CaseTable', () => {
  it('averages each metric over the runs that had it, also when runs differ in their metrics', () => {
    const table = new CaseTable();
    table.add({ id: 'a', pass: true, metrics: { score: 1, latency: 200 }, category: 'billing', repeat: 0, where: 'line 1' });
    table.add({ id: 'b', pass: false, metrics: { score: 0.5 }, repeat: 0, where: 'line 2' });
    table.add({ id: 'a', pass: false, metrics: { score: 0, latency: 301 }, category: 'other', repeat: 1, where: 'line 3' });
    table.add({ id: 'a', pass: true, metrics: { score: 0.5 }, repeat: 2, where: 'line 4' });
    table.add({ id: 'b', pass: true, metrics: { score: 0.25, extra: 7 }, repeat: 1, where: 'line 5' });
    table.add({ id: 'a', pass: true, metrics: { latency: 100, extra: 3 }, repeat: 40, where: 'line 6' });
    table.add({ id: 'c', metrics: { score: 0.1 }, where: 'line 7' });
    table.add({ id: 'c', metrics: { score: 0.2 }, where: 'line 8' });
    expect(table.rows).toBe(8);
    expect(table.collapse()).toEqual([
      { id: 'a', pass: 0.75, metrics: { score: 0.5, latency: 601 / 3, extra: 3 }, category: 'billing', runs: 4, where: 'line 1' },
      { id: 'b', pass: 0.5, metrics: { score: 0.375, extra: 7 }, runs: 2, where: 'line 2' },
      { id: 'c', metrics: { score: (0.1 + 0.2) / 2 }, runs: 2, where: 'line 7' },
    ]);
  });

  it('refuses a run number read twice, high or low, naming both places', () => {
    const table = new CaseTable();
    table.add({ id: 'a', metrics: {}, repeat: 3, where: 'line 1' });
    table.add({ id: 'a', metrics: {}, repeat: 35, where: 'line 2' });
    expect(() => table.add({ id: 'a', metrics: {}, repeat: 3, where: 'line 3' })).toThrow('case "a" (line 3) repeats run 3, already read at line 1');
    expect(() => table.add({ id: 'a', metrics: {}, repeat: 35, where: 'line 4' })).toThrow('case "a" (line 4) repeats run 35, already read at line 1');
  });

  it('merges the lines of one run (lm-eval filters): metrics join, the run counts once', () => {
    const table = new CaseTable();
    table.add({ id: 't', pass: true, metrics: { acc: 1 }, where: 'a', merge: true });
    table.add({ id: 't', metrics: { exact_match: 0 }, where: 'b', merge: true });
    expect(table.collapse()).toEqual([{ id: 't', pass: 1, metrics: { acc: 1, exact_match: 0 }, runs: 1, where: 'a' }]);
  });
});

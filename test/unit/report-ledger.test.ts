// What the report derives from the ledger: stays in each phase with reopen loops, the days a
// waiver has left (calendar days, whatever the hour), and the waiver debt.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/lifecycle/ledger.js';
import { daysBetween, transitionsOf, visitsOf, waiverDebt, waiversOf } from '../../src/lifecycle/report-ledger.js';
import { replayLedger } from '../../src/lifecycle/state.js';
import type { Manifest } from '../../src/manifest/schema.js';

const manifest = {
  version: 1,
  project: { name: 'p', owners: [{ name: 'Ada', email: 'ada@example.com', roles: ['tech-lead'] }] },
  phase: 'design',
  phases: [
    { id: 'poc', title: 'PoC', templates: [], gate: [{ id: 'code', file: 'x' }] },
    { id: 'design', title: 'Design', templates: [], gate: [{ id: 'arch', file: 'y' }] },
  ],
} as unknown as Manifest;

let seq = 0;
const entry = (fields: Record<string, unknown>, time: string) =>
  ({ seq: ++seq, time, actor: { name: 'Ada', email: 'ada@example.com' }, commit: null, prev: null, hash: 'h', ...fields }) as unknown as LedgerEntry;
const entries = [
  entry({ event: 'init', to: 'poc' }, '2026-11-01T09:00:00Z'),
  entry({ event: 'advance', from: 'poc', to: 'design' }, '2026-11-05T09:00:00Z'),
  entry({ event: 'waive', phase: 'design', checkId: 'arch', until: '2026-11-20', reason: 'old' }, '2026-11-06T09:00:00Z'),
  entry({ event: 'reopen', from: 'design', to: 'poc', reason: 'latency' }, '2026-11-08T09:00:00Z'),
  entry({ event: 'advance', from: 'poc', to: 'design' }, '2026-11-10T09:00:00Z'),
  entry({ event: 'waive', phase: 'design', checkId: 'arch', until: '2026-12-10', reason: 'sprint' }, '2026-11-11T09:00:00Z'),
];

describe('the report from the ledger', () => {
  it('has one transition per move and a stay per visit, the reopen a return', () => {
    expect(transitionsOf(entries).map((transition) => transition.event)).toEqual(['init', 'advance', 'reopen', 'advance']);
    expect(visitsOf(manifest, entries).map((visit) => [visit.phase, visit.enteredBy, visit.leftBy])).toEqual([
      ['poc', 'init', 'advance'],
      ['design', 'advance', 'reopen'],
      ['poc', 'reopen', 'advance'],
      ['design', 'advance', undefined],
    ]);
  });

  it('counts calendar days left, late in the evening too', () => {
    expect(daysBetween('2026-12-02', '2026-12-10')).toBe(8);
    const waivers = waiversOf(entries, replayLedger(manifest, entries), new Date(2026, 11, 2, 23, 30));
    expect(waivers.map((waiver) => [waiver.until, waiver.daysLeft, waiver.open])).toEqual([
      ['2026-11-20', -12, false],
      ['2026-12-10', 8, true],
    ]);
    expect(waiverDebt(waivers)).toMatchObject({ count: 1, oldest: { until: '2026-12-10' }, soonest: { until: '2026-12-10' } });
    expect(waiverDebt([])).toEqual({ count: 0 });
  });
});

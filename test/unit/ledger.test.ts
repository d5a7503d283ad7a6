import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  appendLedgerEntry,
  canonicalJson,
  chainEntry,
  entryHash,
  evidenceHash,
  parseLedger,
  readLedgerText,
  type LedgerEntry,
  type NewLedgerEntry,
} from '../../src/lifecycle/ledger.js';
import { completedPhases } from '../../src/lifecycle/phases.js';
import { currentApprovals, currentWaivers, replayLedger } from '../../src/lifecycle/state.js';
import { validUntil } from '../../src/lifecycle/sign-offs.js';
import { manifestSchema } from '../../src/manifest/schema.js';
import { createTempRepo, TEST_IDENTITY, type TempRepo } from '../helpers/git-repo.js';

const ADA = { name: 'Ada Lovelace', email: 'ada@example.com' };
const GRACE = { name: 'Grace Hopper', email: 'grace@example.com' };

const manifest = manifestSchema.parse({
  version: 1,
  project: {
    name: 'unit',
    owners: [
      { ...ADA, roles: ['tech-lead'] },
      { ...GRACE, roles: ['product-owner'] },
    ],
  },
  phase: 'poc',
  phases: [
    {
      id: 'poc',
      title: 'PoC',
      gate: [
        { id: 'go', approval: { roles: ['product-owner'] } },
        { id: 'proto', file: 'src/*.py' },
      ],
    },
    { id: 'design', title: 'Design' },
  ],
});

function chain(events: (NewLedgerEntry & { by?: typeof ADA })[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const [index, { by, ...event }] of events.entries()) {
    entries.push(chainEntry(entries.at(-1), event, { actor: by ?? ADA, commit: null, time: new Date(Date.UTC(2026, 0, 1 + index)) }));
  }
  return entries;
}

describe('canonical form and hashes', () => {
  it('sorts keys at every level, drops undefined, keeps no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: 'x y' } })).toBe('{"a":{"c":"x y","d":[1,{"f":2}]},"b":1}');
  });

  it('chains each entry to the previous one; any change to an entry changes its hash', () => {
    const [first, second] = chain([
      { event: 'approve', phase: 'poc', checkId: 'go', by: GRACE },
      { event: 'advance', from: 'poc', to: 'design' },
    ]);
    expect(first).toMatchObject({ seq: 1, prev: null, time: '2026-01-01T00:00:00.000Z', actor: GRACE, commit: null });
    expect(second).toMatchObject({ seq: 2, prev: first!.hash });
    expect(entryHash(second!)).toBe(second!.hash);
    expect(entryHash({ ...second!, to: 'poc' })).not.toBe(second!.hash);
    expect(entryHash(JSON.parse(JSON.stringify({ to: (second as { to?: string }).to, ...second! })))).toBe(second!.hash);
  });

  it('hashes evidence canonically, so key order does not matter', () => {
    expect(evidenceHash({ a: 1, b: [2] })).toBe(evidenceHash({ b: [2], a: 1 }));
    expect(evidenceHash(undefined)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names a line that is not a JSON object', () => {
    expect(() => parseLedger('not json\n')).toThrow(/ledger\.jsonl cannot be trusted: entry #1: not a ledger entry/);
    expect(parseLedger(undefined)).toEqual([]);
  });
});

/** The poc gate as an advance records it when it passed. */
const POC_PASSED = [
  { id: 'go', status: 'pass', evidence: 'e' },
  { id: 'proto', status: 'waived', evidence: 'e' },
];

describe('replaying the ledger', () => {
  it('an advance that does not carry every required check pass or waived is a finding (checks: [] by hand)', () => {
    const empty = replayLedger(manifest, chain([{ event: 'advance', from: 'poc', to: 'design', checks: [] }]));
    expect(empty.problems.map((problem) => problem.message)).toEqual([
      'entry #1 (advance): does not record the gate\'s check "go": an advance carries every check of the gate it passed',
      'entry #1 (advance): does not record the gate\'s check "proto": an advance carries every check of the gate it passed',
    ]);
    const failed = replayLedger(manifest, chain([{ event: 'advance', from: 'poc', to: 'design', checks: [POC_PASSED[0]!, { id: 'proto', status: 'fail', evidence: 'e' }] }]));
    expect(failed.problems.map((problem) => problem.message)).toEqual(['entry #1 (advance): records "proto" as fail: an advance needs every required check pass or waived']);
  });

  it('counts sign-offs and waivers of the current visit only', () => {
    const events: (NewLedgerEntry & { by?: typeof ADA })[] = [
      { event: 'approve', phase: 'poc', checkId: 'go', by: GRACE },
      { event: 'waive', phase: 'poc', checkId: 'proto', reason: 'r', until: '2026-02-01' },
      { event: 'advance', from: 'poc', to: 'design', checks: POC_PASSED },
      { event: 'reopen', from: 'design', to: 'poc', reason: 'again' },
    ];
    const reopened = replayLedger(manifest, chain(events));
    expect(reopened).toMatchObject({ phase: 'poc', complete: false, problems: [] });
    expect(currentApprovals(reopened)).toEqual([]);
    expect(currentWaivers(reopened)).toEqual([]);
    const signedAgain = replayLedger(manifest, chain([...events, { event: 'approve', phase: 'poc', checkId: 'go', by: GRACE }]));
    expect(currentApprovals(signedAgain)).toMatchObject([{ phase: 'poc', checkId: 'go', email: GRACE.email, at: '2026-01-05T00:00:00.000Z' }]);
  });

  it('marks the project complete after the last phase, and completedPhases then includes it', () => {
    const state = replayLedger(
      manifest,
      chain([
        { event: 'advance', from: 'poc', to: 'design', checks: POC_PASSED },
        { event: 'advance', from: 'design', complete: true },
      ]),
    );
    expect(state).toMatchObject({ phase: 'design', complete: true, problems: [] });
    const atDesign = { ...manifest, phase: 'design' };
    expect(completedPhases(atDesign).map((phase) => phase.id)).toEqual(['poc']);
    expect(completedPhases(atDesign, state).map((phase) => phase.id)).toEqual(['poc', 'design']);
  });

  it('reports moves that skip phases and sign-offs by the wrong people', () => {
    const state = replayLedger(
      manifest,
      chain([
        { event: 'approve', phase: 'poc', checkId: 'go', by: ADA },
        { event: 'advance', from: 'design', to: 'poc' },
        { event: 'terminate', from: 'poc', reason: 'no-go' },
        { event: 'approve', phase: 'poc', checkId: 'go', by: GRACE },
      ]),
    );
    expect(state.problems.map((problem) => problem.message)).toEqual([
      'entry #1 (approve): Ada Lovelace <ada@example.com> holds none of the roles product-owner that "go" asks for',
      'entry #2 (advance): leaves "design" but the project was in "poc"',
      'entry #2 (advance): goes to "poc" but the phase after "poc" is "design"',
      'entry #4 (approve): recorded after the project was terminated (#3)',
    ]);
    expect(state.terminated).toMatchObject({ reason: 'no-go', seq: 3 });
  });
});

describe('waiver dates', () => {
  const now = new Date(2026, 5, 15, 12);
  it('accepts today and later, refuses the past and non-dates', () => {
    expect(validUntil('2026-06-15', now)).toBe('2026-06-15');
    expect(validUntil('2027-01-31', now)).toBe('2027-01-31');
    expect(() => validUntil('2026-06-14', now)).toThrow(/in the past/);
    expect(() => validUntil('2026-02-30', now)).toThrow(/YYYY-MM-DD/);
    expect(() => validUntil('next week', now)).toThrow(/YYYY-MM-DD/);
    expect(() => validUntil(undefined, now)).toThrow(/YYYY-MM-DD/);
  });
});

describe('appendLedgerEntry', () => {
  let repo: TempRepo | undefined;
  afterEach(async () => repo?.cleanup());

  it('stamps the git identity, HEAD and the time, and appends one line per entry', async () => {
    repo = await createTempRepo({ files: { 'README.md': '# x\n' } });
    const head = (await repo.git('rev-parse', 'HEAD')).trim();
    const now = new Date('2026-01-01T00:00:00Z');
    const first = await appendLedgerEntry(repo.dir, { event: 'init', to: 'poc' }, { now });
    const second = await appendLedgerEntry(repo.dir, { event: 'terminate', from: 'poc', reason: 'no-go' }, { now });
    expect(first).toMatchObject({ seq: 1, event: 'init', to: 'poc', actor: TEST_IDENTITY, commit: head, prev: null, time: '2026-01-01T00:00:00.000Z' });
    expect(second).toMatchObject({ seq: 2, prev: first.hash });
    expect(parseLedger(await readLedgerText(repo.dir))).toEqual([first, second]);
    const text = await readFile(path.join(repo.dir, '.lepton/ledger.jsonl'), 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[0]!)).toEqual(first);
  });
});

// The confirmations and listings of baseline, amend and generate quote text from the ledger and
// the manifest (a reason, a file name): control characters in it are shown as escapes, never raw.
import { describe, expect, it } from 'vitest';
import { formatAmend } from '../../src/report/amend.js';
import { formatBaselines } from '../../src/report/baseline.js';
import { formatRendered } from '../../src/report/templates.js';

const ATTACK = '\u001b]0;owned\u0007\u001b[2J\rall fine';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('reports that quote ledger and manifest text', () => {
  it('baseline show escapes a bless reason', () => {
    const text = formatBaselines([
      {
        phase: 'poc',
        checkId: 'answers',
        sha256: 'a'.repeat(64),
        seq: 3,
        time: '2026-06-15T12:00:00Z',
        by: 'Ada Lovelace',
        cases: 200,
        reason: ATTACK,
        path: 'x',
        present: true,
        current: true,
      },
    ]);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('\\x1b]0;owned\\x07\\x1b[2J\\rall fine');
  });

  it('amend escapes its reason', () => {
    const entry = { seq: 4, event: 'amend', reason: ATTACK } as unknown as Parameters<typeof formatAmend>[0]['entry'];
    const text = formatAmend({ phase: 'poc', changed: ['f1'], described: ['f1 changed'], entry });
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('"\\x1b]0;owned');
  });

  it('generate escapes a document name', () => {
    const text = formatRendered([{ file: `docs/${ATTACK}.md`, status: 'created', origin: 'built-in', language: 'en' } as never], 'en', '.lepton/templates');
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('docs/\\x1b]0;owned');
  });
});

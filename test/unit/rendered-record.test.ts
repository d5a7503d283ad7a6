import { describe, expect, it } from 'vitest';
import { isFillerLine, lineFingerprint, parseRenderedRecord, recordPath, renderedRecord } from '../../src/rendered-record.js';

describe('renderedRecord', () => {
  const text = [
    '# Plan',
    '',
    'Intro written by lepton.',
    '',
    '## Data',
    '<!-- guidance -->',
    'TODO: list the sources',
    '| Source | Owner |',
    '',
    '## Owners',
    '| Ada | ada@example.com |',
    '',
    '```bash',
    '# not a heading',
    'TODO inside code still marks the section it is in',
    '```',
    '### Sub <!-- x -->',
    '<!-- TODO in a comment is guidance, not a request -->',
  ].join('\n');
  const record = renderedRecord('poc-plan', 'en', text);

  it('lists the sections that held a placeholder line, by title and line', () => {
    expect(record.sections).toEqual([
      { title: 'Data', line: 5 },
      { title: 'Owners', line: 10 },
    ]);
  });

  it('fingerprints every non-blank line, sorted and unique', () => {
    expect(record.lines).toContain(lineFingerprint('| Source | Owner |'));
    expect(record.lines).toEqual([...new Set(record.lines)].sort());
    expect(record.lines).not.toContain(lineFingerprint(''));
  });

  it('parses back what it wrote, and nothing else', () => {
    expect(parseRenderedRecord(JSON.stringify(record))).toEqual(record);
    expect(parseRenderedRecord('{"version": 2, "sections": [], "lines": []}')).toBeUndefined();
    expect(parseRenderedRecord('not json')).toBeUndefined();
  });

  it('lives beside the document under .lepton/rendered/', () => {
    expect(recordPath('docs/poc-plan.md')).toBe('.lepton/rendered/docs/poc-plan.md.json');
  });
});

describe('lineFingerprint', () => {
  it('ignores spacing and whether a box is ticked', () => {
    expect(lineFingerprint('  - [x] Access is  logged ')).toBe(lineFingerprint('- [ ] Access is logged'));
    expect(lineFingerprint('* [X] done')).toBe(lineFingerprint('* [ ] done'));
    expect(lineFingerprint('Access is logged')).not.toBe(lineFingerprint('Access is not logged'));
  });
});

describe('isFillerLine', () => {
  it.each(['N/A', 'n/a.', 'TBD', '-', '—', 'none', '- TBD', '| - | - | - |', '| N/A | TBD |', '**N/A**', '待定', '不适用。', '1. none'])('"%s" is a filler', (line) => {
    expect(isFillerLine(line)).toBe(true);
  });
  it.each(['N/A: we hold no personal data', 'none of the sources hold personal data', '| Warehouse | data team |', '|---|---|', '不适用：本项目不处理个人信息'])(
    '"%s" is content',
    (line) => {
      expect(isFillerLine(line)).toBe(false);
    },
  );
});

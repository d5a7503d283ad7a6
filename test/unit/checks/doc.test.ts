import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import docCheck from '../../../src/gate/checks/doc.js';
import type { CheckContext, TextCache } from '../../../src/gate/types.js';
import type { CheckOf } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { makeTempDir } from '../../helpers/git-repo.js';

let root: string;

beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function evaluate(markdown: string | undefined, options: Omit<CheckOf<'doc'>, 'id' | 'doc'> = {}, doc = 'docs/poc-plan.md', extra: Partial<CheckContext> = {}) {
  if (markdown !== undefined) {
    await mkdir(path.dirname(path.join(root, doc)), { recursive: true });
    await writeFile(path.join(root, doc), markdown);
  }
  const context = checkContext({ root, env: process.env, evidence: true, ...extra });
  return docCheck.evaluate({ id: 'plan-written', doc, ...options }, context);
}

/** A TextCache in memory that records what was asked of it. */
function memoryCache() {
  const entries = new Map<string, { input: string; value: unknown }>();
  const log: string[] = [];
  const cache: TextCache = {
    async get<T>(key: string, input: string) {
      log.push(`get ${key.split('\0')[1]}`);
      const entry = entries.get(key);
      return entry?.input === input ? (entry.value as T) : undefined;
    },
    async set(key: string, input: string, value: unknown) {
      log.push(`set ${key.split('\0')[1]}`);
      entries.set(key, { input, value });
    },
  };
  return { cache, entries, log };
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

const COMPLETE = lines(
  '# PoC plan',
  '',
  '## Goal',
  '',
  'Predict which subscribers cancel next month.',
  '',
  '## Success criteria',
  '',
  '<!-- The numbers that decide go / no-go. -->',
  '- [x] Accuracy of at least 0.85 on the holdout month',
  '- [x] p95 latency under 300 ms',
);

describe('doc check: evidence and the analysis cache', () => {
  it('leaves the hash out when the evidence is not recorded (a plain gate)', async () => {
    const outcome = await evaluate(COMPLETE, {}, undefined, { evidence: false });
    expect(outcome).toMatchObject({ status: 'pass' });
    expect(outcome.evidence).toBeUndefined();
  });

  it('analyses a document once and answers from the cache while its text stays the same', async () => {
    const { cache, log } = memoryCache();
    const first = await evaluate(COMPLETE, {}, undefined, { cache });
    const second = await evaluate(undefined, {}, undefined, { cache });
    expect(second).toEqual(first);
    expect(log).toEqual(['get docs/poc-plan.md', 'set docs/poc-plan.md', 'get docs/poc-plan.md']);
  });

  it('analyses the document again once its text changes, and keeps one entry per document and placeholder', async () => {
    const { cache, entries } = memoryCache();
    expect(await evaluate(COMPLETE, {}, undefined, { cache })).toMatchObject({ status: 'pass' });
    const unfinished = COMPLETE.replace('Predict which subscribers cancel next month.', 'TODO: the goal');
    expect(await evaluate(unfinished, {}, undefined, { cache })).toMatchObject({ status: 'fail', problems: [{ line: 5, message: "placeholder TODO in 'Goal'" }] });
    expect(await evaluate(undefined, { placeholder: 'TBD' }, undefined, { cache })).toMatchObject({ status: 'pass' });
    expect(entries.size).toBe(2);
  });

  it('uses what the cache holds for exactly this text, so a stale entry can never pass a changed document', async () => {
    const { cache, entries } = memoryCache();
    await evaluate(COMPLETE, {}, undefined, { cache });
    const [key] = [...entries.keys()];
    // An entry recorded for other text is not used: the document is parsed afresh.
    entries.set(key!, { input: 'other text', value: { sections: [], placeholders: [], uncheckedBoxes: [] } });
    expect(await evaluate(COMPLETE.replace('[x] p95', '[ ] p95'), {}, undefined, { cache })).toMatchObject({ status: 'fail', message: '1 box is unticked' });
  });
});

describe('doc check: a finished document', () => {
  it('passes, with the SHA-256 of the file as evidence', async () => {
    const outcome = await evaluate(COMPLETE);
    expect(outcome).toMatchObject({ status: 'pass', message: 'docs/poc-plan.md is complete' });
    expect(outcome.evidence).toEqual({ file: 'docs/poc-plan.md', sha256: createHash('sha256').update(COMPLETE).digest('hex') });
  });

  it('takes a TODO or a heading inside fenced or inline code for code, not for a placeholder or a section', async () => {
    const outcome = await evaluate(
      lines(
        '# Runbook',
        '',
        'Search the code for markers with `grep -rn TODO`.',
        '',
        '```sh',
        '# TODO: this is a shell comment, not a heading',
        'echo "TODO"',
        '```',
        '',
        '~~~markdown',
        '## Empty heading in a code block',
        '- [ ] not a task',
        '~~~',
      ),
    );
    expect(outcome).toMatchObject({ status: 'pass' });
  });

  it('counts a heading whose only content is in its subsections as filled', async () => {
    const outcome = await evaluate(lines('# Design', '## Modules', '### Scoring', 'Scores one customer.', '### Training', 'Runs nightly.'));
    expect(outcome.status).toBe('pass');
  });

  it('ignores YAML front matter', async () => {
    expect((await evaluate(lines('---', 'title: PoC plan', '---', '# Goal', 'Predict churn.'))).status).toBe('pass');
  });
});

describe('doc check: unfinished documents', () => {
  it('reports each placeholder with its line and section, and summarises by section', async () => {
    const outcome = await evaluate(
      lines(
        '# PoC plan', // 1
        '', // 2
        '## Goal', // 3
        '', // 4
        'Predict churn. TODO: say for which market.', // 5
        '', // 6
        '## Success criteria', // 7
        '', // 8
        '- Accuracy: TODO', // 9
        '- Latency: TODO', // 10
      ),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('2 sections still have placeholders');
    expect(outcome.problems).toEqual([
      { file: 'docs/poc-plan.md', line: 5, message: "placeholder TODO in 'Goal'" },
      { file: 'docs/poc-plan.md', line: 9, message: "placeholder TODO in 'Success criteria'" },
      { file: 'docs/poc-plan.md', line: 10, message: "placeholder TODO in 'Success criteria'" },
    ]);
  });

  it('reports a section holding only comments as empty, and one holding only a placeholder line by its placeholder', async () => {
    const outcome = await evaluate(lines('# Plan', 'Intro.', '## Risks', '<!-- List the risks: data quality, drift, privacy. -->', '## Timeline', 'TODO'));
    expect(outcome.message).toBe('1 section is empty, 1 section still has placeholders');
    expect(outcome.problems).toEqual([
      { file: 'docs/poc-plan.md', line: 3, message: "section 'Risks' is empty" },
      { file: 'docs/poc-plan.md', line: 6, message: "placeholder TODO in 'Timeline'" },
    ]);
  });

  it('reports a title followed only by empty subsections as empty, with each subsection', async () => {
    const outcome = await evaluate(lines('# Design', '## Modules', '### Scoring', '<!-- describe -->', '## Security', 'Data stays in the EU.'));
    expect(outcome.problems).toEqual([
      { file: 'docs/poc-plan.md', line: 2, message: "section 'Modules' is empty" },
      { file: 'docs/poc-plan.md', line: 3, message: "section 'Scoring' is empty" },
    ]);
  });

  it('reports unticked boxes with their text, unless checklist is false', async () => {
    const markdown = lines('# Sign-off', '', '- [x] Legal reviewed the data use', '- [ ] Product owner agreed on the thresholds', '* [ ]', '1. [ ] Numbered box');
    const outcome = await evaluate(markdown);
    expect(outcome.message).toBe('3 boxes are unticked');
    expect(outcome.problems).toEqual([
      { file: 'docs/poc-plan.md', line: 4, message: "unticked box in 'Sign-off': Product owner agreed on the thresholds" },
      { file: 'docs/poc-plan.md', line: 5, message: "unticked box in 'Sign-off'" },
      { file: 'docs/poc-plan.md', line: 6, message: "unticked box in 'Sign-off': Numbered box" },
    ]);
    expect((await evaluate(markdown, { checklist: false })).status).toBe('pass');
  });

  it('uses a custom placeholder pattern instead of TODO', async () => {
    const markdown = lines('# Plan', 'TBD by Friday.', '## Owner', '<fill in>', '## Notes', 'A TODO list app is out of scope.');
    const outcome = await evaluate(markdown, { placeholder: 'TBD|<fill in>' });
    expect(outcome.problems).toEqual([
      { file: 'docs/poc-plan.md', line: 2, message: "placeholder TBD in 'Plan'" },
      { file: 'docs/poc-plan.md', line: 4, message: "placeholder <fill in> in 'Owner'" },
    ]);
  });

  it('reports a placeholder before the first heading', async () => {
    const outcome = await evaluate(lines('TODO: title', '', '# Goal', 'Predict churn.'));
    expect(outcome.problems).toEqual([{ file: 'docs/poc-plan.md', line: 1, message: 'placeholder TODO before the first heading' }]);
  });
});

describe('doc check: listed sections', () => {
  const markdown = lines('# Architecture', '## System Architecture', 'Batch scoring nightly.', '## Modules', '<!-- one per component -->', '## Appendix');

  it('checks only the listed sections, matching titles case-insensitively', async () => {
    const outcome = await evaluate(markdown, { sections: ['system architecture'] });
    expect(outcome.status).toBe('pass');
  });

  it('names a listed section that is missing, and one that is empty', async () => {
    const outcome = await evaluate(markdown, { sections: ['System architecture', 'Modules', 'Security and privacy'] });
    expect(outcome.message).toBe('1 section is missing, 1 section is empty');
    expect(outcome.problems).toEqual([
      { file: 'docs/poc-plan.md', message: "missing section 'Security and privacy'" },
      { file: 'docs/poc-plan.md', line: 4, message: "section 'Modules' is empty" },
    ]);
  });

  it('counts placeholders and unticked boxes only inside the listed sections and their subsections', async () => {
    const document = lines(
      '# Plan',
      '## Goals',
      'TODO: write the goals',
      '- [ ] agreed',
      '## LLM evaluation',
      'Groundedness on 200 questions.',
      '### Targets',
      '- [x] set',
      '- [ ] reviewed',
      '## Risks',
      'TODO: risks',
    );
    const outcome = await evaluate(document, { sections: ['LLM evaluation'] });
    expect(outcome.problems).toEqual([{ file: 'docs/poc-plan.md', line: 9, message: "unticked box in 'Targets': reviewed" }]);
    const filled = await evaluate(document.replace('- [ ] reviewed', '- [x] reviewed'), { sections: ['LLM evaluation'] });
    expect(filled.status).toBe('pass');
    expect((await evaluate(document)).problems).toHaveLength(4);
  });

  it('does not take a heading inside a code block for a listed section', async () => {
    const outcome = await evaluate(lines('# Design', 'Text.', '```', '## Modules', '```'), { sections: ['Modules'] });
    expect(outcome.problems).toEqual([{ file: 'docs/poc-plan.md', message: "missing section 'Modules'" }]);
  });
});

describe('doc check: the file itself', () => {
  it('fails when the file is missing, hinting at `lepton generate` for a template document', async () => {
    const outcome = await evaluate(undefined);
    expect(outcome).toMatchObject({ status: 'fail', message: 'docs/poc-plan.md does not exist', hint: 'run `lepton generate poc-plan` to create it from its template' });
    expect(docCheck.defaultHint({ id: 'plan-written', doc: 'docs/poc-plan.md' })).toBe('fill in every section of docs/poc-plan.md, replace each TODO marker and tick every box');
  });

  it('fails an empty file', async () => {
    expect(await evaluate('\n\n')).toMatchObject({ status: 'fail', message: 'docs/poc-plan.md is empty' });
  });

  it('is an error for a path leaving the project or an invalid placeholder pattern', async () => {
    expect((await evaluate(undefined, {}, '../outside.md')).status).toBe('error');
    const outcome = await evaluate(COMPLETE, { placeholder: '(' });
    expect(outcome.status).toBe('error');
    expect(outcome.message).toContain('not a valid regular expression');
  });
});

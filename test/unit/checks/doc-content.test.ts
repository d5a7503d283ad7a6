// Documents that only look complete (issue 10, "What broke" 6): one with no headings, one that is
// not UTF-8. Real files; the check's context is built whole, typed (test/helpers/check-context.ts).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import docCheck from '../../../src/gate/checks/doc.js';
import { firstInvalidUtf8 } from '../../../src/gate/checks/encoding.js';
import type { CheckContext } from '../../../src/gate/types.js';
import { manifestSchema } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { makeTempDir } from '../../helpers/git-repo.js';

let root: string;
beforeEach(async () => {
  root = await makeTempDir();
  await mkdir(path.join(root, 'docs'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const manifest = manifestSchema.parse({
  version: 1,
  project: { name: 'docs' },
  phase: 'poc',
  phases: [{ id: 'poc', title: 'PoC', gate: [{ id: 'plan', doc: 'docs/poc-plan.md' }] }],
});

function context(): CheckContext {
  return checkContext({ root, manifest });
}

async function evaluate(content: string | Uint8Array) {
  await writeFile(path.join(root, 'docs/poc-plan.md'), content);
  return docCheck.evaluate({ id: 'plan', doc: 'docs/poc-plan.md' }, context());
}

describe('doc', () => {
  it('fails a document with no headings: no sections found', async () => {
    const outcome = await evaluate('hello world\n');
    expect(outcome).toMatchObject({ status: 'fail', message: 'no sections found in docs/poc-plan.md: a document is checked by its headings' });
    expect(outcome.problems).toEqual([{ file: 'docs/poc-plan.md', line: 1, message: outcome.message }]);
  });

  it('names UTF-16 by its byte order mark instead of reading it as garbage', async () => {
    const text = '# Plan\n\n## Goal\n\nTODO\n';
    const little = await evaluate(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(little).toMatchObject({ status: 'error', message: 'docs/poc-plan.md is UTF-16 LE (by its byte order mark); lepton reads Markdown as UTF-8' });
    const big = Buffer.from(text, 'utf16le').swap16();
    expect((await evaluate(Buffer.concat([Buffer.from([0xfe, 0xff]), big]))).message).toContain('is UTF-16 BE (by its byte order mark)');
  });

  it('names the offset of the first byte that is not UTF-8 (a Latin-1 file)', async () => {
    const outcome = await evaluate(Buffer.from('# Plan\n\n## Goal\n\nCaf\xe9 au lait\n', 'latin1'));
    expect(outcome).toMatchObject({ status: 'error', message: 'docs/poc-plan.md is not valid UTF-8 (byte 0xe9 at offset 20); lepton reads Markdown as UTF-8' });
  });

  it('still reads UTF-8 with a byte order mark and non-ASCII text', async () => {
    expect(await evaluate(`\ufeff# 计划\n\n## 目标\n\n预测客户流失。\n`)).toMatchObject({ status: 'pass' });
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['ASCII', [0x61, 0x62], undefined],
    ['a 4-byte emoji', [0xf0, 0x9f, 0x98, 0x80], undefined],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong slash', [0xc0, 0xaf], 0],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['a truncated sequence', [0x61, 0xe2, 0x82], 1],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('%s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
  });
});

// One zh-CN glossary for every Chinese template (issue 13, defect 7): the terms the glossary says not
// to use appear in no template, and the regulation a Chinese reader needs is named in Chinese.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { expect, it } from 'vitest';

const zhDir = fileURLToPath(new URL('../../templates/zh-CN/', import.meta.url));

/** The "不用" column of the glossary's first table. */
async function avoidedTerms(): Promise<string[]> {
  const glossary = await readFile(path.join(zhDir, 'GLOSSARY.md'), 'utf8');
  const table = glossary.split('\n## ')[0]!;
  const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| English') && !line.startsWith('|---'));
  return rows.flatMap((row) =>
    (row.split('|')[3] ?? '')
      .split(/[/、,，]/)
      .map((term) => term.trim())
      .filter(Boolean),
  );
}

it('names the terms to avoid', async () => {
  expect(await avoidedTerms()).toEqual(expect.arrayContaining(['关卡', '时延', '忠实度', '灰度发布', '原因码', '平凡模型', '作为医疗器械的软件', '危害日志']));
});

it('no zh-CN template uses a term the glossary avoids', async () => {
  const avoided = await avoidedTerms();
  const files = await glob('*.hbs', { cwd: zhDir });
  expect(files.length).toBeGreaterThanOrEqual(12);
  const found: string[] = [];
  for (const file of files) {
    const text = await readFile(path.join(zhDir, file), 'utf8');
    for (const term of avoided) if (text.includes(term)) found.push(`${file}: ${term}`);
  }
  expect(found).toEqual([]);
});

it('names Chinese regulation and the 618 peak where they apply', async () => {
  const read = (file: string) => readFile(path.join(zhDir, file), 'utf8');
  expect(await read('development-guide.md.hbs')).toContain('《生成式人工智能服务管理暂行办法》');
  expect(await read('architecture.md.hbs')).toContain('《个人信息保护法》');
  expect(await read('architecture.md.hbs')).toContain('《人工智能医疗器械注册审查指导原则》');
  expect(await read('deploy-runbook.md.hbs')).toMatch(/^\| 618/m);
});

// Helpers for init and generate tests: a git identity for the child process, and filling in
// rendered documents the way a team would (every TODO line replaced by new text, every box ticked).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gitEnv } from './git-repo.js';

/** A clean environment for `lepton init`: a known git identity, no global git config. */
export function initEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ...gitEnv(), ...extra };
}

/**
 * Fills a rendered document the way a team would: every line holding TODO replaced by a sentence
 * of its own about the section it is in (lepton's doc check tells the template's text from what
 * was written, so the sentence must be new), every box ticked.
 */
export function fillDocument(text: string): string {
  let section = 'the introduction';
  let count = 0;
  return text
    .split('\n')
    .map((line) => {
      const heading = /^#{1,6} (.+)$/.exec(line);
      if (heading) section = heading[1]!.trim();
      if (!line.includes('TODO')) return line.replace(/^(\s*[-*] )\[ \]/, '$1[x]');
      count += 1;
      const sentence = `For ${section}, the team agreed on what applies to this project and wrote it down (decision ${count}).`;
      return /^\s*\|/.test(line) ? `| ${section} | decided by the team (decision ${count}) |` : /^\s*[-*] /.test(line) ? `- ${sentence}` : sentence;
    })
    .join('\n');
}

/** Fills every Markdown file in `dir/docs`. */
export async function fillDocuments(dir: string): Promise<string[]> {
  const docs = path.join(dir, 'docs');
  const files = (await readdir(docs)).filter((file) => file.endsWith('.md'));
  for (const file of files) {
    const target = path.join(docs, file);
    await writeFile(target, fillDocument(await readFile(target, 'utf8')));
  }
  return files;
}

// Helpers for init and generate tests: a git identity for the child process, and filling in
// rendered documents the way a team would (every TODO line replaced, every box ticked).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gitEnv } from './git-repo.js';

/** A clean environment for `lepton init`: a known git identity, no global git config. */
export function initEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ...gitEnv(), ...extra };
}

/** Replaces every line holding TODO with prose and ticks every box, as a team filling the document would. */
export function fillDocument(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.includes('TODO')) {
        const prefix = /^\s*\|/.test(line) ? '| Filled in | by the team |' : /^\s*[-*] /.test(line) ? '- Filled in by the team.' : 'Filled in by the team with the real content of this section.';
        return prefix;
      }
      return line.replace(/^(\s*[-*] )\[ \]/, '$1[x]');
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

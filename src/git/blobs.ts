// Files as committed, read by one `git cat-file --batch` for any number of revisions. Apart from
// git.ts because it needs no simple-git: a pre-push gate that reads the ledger at HEAD and at the
// remote branch starts one git process and loads no git library.
import { spawn } from 'node:child_process';
import { gitRedirected, nearestGit } from './locate.js';

/**
 * The text of each `revision:./path` (the path relative to `dir`); undefined for one git has no
 * file for (no such revision or path, a folder), and for all of them outside a git repository.
 */
export async function filesAtRevisions(dir: string, objects: readonly string[]): Promise<(string | undefined)[]> {
  if (objects.length === 0) return [];
  // Outside any repository git would only say so: a folder with no `.git` above it starts no git.
  if (!gitRedirected() && nearestGit(dir) === undefined) return objects.map(() => undefined);
  const output = await catFile(dir, '--batch', objects);
  return output ? parseBatch(output, objects.length) : objects.map(() => undefined);
}

/** What `git cat-file MODE` prints for `requests` (one per line); undefined when git fails (not a repository, no git). */
export function catFile(dir: string, mode: string, requests: readonly string[]): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const child = spawn('git', ['cat-file', mode], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(chunks) : undefined));
    // A git that exits early (not a repository) closes its stdin: that is answered by the exit code.
    child.stdin.on('error', () => {});
    child.stdin.end(requests.map((request) => `${request}\n`).join(''));
  });
}

/** `<oid> <type> <size>\n<content>\n` per object found, `<name> missing\n` (or ambiguous) per other. */
function parseBatch(output: Buffer, count: number): (string | undefined)[] {
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let index = 0; index < count; index++) {
    const end = output.indexOf(10, at);
    if (end === -1) break;
    const header = output.subarray(at, end).toString('utf8');
    at = end + 1;
    const found = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!found) {
      texts.push(undefined);
      continue;
    }
    const size = Number(found[2]);
    texts.push(found[1] === 'blob' ? output.subarray(at, at + size).toString('utf8') : undefined);
    at += size + 1;
  }
  while (texts.length < count) texts.push(undefined);
  return texts;
}

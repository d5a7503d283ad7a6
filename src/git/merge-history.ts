// A file at every merge commit and at each of its parents, read with a constant number of git
// processes (rev-list, then cat-file --batch-check and --batch), not one per commit. `git log -p`
// shows no diff for a merge, so what a merge dropped from one side is seen here only.
import { spawn } from 'node:child_process';
import { gitAt } from './git.js';

export interface MergeFile {
  commit: string;
  name: string;
  email: string;
  /** The file at the merge commit, undefined where it does not exist. */
  text: string | undefined;
  /** The file at each parent, in parent order. */
  parents: { commit: string; text: string | undefined }[];
}

/** Every merge commit reachable from HEAD whose `file` (relative to `dir`) differs from one of its parents'. */
export async function fileAtMerges(dir: string, file: string): Promise<MergeFile[]> {
  const git = gitAt(dir);
  const listing = await git.raw(['rev-list', '--min-parents=2', '--parents', '--format=%an%x00%ae', 'HEAD']).catch(() => '');
  const merges: { commit: string; parents: string[]; name: string; email: string }[] = [];
  const lines = listing.split('\n');
  for (let index = 0; index + 1 < lines.length; index += 2) {
    const [, commit = '', ...parents] = (lines[index] ?? '').split(' ');
    const [name = '', email = ''] = (lines[index + 1] ?? '').split('\0');
    if (commit) merges.push({ commit, parents, name, email });
  }
  if (merges.length === 0) return [];
  const prefix = (await git.raw(['rev-parse', '--show-prefix']).catch(() => '')).trim();
  const target = `${prefix}${file}`;
  const commits = [...new Set(merges.flatMap((merge) => [merge.commit, ...merge.parents]))];
  const blobOf = new Map<string, string | undefined>();
  const checked = (
    await catFile(
      dir,
      '--batch-check=%(objectname) %(objecttype)',
      commits.map((commit) => `${commit}:${target}`),
    )
  )
    .toString('utf8')
    .split('\n');
  for (const [index, commit] of commits.entries()) {
    blobOf.set(commit, /^([0-9a-f]{40,64}) blob$/.exec(checked[index] ?? '')?.[1]);
  }
  const changed = merges.filter((merge) => merge.parents.some((parent) => blobOf.get(parent) !== blobOf.get(merge.commit)));
  const blobs = [...new Set(changed.flatMap((merge) => [merge.commit, ...merge.parents].map((commit) => blobOf.get(commit))))].filter((oid): oid is string => oid !== undefined);
  const texts = await readBlobs(dir, blobs);
  const textAt = (commit: string) => {
    const oid = blobOf.get(commit);
    return oid === undefined ? undefined : texts.get(oid);
  };
  return changed.map((merge) => ({
    commit: merge.commit,
    name: merge.name,
    email: merge.email,
    text: textAt(merge.commit),
    parents: merge.parents.map((parent) => ({ commit: parent, text: textAt(parent) })),
  }));
}

async function readBlobs(dir: string, oids: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (oids.length === 0) return texts;
  const output = await catFile(dir, '--batch', oids);
  let offset = 0;
  for (const oid of oids) {
    const newline = output.indexOf(0x0a, offset);
    if (newline === -1) break;
    const size = Number(output.subarray(offset, newline).toString('utf8').split(' ')[2]);
    if (!Number.isInteger(size)) break;
    texts.set(oid, output.subarray(newline + 1, newline + 1 + size).toString('utf8'));
    offset = newline + 1 + size + 1;
  }
  return texts;
}

function catFile(dir: string, mode: string, requests: readonly string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const child = spawn('git', ['cat-file', mode], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => resolve(Buffer.alloc(0)));
    child.on('close', () => resolve(Buffer.concat(chunks)));
    child.stdin.on('error', () => {});
    child.stdin.end(requests.map((request) => `${request}\n`).join(''));
  });
}

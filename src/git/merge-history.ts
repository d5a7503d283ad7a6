// A file at every merge commit and at each of its parents, read with a constant number of git
// processes (rev-list, then cat-file --batch-check and --batch), not one per commit. `git log -p`
// shows no diff for a merge, so what a merge dropped from one side is seen here only.
import { catFile, filesAtRevisions } from './blobs.js';
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
    (await catFile(
      dir,
      '--batch-check=%(objectname) %(objecttype)',
      commits.map((commit) => `${commit}:${target}`),
    )) ?? Buffer.alloc(0)
  )
    .toString('utf8')
    .split('\n');
  for (const [index, commit] of commits.entries()) {
    blobOf.set(commit, /^([0-9a-f]{40,64}) blob$/.exec(checked[index] ?? '')?.[1]);
  }
  const changed = merges.filter((merge) => merge.parents.some((parent) => blobOf.get(parent) !== blobOf.get(merge.commit)));
  const blobs = [...new Set(changed.flatMap((merge) => [merge.commit, ...merge.parents].map((commit) => blobOf.get(commit))))].filter((oid): oid is string => oid !== undefined);
  const read = await filesAtRevisions(dir, blobs);
  const texts = new Map(blobs.map((oid, index) => [oid, read[index]]));
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

// The one git wrapper: small named functions over simple-git. Loaded only by commands
// and checks that need git.
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { gitRedirected, nearestGit } from './locate.js';

export function gitAt(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, trimmed: true });
}

/** The `.git` of every work tree git has confirmed in this process: each folder below it (outside the `.git` itself) is in that work tree. */
const confirmedWorkTrees = new Set<string>();

/**
 * Whether `dir` is in a git work tree. With no `.git` in it or in any folder above it (and no
 * GIT_DIR or GIT_WORK_TREE set), git would find none: the answer comes without starting git. A
 * folder below a `.git` whose work tree git already confirmed is in it too: git is asked once per
 * work tree, not once per folder (`report --all` over hundreds of projects in one repository).
 */
export async function isRepository(dir: string): Promise<boolean> {
  const redirected = gitRedirected();
  const found = redirected ? undefined : nearestGit(dir);
  if (!redirected && found === undefined) return false;
  const inGitFolder = found !== undefined && !path.relative(found, path.resolve(dir)).startsWith('..');
  if (found !== undefined && !inGitFolder && confirmedWorkTrees.has(found)) return true;
  const inside = await gitAt(dir)
    .checkIsRepo()
    .catch(() => false);
  if (inside && found !== undefined && !inGitFolder) confirmedWorkTrees.add(found);
  return inside;
}

/** Whether the repository holding `dir` is a shallow clone: commits before its cut are not there to read. */
export async function isShallow(dir: string): Promise<boolean> {
  return (
    (await gitAt(dir)
      .revparse(['--is-shallow-repository'])
      .catch(() => 'false')) === 'true'
  );
}

/** The top of the working tree that holds `dir`. */
export async function repositoryRoot(dir: string): Promise<string> {
  return gitAt(dir).revparse(['--show-toplevel']);
}

export async function initRepository(dir: string): Promise<void> {
  await gitAt(dir).init();
}

/**
 * What keeps the working tree from being clean: modified, staged and untracked files (each untracked
 * file listed; ignored files do not count), paths relative to the repository root.
 */
export async function uncommittedChanges(dir: string): Promise<{ path: string; untracked: boolean }[]> {
  const status = await gitAt(dir).status();
  return status.files.map((file) => ({ path: file.path, untracked: file.index === '?' }));
}

/** The checked-out branch, or undefined on a detached HEAD. */
export async function currentBranch(dir: string): Promise<string | undefined> {
  const name = await gitAt(dir)
    .raw(['symbolic-ref', '--quiet', '--short', 'HEAD'])
    .catch(() => '');
  return name.trim() || undefined;
}

/** Tags pointing at HEAD. */
export async function tagsAtHead(dir: string): Promise<string[]> {
  const output = await gitAt(dir)
    .raw(['tag', '--points-at', 'HEAD'])
    .catch(() => '');
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The commit HEAD points at, or undefined in a repository without commits. */
export async function headCommit(dir: string): Promise<string | undefined> {
  const sha = await gitAt(dir)
    .revparse(['--verify', '--quiet', 'HEAD'])
    .catch(() => '');
  return sha.trim() || undefined;
}

/** The identity git would commit as (user.name / user.email, or GIT_AUTHOR_* from the environment). */
export async function userIdentity(dir: string): Promise<{ name: string; email: string } | undefined> {
  const ident = await gitAt(dir)
    .raw(['var', 'GIT_AUTHOR_IDENT'])
    .catch(() => '');
  const match = /^(.*) <([^>]*)>/.exec(ident.trim());
  return match?.[1] && match[2] ? { name: match[1], email: match[2] } : undefined;
}

/** The folder all worktrees of the repository share (the main worktree's `.git`), absolute. */
export async function gitCommonDir(dir: string): Promise<string> {
  return gitAt(dir).raw(['rev-parse', '--path-format=absolute', '--git-common-dir']);
}

/** A config value and the scope it comes from (`system`, `global`, `local`, `worktree`, `command`), or undefined when unset. */
export async function configWithScope(dir: string, key: string): Promise<{ value: string; scope: string } | undefined> {
  const output = await gitAt(dir)
    .raw(['config', '--show-scope', '--get', key])
    .catch(() => '');
  const tab = output.indexOf('\t');
  return tab === -1 ? undefined : { scope: output.slice(0, tab), value: output.slice(tab + 1) };
}

/** The hooks folder git uses, as git itself resolves it (core.hooksPath, worktrees, submodules). */
export async function hooksDir(dir: string): Promise<string> {
  return gitAt(dir).raw(['rev-parse', '--path-format=absolute', '--git-path', 'hooks']);
}

/**
 * Files below `dir` matching the pathspecs that git does not ignore (tracked, or untracked and not
 * ignored), relative to `dir`; undefined when `dir` is not inside a working tree.
 */
export async function unignoredFiles(dir: string, pathspecs: readonly string[]): Promise<string[] | undefined> {
  const output = await gitAt(dir)
    .raw(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...pathspecs])
    .catch(() => undefined);
  return output === undefined ? undefined : [...new Set(output.split('\0').filter(Boolean))];
}

/** The ignore rule that makes git ignore `file` (`source:line:pattern`), or undefined when git does not ignore it or `dir` is no working tree. */
export async function ignoringRule(dir: string, file: string): Promise<string | undefined> {
  const output = await gitAt(dir)
    .raw(['check-ignore', '--verbose', '--no-index', '--', file])
    .catch(() => '');
  const rule = output.split('\t')[0]?.trim();
  return rule && !rule.endsWith(':') && !/:!/.test(rule) ? rule : undefined;
}

export interface UncommittedFile {
  /** Relative to the folder asked about. */
  path: string;
  state: 'untracked' | 'ignored' | 'changed';
}

/** Of `paths` (files relative to `dir`), those not committed as they are: untracked, ignored, or changed since HEAD (staged included). */
export async function uncommittedFiles(dir: string, paths: readonly string[]): Promise<UncommittedFile[]> {
  if (paths.length === 0) return [];
  const git = gitAt(dir);
  // Porcelain paths are relative to the top of the repository, pathspecs to `dir`.
  const prefix = (await git.raw(['rev-parse', '--show-prefix'])).trim();
  const found: UncommittedFile[] = [];
  for (let start = 0; start < paths.length; start += 500) {
    const pathspecs = paths.slice(start, start + 500).map((file) => `:(literal)${file}`);
    // v2 records start with their type ("1 XY …", "? path", "! path"): no leading blank to lose.
    // traditional + all: each file inside an ignored folder, not the folder.
    const output = await git.raw(['status', '--porcelain=v2', '-z', '--untracked-files=all', '--ignored=traditional', '--no-renames', '--', ...pathspecs]);
    for (const record of output.split('\0').filter(Boolean)) {
      const type = record[0];
      // Changed entries: "1 XY sub mH mI mW hH hI path", unmerged: "u XY sub m1 m2 m3 mW h1 h2 h3 path".
      const file =
        type === '?' || type === '!'
          ? record.slice(2)
          : record
              .split(' ')
              .slice(type === 'u' ? 10 : 8)
              .join(' ');
      const relative = file.startsWith(prefix) ? file.slice(prefix.length) : file;
      found.push({ path: relative, state: type === '?' ? 'untracked' : type === '!' ? 'ignored' : 'changed' });
    }
  }
  return found.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
}

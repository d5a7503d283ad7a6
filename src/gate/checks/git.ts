// `git: { clean, branch, tag }`: the working tree is clean, the branch matches, a matching tag is on HEAD.
import path from 'node:path';
import picomatch from 'picomatch';
import { CACHE_DIR } from '../../cache.js';
import { isInside } from '../../manifest/paths.js';
import type { CheckOf } from '../../manifest/schema.js';
import type { CheckContext, CheckModule, CheckOutcome, GitQueries, Problem } from '../types.js';
import { plural } from './files.js';

interface Verdict {
  ok: boolean;
  message: string;
  problems?: Problem[];
}

async function evaluate(check: CheckOf<'git'>, context: CheckContext): Promise<CheckOutcome> {
  const rules = check.git;
  const git = await context.git();
  if (!(await git.isRepository(context.root))) {
    return { status: 'error', message: 'the project is not inside a git repository, so its git state cannot be checked' };
  }
  const commit = await git.headCommit(context.root);
  const evidence: Record<string, unknown> = { commit: commit ?? null };
  const verdicts: Verdict[] = [];
  if (rules.clean) {
    const changes = await changesOutsideCache(git, context);
    evidence.changes = changes.length;
    verdicts.push(cleanVerdict(changes));
  }
  if (rules.branch !== undefined) {
    const branch = await branchName(git, context);
    evidence.branch = branch?.name ?? null;
    verdicts.push(branchVerdict(rules.branch, branch));
  }
  if (rules.tag !== undefined) {
    const tags = commit ? await git.tagsAtHead(context.root) : [];
    const isMatch = picomatch(rules.tag);
    const matching = tags.filter((tag) => isMatch(tag));
    evidence.tags = matching;
    verdicts.push(tagVerdict(rules.tag, tags, matching, commit));
  }
  const failed = verdicts.filter((verdict) => !verdict.ok);
  const problems = failed.flatMap((verdict) => verdict.problems ?? [{ message: verdict.message }]);
  if (failed.length > 0) return { status: 'fail', message: failed.map((verdict) => verdict.message).join('; '), problems, evidence };
  return { status: 'pass', message: verdicts.map((verdict) => verdict.message).join(', '), evidence };
}

/** Uncommitted changes, paths relative to the project; lepton's own result cache is not the project's work. */
async function changesOutsideCache(git: GitQueries, context: CheckContext): Promise<{ path: string; untracked: boolean }[]> {
  const top = await git.repositoryRoot(context.root);
  const changes = await git.uncommittedChanges(context.root);
  return changes
    .map((change) => ({ ...change, absolute: path.resolve(top, change.path) }))
    .filter((change) => !isInside(path.join(context.root, CACHE_DIR), change.absolute))
    .map((change) => ({ path: path.relative(context.root, change.absolute).split(path.sep).join('/'), untracked: change.untracked }));
}

function cleanVerdict(changes: readonly { path: string; untracked: boolean }[]): Verdict {
  if (changes.length === 0) return { ok: true, message: 'working tree clean' };
  const shown = changes.slice(0, 20).map((change) => ({ file: change.path, message: change.untracked ? 'untracked' : 'uncommitted change' }));
  const more = changes.length > shown.length ? [{ message: `and ${changes.length - shown.length} more` }] : [];
  return { ok: false, message: `working tree has ${plural(changes.length, 'uncommitted change')}`, problems: [...shown, ...more] };
}

/**
 * The checked-out branch; on a detached HEAD (usual in CI checkouts) the branch the CI
 * system says it is building.
 */
async function branchName(git: GitQueries, context: CheckContext): Promise<{ name: string; from?: string } | undefined> {
  const name = await git.currentBranch(context.root);
  if (name) return { name };
  const env = context.env;
  const candidates: [string, string | undefined][] = [
    ['GITHUB_HEAD_REF', env.GITHUB_HEAD_REF],
    ['GITHUB_REF_NAME', env.GITHUB_REF_TYPE === 'branch' ? env.GITHUB_REF_NAME : undefined],
    ['CI_COMMIT_BRANCH', env.CI_COMMIT_BRANCH],
    ['CI_MERGE_REQUEST_SOURCE_BRANCH_NAME', env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME],
  ];
  const found = candidates.find(([, value]) => value);
  return found ? { name: found[1]!, from: found[0] } : undefined;
}

function branchVerdict(wanted: string | string[], branch: { name: string; from?: string } | undefined): Verdict {
  const patterns = typeof wanted === 'string' ? [wanted] : wanted;
  const expected = patterns.join(' or ');
  if (!branch) return { ok: false, message: `HEAD is detached, not on a branch matching ${expected}` };
  const source = branch.from ? ` (from ${branch.from})` : '';
  if (picomatch(patterns)(branch.name)) return { ok: true, message: `on branch ${branch.name}${source}` };
  return { ok: false, message: `on branch ${branch.name}${source}, expected ${expected}` };
}

function tagVerdict(pattern: string, tags: readonly string[], matching: readonly string[], commit: string | undefined): Verdict {
  if (!commit) return { ok: false, message: `the repository has no commit yet, so no tag matching ${pattern} can point at HEAD` };
  if (matching.length > 0) return { ok: true, message: `HEAD tagged ${matching.join(', ')}` };
  const others = tags.length > 0 ? ` (HEAD has ${tags.join(', ')})` : '';
  return { ok: false, message: `no tag matching ${pattern} points at HEAD ${commit.slice(0, 7)}${others}` };
}

function defaultHint(check: CheckOf<'git'>): string {
  const steps: string[] = [];
  const rules = check.git;
  if (rules.clean) steps.push('commit or stash your changes (or add generated files to .gitignore)');
  if (rules.branch !== undefined) steps.push(`switch to a branch matching ${[rules.branch].flat().join(' or ')}`);
  if (rules.tag !== undefined) steps.push(`tag the release commit (\`git tag ${exampleTag(rules.tag)}\`) and push the tag`);
  return steps.join('; ');
}

/** A plausible tag for a glob, for the hint: `v*` → `v1.0.0`. */
function exampleTag(pattern: string): string {
  return /^[\w.-]*\*$/.test(pattern) ? `${pattern.slice(0, -1)}1.0.0` : '<name>';
}

export default { evaluate, defaultHint } satisfies CheckModule<'git'>;

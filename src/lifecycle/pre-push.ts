// What a push asks to update, read from git's pre-push input, and which of those updates the
// regression guard must gate. Pure functions: no git, no file system, no manifest loading.

/** `hooks.pre-push.branches` when the manifest does not say. */
export const DEFAULT_PRE_PUSH_BRANCHES: readonly string[] = ['main', 'master', 'release/*'];

export interface PushUpdate {
  /** The local side as the user wrote it: a ref, `HEAD`, an expression like `main@{1 day ago}`, or `(delete)`. */
  localRef: string;
  localOid: string;
  /** The full remote ref, e.g. `refs/heads/main` or `refs/tags/v1.0`. */
  remoteRef: string;
  remoteOid: string;
}

export type PushAction = 'delete' | 'create' | 'update';

export interface GatedUpdate extends PushUpdate {
  branch: string;
  action: Exclude<PushAction, 'delete'>;
}

const HEADS = 'refs/heads/';

/**
 * Parses git's pre-push input: one `<local ref> <local oid> <remote ref> <remote oid>` line per
 * update, empty when nothing is pushed. Fields are taken from the right, because the local side
 * is whatever the user typed before the colon and may contain spaces (`main@{1 day ago}:main`).
 */
export function parsePrePushInput(text: string): PushUpdate[] {
  const updates: PushUpdate[] = [];
  for (const [index, rawLine] of text.split('\n').entries()) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    const fields = line.split(' ');
    const remoteOid = fields.pop() ?? '';
    const remoteRef = fields.pop() ?? '';
    const localOid = fields.pop() ?? '';
    const localRef = fields.join(' ');
    if (!localRef || !isObjectId(localOid) || !remoteRef || !isObjectId(remoteOid)) {
      throw new Error(`line ${index + 1} of the pre-push input is not "<local ref> <local oid> <remote ref> <remote oid>": ${JSON.stringify(line)}`);
    }
    updates.push({ localRef, localOid, remoteRef, remoteOid });
  }
  return updates;
}

/** A SHA-1 (40) or SHA-256 (64) object id in hex. */
export function isObjectId(text: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(text);
}

/** All zeros, of either length: no object (the ref is deleted, or does not exist yet on the remote). */
export function isZeroOid(oid: string): boolean {
  return /^0+$/.test(oid);
}

export function pushAction(update: PushUpdate): PushAction {
  if (isZeroOid(update.localOid)) return 'delete';
  return isZeroOid(update.remoteOid) ? 'create' : 'update';
}

/**
 * Whether a branch name matches a `hooks.pre-push.branches` pattern. `*` matches any run of
 * characters, `/` included, and `?` any one character: the same as the hook script's shell
 * `case` patterns, so the script and lepton never disagree.
 */
export function branchMatches(branch: string, pattern: string): boolean {
  const source = [...pattern].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's').test(branch);
}

/**
 * The updates to gate: branches (`refs/heads/…`) matching the patterns that are created or moved.
 * Deletions, tags and other refs pass; a push that mixes them with a protected branch is gated.
 */
export function updatesToGate(updates: readonly PushUpdate[], patterns: readonly string[]): GatedUpdate[] {
  const gated: GatedUpdate[] = [];
  for (const update of updates) {
    const action = pushAction(update);
    if (action === 'delete' || !update.remoteRef.startsWith(HEADS)) continue;
    const branch = update.remoteRef.slice(HEADS.length);
    if (patterns.some((pattern) => branchMatches(branch, pattern))) gated.push({ ...update, branch, action });
  }
  return gated;
}

/**
 * Why a branch pattern cannot be used, or undefined when it can. Patterns are written into the
 * hook script, so only what a branch name may hold is allowed (no spaces, quotes, `$`, `[`…).
 */
export function branchPatternProblem(pattern: string): string | undefined {
  if (pattern === '') return 'a branch pattern may not be empty';
  const bad = /[\s[\]\\'"`$~^:;&|<>(){}]/.exec(pattern);
  if (bad) return `branch pattern "${pattern}" holds ${JSON.stringify(bad[0])}; use a branch name with * and ? wildcards`;
  if (pattern.startsWith('refs/')) return `branch pattern "${pattern}" is a full ref; write the branch name (without refs/heads/)`;
  return undefined;
}

/** Whether any update could need a gate, decided from the input alone (no manifest needed). */
export function mayNeedGate(updates: readonly PushUpdate[]): boolean {
  return updates.some((update) => pushAction(update) !== 'delete' && update.remoteRef.startsWith('refs/heads/'));
}

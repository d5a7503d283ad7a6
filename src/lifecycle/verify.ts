// `lepton verify`: the ledger's hash chain, each entry's place in the lifecycle, `phase:` against
// the ledger, and with `strict` that git history shows each line added by the actor it names.
import path from 'node:path';
import type { LineOrigin } from '../git/history.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { Manifest } from '../manifest/schema.js';
import { checkedLines, rememberCheckedLines } from './ledger-cache.js';
import { checkChain, LEDGER_PATH, ledgerLines, parseEntry, readLedgerText, type LedgerEntry } from './ledger.js';
import { changedGates, describeGateChange } from './gate-definition.js';
import { phaseMismatch } from './phase-mismatch.js';
import { ownerByEmail, replayLedger, type ActorFinding, type LifecycleState } from './state.js';

export interface VerifyProblem {
  seq?: number;
  message: string;
  /** Which verification found it: the hash chain, `phase:` against the ledger, sign-offs, git authorship (--strict), passed gates changed since, or signatures. */
  check?: 'chain' | 'phase' | 'approvals' | 'authors' | 'gates' | 'signatures';
  /** For an entry whose actor could not make it: whether they are not an owner or had left (the fix is then in lepton.yaml). */
  code?: ActorFinding;
}

export interface VerifyReport {
  version: 1;
  project: string;
  phase: string;
  ok: boolean;
  entries: number;
  problems: VerifyProblem[];
}

export interface VerifyOptions {
  strict?: boolean;
  /** Commits (with a name for messages) whose ledger this one must extend, e.g. the remote branch a push updates. */
  extends?: { revision: string; label: string }[] | undefined;
}

/** Checks a project loaded with `loadProject`, which has already completed any interrupted step. */
export async function verifyProject(loaded: LoadedManifest, options: VerifyOptions = {}): Promise<VerifyReport> {
  return (await verifyAndReplay(loaded, options)).report;
}

/** verifyProject's report, with the ledger's replay it made (the lifecycle state, for a caller that gates next). */
export async function verifyAndReplay(loaded: LoadedManifest, options: VerifyOptions = {}): Promise<{ report: VerifyReport; state: LifecycleState }> {
  const { manifest } = loaded;
  const lines = ledgerLines(await readLedgerText(loaded.root));
  // --strict trusts no cache: every line is hashed.
  const chain = checkChain(lines, options.strict ? undefined : await checkedLines(loaded.root));
  // The lines before a break were checked; what follows it was not.
  await rememberCheckedLines(loaded.root, lines.slice(0, chain.entries.length));
  const { entries } = chain;
  const problems: VerifyProblem[] = [...chain.problems];
  const first = manifest.phases[0]!.id;
  if (lines.length === 0 && manifest.phase !== first) {
    problems.push({
      check: 'phase',
      message: `there is no ledger (${LEDGER_PATH}), but phase: is ${manifest.phase}; without a ledger a project can only be in its first phase, ${first}`,
    });
  }
  const state = replayLedger(manifest, entries);
  problems.push(...state.problems);
  const mismatch = lines.length > 0 ? phaseMismatch(manifest, state) : undefined;
  if (mismatch) problems.push({ check: 'phase', ...(mismatch.seq !== undefined && { seq: mismatch.seq }), message: mismatch.message });
  for (const change of changedGates(manifest, state)) problems.push({ check: 'gates', seq: change.seq, message: describeGateChange(change) });
  // Entries cut off the end leave a valid chain: compare with the committed ledger, and with what a push replaces.
  const { lostEntries, mergeLosses } = await import('./ledger-losses.js');
  const against = [{ revision: 'HEAD', label: 'the committed ledger (HEAD)' }, ...(options.extends ?? [])];
  for (const loss of await lostEntries(loaded.root, against, entries)) problems.push({ ...loss, check: 'chain' });
  // Every merge against each of its parents: a walk of history, so only under --strict (the pre-push hook stays cheap).
  if (options.strict && (await (await import('../git/git.js')).isRepository(loaded.root))) {
    for (const loss of await mergeLosses(loaded.root)) problems.push({ ...loss, check: 'chain' });
  }
  const signatures = await checkSignatures(loaded.root, manifest, entries, Boolean(options.strict));
  problems.push(...signatures.problems);
  if (options.strict) problems.push(...(await checkAuthors(loaded.root, lines, entries, signatures.valid)));
  problems.sort((left, right) => (left.seq ?? Number.MAX_SAFE_INTEGER) - (right.seq ?? Number.MAX_SAFE_INTEGER));
  return { report: { version: 1, project: manifest.project.name, phase: manifest.phase, ok: problems.length === 0, entries: lines.length, problems }, state };
}

/**
 * Every `sig` checked against the named owner's `key` (ssh-keygen -Y verify); an entry by an owner
 * with a key must carry a valid one. Returns the seqs of entries with a valid signature. A signature
 * found valid before, over the same content with the same key, is not checked again (see
 * signature-cache.ts), except under --strict, which trusts no cache.
 */
async function checkSignatures(root: string, manifest: Manifest, entries: readonly LedgerEntry[], strict: boolean): Promise<{ problems: VerifyProblem[]; valid: Set<number> }> {
  const problems: VerifyProblem[] = [];
  const valid = new Set<number>();
  const keyed = entries.filter((entry) => entry.sig !== undefined || ownerByEmail(manifest, entry.actor.email)?.key);
  if (keyed.length === 0) return { problems, valid };
  const [{ contentHash, verifyHash }, { rememberVerifiedSignatures, signatureKey, verifiedSignatures }] = await Promise.all([
    import('./signatures.js'),
    import('./signature-cache.js'),
  ]);
  const known = strict ? new Set<string>() : verifiedSignatures(root);
  const verified: string[] = [];
  for (const entry of keyed) {
    const owner = ownerByEmail(manifest, entry.actor.email);
    const who = `${entry.actor.name} <${entry.actor.email}>`;
    const finding = (message: string) => problems.push({ seq: entry.seq, check: 'signatures', message: `entry #${entry.seq} (${entry.event} by ${who}): ${message}` });
    if (!owner?.key) {
      finding('carries a signature, but no owner with that email has a key to check it against');
      continue;
    }
    if (typeof entry.sig !== 'string') {
      finding(`is not signed, but ${owner.name} has a key: an entry by a keyed owner must be signed by it`);
      continue;
    }
    const hash = contentHash(entry);
    const key = signatureKey(hash, entry.sig, owner.key);
    if (known.has(key) || (await verifyHash(hash, entry.sig, owner.key))) {
      valid.add(entry.seq);
      verified.push(key);
    } else {
      finding(`its signature does not verify against ${owner.name}'s key: the entry was changed after it was signed, or signed with another key`);
    }
  }
  await rememberVerifiedSignatures(root, [...new Set(verified)]);
  return { problems, valid };
}

/** Each line must have been added by a commit authored by the entry's actor, and no commit may remove one. */
async function checkAuthors(root: string, lines: readonly string[], entries: readonly LedgerEntry[], signed: ReadonlySet<number>): Promise<VerifyProblem[]> {
  const { isRepository, isShallow } = await import('../git/git.js');
  if (!(await isRepository(root))) return [{ check: 'authors', message: 'checking who committed each entry needs git history, but the project is not in a git repository' }];
  // A shallow clone hides the commits before its cut, and with them what they added or dropped.
  if (await isShallow(root)) {
    return [
      {
        check: 'authors',
        message:
          'checking who committed each entry needs the whole git history, but this is a shallow clone; fetch all of it (`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout)',
      },
    ];
  }
  const { lineHistory } = await import('../git/history.js');
  const history = await lineHistory(root, path.posix.join(...LEDGER_PATH.split('/')));
  const problems: VerifyProblem[] = [];
  const seqOf = (line: string) => parseEntry(line)?.seq;
  // A ledger merge renumbers and re-chains entries: the same content under a new seq, prev and
  // hash still comes from the commit that first added that content.
  const { contentHash } = await import('./signatures.js');
  const contentOf = (line: string) => {
    const entry = parseEntry(line);
    return entry ? contentHash(entry) : undefined;
  };
  const current = new Set(entries.map((entry) => contentHash(entry)));
  const addedByContent = new Map<string, LineOrigin>();
  for (const [line, origin] of history.addedBy) {
    const content = contentOf(line);
    if (content && !addedByContent.has(content)) addedByContent.set(content, origin);
  }
  for (const { line, origin } of history.removedIn) {
    const content = contentOf(line);
    if (content && current.has(content)) continue;
    const seq = seqOf(line);
    problems.push({
      ...(seq !== undefined && { seq }),
      check: 'authors',
      message: `commit ${origin.commit.slice(0, 7)} by ${origin.name} <${origin.email}> removed or changed ledger entry #${seq ?? '?'}: the ledger is append-only`,
    });
  }
  for (const line of history.removedUncommitted) {
    const content = contentOf(line);
    if (content && current.has(content)) continue;
    const seq = seqOf(line);
    problems.push({ ...(seq !== undefined && { seq }), check: 'authors', message: `ledger entry #${seq ?? '?'} was removed or changed in the working tree` });
  }
  for (const [index, line] of lines.entries()) {
    const entry = entries[index];
    if (!entry) break;
    // A valid signature says who made the entry, whoever committed it (squash merges, rebases).
    if (signed.has(entry.seq)) continue;
    const origin = history.addedBy.get(line) ?? addedByContent.get(contentHash(entry));
    const actor = `${entry.actor.name} <${entry.actor.email}>`;
    if (!origin) {
      problems.push({ seq: entry.seq, check: 'authors', message: `entry #${entry.seq} (${entry.event} by ${actor}) is not committed yet; commit it as ${actor}` });
    } else if (origin.email.toLowerCase() !== entry.actor.email.toLowerCase() && !origin.coAuthors.includes(entry.actor.email.toLowerCase())) {
      problems.push({
        seq: entry.seq,
        check: 'authors',
        message: `entry #${entry.seq} (${entry.event}) names ${actor}, but commit ${origin.commit.slice(0, 7)} that added it was authored by ${origin.name} <${origin.email}>`,
      });
    }
  }
  return problems;
}

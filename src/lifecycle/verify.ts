// `lepton verify`: the ledger's hash chain, each entry's place in the lifecycle, `phase:` against
// the ledger, and with `strict` that git history shows each line added by the actor it names.
import path from 'node:path';
import type { LoadedManifest } from '../manifest/load.js';
import { checkedLines, rememberCheckedLines } from './ledger-cache.js';
import { checkChain, LEDGER_PATH, ledgerLines, parseEntry, readLedgerText, type LedgerEntry } from './ledger.js';
import { phaseMismatch } from './phase-mismatch.js';
import { replayLedger } from './state.js';

export interface VerifyProblem {
  seq?: number;
  message: string;
  /** Which verification found it: the hash chain, `phase:` against the ledger, sign-offs, or git authorship (--strict). */
  check?: 'chain' | 'phase' | 'approvals' | 'authors';
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
}

/** Checks a project loaded with `loadProject`, which has already completed any interrupted step. */
export async function verifyProject(loaded: LoadedManifest, options: VerifyOptions = {}): Promise<VerifyReport> {
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
    problems.push({ check: 'phase', message: `there is no ledger (${LEDGER_PATH}), but phase: is ${manifest.phase}; without a ledger a project can only be in its first phase, ${first}` });
  }
  const state = replayLedger(manifest, entries);
  problems.push(...state.problems);
  const mismatch = lines.length > 0 ? phaseMismatch(manifest, state) : undefined;
  if (mismatch) problems.push({ check: 'phase', ...(mismatch.seq !== undefined && { seq: mismatch.seq }), message: mismatch.message });
  if (options.strict) problems.push(...(await checkAuthors(loaded.root, lines, entries)));
  problems.sort((left, right) => (left.seq ?? Number.MAX_SAFE_INTEGER) - (right.seq ?? Number.MAX_SAFE_INTEGER));
  return { version: 1, project: manifest.project.name, phase: manifest.phase, ok: problems.length === 0, entries: lines.length, problems };
}

/** Each line must have been added by a commit authored by the entry's actor, and no commit may remove one. */
async function checkAuthors(root: string, lines: readonly string[], entries: readonly LedgerEntry[]): Promise<VerifyProblem[]> {
  const { isRepository } = await import('../git/git.js');
  if (!(await isRepository(root))) return [{ check: 'authors', message: '--strict needs git history, but the project is not in a git repository' }];
  const { lineHistory } = await import('../git/history.js');
  const history = await lineHistory(root, path.posix.join(...LEDGER_PATH.split('/')));
  const problems: VerifyProblem[] = [];
  const seqOf = (line: string) => parseEntry(line)?.seq;
  for (const { line, origin } of history.removedIn) {
    const seq = seqOf(line);
    problems.push({ ...(seq !== undefined && { seq }), check: 'authors', message: `commit ${origin.commit.slice(0, 7)} by ${origin.name} <${origin.email}> removed or changed ledger entry #${seq ?? '?'}: the ledger is append-only` });
  }
  for (const line of history.removedUncommitted) {
    const seq = seqOf(line);
    problems.push({ ...(seq !== undefined && { seq }), check: 'authors', message: `ledger entry #${seq ?? '?'} was removed or changed in the working tree` });
  }
  for (const [index, line] of lines.entries()) {
    const entry = entries[index];
    if (!entry) break;
    const origin = history.addedBy.get(line);
    const actor = `${entry.actor.name} <${entry.actor.email}>`;
    if (!origin) {
      problems.push({ seq: entry.seq, check: 'authors', message: `entry #${entry.seq} (${entry.event} by ${actor}) is not committed yet; commit it as ${actor}` });
    } else if (origin.email.toLowerCase() !== entry.actor.email.toLowerCase()) {
      problems.push({ seq: entry.seq, check: 'authors', message: `entry #${entry.seq} (${entry.event}) names ${actor}, but commit ${origin.commit.slice(0, 7)} that added it was authored by ${origin.name} <${origin.email}>` });
    }
  }
  return problems;
}

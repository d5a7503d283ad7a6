// The evidence ledger `.lepton/ledger.jsonl` on disk, and the one way it is written: under the
// project lock, complete an interrupted move, read the ledger (and the manifest) afresh, let a plan
// decide on that state, then append the entry it returns — changing `phase:` with it, through the
// crash-safe journal — or write nothing. The format itself is in ledger-format.ts.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { DocumentWrite } from '../templates/generate.js';
import { commitWrites, rollForward, type JournalWrite } from './journal.js';
import type { Actor, LedgerEntry, NewLedgerEntry, Stamped } from './ledger-entries.js';
import { appendedText, chainEntry, LEDGER_PATH, ledgerLines, parseLedger } from './ledger-format.js';
import { rememberCheckedLines } from './ledger-cache.js';
import { withLock } from './lock.js';
import { ownerByEmail, replayLedger, type LifecycleState } from './state.js';
import { clockNow } from './test-hooks.js';

export * from './ledger-entries.js';
export * from './ledger-format.js';

export const LEPTON_GITIGNORE = '.lepton/.gitignore';
/** What of .lepton/ is committed: the ledger, the schema, project templates, the records of what was rendered, blessed baselines and a vendored lepton; not the lock, journal or cache. */
export const LEPTON_GITIGNORE_TEXT =
  '# lepton: commit the ledger, the schema, project templates, what was rendered, blessed baselines and a vendored lepton; not the lock, journal or cache\n*\n!.gitignore\n!ledger.jsonl\n!schema.json\n!templates/\n!templates/**\n!rendered/\n!rendered/**\n!baselines/\n!baselines/**\n!bin/\n!bin/lepton.cjs\n';

export async function readLedgerText(root: string): Promise<string | undefined> {
  try {
    return readFileSync(path.join(root, LEDGER_PATH), 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    throw new LeptonError(`cannot read ${LEDGER_PATH}: ${message}`, { hint: 'check the file permissions' });
  }
}

/** Who is acting: the git identity (user.name/user.email or GIT_AUTHOR_*). */
export async function currentActor(root: string): Promise<Actor> {
  const { userIdentity } = await import('../git/git.js');
  const identity = await userIdentity(root);
  if (!identity) {
    throw new LeptonError('no git identity to record in the ledger', {
      hint: 'set one: git config user.name "Your Name" && git config user.email you@example.com',
    });
  }
  return identity;
}

/** The commit the entry is made on: HEAD, or null outside git or before the first commit. */
export async function currentCommit(root: string): Promise<string | null> {
  const { headCommit } = await import('../git/git.js');
  return (await headCommit(root).catch(() => undefined)) ?? null;
}

/** Who makes an entry and on which commit; the time is taken later, under the lock. */
export async function stampFor(root: string): Promise<{ actor: Actor; commit: string | null }> {
  const [actor, commit] = await Promise.all([currentActor(root), currentCommit(root)]);
  return { actor, commit };
}

/** What earlier versions of lepton wrote: replaced by the current text (it is lepton's own, unedited). */
export const PREVIOUS_GITIGNORE_TEXTS = [
  '# lepton: commit the ledger, the schema and project templates; not the lock, journal or cache\n*\n!.gitignore\n!ledger.jsonl\n!schema.json\n!templates/\n!templates/**\n',
];

/**
 * Keeps the lock, journal and cache out of git while the ledger is committed. Never replaces a
 * user's file; one an earlier lepton wrote is brought up to date (so the records of what was
 * rendered, .lepton/rendered/, are committed too).
 */
export async function ensureLeptonGitignore(root: string): Promise<void> {
  const file = path.join(root, LEPTON_GITIGNORE);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current !== undefined && !PREVIOUS_GITIGNORE_TEXTS.includes(current)) return;
  await writeFileAtomic(file, LEPTON_GITIGNORE_TEXT);
}

// ——— the write path ———

/** The ledger as read under the lock. */
export interface LedgerSnapshot {
  text: string | undefined;
  entries: LedgerEntry[];
}

/** The ledger under the lock and its replay against the manifest, for plans that move a project. */
export interface ProjectSnapshot extends LedgerSnapshot {
  state: LifecycleState;
}

/** A plan's decision to append `write` (and move `phase:`), with the caller's result. */
export interface WritePlan<E extends NewLedgerEntry, R> {
  write: E;
  phase?: string | undefined;
  result: R;
}

/** A plan's decision to write nothing (e.g. a sign-off already recorded), with the caller's result. */
export interface NoWritePlan<R> {
  write?: undefined;
  result: R;
}

export type Plan = WritePlan<NewLedgerEntry, unknown> | NoWritePlan<unknown>;

export function writeEntry<E extends NewLedgerEntry, R = undefined>(entry: E, result?: R, phase?: string): WritePlan<E, R> {
  return { write: entry, phase, result: result as R };
}

export function nothingToWrite<R>(result: R): NoWritePlan<R> {
  return { result };
}

/** What was recorded: the entry as written (undefined when the plan wrote nothing) and the plan's result. */
export interface Recorded<P extends Plan> {
  entry: P extends WritePlan<infer E, unknown> ? Stamped<E> : undefined;
  result: P['result'];
}

export interface RecordOptions {
  env?: NodeJS.ProcessEnv | undefined;
  /** The entry's time; by default the clock's (LEPTON_NOW in tests), read under the lock. */
  now?: Date | undefined;
  /** Written with the entry, from the same journal, when the plan writes: the new phase's documents (an existing one is kept). */
  documents?: readonly DocumentWrite[] | undefined;
}

/** Records in a project whose manifest is loaded: the plan sees the replayed ledger and may move `phase:`. */
export function recordInProject<P extends Plan>(loaded: LoadedManifest, options: RecordOptions, plan: (fresh: ProjectSnapshot, actor: Actor) => P): Promise<Recorded<P>> {
  const keyOf = (actor: Actor) => ownerByEmail(loaded.manifest, actor.email)?.key;
  return record(
    loaded.root,
    { ...options, keyOf },
    async (ledger) => {
      const source = await readFile(loaded.file, 'utf8');
      if (source !== loaded.source) {
        throw new LeptonError(`${loaded.displayPath} changed while lepton was running`, { hint: 'run the command again' });
      }
      // The yaml parser that rewrites `phase:` loads only for the commands that move it.
      const { setManifestPhase } = await import('../manifest/write.js');
      const setPhase = (phase: string): JournalWrite => ({ path: path.relative(loaded.root, loaded.file), content: setManifestPhase(source, phase), label: 'manifest' });
      return { fresh: { ...ledger, state: replayLedger(loaded.manifest, ledger.entries) }, setPhase };
    },
    plan,
  );
}

/** Records in a project folder from its ledger alone (`lepton init`'s first entry). */
export function recordInFolder<P extends Plan>(
  root: string,
  options: RecordOptions & { keyOf?: (actor: Actor) => string | undefined },
  plan: (fresh: LedgerSnapshot, actor: Actor) => P,
): Promise<Recorded<P>> {
  return record(root, options, async (ledger) => ({ fresh: ledger, setPhase: undefined }), plan);
}

/** Appends one entry as it is (the plan that always writes) and returns it as written. */
export async function appendLedgerEntry<E extends NewLedgerEntry>(
  root: string,
  entry: E,
  options: RecordOptions & { keyOf?: (actor: Actor) => string | undefined } = {},
): Promise<Stamped<E>> {
  const { entry: written } = await recordInFolder(root, options, () => writeEntry(entry));
  return written;
}

async function record<F extends LedgerSnapshot, P extends Plan>(
  root: string,
  options: RecordOptions & { keyOf?: (actor: Actor) => string | undefined },
  read: (ledger: LedgerSnapshot) => Promise<{ fresh: F; setPhase: ((phase: string) => JournalWrite) | undefined }>,
  plan: (fresh: F, actor: Actor) => P,
): Promise<Recorded<P>> {
  const stamp = await stampFor(root);
  return withLock(root, async () => {
    await rollForward(root);
    const text = await readLedgerText(root);
    const entries = parseLedger(text);
    const { fresh, setPhase } = await read({ text, entries });
    const planned = plan(fresh, stamp.actor);
    if (!planned.write) return { entry: undefined, result: planned.result } as Recorded<P>;
    // The time is taken under the lock, so entries are in time order whoever waited for whom.
    const unsigned = chainEntry(entries.at(-1), planned.write, { ...stamp, time: options.now ?? clockNow(options.env) });
    // An owner with a key signs every entry they make.
    const key = options.keyOf?.(stamp.actor);
    const entry = key ? await (await import('./signatures.js')).signEntry(unsigned, key, root, options.env) : unsigned;
    const ledgerText = appendedText(text, entry);
    await ensureLeptonGitignore(root);
    const writes: JournalWrite[] = [{ path: LEDGER_PATH, content: ledgerText, label: 'ledger' }];
    if (planned.phase !== undefined) {
      if (!setPhase) throw new Error('moving phase: needs the loaded manifest');
      writes.push(setPhase(planned.phase));
    }
    for (const document of options.documents ?? []) writes.push({ path: document.path, content: document.content, label: 'document', unless: document.document });
    await commitWrites(root, writes, options.env ?? process.env);
    await rememberCheckedLines(root, ledgerLines(ledgerText));
    // signEntry checked the signature against the owner's key with ssh-keygen: verify need not again.
    if (key && typeof entry.sig === 'string') await rememberSignedEntry(root, entry, entry.sig, key);
    return { entry, result: planned.result } as Recorded<P>;
  });
}

async function rememberSignedEntry(root: string, entry: LedgerEntry, sig: string, key: string): Promise<void> {
  const [{ contentHash }, { rememberVerifiedSignature, signatureKey }] = await Promise.all([import('./signatures.js'), import('./signature-cache.js')]);
  await rememberVerifiedSignature(root, signatureKey(contentHash(entry), sig, key));
}
